import type { RequestContext } from '../shared/context';
import type { KeyMaterial } from './kms-models';

type KeyCtx = Pick<RequestContext, 'subtle' | 'cache'>;

/**
 * Imported CryptoKeys, cached per material id in ctx.cache (process-local, never persisted).
 * Importing costs far more than an AES-GCM call on a 1 KiB payload, so this is the hot path of
 * Encrypt/Decrypt. The promise is cached, so concurrent calls share one import. Material ids are
 * random 256-bit values, unique across keys and regions.
 */
function cached<T>(ctx: KeyCtx, cacheKey: string, make: () => Promise<T>): Promise<T> {
  const hit = ctx.cache.get(cacheKey) as Promise<T> | undefined;
  if (hit) return hit;
  const p = make();
  ctx.cache.set(cacheKey, p);
  // A failed import must not stay cached.
  p.catch(() => ctx.cache.delete(cacheKey));
  return p;
}

function need<T>(v: T | undefined, what: string): T {
  if (v === undefined) throw new Error(`key material lacks ${what}`);
  return v;
}

const buf = (b: Uint8Array): Uint8Array<ArrayBuffer> => b as Uint8Array<ArrayBuffer>;

export const aesKey = (ctx: KeyCtx, m: KeyMaterial): Promise<CryptoKey> =>
  cached(ctx, `kms:aes:${m.id}`, () =>
    ctx.subtle.importKey('raw', buf(need(m.secret, 'secret')), { name: 'AES-GCM' }, false, ['encrypt', 'decrypt']),
  );

export type ShaName = 'SHA-1' | 'SHA-256' | 'SHA-384' | 'SHA-512';

export const hmacKey = (ctx: KeyCtx, m: KeyMaterial, hash: ShaName): Promise<CryptoKey> =>
  cached(ctx, `kms:hmac:${hash}:${m.id}`, () =>
    ctx.subtle.importKey('raw', buf(need(m.secret, 'secret')), { name: 'HMAC', hash }, false, ['sign', 'verify']),
  );

export type PrivateUse = 'decrypt' | 'sign' | 'deriveBits';
export type PublicUse = 'encrypt' | 'verify';

/** Private key from the PKCS#8 for a WebCrypto algorithm (RSA-OAEP, RSA-PSS, RSASSA-PKCS1-v1_5, ECDSA, ECDH). */
export const privateKey = (
  ctx: KeyCtx,
  m: KeyMaterial,
  alg: RsaHashedImportParams | EcKeyImportParams,
  use: PrivateUse,
): Promise<CryptoKey> =>
  cached(ctx, `kms:priv:${algKey(alg)}:${use}:${m.id}`, () =>
    ctx.subtle.importKey('pkcs8', buf(need(m.privateKeyPkcs8, 'private key')), alg, false, [use]),
  );

export const publicKey = (
  ctx: KeyCtx,
  m: KeyMaterial,
  alg: RsaHashedImportParams | EcKeyImportParams,
  use: PublicUse,
): Promise<CryptoKey> =>
  cached(ctx, `kms:pub:${algKey(alg)}:${use}:${m.id}`, () =>
    ctx.subtle.importKey('spki', buf(need(m.publicKeySpki, 'public key')), alg, false, [use]),
  );

/** The private key as JWK (RSA CRT parameters, EC `d`) for the code WebCrypto cannot replace. */
export const privateJwk = (ctx: KeyCtx, m: KeyMaterial, alg: RsaHashedImportParams | EcKeyImportParams): Promise<JsonWebKey> =>
  cached(ctx, `kms:jwk:${algKey(alg)}:${m.id}`, async () => {
    const k = await ctx.subtle.importKey('pkcs8', buf(need(m.privateKeyPkcs8, 'private key')), alg, true, [
      alg.name === 'ECDH' ? 'deriveBits' : 'sign',
    ]);
    return ctx.subtle.exportKey('jwk', k);
  });

function algKey(alg: RsaHashedImportParams | EcKeyImportParams): string {
  if ('namedCurve' in alg) return `${alg.name}/${alg.namedCurve}`;
  const hash = typeof alg.hash === 'string' ? alg.hash : alg.hash.name;
  return `${alg.name}/${hash}`;
}
