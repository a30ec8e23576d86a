import {
  CreateKeyCommand,
  DecryptCommand,
  DisableKeyCommand,
  EncryptCommand,
  GenerateRandomCommand,
  ReEncryptCommand,
  ScheduleKeyDeletionCommand,
  CreateAliasCommand,
  RotateKeyOnDemandCommand,
  DescribeKeyCommand,
  GenerateDataKeyCommand,
  PutKeyPolicyCommand,
  type KMSClient,
} from '@aws-sdk/client-kms';
import { beforeAll, describe, expect, it } from 'vitest';
import { sandboxClients, type SandboxClients } from '../../__tests__/helpers/clients';
import { bytes, expectAwsError, text } from './crypto-test-helpers';

let kms: KMSClient;
let sandbox: SandboxClients['sandbox'];
let keyArn: string;
let keyId: string;
let otherArn: string;
let hmacArn: string;
let signArn: string;
let rsaArn: string;
let ecArn: string;

beforeAll(async () => {
  ({ kms, sandbox } = await sandboxClients());
  const k = await kms.send(new CreateKeyCommand({}));
  keyArn = k.KeyMetadata!.Arn!;
  keyId = k.KeyMetadata!.KeyId!;
  otherArn = (await kms.send(new CreateKeyCommand({}))).KeyMetadata!.Arn!;
  hmacArn = (await kms.send(new CreateKeyCommand({ KeySpec: 'HMAC_256', KeyUsage: 'GENERATE_VERIFY_MAC' }))).KeyMetadata!.Arn!;
  signArn = (await kms.send(new CreateKeyCommand({ KeySpec: 'ECC_NIST_P256', KeyUsage: 'SIGN_VERIFY' }))).KeyMetadata!.Arn!;
  rsaArn = (await kms.send(new CreateKeyCommand({ KeySpec: 'RSA_2048', KeyUsage: 'ENCRYPT_DECRYPT' }))).KeyMetadata!.Arn!;
  ecArn = (await kms.send(new CreateKeyCommand({ KeySpec: 'ECC_NIST_P384', KeyUsage: 'KEY_AGREEMENT' }))).KeyMetadata!.Arn!;
  await kms.send(new CreateAliasCommand({ AliasName: 'alias/crypto-test', TargetKeyId: keyId }));
});

