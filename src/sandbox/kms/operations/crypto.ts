import { ServiceError } from '../../protocol/service-error';
import { concatBytes, wipe } from '../../shared/bytes';
import { SANDBOX_ACCOUNTS, type DispatchOperation, type Operation, type RequestContext } from '../../shared/context';
import { assembleBlob, blobHeader, innerPlaintext, NONCE_SIZE, parseBlob, unwrapInner } from '../ciphertext-blob';
import { aesKey, privateKey, publicKey } from '../crypto-keys';
import {
  canonicalContext,
  contextConditions,
  isEmptyContext,
  type EncryptionContext,
} from '../encryption-context';
import { resolveKey } from '../key-lookup';
import { assertKeyState } from '../key-states';
import { generateKeyPair, isRsaSpec, RSA_BITS, type EcSpec, type RsaSpec } from '../key-material';
import { kmsErrors } from '../kms-errors';
import type { KeyMaterial, KmsKey } from '../kms-models';
import { kmsRegion } from '../kms-region';
import { asymmetricOperations } from '../asymmetric/operations';
import { currentMaterial, dryRunIf, keyResource } from './crypto-common';
import { checkGrantTokens } from '../grant-tokens';
import { noRecipient } from './crypto-input';
import type {
  DecryptCommandInput,
  DecryptCommandOutput,
  EncryptCommandInput,
  EncryptCommandOutput,
  GenerateDataKeyCommandInput,
  GenerateDataKeyCommandOutput,
  GenerateDataKeyPairCommandInput,
  GenerateDataKeyPairCommandOutput,
  GenerateRandomCommandInput,
  GenerateRandomCommandOutput,
  ReEncryptCommandInput,
  ReEncryptCommandOutput,
} from '@aws-sdk/client-kms';

/**
 * KMS cryptographic operations (kms-behavior.md §5.5-5.14, §5.22, §6, §7). Each one validates its
 * input, resolves the key, asks ctx.authorize, checks the key state, then the key's usage and
 * algorithms, honours DryRun, and only then touches key material.
 */

export const ENCRYPTION_ALGORITHMS = ['SYMMETRIC_DEFAULT', 'RSAES_OAEP_SHA_1', 'RSAES_OAEP_SHA_256', 'SM2PKE'] as const;
export type EncryptionAlgorithm = (typeof ENCRYPTION_ALGORITHMS)[number];

/** CreateKey's keySpec list in AWS's recorded hash-set order: GenerateDataKey reports a bad KeySpec with it (R, boto3#3428). */
export const CREATE_KEY_SPEC_ENUM = [
  'RSA_2048', 'ECC_NIST_P384', 'ECC_NIST_P256', 'ECC_NIST_P521', 'HMAC_384', 'RSA_3072',
  'ECC_SECG_P256K1', 'RSA_4096', 'SYMMETRIC_DEFAULT', 'HMAC_256', 'HMAC_224', 'HMAC_512',
] as const;

export const KEY_PAIR_SPECS = [
  'RSA_2048', 'RSA_3072', 'RSA_4096', 'ECC_NIST_P256', 'ECC_NIST_P384', 'ECC_NIST_P521',
  'ECC_SECG_P256K1', 'ECC_NIST_EDWARDS25519', 'SM2', 'ML_KEM_512', 'ML_KEM_768', 'ML_KEM_1024',
] as const;
/** Pair specs AWS offers that the sandbox does not generate (it says so: UnsupportedOperationException). */
const PAIR_SPECS_NOT_IN_SANDBOX: readonly string[] = ['ECC_NIST_EDWARDS25519', 'SM2', 'ML_KEM_512', 'ML_KEM_768', 'ML_KEM_1024'];

/** RSAES-OAEP plaintext limits: k - 2*hLen - 2 (kms-behavior.md §5.13). */
export function oaepLimit(spec: RsaSpec, alg: 'RSAES_OAEP_SHA_1' | 'RSAES_OAEP_SHA_256'): number {
  const k = RSA_BITS[spec] / 8;
  const hLen = alg === 'RSAES_OAEP_SHA_1' ? 20 : 32;
  return k - 2 * hLen - 2;
}

const oaepHash = (alg: string) => (alg === 'RSAES_OAEP_SHA_1' ? 'SHA-1' : 'SHA-256');

/**
 * Sandbox differs (unrecorded, kms-behavior.md §9): AWS documents that asymmetric keys take no
 * encryption context but its error for one is not recorded; the sandbox answers ValidationException.
 */
