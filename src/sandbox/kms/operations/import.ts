import { ServiceError } from '../../protocol/service-error';
import { oid, OID_EC_PUBLIC_KEY, OID_SECP256K1, readTlv } from '../asymmetric/der';
import { secp256k1Pkcs8, secp256k1Spki } from '../key-material';
import { assertKeyState } from '../key-states';
import type { DispatchOperation, Operation, RequestContext } from '../../shared/context';
import { equalBytes, toHex } from '../../shared/bytes';
import { hex64 } from '../../shared/ids';
import { aesKwpUnwrap } from '../aes-kwp';
import { kmsErrors } from '../kms-errors';
import type { KmsKey } from '../kms-models';
import {
  authorizeKey,
  DAY_MS,
} from '../management-common';
import { keyFromInput } from './lifecycle';
import type {
  DeleteImportedKeyMaterialCommandInput,
  DeleteImportedKeyMaterialCommandOutput,
  GetParametersForImportCommandInput,
  GetParametersForImportCommandOutput,
  ImportKeyMaterialCommandInput,
  ImportKeyMaterialCommandOutput,
} from '@aws-sdk/client-kms';

/**
 * Importing key material (GetParametersForImport, ImportKeyMaterial, DeleteImportedKeyMaterial) into
 * keys created with Origin EXTERNAL: symmetric and HMAC material, and RSA / NIST ECC private keys
 * (PKCS#8), wrapped with RSAES_OAEP_SHA_1/256 or RSA_AES_KEY_WRAP_SHA_1/256 (RSA-OAEP of an AES-256
 * key followed by the material under RFC 5649 key wrap with padding).
 */

const OAEP_HASH: Record<string, 'SHA-1' | 'SHA-256'> = {
  RSAES_OAEP_SHA_1: 'SHA-1',
  RSAES_OAEP_SHA_256: 'SHA-256',
  RSA_AES_KEY_WRAP_SHA_1: 'SHA-1',
  RSA_AES_KEY_WRAP_SHA_256: 'SHA-256',
};
const MODULUS: Record<string, number> = { RSA_2048: 2048, RSA_3072: 3072, RSA_4096: 4096 };
/** Import parameters (public key and token) are valid for 24 hours. */
const PARAMETERS_VALID_MS = DAY_MS;

/** Material sizes the sandbox accepts: 256-bit AES keys; HMAC keys from the hash size up to 64 bytes. */
function materialLengthOk(key: KmsKey, n: number): boolean {
  if (key.keySpec === 'SYMMETRIC_DEFAULT') return n === 32;
  const m = /^HMAC_(\d+)$/.exec(key.keySpec);
  return m !== null && n >= Number(m[1]) / 8 && n <= 64;
}

function assertExternal(key: KmsKey): void {
  if (key.origin !== 'EXTERNAL') {
    throw kmsErrors.unsupported(`${key.arn} origin is ${key.origin} which is not valid for this operation.`);
  }
}

const NIST_CURVES: Record<string, string> = { ECC_NIST_P256: 'P-256', ECC_NIST_P384: 'P-384', ECC_NIST_P521: 'P-521' };

/**
 * Checks an imported private key (DER PKCS#8) against the key spec and derives its public key.
 * Returns the canonical PKCS#8 and SPKI, or undefined when the material does not fit the spec.
 */
async function asymmetricMaterial(
  ctx: RequestContext,
  key: KmsKey,
  der: Uint8Array,
): Promise<{ privateKeyPkcs8: Uint8Array; publicKeySpki: Uint8Array } | undefined> {
  if (key.keySpec === 'ECC_SECG_P256K1') return secp256k1Material(der);
  const subtle = ctx.subtle;
  const curve = NIST_CURVES[key.keySpec];
  const bits = /^RSA_(\d+)$/.exec(key.keySpec)?.[1];
  const alg: RsaHashedImportParams | EcKeyImportParams | undefined = curve
    ? { name: 'ECDSA', namedCurve: curve }
    : bits
      ? { name: 'RSA-PSS', hash: 'SHA-256' }
      : undefined;
  if (!alg) return undefined;
  try {
    const priv = await subtle.importKey('pkcs8', der as Uint8Array<ArrayBuffer>, alg, true, ['sign']);
    const jwk = await subtle.exportKey('jwk', priv);
    if (bits && fromB64url(jwk.n ?? '').length * 8 !== Number(bits)) return undefined;
    const pubJwk: JsonWebKey = curve ? { kty: 'EC', crv: jwk.crv, x: jwk.x, y: jwk.y } : { kty: 'RSA', n: jwk.n, e: jwk.e };
    const pub = await subtle.importKey('jwk', pubJwk, alg, true, ['verify']);
    return {
      privateKeyPkcs8: new Uint8Array(await subtle.exportKey('pkcs8', priv)),
      publicKeySpki: new Uint8Array(await subtle.exportKey('spki', pub)),
    };
  } catch {
    return undefined;
  }
}

/**
 * secp256k1 (WebCrypto has no such curve): the private scalar is read from the PKCS#8 with the
 * secp256k1 OID, checked and its public point derived with noble, loaded only for this spec.
 */
