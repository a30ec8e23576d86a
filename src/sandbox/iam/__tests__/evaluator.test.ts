import { describe, expect, it } from 'vitest';
import { ServiceError } from '../../protocol/service-error';
import type { AuthzRequest, RequestContext } from '../../shared/context';
import type { PolicyDocument, Principal } from '../../shared/principal';
import { emptyKmsState, type KmsKey } from '../../kms/kms-models';
import {
  accessDeniedMessage,
  authorize,
  evaluate,
  INVALID_PRINCIPALS_MESSAGE,
  KEY_POLICY_MAX_BYTES,
  LOCKOUT_MESSAGE,
  validateKeyPolicy,
} from '../evaluator';
import { buildContextKeys } from '../policy-conditions';
import { assumedRolePrincipal, labAdminPrincipal, LAB_GUEST_POLICY, PARTNER_ROLES, partnerAdminPrincipal, ROLES } from '../principals';
import { COGNITO_UNAUTHED_SESSION_POLICIES } from '../session-policies';

const ACCOUNT = '111122223333';
const KEY_ID = '1234abcd-12ab-34cd-56ef-1234567890ab';
const KEY_ARN = `arn:aws:kms:us-east-1:${ACCOUNT}:key/${KEY_ID}`;
const SUB = 'us-east-1:0f0e0d0c-0b0a-4909-8807-060504030201';