const contextNotSupported = (spec: string) =>
  new ServiceError('ValidationException', `EncryptionContext is not supported with key spec ${spec}: only symmetric encryption keys authenticate an encryption context.`);

/** Data-key operations need a symmetric encryption key (kms-behavior.md §5.8, §5.9). */
function assertSymmetricEncryptKey(key: KmsKey, op: string): void {
  if (key.keyUsage !== 'ENCRYPT_DECRYPT') throw kmsErrors.keyUsage(key.arn, key.keyUsage, op);
  if (key.keySpec !== 'SYMMETRIC_DEFAULT') throw kmsErrors.algorithmIncompatible('SYMMETRIC_DEFAULT', key.keySpec);
}

// ---------------------------------------------------------------------------------------------
// Symmetric sealing and opening: the blob layout lives in ciphertext-blob.ts.

/** AAD = canonical encryption context || the 58 header bytes (docs/ciphertext-blob.md). */
function aad(context: EncryptionContext, header: Uint8Array): Uint8Array<ArrayBuffer> {
  return concatBytes(canonicalContext(context), header);
}

export async function sealSymmetric(
  ctx: RequestContext,
  key: KmsKey,
  plaintext: Uint8Array,
  context: EncryptionContext,
): Promise<{ blob: Uint8Array<ArrayBuffer>; material: KeyMaterial }> {
  const material = currentMaterial(key);
  const header = blobHeader(material.id, key.keyId, plaintext.length);
  const nonce = ctx.randomBytes(NONCE_SIZE);
  const inner = innerPlaintext(plaintext, ctx.now());
  try {
    const k = await aesKey(ctx, material);
    const sealed = await ctx.subtle.encrypt({ name: 'AES-GCM', iv: nonce, additionalData: aad(context, header) }, k, inner);
    return { blob: assembleBlob(header, nonce, new Uint8Array(sealed)), material };
  } finally {
    wipe(inner);
  }
}

interface Opened {
  key: KmsKey;
  plaintext: Uint8Array;
  algorithm: EncryptionAlgorithm;
  material?: KeyMaterial;
}

interface OpenRequest {
  blob: Uint8Array;
  keyIdRaw: string | undefined;
  algorithm: EncryptionAlgorithm;
  context: EncryptionContext;
  /** kms:Decrypt or kms:ReEncryptFrom */
  action: string;
  dryRun: boolean;
}

/**
 * Decrypt's core (also ReEncrypt's source side). Symmetric ciphertext names its key and material
 * version; RSA ciphertext names nothing, so KeyId is required for it. Every failure to open a
 * symmetric blob (malformed, unknown key or material in this region, wrong context, tampered)
 * is InvalidCiphertextException without a message, as on AWS.
 */
