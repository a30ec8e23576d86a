import {
  CreateKeyCommand,
  DecryptCommand,
  GenerateDataKeyCommand,
  GenerateDataKeyPairCommand,
  GenerateDataKeyPairWithoutPlaintextCommand,
  GenerateDataKeyWithoutPlaintextCommand,
  type KMSClient,
} from '@aws-sdk/client-kms';
import { beforeAll, describe, expect, it } from 'vitest';
import { sandboxClients } from '../../__tests__/helpers/clients';
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { ab, expectAwsError } from './crypto-test-helpers';

let kms: KMSClient;
let keyId: string;
let keyArn: string;
let rsaArn: string;
let signArn: string;

const CREATE_KEY_SPECS =
  '[RSA_2048, ECC_NIST_P384, ECC_NIST_P256, ECC_NIST_P521, HMAC_384, RSA_3072, ECC_SECG_P256K1, RSA_4096, SYMMETRIC_DEFAULT, HMAC_256, HMAC_224, HMAC_512]';

beforeAll(async () => {
  ({ kms } = await sandboxClients());
  const k = (await kms.send(new CreateKeyCommand({}))).KeyMetadata!;
  keyId = k.KeyId!;
  keyArn = k.Arn!;
  rsaArn = (await kms.send(new CreateKeyCommand({ KeySpec: 'RSA_2048', KeyUsage: 'ENCRYPT_DECRYPT' }))).KeyMetadata!.Arn!;
  signArn = (await kms.send(new CreateKeyCommand({ KeySpec: 'ECC_NIST_P256', KeyUsage: 'SIGN_VERIFY' }))).KeyMetadata!.Arn!;
});

