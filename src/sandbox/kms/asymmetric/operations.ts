import { ServiceError } from '../../protocol/service-error';
import { equalBytes } from '../../shared/bytes';
import type { DispatchOperation, Operation, RequestContext } from '../../shared/context';
import type {
  DeriveSharedSecretCommandInput,
  DeriveSharedSecretCommandOutput,
  GenerateMacCommandInput,
  GenerateMacCommandOutput,
  GetPublicKeyCommandInput,
  GetPublicKeyCommandOutput,
  SignCommandInput,
  SignCommandOutput,
  VerifyCommandInput,
  VerifyCommandOutput,
  VerifyMacCommandInput,
  VerifyMacCommandOutput,
} from '@aws-sdk/client-kms';
import { hmacKey, privateJwk, privateKey, publicKey, type ShaName } from '../crypto-keys';
import { resolveKey } from '../key-lookup';
import { assertKeyState } from '../key-states';
import { isEcSpec, isHmacSpec, isRsaSpec, NIST_CURVE, type EcSpec } from '../key-material';
import { kmsErrors } from '../kms-errors';
import type { KeyMaterial, KeySpec, KmsKey } from '../kms-models';
import { currentMaterial, dryRunIf, keyResource } from '../operations/crypto-common';
import { checkGrantTokens } from '../grant-tokens';
import { noRecipient } from '../operations/crypto-input';
import { ecdsaDerToRaw, ecdsaRawToDer } from './der';

/**
 * Sign, Verify, GetPublicKey, DeriveSharedSecret, GenerateMac and VerifyMac
 * (kms-behavior.md §5.11, §5.12, §5.14, §5.22). WebCrypto does the work wherever it can; RSA over
 * a digest (rsa-digest.ts) and ECDSA over a digest or on secp256k1 (ecdsa.ts) are loaded on demand.
 */

export const SIGNING_ALGORITHMS = [
  'RSASSA_PSS_SHA_256', 'RSASSA_PSS_SHA_384', 'RSASSA_PSS_SHA_512',
  'RSASSA_PKCS1_V1_5_SHA_256', 'RSASSA_PKCS1_V1_5_SHA_384', 'RSASSA_PKCS1_V1_5_SHA_512',
  'ECDSA_SHA_256', 'ECDSA_SHA_384', 'ECDSA_SHA_512',
  'SM2DSA', 'ML_DSA_SHAKE_256', 'ED25519_SHA_512', 'ED25519_PH_SHA_512',
] as const;
type SigningAlgorithm = (typeof SIGNING_ALGORITHMS)[number];
/** Recorded hash-set order (kms-behavior.md §3). */
export const MAC_ALGORITHMS = ['HMAC_SHA_384', 'HMAC_SHA_256', 'HMAC_SHA_224', 'HMAC_SHA_512'] as const;
type MacAlgorithm = (typeof MAC_ALGORITHMS)[number];

interface SigParams {
  kind: 'PKCS1' | 'PSS' | 'ECDSA';
  hash: 'SHA-256' | 'SHA-384' | 'SHA-512';
  digestLength: number;
}
const SIG: Partial<Record<SigningAlgorithm, SigParams>> = {
  RSASSA_PSS_SHA_256: { kind: 'PSS', hash: 'SHA-256', digestLength: 32 },
  RSASSA_PSS_SHA_384: { kind: 'PSS', hash: 'SHA-384', digestLength: 48 },
  RSASSA_PSS_SHA_512: { kind: 'PSS', hash: 'SHA-512', digestLength: 64 },
  RSASSA_PKCS1_V1_5_SHA_256: { kind: 'PKCS1', hash: 'SHA-256', digestLength: 32 },
  RSASSA_PKCS1_V1_5_SHA_384: { kind: 'PKCS1', hash: 'SHA-384', digestLength: 48 },
  RSASSA_PKCS1_V1_5_SHA_512: { kind: 'PKCS1', hash: 'SHA-512', digestLength: 64 },
  ECDSA_SHA_256: { kind: 'ECDSA', hash: 'SHA-256', digestLength: 32 },
  ECDSA_SHA_384: { kind: 'ECDSA', hash: 'SHA-384', digestLength: 48 },
  ECDSA_SHA_512: { kind: 'ECDSA', hash: 'SHA-512', digestLength: 64 },
};

