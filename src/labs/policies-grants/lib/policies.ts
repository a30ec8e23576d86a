/**
 * The key policies this lab puts on its key, as data. Pure functions, so the unit tests and the
 * panel show the same documents.
 */
export const ACCOUNT = '111122223333';
export const ROOT_ARN = `arn:aws:iam::${ACCOUNT}:root`;
export const ADMIN_ARN = `arn:aws:iam::${ACCOUNT}:user/lab-admin`;
export const roleArn = (name: string) => `arn:aws:iam::${ACCOUNT}:role/${name}`;
/** The sandbox's second account (docs/accounts.md). */
export const PARTNER_ACCOUNT = '444455556666';
export const PARTNER_ROOT_ARN = `arn:aws:iam::${PARTNER_ACCOUNT}:root`;

interface Statement {
  Sid: string;
  Effect: 'Allow' | 'Deny';
  Principal: { AWS: string | string[] };
  Action: string | string[];
  Resource: '*';
  Condition?: Record<string, Record<string, string | boolean>>;
}

export interface KeyPolicy {
  Version: '2012-10-17';
  Id: string;
  Statement: Statement[];
}

/** The default policy's one statement: the account delegates to IAM (trap 3). */
export const ENABLE_IAM: Statement = {
  Sid: 'Enable IAM User Permissions',
  Effect: 'Allow',
  Principal: { AWS: ROOT_ARN },
  Action: 'kms:*',
  Resource: '*',
};

/** The console's key administrator actions (auth-and-trail.md): manage, never use. */
export const KEY_ADMIN_ACTIONS = [
  'kms:Create*', 'kms:Describe*', 'kms:Enable*', 'kms:List*', 'kms:Put*', 'kms:Update*', 'kms:Revoke*',
  'kms:Disable*', 'kms:Get*', 'kms:Delete*', 'kms:TagResource', 'kms:UntagResource',
  'kms:ScheduleKeyDeletion', 'kms:CancelKeyDeletion', 'kms:RotateKeyOnDemand',
];

/** The console's key user actions: use, never manage. */
export const KEY_USER_ACTIONS = ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:DescribeKey'];

/** The lab keeps its own administrator in every policy it writes, so the lab never locks itself out. */
const LAB_ADMIN: Statement = { Sid: 'Lab administrator', Effect: 'Allow', Principal: { AWS: ADMIN_ARN }, Action: 'kms:*', Resource: '*' };

export function defaultPolicy(): KeyPolicy {
  return { Version: '2012-10-17', Id: 'key-default-1', Statement: [ENABLE_IAM] };
}

/** What the console writes when you pick administrators and users (plus the lab's own administrator). */
export function consolePolicy(): KeyPolicy {
  return {
    Version: '2012-10-17',
    Id: 'key-consolepolicy-3',
    Statement: [
      ENABLE_IAM,
      LAB_ADMIN,
      { Sid: 'Allow access for Key Administrators', Effect: 'Allow', Principal: { AWS: roleArn('KeyAdminRole') }, Action: KEY_ADMIN_ACTIONS, Resource: '*' },
      { Sid: 'Allow use of the key', Effect: 'Allow', Principal: { AWS: roleArn('KeyUserRole') }, Action: KEY_USER_ACTIONS, Resource: '*' },
      {
        Sid: 'Allow attachment of persistent resources',
        Effect: 'Allow',
        Principal: { AWS: roleArn('KeyUserRole') },
        Action: ['kms:CreateGrant', 'kms:ListGrants', 'kms:RevokeGrant'],
        Resource: '*',
        Condition: { Bool: { 'kms:GrantIsForAWSResource': true } },
      },
    ],
  };
}

/**
 * The default policy without "Enable IAM User Permissions": only the principals named in the key
 * policy remain. KeyUserRole is left out on purpose: its IAM policy allows Encrypt, and that is now
 * worth nothing.
 */
export function withoutIamStatement(): KeyPolicy {
  return { Version: '2012-10-17', Id: 'key-no-iam-delegation', Statement: [LAB_ADMIN] };
}

/** A policy that would lock every caller out of PutKeyPolicy: the safety check refuses it. */
export function lockoutPolicy(): KeyPolicy {
  return {
    Version: '2012-10-17',
    Id: 'key-lockout',
    Statement: [{ Sid: 'Users only', Effect: 'Allow', Principal: { AWS: roleArn('KeyUserRole') }, Action: KEY_USER_ACTIONS, Resource: '*' }],
  };
}

/** The console policy plus a statement the key administrator writes for itself (kms:Put* at work). */
export function selfGrantPolicy(): KeyPolicy {
  const p = consolePolicy();
  return {
    ...p,
    Statement: [
      ...p.Statement,
      { Sid: 'Administrator lets itself encrypt', Effect: 'Allow', Principal: { AWS: roleArn('KeyAdminRole') }, Action: ['kms:Encrypt', 'kms:Decrypt'], Resource: '*' },
    ],
  };
}

/**
 * The default policy plus the owning account's half of cross-account use: the partner account
 * (its root, so the partner's own IAM policies then decide which of its principals may) may use the
 * key for cryptography. Nothing here lets the partner manage the key.
 */
export function crossAccountPolicy(): KeyPolicy {
  return {
    Version: '2012-10-17',
    Id: 'key-cross-account',
    Statement: [
      ENABLE_IAM,
      { Sid: 'Allow use of the key by account 444455556666', Effect: 'Allow', Principal: { AWS: PARTNER_ROOT_ARN }, Action: KEY_USER_ACTIONS, Resource: '*' },
    ],
  };
}
