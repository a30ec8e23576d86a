import { describe, expect, it } from 'vitest';
import { fromHex, toBase64, toHex } from '../../shared/bytes';
import {
  assembleBlob,
  blobHeader,
  blobSize,
  HEADER_SIZE,
  innerPlaintext,
  parseBlob,
  unwrapInner,
} from '../ciphertext-blob';

const MATERIAL = 'a1'.repeat(32);
const KEY_ID = '1234abcd-12ab-34cd-56ef-1234567890ab';
const NONCE = fromHex('0102030405060708090a0b0c');

function fakeBlob(plaintextLength: number, keyId = KEY_ID): Uint8Array {
  const header = blobHeader(MATERIAL, keyId, plaintextLength);
  const sealed = new Uint8Array(11 + plaintextLength + 16).fill(0xee);
  return assembleBlob(header, NONCE, sealed);
}

describe('ciphertext blob layout (docs/ciphertext-blob.md)', () => {
  it('a 32-byte data key encrypts to exactly 184 bytes, as on AWS', () => {
    expect(blobSize(32)).toBe(184);
    expect(fakeBlob(32)).toHaveLength(184);
  });

  it('lays out the header and CMS envelope byte for byte', () => {
    const blob = fakeBlob(32);
    const hex = toHex(blob);
    const expected =
      '0102030078' + // AWS's current-format magic (base64 AQIDAH...)
      MATERIAL + // 32 bytes: key material id
      '01' + // key id kind: UUID
      '1234abcd12ab34cd56ef1234567890ab' + // 16 bytes: key id
      '0000007e' + // CMS length, 126
      '307c' + '06092a864886f70d010706' + // ContentInfo, pkcs7-encryptedData
      'a06f' + '306d' + '020100' + // [0] EncryptedData version 0
      '3068' + '06092a864886f70d010701' + // EncryptedContentInfo, pkcs7-data
      '301e' + '0609608648016503040' + '12e' + // aes256-GCM
      '3011' + '040c' + '0102030405060708090a0b0c' + '020110' + // GCMParameters nonce, ICV 16
      '803b' + 'ee'.repeat(59); // [0] IMPLICIT encrypted content (11 + 32 + 16 tag)
    expect(hex).toBe(expected);
    // The 7th base64 character already depends on the first identifier byte.
    expect(toBase64(blob).startsWith('AQIDAH')).toBe(true);
  });

  it('carries the same CMS bytes as real AWS blobs (public CLI samples)', () => {
    // From offset 54 (a multiple of 3, so base64 aligns): length + envelope up to the nonce.
    const tail = toBase64(fakeBlob(32).subarray(54, 54 + 60));
    expect(tail.startsWith('AAAAfjB8BgkqhkiG9w0BBwagbzBtAgEAMGgGCSqGSIb3DQEHATAeBglghkgBZQMEAS4wEQQM')).toBe(true);
  });

  it.each([1, 32, 60, 61, 100, 200, 4096])('round-trips the parse for a %i-byte plaintext', (n) => {
    const blob = fakeBlob(n);
    expect(blob).toHaveLength(blobSize(n));
    const p = parseBlob(blob)!;
    expect(p.keyId).toBe(KEY_ID);
    expect(p.materialId).toBe(MATERIAL);
    expect(toHex(p.nonce)).toBe(toHex(NONCE));
    expect(p.sealed).toHaveLength(11 + n + 16);
    expect(toHex(p.header)).toBe(toHex(blob.subarray(0, HEADER_SIZE)));
  });

  it('grows only by DER length octets for larger plaintexts', () => {
    expect(blobSize(1)).toBe(153);
    // 4123 content bytes need 0x82-form lengths: +2 bytes at each of the five DER levels.
    expect(blobSize(4096) - 4096).toBe(162);
  });

  it('names multi-Region keys with kind 02 and the 32 hex after mrk-', () => {
    const mrk = 'mrk-1234abcd12ab34cd56ef1234567890ab';
    const blob = fakeBlob(5, mrk);
    expect(blob[37]).toBe(0x02);
    expect(parseBlob(blob)!.keyId).toBe(mrk);
  });

  it('refuses truncated, extended, foreign and re-framed bytes', () => {
    const blob = fakeBlob(32);
    expect(parseBlob(blob.subarray(0, 183))).toBeUndefined();
    expect(parseBlob(new Uint8Array([...blob, 0x00]))).toBeUndefined();
    expect(parseBlob(blob.subarray(68))).toBeUndefined();
    expect(parseBlob(new Uint8Array(184))).toBeUndefined();
    const badKind = blob.slice();
    badKind[37] = 0x03;
    expect(parseBlob(badKind)).toBeUndefined();
  });

  it('refuses a flip in any envelope byte (outside the nonce and the sealed bytes)', () => {
    const blob = fakeBlob(32);
    const envelope = [...Array(HEADER_SIZE + 54).keys()].filter((i) => i < 5 || i === 37 || (i >= 54 && i < 104));
    for (const i of envelope) {
      const b = blob.slice();
      b[i]! ^= 0x01;
      expect(parseBlob(b), `byte ${i}`).toBeUndefined();
    }
  });

  it('wraps the plaintext in 11 inner bytes: version, time, length', () => {
    const inner = innerPlaintext(Uint8Array.of(9, 8, 7), 0x0102030405);
    expect(toHex(inner)).toBe('01' + '0000000102030405' + '0003' + '090807');
    expect([...unwrapInner(inner)!]).toEqual([9, 8, 7]);
    expect(unwrapInner(inner.subarray(0, 13))).toBeUndefined();
    const v2 = inner.slice();
    v2[0] = 2;
    expect(unwrapInner(v2)).toBeUndefined();
  });
});
