import {
  CreateKeyCommand,
  DecryptCommand,
  DeleteImportedKeyMaterialCommand,
  DescribeKeyCommand,
  EncryptCommand,
  GetParametersForImportCommand,
  GetPublicKeyCommand,
  ImportKeyMaterialCommand,
  KMSClient,
  SignCommand,
} from '@aws-sdk/client-kms';
import { describe, expect, it } from 'vitest';
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { aesKwpWrap } from '../aes-kwp';
import { secp256k1Pkcs8, secp256k1Spki } from '../key-material';
import { toHex } from '../../shared/bytes';
import { expectAwsError, kmsSandbox } from './helpers/sdk';

/** Wraps key material with the public key from GetParametersForImport, as openssl pkeyutl would. */
async function wrap(publicKey: Uint8Array, material: Uint8Array, hash: 'SHA-1' | 'SHA-256' = 'SHA-256') {
  const pub = await crypto.subtle.importKey('spki', publicKey as Uint8Array<ArrayBuffer>, { name: 'RSA-OAEP', hash }, false, ['encrypt']);
  return new Uint8Array(await crypto.subtle.encrypt({ name: 'RSA-OAEP' }, pub, material as Uint8Array<ArrayBuffer>));
}

async function importInto(kms: KMSClient, keyId: string, material: Uint8Array, extra: Partial<{ ExpirationModel: 'KEY_MATERIAL_EXPIRES' | 'KEY_MATERIAL_DOES_NOT_EXPIRE'; ValidTo: Date }> = { ExpirationModel: 'KEY_MATERIAL_DOES_NOT_EXPIRE' }) {
  const p = await kms.send(new GetParametersForImportCommand({ KeyId: keyId, WrappingAlgorithm: 'RSAES_OAEP_SHA_256', WrappingKeySpec: 'RSA_2048' }));
  return kms.send(
    new ImportKeyMaterialCommand({ KeyId: keyId, ImportToken: p.ImportToken, EncryptedKeyMaterial: await wrap(p.PublicKey!, material), ...extra }),
  );
}

