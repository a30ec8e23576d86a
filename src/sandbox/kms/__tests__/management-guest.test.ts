import { GetIdCommand, GetOpenIdTokenCommand } from '@aws-sdk/client-cognito-identity';
import {
  CreateAliasCommand,
  CreateKeyCommand,
  DescribeKeyCommand,
  KMSClient,
  ScheduleKeyDeletionCommand,
  type Tag,
} from '@aws-sdk/client-kms';
import { AssumeRoleWithWebIdentityCommand } from '@aws-sdk/client-sts';
import { describe, expect, it } from 'vitest';
import { sandboxClients } from '../../__tests__/helpers/clients';
import { expectAwsError } from './helpers/sdk';

const POOL = 'us-east-1:1ab0a7e5-5a4d-4b0c-9d1e-111122223333';
const GUEST_ROLE = 'arn:aws:iam::111122223333:role/KmsStudyLabGuestRole';

/** A Cognito guest through the classic flow, as the lab's learners are (DESIGN.md). */
async function guest() {
  const admin = await sandboxClients();
  const { IdentityId } = await admin.cognito.send(new GetIdCommand({ IdentityPoolId: POOL }));
  const { Token } = await admin.cognito.send(new GetOpenIdTokenCommand({ IdentityId }));
  const { Credentials: c } = await admin.sts.send(
    new AssumeRoleWithWebIdentityCommand({ RoleArn: GUEST_ROLE, RoleSessionName: 'learner', WebIdentityToken: Token }),
  );
  const kms = new KMSClient({
    region: 'us-east-1',
    credentials: { accessKeyId: c!.AccessKeyId!, secretAccessKey: c!.SecretAccessKey!, sessionToken: c!.SessionToken },
    requestHandler: admin.sandbox.requestHandler,
    maxAttempts: 1,
  });
  return { kms, identityId: IdentityId!, admin };
}

describe('key management as a Cognito guest (the condition keys the guest policy relies on)', () => {
  it('creates an owner-tagged key, names it under alias/lab-, and schedules its deletion within 7-30 days', async () => {
    const { kms, identityId } = await guest();
    const Tags: Tag[] = [{ TagKey: 'lab-owner', TagValue: identityId }];
    const { KeyMetadata: md } = await kms.send(new CreateKeyCommand({ Tags }));
    await kms.send(new CreateAliasCommand({ AliasName: 'alias/lab-guest', TargetKeyId: md!.KeyId }));
    expect((await kms.send(new DescribeKeyCommand({ KeyId: 'alias/lab-guest' }))).KeyMetadata!.KeyId).toBe(md!.KeyId);
    const out = await kms.send(new ScheduleKeyDeletionCommand({ KeyId: md!.KeyId, PendingWindowInDays: 7 }));
    expect(out.KeyState).toBe('PendingDeletion');
  });

  it('may not create a key without its owner tag, nor an alias outside alias/lab-', async () => {
    const { kms, identityId } = await guest();
    await expectAwsError(kms.send(new CreateKeyCommand({})), 'AccessDeniedException', /kms:CreateKey on resource: \*/);
    const { KeyMetadata: md } = await kms.send(new CreateKeyCommand({ Tags: [{ TagKey: 'lab-owner', TagValue: identityId }] }));
    await expectAwsError(
      kms.send(new CreateAliasCommand({ AliasName: 'alias/other', TargetKeyId: md!.KeyId })),
      'AccessDeniedException',
      /kms:CreateAlias on resource: arn:aws:kms:us-east-1:111122223333:alias\/other/,
    );
  });

  it('may describe AWS managed keys by alias (kms:RequestAlias) but not keys of others', async () => {
    const { kms, admin } = await guest();
    const s3 = (await kms.send(new DescribeKeyCommand({ KeyId: 'alias/aws/s3' }))).KeyMetadata!;
    expect(s3.KeyManager).toBe('AWS');
    const other = (await admin.kms.send(new CreateKeyCommand({}))).KeyMetadata!;
    await expectAwsError(kms.send(new DescribeKeyCommand({ KeyId: other.KeyId })), 'AccessDeniedException');
  });
});