const RSA_SIGNING = [
  'RSASSA_PKCS1_V1_5_SHA_256', 'RSASSA_PKCS1_V1_5_SHA_384', 'RSASSA_PKCS1_V1_5_SHA_512',
  'RSASSA_PSS_SHA_256', 'RSASSA_PSS_SHA_384', 'RSASSA_PSS_SHA_512',
] as const;

/** The algorithm lists DescribeKey and GetPublicKey report (kms-behavior.md §5.2). */
export function signingAlgorithmsFor(spec: KeySpec): SigningAlgorithm[] {
  if (isRsaSpec(spec)) return [...RSA_SIGNING];
  if (spec === 'ECC_NIST_P256' || spec === 'ECC_SECG_P256K1') return ['ECDSA_SHA_256'];
  if (spec === 'ECC_NIST_P384') return ['ECDSA_SHA_384'];
  if (spec === 'ECC_NIST_P521') return ['ECDSA_SHA_512'];
  return [];
}

const MAC_FOR_SPEC: Record<string, MacAlgorithm> = {
  HMAC_224: 'HMAC_SHA_224',
  HMAC_256: 'HMAC_SHA_256',
  HMAC_384: 'HMAC_SHA_384',
  HMAC_512: 'HMAC_SHA_512',
};

// ---------------------------------------------------------------------------------------------
// Signatures

interface SignRequest {
  key: KmsKey;
  alg: SigningAlgorithm;
  params: SigParams;
  messageType: 'RAW' | 'DIGEST' | 'EXTERNAL_MU';
  message: Uint8Array;
}

/** Validation, resolution, authorisation and key checks shared by Sign and Verify. */
async function prepareSignature(input: SignCommandInput | VerifyCommandInput, ctx: RequestContext, op: 'Sign' | 'Verify') {
  const keyIdRaw = input.KeyId!;
  const message = input.Message!;
  const messageType = input.MessageType ?? 'RAW';
  const signature = 'Signature' in input ? input.Signature : undefined;
  const alg = input.SigningAlgorithm! as SigningAlgorithm;
  checkGrantTokens(input.GrantTokens);
  const dryRun = input.DryRun ?? false;
  ctx.audit.requestParameters = { keyId: keyIdRaw, messageType, signingAlgorithm: alg };
  ctx.audit.responseElements = null;
  const params = SIG[alg];
  if (messageType === 'DIGEST' && params && message.length !== params.digestLength) {
    throw new ServiceError('ValidationException', `Digest is invalid length for algorithm ${alg}.`);
  }

  const key = await resolveKey(ctx, keyIdRaw, { allowAlias: true });
  ctx.audit.resources = [keyResource(key)];
  ctx.authorize({
    action: `kms:${op}`,
    resource: key.arn,
    resourcePolicy: key.policy,
    conditions: { 'kms:SigningAlgorithm': alg, 'kms:MessageType': messageType },
  });
  assertKeyState(op, key);
  if (key.keyUsage !== 'SIGN_VERIFY') throw kmsErrors.keyUsage(key.arn, key.keyUsage, op);
  if (!params || !signingAlgorithmsFor(key.keySpec).includes(alg)) throw kmsErrors.algorithmIncompatible(alg, key.keySpec);
  if (messageType === 'EXTERNAL_MU') {
    throw new ServiceError('ValidationException', `MessageType EXTERNAL_MU is only valid with ML-DSA keys, not key spec ${key.keySpec}.`);
  }
  dryRunIf(dryRun);
  const req: SignRequest = { key, alg, params, messageType, message };
  return { req, signature };
}

const webHash = async (ctx: RequestContext, hash: string, m: Uint8Array) =>
  new Uint8Array(await ctx.subtle.digest(hash, m as Uint8Array<ArrayBuffer>));

const rsaWebAlg = (p: SigParams) => (p.kind === 'PSS' ? 'RSA-PSS' : 'RSASSA-PKCS1-v1_5');
const rsaSignParams = (p: SigParams): AlgorithmIdentifier | RsaPssParams =>
  p.kind === 'PSS' ? { name: 'RSA-PSS', saltLength: p.digestLength } : { name: 'RSASSA-PKCS1-v1_5' };