async function secp256k1Material(der: Uint8Array): Promise<{ privateKeyPkcs8: Uint8Array; publicKeySpki: Uint8Array } | undefined> {
  const { ecPrivateScalar } = await import('../asymmetric/ecdsa');
  const { secp256k1 } = await import('@noble/curves/secp256k1.js');
  const top = readTlv(der, 0);
  const version = top && readTlv(der, top.start, top.end);
  const alg = version && readTlv(der, version.end, top.end);
  if (!alg || !equalBytes(der.subarray(alg.start, alg.end), ALG_SECP256K1)) return undefined;
  let d: Uint8Array;
  try {
    d = ecPrivateScalar(der);
  } catch {
    return undefined;
  }
  if (d.length !== 32 || !secp256k1.utils.isValidSecretKey(d)) return undefined;
  const point = secp256k1.getPublicKey(d, false);
  return { privateKeyPkcs8: secp256k1Pkcs8(d, point), publicKeySpki: secp256k1Spki(point) };
}
/** The content of PKCS#8's AlgorithmIdentifier for an EC key on secp256k1. */
const ALG_SECP256K1 = new Uint8Array([...oid(OID_EC_PUBLIC_KEY), ...oid(OID_SECP256K1)]);

function fromB64url(s: string): Uint8Array {
  const b64 = s.replace(/-/g, '+').replace(/_/g, '/');
  const bin = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
  return Uint8Array.from(bin, (c) => c.charCodeAt(0));
}

const getParametersForImport: Operation<GetParametersForImportCommandInput, GetParametersForImportCommandOutput> = async (input, ctx) => {
  const wrappingAlgorithm = input.WrappingAlgorithm;
  const wrappingKeySpec = input.WrappingKeySpec;
  const key = await keyFromInput(input, ctx);
  authorizeKey(ctx, 'GetParametersForImport', key);
  assertExternal(key);
  assertKeyState('GetParametersForImport', key);
  const hash = OAEP_HASH[wrappingAlgorithm!];
  const modulusLength = MODULUS[wrappingKeySpec!];
  if (!hash || !modulusLength) {
    // Sandbox differs: AWS also offers RSAES_PKCS1_V1_5 (being retired) and SM2PKE / SM2 wrapping keys (China Regions).
    throw kmsErrors.unsupported(
      `The KMS Study Lab sandbox supports the wrapping algorithms RSAES_OAEP_SHA_1, RSAES_OAEP_SHA_256, RSA_AES_KEY_WRAP_SHA_1 and RSA_AES_KEY_WRAP_SHA_256 with RSA wrapping keys, not ${wrappingAlgorithm} with ${wrappingKeySpec}. Real AWS KMS supports it.`,
    );
  }
  const pair = (await ctx.subtle.generateKey(
    { name: 'RSA-OAEP', modulusLength, publicExponent: new Uint8Array([1, 0, 1]), hash },
    true,
    ['encrypt', 'decrypt'],
  )) as CryptoKeyPair;
  const spki = new Uint8Array(await ctx.subtle.exportKey('spki', pair.publicKey));
  const pkcs8 = new Uint8Array(await ctx.subtle.exportKey('pkcs8', pair.privateKey));
  const token = ctx.randomBytes(64);
  const validTo = ctx.now() + PARAMETERS_VALID_MS;
  key.importParameters = {
    importToken: token,
    wrappingAlgorithm: wrappingAlgorithm!,
    wrappingKeySpec: wrappingKeySpec!,
    privateKeyPkcs8: pkcs8,
    parametersValidTo: validTo,
  };
  return { KeyId: key.arn, ImportToken: token.slice(), PublicKey: spki, ParametersValidTo: new Date(validTo) };
};

/** RSA-OAEP unwraps the material itself, or (RSA_AES_KEY_WRAP_*) an AES-256 key that RFC 5649 then unwraps it with. */
async function unwrapMaterial(
  ctx: RequestContext,
  params: NonNullable<KmsKey['importParameters']>,
  wrapped: Uint8Array,
): Promise<Uint8Array | undefined> {
  const hash = OAEP_HASH[params.wrappingAlgorithm]!;
  const kwp = params.wrappingAlgorithm.startsWith('RSA_AES_KEY_WRAP');
  const rsaBytes = (MODULUS[params.wrappingKeySpec ?? 'RSA_2048'] ?? 2048) / 8;
  try {
    const priv = await ctx.subtle.importKey(
      'pkcs8',
      params.privateKeyPkcs8 as Uint8Array<ArrayBuffer>,
      { name: 'RSA-OAEP', hash },
      false,
      ['decrypt'],
    );
    const head = kwp ? wrapped.subarray(0, rsaBytes) : wrapped;
    const opened = new Uint8Array(await ctx.subtle.decrypt({ name: 'RSA-OAEP' }, priv, head.slice() as Uint8Array<ArrayBuffer>));
    if (!kwp) return opened;
    if (opened.length !== 32) return undefined;
    return aesKwpUnwrap(ctx.subtle, opened, wrapped.subarray(rsaBytes));
  } catch {
    return undefined;
  }
}