const doc = (...Statement: PolicyDocument['Statement'][]): PolicyDocument => ({
  Version: '2012-10-17',
  Statement: Statement.flat(),
});
const allowAll = doc({ Effect: 'Allow', Action: '*', Resource: '*' });
const defaultKeyPolicy = doc({
  Sid: 'Enable IAM User Permissions',
  Effect: 'Allow',
  Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` },
  Action: 'kms:*',
  Resource: '*',
});

function user(policies: PolicyDocument[]): Principal {
  return { ...labAdminPrincipal(), identityPolicies: policies };
}

const guestBasic = () =>
  assumedRolePrincipal(ROLES['KmsStudyLabGuestRole']!, 'lab-guest', {
    webIdentity: { federatedProvider: 'cognito-identity.amazonaws.com', audience: 'us-east-1:pool', subject: SUB, amr: ['unauthenticated'] },
  });
const guestEnhanced = () => ({ ...guestBasic(), sessionPolicies: COGNITO_UNAUTHED_SESSION_POLICIES });

function decide(principal: Principal, action: string, opts: { resource?: string; keyPolicy?: PolicyDocument; context?: Record<string, string | string[]> } = {}) {
  const resource = opts.resource ?? KEY_ARN;
  const isKey = resource.includes(':key/');
  return evaluate({
    principal,
    action,
    resource,
    resourcePolicy: opts.keyPolicy ?? (isKey ? defaultKeyPolicy : undefined),
    resourcePolicyRequired: isKey,
    context: buildContextKeys({
      'aws:PrincipalAccount': ACCOUNT,
      ...(principal.webIdentity ? { 'cognito-identity.amazonaws.com:sub': principal.webIdentity.subject } : {}),
      ...opts.context,
    }),
  });
}

describe('identity-based policies', () => {
  it('Allow with Action and Resource wildcards', () => {
    expect(decide(user([doc({ Effect: 'Allow', Action: 'kms:Generate*', Resource: 'arn:aws:kms:*:111122223333:key/*' })]), 'kms:GenerateDataKey').allowed).toBe(true);
  });
  it('action matching is case-insensitive; resource matching is not', () => {
    expect(decide(user([doc({ Effect: 'Allow', Action: 'KMS:encrypt', Resource: '*' })]), 'kms:Encrypt').allowed).toBe(true);
    expect(decide(user([doc({ Effect: 'Allow', Action: 'kms:Encrypt', Resource: KEY_ARN.toUpperCase() })]), 'kms:Encrypt').allowed).toBe(false);
  });
  it('no statement applies: implicit deny naming the identity-based policy', () => {
    expect(decide(user([doc({ Effect: 'Allow', Action: 'kms:Decrypt', Resource: '*' })]), 'kms:Encrypt')).toEqual({
      allowed: false,
      explicit: false,
      policyType: 'identity-based',
    });
  });
  it('explicit Deny wins over Allow', () => {
    const p = user([allowAll, doc({ Effect: 'Deny', Action: 'kms:ScheduleKeyDeletion', Resource: '*' })]);
    expect(decide(p, 'kms:ScheduleKeyDeletion')).toEqual({ allowed: false, explicit: true, policyType: 'identity-based' });
    expect(decide(p, 'kms:Encrypt').allowed).toBe(true);
  });
  it('NotAction allows everything except what it lists', () => {
    const p = user([doc({ Effect: 'Allow', NotAction: ['kms:ScheduleKeyDeletion', 'kms:Put*'], Resource: '*' })]);
    expect(decide(p, 'kms:Encrypt').allowed).toBe(true);
    expect(decide(p, 'kms:PutKeyPolicy').allowed).toBe(false);
    expect(decide(p, 'kms:ScheduleKeyDeletion').allowed).toBe(false);
  });
  it('NotResource excludes resources', () => {
    const p = user([doc({ Effect: 'Allow', Action: 'kms:*', NotResource: KEY_ARN })]);
    expect(decide(p, 'kms:Encrypt').allowed).toBe(false);
    expect(decide(p, 'kms:Encrypt', { resource: `arn:aws:kms:us-east-1:${ACCOUNT}:key/other`, keyPolicy: defaultKeyPolicy }).allowed).toBe(true);
  });
  it('a Resource pattern for keys does not match the "*" of CreateKey', () => {
    const p = user([doc({ Effect: 'Allow', Action: 'kms:CreateKey', Resource: 'arn:aws:kms:*:*:key/*' })]);
    expect(decide(p, 'kms:CreateKey', { resource: '*' }).allowed).toBe(false);
  });
  it('policy variables in Resource', () => {
    const p = user([doc({ Effect: 'Allow', Action: 'kms:Encrypt', Resource: 'arn:aws:kms:*:${aws:PrincipalAccount}:key/*' })]);
    expect(decide(p, 'kms:Encrypt').allowed).toBe(true);
    expect(decide(p, 'kms:Encrypt', { context: { 'aws:PrincipalAccount': '444455556666' } }).allowed).toBe(false);
  });
});

describe('key policies', () => {
  const admin = labAdminPrincipal();
  const directToUser = doc({ Effect: 'Allow', Principal: { AWS: admin.arn }, Action: 'kms:Encrypt', Resource: '*' });

  it('the account root delegates to IAM: the identity-based policy must allow too', () => {
    expect(decide(user([]), 'kms:Encrypt')).toEqual({ allowed: false, explicit: false, policyType: 'identity-based' });
    expect(decide(user([allowAll]), 'kms:Encrypt').allowed).toBe(true);
    const byAccountId = doc({ Effect: 'Allow', Principal: { AWS: ACCOUNT }, Action: 'kms:*', Resource: '*' });
    expect(decide(user([allowAll]), 'kms:Encrypt', { keyPolicy: byAccountId }).allowed).toBe(true);
  });
  it('a statement naming the caller grants access directly, without any IAM policy', () => {
    expect(decide(user([]), 'kms:Encrypt', { keyPolicy: directToUser }).allowed).toBe(true);
  });
  it('without a key policy allowing, even an administrator is denied (AWS managed keys)', () => {
    const managed = doc({ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: ['kms:Describe*', 'kms:Get*', 'kms:List*'], Resource: '*' });
    expect(decide(admin, 'kms:DescribeKey', { keyPolicy: managed }).allowed).toBe(true);
    expect(decide(admin, 'kms:ScheduleKeyDeletion', { keyPolicy: managed })).toEqual({ allowed: false, explicit: false, policyType: 'resource-based' });
    expect(decide(admin, 'kms:PutKeyPolicy', { keyPolicy: managed })).toEqual({ allowed: false, explicit: false, policyType: 'resource-based' });
  });
  it('an explicit Deny in the key policy wins over an administrator', () => {
    const deny = doc(defaultKeyPolicy.Statement as never, {
      Effect: 'Deny',
      Principal: '*',
      Action: 'kms:Decrypt',
      Resource: '*',
    });
    expect(decide(admin, 'kms:Decrypt', { keyPolicy: deny })).toEqual({ allowed: false, explicit: true, policyType: 'resource-based' });
  });
  it('a role ARN in the key policy matches every session of that role', () => {
    const keyUser = assumedRolePrincipal(ROLES['KeyUserRole']!, 'alice');
    const toRole = doc({ Effect: 'Allow', Principal: { AWS: ROLES['KeyUserRole']!.arn }, Action: 'kms:Decrypt', Resource: '*' });
    expect(decide({ ...keyUser, identityPolicies: [] }, 'kms:Decrypt', { keyPolicy: toRole }).allowed).toBe(true);
    expect(decide({ ...keyUser, identityPolicies: [] }, 'kms:Encrypt', { keyPolicy: toRole }).allowed).toBe(false);
  });
  it('Principal "*" with kms:CallerAccount', () => {
    const any = doc({ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'kms:Encrypt', Resource: '*', Condition: { StringEquals: { 'kms:CallerAccount': ACCOUNT } } });
    expect(decide(user([]), 'kms:Encrypt', { keyPolicy: any, context: { 'kms:CallerAccount': ACCOUNT } }).allowed).toBe(true);
    expect(decide(user([]), 'kms:Encrypt', { keyPolicy: any, context: { 'kms:CallerAccount': '444455556666' } }).allowed).toBe(false);
  });
  it('the AWS managed key policy: use only through the service (kms:ViaService)', () => {
    const managed = doc({
      Effect: 'Allow',
      Principal: { AWS: '*' },
      Action: ['kms:Encrypt', 'kms:Decrypt', 'kms:GenerateDataKey*'],
      Resource: '*',
      Condition: { StringEquals: { 'kms:CallerAccount': ACCOUNT, 'kms:ViaService': 's3.us-east-1.amazonaws.com' } },
    });
    const via = { 'kms:CallerAccount': ACCOUNT, 'kms:ViaService': 's3.us-east-1.amazonaws.com' };
    expect(decide(admin, 'kms:GenerateDataKey', { keyPolicy: managed, context: via }).allowed).toBe(true);
    expect(decide(admin, 'kms:GenerateDataKey', { keyPolicy: managed, context: { 'kms:CallerAccount': ACCOUNT } }).allowed).toBe(false);
  });
});

describe('session policies (effective = identity ∩ session)', () => {
  it('the enhanced-flow guest cannot CreateKey even with the lab tag: no session policy allows it', () => {
    const d = decide(guestEnhanced(), 'kms:CreateKey', { resource: '*', context: { 'aws:RequestTag/lab-owner': SUB } });
    expect(d).toEqual({ allowed: false, explicit: false, policyType: 'session' });
    expect(accessDeniedMessage('arn:aws:sts::111122223333:assumed-role/KmsStudyLabGuestRole/CognitoIdentityCredentials', 'kms:CreateKey', '*', d)).toBe(
      'User: arn:aws:sts::111122223333:assumed-role/KmsStudyLabGuestRole/CognitoIdentityCredentials is not authorized to perform: kms:CreateKey on resource: * because no session policy allows the kms:CreateKey action',
    );
  });
  it('the basic-flow guest (no session policy) can CreateKey with its own owner tag only', () => {
    expect(decide(guestBasic(), 'kms:CreateKey', { resource: '*', context: { 'aws:RequestTag/lab-owner': SUB } }).allowed).toBe(true);
    expect(decide(guestBasic(), 'kms:CreateKey', { resource: '*', context: { 'aws:RequestTag/lab-owner': 'us-east-1:someone-else' } })).toEqual({
      allowed: false,
      explicit: false,
      policyType: 'identity-based',
    });
    expect(decide(guestBasic(), 'kms:CreateKey', { resource: '*' }).allowed).toBe(false);
  });
  it('the scope-down keeps Encrypt and Decrypt of an own key', () => {
    const own = { 'aws:ResourceTag/lab-owner': SUB };
    expect(decide(guestEnhanced(), 'kms:Encrypt', { context: own }).allowed).toBe(true);
    expect(decide(guestEnhanced(), 'kms:DescribeKey', { context: own })).toEqual({ allowed: false, explicit: false, policyType: 'session' });
  });
  it('the inline and managed session policies together form the session policy (either may allow)', () => {
    const own = { 'aws:ResourceTag/lab-owner': SUB };
    // ReEncryptFrom is in the managed policy only; the inline one names "kms:ReEncrypt".
    expect(decide(guestEnhanced(), 'kms:ReEncryptFrom', { context: own }).allowed).toBe(true);
    expect(decide(guestEnhanced(), 'kms:GenerateDataKeyPair', { context: own }).allowed).toBe(true);
    expect(decide(guestEnhanced(), 'kms:Sign', { context: own }).allowed).toBe(false);
  });
  it('a key policy naming the role is still limited by the session policy; one naming the session is not', () => {
    const g = guestEnhanced();
    const toRole = doc({ Effect: 'Allow', Principal: { AWS: g.roleArn! }, Action: 'kms:*', Resource: '*' });
    const toSession = doc({ Effect: 'Allow', Principal: { AWS: g.arn }, Action: 'kms:*', Resource: '*' });
    expect(decide(g, 'kms:DescribeKey', { keyPolicy: toRole })).toEqual({ allowed: false, explicit: false, policyType: 'session' });
    expect(decide(g, 'kms:DescribeKey', { keyPolicy: toSession }).allowed).toBe(true);
  });
  it('an explicit Deny in a session policy names the session policy', () => {
    const p = { ...user([allowAll]), sessionPolicies: [doc({ Effect: 'Allow', Action: '*', Resource: '*' }, { Effect: 'Deny', Action: 'kms:Decrypt', Resource: '*' })] };
    const d = decide(p, 'kms:Decrypt');
    expect(d).toEqual({ allowed: false, explicit: true, policyType: 'session' });
    expect(accessDeniedMessage('arn:x', 'kms:Decrypt', KEY_ARN, d)).toBe(
      `User: arn:x is not authorized to perform: kms:Decrypt on resource: ${KEY_ARN} with an explicit deny in a session policy`,
    );
  });
});

describe('the guest role policy (infra/policies/lab-guest-policy.json)', () => {
  const g = guestBasic();
  const own = { 'aws:ResourceTag/lab-owner': SUB };
  const other = { 'aws:ResourceTag/lab-owner': 'us-east-1:someone-else' };
  it.each(['kms:Encrypt', 'kms:Decrypt', 'kms:GenerateDataKey', 'kms:Sign', 'kms:GenerateMac', 'kms:DescribeKey', 'kms:EnableKeyRotation', 'kms:ScheduleKeyDeletion', 'kms:TagResource'])(
    '%s on an own key is allowed; on another guest key and an untagged key it is not',
    (action) => {
      expect(decide(g, action, { context: own }).allowed).toBe(true);
      expect(decide(g, action, { context: other }).allowed).toBe(false);
      expect(decide(g, action).allowed).toBe(false);
    },
  );
  it.each(['kms:CreateGrant', 'kms:PutKeyPolicy'])('%s is explicitly denied, even on an own key (a grant or a policy could hand the key to another account)', (action) => {
    expect(decide(g, action, { context: own })).toEqual({ allowed: false, explicit: true, policyType: 'identity-based' });
  });
  it('tagging an untagged key with the own owner tag is explicitly denied (the ABAC gap is closed)', () => {
    expect(decide(g, 'kms:TagResource', { context: { 'aws:RequestTag/lab-owner': SUB, 'aws:TagKeys': ['lab-owner'] } })).toEqual({
      allowed: false,
      explicit: true,
      policyType: 'identity-based',
    });
    // ... while CreateKey's tagging (resource "*") passes.
    expect(decide(g, 'kms:TagResource', { resource: '*', context: { 'aws:RequestTag/lab-owner': SUB, 'aws:TagKeys': ['lab-owner'] } }).allowed).toBe(true);
  });
  it('CreateKey and PutKeyPolicy with the lock-out check bypassed, or a multi-Region key: explicit deny', () => {
    const ownCreate = { 'aws:RequestTag/lab-owner': SUB };
    expect(decide(g, 'kms:CreateKey', { resource: '*', context: { ...ownCreate, 'kms:BypassPolicyLockoutSafetyCheck': 'false' } }).allowed).toBe(true);
    expect(decide(g, 'kms:CreateKey', { resource: '*', context: { ...ownCreate, 'kms:BypassPolicyLockoutSafetyCheck': 'true' } })).toEqual({
      allowed: false,
      explicit: true,
      policyType: 'identity-based',
    });
    expect(decide(g, 'kms:CreateKey', { resource: '*', context: { ...ownCreate, 'kms:MultiRegion': 'true' } }).allowed).toBe(false);
    expect(decide(g, 'kms:PutKeyPolicy', { context: { ...own, 'kms:BypassPolicyLockoutSafetyCheck': 'true' } }).allowed).toBe(false);
  });
  it('the owner tag can be neither removed nor handed to someone else', () => {
    expect(decide(g, 'kms:UntagResource', { context: { ...own, 'aws:TagKeys': ['lab-owner'] } }).allowed).toBe(false);
    expect(decide(g, 'kms:UntagResource', { context: { ...own, 'aws:TagKeys': ['project'] } }).allowed).toBe(true);
    expect(decide(g, 'kms:TagResource', { context: { ...own, 'aws:RequestTag/lab-owner': 'us-east-1:x', 'aws:TagKeys': ['lab-owner'] } }).allowed).toBe(false);
  });
  it('deletion windows of 7 to 30 days', () => {
    for (const [days, ok] of [['7', true], ['30', true], ['6', false], ['31', false]] as const) {
      expect(decide(g, 'kms:ScheduleKeyDeletion', { context: { ...own, 'kms:ScheduleKeyDeletionPendingWindowInDays': days } }).allowed).toBe(ok);
    }
  });
  it('aliases only under alias/lab-', () => {
    const alias = (name: string) => `arn:aws:kms:us-east-1:${ACCOUNT}:alias/${name}`;
    expect(decide(g, 'kms:CreateAlias', { resource: alias('lab-demo') }).allowed).toBe(true);
    expect(decide(g, 'kms:CreateAlias', { resource: alias('prod-db') }).allowed).toBe(false);
  });
  it('DescribeKey on AWS managed keys, nothing else on them', () => {
    const managed = { 'kms:ResourceAliases': ['alias/aws/s3'] };
    expect(decide(g, 'kms:DescribeKey', { context: managed }).allowed).toBe(true);
    expect(decide(g, 'kms:Encrypt', { context: managed }).allowed).toBe(false);
  });
  it('lists, the trail, and nothing outside KMS', () => {
    expect(decide(g, 'kms:ListKeys', { resource: '*' }).allowed).toBe(true);
    expect(decide(g, 'cloudtrail:LookupEvents', { resource: '*' }).allowed).toBe(true);
    expect(decide(g, 'iam:CreateUser', { resource: '*' }).allowed).toBe(false);
    expect(decide(g, 'cognito-identity:CreateIdentityPool', { resource: '*' }).allowed).toBe(false);
  });
  it('is the document the role carries', () => {
    expect(g.identityPolicies).toEqual([LAB_GUEST_POLICY]);
  });
});

// A minimal RequestContext for authorize() and validateKeyPolicy().
function fakeCtx(caller: Principal, keys: KmsKey[] = [], service: RequestContext['service'] = 'kms'): RequestContext {
  const kms = emptyKmsState();
  kms.regions['us-east-1'] = { keys: Object.fromEntries(keys.map((k) => [k.keyId, k])), aliases: {} };
  return {
    service,
    operation: 'Test',
    region: 'us-east-1',
    accountId: ACCOUNT,
    requestId: 'r',
    caller,
    now: () => 0,
    wallNow: () => Date.UTC(2026, 10, 27),
    state: { kms, cognito: { regions: {} } } as unknown as RequestContext['state'],
    audit: {},
  } as unknown as RequestContext;
}

const key = (tags: { TagKey: string; TagValue: string }[], policy: PolicyDocument = defaultKeyPolicy): KmsKey =>
  ({ keyId: KEY_ID, arn: KEY_ARN, region: 'us-east-1', accountId: ACCOUNT, tags, policy: JSON.stringify(policy) }) as KmsKey;

function thrown(f: () => void): ServiceError {
  try {
    f();
  } catch (e) {
    if (e instanceof ServiceError) return e;
    throw e;
  }
  throw new Error('expected a ServiceError');
}

describe('authorize()', () => {
  const req = (r: Partial<AuthzRequest>): AuthzRequest => ({ action: 'kms:Encrypt', resource: KEY_ARN, ...r });

  it('throws AccessDeniedException (400) with AWS wording, resource-based reason', () => {
    const e = thrown(() => authorize(fakeCtx(labAdminPrincipal()), req({ action: 'kms:ScheduleKeyDeletion', resourcePolicy: JSON.stringify({ Statement: [] }) })));
    expect(e.code).toBe('AccessDeniedException');
    expect(e.status).toBe(400);
    expect(e.awsMessage).toBe(
      `User: arn:aws:iam::111122223333:user/lab-admin is not authorized to perform: kms:ScheduleKeyDeletion on resource: ${KEY_ARN} because no resource-based policy allows the kms:ScheduleKeyDeletion action`,
    );
  });
  it('identity-based reason and the explicit-deny wording', () => {
    const nobody = user([doc({ Effect: 'Deny', Action: 'kms:Decrypt', Resource: '*' })]);
    expect(thrown(() => authorize(fakeCtx(nobody), req({ resourcePolicy: JSON.stringify(defaultKeyPolicy) }))).awsMessage).toBe(
      `User: arn:aws:iam::111122223333:user/lab-admin is not authorized to perform: kms:Encrypt on resource: ${KEY_ARN} because no identity-based policy allows the kms:Encrypt action`,
    );
    expect(thrown(() => authorize(fakeCtx(nobody), req({ action: 'kms:Decrypt', resourcePolicy: JSON.stringify(defaultKeyPolicy) }))).awsMessage).toBe(
      `User: arn:aws:iam::111122223333:user/lab-admin is not authorized to perform: kms:Decrypt on resource: ${KEY_ARN} with an explicit deny in an identity-based policy`,
    );
  });
  it('reads the key policy and tags from the state when the request does not carry them', () => {
    const g = guestBasic();
    expect(() => authorize(fakeCtx(g, [key([{ TagKey: 'lab-owner', TagValue: SUB }])]), req({}))).not.toThrow();
    expect(thrown(() => authorize(fakeCtx(g, [key([])]), req({}))).code).toBe('AccessDeniedException');
  });
  it('S3 and STS answer 403 AccessDenied', () => {
    expect(thrown(() => authorize(fakeCtx(user([]), [], 's3'), req({ action: 's3:GetObject', resource: 'arn:aws:s3:::b/k' }))).status).toBe(403);
  });
  it('kms:ViaService and aws:CalledVia come from invokedBy', () => {
    const ctx = { ...fakeCtx(user([])), invokedBy: 's3.amazonaws.com' } as RequestContext;
    const viaS3Only = JSON.stringify(
      doc({ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'kms:*', Resource: '*', Condition: { StringEquals: { 'kms:ViaService': 's3.us-east-1.amazonaws.com' }, 'ForAnyValue:StringEquals': { 'aws:CalledVia': 's3.amazonaws.com' } } }),
    );
    expect(() => authorize(ctx, req({ resourcePolicy: viaS3Only }))).not.toThrow();
    expect(() => authorize(fakeCtx(user([])), req({ resourcePolicy: viaS3Only }))).toThrow(ServiceError);
  });
});

describe('validateKeyPolicy()', () => {
  const admin = labAdminPrincipal();
  const opts = { bypassLockoutSafetyCheck: false, keyArn: KEY_ARN };
  const v = (text: string, p: Principal = admin, o: Parameters<typeof validateKeyPolicy>[2] = opts) => () => validateKeyPolicy(fakeCtx(p), text, o);

  it('accepts the default key policy', () => {
    expect(v(JSON.stringify(defaultKeyPolicy))).not.toThrow();
  });
  it('text that is not JSON: MalformedPolicyDocumentException without a message', () => {
    const e = thrown(v('not a policy'));
    expect(e.code).toBe('MalformedPolicyDocumentException');
    expect(e.awsMessage).toBeUndefined();
  });
  it.each([
    ['no Statement', { Version: '2012-10-17' }],
    ['bad Effect', doc({ Effect: 'Maybe' as 'Allow', Principal: '*', Action: 'kms:*', Resource: '*' })],
    ['no Principal', doc({ Effect: 'Allow', Action: 'kms:*', Resource: '*' })],
    ['no Action', doc({ Effect: 'Allow', Principal: '*', Resource: '*' })],
    ['unknown condition operator', doc({ Effect: 'Allow', Principal: '*', Action: 'kms:*', Resource: '*', Condition: { Nonsense: { a: 'b' } } })],
  ])('bad shape (%s): MalformedPolicyDocumentException', (_name, d) => {
    expect(thrown(v(JSON.stringify(d))).code).toBe('MalformedPolicyDocumentException');
  });
  it.each([
    'arn:aws:iam::111122223333:role/NoSuchRole',
    'arn:aws:iam::111122223333:user/nobody',
    'not-an-arn',
  ])('unknown principal %s: invalid principals', (p) => {
    const d = doc(defaultKeyPolicy.Statement as never, { Effect: 'Allow', Principal: { AWS: p }, Action: 'kms:Decrypt', Resource: '*' });
    const e = thrown(v(JSON.stringify(d)));
    expect([e.code, e.awsMessage]).toEqual(['MalformedPolicyDocumentException', INVALID_PRINCIPALS_MESSAGE]);
  });
  it('valid principals: the documented roles, the account, *, services', () => {
    const d = doc(defaultKeyPolicy.Statement as never, {
      Effect: 'Allow',
      Principal: { AWS: [ROLES['KeyAdminRole']!.arn, ROLES['AppServerRole']!.arn, ACCOUNT, '*'], Service: 's3.amazonaws.com' },
      Action: 'kms:Decrypt',
      Resource: '*',
    });
    expect(v(JSON.stringify(d))).not.toThrow();
  });
  it('over 32768 bytes: LimitExceededException (Sandbox differs: its own wording)', () => {
    const big = JSON.stringify({ ...defaultKeyPolicy, Id: 'x'.repeat(KEY_POLICY_MAX_BYTES) });
    const e = thrown(v(big));
    expect([e.code, e.awsMessage]).toEqual(['LimitExceededException', 'Key policy document size exceeds the limit of 32768 bytes.']);
  });
  it('principals of another account must exist: the second account\'s roles do, unknown ones do not', () => {
    const withPrincipal = (p: string) =>
      JSON.stringify(doc(defaultKeyPolicy.Statement as never, { Effect: 'Allow', Principal: { AWS: p }, Action: 'kms:Decrypt', Resource: '*' }));
    for (const p of ['arn:aws:iam::444455556666:role/Anything', 'arn:aws:iam::555555555555:user/someone']) {
      const e = thrown(v(withPrincipal(p)));
      expect([e.code, e.awsMessage]).toEqual(['MalformedPolicyDocumentException', INVALID_PRINCIPALS_MESSAGE]);
    }
    expect(v(withPrincipal('arn:aws:iam::444455556666:role/PartnerAppRole'))).not.toThrow();
    expect(v(withPrincipal('arn:aws:sts::444455556666:assumed-role/PartnerAppRole/app'))).not.toThrow();
    // Sandbox differs: the root of an account the sandbox does not hold is accepted (it cannot tell).
    expect(v(withPrincipal('arn:aws:iam::555555555555:root'))).not.toThrow();
  });
  it('the lock-out safety check, and its bypass', () => {
    const onlyKeyUser = doc({ Effect: 'Allow', Principal: { AWS: ROLES['KeyUserRole']!.arn }, Action: 'kms:*', Resource: '*' });
    const e = thrown(v(JSON.stringify(onlyKeyUser)));
    expect([e.code, e.awsMessage]).toEqual(['MalformedPolicyDocumentException', LOCKOUT_MESSAGE]);
    expect(v(JSON.stringify(onlyKeyUser), admin, { ...opts, bypassLockoutSafetyCheck: true })).not.toThrow();
  });
  it('the guest never passes the lock-out check, even on its own tagged key: the guest policy denies it PutKeyPolicy, so a guest CreateKey with a Policy is refused', () => {
    const g = guestBasic();
    const text = JSON.stringify(defaultKeyPolicy);
    expect(thrown(v(text, g, { ...opts, tags: [{ TagKey: 'lab-owner', TagValue: SUB }] })).awsMessage).toBe(LOCKOUT_MESSAGE);
    expect(thrown(v(text, g)).awsMessage).toBe(LOCKOUT_MESSAGE);
    expect(v(text, admin, { ...opts, tags: [{ TagKey: 'lab-owner', TagValue: SUB }] })).not.toThrow();
  });
});

describe('the guest scope-down as data', () => {
  it("Sandbox differs: the inline session policy lists the other services by service only; its KMS part is AWS's", async () => {
    const { COGNITO_UNAUTHED_INLINE_SESSION_POLICY, COGNITO_UNAUTHED_MANAGED_SESSION_POLICY } = await import('../session-policies');
    const inline = (COGNITO_UNAUTHED_INLINE_SESSION_POLICY.Statement as { Action: string[] }[])[0]!.Action;
    expect(inline.filter((a) => a.startsWith('kms:'))).toEqual(['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt', 'kms:GenerateDataKey']);
    expect(inline).toContain('s3:*');
    const managed = (COGNITO_UNAUTHED_MANAGED_SESSION_POLICY.Statement as { Action: string[] }[])[0]!.Action;
    expect(managed.filter((a) => a.startsWith('kms:'))).toEqual([
      'kms:Encrypt',
      'kms:Decrypt',
      'kms:ReEncryptTo',
      'kms:ReEncryptFrom',
      'kms:GenerateDataKey',
      'kms:GenerateDataKeyPair',
      'kms:GenerateDataKeyPairWithoutPlaintext',
      'kms:GenerateDataKeyWithoutPlaintext',
    ]);
    expect(managed.some((a) => a.startsWith('s3:'))).toBe(false);
  });
});

describe('the second account (444455556666) on a key of 111122223333: both halves needed', () => {
  const PARTNER = '444455556666';
  const partnerRoot = `arn:aws:iam::${PARTNER}:root`;
  const keyPolicyWith = (...extra: PolicyDocument['Statement'][]) => doc(defaultKeyPolicy.Statement as never, ...extra);
  const allowPartner = (principal: string, action: string | string[] = 'kms:*') => ({ Effect: 'Allow' as const, Principal: { AWS: principal }, Action: action, Resource: '*' });
  const app = assumedRolePrincipal(PARTNER_ROLES['PartnerAppRole']!, 's');
  const local = assumedRolePrincipal(PARTNER_ROLES['PartnerLocalRole']!, 's');
  const cases: [string, Principal, PolicyDocument, ReturnType<typeof evaluate>][] = [
    ['default key policy, partner admin', partnerAdminPrincipal(), defaultKeyPolicy, { allowed: false, explicit: false, policyType: 'resource-based' }],
    ['key policy names the partner account, admin allows *', partnerAdminPrincipal(), keyPolicyWith(allowPartner(partnerRoot)), { allowed: true }],
    ['key policy names the partner account, IAM policy names the lab keys', app, keyPolicyWith(allowPartner(partnerRoot)), { allowed: true }],
    ['key policy names the partner account, IAM policy names only own keys', local, keyPolicyWith(allowPartner(partnerRoot)), { allowed: false, explicit: false, policyType: 'identity-based' }],
    ['key policy names the role itself, IAM half missing', local, keyPolicyWith(allowPartner(PARTNER_ROLES['PartnerLocalRole']!.arn)), { allowed: false, explicit: false, policyType: 'identity-based' }],
    ['key policy names the role itself, IAM half present', app, keyPolicyWith(allowPartner(PARTNER_ROLES['PartnerAppRole']!.arn)), { allowed: true }],
    ['key policy names another role of the partner', app, keyPolicyWith(allowPartner(PARTNER_ROLES['PartnerLocalRole']!.arn)), { allowed: false, explicit: false, policyType: 'resource-based' }],
    [
      'explicit deny in the key policy beats both allows',
      partnerAdminPrincipal(),
      keyPolicyWith(allowPartner(partnerRoot), { Effect: 'Deny', Principal: { AWS: partnerRoot }, Action: 'kms:Encrypt', Resource: '*' }),
      { allowed: false, explicit: true, policyType: 'resource-based' },
    ],
    [
      'explicit deny in the partner\'s IAM policy beats the key policy',
      { ...partnerAdminPrincipal(), identityPolicies: [allowAll, doc({ Effect: 'Deny', Action: 'kms:Encrypt', Resource: `arn:aws:kms:*:${ACCOUNT}:key/*` })] },
      keyPolicyWith(allowPartner(partnerRoot)),
      { allowed: false, explicit: true, policyType: 'identity-based' },
    ],
  ];
  for (const [name, principal, keyPolicy, want] of cases) {
    it(name, () => {
      expect(decide(principal, 'kms:Encrypt', { keyPolicy })).toEqual(want);
    });
  }
  it('the same direct naming inside one account needs no IAM policy (the contrast)', () => {
    const keyUser = { ...assumedRolePrincipal(ROLES['KeyUserRole']!, 's'), identityPolicies: [] };
    expect(decide(keyUser, 'kms:Encrypt', { keyPolicy: keyPolicyWith(allowPartner(ROLES['KeyUserRole']!.arn)) })).toEqual({ allowed: true });
  });
});