async function signWith(ctx: RequestContext, r: SignRequest, m: KeyMaterial): Promise<Uint8Array> {
  const spec = r.key.keySpec;
  if (isRsaSpec(spec)) {
    if (r.messageType === 'RAW') {
      const k = await privateKey(ctx, m, { name: rsaWebAlg(r.params), hash: r.params.hash }, 'sign');
      return new Uint8Array(await ctx.subtle.sign(rsaSignParams(r.params), k, r.message as Uint8Array<ArrayBuffer>));
    }
    const [{ rsaSignDigest }, jwk] = await Promise.all([
      import('./rsa-digest'),
      privateJwk(ctx, m, { name: 'RSA-PSS', hash: 'SHA-256' }),
    ]);
    return rsaSignDigest(jwk, r.params.kind === 'PSS' ? 'PSS' : 'PKCS1', r.params.hash, r.message, ctx.randomBytes);
  }
  const ec = spec as EcSpec;
  if (ec !== 'ECC_SECG_P256K1' && r.messageType === 'RAW') {
    const k = await privateKey(ctx, m, { name: 'ECDSA', namedCurve: NIST_CURVE[ec] }, 'sign');
    const raw = await ctx.subtle.sign({ name: 'ECDSA', hash: r.params.hash }, k, r.message as Uint8Array<ArrayBuffer>);
    return ecdsaRawToDer(new Uint8Array(raw));
  }
  const digest = r.messageType === 'DIGEST' ? r.message : await webHash(ctx, r.params.hash, r.message);
  const { ecdsaSignDigest } = await import('./ecdsa');
  return ecdsaSignDigest(ec, m.privateKeyPkcs8!, digest);
}

const EC_SIZE: Record<string, number> = { 'P-256': 32, 'P-384': 48, 'P-521': 66 };

async function verifyWith(ctx: RequestContext, r: SignRequest, m: KeyMaterial, sig: Uint8Array): Promise<boolean> {
  const spec = r.key.keySpec;
  if (isRsaSpec(spec)) {
    if (r.messageType === 'RAW') {
      const k = await publicKey(ctx, m, { name: rsaWebAlg(r.params), hash: r.params.hash }, 'verify');
      return ctx.subtle.verify(rsaSignParams(r.params), k, sig as Uint8Array<ArrayBuffer>, r.message as Uint8Array<ArrayBuffer>);
    }
    const [{ rsaVerifyDigest }, jwk] = await Promise.all([
      import('./rsa-digest'),
      privateJwk(ctx, m, { name: 'RSA-PSS', hash: 'SHA-256' }),
    ]);
    return rsaVerifyDigest(jwk, r.params.kind === 'PSS' ? 'PSS' : 'PKCS1', r.params.hash, r.message, sig);
  }
  const ec = spec as EcSpec;
  if (ec !== 'ECC_SECG_P256K1' && r.messageType === 'RAW') {
    const curve = NIST_CURVE[ec];
    const raw = ecdsaDerToRaw(sig, EC_SIZE[curve]!);
    if (!raw) return false;
    const k = await publicKey(ctx, m, { name: 'ECDSA', namedCurve: curve }, 'verify');
    return ctx.subtle.verify({ name: 'ECDSA', hash: r.params.hash }, k, raw, r.message as Uint8Array<ArrayBuffer>);
  }
  const digest = r.messageType === 'DIGEST' ? r.message : await webHash(ctx, r.params.hash, r.message);
  const { ecdsaVerifyDigest } = await import('./ecdsa');
  return ecdsaVerifyDigest(ec, m.publicKeySpki!, digest, sig);
}

const sign: Operation<SignCommandInput, SignCommandOutput> = async (input, ctx) => {
  const { req } = await prepareSignature(input, ctx, 'Sign');
  const signature = await signWith(ctx, req, currentMaterial(req.key));
  return { KeyId: req.key.arn, Signature: signature, SigningAlgorithm: req.alg };
};

