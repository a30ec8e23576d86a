import { describe, expect, it } from 'vitest';
import { sandboxConnection } from '../../multi-region/__tests__/sandbox-connection';
import { consume, createKey, encryptRsa, getPublicKey, macRoundTrip, produce, producerKit, signJwt, tamper, verifyJwtOffline } from '../api/asym-steps';
import { derToRawEcdsa, fromBase64url, oaepMaxPlaintext, type JwtAlg } from '../lib/jwt';
import { JWT_ALGS } from '../lib/jwt';

// The Asymmetric and HMAC lab's steps through the real SDK on the sandbox; the offline halves
// run with this process's WebCrypto, as the page runs them with the browser's.

describe('JWT signed by KMS, verified offline', () => {
  for (const alg of ['PS256', 'RS256', 'ES256'] as JwtAlg[]) {
    it(`${alg}: the public key from GetPublicKey verifies the token; a changed claim does not`, async () => {
      const { conn } = await sandboxConnection();
      const { keyId } = await createKey(conn, { KeySpec: JWT_ALGS[alg].keySpec, KeyUsage: 'SIGN_VERIFY' });
      const jwt = await signJwt(conn, keyId, alg, { sub: 'u1' });
      const [h, p, s] = jwt.token.split('.');
      expect(JSON.parse(new TextDecoder().decode(fromBase64url(h!)))).toEqual({ alg, typ: 'JWT', kid: keyId });
      expect(JSON.parse(new TextDecoder().decode(fromBase64url(p!)))).toEqual({ sub: 'u1' });
      // ES256 signatures are r||s (64 bytes) in a JWS, not KMS's DER.
      expect(fromBase64url(s!).length).toBe(alg === 'ES256' ? 64 : 256);
      const spki = await getPublicKey(conn, keyId);
      expect(await verifyJwtOffline(jwt.token, spki)).toBe(true);
      expect(await verifyJwtOffline(tamper(jwt.token, { sub: 'admin' }), spki)).toBe(false);
    });
  }

  it('derToRawEcdsa pads short integers and drops DER sign bytes', () => {
    // SEQUENCE { INTEGER 00 80..(33 bytes), INTEGER 01 (1 byte) }
    const r = [0x00, 0x80, ...new Array<number>(31).fill(1)];
    const der = Uint8Array.from([0x30, 2 + r.length + 3, 0x02, r.length, ...r, 0x02, 0x01, 0x01]);
    const raw = derToRawEcdsa(der);
    expect(raw.length).toBe(64);
    expect(raw[0]).toBe(0x80);
    expect(raw[63]).toBe(1);
    expect(raw[32]).toBe(0);
    expect(() => derToRawEcdsa(Uint8Array.of(0x31, 0))).toThrow();
  });
});

describe('RSA-OAEP limits', () => {
  it('computes the recorded limits and the sandbox enforces them with AWS text', async () => {
    expect([oaepMaxPlaintext(2048, 'SHA_1'), oaepMaxPlaintext(2048, 'SHA_256'), oaepMaxPlaintext(3072, 'SHA_256'), oaepMaxPlaintext(4096, 'SHA_1')]).toEqual([214, 190, 318, 470]);
    const { conn } = await sandboxConnection();
    const { keyId } = await createKey(conn, { KeySpec: 'RSA_2048', KeyUsage: 'ENCRYPT_DECRYPT' });
    expect(await encryptRsa(conn, keyId, 190, 'RSAES_OAEP_SHA_256')).toBe(256);
    await expect(encryptRsa(conn, keyId, 191, 'RSAES_OAEP_SHA_256')).rejects.toMatchObject({
      name: 'ValidationException',
      message: 'Algorithm RSAES_OAEP_SHA_256 and key spec RSA_2048 cannot encrypt data larger than 190 bytes.',
    });
  });
});

describe('HMAC', () => {
  it('a matching MAC verifies; another message is KMSInvalidMacException', async () => {
    const { conn } = await sandboxConnection();
    const { keyId } = await createKey(conn, { KeySpec: 'HMAC_256', KeyUsage: 'GENERATE_VERIFY_MAC' });
    expect(await macRoundTrip(conn, keyId, 'a', 'a')).toBe(32);
    await expect(macRoundTrip(conn, keyId, 'a', 'b')).rejects.toMatchObject({ name: 'KMSInvalidMacException' });
  });
});

describe('an encrypt-only producer', () => {
  it('encrypts with the pair public key alone; the consumer decrypts after KMS decrypts the private key', async () => {
    const { conn } = await sandboxConnection();
    const { keyId } = await createKey(conn, {});
    const kit = await producerKit(conn, keyId);
    const sealed = await produce(kit, 'meter 7: 42 kWh');
    expect(sealed.length).toBe(256);
    expect(await consume(conn, kit, sealed)).toBe('meter 7: 42 kWh');
  });
});