describe('imported key material (Origin EXTERNAL)', () => {
  it('GetParametersForImport answers the key ARN, a token, an RSA public key and a 24-hour validity', async () => {
    const { kms, sandbox } = await kmsSandbox();
    const { KeyMetadata: md } = await kms.send(new CreateKeyCommand({ Origin: 'EXTERNAL' }));
    const p = await kms.send(new GetParametersForImportCommand({ KeyId: md!.KeyId, WrappingAlgorithm: 'RSAES_OAEP_SHA_1', WrappingKeySpec: 'RSA_2048' }));
    expect(p.KeyId).toBe(md!.Arn);
    expect(p.ImportToken!.length).toBeGreaterThan(0);
    expect(p.PublicKey!.length).toBe(294);
    expect(p.ParametersValidTo!.getTime() - sandbox.clock.now()).toBeGreaterThan(23 * 3_600_000);
  });

  it('refuses keys whose origin is AWS_KMS with the recorded text', async () => {
    const { kms } = await kmsSandbox();
    const { KeyMetadata: md } = await kms.send(new CreateKeyCommand({}));
    await expectAwsError(
      kms.send(new GetParametersForImportCommand({ KeyId: md!.KeyId, WrappingAlgorithm: 'RSAES_OAEP_SHA_256', WrappingKeySpec: 'RSA_2048' })),
      'UnsupportedOperationException',
      `${md!.Arn} origin is AWS_KMS which is not valid for this operation.`,
    );
  });

  it('requires ValidTo when the material expires (the default model)', async () => {
    const { kms } = await kmsSandbox();
    const { KeyMetadata: md } = await kms.send(new CreateKeyCommand({ Origin: 'EXTERNAL' }));
    const p = await kms.send(new GetParametersForImportCommand({ KeyId: md!.KeyId, WrappingAlgorithm: 'RSAES_OAEP_SHA_256', WrappingKeySpec: 'RSA_2048' }));
    await expectAwsError(
      kms.send(new ImportKeyMaterialCommand({ KeyId: md!.KeyId, ImportToken: p.ImportToken, EncryptedKeyMaterial: await wrap(p.PublicKey!, new Uint8Array(32)) })),
      'ValidationException',
      'A validTo date must be set if the ExpirationModel is KEY_MATERIAL_EXPIRES',
    );
  });

  it('enables the key, reports ExpirationModel and CurrentKeyMaterialId, and encrypts with the material', async () => {
    const { kms } = await kmsSandbox();
    const { KeyMetadata: md } = await kms.send(new CreateKeyCommand({ Origin: 'EXTERNAL' }));
    const material = crypto.getRandomValues(new Uint8Array(32));
    const out = await importInto(kms, md!.KeyId!, material);
    expect(out.KeyId).toBe(md!.Arn);
    const after = (await kms.send(new DescribeKeyCommand({ KeyId: md!.KeyId }))).KeyMetadata!;
    expect(after).toMatchObject({ KeyState: 'Enabled', Enabled: true, ExpirationModel: 'KEY_MATERIAL_DOES_NOT_EXPIRE' });
    expect(after).not.toHaveProperty('ValidTo');
    expect(after.CurrentKeyMaterialId).toBe(out.KeyMaterialId);
    const ct = await kms.send(new EncryptCommand({ KeyId: md!.KeyId, Plaintext: new Uint8Array([7]) }));
    expect(Array.from((await kms.send(new DecryptCommand({ CiphertextBlob: ct.CiphertextBlob }))).Plaintext!)).toEqual([7]);
  });

  it('after DeleteImportedKeyMaterial the key is PendingImport; only the same material brings old ciphertext back', async () => {
    const { kms } = await kmsSandbox();
    const { KeyMetadata: md } = await kms.send(new CreateKeyCommand({ Origin: 'EXTERNAL' }));
    const material = crypto.getRandomValues(new Uint8Array(32));
    await importInto(kms, md!.KeyId!, material);
    const ct = await kms.send(new EncryptCommand({ KeyId: md!.KeyId, Plaintext: new Uint8Array([1, 2]) }));
    await kms.send(new DeleteImportedKeyMaterialCommand({ KeyId: md!.KeyId }));
    const pending = (await kms.send(new DescribeKeyCommand({ KeyId: md!.KeyId }))).KeyMetadata!;
    expect(pending).toMatchObject({ KeyState: 'PendingImport', Enabled: false });
    expect(pending).not.toHaveProperty('CurrentKeyMaterialId');
    expect(pending).not.toHaveProperty('ExpirationModel');
    await expectAwsError(
      kms.send(new EncryptCommand({ KeyId: md!.KeyId, Plaintext: new Uint8Array([1]) })),
      'KMSInvalidStateException',
      `${md!.Arn} is pending import.`,
    );
    await expectAwsError(importInto(kms, md!.KeyId!, crypto.getRandomValues(new Uint8Array(32))), 'IncorrectKeyMaterialException');
    await importInto(kms, md!.KeyId!, material);
    expect(Array.from((await kms.send(new DecryptCommand({ CiphertextBlob: ct.CiphertextBlob }))).Plaintext!)).toEqual([1, 2]);
  });

  it('deletes expiring material when the simulated clock passes ValidTo', async () => {
    const { kms, sandbox } = await kmsSandbox();
    const { KeyMetadata: md } = await kms.send(new CreateKeyCommand({ Origin: 'EXTERNAL' }));
    const validTo = new Date(sandbox.clock.now() + 10 * 86_400_000);
    await importInto(kms, md!.KeyId!, crypto.getRandomValues(new Uint8Array(32)), { ExpirationModel: 'KEY_MATERIAL_EXPIRES', ValidTo: validTo });
    const live = (await kms.send(new DescribeKeyCommand({ KeyId: md!.KeyId }))).KeyMetadata!;
    expect(live.ExpirationModel).toBe('KEY_MATERIAL_EXPIRES');
    expect(Math.abs(live.ValidTo!.getTime() - validTo.getTime())).toBeLessThan(1000);
    await sandbox.clock.advanceDays(11);
    expect((await kms.send(new DescribeKeyCommand({ KeyId: md!.KeyId }))).KeyMetadata!.KeyState).toBe('PendingImport');
  });

  it('refuses a wrong import token and material of the wrong size', async () => {
    const { kms } = await kmsSandbox();
    const { KeyMetadata: md } = await kms.send(new CreateKeyCommand({ Origin: 'EXTERNAL' }));
    const p = await kms.send(new GetParametersForImportCommand({ KeyId: md!.KeyId, WrappingAlgorithm: 'RSAES_OAEP_SHA_256', WrappingKeySpec: 'RSA_2048' }));
    await expectAwsError(
      kms.send(new ImportKeyMaterialCommand({ KeyId: md!.KeyId, ImportToken: new Uint8Array(64), EncryptedKeyMaterial: await wrap(p.PublicKey!, new Uint8Array(32)), ExpirationModel: 'KEY_MATERIAL_DOES_NOT_EXPIRE' })),
      'InvalidImportTokenException',
    );
    await expectAwsError(
      kms.send(new ImportKeyMaterialCommand({ KeyId: md!.KeyId, ImportToken: p.ImportToken, EncryptedKeyMaterial: await wrap(p.PublicKey!, new Uint8Array(16)), ExpirationModel: 'KEY_MATERIAL_DOES_NOT_EXPIRE' })),
      'IncorrectKeyMaterialException',
    );
    await expectAwsError(
      kms.send(new ImportKeyMaterialCommand({ KeyId: md!.KeyId, ImportToken: p.ImportToken, EncryptedKeyMaterial: new Uint8Array(256), ExpirationModel: 'KEY_MATERIAL_DOES_NOT_EXPIRE' })),
      'InvalidCiphertextException',
      null,
    );
  });

  it('Sandbox differs: SM2PKE wrapping (China Regions) is refused explicitly', async () => {
    const { kms } = await kmsSandbox();
    const { KeyMetadata: md } = await kms.send(new CreateKeyCommand({ Origin: 'EXTERNAL' }));
    await expectAwsError(
      kms.send(new GetParametersForImportCommand({ KeyId: md!.KeyId, WrappingAlgorithm: 'SM2PKE', WrappingKeySpec: 'SM2' })),
      'UnsupportedOperationException',
      /supports the wrapping algorithms RSAES_OAEP_SHA_1, RSAES_OAEP_SHA_256, RSA_AES_KEY_WRAP_SHA_1 and RSA_AES_KEY_WRAP_SHA_256/,
    );
  });
});

