/**
 * Objects are really encrypted at rest (docs/s3.md "At rest"). Each stored piece is
 * IV (12 bytes) || AES-256-GCM ciphertext and tag, under the object's data key:
 * - SSE-S3: a fresh data key wrapped under the sandbox's S3 master key; no KMS call.
 * - SSE-KMS: a KMS data key from GenerateDataKey (context aws:s3:arn = object ARN), or, with a bucket
 *   key, a fresh data key wrapped under a bucket-level KMS data key (context = bucket ARN) that is
 *   reused for a while, so KMS sees far fewer calls.
 * - DSSE-KMS: two layers, a KMS data key outside and an S3-managed one inside.
 * - SSE-C: the customer's key itself; S3 keeps only a salted HMAC of it to check later requests.
 * S3 calls KMS through KMS's own API (ctx.callService), so those calls are authorised for the caller
 * and recorded in the trail with invokedBy s3.amazonaws.com.
 */
import { isServiceError, ServiceError } from '../protocol/service-error';
import type { RequestContext } from '../shared/context';
import { toHex } from '../shared/bytes';
import type { StoredEncryption } from './s3-models';
import type { SseDecision } from './sse';
import { s3State } from './s3-state';

type Ctx = RequestContext;

export const bucketArn = (bucket: string) => `arn:aws:s3:::${bucket}`;
export const objectArn = (bucket: string, key: string) => `arn:aws:s3:::${bucket}/${key}`;

const IV_LEN = 12;

async function importKey(ctx: Ctx, raw: Uint8Array): Promise<CryptoKey> {
  return ctx.subtle.importKey('raw', raw as Uint8Array<ArrayBuffer>, 'AES-GCM', false, ['encrypt', 'decrypt']);
}

/**
 * The account's S3 master key as a CryptoKey, imported once per master key (ctx.cache, process-local,
 * never persisted): SSE-S3 wraps and unwraps a data key with it on every PutObject and GetObject. The
 * master key is lab state (it is in the store and in exports), so holding it imported adds no exposure;
 * per-object data keys are still imported per call and zeroed after use.
 */
function masterKey(ctx: Ctx): Promise<CryptoKey> {
  const raw = s3State(ctx).masterKey;
  const ck = `s3:master-key:${ctx.accountId}`;
  const hit = ctx.cache.get(ck) as { raw: Uint8Array; key: Promise<CryptoKey> } | undefined;
  if (hit && hit.raw === raw) return hit.key;
  const key = importKey(ctx, raw);
  ctx.cache.set(ck, { raw, key });
  key.catch(() => ctx.cache.delete(ck));
  return key;
}

export async function seal(ctx: Ctx, raw: Uint8Array | CryptoKey, data: Uint8Array): Promise<Uint8Array> {
  const iv = ctx.randomBytes(IV_LEN);
  const key = raw instanceof Uint8Array ? await importKey(ctx, raw) : raw;
  const ct = new Uint8Array(await ctx.subtle.encrypt({ name: 'AES-GCM', iv }, key, data as Uint8Array<ArrayBuffer>));
  const out = new Uint8Array(IV_LEN + ct.length);
  out.set(iv);
  out.set(ct, IV_LEN);
  return out;
}

export async function open(ctx: Ctx, raw: Uint8Array | CryptoKey, sealed: Uint8Array): Promise<Uint8Array> {
  const iv = sealed.subarray(0, IV_LEN) as Uint8Array<ArrayBuffer>;
  const key = raw instanceof Uint8Array ? await importKey(ctx, raw) : raw;
  const pt = await ctx.subtle.decrypt({ name: 'AES-GCM', iv }, key, sealed.subarray(IV_LEN) as Uint8Array<ArrayBuffer>);
  return new Uint8Array(pt);
}

/** KMS errors as S3 reports them: 400 with a `KMS.` prefix; KMS's access denial stays a 403 AccessDenied. */
function asS3Error(e: unknown): unknown {
  if (!isServiceError(e)) return e;
  if (e.code === 'AccessDeniedException') return new ServiceError('AccessDenied', e.awsMessage, 403);
  return new ServiceError(`KMS.${e.code}`, e.awsMessage, 400);
}

