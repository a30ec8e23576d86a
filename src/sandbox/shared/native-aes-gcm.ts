/**
 * AES-GCM through Node's own OpenSSL binding when the sandbox runs in Node (tests, the HTTP server,
 * the bench): the same algorithm, keys and bytes as WebCrypto's, without WebCrypto's hop to Node's
 * thread pool on every call (profiled at 14–30% of the engine's wall time: two calls per KMS
 * Encrypt+Decrypt pair, four per S3 PutObject+GetObject pair). Found through
 * `process.getBuiltinModule`, as native-sha256.ts finds SHA-256, so nothing is imported and the
 * browser bundle is unaffected: in the page the browser's WebCrypto is used as it is.
 */

interface NodeCipher {
  setAAD(data: Uint8Array): unknown;
  setAuthTag(tag: Uint8Array): unknown;
  update(data: Uint8Array): Uint8Array;
  final(): Uint8Array;
  getAuthTag(): Uint8Array;
}

interface NodeCryptoAes {
  KeyObject: { from(key: CryptoKey): object };
  createCipheriv(alg: string, key: object, iv: Uint8Array, opts: { authTagLength: number }): NodeCipher;
  createDecipheriv(alg: string, key: object, iv: Uint8Array, opts: { authTagLength: number }): NodeCipher;
}

type Gcm = AesGcmParams & { name: string };

const view = (d: BufferSource): Uint8Array =>
  ArrayBuffer.isView(d) ? new Uint8Array(d.buffer, d.byteOffset, d.byteLength) : new Uint8Array(d);

/** Joins pieces into a fresh ArrayBuffer of its own (never Node's shared pool), as WebCrypto returns. */
function fresh(...pieces: Uint8Array[]): ArrayBuffer {
  const out = new Uint8Array(pieces.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of pieces) {
    out.set(p, o);
    o += p.length;
  }
  return out.buffer;
}

/**
 * AES-GCM under a raw key, with no CryptoKey: for keys used for one call only (an S3 object's data
 * key seals or opens its segments, then is zeroed), where importing the key into WebCrypto cost more
 * than the encryption itself (an `importKey` is about 20 µs in Node; two per S3 PUT+GET pair).
 * Synchronous: node:crypto does the work on the calling thread either way.
 */
export interface RawAesGcm {
  /** IV-less AES-GCM: ciphertext || 16-byte tag (WebCrypto's output). */
  seal(key: Uint8Array, iv: Uint8Array, aad: Uint8Array, data: Uint8Array): Uint8Array;
  /** The plaintext of ciphertext || tag; WebCrypto's OperationError when the tag does not match. */
  open(key: Uint8Array, iv: Uint8Array, aad: Uint8Array, sealed: Uint8Array): Uint8Array;
}

const RAW_AES_GCM = Symbol('rawAesGcm');
const RAW_KEY_BYTES = new Set([16, 24, 32]);

/**
 * The raw-key AES-GCM of a `subtle` made by withNativeAesGcm in Node; undefined in the page (the
 * browser's WebCrypto is used there) or for a key length WebCrypto would refuse (its error stays).
 */
export function rawAesGcmFor(subtle: SubtleCrypto, key: Uint8Array): RawAesGcm | undefined {
  if (!RAW_KEY_BYTES.has(key.length)) return undefined;
  return (subtle as SubtleCrypto & { [RAW_AES_GCM]?: RawAesGcm })[RAW_AES_GCM];
}

const operationError = () => new DOMException('The operation failed for an operation-specific reason', 'OperationError');

