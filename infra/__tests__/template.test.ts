import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { labConfigSchema } from '../../src/connection/config';
import { evaluate } from '../../src/sandbox/iam/evaluator';
import { buildContextKeys } from '../../src/sandbox/iam/policy-conditions';
import type { PolicyDocument, Principal } from '../../src/sandbox/shared/principal';
import { buildCsp } from '../lib/csp';
import { CONFIG_OUTPUTS } from '../lib/stack';
import { buildTemplate, parseTemplate, readPolicies, resolveForComparison, type Json } from '../lib/template';

const built = buildTemplate();
const template = parseTemplate(built) as { Resources: Record<string, { Type: string; Condition?: string; Properties: Record<string, Json> }>; Outputs: Record<string, { Condition?: string; Value: Json }>; Parameters: Record<string, { Default?: string }> };
const res = template.Resources;
const dir = mkdtempSync(join(tmpdir(), 'kms-lab-cfn-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the built template', () => {
  it('passes cfn-lint with no error, warning or informational finding', () => {
    const file = join(dir, 'kms-study-lab.yaml');
    writeFileSync(file, built);
    let out = '';
    let status = 0;
    try {
      out = execFileSync('cfn-lint', ['--format', 'parseable', '--', file], { encoding: 'utf8' });
    } catch (e) {
      const err = e as { status: number; stdout: string; stderr: string };
      status = err.status;
      out = `${err.stdout}${err.stderr}`;
    }
    expect(out.trim()).toBe('');
    expect(status).toBe(0);
    // cfn-lint loads every resource schema: tens of seconds on a busy machine.
  }, 180_000);

  it('carries the guest documents of infra/policies/ verbatim (only the pool id, account and lab bucket are the stack’s)', () => {
    const { guest, trust } = readPolicies();
    const role = res.GuestRole!.Properties as { AssumeRolePolicyDocument: Json; Policies: { PolicyDocument: Json }[] };
    // The guest file names the sandbox's lab bucket; the template names the stack's (templateGuestPolicy).
    const refs = { IdentityPool: 'us-east-1:1ab0a7e5-5a4d-4b0c-9d1e-111122223333', 'AWS::AccountId': '${aws:PrincipalAccount}', LabBucket: 'kms-lab-bucket' };
    expect(resolveForComparison(role.AssumeRolePolicyDocument, refs)).toEqual(trust);
    expect(role.Policies).toHaveLength(1);
    expect(resolveForComparison(role.Policies[0]!.PolicyDocument, refs)).toEqual(guest);
    expect(res.GuestRoleAttachment!.Properties).toEqual({ IdentityPoolId: { Ref: 'IdentityPool' }, Roles: { unauthenticated: { 'Fn::GetAtt': ['GuestRole', 'Arn'] } } });
  });

  it('the identity pool has guest access (switchable) and the classic flow', () => {
    expect(res.IdentityPool!.Properties).toMatchObject({ AllowClassicFlow: true, AllowUnauthenticatedIdentities: { 'Fn::If': ['GuestsOn', true, false] } });
    expect(template.Parameters.GuestAccess!.Default).toBe('on');
  });

  it('the lab bucket: default SSE, Block Public Access, an expiry rule, CORS exposing ETag and the SSE headers, TLS only', () => {
    const p = res.LabBucket!.Properties as Record<string, Record<string, unknown>>;
    expect(JSON.stringify(p.BucketEncryption)).toContain('"SSEAlgorithm":"AES256"');
    expect(p.PublicAccessBlockConfiguration).toEqual({ BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true });
    const rule = (p.LifecycleConfiguration!.Rules as Record<string, unknown>[])[0]!;
    expect(rule).toMatchObject({ Status: 'Enabled', ExpirationInDays: { Ref: 'ObjectExpiryDays' } });
    const cors = (p.CorsConfiguration!.CorsRules as { ExposedHeaders: string[]; AllowedMethods: string[] }[])[0]!;
    for (const h of ['ETag', 'x-amz-server-side-encryption', 'x-amz-server-side-encryption-aws-kms-key-id', 'x-amz-server-side-encryption-bucket-key-enabled', 'x-amz-server-side-encryption-customer-algorithm', 'x-amz-server-side-encryption-customer-key-MD5']) {
      expect(cors.ExposedHeaders).toContain(h);
    }
    expect(cors.AllowedMethods).toEqual(expect.arrayContaining(['GET', 'PUT', 'HEAD', 'DELETE']));
    expect(JSON.stringify(res.LabBucketPolicy!.Properties)).toContain('"aws:SecureTransport":"false"');
  });

  it('outputs exactly the fields of lab-config.json’s aws backend (plus the optional site’s address)', () => {
    const always = Object.entries(template.Outputs).filter(([, o]) => !o.Condition).map(([k]) => k);
    expect(always.sort()).toEqual(Object.keys(CONFIG_OUTPUTS).sort());
    const sample = { backend: 'aws', region: 'eu-west-1', identityPoolId: 'eu-west-1:0f0e0d0c-0b0a-4909-8807-060504030201', roleArn: 'arn:aws:iam::123456789012:role/x-GuestRole-1', bucket: 'x-labbucket-1' };
    expect(labConfigSchema.safeParse(sample).success).toBe(true);
    expect(Object.values(CONFIG_OUTPUTS).sort()).toEqual(Object.keys(sample).filter((k) => k !== 'backend').sort());
  });

  it('the daily clean-up runs once a day with the shortest deletion window, its code inline', () => {
    expect(res.CleanupSchedule!.Properties.ScheduleExpression).toBe('rate(1 day)');
    const code = (res.CleanupFunction!.Properties.Code as { ZipFile: string }).ZipFile;
    expect(code).toContain('PendingWindowInDays=7');
    expect(code).toContain('"lab-owner"');
    expect(res.Budget!.Condition).toBe('HasBudget');
  });

  it('the distribution sends the same CSP as the build’s meta tag, plus frame-ancestors', () => {
    const headers = res.SiteHeaders!.Properties.ResponseHeadersPolicyConfig as { SecurityHeadersConfig: { ContentSecurityPolicy: { ContentSecurityPolicy: { 'Fn::Sub': [string, unknown] } } } };
    const text = headers.SecurityHeadersConfig.ContentSecurityPolicy.ContentSecurityPolicy['Fn::Sub'][0];
    expect(text.replace('${Extra}', '')).toBe(buildCsp({ header: true }));
    expect(text.replace('${Extra}', ' https://lab.example:4566')).toBe(buildCsp({ header: true, extraConnectSrc: ['https://lab.example:4566'] }));
    expect(res.SiteDistribution!.Condition).toBe('CloudFrontSite');
    expect(JSON.stringify(res.SiteBucketPolicy!.Properties)).toContain('cloudfront.amazonaws.com');
  });
});

// --- The policy matrix: the guest policy AS THE TEMPLATE DEPLOYS IT, through the sandbox's evaluator.
const ACCOUNT = '123456789012';
const ME = 'eu-west-1:0f0e0d0c-0b0a-4909-8807-060504030201';
const OTHER = 'eu-west-1:99999999-0b0a-4909-8807-060504030201';
const deployedPolicy = resolveForComparison((res.GuestRole!.Properties as { Policies: { PolicyDocument: Json }[] }).Policies[0]!.PolicyDocument, {
  'AWS::AccountId': ACCOUNT,
  LabBucket: 'kms-lab-bucket',
}) as unknown as PolicyDocument;
const guest: Principal = {
  type: 'AssumedRole',
  arn: `arn:aws:sts::${ACCOUNT}:assumed-role/lab-GuestRole-1/web-identity`,
  accountId: ACCOUNT,
  principalId: 'AROAEXAMPLE:web-identity',
  roleArn: `arn:aws:iam::${ACCOUNT}:role/lab-GuestRole-1`,
  identityPolicies: [deployedPolicy],
  webIdentity: { federatedProvider: 'cognito-identity.amazonaws.com', audience: 'eu-west-1:pool', subject: ME, amr: ['unauthenticated'] },
};
const keyArn = `arn:aws:kms:eu-west-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
const defaultKeyPolicy: PolicyDocument = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'kms:*', Resource: '*' }] };
const allowed = (action: string, resource: string, context: Record<string, string | string[]> = {}) => {
  const isKey = resource.includes(':key/');
  return evaluate({
    principal: guest,
    action,
    resource,
    resourcePolicy: isKey ? defaultKeyPolicy : undefined,
    resourcePolicyRequired: isKey,
    context: buildContextKeys({ 'aws:PrincipalAccount': ACCOUNT, 'cognito-identity.amazonaws.com:sub': ME, ...context }),
  }).allowed;
};
const own = { 'aws:ResourceTag/lab-owner': ME };
const others = { 'aws:ResourceTag/lab-owner': OTHER };

describe('policy matrix: the deployed guest policy through the sandbox evaluator', () => {
  it('a learner creates keys only with its own owner tag', () => {
    expect(allowed('kms:CreateKey', '*', { 'aws:RequestTag/lab-owner': ME, 'aws:TagKeys': ['lab-owner'] })).toBe(true);
    expect(allowed('kms:CreateKey', '*')).toBe(false);
    expect(allowed('kms:CreateKey', '*', { 'aws:RequestTag/lab-owner': OTHER, 'aws:TagKeys': ['lab-owner'] })).toBe(false);
    expect(allowed('kms:CreateKey', '*', { 'aws:RequestTag/lab-owner': ME, 'kms:MultiRegion': 'true' })).toBe(false);
  });
  it.each(['kms:Encrypt', 'kms:Decrypt', 'kms:GenerateDataKey', 'kms:ReEncryptFrom', 'kms:DescribeKey', 'kms:DisableKey', 'kms:EnableKeyRotation', 'kms:ScheduleKeyDeletion', 'kms:GetKeyPolicy'])(
    '%s: own key yes; another learner’s key, an untagged key no',
    (action) => {
      expect(allowed(action, keyArn, own)).toBe(true);
      expect(allowed(action, keyArn, others)).toBe(false);
      expect(allowed(action, keyArn)).toBe(false);
    },
  );
  it('PutKeyPolicy and CreateGrant never, not even on an own key (a policy or grant could hand the key to another account)', () => {
    for (const action of ['kms:PutKeyPolicy', 'kms:CreateGrant']) {
      expect(allowed(action, keyArn, own), action).toBe(false);
      expect(allowed(action, keyArn, others), action).toBe(false);
      expect(allowed(action, keyArn), action).toBe(false);
    }
    expect(allowed('kms:PutKeyPolicy', keyArn, { ...own, 'kms:BypassPolicyLockoutSafetyCheck': 'true' })).toBe(false);
  });
  it('the denial is explicit, so a key policy that names the guest role cannot reopen PutKeyPolicy or CreateGrant', () => {
    const namesGuest: PolicyDocument = {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { AWS: guest.roleArn! }, Action: ['kms:PutKeyPolicy', 'kms:CreateGrant'], Resource: '*' }],
    };
    for (const action of ['kms:PutKeyPolicy', 'kms:CreateGrant']) {
      const decision = evaluate({
        principal: guest,
        action,
        resource: keyArn,
        resourcePolicy: namesGuest,
        resourcePolicyRequired: true,
        context: buildContextKeys({ 'aws:PrincipalAccount': ACCOUNT, 'cognito-identity.amazonaws.com:sub': ME, ...own }),
      });
      expect(decision.allowed, action).toBe(false);
    }
  });
  it('IAM still allows CreateKey with the own tag whatever its Policy says (no condition key for a policy’s text); KMS’s lock-out check is what refuses the Policy', () => {
    expect(allowed('kms:CreateKey', '*', { 'aws:RequestTag/lab-owner': ME, 'aws:TagKeys': ['lab-owner'] })).toBe(true);
    expect(allowed('kms:CreateKey', '*', { 'aws:RequestTag/lab-owner': ME, 'kms:BypassPolicyLockoutSafetyCheck': 'true' })).toBe(false);
  });
  it('aliases only under alias/lab-', () => {
    expect(allowed('kms:CreateAlias', `arn:aws:kms:eu-west-1:${ACCOUNT}:alias/lab-demo`)).toBe(true);
    expect(allowed('kms:CreateAlias', `arn:aws:kms:eu-west-1:${ACCOUNT}:alias/prod`)).toBe(false);
  });
  it('nothing in IAM or STS', () => {
    for (const action of ['iam:CreateUser', 'iam:AttachRolePolicy', 'iam:PutRolePolicy', 'iam:PassRole', 'sts:AssumeRole']) expect(allowed(action, '*')).toBe(false);
  });
  it('a key of another account is never the learner’s, whatever its tag', () => {
    expect(allowed('kms:Decrypt', keyArn.replace(ACCOUNT, '210987654321'), own)).toBe(false);
  });
  const s3Statements = JSON.stringify(deployedPolicy).includes('"s3:');
  it.skipIf(!s3Statements)('objects only under the learner’s own prefix (the S3 statements of the guest policy)', () => {
    expect(allowed('s3:PutObject', `arn:aws:s3:::kms-lab-bucket/${ME}/note.txt`)).toBe(true);
    expect(allowed('s3:GetObject', `arn:aws:s3:::kms-lab-bucket/${ME}/note.txt`)).toBe(true);
    expect(allowed('s3:GetObject', `arn:aws:s3:::kms-lab-bucket/${OTHER}/note.txt`)).toBe(false);
    expect(allowed('s3:PutBucketPolicy', 'arn:aws:s3:::kms-lab-bucket')).toBe(false);
  });
});
