import {
  CreateAliasCommand,
  DescribeKeyCommand,
  DisableKeyRotationCommand,
  GetKeyPolicyCommand,
  GetKeyRotationStatusCommand,
  ListAliasesCommand,
  ListKeysCommand,
  PutKeyPolicyCommand,
  ScheduleKeyDeletionCommand,
} from '@aws-sdk/client-kms';
import { describe, expect, it } from 'vitest';
import { ACCOUNT, aliasArnOf, expectAwsError, kmsSandbox, REGION } from './helpers/sdk';

const ADMIN = `arn:aws:iam::${ACCOUNT}:user/lab-admin`;
const denied = (action: string, arn: string) =>
  `User: ${ADMIN} is not authorized to perform: kms:${action} on resource: ${arn} because no resource-based policy allows the kms:${action} action`;

describe('AWS managed keys', () => {
  it('come into being when DescribeKey names alias/aws/s3, with KeyManager AWS and AWS\'s description', async () => {
    const { kms } = await kmsSandbox();
    expect((await kms.send(new ListKeysCommand({}))).Keys).toEqual([]);
    const { KeyMetadata: md } = await kms.send(new DescribeKeyCommand({ KeyId: 'alias/aws/s3' }));
    expect(md).toMatchObject({
      KeyManager: 'AWS',
      KeyState: 'Enabled',
      KeySpec: 'SYMMETRIC_DEFAULT',
      KeyUsage: 'ENCRYPT_DECRYPT',
      Description: 'Default key that protects my S3 objects when no other key is defined',
    });
    // The same key on the next mention, by alias name or alias ARN.
    const again = await kms.send(new DescribeKeyCommand({ KeyId: aliasArnOf('alias/aws/s3') }));
    expect(again.KeyMetadata!.KeyId).toBe(md!.KeyId);
    const aliases = await kms.send(new ListAliasesCommand({ KeyId: md!.KeyId }));
    expect(aliases.Aliases!.map((a) => a.AliasName)).toEqual(['alias/aws/s3']);
  });

  it('alias/aws/lambda has its own key and description', async () => {
    const { kms } = await kmsSandbox();
    const s3 = (await kms.send(new DescribeKeyCommand({ KeyId: 'alias/aws/s3' }))).KeyMetadata!;
    const lambda = (await kms.send(new DescribeKeyCommand({ KeyId: 'alias/aws/lambda' }))).KeyMetadata!;
    expect(lambda.KeyId).not.toBe(s3.KeyId);
    expect(lambda.Description).toBe('Default key that protects my Lambda functions when no other key is defined');
  });

  it.each([
    ['alias/aws/secretsmanager', 'Secrets Manager data'],
    ['alias/aws/sqs', 'SQS messages'],
    ['alias/aws/ebs', 'EBS volumes'],
  ])('%s describes what it protects as AWS does', async (alias, what) => {
    const { kms } = await kmsSandbox();
    const md = (await kms.send(new DescribeKeyCommand({ KeyId: alias }))).KeyMetadata!;
    expect(md.Description).toBe(`Default key that protects my ${what} when no other key is defined`);
    expect(md.KeyManager).toBe('AWS');
  });

  it('an unknown alias/aws/ name is not found', async () => {
    const { kms } = await kmsSandbox();
    await expectAwsError(
      kms.send(new DescribeKeyCommand({ KeyId: 'alias/aws/nosuchservice' })),
      'NotFoundException',
      `Alias arn:aws:kms:${REGION}:${ACCOUNT}:alias/aws/nosuchservice is not found.`,
    );
  });

  it.each(['alias/aws/s3', 'alias/aws/lambda', 'alias/aws/ebs'])('%s rotates every year, and the account may read its status and policy', async (alias) => {
    const { kms } = await kmsSandbox();
    const md = (await kms.send(new DescribeKeyCommand({ KeyId: alias }))).KeyMetadata!;
    expect((await kms.send(new GetKeyPolicyCommand({ KeyId: md.KeyId }))).Policy).toContain('Allow direct access to key metadata to the account');
    const st = await kms.send(new GetKeyRotationStatusCommand({ KeyId: md.KeyId }));
    expect(st).toMatchObject({ KeyRotationEnabled: true, RotationPeriodInDays: 365 });
    expect(st.NextRotationDate!.getTime() - md.CreationDate!.getTime()).toBe(365 * 86_400_000);
  });

  it('rotate automatically when the clock passes a year', async () => {
    const { kms, sandbox } = await kmsSandbox();
    const md = (await kms.send(new DescribeKeyCommand({ KeyId: 'alias/aws/lambda' }))).KeyMetadata!;
    await sandbox.clock.advanceDays(366);
    const after = (await kms.send(new DescribeKeyCommand({ KeyId: md.KeyId }))).KeyMetadata!;
    expect(after.CurrentKeyMaterialId).not.toBe(md.CurrentKeyMaterialId);
  });

  it('have a key policy that lets S3 use the key for the account, and the account read it', async () => {
    const { kms } = await kmsSandbox();
    const md = (await kms.send(new DescribeKeyCommand({ KeyId: 'alias/aws/s3' }))).KeyMetadata!;
    const { Policy } = await kms.send(new GetKeyPolicyCommand({ KeyId: md.KeyId }));
    const doc = JSON.parse(Policy!);
    expect(doc.Id).toBe('auto-s3-2');
    expect(doc.Statement[0].Condition.StringEquals).toEqual({
      'kms:CallerAccount': ACCOUNT,
      'kms:ViaService': `s3.${REGION}.amazonaws.com`,
    });
    expect(doc.Statement[0].Principal).toEqual({ AWS: '*' });
    expect(doc.Statement[1]).toMatchObject({
      Sid: 'Allow direct access to key metadata to the account',
      Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` },
      Action: ['kms:Describe*', 'kms:Get*', 'kms:List*'],
    });
    expect(Policy).toMatch(/^\{\n {2}"Version" : "2012-10-17",\n {2}"Id" : "auto-s3-2",\n {2}"Statement" : \[ \{\n/);
  });

  it.each([
    ['PutKeyPolicy', (id: string) => new PutKeyPolicyCommand({ KeyId: id, Policy: '{"Version":"2012-10-17","Statement":[]}' })],
    ['ScheduleKeyDeletion', (id: string) => new ScheduleKeyDeletionCommand({ KeyId: id, PendingWindowInDays: 7 })],
    ['DisableKeyRotation', (id: string) => new DisableKeyRotationCommand({ KeyId: id })],
  ] as const)('cannot be managed by the account: %s is AccessDeniedException', async (action, cmd) => {
    const { kms } = await kmsSandbox();
    const md = (await kms.send(new DescribeKeyCommand({ KeyId: 'alias/aws/s3' }))).KeyMetadata!;
    await expectAwsError(kms.send(cmd(md.KeyId!) as never), 'AccessDeniedException', denied(action, md.Arn!));
    expect((await kms.send(new DescribeKeyCommand({ KeyId: md.KeyId }))).KeyMetadata!.KeyState).toBe('Enabled');
  });

  it('cannot take a customer alias either (the key policy does not allow CreateAlias)', async () => {
    const { kms } = await kmsSandbox();
    const md = (await kms.send(new DescribeKeyCommand({ KeyId: 'alias/aws/s3' }))).KeyMetadata!;
    await expectAwsError(
      kms.send(new CreateAliasCommand({ AliasName: 'alias/my-s3', TargetKeyId: md.KeyId })),
      'AccessDeniedException',
      denied('CreateAlias', md.Arn!),
    );
  });
});