/** A signature that does not verify raises KMSInvalidSignatureException; SignatureValid is never false (S). */
const verify: Operation<VerifyCommandInput, VerifyCommandOutput> = async (input, ctx) => {
  const { req, signature } = await prepareSignature(input, ctx, 'Verify');
  const ok = await verifyWith(ctx, req, currentMaterial(req.key), signature!).catch(() => false);
  if (!ok) throw kmsErrors.invalidSignature();
  return { KeyId: req.key.arn, SignatureValid: true, SigningAlgorithm: req.alg };
};

// ---------------------------------------------------------------------------------------------
// GetPublicKey, DeriveSharedSecret

const getPublicKey: Operation<GetPublicKeyCommandInput, GetPublicKeyCommandOutput> = async (input, ctx) => {
  const keyIdRaw = input.KeyId!;
  checkGrantTokens(input.GrantTokens);
  ctx.audit.requestParameters = { keyId: keyIdRaw };
  ctx.audit.responseElements = null;
  const key = await resolveKey(ctx, keyIdRaw, { allowAlias: true });
  ctx.audit.resources = [keyResource(key)];
  ctx.authorize({ action: 'kms:GetPublicKey', resource: key.arn, resourcePolicy: key.policy });
  assertKeyState('GetPublicKey', key);
  if (!isRsaSpec(key.keySpec) && !isEcSpec(key.keySpec)) {
    // Unrecorded text (kms-behavior.md §9); the sandbox follows the "<arn> origin is ... which is
    // not valid for this operation." pattern AWS uses for the same exception.
    throw kmsErrors.unsupported(`${key.arn} key spec is ${key.keySpec} which is not valid for this operation.`);
  }
  const m = currentMaterial(key);
  return {
    KeyId: key.arn,
    PublicKey: new Uint8Array(m.publicKeySpki!),
    CustomerMasterKeySpec: key.keySpec,
    KeySpec: key.keySpec,
    KeyUsage: key.keyUsage,
    ...(key.keyUsage === 'ENCRYPT_DECRYPT' ? { EncryptionAlgorithms: ['RSAES_OAEP_SHA_1', 'RSAES_OAEP_SHA_256'] } : {}),
    ...(key.keyUsage === 'SIGN_VERIFY' ? { SigningAlgorithms: signingAlgorithmsFor(key.keySpec) } : {}),
    ...(key.keyUsage === 'KEY_AGREEMENT' ? { KeyAgreementAlgorithms: ['ECDH'] } : {}),
  };
};

const ECDH_BITS: Record<string, number> = { 'P-256': 256, 'P-384': 384, 'P-521': 528 };

const deriveSharedSecret: Operation<DeriveSharedSecretCommandInput, DeriveSharedSecretCommandOutput> = async (input, ctx) => {
  const keyIdRaw = input.KeyId!;
  const alg = input.KeyAgreementAlgorithm!;
  const peer = input.PublicKey!;
  checkGrantTokens(input.GrantTokens);
  noRecipient(input.Recipient);
  const dryRun = input.DryRun ?? false;
  ctx.audit.requestParameters = { keyId: keyIdRaw, keyAgreementAlgorithm: alg };
  ctx.audit.responseElements = null;
  const key = await resolveKey(ctx, keyIdRaw, { allowAlias: true });
  ctx.audit.resources = [keyResource(key)];
  ctx.authorize({
    action: 'kms:DeriveSharedSecret',
    resource: key.arn,
    resourcePolicy: key.policy,
    conditions: { 'kms:KeyAgreementAlgorithm': alg },
  });
  assertKeyState('DeriveSharedSecret', key);
  if (key.keyUsage !== 'KEY_AGREEMENT') throw kmsErrors.keyUsage(key.arn, key.keyUsage, 'DeriveSharedSecret');
  const curve = NIST_CURVE[key.keySpec as keyof typeof NIST_CURVE];
  if (!curve) throw kmsErrors.algorithmIncompatible(alg, key.keySpec);
  dryRunIf(dryRun);
  let peerKey: CryptoKey;
  try {
    peerKey = await ctx.subtle.importKey('spki', peer as Uint8Array<ArrayBuffer>, { name: 'ECDH', namedCurve: curve }, false, []);
  } catch {
    // AWS answers a public key that is not a DER SPKI of the key's curve with no message (S).
    throw new ServiceError('ValidationException');
  }
  const k = await privateKey(ctx, currentMaterial(key), { name: 'ECDH', namedCurve: curve }, 'deriveBits');
  let secret: ArrayBuffer;
  try {
    secret = await ctx.subtle.deriveBits({ name: 'ECDH', public: peerKey }, k, ECDH_BITS[curve]!);
  } catch {
    throw new ServiceError('ValidationException');
  }
  return { KeyId: key.arn, SharedSecret: new Uint8Array(secret), KeyAgreementAlgorithm: alg, KeyOrigin: key.origin };
};