/** `subtle` with AES-GCM encrypt/decrypt done by node:crypto where it can be; itself elsewhere. */
export function withNativeAesGcm(subtle: SubtleCrypto): SubtleCrypto {
  const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  const nc = proc?.getBuiltinModule?.('node:crypto') as NodeCryptoAes | undefined;
  if (typeof nc?.KeyObject?.from !== 'function') return subtle;
  const keyObjects = new WeakMap<CryptoKey, object>();
  const keyOf = (k: CryptoKey): object => {
    let ko = keyObjects.get(k);
    if (!ko) {
      ko = nc.KeyObject.from(k);
      keyObjects.set(k, ko);
    }
    return ko;
  };
  /** The cases handled natively: AES-GCM on an AES-GCM key allowed the use; WebCrypto answers the rest (and its errors). */
  const native = (alg: AlgorithmIdentifier, key: CryptoKey, use: KeyUsage): alg is Gcm => {
    if (typeof alg !== 'object' || alg.name.toUpperCase() !== 'AES-GCM' || key.algorithm.name !== 'AES-GCM' || !key.usages.includes(use)) return false;
    const tag = (alg as Gcm).tagLength ?? 128;
    return tag % 8 === 0 && tag >= 96 && tag <= 128;
  };
  const cipherName = (key: CryptoKey) => `aes-${(key.algorithm as AesKeyAlgorithm).length}-gcm`;

  const encrypt = async (alg: AlgorithmIdentifier, key: CryptoKey, data: BufferSource): Promise<ArrayBuffer> => {
    if (!native(alg, key, 'encrypt')) return subtle.encrypt(alg, key, data);
    const tagBytes = (alg.tagLength ?? 128) / 8;
    const c = nc.createCipheriv(cipherName(key), keyOf(key), view(alg.iv), { authTagLength: tagBytes });
    if (alg.additionalData) c.setAAD(view(alg.additionalData));
    // Ciphertext out: nothing secret left in Node's buffers to zero (decrypt zeroes its plaintext).
    return fresh(c.update(view(data)), c.final(), c.getAuthTag());
  };

  const decrypt = async (alg: AlgorithmIdentifier, key: CryptoKey, data: BufferSource): Promise<ArrayBuffer> => {
    if (!native(alg, key, 'decrypt')) return subtle.decrypt(alg, key, data);
    const tagBytes = (alg.tagLength ?? 128) / 8;
    const all = view(data);
    if (all.length < tagBytes) throw operationError();
    const d = nc.createDecipheriv(cipherName(key), keyOf(key), view(alg.iv), { authTagLength: tagBytes });
    if (alg.additionalData) d.setAAD(view(alg.additionalData));
    d.setAuthTag(all.subarray(all.length - tagBytes));
    const body = d.update(all.subarray(0, all.length - tagBytes));
    try {
      const last = d.final();
      return fresh(body, last);
    } catch {
      // A tag that does not match: WebCrypto's OperationError, and no unauthenticated plaintext kept.
      throw operationError();
    } finally {
      body.fill(0);
    }
  };

  const TAG = 16;
  const raw: RawAesGcm = {
    seal(key, iv, aad, data) {
      const c = nc.createCipheriv(`aes-${key.length * 8}-gcm`, key, iv, { authTagLength: TAG });
      c.setAAD(aad);
      return new Uint8Array(fresh(c.update(data), c.final(), c.getAuthTag()));
    },
    open(key, iv, aad, sealed) {
      if (sealed.length < TAG) throw operationError();
      const d = nc.createDecipheriv(`aes-${key.length * 8}-gcm`, key, iv, { authTagLength: TAG });
      d.setAAD(aad);
      d.setAuthTag(sealed.subarray(sealed.length - TAG));
      const body = d.update(sealed.subarray(0, sealed.length - TAG));
      try {
        const last = d.final();
        return new Uint8Array(fresh(body, last));
      } catch {
        throw operationError();
      } finally {
        body.fill(0);
      }
    },
  };

  return new Proxy(subtle, {
    get(target, prop) {
      if (prop === RAW_AES_GCM) return raw;
      if (prop === 'encrypt') return encrypt;
      if (prop === 'decrypt') return decrypt;
      const v: unknown = Reflect.get(target, prop);
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
}