async function sha256Hex(ctx: RequestContext, b: Uint8Array): Promise<string> {
  return toHex(new Uint8Array(await ctx.subtle.digest('SHA-256', b as Uint8Array<ArrayBuffer>)));
}

const importKeyMaterial: Operation<ImportKeyMaterialCommandInput, ImportKeyMaterialCommandOutput> = async (input, ctx) => {
  const token = input.ImportToken;
  const wrapped = input.EncryptedKeyMaterial;
  const expirationModel = input.ExpirationModel;
  const validTo = input.ValidTo?.getTime();
  const key = await keyFromInput(input, ctx);
  const model = expirationModel ?? 'KEY_MATERIAL_EXPIRES';
  if (model === 'KEY_MATERIAL_EXPIRES' && validTo === undefined) {
    throw new ServiceError('ValidationException', 'A validTo date must be set if the ExpirationModel is KEY_MATERIAL_EXPIRES');
  }
  if (model === 'KEY_MATERIAL_DOES_NOT_EXPIRE' && validTo !== undefined) {
    // Not recorded: AWS refuses a ValidTo for material that does not expire.
    throw new ServiceError('ValidationException', 'A validTo date must not be set if the ExpirationModel is KEY_MATERIAL_DOES_NOT_EXPIRE');
  }
  authorizeKey(ctx, 'ImportKeyMaterial', key);
  assertExternal(key);
  assertKeyState('ImportKeyMaterial', key);
  const params = key.importParameters;
  // Not recorded: the texts of the two import-token errors.
  if (!params || !equalBytes(params.importToken, token!)) {
    throw new ServiceError('InvalidImportTokenException', 'The import token is not valid for this KMS key.');
  }
  if (ctx.now() > params.parametersValidTo) throw new ServiceError('ExpiredImportTokenException', 'The import token has expired.');
  const secret = await unwrapMaterial(ctx, params, wrapped!);
  if (!secret) throw kmsErrors.invalidCiphertext();
  const asymmetric = key.keySpec !== 'SYMMETRIC_DEFAULT' && !key.keySpec.startsWith('HMAC_');
  const pair = asymmetric ? await asymmetricMaterial(ctx, key, secret) : undefined;
  if (asymmetric ? !pair : !materialLengthOk(key, secret.length)) {
    throw new ServiceError('IncorrectKeyMaterialException', `The key material is not valid for a KMS key with key spec ${key.keySpec}.`);
  }
  const digest = await sha256Hex(ctx, pair ? pair.privateKeyPkcs8 : secret);
  const existing = key.materials[key.materials.length - 1];
  if (key.importedMaterialDigest !== undefined && key.importedMaterialDigest !== digest) {
    // Re-importing must bring back the material the key had: ciphertexts and signatures are bound to it.
    throw new ServiceError(
      'IncorrectKeyMaterialException',
      'The key material in the request is not the key material that was previously imported into this KMS key.',
    );
  }
  let materialId: string;
  const fields = pair ?? { secret };
  if (existing) {
    Object.assign(existing, fields);
    materialId = existing.id;
  } else {
    materialId = hex64(ctx.randomBytes);
    key.materials.push({ id: materialId, createdAt: ctx.now(), ...fields });
  }
  key.importedMaterialDigest = digest;
  key.expirationModel = model;
  if (model === 'KEY_MATERIAL_EXPIRES') key.validTo = validTo;
  else delete key.validTo;
  if (key.keyState === 'PendingImport') key.keyState = 'Enabled';
  delete key.importParameters;
  ctx.audit.additionalEventData = { keyMaterialId: materialId };
  return { KeyId: key.arn, KeyMaterialId: materialId };
};

/** Removes imported material: the key goes back to PendingImport until the same material is imported again. */
export function deleteImportedMaterial(key: KmsKey): string | undefined {
  const m = key.materials[key.materials.length - 1];
  if (m?.secret) {
    m.secret.fill(0);
    delete m.secret;
  }
  if (m) {
    delete m.privateKeyPkcs8;
    delete m.publicKeySpki;
  }
  delete key.expirationModel;
  delete key.validTo;
  if (key.keyState !== 'PendingDeletion') key.keyState = 'PendingImport';
  return m?.id;
}

const deleteImportedKeyMaterial: Operation<DeleteImportedKeyMaterialCommandInput, DeleteImportedKeyMaterialCommandOutput> = async (input, ctx) => {
  const key = await keyFromInput(input, ctx);
  authorizeKey(ctx, 'DeleteImportedKeyMaterial', key);
  assertExternal(key);
  assertKeyState('DeleteImportedKeyMaterial', key);
  const id = deleteImportedMaterial(key);
  const out: { KeyId: string; KeyMaterialId?: string } = { KeyId: key.arn };
  if (id) out.KeyMaterialId = id;
  return out;
};

export const importOperations: Record<string, DispatchOperation> = {
  GetParametersForImport: getParametersForImport,
  ImportKeyMaterial: importKeyMaterial,
  DeleteImportedKeyMaterial: deleteImportedKeyMaterial,
};
