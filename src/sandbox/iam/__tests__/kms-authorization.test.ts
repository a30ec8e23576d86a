import { GetIdCommand, GetOpenIdTokenCommand } from '@aws-sdk/client-cognito-identity';
import {
  CreateKeyCommand,
  DescribeKeyCommand,
  DisableKeyRotationCommand,
  EncryptCommand,
  KMSClient,
  PutKeyPolicyCommand,
  ScheduleKeyDeletionCommand,
} from '@aws-sdk/client-kms';
import { AssumeRoleWithWebIdentityCommand } from '@aws-sdk/client-sts';
import { describe, expect, it } from 'vitest';
import { sandboxClients } from '../../__tests__/helpers/clients';
import type { Sandbox } from '../../index';

const ACCOUNT = '111122223333';
const GUEST_ROLE = `arn:aws:iam::${ACCOUNT}:role/KmsStudyLabGuestRole`;
const ROOT_STATEMENT = { Sid: 'Enable IAM User Permissions', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'kms:*', Resource: '*' };

async function failure(p: Promise<unknown>): Promise<{ name: string; message: string; status?: number }> {
  try {
    await p;
  } catch (e) {
    const err = e as { name: string; message: string; $metadata?: { httpStatusCode?: number } };
    return { name: err.name, message: err.message, status: err.$metadata?.httpStatusCode };
  }
  throw new Error('expected the call to fail');
}

async function basicFlowGuest(sandbox: Sandbox, cognito: import('@aws-sdk/client-cognito-identity').CognitoIdentityClient, sts: import('@aws-sdk/client-sts').STSClient) {
  const { IdentityId } = await cognito.send(new GetIdCommand({ IdentityPoolId: 'us-east-1:1ab0a7e5-5a4d-4b0c-9d1e-111122223333' }));
  const { Token } = await cognito.send(new GetOpenIdTokenCommand({ IdentityId }));
  const { Credentials } = await sts.send(new AssumeRoleWithWebIdentityCommand({ RoleArn: GUEST_ROLE, RoleSessionName: 'guest', WebIdentityToken: Token }));
  return new KMSClient({
    region: 'us-east-1',
    requestHandler: sandbox.requestHandler,
    maxAttempts: 1,
    credentials: { accessKeyId: Credentials!.AccessKeyId!, secretAccessKey: Credentials!.SecretAccessKey!, sessionToken: Credentials!.SessionToken },
  });
}

describe('authorisation through the real KMS client', () => {
  it('AWS managed keys refuse the administrator: no resource-based policy allows', async () => {
    const { kms } = await sandboxClients();
    const managed = (await kms.send(new DescribeKeyCommand({ KeyId: 'alias/aws/s3' }))).KeyMetadata!;
    for (const [action, call] of [
      ['ScheduleKeyDeletion', kms.send(new ScheduleKeyDeletionCommand({ KeyId: managed.KeyId, PendingWindowInDays: 7 }))],
      ['DisableKeyRotation', kms.send(new DisableKeyRotationCommand({ KeyId: managed.KeyId }))],
    ] as const) {
      expect(await failure(call)).toEqual({
        name: 'AccessDeniedException',
        message: `User: arn:aws:iam::${ACCOUNT}:user/lab-admin is not authorized to perform: kms:${action} on resource: ${managed.Arn} because no resource-based policy allows the kms:${action} action`,
        status: 400,
      });
    }
  });

  it('a key policy that names the guest role grants directly, with no owner tag needed', async () => {
    const { sandbox, kms, cognito, sts } = await sandboxClients();
    const Policy = JSON.stringify({
      Version: '2012-10-17',
      Statement: [ROOT_STATEMENT, { Sid: 'Guests may encrypt', Effect: 'Allow', Principal: { AWS: GUEST_ROLE }, Action: 'kms:Encrypt', Resource: '*' }],
    });
    const shared = (await kms.send(new CreateKeyCommand({ Policy }))).KeyMetadata!;
    const guest = await basicFlowGuest(sandbox, cognito, sts);
    const out = await guest.send(new EncryptCommand({ KeyId: shared.KeyId, Plaintext: new Uint8Array([1, 2, 3]) }));
    expect(out.KeyId).toBe(shared.Arn);
    // Only what the statement grants: DescribeKey still falls to the (silent) IAM policy.
    expect((await failure(guest.send(new DescribeKeyCommand({ KeyId: shared.KeyId })))).message).toContain('because no identity-based policy allows');
  });

  it('the lock-out safety check on PutKeyPolicy, and an unknown principal', async () => {
    const { kms } = await sandboxClients();
    const key = (await kms.send(new CreateKeyCommand({}))).KeyMetadata!;
    const onlyKeyUser = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:role/KeyUserRole` }, Action: 'kms:*', Resource: '*' }],
    });
    expect(await failure(kms.send(new PutKeyPolicyCommand({ KeyId: key.KeyId, Policy: onlyKeyUser })))).toEqual({
      name: 'MalformedPolicyDocumentException',
      message: 'The new key policy will not allow you to update the key policy in the future.',
      status: 400,
    });
    const ghost = JSON.stringify({
      Version: '2012-10-17',
      Statement: [ROOT_STATEMENT, { Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:role/Ghost` }, Action: 'kms:Decrypt', Resource: '*' }],
    });
    expect(await failure(kms.send(new PutKeyPolicyCommand({ KeyId: key.KeyId, Policy: ghost })))).toMatchObject({
      name: 'MalformedPolicyDocumentException',
      message: 'Policy contains a statement with one or more invalid principals.',
    });
    // With the bypass the administrator may lock itself out (and then really is locked out).
    await kms.send(new PutKeyPolicyCommand({ KeyId: key.KeyId, Policy: onlyKeyUser, BypassPolicyLockoutSafetyCheck: true }));
    expect((await failure(kms.send(new DescribeKeyCommand({ KeyId: key.KeyId })))).message).toContain('because no resource-based policy allows the kms:DescribeKey action');
  });
});
