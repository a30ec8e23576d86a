import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { rawAesGcmFor, withNativeAesGcm } from '../native-aes-gcm';

/**
 * node:crypto's AES-GCM stands in for WebCrypto's in Node: every byte it writes and every refusal
 * must be WebCrypto's own, which is the reference here.
 */
const web = globalThis.crypto.subtle;
const native = withNativeAesGcm(web);

async function key(length: 128 | 256, usages: KeyUsage[] = ['encrypt', 'decrypt']): Promise<CryptoKey> {
  const raw = globalThis.crypto.getRandomValues(new Uint8Array(length / 8));
  return web.importKey('raw', raw, { name: 'AES-GCM' }, false, usages);
}

describe('AES-GCM by node:crypto, checked against WebCrypto', () => {
  it('is in use in Node (not WebCrypto itself)', () => {
    expect(native).not.toBe(web);
    expect(native.encrypt).not.toBe(web.encrypt);
  });

  it('writes the bytes WebCrypto writes and reads what WebCrypto wrote, for any data, AAD, tag length and key size', async () => {
    const keys = { 128: await key(128), 256: await key(256) };
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ maxLength: 3000 }),
        fc.option(fc.uint8Array({ maxLength: 100 }), { nil: undefined }),
        fc.constantFrom(96, 104, 112, 120, 128),
        fc.constantFrom(128 as const, 256 as const),
        fc.uint8Array({ minLength: 12, maxLength: 12 }),
        async (data, aad, tagLength, size, iv) => {
          const alg: AesGcmParams = { name: 'AES-GCM', iv, tagLength, ...(aad ? { additionalData: aad } : {}) };
          const ours = new Uint8Array(await native.encrypt(alg, keys[size], data));
          const theirs = new Uint8Array(await web.encrypt(alg, keys[size], data));
          expect(ours).toEqual(theirs);
          expect(new Uint8Array(await native.decrypt(alg, keys[size], theirs))).toEqual(data);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('refuses a changed byte, a changed AAD and a short input with OperationError, as WebCrypto does', async () => {
    const k = await key(256);
    const iv = new Uint8Array(12).fill(7);
    const sealed = new Uint8Array(await web.encrypt({ name: 'AES-GCM', iv, additionalData: new Uint8Array([1]) }, k, new Uint8Array([1, 2, 3])));
    const flipped = sealed.slice();
    flipped[0]! ^= 1;
    for (const [data, aad] of [
      [flipped, new Uint8Array([1])],
      [sealed, new Uint8Array([2])],
      [sealed.subarray(0, 10), new Uint8Array([1])],
    ] as const) {
      const err = await native.decrypt({ name: 'AES-GCM', iv, additionalData: aad }, k, data).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(DOMException);
      expect((err as DOMException).name).toBe('OperationError');
      const webErr = await web.decrypt({ name: 'AES-GCM', iv, additionalData: aad }, k, data).catch((e: unknown) => e);
      expect((webErr as DOMException).name).toBe('OperationError');
    }
  });

  it('returns an ArrayBuffer of its own (never a view into a shared pool)', async () => {
    const k = await key(256);
    const out = await native.encrypt({ name: 'AES-GCM', iv: new Uint8Array(12) }, k, new Uint8Array(5));
    expect(out).toBeInstanceOf(ArrayBuffer);
    expect(out.byteLength).toBe(5 + 16);
  });

  it('leaves what it does not handle to WebCrypto: a key without the usage, other algorithms, other methods', async () => {
    const encryptOnly = await key(256, ['encrypt']);
    const err = await native.decrypt({ name: 'AES-GCM', iv: new Uint8Array(12) }, encryptOnly, new Uint8Array(32)).catch((e: unknown) => e);
    expect((err as DOMException).name).toBe('InvalidAccessError');
    const cbc = await web.importKey('raw', new Uint8Array(32), { name: 'AES-CBC' }, false, ['encrypt', 'decrypt']);
    const iv = new Uint8Array(16);
    expect(new Uint8Array(await native.encrypt({ name: 'AES-CBC', iv }, cbc, new Uint8Array(3)))).toEqual(
      new Uint8Array(await web.encrypt({ name: 'AES-CBC', iv }, cbc, new Uint8Array(3))),
    );
    expect(new Uint8Array(await native.digest('SHA-256', new Uint8Array([1])))).toEqual(new Uint8Array(await web.digest('SHA-256', new Uint8Array([1]))));
  });
});

describe('raw-key AES-GCM (S3 segment keys in Node), checked against WebCrypto', () => {
  it('is there for 128/192/256-bit keys of the native subtle only, never for WebCrypto itself or another key length', () => {
    expect(rawAesGcmFor(native, new Uint8Array(32))).toBeDefined();
    expect(rawAesGcmFor(native, new Uint8Array(24))).toBeDefined();
    expect(rawAesGcmFor(native, new Uint8Array(16))).toBeDefined();
    expect(rawAesGcmFor(native, new Uint8Array(31))).toBeUndefined();
    expect(rawAesGcmFor(web, new Uint8Array(32))).toBeUndefined();
  });

  it('seals the bytes WebCrypto seals under the same raw key, opens them, and refuses a changed byte as WebCrypto does', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ maxLength: 3000 }),
        fc.uint8Array({ maxLength: 64 }),
        fc.constantFrom(16, 32),
        fc.uint8Array({ minLength: 12, maxLength: 12 }),
        fc.nat(),
        async (data, aad, size, iv, flip) => {
          const raw = globalThis.crypto.getRandomValues(new Uint8Array(size));
          const gcm = rawAesGcmFor(native, raw)!;
          const k = await web.importKey('raw', raw, 'AES-GCM', false, ['encrypt', 'decrypt']);
          const theirs = new Uint8Array(await web.encrypt({ name: 'AES-GCM', iv, additionalData: aad }, k, data));
          const ours = gcm.seal(raw, iv, aad, data);
          expect(ours).toEqual(theirs);
          expect(gcm.open(raw, iv, aad, theirs)).toEqual(data);
          const bad = theirs.slice();
          bad[flip % bad.length]! ^= 1;
          const refused = (() => {
            try {
              gcm.open(raw, iv, aad, bad);
              return undefined;
            } catch (e) {
              return e;
            }
          })();
          expect(refused).toBeInstanceOf(DOMException);
          expect((refused as DOMException).name).toBe('OperationError');
          await expect(web.decrypt({ name: 'AES-GCM', iv, additionalData: aad }, k, bad)).rejects.toThrow();
        },
      ),
      { numRuns: 60 },
    );
  });

  it('refuses input shorter than a tag', () => {
    const raw = new Uint8Array(32);
    expect(() => rawAesGcmFor(native, raw)!.open(raw, new Uint8Array(12), new Uint8Array(0), new Uint8Array(15))).toThrow(DOMException);
  });
});
