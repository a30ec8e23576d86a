import {
  CreateAliasCommand,
  CreateKeyCommand,
  DeleteAliasCommand,
  DescribeKeyCommand,
  ListAliasesCommand,
  ScheduleKeyDeletionCommand,
  UpdateAliasCommand,
} from '@aws-sdk/client-kms';
import { describe, expect, it } from 'vitest';
import { aliasArnOf, expectAwsError, keyArnOf, kmsSandbox } from './helpers/sdk';

async function setup() {
  const s = await kmsSandbox();
  const a = (await s.kms.send(new CreateKeyCommand({}))).KeyMetadata!;
  const b = (await s.kms.send(new CreateKeyCommand({}))).KeyMetadata!;
  return { ...s, a, b };
}

describe('CreateAlias', () => {
  it('names a key by id or ARN; DescribeKey resolves it', async () => {
    const { kms, a, b } = await setup();
    await kms.send(new CreateAliasCommand({ AliasName: 'alias/by-id', TargetKeyId: a.KeyId }));
    await kms.send(new CreateAliasCommand({ AliasName: 'alias/by-arn', TargetKeyId: b.Arn }));
    expect((await kms.send(new DescribeKeyCommand({ KeyId: 'alias/by-id' }))).KeyMetadata!.KeyId).toBe(a.KeyId);
    expect((await kms.send(new DescribeKeyCommand({ KeyId: 'alias/by-arn' }))).KeyMetadata!.KeyId).toBe(b.KeyId);
  });

  it('requires the alias/ prefix', async () => {
    const { kms, a } = await setup();
    await expectAwsError(
      kms.send(new CreateAliasCommand({ AliasName: 'my-alias', TargetKeyId: a.KeyId })),
      'ValidationException',
      'Alias must start with the prefix "alias/". Please see https://docs.aws.amazon.com/kms/latest/developerguide/kms-alias.html',
    );
  });

  it('refuses characters outside [a-zA-Z0-9:/_-]', async () => {
    const { kms, a } = await setup();
    await expectAwsError(
      kms.send(new CreateAliasCommand({ AliasName: 'alias/bad name!', TargetKeyId: a.KeyId })),
      'ValidationException',
      "1 validation error detected: Value 'alias/bad name!' at 'aliasName' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[a-zA-Z0-9:/_-]+$",
    );
  });

  it('refuses names over 256 characters', async () => {
    const { kms, a } = await setup();
    const name = `alias/${'n'.repeat(251)}`;
    await expectAwsError(
      kms.send(new CreateAliasCommand({ AliasName: name, TargetKeyId: a.KeyId })),
      'ValidationException',
      `1 validation error detected: Value '${name}' at 'aliasName' failed to satisfy constraint: Member must have length less than or equal to 256`,
    );
  });

  it('answers the reserved alias/aws/ prefix with NotAuthorizedException and no message', async () => {
    const { kms, sandbox, a } = await setup();
    await expectAwsError(kms.send(new CreateAliasCommand({ AliasName: 'alias/aws/mine', TargetKeyId: a.KeyId })), 'NotAuthorizedException', null);
    const ev = (await sandbox.trail.events()).find((e) => e.eventName === 'CreateAlias')!;
    expect(ev.errorCode).toBe('NotAuthorizedException');
    expect(ev).not.toHaveProperty('errorMessage');
  });

  it('refuses an existing name: AlreadyExistsException with the alias ARN', async () => {
    const { kms, a, b } = await setup();
    await kms.send(new CreateAliasCommand({ AliasName: 'alias/twice', TargetKeyId: a.KeyId }));
    await expectAwsError(
      kms.send(new CreateAliasCommand({ AliasName: 'alias/twice', TargetKeyId: b.KeyId })),
      'AlreadyExistsException',
      `An alias with the name ${aliasArnOf('alias/twice')} already exists`,
    );
  });

  it('needs a key id or key ARN as target, not an alias', async () => {
    const { kms, a } = await setup();
    await kms.send(new CreateAliasCommand({ AliasName: 'alias/first', TargetKeyId: a.KeyId }));
    await expectAwsError(
      kms.send(new CreateAliasCommand({ AliasName: 'alias/second', TargetKeyId: 'alias/first' })),
      'NotFoundException',
      "Invalid keyId 'alias/first'",
    );
    await expectAwsError(
      kms.send(new CreateAliasCommand({ AliasName: 'alias/second', TargetKeyId: aliasArnOf('alias/first') })),
      'InvalidArnException',
      'Key Aliases are not supported for this operation.',
    );
  });

  it('refuses an unknown target and a target pending deletion', async () => {
    const { kms, a } = await setup();
    const missing = '12121212-3434-4565-8787-909090909090';
    await expectAwsError(
      kms.send(new CreateAliasCommand({ AliasName: 'alias/x', TargetKeyId: missing })),
      'NotFoundException',
      `Key '${keyArnOf(missing)}' does not exist`,
    );
    await kms.send(new ScheduleKeyDeletionCommand({ KeyId: a.KeyId }));
    await expectAwsError(
      kms.send(new CreateAliasCommand({ AliasName: 'alias/x', TargetKeyId: a.KeyId })),
      'KMSInvalidStateException',
      `${a.Arn} is pending deletion.`,
    );
  });
});

