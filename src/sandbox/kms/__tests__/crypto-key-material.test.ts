import { describe, expect, it } from 'vitest';
import { generateKeyMaterial, HMAC_BYTES } from '../key-material';
import type { KeySpec } from '../kms-models';

const ctx = {
  randomBytes: (n: number) => crypto.getRandomValues(new Uint8Array(n)),
  subtle: crypto.subtle,
  now: () => 1_700_000_000_000,
};

describe('generateKeyMaterial', () => {
  it('SYMMETRIC_DEFAULT: a 64-hex material id and a 32-byte AES-256 secret, no key pair', async () => {
    const m = await generateKeyMaterial('SYMMETRIC_DEFAULT', ctx);
    expect(m.id).toMatch(/^[0-9a-f]{64}$/);
    expect(m.createdAt).toBe(1_700_000_000_000);
    expect(m.secret).toHaveLength(32);
    expect(m.privateKeyPkcs8).toBeUndefined();
    const again = await generateKeyMaterial('SYMMETRIC_DEFAULT', ctx);
    expect(again.id).not.toBe(m.id);
  });

  it.each(Object.entries(HMAC_BYTES))('%s: a secret of %i bytes (the hash size)', async (spec, n) => {
    const m = await generateKeyMaterial(spec as KeySpec, ctx);
    expect(m.secret).toHaveLength(n);
  });

  it.each([
    ['RSA_2048', 294, { name: 'RSA-PSS', hash: 'SHA-256' }],
    ['RSA_3072', 422, { name: 'RSA-OAEP', hash: 'SHA-1' }],
    ['ECC_NIST_P256', 91, { name: 'ECDSA', namedCurve: 'P-256' }],
    ['ECC_NIST_P384', 120, { name: 'ECDH', namedCurve: 'P-384' }],
    ['ECC_NIST_P521', 158, { name: 'ECDSA', namedCurve: 'P-521' }],
  ] as const)('%s: DER SPKI of %i bytes and a PKCS#8 WebCrypto imports for any use', async (spec, spkiSize, alg) => {
    const m = await generateKeyMaterial(spec, ctx);
    expect(m.secret).toBeUndefined();
    expect(m.publicKeySpki).toHaveLength(spkiSize);
    const usePriv: KeyUsage[] = alg.name === 'ECDH' ? ['deriveBits'] : alg.name === 'RSA-OAEP' ? ['decrypt'] : ['sign'];
    const priv = await crypto.subtle.importKey('pkcs8', new Uint8Array(m.privateKeyPkcs8!), alg, false, usePriv);
    expect(priv.type).toBe('private');
  });

  it('ECC_SECG_P256K1: an 88-byte SPKI with the secp256k1 OID, built without WebCrypto', async () => {
    const m = await generateKeyMaterial('ECC_SECG_P256K1', ctx);
    expect(m.publicKeySpki).toHaveLength(88);
    expect(Buffer.from(m.publicKeySpki!).toString('hex')).toContain('06052b8104000a');
    expect(m.privateKeyPkcs8![0]).toBe(0x30);
  });
});