async function openCiphertext(ctx: RequestContext, req: OpenRequest): Promise<Opened> {
  const requested = req.keyIdRaw === undefined ? undefined : await resolveKey(ctx, req.keyIdRaw, { allowAlias: true });
  const conditions = { ...contextConditions(req.context), 'kms:EncryptionAlgorithm': req.algorithm };

  if (requested && isRsaSpec(requested.keySpec)) {
    ctx.audit.resources = [keyResource(requested)];
    ctx.authorize({ action: req.action, resource: requested.arn, resourcePolicy: requested.policy, conditions });
    assertKeyState(req.action === 'kms:Decrypt' ? 'Decrypt' : 'ReEncrypt', requested);
    if (requested.keyUsage !== 'ENCRYPT_DECRYPT') throw kmsErrors.incorrectKey();
    if (req.algorithm !== 'RSAES_OAEP_SHA_1' && req.algorithm !== 'RSAES_OAEP_SHA_256') {
      throw kmsErrors.algorithmIncompatible(req.algorithm, requested.keySpec);
    }
    if (!isEmptyContext(req.context)) throw contextNotSupported(requested.keySpec);
    dryRunIf(req.dryRun);
    const material = currentMaterial(requested);
    if (req.blob.length !== RSA_BITS[requested.keySpec] / 8) throw kmsErrors.invalidCiphertext();
    const k = await privateKey(ctx, material, { name: 'RSA-OAEP', hash: oaepHash(req.algorithm) }, 'decrypt');
    try {
      const pt = await ctx.subtle.decrypt({ name: 'RSA-OAEP' }, k, req.blob as Uint8Array<ArrayBuffer>);
      return { key: requested, plaintext: new Uint8Array(pt), algorithm: req.algorithm };
    } catch {
      throw kmsErrors.invalidCiphertext();
    }
  }
  // HMAC and EC keys cannot decrypt anything (recorded for HMAC: IncorrectKeyException).
  if (requested && requested.keySpec !== 'SYMMETRIC_DEFAULT') throw kmsErrors.incorrectKey();

  const parsed = parseBlob(req.blob);
  if (!parsed) throw kmsErrors.invalidCiphertext();
  // Sandbox choice pinned by a test: a blob from another region (or a deleted key) names a key
  // this region does not have, so it is InvalidCiphertextException, as AWS answers.
  // The key the blob names: the one KeyId named (another account's key is named by its ARN), else
  // this account's, else a key of another account of the sandbox (a symmetric blob identifies its
  // key, so AWS decrypts another account's ciphertext without KeyId when both policies allow).
  const key =
    (requested?.keyId === parsed.keyId ? requested : undefined) ?? kmsRegion(ctx).keys[parsed.keyId] ?? foreignKey(ctx, parsed.keyId);
  if (!key) throw kmsErrors.invalidCiphertext();
  if (requested && requested.keyId !== key.keyId) throw kmsErrors.incorrectKey();
  ctx.audit.resources = [keyResource(key)];
  ctx.authorize({ action: req.action, resource: key.arn, resourcePolicy: key.policy, conditions });
  assertKeyState(req.action === 'kms:Decrypt' ? 'Decrypt' : 'ReEncrypt', key);
  if (req.algorithm !== 'SYMMETRIC_DEFAULT') throw kmsErrors.algorithmIncompatible(req.algorithm, key.keySpec);
  dryRunIf(req.dryRun);
  const material = key.materials.find((m) => m.id === parsed.materialId);
  if (!material?.secret) throw kmsErrors.invalidCiphertext();
  ctx.audit.additionalEventData = { ...ctx.audit.additionalEventData, keyMaterialId: material.id };
  let inner: Uint8Array;
  try {
    const k = await aesKey(ctx, material);
    inner = new Uint8Array(
      await ctx.subtle.decrypt(
        { name: 'AES-GCM', iv: parsed.nonce as Uint8Array<ArrayBuffer>, additionalData: aad(req.context, parsed.header) },
        k,
        parsed.sealed as Uint8Array<ArrayBuffer>,
      ),
    );
  } catch {
    throw kmsErrors.invalidCiphertext();
  }
  const plaintext = unwrapInner(inner);
  if (!plaintext) throw kmsErrors.invalidCiphertext();
  return { key, plaintext, algorithm: 'SYMMETRIC_DEFAULT', material };
}

function foreignKey(ctx: RequestContext, keyId: string): KmsKey | undefined {
  for (const account of SANDBOX_ACCOUNTS) {
    if (account === ctx.accountId) continue;
    const key = ctx.accountState?.(account)?.kms.regions[ctx.region]?.keys[keyId];
    if (key) return key;
  }
  return undefined;
}

interface SealRequest {
  key: KmsKey;
  plaintext: Uint8Array;
  algorithm: EncryptionAlgorithm;
  context: EncryptionContext;
  /** Operation name in the usage error: Encrypt, or ReEncryptTo for ReEncrypt's destination. */
  usageOp: string;
  dryRun: boolean;
}

/** Checks a key and algorithm for encryption (state checked by the caller), then encrypts. */
async function sealAny(ctx: RequestContext, req: SealRequest): Promise<{ blob: Uint8Array; material?: KeyMaterial }> {
  const { key } = req;
  if (key.keyUsage !== 'ENCRYPT_DECRYPT') throw kmsErrors.keyUsage(key.arn, key.keyUsage, req.usageOp);
  if (isRsaSpec(key.keySpec)) {
    if (req.algorithm !== 'RSAES_OAEP_SHA_1' && req.algorithm !== 'RSAES_OAEP_SHA_256') {
      throw kmsErrors.algorithmIncompatible(req.algorithm, key.keySpec);
    }
    if (!isEmptyContext(req.context)) throw contextNotSupported(key.keySpec);
    const limit = oaepLimit(key.keySpec, req.algorithm);
    if (req.plaintext.length > limit) {
      throw new ServiceError(
        'ValidationException',
        `Algorithm ${req.algorithm} and key spec ${key.keySpec} cannot encrypt data larger than ${limit} bytes.`,
      );
    }
    dryRunIf(req.dryRun);
    const material = currentMaterial(key);
    const k = await publicKey(ctx, material, { name: 'RSA-OAEP', hash: oaepHash(req.algorithm) }, 'encrypt');
    const ct = await ctx.subtle.encrypt({ name: 'RSA-OAEP' }, k, req.plaintext as Uint8Array<ArrayBuffer>);
    return { blob: new Uint8Array(ct) };
  }
  if (req.algorithm !== 'SYMMETRIC_DEFAULT') throw kmsErrors.algorithmIncompatible(req.algorithm, key.keySpec);
  dryRunIf(req.dryRun);
  return sealSymmetric(ctx, key, req.plaintext, req.context);
}

