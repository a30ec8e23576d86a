import { PutKeyPolicyCommand } from '@aws-sdk/client-kms';
import { kmsExperiment, success } from '../../study/experiment-kit';

// Experiments for the Policies and grants questions: each writes a policy to a key it just created,
// and KMS checks that policy before storing it. The lab's guests may not call PutKeyPolicy
// (infra/policies/lab-guest-policy.json, docs/teacher.md), so the guest creates the key and the
// sandbox's administrator writes the policy; on the aws and endpoint backends the experiments say
// they are sandbox-only. The keys are scheduled for deletion (7 days) at the end.

const WHY_ADMIN = 'The lab’s guests may not change key policies (PutKeyPolicy is denied by the guest policy), and only the sandbox has an administrator to act as.';

export const POLICY_STORED = 'the new policy is stored';

const ACCOUNT = '111122223333';

/** PutKeyPolicy with a policy whose only statement names KeyUserRole: nobody could change it again. */
export const putLockoutPolicy = kmsExperiment(async (lab) => {
  const admin = await lab.sandboxAdministrator(WHY_ADMIN);
  const keyId = await lab.createKey();
  const policy = {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'Users only',
        Effect: 'Allow',
        Principal: { AWS: `arn:aws:iam::${ACCOUNT}:role/KeyUserRole` },
        Action: ['kms:Encrypt', 'kms:Decrypt', 'kms:DescribeKey'],
        Resource: '*',
      },
    ],
  };
  await admin.send(new PutKeyPolicyCommand({ KeyId: keyId, Policy: JSON.stringify(policy) }));
  return success(POLICY_STORED);
});

/** PutKeyPolicy adding a statement for a role that does not exist. */
export const putPolicyWithUnknownRole = kmsExperiment(async (lab) => {
  const admin = await lab.sandboxAdministrator(WHY_ADMIN);
  const keyId = await lab.createKey();
  const policy = {
    Version: '2012-10-17',
    Statement: [
      { Sid: 'Enable IAM User Permissions', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'kms:*', Resource: '*' },
      {
        Sid: 'Reporting role',
        Effect: 'Allow',
        Principal: { AWS: `arn:aws:iam::${ACCOUNT}:role/ReportingRoleThatWasDeleted` },
        Action: 'kms:Decrypt',
        Resource: '*',
      },
    ],
  };
  await admin.send(new PutKeyPolicyCommand({ KeyId: keyId, Policy: JSON.stringify(policy) }));
  return success(POLICY_STORED);
});
