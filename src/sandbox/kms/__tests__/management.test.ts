import {
  CreateKeyCommand,
  DescribeKeyCommand,
  GetKeyPolicyCommand,
  ListKeysCommand,
  UpdateKeyDescriptionCommand,
  type KeySpec,
  type KeyUsageType,
} from '@aws-sdk/client-kms';
import { describe, expect, it } from 'vitest';
import { ACCOUNT, expectAwsError, keyArnOf, kmsSandbox, REGION } from './helpers/sdk';

const DEFAULT_POLICY = `{
  "Version" : "2012-10-17",
  "Id" : "key-default-1",
  "Statement" : [ {
    "Sid" : "Enable IAM User Permissions",
    "Effect" : "Allow",
    "Principal" : {
      "AWS" : "arn:aws:iam::111122223333:root"
    },
    "Action" : "kms:*",
    "Resource" : "*"
  } ]
}`;

const KEY_SPEC_LIST =
  '[RSA_2048, ECC_NIST_P384, ECC_NIST_P256, ECC_NIST_P521, HMAC_384, RSA_3072, ECC_SECG_P256K1, RSA_4096, SYMMETRIC_DEFAULT, HMAC_256, HMAC_224, HMAC_512]';

describe('CreateKey', () => {
  it('creates a symmetric key by default with every KeyMetadata member AWS returns and none it omits', async () => {
    const { kms } = await kmsSandbox();
    const { KeyMetadata: md } = await kms.send(new CreateKeyCommand({}));
    expect(md).toBeDefined();
    expect(md!.KeyId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(md!.Arn).toBe(keyArnOf(md!.KeyId!));
    expect(md!.AWSAccountId).toBe(ACCOUNT);
    expect(md!.CreationDate).toBeInstanceOf(Date);
    expect(md).toMatchObject({
      Enabled: true,
      Description: '',
      KeyUsage: 'ENCRYPT_DECRYPT',
      KeyState: 'Enabled',
      Origin: 'AWS_KMS',
      KeyManager: 'CUSTOMER',
      KeySpec: 'SYMMETRIC_DEFAULT',
      CustomerMasterKeySpec: 'SYMMETRIC_DEFAULT',
      EncryptionAlgorithms: ['SYMMETRIC_DEFAULT'],
      MultiRegion: false,
    });
    expect(md!.CurrentKeyMaterialId).toMatch(/^[0-9a-f]{64}$/);
    for (const absent of [
      'DeletionDate',
      'ValidTo',
      'ExpirationModel',
      'SigningAlgorithms',
      'MacAlgorithms',
      'KeyAgreementAlgorithms',
      'MultiRegionConfiguration',
      'PendingDeletionWindowInDays',
      'CustomKeyStoreId',
      'CloudHsmClusterId',
      'XksKeyConfiguration',
    ]) {
      expect(md, absent).not.toHaveProperty(absent);
    }
  });

  it.each<[KeySpec, KeyUsageType, Record<string, string[]>]>([
    ['RSA_2048', 'ENCRYPT_DECRYPT', { EncryptionAlgorithms: ['RSAES_OAEP_SHA_1', 'RSAES_OAEP_SHA_256'] }],
    [
      'RSA_3072',
      'SIGN_VERIFY',
      {
        SigningAlgorithms: [
          'RSASSA_PKCS1_V1_5_SHA_256',
          'RSASSA_PKCS1_V1_5_SHA_384',
          'RSASSA_PKCS1_V1_5_SHA_512',
          'RSASSA_PSS_SHA_256',
          'RSASSA_PSS_SHA_384',
          'RSASSA_PSS_SHA_512',
        ],
      },
    ],
    ['ECC_NIST_P256', 'SIGN_VERIFY', { SigningAlgorithms: ['ECDSA_SHA_256'] }],
    ['ECC_NIST_P384', 'SIGN_VERIFY', { SigningAlgorithms: ['ECDSA_SHA_384'] }],
    ['ECC_NIST_P521', 'SIGN_VERIFY', { SigningAlgorithms: ['ECDSA_SHA_512'] }],
    ['ECC_SECG_P256K1', 'SIGN_VERIFY', { SigningAlgorithms: ['ECDSA_SHA_256'] }],
    ['ECC_NIST_P256', 'KEY_AGREEMENT', { KeyAgreementAlgorithms: ['ECDH'] }],
    ['HMAC_224', 'GENERATE_VERIFY_MAC', { MacAlgorithms: ['HMAC_SHA_224'] }],
    ['HMAC_512', 'GENERATE_VERIFY_MAC', { MacAlgorithms: ['HMAC_SHA_512'] }],
  ])('creates %s for %s with only its algorithm list and no CurrentKeyMaterialId', async (spec, usage, algs) => {
    const { kms } = await kmsSandbox();
    const { KeyMetadata: md } = await kms.send(new CreateKeyCommand({ KeySpec: spec, KeyUsage: usage }));
    expect(md).toMatchObject({ KeySpec: spec, CustomerMasterKeySpec: spec, KeyUsage: usage, ...algs });
    const lists = ['EncryptionAlgorithms', 'SigningAlgorithms', 'MacAlgorithms', 'KeyAgreementAlgorithms'];
    for (const l of lists) if (!(l in algs)) expect(md, l).not.toHaveProperty(l);
    expect(md).not.toHaveProperty('CurrentKeyMaterialId');
  });

  it('accepts the deprecated CustomerMasterKeySpec twin', async () => {
    const { kms } = await kmsSandbox();
    const { KeyMetadata: md } = await kms.send(
      new CreateKeyCommand({ CustomerMasterKeySpec: 'HMAC_256', KeyUsage: 'GENERATE_VERIFY_MAC' }),
    );
    expect(md).toMatchObject({ KeySpec: 'HMAC_256', CustomerMasterKeySpec: 'HMAC_256' });
  });

  it('gives a key without Policy the default policy, byte for byte', async () => {
    const { kms } = await kmsSandbox();
    const { KeyMetadata: md } = await kms.send(new CreateKeyCommand({}));
    const { Policy } = await kms.send(new GetKeyPolicyCommand({ KeyId: md!.KeyId, PolicyName: 'default' }));
    expect(Policy).toBe(DEFAULT_POLICY);
  });

  it('stores a given policy as given', async () => {
    const { kms } = await kmsSandbox();
    const policy = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Sid: 'root', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'kms:*', Resource: '*' }],
    });
    const { KeyMetadata: md } = await kms.send(new CreateKeyCommand({ Policy: policy }));
    const { Policy } = await kms.send(new GetKeyPolicyCommand({ KeyId: md!.KeyId }));
    expect(Policy).toBe(policy);
  });

  it('requires KeyUsage for every key except symmetric encryption keys', async () => {
    const { kms } = await kmsSandbox();
    await expectAwsError(
      kms.send(new CreateKeyCommand({ KeySpec: 'HMAC_256' })),
      'ValidationException',
      'You must specify a KeyUsage value for all KMS keys except for symmetric encryption keys.',
    );
  });

  it('reports an unknown KeySpec with the recorded enum list', async () => {
    const { kms } = await kmsSandbox();
    await expectAwsError(
      kms.send(new CreateKeyCommand({ KeySpec: 'HMAC_random' as KeySpec, KeyUsage: 'GENERATE_VERIFY_MAC' })),
      'ValidationException',
      `1 validation error detected: Value 'HMAC_random' at 'keySpec' failed to satisfy constraint: Member must satisfy enum value set: ${KEY_SPEC_LIST}`,
    );
  });

  it('reports an unknown KeyUsage with the recorded enum list', async () => {
    const { kms } = await kmsSandbox();
    await expectAwsError(
      kms.send(new CreateKeyCommand({ KeySpec: 'HMAC_256', KeyUsage: 'RANDOM' as KeyUsageType })),
      'ValidationException',
      "1 validation error detected: Value 'RANDOM' at 'keyUsage' failed to satisfy constraint: Member must satisfy enum value set: [ENCRYPT_DECRYPT, SIGN_VERIFY, GENERATE_VERIFY_MAC]",
    );
  });

  it.each<[KeySpec | undefined, KeyUsageType]>([
    ['RSA_2048', 'KEY_AGREEMENT'],
    ['HMAC_256', 'ENCRYPT_DECRYPT'],
    ['ECC_SECG_P256K1', 'KEY_AGREEMENT'],
    ['ECC_NIST_P384', 'ENCRYPT_DECRYPT'],
    [undefined, 'SIGN_VERIFY'],
  ])('refuses KeySpec %s with KeyUsage %s: `KeyUsage X is not compatible with KeySpec Y`', async (spec, usage) => {
    const { kms } = await kmsSandbox();
    await expectAwsError(
      kms.send(new CreateKeyCommand({ KeySpec: spec, KeyUsage: usage })),
      'ValidationException',
      `KeyUsage ${usage} is not compatible with KeySpec ${spec ?? 'SYMMETRIC_DEFAULT'}`,
    );
  });

  it('collects several framework errors in one message', async () => {
    const { kms } = await kmsSandbox();
    await expectAwsError(
      kms.send(new CreateKeyCommand({ KeySpec: 'X' as KeySpec, KeyUsage: 'Y' as KeyUsageType })),
      'ValidationException',
      /^2 validation errors detected: Value 'Y' at 'keyUsage' .*; Value 'X' at 'keySpec' /,
    );
  });

  it('refuses a Description over 8192 characters', async () => {
    const { kms } = await kmsSandbox();
    const d = 'd'.repeat(8193);
    await expectAwsError(
      kms.send(new CreateKeyCommand({ Description: d })),
      'ValidationException',
      `1 validation error detected: Value '${d}' at 'description' failed to satisfy constraint: Member must have length less than or equal to 8192`,
    );
  });

  it.each(['ML_DSA_65', 'ECC_NIST_EDWARDS25519', 'SM2'])('says %s is not available in the sandbox', async (spec) => {
    const { kms } = await kmsSandbox();
    await expectAwsError(
      kms.send(new CreateKeyCommand({ KeySpec: spec as KeySpec, KeyUsage: 'SIGN_VERIFY' })),
      'UnsupportedOperationException',
      `KeySpec ${spec} is not available in the KMS Study Lab sandbox. Real AWS KMS supports it; use the aws backend to try it.`,
    );
  });

  it('creates a multi-Region primary with an mrk- id (the rest is in multi-region.test.ts)', async () => {
    const { kms } = await kmsSandbox();
    const { KeyMetadata: md } = await kms.send(new CreateKeyCommand({ MultiRegion: true }));
    expect(md).toMatchObject({ MultiRegion: true, MultiRegionConfiguration: { MultiRegionKeyType: 'PRIMARY' } });
    expect(md!.KeyId).toMatch(/^mrk-[0-9a-f]{32}$/);
  });

  it('creates an EXTERNAL key in PendingImport, disabled, without material id or expiration model', async () => {
    const { kms } = await kmsSandbox();
    const { KeyMetadata: md } = await kms.send(new CreateKeyCommand({ Origin: 'EXTERNAL' }));
    expect(md).toMatchObject({ Origin: 'EXTERNAL', KeyState: 'PendingImport', Enabled: false });
    expect(md).not.toHaveProperty('CurrentKeyMaterialId');
    expect(md).not.toHaveProperty('ExpirationModel');
  });

  describe('tags', () => {
    it('stores tags given at creation', async () => {
      const { kms } = await kmsSandbox();
      const { KeyMetadata: md } = await kms.send(
        new CreateKeyCommand({ Tags: [{ TagKey: 'lab', TagValue: 'kms-study' }] }),
      );
      expect(md!.KeyState).toBe('Enabled');
    });

    it('refuses more than 50 tags: TagException `Too many tags`', async () => {
      const { kms } = await kmsSandbox();
      const Tags = Array.from({ length: 51 }, (_, i) => ({ TagKey: `k${i}`, TagValue: 'v' }));
      await expectAwsError(kms.send(new CreateKeyCommand({ Tags })), 'TagException', 'Too many tags');
    });

    it.each(['aws:x', 'AWS:x', 'Aws:x'])('refuses the reserved prefix in any case (%s)', async (k) => {
      const { kms } = await kmsSandbox();
      await expectAwsError(
        kms.send(new CreateKeyCommand({ Tags: [{ TagKey: k, TagValue: 'v' }] })),
        'TagException',
        'Tags beginning with aws: are reserved',
      );
    });

    it('reports a tag key over 128 characters at tags.1.member.tagKey, echoing it', async () => {
      const { kms } = await kmsSandbox();
      const k = 'a'.repeat(129);
      await expectAwsError(
        kms.send(new CreateKeyCommand({ Tags: [{ TagKey: k, TagValue: 'v' }] })),
        'ValidationException',
        `1 validation error detected: Value '${k}' at 'tags.1.member.tagKey' failed to satisfy constraint: Member must have length less than or equal to 128`,
      );
    });

    it('reports a tag value over 256 characters at tags.2.member.tagValue', async () => {
      const { kms } = await kmsSandbox();
      const v = 'v'.repeat(257);
      await expectAwsError(
        kms.send(new CreateKeyCommand({ Tags: [{ TagKey: 'a', TagValue: 'ok' }, { TagKey: 'b', TagValue: v }] })),
        'ValidationException',
        `1 validation error detected: Value '${v}' at 'tags.2.member.tagValue' failed to satisfy constraint: Member must have length less than or equal to 256`,
      );
    });

    it('refuses duplicate tag keys', async () => {
      const { kms } = await kmsSandbox();
      await expectAwsError(
        kms.send(new CreateKeyCommand({ Tags: [{ TagKey: 'a', TagValue: '1' }, { TagKey: 'a', TagValue: '2' }] })),
        'TagException',
        'Duplicate tag keys',
      );
    });
  });

  it('records keyMetadata in the trail event', async () => {
    const { kms, sandbox } = await kmsSandbox();
    const { KeyMetadata: md } = await kms.send(new CreateKeyCommand({ Description: 'trail' }));
    const ev = (await sandbox.trail.events()).find((e) => e.eventName === 'CreateKey')!;
    expect(ev.responseElements).toMatchObject({
      keyMetadata: { AWSAccountId: ACCOUNT, keyId: md!.KeyId, arn: md!.Arn, description: 'trail', keyState: 'Enabled' },
    });
    const created = (ev.responseElements as any).keyMetadata.creationDate as string;
    expect(created).toMatch(/^[A-Z][a-z]{2} \d{1,2}, \d{4}, \d{1,2}:\d{2}:\d{2} [AP]M$/);
    expect(ev.requestParameters).toEqual({
      description: 'trail',
      origin: 'AWS_KMS',
      bypassPolicyLockoutSafetyCheck: false,
      customerMasterKeySpec: 'SYMMETRIC_DEFAULT',
      keySpec: 'SYMMETRIC_DEFAULT',
      keyUsage: 'ENCRYPT_DECRYPT',
    });
    expect(ev.resources).toEqual([{ ARN: md!.Arn, accountId: ACCOUNT, type: 'AWS::KMS::Key' }]);
  });
});

