import guestPolicyJson from '../../../infra/policies/lab-guest-policy.json';
import guestTrustPolicyJson from '../../../infra/policies/lab-guest-trust-policy.json';
import { SANDBOX_ACCOUNT_ID } from '../shared/context';
import type { PolicyDocument, Principal } from '../shared/principal';

/**
 * The sandbox account's documented principals (docs/identity.md): the administrator behind the
 * static `test` / `test` keys, the lab pool's guest role, and three demo roles for key-policy
 * exercises. IAM itself is not an API of the sandbox: these are fixed, as data.
 */

const ACCOUNT = SANDBOX_ACCOUNT_ID;

/** The guest role's permission policy: the very document the infrastructure template deploys. */
export const LAB_GUEST_POLICY = guestPolicyJson as PolicyDocument;
export const LAB_GUEST_TRUST_POLICY = guestTrustPolicyJson as PolicyDocument;

export const ADMIN_POLICY: PolicyDocument = {
  Version: '2012-10-17',
  Statement: [{ Sid: 'AdministratorAccess', Effect: 'Allow', Action: '*', Resource: '*' }],
};

export const LAB_ADMIN_USER_NAME = 'lab-admin';
export const LAB_ADMIN_ARN = `arn:aws:iam::${ACCOUNT}:user/${LAB_ADMIN_USER_NAME}`;
/** IAM user ids start with AIDA (21 characters). */
export const LAB_ADMIN_USER_ID = 'AIDAKMSSTUDYLABADMIN1';

export function labAdminPrincipal(): Principal {
  return {
    type: 'IAMUser',
    arn: LAB_ADMIN_ARN,
    accountId: ACCOUNT,
    principalId: LAB_ADMIN_USER_ID,
    userName: LAB_ADMIN_USER_NAME,
    identityPolicies: [ADMIN_POLICY],
  };
}

export interface RoleDefinition {
  roleName: string;
  arn: string;
  /** Role ids start with AROA (21 characters); sessions are `<roleId>:<session name>`. */
  roleId: string;
  identityPolicies: PolicyDocument[];
  /** Who may assume it; undefined: nobody through the sandbox's STS. */
  trustPolicy?: PolicyDocument;
  maxSessionDurationSeconds: number;
  description: string;
}

const roleArn = (name: string) => `arn:aws:iam::${ACCOUNT}:role/${name}`;

export const GUEST_ROLE_NAME = 'KmsStudyLabGuestRole';
export const GUEST_ROLE_ARN = roleArn(GUEST_ROLE_NAME);

const KEY_ADMIN_POLICY: PolicyDocument = {
  Version: '2012-10-17',
  Statement: [
    {
      Sid: 'ManageKeysButNotUseThem',
      Effect: 'Allow',
      Action: [
        'kms:Create*', 'kms:Describe*', 'kms:Enable*', 'kms:List*', 'kms:Put*', 'kms:Update*', 'kms:Revoke*',
        'kms:Disable*', 'kms:Get*', 'kms:Delete*', 'kms:TagResource', 'kms:UntagResource',
        'kms:ScheduleKeyDeletion', 'kms:CancelKeyDeletion', 'kms:RotateKeyOnDemand',
      ],
      Resource: '*',
    },
  ],
};

const KEY_USER_POLICY: PolicyDocument = {
  Version: '2012-10-17',
  Statement: [
    {
      Sid: 'UseKeys',
      Effect: 'Allow',
      Action: ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:DescribeKey'],
      Resource: '*',
    },
  ],
};

const APP_SERVER_POLICY: PolicyDocument = {
  Version: '2012-10-17',
  Statement: [
    {
      Sid: 'EnvelopeEncryption',
      Effect: 'Allow',
      Action: ['kms:GenerateDataKey', 'kms:Decrypt', 'kms:DescribeKey'],
      Resource: '*',
    },
  ],
};

/**
 * The AWS managed policy the guide attaches to its Lambda role (Part II step 02), as AWS publishes
 * it (arn:aws:iam::aws:policy/AWSKeyManagementServicePowerUser, v2, edited 2017-03-07): key
 * management reads and aliases, but no Encrypt, Decrypt or GenerateDataKey.
 */
export const KMS_POWER_USER_POLICY_ARN = 'arn:aws:iam::aws:policy/AWSKeyManagementServicePowerUser';
export const KMS_POWER_USER_POLICY: PolicyDocument = {
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Action: [
        'kms:CreateAlias', 'kms:CreateKey', 'kms:DeleteAlias', 'kms:Describe*', 'kms:GenerateRandom', 'kms:Get*',
        'kms:List*', 'kms:TagResource', 'kms:UntagResource', 'iam:ListGroups', 'iam:ListRoles', 'iam:ListUsers',
      ],
      Resource: '*',
    },
  ],
};

/** Demo roles trust their own account: any principal of it whose IAM policies allow sts:AssumeRole. */
export const ACCOUNT_TRUST_POLICY: PolicyDocument = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'sts:AssumeRole' }],
};

/**
 * The guide's Lambda execution role trusts Lambda; the sandbox trusts the account as well, so the
 * page can run the function's code as this role (there is no Lambda service in the sandbox).
 */