interface GdkOut {
  CiphertextBlob: Uint8Array;
  Plaintext: Uint8Array;
  KeyId: string;
}

async function generateDataKey(ctx: Ctx, keyId: string, context: Record<string, string>): Promise<GdkOut> {
  try {
    return await ctx.callService<GdkOut>('kms', 'GenerateDataKey', { KeyId: keyId, KeySpec: 'AES_256', EncryptionContext: context });
  } catch (e) {
    throw asS3Error(e);
  }
}

async function kmsDecrypt(ctx: Ctx, blob: Uint8Array, keyArn: string, context: Record<string, string>): Promise<Uint8Array> {
  try {
    const out = await ctx.callService<{ Plaintext: Uint8Array }>('kms', 'Decrypt', {
      CiphertextBlob: blob,
      KeyId: keyArn,
      EncryptionContext: context,
    });
    return out.Plaintext;
  } catch (e) {
    throw asS3Error(e);
  }
}

/** How long S3 reuses a bucket-level key before asking KMS again (AWS: "time-limited"). */
export const BUCKET_KEY_TTL_MS = 10 * 60 * 1000;

interface CachedBucketKey {
  plaintext: Uint8Array;
  blob: Uint8Array;
  keyArn: string;
  expires: number;
}

const contextKey = (c: Record<string, string>) => JSON.stringify(Object.entries(c).sort(([a], [b]) => (a < b ? -1 : 1)));

/**
 * A bucket-level key for this caller: each IAM session gets its own (AWS docs), so the cache key
 * names the caller. Process-local, never persisted.
 */
async function bucketLevelKey(ctx: Ctx, bucket: string, keyId: string, context: Record<string, string>): Promise<CachedBucketKey> {
  const ck = `s3:bucket-key:${bucket}:${ctx.caller.arn}:${keyId}:${contextKey(context)}`;
  const hit = ctx.cache.get(ck) as CachedBucketKey | undefined;
  if (hit && hit.expires > ctx.now()) return hit;
  const out = await generateDataKey(ctx, keyId, context);
  const entry: CachedBucketKey = { plaintext: out.Plaintext, blob: out.CiphertextBlob, keyArn: out.KeyId, expires: ctx.now() + BUCKET_KEY_TTL_MS };
  ctx.cache.set(ck, entry);
  ctx.cache.set(`s3:bucket-key-blob:${toHex(out.CiphertextBlob)}`, entry);
  return entry;
}

/** The new encryption of a write and the data key(s) to seal its pieces with (outermost first). */
export async function newEncryption(
  ctx: Ctx,
  d: SseDecision,
  bucket: string,
  key: string,
): Promise<{ enc: StoredEncryption; keys: Uint8Array[] }> {
  if (d.mode === 'AES256') {
    const master = await masterKey(ctx);
    const dk = ctx.randomBytes(32);
    return { enc: { mode: 'AES256', wrappedDataKey: await seal(ctx, master, dk) }, keys: [dk] };
  }
  if (d.mode === 'SSE-C') {
    const salt = ctx.randomBytes(16);
    return {
      enc: { mode: 'SSE-C', customerKeyMd5: d.customerKeyMd5, customerKeySalt: salt, customerKeyHmac: await keyHmac(ctx, salt, d.customerKey!) },
      keys: [d.customerKey!],
    };
  }
  const userContext = d.userContext;
  if (d.mode === 'aws:kms' && d.bucketKey) {
    const bk = await bucketLevelKey(ctx, bucket, d.kmsKeyId!, { ...userContext, 'aws:s3:arn': bucketArn(bucket) });
    const dk = ctx.randomBytes(32);
    return {
      enc: { mode: 'aws:kms', kmsKeyArn: bk.keyArn, userContext, bucketKeyBlob: bk.blob, wrappedDataKey: await seal(ctx, bk.plaintext, dk) },
      keys: [dk],
    };
  }
  const out = await generateDataKey(ctx, d.kmsKeyId!, { ...userContext, 'aws:s3:arn': objectArn(bucket, key) });
  const enc: StoredEncryption = { mode: d.mode, kmsKeyArn: out.KeyId, userContext, kmsDataKeyBlob: out.CiphertextBlob };
  if (d.mode === 'aws:kms:dsse') {
    const inner = ctx.randomBytes(32);
    enc.secondLayerKey = await seal(ctx, await masterKey(ctx), inner);
    return { enc, keys: [out.Plaintext, inner] };
  }
  return { enc, keys: [out.Plaintext] };
}