describe('Encrypt / Decrypt (symmetric)', () => {
  it('round-trips with and without KeyId, answering the key ARN, algorithm and material id', async () => {
    const enc = await kms.send(new EncryptCommand({ KeyId: keyId, Plaintext: bytes('hello') }));
    expect(enc.KeyId).toBe(keyArn);
    expect(enc.EncryptionAlgorithm).toBe('SYMMETRIC_DEFAULT');
    expect(enc.CiphertextBlob).toHaveLength(157);
    const dec = await kms.send(new DecryptCommand({ CiphertextBlob: enc.CiphertextBlob }));
    expect(text(dec.Plaintext)).toBe('hello');
    expect(dec.KeyId).toBe(keyArn);
    expect(dec.EncryptionAlgorithm).toBe('SYMMETRIC_DEFAULT');
    const current = (await kms.send(new DescribeKeyCommand({ KeyId: keyId }))).KeyMetadata!.CurrentKeyMaterialId;
    expect(dec.KeyMaterialId).toMatch(/^[0-9a-f]{64}$/);
    expect(dec.KeyMaterialId).toBe(current);
    const withId = await kms.send(new DecryptCommand({ CiphertextBlob: enc.CiphertextBlob, KeyId: 'alias/crypto-test' }));
    expect(text(withId.Plaintext)).toBe('hello');
  });

  it('is non-deterministic: the same plaintext encrypts differently each time', async () => {
    const a = await kms.send(new EncryptCommand({ KeyId: keyArn, Plaintext: bytes('same') }));
    const b = await kms.send(new EncryptCommand({ KeyId: keyArn, Plaintext: bytes('same') }));
    expect(Buffer.from(a.CiphertextBlob!).equals(Buffer.from(b.CiphertextBlob!))).toBe(false);
  });

  it('accepts 1 and 4096 bytes; refuses 0 and 4097 with the framework messages', async () => {
    for (const n of [1, 4096]) {
      const enc = await kms.send(new EncryptCommand({ KeyId: keyId, Plaintext: new Uint8Array(n).fill(7) }));
      const dec = await kms.send(new DecryptCommand({ CiphertextBlob: enc.CiphertextBlob }));
      expect(dec.Plaintext).toHaveLength(n);
    }
    await expectAwsError(
      kms.send(new EncryptCommand({ KeyId: keyId, Plaintext: new Uint8Array(4097) })),
      'ValidationException',
      "1 validation error detected: Value at 'plaintext' failed to satisfy constraint: Member must have length less than or equal to 4096",
    );
    await expectAwsError(
      kms.send(new EncryptCommand({ KeyId: keyId, Plaintext: new Uint8Array(0) })),
      'ValidationException',
      "1 validation error detected: Value at 'plaintext' failed to satisfy constraint: Member must have length greater than or equal to 1",
    );
  });

  it('binds the encryption context: exact, case-sensitive, order-insensitive', async () => {
    const EncryptionContext = { dept: 'eng', purpose: 'test' };
    const enc = await kms.send(new EncryptCommand({ KeyId: keyId, Plaintext: bytes('ctx'), EncryptionContext }));
    const ok = await kms.send(
      new DecryptCommand({ CiphertextBlob: enc.CiphertextBlob, EncryptionContext: { purpose: 'test', dept: 'eng' } }),
    );
    expect(text(ok.Plaintext)).toBe('ctx');
    const wrongs: (Record<string, string> | undefined)[] = [undefined, {}, { dept: 'eng' }, { dept: 'Eng', purpose: 'test' }, { ...EncryptionContext, extra: 'x' }];
    for (const wrong of wrongs) {
      await expectAwsError(
        kms.send(new DecryptCommand({ CiphertextBlob: enc.CiphertextBlob, EncryptionContext: wrong })),
        'InvalidCiphertextException',
        null,
      );
    }
  });

  it('a context key named "__proto__" is an ordinary key (found by fast-check)', async () => {
    const EncryptionContext = JSON.parse('{"__proto__":"x"}') as Record<string, string>;
    const enc = await kms.send(new EncryptCommand({ KeyId: keyId, Plaintext: bytes('p'), EncryptionContext }));
    await expectAwsError(kms.send(new DecryptCommand({ CiphertextBlob: enc.CiphertextBlob })), 'InvalidCiphertextException', null);
    const dec = await kms.send(new DecryptCommand({ CiphertextBlob: enc.CiphertextBlob, EncryptionContext }));
    expect(text(dec.Plaintext)).toBe('p');
  });

  it('treats no context on Encrypt and {} on Decrypt alike', async () => {
    const enc = await kms.send(new EncryptCommand({ KeyId: keyId, Plaintext: bytes('x') }));
    const dec = await kms.send(new DecryptCommand({ CiphertextBlob: enc.CiphertextBlob, EncryptionContext: {} }));
    expect(text(dec.Plaintext)).toBe('x');
  });

  it('refuses truncated, extended and foreign ciphertext with InvalidCiphertextException and no message', async () => {
    const enc = await kms.send(new EncryptCommand({ KeyId: keyId, Plaintext: bytes('secret data') }));
    const blob = enc.CiphertextBlob!;
    const variants = [
      blob.subarray(68),
      blob.subarray(0, blob.length - 1),
      new Uint8Array([...blob, ...bytes('bad_data')]),
      bytes('not a kms ciphertext at all'),
    ];
    for (const CiphertextBlob of variants) {
      await expectAwsError(kms.send(new DecryptCommand({ CiphertextBlob })), 'InvalidCiphertextException', null);
    }
  });

  it('answers IncorrectKeyException when KeyId names another key, even an HMAC key', async () => {
    const enc = await kms.send(new EncryptCommand({ KeyId: keyId, Plaintext: bytes('x') }));
    const msg = 'The key ID in the request does not identify a CMK that can perform this operation.';
    await expectAwsError(kms.send(new DecryptCommand({ CiphertextBlob: enc.CiphertextBlob, KeyId: otherArn })), 'IncorrectKeyException', msg);
    await expectAwsError(kms.send(new DecryptCommand({ CiphertextBlob: enc.CiphertextBlob, KeyId: hmacArn })), 'IncorrectKeyException', msg);
  });

  it('refuses keys whose usage is not ENCRYPT_DECRYPT', async () => {
    await expectAwsError(
      kms.send(new EncryptCommand({ KeyId: signArn, Plaintext: bytes('x') })),
      'InvalidKeyUsageException',
      `${signArn} key usage is SIGN_VERIFY which is not valid for Encrypt.`,
    );
    await expectAwsError(
      kms.send(new EncryptCommand({ KeyId: ecArn, Plaintext: bytes('x') })),
      'InvalidKeyUsageException',
      `${ecArn} key usage is KEY_AGREEMENT which is not valid for Encrypt.`,
    );
  });

  it('refuses an RSA algorithm on a symmetric key', async () => {
    await expectAwsError(
      kms.send(new EncryptCommand({ KeyId: keyId, Plaintext: bytes('x'), EncryptionAlgorithm: 'RSAES_OAEP_SHA_256' })),
      'InvalidKeyUsageException',
      'Algorithm RSAES_OAEP_SHA_256 is incompatible with key spec SYMMETRIC_DEFAULT.',
    );
  });

  it('validates before looking the key up', async () => {
    await expectAwsError(
      kms.send(new EncryptCommand({ KeyId: 'nope', Plaintext: bytes('x'), EncryptionAlgorithm: 'AES' as never })),
      'ValidationException',
      "1 validation error detected: Value 'AES' at 'encryptionAlgorithm' failed to satisfy constraint: Member must satisfy enum value set: [SYMMETRIC_DEFAULT, RSAES_OAEP_SHA_1, RSAES_OAEP_SHA_256, SM2PKE]",
    );
    await expectAwsError(kms.send(new EncryptCommand({ KeyId: 'nope', Plaintext: bytes('x') })), 'NotFoundException', "Invalid keyId 'nope'");
  });

  it('honours DryRun after authorisation and key checks', async () => {
    await expectAwsError(
      kms.send(new EncryptCommand({ KeyId: keyId, Plaintext: bytes('x'), DryRun: true })),
      'DryRunOperationException',
      'The request would have succeeded, but the DryRun option is set.',
    );
    await expectAwsError(
      kms.send(new EncryptCommand({ KeyId: signArn, Plaintext: bytes('x'), DryRun: true })),
      'InvalidKeyUsageException',
    );
  });

  it('DryRun on Decrypt and ReEncrypt answers DryRunOperationException after the checks', async () => {
    const enc = await kms.send(new EncryptCommand({ KeyId: keyId, Plaintext: bytes('x') }));
    await expectAwsError(
      kms.send(new DecryptCommand({ CiphertextBlob: enc.CiphertextBlob, DryRun: true })),
      'DryRunOperationException',
      'The request would have succeeded, but the DryRun option is set.',
    );
    await expectAwsError(kms.send(new DecryptCommand({ CiphertextBlob: bytes('junk'), DryRun: true })), 'InvalidCiphertextException', null);
    await expectAwsError(
      kms.send(new ReEncryptCommand({ CiphertextBlob: enc.CiphertextBlob, DestinationKeyId: otherArn, DryRun: true })),
      'DryRunOperationException',
    );
  });

  // Sandbox differs: AWS answers CiphertextForRecipient for a Nitro Enclaves attestation; the sandbox has none.
  it('refuses a Recipient attestation explicitly rather than returning plaintext', async () => {
    const enc = await kms.send(new EncryptCommand({ KeyId: keyId, Plaintext: bytes('x') }));
    await expectAwsError(
      kms.send(
        new DecryptCommand({
          CiphertextBlob: enc.CiphertextBlob,
          Recipient: { KeyEncryptionAlgorithm: 'RSAES_OAEP_SHA_256', AttestationDocument: bytes('doc') },
        }),
      ),
      'UnsupportedOperationException',
      /Recipient .* not available in the KMS Study Lab sandbox/,
    );
  });

  it('required members missing -> Member must not be null', async () => {
    await expectAwsError(
      kms.send(new EncryptCommand({ KeyId: undefined as never, Plaintext: bytes('x') })),
      'ValidationException',
      "1 validation error detected: Value null at 'keyId' failed to satisfy constraint: Member must not be null",
    );
    await expectAwsError(
      kms.send(new DecryptCommand({ CiphertextBlob: undefined as never })),
      'ValidationException',
      "1 validation error detected: Value null at 'ciphertextBlob' failed to satisfy constraint: Member must not be null",
    );
  });

  it('still decrypts old ciphertext after rotation; new ciphertext uses the new material', async () => {
    const k = (await kms.send(new CreateKeyCommand({}))).KeyMetadata!;
    const before = await kms.send(new EncryptCommand({ KeyId: k.KeyId, Plaintext: bytes('old') }));
    await kms.send(new RotateKeyOnDemandCommand({ KeyId: k.KeyId }));
    // On-demand rotation is asynchronous on AWS; the sandbox completes it on its next request or clock move.
    let current = k.CurrentKeyMaterialId;
    for (let i = 0; i < 5 && current === k.CurrentKeyMaterialId; i++) {
      current = (await kms.send(new DescribeKeyCommand({ KeyId: k.KeyId }))).KeyMetadata!.CurrentKeyMaterialId;
    }
    expect(current).not.toBe(k.CurrentKeyMaterialId);
    const after = await kms.send(new EncryptCommand({ KeyId: k.KeyId, Plaintext: bytes('new') }));
    const d1 = await kms.send(new DecryptCommand({ CiphertextBlob: before.CiphertextBlob }));
    const d2 = await kms.send(new DecryptCommand({ CiphertextBlob: after.CiphertextBlob }));
    expect(text(d1.Plaintext)).toBe('old');
    expect(d1.KeyMaterialId).toBe(k.CurrentKeyMaterialId);
    expect(text(d2.Plaintext)).toBe('new');
    expect(d2.KeyMaterialId).toBe(current);
  });

  it('refuses a disabled key (DisabledException) and a key pending deletion (KMSInvalidStateException)', async () => {
    const k = (await kms.send(new CreateKeyCommand({}))).KeyMetadata!;
    const enc = await kms.send(new EncryptCommand({ KeyId: k.KeyId, Plaintext: bytes('x') }));
    await kms.send(new DisableKeyCommand({ KeyId: k.KeyId }));
    await expectAwsError(kms.send(new EncryptCommand({ KeyId: k.KeyId, Plaintext: bytes('x') })), 'DisabledException', `${k.Arn} is disabled.`);
    await expectAwsError(kms.send(new DecryptCommand({ CiphertextBlob: enc.CiphertextBlob })), 'DisabledException', `${k.Arn} is disabled.`);
    await kms.send(new ScheduleKeyDeletionCommand({ KeyId: k.KeyId, PendingWindowInDays: 7 }));
    await expectAwsError(
      kms.send(new DecryptCommand({ CiphertextBlob: enc.CiphertextBlob })),
      'KMSInvalidStateException',
      `${k.Arn} is pending deletion.`,
    );
  });

  it('refuses a key pending import (EXTERNAL origin, no material yet)', async () => {
    const k = (await kms.send(new CreateKeyCommand({ Origin: 'EXTERNAL' }))).KeyMetadata!;
    await expectAwsError(
      kms.send(new EncryptCommand({ KeyId: k.KeyId, Plaintext: bytes('x') })),
      'KMSInvalidStateException',
      `${k.Arn} is pending import.`,
    );
  });

  it('a blob made in one region does not decrypt in another: InvalidCiphertextException', async () => {
    const { sandbox } = await sandboxClients();
    const east = (await sandboxClients({ sandbox })).kms;
    const west = (await sandboxClients({ sandbox, region: 'us-west-2' })).kms;
    const k = (await east.send(new CreateKeyCommand({}))).KeyMetadata!;
    const enc = await east.send(new EncryptCommand({ KeyId: k.KeyId, Plaintext: bytes('x') }));
    await expectAwsError(west.send(new DecryptCommand({ CiphertextBlob: enc.CiphertextBlob })), 'InvalidCiphertextException', null);
    await expectAwsError(
      west.send(new DecryptCommand({ CiphertextBlob: enc.CiphertextBlob, KeyId: k.Arn })),
      'NotFoundException',
      'Invalid arn us-east-1',
    );
  });
});