describe('DescribeKey', () => {
  it('accepts the key id, key ARN, alias name and alias ARN', async () => {
    const { kms } = await kmsSandbox();
    const { KeyMetadata: md } = await kms.send(new CreateKeyCommand({}));
    const { CreateAliasCommand } = await import('@aws-sdk/client-kms');
    await kms.send(new CreateAliasCommand({ AliasName: 'alias/describe-me', TargetKeyId: md!.KeyId }));
    for (const id of [md!.KeyId!, md!.Arn!, 'alias/describe-me', `arn:aws:kms:${REGION}:${ACCOUNT}:alias/describe-me`]) {
      const out = await kms.send(new DescribeKeyCommand({ KeyId: id }));
      expect(out.KeyMetadata!.KeyId, id).toBe(md!.KeyId);
    }
  });

  it('answers the not-found grammar of AWS', async () => {
    const { kms } = await kmsSandbox();
    const missing = '11111111-2222-4333-8444-555555555555';
    await expectAwsError(kms.send(new DescribeKeyCommand({ KeyId: 'fake-key-id' })), 'NotFoundException', "Invalid keyId 'fake-key-id'");
    await expectAwsError(
      kms.send(new DescribeKeyCommand({ KeyId: missing })),
      'NotFoundException',
      `Key '${keyArnOf(missing)}' does not exist`,
    );
    await expectAwsError(
      kms.send(new DescribeKeyCommand({ KeyId: keyArnOf(missing, 'us-west-2') })),
      'NotFoundException',
      'Invalid arn us-west-2',
    );
    await expectAwsError(
      kms.send(new DescribeKeyCommand({ KeyId: 'alias/nope' })),
      'NotFoundException',
      `Alias arn:aws:kms:${REGION}:${ACCOUNT}:alias/nope is not found.`,
    );
  });

  it('allows at most 10 grant tokens', async () => {
    const { kms } = await kmsSandbox();
    const GrantTokens = Array.from({ length: 11 }, (_, i) => `t${i}`);
    await expectAwsError(
      kms.send(new DescribeKeyCommand({ KeyId: 'alias/aws/s3', GrantTokens })),
      'ValidationException',
      `1 validation error detected: Value '[${GrantTokens.join(', ')}]' at 'grantTokens' failed to satisfy constraint: Member must have length less than or equal to 10`,
    );
  });

  it('requires KeyId (framework validation)', async () => {
    const { kms } = await kmsSandbox();
    await expectAwsError(
      kms.send(new DescribeKeyCommand({} as never)),
      'ValidationException',
      "1 validation error detected: Value null at 'keyId' failed to satisfy constraint: Member must not be null",
    );
  });
});

