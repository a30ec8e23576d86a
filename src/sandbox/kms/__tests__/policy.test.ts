import { CreateKeyCommand, GetKeyPolicyCommand, ListKeyPoliciesCommand, PutKeyPolicyCommand, ScheduleKeyDeletionCommand } from '@aws-sdk/client-kms';
import { describe, expect, it } from 'vitest';
import { ACCOUNT, expectAwsError, kmsSandbox } from './helpers/sdk';

const rootPolicy = (sid: string) =>
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Sid: sid, Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'kms:*', Resource: '*' }],
  });

async function newKey() {
  const s = await kmsSandbox();
  const { KeyMetadata: md } = await s.kms.send(new CreateKeyCommand({}));
  return { ...s, id: md!.KeyId!, arn: md!.Arn! };
}

describe('GetKeyPolicy / PutKeyPolicy / ListKeyPolicies', () => {
  it('lists the one policy name, default', async () => {
    const { kms, id } = await newKey();
    expect(await kms.send(new ListKeyPoliciesCommand({ KeyId: id }))).toMatchObject({ PolicyNames: ['default'], Truncated: false });
  });

  it('PolicyName is optional on Get and Put; a new policy is returned as stored', async () => {
    const { kms, id } = await newKey();
    const policy = rootPolicy('replaced');
    await kms.send(new PutKeyPolicyCommand({ KeyId: id, Policy: policy }));
    const out = await kms.send(new GetKeyPolicyCommand({ KeyId: id }));
    expect(out.Policy).toBe(policy);
    expect(out.PolicyName).toBe('default');
  });

  it('answers another policy name with NotFoundException', async () => {
    const { kms, id } = await newKey();
    await expectAwsError(kms.send(new GetKeyPolicyCommand({ KeyId: id, PolicyName: 'other' })), 'NotFoundException');
  });

  it('refuses a policy name outside [\\w]+', async () => {
    const { kms, id } = await newKey();
    await expectAwsError(
      kms.send(new GetKeyPolicyCommand({ KeyId: id, PolicyName: 'not-ok' })),
      'ValidationException',
      "1 validation error detected: Value 'not-ok' at 'policyName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w]+",
    );
  });

  it('requires Policy on Put', async () => {
    const { kms, id } = await newKey();
    await expectAwsError(
      kms.send(new PutKeyPolicyCommand({ KeyId: id } as never)),
      'ValidationException',
      "1 validation error detected: Value null at 'policy' failed to satisfy constraint: Member must not be null",
    );
  });

  it('refuses a policy that would lock the caller out (lock-out safety check)', async () => {
    const { kms, id } = await newKey();
    const lockout = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:role/KeyUserRole` }, Action: 'kms:Decrypt', Resource: '*' }],
    });
    await expectAwsError(
      kms.send(new PutKeyPolicyCommand({ KeyId: id, Policy: lockout })),
      'MalformedPolicyDocumentException',
      'The new key policy will not allow you to update the key policy in the future.',
    );
  });

  it('works in every key state, including pending deletion', async () => {
    const { kms, id } = await newKey();
    await kms.send(new ScheduleKeyDeletionCommand({ KeyId: id }));
    await kms.send(new PutKeyPolicyCommand({ KeyId: id, Policy: rootPolicy('pending') }));
    expect((await kms.send(new GetKeyPolicyCommand({ KeyId: id }))).Policy).toContain('pending');
  });

  it('refuses a policy over 32 KB with LimitExceededException', async () => {
    const { kms, id } = await newKey();
    const big = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Sid: 'x'.repeat(33_000), Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'kms:*', Resource: '*' }],
    });
    await expectAwsError(kms.send(new PutKeyPolicyCommand({ KeyId: id, Policy: big })), 'LimitExceededException');
  });
});
