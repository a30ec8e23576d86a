import { keyUserActions, type LabKeyUsage } from './key-specs';

/**
 * The key policy the KMS console writes when a learner picks key administrators and key users
 * (Create key, steps 04-05). Pure, so the panel can preview exactly what CreateKey will receive.
 * Statement names and action lists are the console's (shared/reference/auth-and-trail.md).
 */

export const KEY_ADMIN_ACTIONS = [
  'kms:Create*',
  'kms:Describe*',
  'kms:Enable*',
  'kms:List*',
  'kms:Put*',
  'kms:Update*',
  'kms:Revoke*',
  'kms:Disable*',
  'kms:Get*',
  'kms:Delete*',
  'kms:TagResource',
  'kms:UntagResource',
  'kms:ScheduleKeyDeletion',
  'kms:CancelKeyDeletion',
  'kms:RotateKeyOnDemand',
] as const;

export const KEY_USER_ACTIONS = [
  'kms:Encrypt',
  'kms:Decrypt',
  'kms:ReEncrypt*',
  'kms:GenerateDataKey*',
  'kms:DescribeKey',
] as const;

export const KEY_USER_GRANT_ACTIONS = ['kms:CreateGrant', 'kms:ListGrants', 'kms:RevokeGrant'] as const;

export interface PolicyStatement {
  Sid: string;
  Effect: 'Allow';
  Principal: { AWS: string | string[] };
  Action: string | string[];
  Resource: '*';
  Condition?: Record<string, Record<string, string>>;
}

export interface KeyPolicyDocument {
  Id: string;
  Version: '2012-10-17';
  Statement: PolicyStatement[];
}

export interface KeyPolicyChoices {
  accountId: string;
  administrators: readonly string[];
  users: readonly string[];
  /** Default SYMMETRIC_DEFAULT / ENCRYPT_DECRYPT, the guide's key. */
  keySpec?: string;
  keyUsage?: LabKeyUsage;
}

const ACCOUNT_ID = /^\d{12}$/;
const IAM_PRINCIPAL_ARN = /^arn:aws[a-z-]*:iam::\d{12}:(root|user\/.+|role\/.+)$/;

/** A principal the console would accept in its pickers: an IAM user, role or account root ARN. */
export function isPrincipalArn(value: string): boolean {
  return IAM_PRINCIPAL_ARN.test(value.trim());
}

export function isAccountId(value: string): boolean {
  return ACCOUNT_ID.test(value);
}

/** Unique, trimmed, non-empty principals in the order the learner chose them. */
function principals(list: readonly string[]): string[] {
  return [...new Set(list.map((p) => p.trim()).filter((p) => p.length > 0))];
}

/** One principal is written as a string, several as a list, as the console does. */
function principalValue(list: string[]): string | string[] {
  return list.length === 1 ? (list[0] as string) : list;
}

export function buildKeyPolicy(choices: KeyPolicyChoices): KeyPolicyDocument {
  const admins = principals(choices.administrators);
  const users = principals(choices.users);
  const statements: PolicyStatement[] = [
    {
      // Without this statement IAM policies could never grant access to the key.
      Sid: 'Enable IAM User Permissions',
      Effect: 'Allow',
      Principal: { AWS: `arn:aws:iam::${choices.accountId}:root` },
      Action: 'kms:*',
      Resource: '*',
    },
  ];
  if (admins.length > 0) {
    statements.push({
      Sid: 'Allow access for Key Administrators',
      Effect: 'Allow',
      Principal: { AWS: principalValue(admins) },
      Action: [...KEY_ADMIN_ACTIONS],
      Resource: '*',
    });
  }
  const spec = choices.keySpec ?? 'SYMMETRIC_DEFAULT';
  if (users.length > 0) {
    statements.push({
      Sid: 'Allow use of the key',
      Effect: 'Allow',
      Principal: { AWS: principalValue(users) },
      Action: spec === 'SYMMETRIC_DEFAULT' ? [...KEY_USER_ACTIONS] : keyUserActions(spec, choices.keyUsage ?? 'ENCRYPT_DECRYPT'),
      Resource: '*',
    });
  }
  // The grants statement is for AWS services, which use symmetric encryption keys only.
  if (users.length > 0 && spec === 'SYMMETRIC_DEFAULT') {
    statements.push(
      {
        Sid: 'Allow attachment of persistent resources',
        Effect: 'Allow',
        Principal: { AWS: principalValue(users) },
        Action: [...KEY_USER_GRANT_ACTIONS],
        Resource: '*',
        Condition: { Bool: { 'kms:GrantIsForAWSResource': 'true' } },
      },
    );
  }
  return { Id: 'key-consolepolicy-3', Version: '2012-10-17', Statement: statements };
}

export function keyPolicyText(choices: KeyPolicyChoices): string {
  return JSON.stringify(buildKeyPolicy(choices), null, 2);
}

/** The account of the first ARN that names one (key ARNs, role ARNs), if any. */
export function accountFromArn(arn: string | undefined): string | undefined {
  const account = arn?.split(':')[4];
  return account && isAccountId(account) ? account : undefined;
}