// ---------------------------------------------------------------------------------------------
// GenerateMac, VerifyMac

async function prepareMac(input: GenerateMacCommandInput | VerifyMacCommandInput, ctx: RequestContext, op: 'GenerateMac' | 'VerifyMac') {
  const message = input.Message!;
  const keyIdRaw = input.KeyId!;
  const alg = input.MacAlgorithm! as MacAlgorithm;
  const mac = 'Mac' in input ? input.Mac : undefined;
  checkGrantTokens(input.GrantTokens);
  const dryRun = input.DryRun ?? false;
  ctx.audit.requestParameters = { keyId: keyIdRaw, macAlgorithm: alg };
  ctx.audit.responseElements = null;
  const key = await resolveKey(ctx, keyIdRaw, { allowAlias: true });
  ctx.audit.resources = [keyResource(key)];
  ctx.authorize({ action: `kms:${op}`, resource: key.arn, resourcePolicy: key.policy, conditions: { 'kms:MacAlgorithm': alg } });
  assertKeyState(op, key);
  if (key.keyUsage !== 'GENERATE_VERIFY_MAC') throw kmsErrors.keyUsage(key.arn, key.keyUsage, op);
  if (!isHmacSpec(key.keySpec) || MAC_FOR_SPEC[key.keySpec] !== alg) throw kmsErrors.algorithmIncompatible(alg, key.keySpec);
  dryRunIf(dryRun);
  return { key, alg, message, mac };
}

async function computeMac(ctx: RequestContext, m: KeyMaterial, alg: MacAlgorithm, message: Uint8Array): Promise<Uint8Array> {
  if (alg === 'HMAC_SHA_224') {
    // WebCrypto has no SHA-224.
    const [{ hmac }, { sha224 }] = await Promise.all([import('@noble/hashes/hmac.js'), import('@noble/hashes/sha2.js')]);
    return hmac(sha224, m.secret!, message);
  }
  const hash = `SHA-${alg.slice(-3)}` as ShaName;
  const k = await hmacKey(ctx, m, hash);
  return new Uint8Array(await ctx.subtle.sign('HMAC', k, message as Uint8Array<ArrayBuffer>));
}

const generateMac: Operation<GenerateMacCommandInput, GenerateMacCommandOutput> = async (input, ctx) => {
  const { key, alg, message } = await prepareMac(input, ctx, 'GenerateMac');
  const mac = await computeMac(ctx, currentMaterial(key), alg, message);
  return { Mac: mac, MacAlgorithm: alg, KeyId: key.arn };
};

/** A MAC that does not match raises KMSInvalidMacException; MacValid is never false (S). */
const verifyMac: Operation<VerifyMacCommandInput, VerifyMacCommandOutput> = async (input, ctx) => {
  const { key, alg, message, mac } = await prepareMac(input, ctx, 'VerifyMac');
  const expected = await computeMac(ctx, currentMaterial(key), alg, message);
  if (!equalBytes(expected, mac!)) throw kmsErrors.invalidMac();
  return { KeyId: key.arn, MacValid: true, MacAlgorithm: alg };
};

export const asymmetricOperations: Record<string, DispatchOperation> = {
  Sign: sign,
  Verify: verify,
  GetPublicKey: getPublicKey,
  DeriveSharedSecret: deriveSharedSecret,
  GenerateMac: generateMac,
  VerifyMac: verifyMac,
};
