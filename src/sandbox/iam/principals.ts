import guestPolicyJson from '../../../infra/policies/lab-guest-policy.json';
import guestTrustPolicyJson from '../../../infra/policies/lab-guest-trust-policy.json';
import { SANDBOX_ACCOUNT_ID, SECOND_ACCOUNT_ID } from '../shared/context';
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
export const CROSS_ACCOUNT_ROLE_NAME = 'PartnerAccessRole';

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
  /**
   * A lab-account role the partner may assume across accounts: its trust policy names the partner
   * account, so a partner principal whose IAM policies allow sts:AssumeRole on it gets in (both
   * halves are needed, as on AWS).
   */
  [CROSS_ACCOUNT_ROLE_NAME]: {
    roleName: CROSS_ACCOUNT_ROLE_NAME,
    arn: roleArn(CROSS_ACCOUNT_ROLE_NAME),
    roleId: 'AROAKMSSTUDYPARTNACC1',
    identityPolicies: [KEY_USER_POLICY],
    trustPolicy: {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${SECOND_ACCOUNT_ID}:root` }, Action: 'sts:AssumeRole' }],
    },
    maxSessionDurationSeconds: 3600,
    description: 'Lab-account role the partner account may assume (key user permissions)',
  },
};

/** The account a role belongs to (the fifth field of its ARN). */
export const roleAccount = (role: RoleDefinition): string => role.arn.split(':')[4]!;

export function findRoleByArn(arn: string): RoleDefinition | undefined {
  return Object.values(ROLES).find((r) => r.arn === arn) ?? Object.values(PARTNER_ROLES).find((r) => r.arn === arn);
}

export function assumedRolePrincipal(
  role: RoleDefinition,
  sessionName: string,
  extras: Pick<Principal, 'sessionPolicies' | 'webIdentity'> = {},
): Principal {
  const account = roleAccount(role);
  return {
    type: 'AssumedRole',
    arn: `arn:aws:sts::${account}:assumed-role/${role.roleName}/${sessionName}`,
    accountId: account,
    principalId: `${role.roleId}:${sessionName}`,
    roleArn: role.arn,
    roleName: role.roleName,
    sessionName,
    identityPolicies: role.identityPolicies,
    ...extras,
  };
}

/**
 * Whether an AWS principal named in a key policy (or a grant) exists, as KMS checks when the policy
 * is set: `*`, an account id, any account's root, and the users, roles and role sessions of the two
 * accounts the sandbox holds. Users and roles of any other account do not exist in the sandbox's
 * world, so they are refused (MalformedPolicyDocumentException), as AWS refuses principals it
 * cannot find. Sandbox differs: an account that is not one of the two is still accepted as an
 * account principal (AWS accepts any well-formed account id there too, and the sandbox cannot tell
 * whether it exists).
 */
export function isValidAwsPrincipal(value: string): boolean {
  if (value === '*') return true;
  if (/^\d{12}$/.test(value)) return true;
  const m = /^arn:aws:(iam|sts)::(\d{12}):(.+)$/.exec(value);
  if (!m) return false;
  const [, svc, account, resource] = m as unknown as [string, string, string, string];
  if (svc === 'iam' && resource === 'root') return true;
  const roles = rolesOf(account);
  if (!roles) return false;
  if (svc === 'iam') {
    if (resource === `user/${adminUserName(account)}`) return true;
    const role = /^role\/(?:[\w+=,.@-]+\/)*([\w+=,.@-]+)$/.exec(resource);
    return role !== null && roles[role[1]!] !== undefined && roles[role[1]!]!.arn === value;
  }
  const session = /^assumed-role\/([\w+=,.@-]+)\/[\w+=,.@-]{2,64}$/.exec(resource);
  return session !== null && roles[session[1]!] !== undefined;
}

// ---------------------------------------------------------------------------------------------
// The second account, 444455556666 (docs/accounts.md): a partner with its own administrator
// behind static keys, and demo roles for cross-account use of the lab account's keys.

export const PARTNER_ACCOUNT = SECOND_ACCOUNT_ID;
/** The partner administrator's static keys: the account id as access key id (as LocalStack selects accounts), secret `test`. */
export const PARTNER_ADMIN_ACCESS_KEY_ID = SECOND_ACCOUNT_ID;
export const PARTNER_ADMIN_SECRET_ACCESS_KEY = 'test';
export const PARTNER_ADMIN_USER_NAME = 'partner-admin';
export const PARTNER_ADMIN_ARN = `arn:aws:iam::${PARTNER_ACCOUNT}:user/${PARTNER_ADMIN_USER_NAME}`;
export const PARTNER_ADMIN_USER_ID = 'AIDAKMSSTUDYPARTNER01';

export function partnerAdminPrincipal(): Principal {
  return {
    type: 'IAMUser',
    arn: PARTNER_ADMIN_ARN,
    accountId: PARTNER_ACCOUNT,
    principalId: PARTNER_ADMIN_USER_ID,
    userName: PARTNER_ADMIN_USER_NAME,
    identityPolicies: [ADMIN_POLICY],
  };
}

/** The lab account's keys, as the partner's IAM policies name them (any Region). */
const LAB_ACCOUNT_KEYS = `arn:aws:kms:*:${ACCOUNT}:key/*`;
const PARTNER_KEYS = `arn:aws:kms:*:${PARTNER_ACCOUNT}:key/*`;
const USE_ACTIONS = ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:DescribeKey'];

/** The IAM half of cross-account use: the partner's application may use the lab account's keys. */
export const PARTNER_APP_POLICY: PolicyDocument = {
  Version: '2012-10-17',
  Statement: [{ Sid: 'UseLabAccountKeys', Effect: 'Allow', Action: USE_ACTIONS, Resource: [LAB_ACCOUNT_KEYS, PARTNER_KEYS] }],
};

/** A partner role whose IAM policy covers its own account's keys only: the IAM half is missing. */
export const PARTNER_LOCAL_POLICY: PolicyDocument = {
  Version: '2012-10-17',
  Statement: [{ Sid: 'UseOwnAccountKeysOnly', Effect: 'Allow', Action: USE_ACTIONS, Resource: PARTNER_KEYS }],
};

/** The partner's roles trust their own account (its administrator assumes them). */
const PARTNER_TRUST_POLICY: PolicyDocument = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${PARTNER_ACCOUNT}:root` }, Action: 'sts:AssumeRole' }],
};

const partnerRoleArn = (name: string) => `arn:aws:iam::${PARTNER_ACCOUNT}:role/${name}`;

export const PARTNER_ROLES: Record<string, RoleDefinition> = {
  PartnerAppRole: {
    roleName: 'PartnerAppRole',
    arn: partnerRoleArn('PartnerAppRole'),
    roleId: 'AROAKMSSTUDYPARTNAPP1',
    identityPolicies: [PARTNER_APP_POLICY],
    trustPolicy: PARTNER_TRUST_POLICY,
    maxSessionDurationSeconds: 3600,
    description: "Partner application: its IAM policy allows using the lab account's keys",
  },
  PartnerLocalRole: {
    roleName: 'PartnerLocalRole',
    arn: partnerRoleArn('PartnerLocalRole'),
    roleId: 'AROAKMSSTUDYPARTNLOC1',
    identityPolicies: [PARTNER_LOCAL_POLICY],
    trustPolicy: PARTNER_TRUST_POLICY,
    maxSessionDurationSeconds: 3600,
    description: "Partner role whose IAM policy names only its own account's keys",
  },
};

function rolesOf(account: string): Record<string, RoleDefinition> | undefined {
  if (account === ACCOUNT) return ROLES;
  if (account === PARTNER_ACCOUNT) return PARTNER_ROLES;
  return undefined;
}

function adminUserName(account: string): string {
  return account === PARTNER_ACCOUNT ? PARTNER_ADMIN_USER_NAME : LAB_ADMIN_USER_NAME;
}