/** RSA_AES_KEY_WRAP_SHA_*: RSA-OAEP of a fresh AES-256 key, then the material under RFC 5649 with that key. */
async function rsaAesWrap(publicKey: Uint8Array, material: Uint8Array, hash: 'SHA-1' | 'SHA-256') {
  const aes = crypto.getRandomValues(new Uint8Array(32));
  const head = await wrap(publicKey, aes, hash);
  const tail = await aesKwpWrap(crypto.subtle, aes, material);
  const out = new Uint8Array(head.length + tail.length);
  out.set(head);
  out.set(tail, head.length);
  return out;
}

async function importWrapped(kms: KMSClient, keyId: string, material: Uint8Array, alg: 'RSA_AES_KEY_WRAP_SHA_1' | 'RSA_AES_KEY_WRAP_SHA_256') {
  const p = await kms.send(new GetParametersForImportCommand({ KeyId: keyId, WrappingAlgorithm: alg, WrappingKeySpec: 'RSA_2048' }));
  const hash = alg === 'RSA_AES_KEY_WRAP_SHA_1' ? 'SHA-1' : 'SHA-256';
  return kms.send(
    new ImportKeyMaterialCommand({
      KeyId: keyId,
      ImportToken: p.ImportToken,
      EncryptedKeyMaterial: await rsaAesWrap(p.PublicKey!, material, hash),
      ExpirationModel: 'KEY_MATERIAL_DOES_NOT_EXPIRE',
    }),
  );
}