/** CloudTrail records a context only when the request carried one. */
const sentContext = (sent: EncryptionContext | undefined, name: string) => (sent === undefined ? {} : { [name]: sent });

const keyMaterialNote = (ctx: RequestContext, m: KeyMaterial | undefined) => {
  if (m) ctx.audit.additionalEventData = { ...ctx.audit.additionalEventData, keyMaterialId: m.id };
};

// ---------------------------------------------------------------------------------------------
// Operations

const encrypt: Operation<EncryptCommandInput, EncryptCommandOutput> = async (input, ctx) => {
  const keyIdRaw = input.KeyId!;
  const plaintext = input.Plaintext!;
  const context = input.EncryptionContext ?? {};
  const algorithm = (input.EncryptionAlgorithm ?? 'SYMMETRIC_DEFAULT') as EncryptionAlgorithm;
  checkGrantTokens(input.GrantTokens);
  const dryRun = input.DryRun ?? false;
  ctx.audit.requestParameters = { keyId: keyIdRaw, ...sentContext(input.EncryptionContext, 'encryptionContext'), encryptionAlgorithm: algorithm };
  ctx.audit.responseElements = null;

  const key = await resolveKey(ctx, keyIdRaw, { allowAlias: true });
  ctx.audit.resources = [keyResource(key)];
  ctx.authorize({
    action: 'kms:Encrypt',
    resource: key.arn,
    resourcePolicy: key.policy,
    conditions: { ...contextConditions(context), 'kms:EncryptionAlgorithm': algorithm },
  });
  assertKeyState('Encrypt', key);
  const { blob, material } = await sealAny(ctx, { key, plaintext, algorithm, context, usageOp: 'Encrypt', dryRun });
  keyMaterialNote(ctx, material);
  return { CiphertextBlob: blob, KeyId: key.arn, EncryptionAlgorithm: algorithm };
};

const decrypt: Operation<DecryptCommandInput, DecryptCommandOutput> = async (input, ctx) => {
  const blob = input.CiphertextBlob!;
  const context = input.EncryptionContext ?? {};
  const keyIdRaw = input.KeyId;
  noRecipient(input.Recipient);
  const algorithm = (input.EncryptionAlgorithm ?? 'SYMMETRIC_DEFAULT') as EncryptionAlgorithm;
  checkGrantTokens(input.GrantTokens);
  const dryRun = input.DryRun ?? false;
  ctx.audit.requestParameters = {
    ...(keyIdRaw === undefined ? {} : { keyId: keyIdRaw }),
    ...sentContext(input.EncryptionContext, 'encryptionContext'),
    encryptionAlgorithm: algorithm,
  };
  ctx.audit.responseElements = null;
  const opened = await openCiphertext(ctx, { blob, keyIdRaw, algorithm, context, action: 'kms:Decrypt', dryRun });
  return {
    KeyId: opened.key.arn,
    Plaintext: opened.plaintext,
    EncryptionAlgorithm: opened.algorithm,
    ...(opened.material ? { KeyMaterialId: opened.material.id } : {}),
  };
};

