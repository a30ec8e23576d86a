import { CreateKeyCommand, GetPublicKeyCommand, SignCommand, VerifyCommand, type KMSClient, type SigningAlgorithmSpec } from '@aws-sdk/client-kms';
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { sandboxClients } from '../../__tests__/helpers/clients';
import { ecdsaDerToRaw } from '../asymmetric/der';
import { ab, bytes, expectAwsError } from './crypto-test-helpers';

let kms: KMSClient;
const keys: Record<string, string> = {};
const publicKeys: Record<string, Uint8Array> = {};
let hmacArn: string;
let symArn: string;

const SPECS = ['RSA_2048', 'RSA_4096', 'ECC_NIST_P256', 'ECC_NIST_P384', 'ECC_NIST_P521', 'ECC_SECG_P256K1'] as const;
type Spec = (typeof SPECS)[number];

beforeAll(async () => {
  ({ kms } = await sandboxClients());
  for (const spec of SPECS) {
    keys[spec] = (await kms.send(new CreateKeyCommand({ KeySpec: spec, KeyUsage: 'SIGN_VERIFY' }))).KeyMetadata!.Arn!;
    publicKeys[spec] = (await kms.send(new GetPublicKeyCommand({ KeyId: keys[spec] }))).PublicKey!;
  }
  hmacArn = (await kms.send(new CreateKeyCommand({ KeySpec: 'HMAC_256', KeyUsage: 'GENERATE_VERIFY_MAC' }))).KeyMetadata!.Arn!;
  symArn = (await kms.send(new CreateKeyCommand({}))).KeyMetadata!.Arn!;
});

const HASH_OF = (alg: string) => `SHA-${alg.slice(-3)}` as 'SHA-256' | 'SHA-384' | 'SHA-512';
const digestOf = async (alg: string, m: Uint8Array) => new Uint8Array(await crypto.subtle.digest(HASH_OF(alg), ab(m)));

const CASES: [Spec, SigningAlgorithmSpec][] = [
  ['RSA_2048', 'RSASSA_PKCS1_V1_5_SHA_256'],
  ['RSA_2048', 'RSASSA_PKCS1_V1_5_SHA_384'],
  ['RSA_2048', 'RSASSA_PKCS1_V1_5_SHA_512'],
  ['RSA_2048', 'RSASSA_PSS_SHA_256'],
  ['RSA_2048', 'RSASSA_PSS_SHA_384'],
  ['RSA_2048', 'RSASSA_PSS_SHA_512'],
  // AWS's recorded KMSInvalidSignatureException cases include RSA_4096 with PKCS#1 v1.5.
  ['RSA_4096', 'RSASSA_PKCS1_V1_5_SHA_256'],
  ['RSA_4096', 'RSASSA_PKCS1_V1_5_SHA_512'],
  ['ECC_NIST_P256', 'ECDSA_SHA_256'],
  ['ECC_NIST_P384', 'ECDSA_SHA_384'],
  ['ECC_NIST_P521', 'ECDSA_SHA_512'],
  ['ECC_SECG_P256K1', 'ECDSA_SHA_256'],
];

/** Verifies a KMS signature over `message` without KMS: WebCrypto, or noble for secp256k1. */
async function verifyIndependently(spec: Spec, alg: string, message: Uint8Array, sig: Uint8Array): Promise<boolean> {
  const hash = HASH_OF(alg);
  if (spec === 'ECC_SECG_P256K1') {
    const point = publicKeys[spec]!.subarray(23);
    return secp256k1.verify(sig, await digestOf(alg, message), point, { prehash: false, lowS: false, format: 'der' });
  }
  if (spec.startsWith('RSA')) {
    const pss = alg.includes('PSS');
    const name = pss ? 'RSA-PSS' : 'RSASSA-PKCS1-v1_5';
    const k = await crypto.subtle.importKey('spki', ab(publicKeys[spec]!), { name, hash }, false, ['verify']);
    // PSS: salt length equals the digest length, as AWS KMS signs.
    const params = pss ? { name, saltLength: Number(hash.slice(4)) / 8 } : { name };
    return crypto.subtle.verify(params, k, ab(sig), ab(message));
  }
  const curve = `P-${spec.slice(-3)}`;
  const size = { 'P-256': 32, 'P-384': 48, 'P-521': 66 }[curve]!;
  const raw = ecdsaDerToRaw(sig, size);
  if (!raw) return false;
  const k = await crypto.subtle.importKey('spki', ab(publicKeys[spec]!), { name: 'ECDSA', namedCurve: curve }, false, ['verify']);
  return crypto.subtle.verify({ name: 'ECDSA', hash }, k, raw, ab(message));
}