describe('ReEncrypt', () => {
  it('moves ciphertext to another key and context, reporting both sides', async () => {
    const enc = await kms.send(new EncryptCommand({ KeyId: keyId, Plaintext: bytes('move me'), EncryptionContext: { a: '1' } }));
    const re = await kms.send(
      new ReEncryptCommand({
        CiphertextBlob: enc.CiphertextBlob,
        SourceEncryptionContext: { a: '1' },
        DestinationKeyId: otherArn,
        DestinationEncryptionContext: { b: '2' },
      }),
    );
    expect(re.SourceKeyId).toBe(keyArn);
    expect(re.KeyId).toBe(otherArn);
    expect(re.SourceEncryptionAlgorithm).toBe('SYMMETRIC_DEFAULT');
    expect(re.DestinationEncryptionAlgorithm).toBe('SYMMETRIC_DEFAULT');
    expect(re.SourceKeyMaterialId).toMatch(/^[0-9a-f]{64}$/);
    expect(re.DestinationKeyMaterialId).toMatch(/^[0-9a-f]{64}$/);
    expect(re.DestinationKeyMaterialId).not.toBe(re.SourceKeyMaterialId);
    const dec = await kms.send(new DecryptCommand({ CiphertextBlob: re.CiphertextBlob, EncryptionContext: { b: '2' } }));
    expect(text(dec.Plaintext)).toBe('move me');
    expect(dec.KeyId).toBe(otherArn);
    await expectAwsError(
      kms.send(new ReEncryptCommand({ CiphertextBlob: enc.CiphertextBlob, DestinationKeyId: otherArn })),
      'InvalidCiphertextException',
      null,
    );
  });

  it('names ReEncryptTo in the destination usage error and checks the source key id', async () => {
    const enc = await kms.send(new EncryptCommand({ KeyId: keyId, Plaintext: bytes('x') }));
    await expectAwsError(
      kms.send(new ReEncryptCommand({ CiphertextBlob: enc.CiphertextBlob, DestinationKeyId: signArn })),
      'InvalidKeyUsageException',
      `${signArn} key usage is SIGN_VERIFY which is not valid for ReEncryptTo.`,
    );
    await expectAwsError(
      kms.send(new ReEncryptCommand({ CiphertextBlob: enc.CiphertextBlob, SourceKeyId: hmacArn, DestinationKeyId: otherArn })),
      'IncorrectKeyException',
      'The key ID in the request does not identify a CMK that can perform this operation.',
    );
  });

  it('re-encrypts to an RSA key and back', async () => {
    const enc = await kms.send(new EncryptCommand({ KeyId: keyId, Plaintext: bytes('to rsa') }));
    const re = await kms.send(
      new ReEncryptCommand({ CiphertextBlob: enc.CiphertextBlob, DestinationKeyId: rsaArn, DestinationEncryptionAlgorithm: 'RSAES_OAEP_SHA_256' }),
    );
    expect(re.CiphertextBlob).toHaveLength(256);
    expect(re.DestinationKeyMaterialId).toBeUndefined();
    const back = await kms.send(
      new ReEncryptCommand({
        CiphertextBlob: re.CiphertextBlob,
        SourceKeyId: rsaArn,
        SourceEncryptionAlgorithm: 'RSAES_OAEP_SHA_256',
        DestinationKeyId: keyId,
      }),
    );
    const dec = await kms.send(new DecryptCommand({ CiphertextBlob: back.CiphertextBlob }));
    expect(text(dec.Plaintext)).toBe('to rsa');
  });
});