const reEncrypt: Operation<ReEncryptCommandInput, ReEncryptCommandOutput> = async (input, ctx) => {
  const blob = input.CiphertextBlob!;
  const sourceContext = input.SourceEncryptionContext ?? {};
  const sourceKeyIdRaw = input.SourceKeyId;
  const destKeyIdRaw = input.DestinationKeyId!;
  const destContext = input.DestinationEncryptionContext ?? {};
  const sourceAlg = (input.SourceEncryptionAlgorithm ?? 'SYMMETRIC_DEFAULT') as EncryptionAlgorithm;
  const destAlg = (input.DestinationEncryptionAlgorithm ?? 'SYMMETRIC_DEFAULT') as EncryptionAlgorithm;
  checkGrantTokens(input.GrantTokens);
  const dryRun = input.DryRun ?? false;
  ctx.audit.requestParameters = {
    ...(sourceKeyIdRaw === undefined ? {} : { sourceKeyId: sourceKeyIdRaw }),
    destinationKeyId: destKeyIdRaw,
    ...sentContext(input.SourceEncryptionContext, 'sourceEncryptionContext'),
    ...sentContext(input.DestinationEncryptionContext, 'destinationEncryptionContext'),
    sourceEncryptionAlgorithm: sourceAlg,
    destinationEncryptionAlgorithm: destAlg,
  };
  ctx.audit.responseElements = null;

  const dest = await resolveKey(ctx, destKeyIdRaw, { allowAlias: true });
  // DryRun is judged after both sides are authorised and checked, so the source opens for real.
  const opened = await openCiphertext(ctx, {
    blob,
    keyIdRaw: sourceKeyIdRaw,
    algorithm: sourceAlg,
    context: sourceContext,
    action: 'kms:ReEncryptFrom',
    dryRun: false,
  });
  try {
    ctx.audit.resources = [keyResource(opened.key), ...(opened.key.arn === dest.arn ? [] : [keyResource(dest)])];
    ctx.authorize({
      action: 'kms:ReEncryptTo',
      resource: dest.arn,
      resourcePolicy: dest.policy,
      conditions: {
        ...contextConditions(destContext),
        'kms:EncryptionAlgorithm': destAlg,
        'kms:ReEncryptOnSameKey': opened.key.arn === dest.arn,
      },
    });
    assertKeyState('ReEncrypt', dest);
    const sealed = await sealAny(ctx, {
      key: dest,
      plaintext: opened.plaintext,
      algorithm: destAlg,
      context: destContext,
      usageOp: 'ReEncryptTo',
      dryRun,
    });
    if (opened.material || sealed.material) {
      ctx.audit.additionalEventData = {
        ...(opened.material ? { sourceKeyMaterialId: opened.material.id } : {}),
        ...(sealed.material ? { destinationKeyMaterialId: sealed.material.id } : {}),
      };
    }
    return {
      CiphertextBlob: sealed.blob,
      SourceKeyId: opened.key.arn,
      KeyId: dest.arn,
      SourceEncryptionAlgorithm: opened.algorithm,
      DestinationEncryptionAlgorithm: destAlg,
      ...(opened.material ? { SourceKeyMaterialId: opened.material.id } : {}),
      ...(sealed.material ? { DestinationKeyMaterialId: sealed.material.id } : {}),
    };
  } finally {
    wipe(opened.plaintext);
  }
};

/** GenerateDataKey and its WithoutPlaintext twin (kms-behavior.md §5.8). */
// The WithoutPlaintext input is GenerateDataKey's without Recipient; one reader serves both.
function generateDataKey(
  withPlaintext: boolean,
  op: 'GenerateDataKey' | 'GenerateDataKeyWithoutPlaintext',
): Operation<GenerateDataKeyCommandInput, GenerateDataKeyCommandOutput> {
  return async (input, ctx) => {
    const keyIdRaw = input.KeyId!;
    const context = input.EncryptionContext ?? {};
    const numberOfBytes = input.NumberOfBytes;
    // A KeySpec other than AES_256 / AES_128 was refused by the validation layer (with CreateKey's list, as AWS does).
    const keySpec = input.KeySpec;
    if ((keySpec === undefined) === (numberOfBytes === undefined)) {
      throw new ServiceError('ValidationException', 'Please specify either number of bytes or key spec.');
    }
    checkGrantTokens(input.GrantTokens);
    noRecipient(input.Recipient);
    const dryRun = input.DryRun ?? false;
    ctx.audit.requestParameters = {
      keyId: keyIdRaw,
      ...sentContext(input.EncryptionContext, 'encryptionContext'),
      ...(keySpec ? { keySpec } : { numberOfBytes }),
    };
    ctx.audit.responseElements = null;

    const key = await resolveKey(ctx, keyIdRaw, { allowAlias: true });
    ctx.audit.resources = [keyResource(key)];
    ctx.authorize({ action: `kms:${op}`, resource: key.arn, resourcePolicy: key.policy, conditions: contextConditions(context) });
    assertKeyState(op, key);
    assertSymmetricEncryptKey(key, op);
    dryRunIf(dryRun);
    const size = numberOfBytes ?? (keySpec === 'AES_128' ? 16 : 32);
    const dataKey = ctx.randomBytes(size);
    const { blob, material } = await sealSymmetric(ctx, key, dataKey, context);
    keyMaterialNote(ctx, material);
    if (!withPlaintext) wipe(dataKey);
    return {
      CiphertextBlob: blob,
      ...(withPlaintext ? { Plaintext: dataKey } : {}),
      KeyId: key.arn,
      KeyMaterialId: material.id,
    };
  };
}