describe('UpdateAlias', () => {
  it('moves an alias between keys of the same type and usage', async () => {
    const { kms, a, b } = await setup();
    await kms.send(new CreateAliasCommand({ AliasName: 'alias/moving', TargetKeyId: a.KeyId }));
    await kms.send(new UpdateAliasCommand({ AliasName: 'alias/moving', TargetKeyId: b.KeyId }));
    expect((await kms.send(new DescribeKeyCommand({ KeyId: 'alias/moving' }))).KeyMetadata!.KeyId).toBe(b.KeyId);
  });

  it('refuses a key with another usage', async () => {
    const { kms, a } = await setup();
    const rsa = (await kms.send(new CreateKeyCommand({ KeySpec: 'RSA_2048', KeyUsage: 'SIGN_VERIFY' }))).KeyMetadata!;
    await kms.send(new CreateAliasCommand({ AliasName: 'alias/sym', TargetKeyId: a.KeyId }));
    await expectAwsError(
      kms.send(new UpdateAliasCommand({ AliasName: 'alias/sym', TargetKeyId: rsa.KeyId })),
      'ValidationException',
      'Alias alias/sym cannot be changed from a CMK with key usage ENCRYPT_DECRYPT to a CMK with key usage SIGN_VERIFY. The key usage of the current CMK and the new CMK must be the same.',
    );
  });

  it('refuses a key of another type with the same usage (symmetric to RSA)', async () => {
    const { kms, a } = await setup();
    const rsa = (await kms.send(new CreateKeyCommand({ KeySpec: 'RSA_2048', KeyUsage: 'ENCRYPT_DECRYPT' }))).KeyMetadata!;
    await kms.send(new CreateAliasCommand({ AliasName: 'alias/sym', TargetKeyId: a.KeyId }));
    await expectAwsError(
      kms.send(new UpdateAliasCommand({ AliasName: 'alias/sym', TargetKeyId: rsa.KeyId })),
      'ValidationException',
      /cannot be changed from a CMK with key spec SYMMETRIC_DEFAULT to a CMK with key spec RSA_2048/,
    );
  });

  it('works when the old target is pending deletion but not when the new one is', async () => {
    const { kms, a, b } = await setup();
    await kms.send(new CreateAliasCommand({ AliasName: 'alias/rescue', TargetKeyId: a.KeyId }));
    await kms.send(new ScheduleKeyDeletionCommand({ KeyId: a.KeyId }));
    await kms.send(new UpdateAliasCommand({ AliasName: 'alias/rescue', TargetKeyId: b.KeyId }));
    await kms.send(new ScheduleKeyDeletionCommand({ KeyId: b.KeyId }));
    const c = (await kms.send(new CreateKeyCommand({}))).KeyMetadata!;
    await kms.send(new UpdateAliasCommand({ AliasName: 'alias/rescue', TargetKeyId: c.KeyId }));
    await expectAwsError(
      kms.send(new UpdateAliasCommand({ AliasName: 'alias/rescue', TargetKeyId: a.KeyId })),
      'KMSInvalidStateException',
      `${a.Arn} is pending deletion.`,
    );
  });

  it('answers an unknown alias with `Alias <arn> is not found.`', async () => {
    const { kms, a } = await setup();
    await expectAwsError(
      kms.send(new UpdateAliasCommand({ AliasName: 'alias/ghost', TargetKeyId: a.KeyId })),
      'NotFoundException',
      `Alias ${aliasArnOf('alias/ghost')} is not found.`,
    );
  });
});