describe('GenerateRandom', () => {
  it('answers exactly NumberOfBytes random bytes', async () => {
    for (const n of [1, 32, 1024]) {
      const r = await kms.send(new GenerateRandomCommand({ NumberOfBytes: n }));
      expect(r.Plaintext).toHaveLength(n);
    }
    const a = await kms.send(new GenerateRandomCommand({ NumberOfBytes: 32 }));
    const b = await kms.send(new GenerateRandomCommand({ NumberOfBytes: 32 }));
    expect(Buffer.from(a.Plaintext!).equals(Buffer.from(b.Plaintext!))).toBe(false);
  });

  it('a CustomKeyStoreId names no store: the sandbox has none', async () => {
    await expectAwsError(
      kms.send(new GenerateRandomCommand({ NumberOfBytes: 8, CustomKeyStoreId: 'cks-1234567890abcdef0' })),
      'CustomKeyStoreNotFoundException',
      /cks-1234567890abcdef0/,
    );
  });

  it.each([
    [undefined, 'NumberOfBytes is required.'],
    [0, "1 validation error detected: Value '0' at 'numberOfBytes' failed to satisfy constraint: Member must have value greater than or equal to 1"],
    [1025, "1 validation error detected: Value '1025' at 'numberOfBytes' failed to satisfy constraint: Member must have value less than or equal to 1024"],
  ])('NumberOfBytes %s -> ValidationException', async (n, message) => {
    await expectAwsError(kms.send(new GenerateRandomCommand({ NumberOfBytes: n })), 'ValidationException', message);
  });
});