describe('GenerateDataKey / GenerateDataKeyWithoutPlaintext', () => {
  it('AES_256: a 32-byte key whose 184-byte blob decrypts to the same bytes', async () => {
    const r = await kms.send(new GenerateDataKeyCommand({ KeyId: keyId, KeySpec: 'AES_256' }));
    expect(r.KeyId).toBe(keyArn);
    expect(r.Plaintext).toHaveLength(32);
    expect(r.CiphertextBlob).toHaveLength(184);
    expect(Buffer.from(r.CiphertextBlob!).subarray(0, 5).toString('hex')).toBe('0102030078');
    expect(r.KeyMaterialId).toMatch(/^[0-9a-f]{64}$/);
    const d = await kms.send(new DecryptCommand({ CiphertextBlob: r.CiphertextBlob }));
    expect(Buffer.from(d.Plaintext!).equals(Buffer.from(r.Plaintext!))).toBe(true);
  });

  it('AES_128 gives 16 bytes; NumberOfBytes gives that many', async () => {
    expect((await kms.send(new GenerateDataKeyCommand({ KeyId: keyId, KeySpec: 'AES_128' }))).Plaintext).toHaveLength(16);
    expect((await kms.send(new GenerateDataKeyCommand({ KeyId: keyId, NumberOfBytes: 1 }))).Plaintext).toHaveLength(1);
    expect((await kms.send(new GenerateDataKeyCommand({ KeyId: keyId, NumberOfBytes: 1024 }))).Plaintext).toHaveLength(1024);
  });

  it('WithoutPlaintext omits Plaintext; its blob decrypts', async () => {
    const r = await kms.send(new GenerateDataKeyWithoutPlaintextCommand({ KeyId: keyId, KeySpec: 'AES_256', EncryptionContext: { a: 'b' } }));
    expect('Plaintext' in r).toBe(false);
    expect(r.KeyId).toBe(keyArn);
    expect(r.KeyMaterialId).toMatch(/^[0-9a-f]{64}$/);
    const d = await kms.send(new DecryptCommand({ CiphertextBlob: r.CiphertextBlob, EncryptionContext: { a: 'b' } }));
    expect(d.Plaintext).toHaveLength(32);
  });

  it('binds the encryption context (missing context -> InvalidCiphertextException)', async () => {
    for (const Cmd of [GenerateDataKeyCommand, GenerateDataKeyWithoutPlaintextCommand]) {
      const r = await kms.send(new Cmd({ KeyId: keyId, KeySpec: 'AES_256', EncryptionContext: { k: 'v' } }));
      await expectAwsError(kms.send(new DecryptCommand({ CiphertextBlob: r.CiphertextBlob })), 'InvalidCiphertextException', null);
    }
  });

  it.each<[{ KeySpec?: 'AES_256'; NumberOfBytes?: number }, string]>([
    [{}, 'neither'],
    [{ KeySpec: 'AES_256', NumberOfBytes: 32 }, 'both'],
  ])('%j (%s) -> Please specify either number of bytes or key spec.', async (extra) => {
    await expectAwsError(
      kms.send(new GenerateDataKeyCommand({ KeyId: keyId, ...extra })),
      'ValidationException',
      'Please specify either number of bytes or key spec.',
    );
  });

  it('reports a bad KeySpec with the CreateKey key spec list', async () => {
    await expectAwsError(
      kms.send(new GenerateDataKeyCommand({ KeyId: keyId, KeySpec: 'AES-256' as never })),
      'ValidationException',
      `1 validation error detected: Value 'AES-256' at 'keySpec' failed to satisfy constraint: Member must satisfy enum value set: ${CREATE_KEY_SPECS}`,
    );
  });

  it.each([
    [0, 'greater than or equal to 1'],
    [1025, 'less than or equal to 1024'],
  ])('NumberOfBytes %i -> framework range message', async (n, clause) => {
    await expectAwsError(
      kms.send(new GenerateDataKeyCommand({ KeyId: keyId, NumberOfBytes: n })),
      'ValidationException',
      `1 validation error detected: Value '${n}' at 'numberOfBytes' failed to satisfy constraint: Member must have value ${clause}`,
    );
  });

  it('refuses asymmetric keys with InvalidKeyUsageException', async () => {
    await expectAwsError(kms.send(new GenerateDataKeyCommand({ KeyId: rsaArn, KeySpec: 'AES_256' })), 'InvalidKeyUsageException');
    await expectAwsError(
      kms.send(new GenerateDataKeyCommand({ KeyId: signArn, KeySpec: 'AES_256' })),
      'InvalidKeyUsageException',
      `${signArn} key usage is SIGN_VERIFY which is not valid for GenerateDataKey.`,
    );
  });

  it('DryRun -> DryRunOperationException (HTTP 400)', async () => {
    await expectAwsError(
      kms.send(new GenerateDataKeyCommand({ KeyId: keyId, KeySpec: 'AES_256', DryRun: true })),
      'DryRunOperationException',
      'The request would have succeeded, but the DryRun option is set.',
    );
  });
});