async function keyHmac(ctx: Ctx, salt: Uint8Array, key: Uint8Array): Promise<Uint8Array> {
  const k = await ctx.subtle.importKey('raw', salt as Uint8Array<ArrayBuffer>, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  return new Uint8Array(await ctx.subtle.sign('HMAC', k, key as Uint8Array<ArrayBuffer>));
}

export async function customerKeyMatches(ctx: Ctx, enc: StoredEncryption, key: Uint8Array): Promise<boolean> {
  if (!enc.customerKeySalt || !enc.customerKeyHmac) return false;
  const h = await keyHmac(ctx, enc.customerKeySalt, key);
  return h.length === enc.customerKeyHmac.length && h.every((b, i) => b === enc.customerKeyHmac![i]);
}

/** The data key(s) of a stored object, calling KMS Decrypt where the mode needs it. */
export async function openDataKeys(ctx: Ctx, enc: StoredEncryption, bucket: string, key: string, customerKey?: Uint8Array): Promise<Uint8Array[]> {
  switch (enc.mode) {
    case 'AES256':
      return [await open(ctx, await masterKey(ctx), enc.wrappedDataKey!)];
    case 'SSE-C':
      return [customerKey!];
    case 'aws:kms': {
      if (enc.bucketKeyBlob) {
        const ck = `s3:bucket-key-blob:${toHex(enc.bucketKeyBlob)}`;
        let hit = ctx.cache.get(ck) as CachedBucketKey | undefined;
        if (!hit || hit.expires <= ctx.now()) {
          const pt = await kmsDecrypt(ctx, enc.bucketKeyBlob, enc.kmsKeyArn!, { ...enc.userContext, 'aws:s3:arn': bucketArn(bucket) });
          hit = { plaintext: pt, blob: enc.bucketKeyBlob, keyArn: enc.kmsKeyArn!, expires: ctx.now() + BUCKET_KEY_TTL_MS };
          ctx.cache.set(ck, hit);
        }
        return [await open(ctx, hit.plaintext, enc.wrappedDataKey!)];
      }
      return [await kmsDecrypt(ctx, enc.kmsDataKeyBlob!, enc.kmsKeyArn!, { ...enc.userContext, 'aws:s3:arn': objectArn(bucket, key) })];
    }
    case 'aws:kms:dsse': {
      const outer = await kmsDecrypt(ctx, enc.kmsDataKeyBlob!, enc.kmsKeyArn!, { ...enc.userContext, 'aws:s3:arn': objectArn(bucket, key) });
      return [outer, await open(ctx, await masterKey(ctx), enc.secondLayerKey!)];
    }
  }
}

/** Seals one piece under every layer (innermost first). */
export async function sealPiece(ctx: Ctx, keys: Uint8Array[], data: Uint8Array): Promise<Uint8Array> {
  let out = data;
  for (let i = keys.length - 1; i >= 0; i--) out = await seal(ctx, keys[i]!, out);
  return out;
}

export async function openPiece(ctx: Ctx, keys: Uint8Array[], data: Uint8Array): Promise<Uint8Array> {
  let out = data;
  for (const k of keys) out = await open(ctx, k, out);
  return out;
}

/** Zero plaintext keys after use (bucket-level keys stay in the cache until they expire). */
export function wipe(keys: Uint8Array[], keep?: Uint8Array): void {
  for (const k of keys) if (k !== keep) k.fill(0);
}