describe('imported material wrapped with RSA_AES_KEY_WRAP', () => {
  it('imports symmetric material (RSA_AES_KEY_WRAP_SHA_1)', async () => {
    const { kms } = await kmsSandbox();
    const { KeyMetadata: md } = await kms.send(new CreateKeyCommand({ Origin: 'EXTERNAL' }));
    await importWrapped(kms, md!.KeyId!, crypto.getRandomValues(new Uint8Array(32)), 'RSA_AES_KEY_WRAP_SHA_1');
    const ct = await kms.send(new EncryptCommand({ KeyId: md!.KeyId, Plaintext: new Uint8Array([9]) }));
    expect(Array.from((await kms.send(new DecryptCommand({ CiphertextBlob: ct.CiphertextBlob }))).Plaintext!)).toEqual([9]);
  });

  it('imports an RSA private key: GetPublicKey returns its SPKI byte for byte and Sign uses it', async () => {
    const { kms } = await kmsSandbox();
    const { KeyMetadata: md } = await kms.send(new CreateKeyCommand({ Origin: 'EXTERNAL', KeySpec: 'RSA_2048', KeyUsage: 'SIGN_VERIFY' }));
    const pair = (await crypto.subtle.generateKey(
      { name: 'RSA-PSS', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' },
      true,
      ['sign', 'verify'],
    )) as CryptoKeyPair;
    const pkcs8 = new Uint8Array(await crypto.subtle.exportKey('pkcs8', pair.privateKey));
    const spki = new Uint8Array(await crypto.subtle.exportKey('spki', pair.publicKey));
    await importWrapped(kms, md!.KeyId!, pkcs8, 'RSA_AES_KEY_WRAP_SHA_256');
    const pub = await kms.send(new GetPublicKeyCommand({ KeyId: md!.KeyId }));
    expect(Array.from(pub.PublicKey!)).toEqual(Array.from(spki));
    const message = new TextEncoder().encode('signed by imported material');
    const sig = await kms.send(new SignCommand({ KeyId: md!.KeyId, Message: message, SigningAlgorithm: 'RSASSA_PSS_SHA_256' }));
    expect(await crypto.subtle.verify({ name: 'RSA-PSS', saltLength: 32 }, pair.publicKey, sig.Signature! as Uint8Array<ArrayBuffer>, message)).toBe(true);
  });

  it('imports a P-256 private key and refuses one of another curve', async () => {
    const { kms } = await kmsSandbox();
    const { KeyMetadata: md } = await kms.send(new CreateKeyCommand({ Origin: 'EXTERNAL', KeySpec: 'ECC_NIST_P256', KeyUsage: 'SIGN_VERIFY' }));
    const gen = async (namedCurve: string) =>
      (await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve }, true, ['sign', 'verify'])) as CryptoKeyPair;
    const p384 = await gen('P-384');
    await expectAwsError(
      importWrapped(kms, md!.KeyId!, new Uint8Array(await crypto.subtle.exportKey('pkcs8', p384.privateKey)), 'RSA_AES_KEY_WRAP_SHA_256'),
      'IncorrectKeyMaterialException',
    );
    const p256 = await gen('P-256');
    await importWrapped(kms, md!.KeyId!, new Uint8Array(await crypto.subtle.exportKey('pkcs8', p256.privateKey)), 'RSA_AES_KEY_WRAP_SHA_256');
    const pub = await kms.send(new GetPublicKeyCommand({ KeyId: md!.KeyId }));
    expect(Array.from(pub.PublicKey!)).toEqual(Array.from(new Uint8Array(await crypto.subtle.exportKey('spki', p256.publicKey))));
  });

  it('imports a secp256k1 private key (ECC_SECG_P256K1): GetPublicKey gives its point and Sign verifies with it', async () => {
    const { kms } = await kmsSandbox();
    const { KeyMetadata: md } = await kms.send(new CreateKeyCommand({ Origin: 'EXTERNAL', KeySpec: 'ECC_SECG_P256K1', KeyUsage: 'SIGN_VERIFY' }));
    const d = secp256k1.utils.randomSecretKey();
    const point = secp256k1.getPublicKey(d, false);
    await importWrapped(kms, md!.KeyId!, secp256k1Pkcs8(d, point), 'RSA_AES_KEY_WRAP_SHA_256');
    const pub = await kms.send(new GetPublicKeyCommand({ KeyId: md!.KeyId }));
    expect(toHex(pub.PublicKey!)).toBe(toHex(secp256k1Spki(point)));
    const message = new TextEncoder().encode('signed by imported secp256k1 material');
    const sig = await kms.send(new SignCommand({ KeyId: md!.KeyId, Message: message, SigningAlgorithm: 'ECDSA_SHA_256' }));
    expect(secp256k1.verify(sig.Signature!, sha256(message), point, { prehash: false, lowS: false, format: 'der' })).toBe(true);
  });

  it('refuses a P-256 private key for an ECC_SECG_P256K1 key', async () => {
    const { kms } = await kmsSandbox();
    const { KeyMetadata: md } = await kms.send(new CreateKeyCommand({ Origin: 'EXTERNAL', KeySpec: 'ECC_SECG_P256K1', KeyUsage: 'SIGN_VERIFY' }));
    const p256 = (await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign'])) as CryptoKeyPair;
    await expectAwsError(
      importWrapped(kms, md!.KeyId!, new Uint8Array(await crypto.subtle.exportKey('pkcs8', p256.privateKey)), 'RSA_AES_KEY_WRAP_SHA_256'),
      'IncorrectKeyMaterialException',
    );
  });
});