describe('GenerateDataKeyPair / GenerateDataKeyPairWithoutPlaintext', () => {
  const SPKI_SIZES = { RSA_2048: 294, ECC_NIST_P256: 91, ECC_NIST_P384: 120, ECC_NIST_P521: 158, ECC_SECG_P256K1: 88 } as const;

  it.each(Object.entries(SPKI_SIZES))('%s: DER SPKI of %i bytes; the private key blob decrypts to the PKCS#8', async (spec, size) => {
    const r = await kms.send(
      new GenerateDataKeyPairCommand({ KeyId: keyId, KeyPairSpec: spec as keyof typeof SPKI_SIZES, EncryptionContext: { p: 'q' } }),
    );
    expect(r.KeyId).toBe(keyArn);
    expect(r.KeyPairSpec).toBe(spec);
    expect(r.PublicKey).toHaveLength(size);
    expect(r.KeyMaterialId).toMatch(/^[0-9a-f]{64}$/);
    const d = await kms.send(new DecryptCommand({ CiphertextBlob: r.PrivateKeyCiphertextBlob, EncryptionContext: { p: 'q' } }));
    expect(Buffer.from(d.Plaintext!).equals(Buffer.from(r.PrivateKeyPlaintext!))).toBe(true);
    await expectAwsError(kms.send(new DecryptCommand({ CiphertextBlob: r.PrivateKeyCiphertextBlob })), 'InvalidCiphertextException', null);
    // The pair belongs together: sign with the private key, verify with the public key.
    const msg = new TextEncoder().encode('pair');
    if (spec === 'ECC_SECG_P256K1') {
      const pkcs8 = r.PrivateKeyPlaintext!;
      const d32 = pkcs8.subarray(pkcs8.length - 32 - 2 - 68 - 0, pkcs8.length - 2 - 68);
      const pub = r.PublicKey!.subarray(23);
      const sig = secp256k1.sign(new Uint8Array(await crypto.subtle.digest('SHA-256', msg)), d32, { prehash: false });
      expect(secp256k1.verify(sig, new Uint8Array(await crypto.subtle.digest('SHA-256', msg)), pub, { prehash: false })).toBe(true);
    } else {
      const alg = spec.startsWith('RSA')
        ? { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }
        : { name: 'ECDSA', namedCurve: `P-${spec.slice(-3)}` };
      const sigAlg = spec.startsWith('RSA') ? { name: 'RSASSA-PKCS1-v1_5' } : { name: 'ECDSA', hash: 'SHA-256' };
      const priv = await crypto.subtle.importKey('pkcs8', ab(r.PrivateKeyPlaintext!), alg, false, ['sign']);
      const pub = await crypto.subtle.importKey('spki', ab(r.PublicKey!), alg, false, ['verify']);
      const sig = await crypto.subtle.sign(sigAlg, priv, msg);
      expect(await crypto.subtle.verify(sigAlg, pub, sig, msg)).toBe(true);
    }
  });

  it('WithoutPlaintext binds the encryption context too', async () => {
    const r = await kms.send(new GenerateDataKeyPairWithoutPlaintextCommand({ KeyId: keyId, KeyPairSpec: 'ECC_NIST_P256', EncryptionContext: { x: 'y' } }));
    await expectAwsError(kms.send(new DecryptCommand({ CiphertextBlob: r.PrivateKeyCiphertextBlob })), 'InvalidCiphertextException', null);
    const d = await kms.send(new DecryptCommand({ CiphertextBlob: r.PrivateKeyCiphertextBlob, EncryptionContext: { x: 'y' } }));
    expect(d.Plaintext![0]).toBe(0x30);
  });

  it('WithoutPlaintext omits PrivateKeyPlaintext', async () => {
    const r = await kms.send(new GenerateDataKeyPairWithoutPlaintextCommand({ KeyId: keyId, KeyPairSpec: 'ECC_NIST_P256' }));
    expect('PrivateKeyPlaintext' in r).toBe(false);
    expect(r.PublicKey).toHaveLength(91);
    const d = await kms.send(new DecryptCommand({ CiphertextBlob: r.PrivateKeyCiphertextBlob }));
    const priv = await crypto.subtle.importKey('pkcs8', ab(d.Plaintext!), { name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign']);
    expect(priv.type).toBe('private');
  });

  it('DryRun -> DryRunOperationException for both variants', async () => {
    for (const Cmd of [GenerateDataKeyPairCommand, GenerateDataKeyPairWithoutPlaintextCommand]) {
      await expectAwsError(
        kms.send(new Cmd({ KeyId: keyId, KeyPairSpec: 'RSA_2048', DryRun: true })),
        'DryRunOperationException',
        'The request would have succeeded, but the DryRun option is set.',
      );
    }
  });

  it('refuses an unknown KeyPairSpec and an asymmetric wrapping key', async () => {
    await expectAwsError(
      kms.send(new GenerateDataKeyPairCommand({ KeyId: keyId, KeyPairSpec: 'RSA_1024' as never })),
      'ValidationException',
      /^1 validation error detected: Value 'RSA_1024' at 'keyPairSpec' failed to satisfy constraint: Member must satisfy enum value set: \[/,
    );
    await expectAwsError(kms.send(new GenerateDataKeyPairCommand({ KeyId: signArn, KeyPairSpec: 'ECC_NIST_P256' })), 'InvalidKeyUsageException');
  });
});
