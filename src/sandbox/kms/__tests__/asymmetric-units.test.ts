import { secp256k1 } from '@noble/curves/secp256k1.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { toHex } from '../../shared/bytes';
import { ecdsaDerToRaw, ecdsaRawToDer, oid } from '../asymmetric/der';
import { ecPrivateScalar, spkiPoint } from '../asymmetric/ecdsa';
import { modPow, rsaSignDigest, rsaVerifyDigest, type RsaHash } from '../asymmetric/rsa-digest';
import { secp256k1Pkcs8, secp256k1Spki } from '../key-material';
import { ab } from './crypto-test-helpers';

let jwk: JsonWebKey;
let spki: Uint8Array<ArrayBuffer>;
const message = new TextEncoder().encode('digest signing, checked by WebCrypto');
const rnd = (n: number) => crypto.getRandomValues(new Uint8Array(n));

// One 3072-bit key for the file: EMSA-PSS encodes to modBits - 1 = 3071 bits.
beforeAll(async () => {
  const kp = (await crypto.subtle.generateKey(
    { name: 'RSA-PSS', modulusLength: 3072, publicExponent: Uint8Array.of(1, 0, 1), hash: 'SHA-256' },
    true,
    ['sign', 'verify'],
  )) as CryptoKeyPair;
  jwk = await crypto.subtle.exportKey('jwk', kp.privateKey);
  spki = new Uint8Array(await crypto.subtle.exportKey('spki', kp.publicKey));
});

const HASHES: RsaHash[] = ['SHA-256', 'SHA-384', 'SHA-512'];
const digest = async (h: RsaHash) => new Uint8Array(await crypto.subtle.digest(h, message));
const webKey = (name: string, hash: RsaHash) => crypto.subtle.importKey('spki', spki, { name, hash }, false, ['verify']);

describe('RSA over a digest (BigInt EMSA-PKCS1-v1_5 / EMSA-PSS with CRT)', () => {
  it.each(HASHES)('PKCS#1 v1.5 %s: the digest signature verifies in WebCrypto over the message', async (h) => {
    const sig = rsaSignDigest(jwk, 'PKCS1', h, await digest(h), rnd);
    expect(sig).toHaveLength(384);
    expect(await crypto.subtle.verify({ name: 'RSASSA-PKCS1-v1_5' }, await webKey('RSASSA-PKCS1-v1_5', h), ab(sig), message)).toBe(true);
  });

  it.each(HASHES)('PSS %s: salt length equals the digest length (verifies with it, not with 0)', async (h) => {
    const sig = ab(rsaSignDigest(jwk, 'PSS', h, await digest(h), rnd));
    const k = await webKey('RSA-PSS', h);
    const hLen = Number(h.slice(4)) / 8;
    expect(await crypto.subtle.verify({ name: 'RSA-PSS', saltLength: hLen }, k, sig, message)).toBe(true);
    expect(await crypto.subtle.verify({ name: 'RSA-PSS', saltLength: 0 }, k, sig, message)).toBe(false);
  });

  it.each(HASHES)('verifies WebCrypto signatures over the digest and refuses altered ones (%s)', async (h) => {
    const priv = await crypto.subtle.importKey('jwk', { ...jwk, alg: undefined }, { name: 'RSA-PSS', hash: h }, false, ['sign']);
    const pss = new Uint8Array(await crypto.subtle.sign({ name: 'RSA-PSS', saltLength: Number(h.slice(4)) / 8 }, priv, message));
    expect(rsaVerifyDigest(jwk, 'PSS', h, await digest(h), pss)).toBe(true);
    pss[10]! ^= 1;
    expect(rsaVerifyDigest(jwk, 'PSS', h, await digest(h), pss)).toBe(false);
    const pk1 = await crypto.subtle.importKey('jwk', { ...jwk, alg: undefined }, { name: 'RSASSA-PKCS1-v1_5', hash: h }, false, ['sign']);
    const s1 = new Uint8Array(await crypto.subtle.sign({ name: 'RSASSA-PKCS1-v1_5' }, pk1, message));
    expect(rsaVerifyDigest(jwk, 'PKCS1', h, await digest(h), s1)).toBe(true);
    expect(rsaVerifyDigest(jwk, 'PKCS1', h, new Uint8Array(Number(h.slice(4)) / 8), s1)).toBe(false);
    expect(rsaVerifyDigest(jwk, 'PKCS1', h, await digest(h), s1.subarray(1))).toBe(false);
  });

  it('modPow agrees with small cases', () => {
    expect(modPow(4n, 13n, 497n)).toBe(445n);
    expect(modPow(2n, 0n, 7n)).toBe(1n);
  });
});

describe('DER helpers', () => {
  it('converts ECDSA r||s to DER and back, with sign octets and leading zeros', () => {
    const raw = new Uint8Array(64);
    raw[0] = 0x80; // r needs a 00 sign octet
    raw[40] = 0x01; // s has leading zeros to strip
    const der = ecdsaRawToDer(raw);
    expect(toHex(der.subarray(0, 5))).toBe('303d022100'); // r: 33 bytes with the sign octet; s: 24 bytes
    expect(toHex(ecdsaDerToRaw(der, 32)!)).toBe(toHex(raw));
    expect(ecdsaDerToRaw(der.subarray(0, der.length - 1), 32)).toBeUndefined();
    expect(ecdsaDerToRaw(Uint8Array.of(0x31, 0x00), 32)).toBeUndefined();
  });

  it('encodes OIDs', () => {
    expect(toHex(oid('1.3.132.0.10'))).toBe('06052b8104000a');
    expect(toHex(oid('1.2.840.10045.2.1'))).toBe('06072a8648ce3d0201');
  });

  it('builds secp256k1 SPKI (88 bytes) and PKCS#8 that give back the point and scalar', () => {
    const d = secp256k1.utils.randomSecretKey();
    const pub = secp256k1.getPublicKey(d, false);
    const s = secp256k1Spki(pub);
    expect(s).toHaveLength(88);
    expect(toHex(s.subarray(0, 23))).toBe('3056301006072a8648ce3d020106052b8104000a034200');
    expect(toHex(spkiPoint(s))).toBe(toHex(pub));
    expect(toHex(ecPrivateScalar(secp256k1Pkcs8(d, pub)))).toBe(toHex(d));
  });
});
