import { describe, expect, it } from 'vitest';
import { fromHex, toHex } from '../../shared/bytes';
import { aesKwpUnwrap, aesKwpWrap } from '../aes-kwp';

const subtle = globalThis.crypto.subtle;
// RFC 5649 section 6 vectors, and one 40-byte case checked against pyca/cryptography's aes_key_wrap_with_padding.
const VECTORS = [
  ['5840df6e29b02af1ab493b705bf16ea1ae8338f4dcc176a8', 'c37b7e6492584340bed12207808941155068f738', '138bdeaa9b8fa7fc61f97742e72248ee5ae6ae5360d1ae6a5f54f373fa543b6a'],
  ['5840df6e29b02af1ab493b705bf16ea1ae8338f4dcc176a8', '466f7250617369', 'afbeb0f07dfbf5419200f2ccb50bb24f'],
  [
    toHex(Uint8Array.from({ length: 32 }, (_, i) => i)),
    toHex(Uint8Array.from({ length: 40 }, (_, i) => 100 + i)),
    '1c2f35ca29ea6ad3e814ed9250121e7b2f636ab0817eafd9c5b4d2d8362d3c0bb770e9541a0d4b934dc42f2a7c60b469',
  ],
] as const;

describe('AES key wrap with padding (RFC 5649) for RSA_AES_KEY_WRAP imports', () => {
  it.each(VECTORS)('wraps and unwraps the vector with KEK %s', async (kek, key, wrapped) => {
    expect(toHex(await aesKwpWrap(subtle, fromHex(kek), fromHex(key)))).toBe(wrapped);
    expect(toHex((await aesKwpUnwrap(subtle, fromHex(kek), fromHex(wrapped)))!)).toBe(key);
  });

  it('refuses a damaged wrap or the wrong key', async () => {
    const [kek, , wrapped] = VECTORS[0];
    const bad = fromHex(wrapped);
    bad[5]! ^= 1;
    expect(await aesKwpUnwrap(subtle, fromHex(kek), bad)).toBeUndefined();
    expect(await aesKwpUnwrap(subtle, new Uint8Array(24), fromHex(wrapped))).toBeUndefined();
  });
});
