import { CreateAliasCommand, CreateKeyCommand, DescribeKeyCommand, EncryptCommand, ListAliasesCommand } from '@aws-sdk/client-kms';
import { describe, expect, it } from 'vitest';
import { aliasNameProblem } from '../alias-name';
import { aliasArnOf, expectAwsError, kmsSandbox } from './helpers/sdk';

// Two slips found by running moto's KMS test suite against the sandbox (issue 10).

describe("an alias ARN names that account's alias", () => {
  it("another account's alias ARN is looked up there, not as the caller's alias of the same name", async () => {
    const s = await kmsSandbox();
    const { KeyMetadata } = await s.kms.send(new CreateKeyCommand({}));
    await s.kms.send(new CreateAliasCommand({ AliasName: 'alias/x', TargetKeyId: KeyMetadata!.KeyId }));
    // The caller's own alias ARN still works.
    expect((await s.kms.send(new DescribeKeyCommand({ KeyId: aliasArnOf('alias/x') }))).KeyMetadata!.KeyId).toBe(KeyMetadata!.KeyId);
    const foreign = 'arn:aws:kms:us-east-1:012345678912:alias/x';
    await expectAwsError(s.kms.send(new DescribeKeyCommand({ KeyId: foreign })), 'NotFoundException', `Alias ${foreign} is not found.`);
    await expectAwsError(
      s.kms.send(new EncryptCommand({ KeyId: foreign, Plaintext: new Uint8Array([1]) })),
      'NotFoundException',
      `Alias ${foreign} is not found.`,
    );
  });

  it("another account's AWS managed alias is not brought into being by naming it", async () => {
    const s = await kmsSandbox();
    const foreign = 'arn:aws:kms:us-east-1:012345678912:alias/aws/s3';
    await expectAwsError(s.kms.send(new DescribeKeyCommand({ KeyId: foreign })), 'NotFoundException', `Alias ${foreign} is not found.`);
    // ...while the caller's own alias/aws/s3 is (AWS managed keys appear when first named).
    expect((await s.kms.send(new DescribeKeyCommand({ KeyId: 'alias/aws/s3' }))).KeyMetadata!.KeyManager).toBe('AWS');
  });
});

describe("':' in an alias name", () => {
  it('passes the model pattern but is refused by KMS, as real AWS answered (and moto since 2015)', async () => {
    const s = await kmsSandbox();
    const { KeyMetadata } = await s.kms.send(new CreateKeyCommand({}));
    await expectAwsError(
      s.kms.send(new CreateAliasCommand({ AliasName: 'alias/my:alias', TargetKeyId: KeyMetadata!.KeyId })),
      'ValidationException',
      'alias/my:alias contains invalid characters for an alias',
    );
    const { Aliases } = await s.kms.send(new ListAliasesCommand({}));
    expect(Aliases!.map((a) => a.AliasName)).not.toContain('alias/my:alias');
    // The labs check names with the same rule before any call.
    expect(aliasNameProblem('alias/Service:Test')).toEqual({ code: 'ValidationException', message: 'alias/Service:Test contains invalid characters for an alias' });
    expect(aliasNameProblem('alias/team/app_key-1')).toBeUndefined();
  });
});