export const LAMBDA_ROLE_TRUST_POLICY: PolicyDocument = {
  Version: '2012-10-17',
  Statement: [
    { Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' },
    { Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'sts:AssumeRole' },
  ],
};

export const LAMBDA_DEMO_ROLE_NAME = 'KMSEncryptionDemoRole';

export const ROLES: Record<string, RoleDefinition> = {
  [GUEST_ROLE_NAME]: {
    roleName: GUEST_ROLE_NAME,
    arn: GUEST_ROLE_ARN,
    roleId: 'AROAKMSSTUDYLABGUEST1',
    identityPolicies: [LAB_GUEST_POLICY],
    trustPolicy: LAB_GUEST_TRUST_POLICY,
    // As infra/template.src.yaml deploys it (MaxSessionDuration: 3600, IAM's default).
    maxSessionDurationSeconds: 3600,
    description: 'Guest (unauthenticated) role of the kms_study_lab identity pool',
  },
  KeyAdminRole: {
    roleName: 'KeyAdminRole',
    arn: roleArn('KeyAdminRole'),
    trustPolicy: ACCOUNT_TRUST_POLICY,
    roleId: 'AROAKMSSTUDYKEYADMIN1',
    identityPolicies: [KEY_ADMIN_POLICY],
    maxSessionDurationSeconds: 3600,
    description: 'Demo key administrator: manages keys, cannot use them',
  },
  KeyUserRole: {
    roleName: 'KeyUserRole',
    arn: roleArn('KeyUserRole'),
    trustPolicy: ACCOUNT_TRUST_POLICY,
    roleId: 'AROAKMSSTUDYKEYUSER01',
    identityPolicies: [KEY_USER_POLICY],
    maxSessionDurationSeconds: 3600,
    description: 'Demo key user: uses keys for cryptography, cannot manage them',
  },
  AppServerRole: {
    roleName: 'AppServerRole',
    arn: roleArn('AppServerRole'),
    trustPolicy: ACCOUNT_TRUST_POLICY,
    roleId: 'AROAKMSSTUDYAPPSERVE1',
    identityPolicies: [APP_SERVER_POLICY],
    maxSessionDurationSeconds: 3600,
    description: 'Demo application server: envelope encryption only',
  },
  [LAMBDA_DEMO_ROLE_NAME]: {
    roleName: LAMBDA_DEMO_ROLE_NAME,
    arn: roleArn(LAMBDA_DEMO_ROLE_NAME),
    roleId: 'AROAKMSSTUDYLAMBDA001',
    identityPolicies: [KMS_POWER_USER_POLICY],
    trustPolicy: LAMBDA_ROLE_TRUST_POLICY,
    maxSessionDurationSeconds: 3600,
    description: "The guide's Lambda execution role with AWSKeyManagementServicePowerUser attached (Part II step 02)",
  },
};

export function findRoleByArn(arn: string): RoleDefinition | undefined {
  return Object.values(ROLES).find((r) => r.arn === arn);
}

export function assumedRolePrincipal(
  role: RoleDefinition,
  sessionName: string,
  extras: Pick<Principal, 'sessionPolicies' | 'webIdentity'> = {},
): Principal {
  return {
    type: 'AssumedRole',
    arn: `arn:aws:sts::${ACCOUNT}:assumed-role/${role.roleName}/${sessionName}`,
    accountId: ACCOUNT,
    principalId: `${role.roleId}:${sessionName}`,
    roleArn: role.arn,
    roleName: role.roleName,
    sessionName,
    identityPolicies: role.identityPolicies,
    ...extras,
  };
}

/**
 * Whether an AWS principal named in a key policy exists, as KMS checks when the policy is set.
 * Valid: `*`, an account id, any account's root, the sandbox's user and roles, sessions of its
 * roles. Sandbox differs: users and roles of other accounts cannot be looked up, so any
 * well-formed one is accepted (AWS rejects the ones that do not exist).
 */
export function isValidAwsPrincipal(value: string): boolean {
  if (value === '*') return true;
  if (/^\d{12}$/.test(value)) return true;
  const m = /^arn:aws:(iam|sts)::(\d{12}):(.+)$/.exec(value);
  if (!m) return false;
  const [, svc, account, resource] = m as unknown as [string, string, string, string];
  if (svc === 'iam' && resource === 'root') return true;
  if (account !== ACCOUNT) return /^(user|role)\/[\w+=,.@\-/]+$/.test(resource) || /^assumed-role\/[\w+=,.@-]+\/[\w+=,.@-]+$/.test(resource);
  if (svc === 'iam') {
    if (resource === `user/${LAB_ADMIN_USER_NAME}`) return true;
    const role = /^role\/(?:[\w+=,.@-]+\/)*([\w+=,.@-]+)$/.exec(resource);
    return role !== null && ROLES[role[1]!] !== undefined && ROLES[role[1]!]!.arn === value;
  }
  const session = /^assumed-role\/([\w+=,.@-]+)\/[\w+=,.@-]{2,64}$/.exec(resource);
  return session !== null && ROLES[session[1]!] !== undefined;
}