describe('CloudTrail records and authorisation', () => {
  const lastEvent = async (name: string) => (await sandbox.trail.events()).find((e) => e.eventName === name)!;

  it('Encrypt and Decrypt record the context, algorithm, key material id and key ARN, never the data', async () => {
    const enc = await kms.send(new EncryptCommand({ KeyId: 'alias/crypto-test', Plaintext: bytes('top secret'), EncryptionContext: { dept: 'eng' } }));
    const e = await lastEvent('Encrypt');
    expect(e.requestParameters).toEqual({ keyId: 'alias/crypto-test', encryptionContext: { dept: 'eng' }, encryptionAlgorithm: 'SYMMETRIC_DEFAULT' });
    expect(e.resources).toEqual([{ ARN: keyArn, accountId: '111122223333', type: 'AWS::KMS::Key' }]);
    expect(e.additionalEventData?.keyMaterialId).toMatch(/^[0-9a-f]{64}$/);
    expect(e.responseElements).toBeNull();
    const dec = await kms.send(new DecryptCommand({ CiphertextBlob: enc.CiphertextBlob, EncryptionContext: { dept: 'eng' } }));
    const d = await lastEvent('Decrypt');
    expect(d.requestParameters).toEqual({ encryptionContext: { dept: 'eng' }, encryptionAlgorithm: 'SYMMETRIC_DEFAULT' });
    expect(d.additionalEventData?.keyMaterialId).toBe(dec.KeyMaterialId);
    expect(d.resources?.[0]?.ARN).toBe(keyArn);
    const b64 = (b: Uint8Array) => Buffer.from(b).toString('base64');
    const all = JSON.stringify((await sandbox.trail.events()));
    expect(all).not.toContain(b64(enc.CiphertextBlob!));
    expect(all).not.toContain(b64(bytes('top secret')));
  });

  it('GenerateDataKey records keySpec; a failed Decrypt records its error code', async () => {
    await kms.send(new GenerateDataKeyCommand({ KeyId: keyId, KeySpec: 'AES_256' }));
    expect((await lastEvent('GenerateDataKey')).requestParameters).toEqual({ keyId, keySpec: 'AES_256' });
    await expectAwsError(kms.send(new DecryptCommand({ CiphertextBlob: bytes('garbage') })), 'InvalidCiphertextException', null);
    expect((await lastEvent('Decrypt')).errorCode).toBe('InvalidCiphertextException');
  });

  it('asks the key policy, with kms:EncryptionContext condition keys', async () => {
    const k = (await kms.send(new CreateKeyCommand({}))).KeyMetadata!;
    const policy = {
      Version: '2012-10-17',
      Statement: [
        { Sid: 'Enable IAM User Permissions', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 'kms:*', Resource: '*' },
        {
          Sid: 'No decrypting secrets',
          Effect: 'Deny',
          Principal: { AWS: '*' },
          Action: 'kms:Decrypt',
          Resource: '*',
          Condition: { StringEquals: { 'kms:EncryptionContext:class': 'secret' } },
        },
      ],
    };
    await kms.send(new PutKeyPolicyCommand({ KeyId: k.KeyId, PolicyName: 'default', Policy: JSON.stringify(policy) }));
    const open = await kms.send(new EncryptCommand({ KeyId: k.KeyId, Plaintext: bytes('o'), EncryptionContext: { class: 'public' } }));
    const secret = await kms.send(new EncryptCommand({ KeyId: k.KeyId, Plaintext: bytes('s'), EncryptionContext: { class: 'secret' } }));
    const ok = await kms.send(new DecryptCommand({ CiphertextBlob: open.CiphertextBlob, EncryptionContext: { class: 'public' } }));
    expect(text(ok.Plaintext)).toBe('o');
    await expectAwsError(
      kms.send(new DecryptCommand({ CiphertextBlob: secret.CiphertextBlob, EncryptionContext: { class: 'secret' } })),
      'AccessDeniedException',
      /kms:Decrypt/,
    );
  });
});