describe('DeleteAlias', () => {
  it('deletes an alias, in any key state', async () => {
    const { kms, a } = await setup();
    await kms.send(new CreateAliasCommand({ AliasName: 'alias/gone', TargetKeyId: a.KeyId }));
    await kms.send(new ScheduleKeyDeletionCommand({ KeyId: a.KeyId }));
    await kms.send(new DeleteAliasCommand({ AliasName: 'alias/gone' }));
    await expectAwsError(
      kms.send(new DescribeKeyCommand({ KeyId: 'alias/gone' })),
      'NotFoundException',
      `Alias ${aliasArnOf('alias/gone')} is not found.`,
    );
    await expectAwsError(
      kms.send(new DeleteAliasCommand({ AliasName: 'alias/gone' })),
      'NotFoundException',
      `Alias ${aliasArnOf('alias/gone')} is not found.`,
    );
  });

  it('refuses AWS managed aliases with NotAuthorizedException', async () => {
    const { kms } = await setup();
    await kms.send(new DescribeKeyCommand({ KeyId: 'alias/aws/s3' }));
    await expectAwsError(kms.send(new DeleteAliasCommand({ AliasName: 'alias/aws/s3' })), 'NotAuthorizedException', null);
  });
});

describe('ListAliases', () => {
  it('lists entries with bare TargetKeyId and dates; AWS managed aliases appear without a target before first use', async () => {
    const { kms, a } = await setup();
    await kms.send(new CreateAliasCommand({ AliasName: 'alias/listed', TargetKeyId: a.Arn }));
    const out = await kms.send(new ListAliasesCommand({}));
    expect(out.Truncated).toBe(false);
    const mine = out.Aliases!.find((x) => x.AliasName === 'alias/listed')!;
    expect(mine).toMatchObject({ AliasArn: aliasArnOf('alias/listed'), TargetKeyId: a.KeyId });
    expect(mine.CreationDate).toBeInstanceOf(Date);
    expect(mine.LastUpdatedDate).toBeInstanceOf(Date);
    const s3 = out.Aliases!.find((x) => x.AliasName === 'alias/aws/s3')!;
    expect(s3.AliasArn).toBe(aliasArnOf('alias/aws/s3'));
    expect(s3).not.toHaveProperty('TargetKeyId');
  });

  it('filters by KeyId (id or ARN)', async () => {
    const { kms, a, b } = await setup();
    await kms.send(new CreateAliasCommand({ AliasName: 'alias/a1', TargetKeyId: a.KeyId }));
    await kms.send(new CreateAliasCommand({ AliasName: 'alias/a2', TargetKeyId: a.KeyId }));
    await kms.send(new CreateAliasCommand({ AliasName: 'alias/b1', TargetKeyId: b.KeyId }));
    const out = await kms.send(new ListAliasesCommand({ KeyId: a.Arn }));
    expect(out.Aliases!.map((x) => x.AliasName)).toEqual(['alias/a1', 'alias/a2']);
  });

  it('pages with Limit and Marker and refuses Limit over 100', async () => {
    const { kms, a } = await setup();
    for (let i = 0; i < 4; i++) await kms.send(new CreateAliasCommand({ AliasName: `alias/p${i}`, TargetKeyId: a.KeyId }));
    const first = await kms.send(new ListAliasesCommand({ KeyId: a.KeyId, Limit: 3 }));
    expect(first.Truncated).toBe(true);
    expect(first.Aliases).toHaveLength(3);
    const second = await kms.send(new ListAliasesCommand({ KeyId: a.KeyId, Limit: 3, Marker: first.NextMarker }));
    expect(second.Truncated).toBe(false);
    expect(second.Aliases!.map((x) => x.AliasName)).toEqual(['alias/p3']);
    await expectAwsError(
      kms.send(new ListAliasesCommand({ Limit: 101 })),
      'ValidationException',
      "1 validation error detected: Value '101' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 100",
    );
  });
});