describe('ListKeys', () => {
  it('pages with Limit and Marker; Truncated is always present', async () => {
    const { kms } = await kmsSandbox();
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await kms.send(new CreateKeyCommand({}))).KeyMetadata!.KeyId!);
    const seen: string[] = [];
    let marker: string | undefined;
    let pages = 0;
    do {
      const out = await kms.send(new ListKeysCommand({ Limit: 2, Marker: marker }));
      expect(typeof out.Truncated).toBe('boolean');
      for (const k of out.Keys!) {
        expect(k.KeyArn).toBe(keyArnOf(k.KeyId!));
        seen.push(k.KeyId!);
      }
      marker = out.Truncated ? out.NextMarker : undefined;
      if (!out.Truncated) expect(out).not.toHaveProperty('NextMarker');
      pages++;
    } while (marker);
    expect(pages).toBe(3);
    expect(seen.sort()).toEqual([...ids].sort());
    const all = await kms.send(new ListKeysCommand({}));
    expect(all.Truncated).toBe(false);
  });

  it('refuses Limit outside 1-1000', async () => {
    const { kms } = await kmsSandbox();
    await expectAwsError(
      kms.send(new ListKeysCommand({ Limit: 0 })),
      'ValidationException',
      "1 validation error detected: Value '0' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1",
    );
    await expectAwsError(
      kms.send(new ListKeysCommand({ Limit: 1001 })),
      'ValidationException',
      "1 validation error detected: Value '1001' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 1000",
    );
  });

  it('lists AWS managed keys once they exist', async () => {
    const { kms } = await kmsSandbox();
    const { KeyMetadata: md } = await kms.send(new DescribeKeyCommand({ KeyId: 'alias/aws/s3' }));
    const out = await kms.send(new ListKeysCommand({}));
    expect(out.Keys!.map((k) => k.KeyId)).toContain(md!.KeyId);
  });
});

describe('UpdateKeyDescription', () => {
  it('replaces the description', async () => {
    const { kms } = await kmsSandbox();
    const { KeyMetadata: md } = await kms.send(new CreateKeyCommand({ Description: 'old' }));
    await kms.send(new UpdateKeyDescriptionCommand({ KeyId: md!.Arn, Description: 'new' }));
    const out = await kms.send(new DescribeKeyCommand({ KeyId: md!.KeyId }));
    expect(out.KeyMetadata!.Description).toBe('new');
  });

  it('does not take an alias', async () => {
    const { kms } = await kmsSandbox();
    await expectAwsError(
      kms.send(new UpdateKeyDescriptionCommand({ KeyId: 'alias/x', Description: 'new' })),
      'NotFoundException',
      "Invalid keyId 'alias/x'",
    );
  });
});