/** GenerateDataKeyPair and its WithoutPlaintext twin (kms-behavior.md §5.9). */
function generateDataKeyPair(
  withPlaintext: boolean,
  op: 'GenerateDataKeyPair' | 'GenerateDataKeyPairWithoutPlaintext',
): Operation<GenerateDataKeyPairCommandInput, GenerateDataKeyPairCommandOutput> {
  return async (input, ctx) => {
    const keyIdRaw = input.KeyId!;
    const context = input.EncryptionContext ?? {};
    const pairSpec = input.KeyPairSpec!;
    checkGrantTokens(input.GrantTokens);
    noRecipient(input.Recipient);
    const dryRun = input.DryRun ?? false;
    ctx.audit.requestParameters = { keyId: keyIdRaw, ...sentContext(input.EncryptionContext, 'encryptionContext'), keyPairSpec: pairSpec };
    ctx.audit.responseElements = null;

    const key = await resolveKey(ctx, keyIdRaw, { allowAlias: true });
    ctx.audit.resources = [keyResource(key)];
    ctx.authorize({
      action: `kms:${op}`,
      resource: key.arn,
      resourcePolicy: key.policy,
      conditions: { ...contextConditions(context), 'kms:DataKeyPairSpec': pairSpec },
    });
    assertKeyState(op, key);
    assertSymmetricEncryptKey(key, op);
    if (PAIR_SPECS_NOT_IN_SANDBOX.includes(pairSpec)) throw kmsErrors.specNotInSandbox(pairSpec);
    dryRunIf(dryRun);
    const pair = await generateKeyPair(pairSpec as RsaSpec | EcSpec, ctx);
    const { blob, material } = await sealSymmetric(ctx, key, pair.privateKeyPkcs8, context);
    keyMaterialNote(ctx, material);
    if (!withPlaintext) wipe(pair.privateKeyPkcs8);
    return {
      PrivateKeyCiphertextBlob: blob,
      ...(withPlaintext ? { PrivateKeyPlaintext: pair.privateKeyPkcs8 } : {}),
      PublicKey: pair.publicKeySpki,
      KeyId: key.arn,
      KeyPairSpec: pairSpec,
      KeyMaterialId: material.id,
    };
  };
}

/** GenerateRandom (kms-behavior.md §5.10): NumberOfBytes is optional in the model, required in practice. */
const generateRandom: Operation<GenerateRandomCommandInput, GenerateRandomCommandOutput> = (input, ctx) => {
  const n = input.NumberOfBytes;
  const storeId = input.CustomKeyStoreId;
  if (n === undefined) throw new ServiceError('ValidationException', 'NumberOfBytes is required.');
  noRecipient(input.Recipient);
  if (storeId !== undefined) {
    // The sandbox has no custom key stores, so none can be found (AWS's wording is unrecorded).
    throw new ServiceError('CustomKeyStoreNotFoundException', `Custom key store ${storeId} does not exist in the KMS Study Lab sandbox.`);
  }
  ctx.audit.requestParameters = null;
  ctx.audit.responseElements = null;
  ctx.authorize({ action: 'kms:GenerateRandom', resource: '*' });
  return { Plaintext: ctx.randomBytes(n) };
};

export const cryptoOperations: Record<string, DispatchOperation> = {
  Encrypt: encrypt,
  Decrypt: decrypt,
  ReEncrypt: reEncrypt,
  GenerateDataKey: generateDataKey(true, 'GenerateDataKey'),
  GenerateDataKeyWithoutPlaintext: generateDataKey(false, 'GenerateDataKeyWithoutPlaintext'),
  GenerateDataKeyPair: generateDataKeyPair(true, 'GenerateDataKeyPair'),
  GenerateDataKeyPairWithoutPlaintext: generateDataKeyPair(false, 'GenerateDataKeyPairWithoutPlaintext'),
  GenerateRandom: generateRandom,
  ...asymmetricOperations,
};