describe('Sign / Verify', () => {
  it.each(CASES)('%s %s: RAW and DIGEST signatures verify independently and cross-verify in KMS', async (spec, alg) => {
    const message = bytes(`message for ${alg}`);
    const raw = await kms.send(new SignCommand({ KeyId: keys[spec], Message: message, SigningAlgorithm: alg }));
    expect(raw.KeyId).toBe(keys[spec]);
    expect(raw.SigningAlgorithm).toBe(alg);
    if (spec.startsWith('RSA')) expect(raw.Signature).toHaveLength(Number(spec.slice(4)) / 8);
    else expect(raw.Signature![0]).toBe(0x30); // DER SEQUENCE { r, s }
    expect(await verifyIndependently(spec, alg, message, raw.Signature!)).toBe(true);

    const digest = await digestOf(alg, message);
    const dig = await kms.send(new SignCommand({ KeyId: keys[spec], Message: digest, MessageType: 'DIGEST', SigningAlgorithm: alg }));
    expect(await verifyIndependently(spec, alg, message, dig.Signature!)).toBe(true);

    // DIGEST signatures verify against RAW and vice versa.
    const v1 = await kms.send(new VerifyCommand({ KeyId: keys[spec], Message: message, Signature: dig.Signature, SigningAlgorithm: alg }));
    expect(v1.SignatureValid).toBe(true);
    expect(v1.KeyId).toBe(keys[spec]);
    expect(v1.SigningAlgorithm).toBe(alg);
    const v2 = await kms.send(
      new VerifyCommand({ KeyId: keys[spec], Message: digest, MessageType: 'DIGEST', Signature: raw.Signature, SigningAlgorithm: alg }),
    );
    expect(v2.SignatureValid).toBe(true);

    // A signature that does not verify throws; SignatureValid is never false.
    await expectAwsError(
      kms.send(new VerifyCommand({ KeyId: keys[spec], Message: bytes('another message'), Signature: raw.Signature, SigningAlgorithm: alg })),
      'KMSInvalidSignatureException',
      null,
    );
    const flipped = raw.Signature!.slice();
    flipped[flipped.length - 1]! ^= 0x01;
    await expectAwsError(
      kms.send(new VerifyCommand({ KeyId: keys[spec], Message: digest, MessageType: 'DIGEST', Signature: flipped, SigningAlgorithm: alg })),
      'KMSInvalidSignatureException',
      null,
    );
  });

  it.each([
    ['ECC_NIST_P256', 'ECDSA_SHA_256', 31],
    ['ECC_NIST_P384', 'ECDSA_SHA_384', 32],
    ['RSA_2048', 'RSASSA_PSS_SHA_256', 48],
    ['RSA_2048', 'RSASSA_PSS_SHA_384', 64],
    ['RSA_2048', 'RSASSA_PSS_SHA_512', 32],
    ['RSA_2048', 'RSASSA_PKCS1_V1_5_SHA_256', 33],
    ['RSA_2048', 'RSASSA_PKCS1_V1_5_SHA_512', 48],
  ] as const)('%s %s with a %i-byte DIGEST -> Digest is invalid length', async (spec, alg, n) => {
    const message = new Uint8Array(n);
    const text = `Digest is invalid length for algorithm ${alg}.`;
    await expectAwsError(kms.send(new SignCommand({ KeyId: keys[spec], Message: message, MessageType: 'DIGEST', SigningAlgorithm: alg })), 'ValidationException', text);
    await expectAwsError(
      kms.send(new VerifyCommand({ KeyId: keys[spec], Message: message, MessageType: 'DIGEST', Signature: new Uint8Array(64), SigningAlgorithm: alg })),
      'ValidationException',
      text,
    );
  });

  it('refuses keys of other usages in AWS words', async () => {
    await expectAwsError(
      kms.send(new SignCommand({ KeyId: hmacArn, Message: bytes('m'), SigningAlgorithm: 'ECDSA_SHA_256' })),
      'InvalidKeyUsageException',
      `${hmacArn} key usage is GENERATE_VERIFY_MAC which is not valid for Sign.`,
    );
    await expectAwsError(
      kms.send(new VerifyCommand({ KeyId: symArn, Message: bytes('m'), Signature: new Uint8Array(8), SigningAlgorithm: 'ECDSA_SHA_256' })),
      'InvalidKeyUsageException',
      `${symArn} key usage is ENCRYPT_DECRYPT which is not valid for Verify.`,
    );
  });

  it('refuses an algorithm that does not fit the key spec', async () => {
    await expectAwsError(
      kms.send(new SignCommand({ KeyId: keys.ECC_NIST_P256, Message: bytes('m'), SigningAlgorithm: 'ECDSA_SHA_384' })),
      'InvalidKeyUsageException',
      'Algorithm ECDSA_SHA_384 is incompatible with key spec ECC_NIST_P256.',
    );
    await expectAwsError(
      kms.send(new SignCommand({ KeyId: keys.RSA_2048, Message: bytes('m'), SigningAlgorithm: 'ECDSA_SHA_256' })),
      'InvalidKeyUsageException',
      'Algorithm ECDSA_SHA_256 is incompatible with key spec RSA_2048.',
    );
  });

  it('limits Message to 4096 bytes and requires SigningAlgorithm', async () => {
    await expectAwsError(
      kms.send(new SignCommand({ KeyId: keys.ECC_NIST_P256, Message: new Uint8Array(4097), SigningAlgorithm: 'ECDSA_SHA_256' })),
      'ValidationException',
      "1 validation error detected: Value at 'message' failed to satisfy constraint: Member must have length less than or equal to 4096",
    );
    await expectAwsError(
      kms.send(new SignCommand({ KeyId: keys.ECC_NIST_P256, Message: bytes('m'), SigningAlgorithm: undefined as never })),
      'ValidationException',
      "1 validation error detected: Value null at 'signingAlgorithm' failed to satisfy constraint: Member must not be null",
    );
    const ok = await kms.send(new SignCommand({ KeyId: keys.ECC_NIST_P256, Message: new Uint8Array(4096), SigningAlgorithm: 'ECDSA_SHA_256' }));
    expect(ok.Signature!.length).toBeGreaterThanOrEqual(68);
    expect(ok.Signature!.length).toBeLessThanOrEqual(72);
  });

  it('DryRun -> DryRunOperationException', async () => {
    await expectAwsError(
      kms.send(new SignCommand({ KeyId: keys.ECC_NIST_P256, Message: bytes('m'), SigningAlgorithm: 'ECDSA_SHA_256', DryRun: true })),
      'DryRunOperationException',
    );
  });
});
