import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const read = (name: string) => readFileSync(fileURLToPath(new URL(`../policies/${name}`, import.meta.url)), 'utf8');

interface Statement {
  Sid?: string;
  Effect: string;
  Action?: string | string[];
  NotAction?: string | string[];
  Resource?: string | string[];
  NotResource?: string | string[];
  Principal?: unknown;
  Condition?: Record<string, Record<string, unknown>>;
}
const list = (v: string | string[] | undefined) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

describe('infra/policies/lab-guest-policy.json', () => {
  const text = read('lab-guest-policy.json');
  const doc = JSON.parse(text) as { Version: string; Statement: Statement[] };
  const allows = doc.Statement.filter((s) => s.Effect === 'Allow');

  it('parses, uses the 2012-10-17 language and fits the managed-policy size limit (6,144 characters without whitespace)', () => {
    expect(doc.Version).toBe('2012-10-17');
    expect(text.replace(/\s/g, '').length).toBeLessThanOrEqual(6144);
    expect(new Set(doc.Statement.map((s) => s.Sid)).size).toBe(doc.Statement.length);
  });

  it('allows only KMS, cloudtrail:LookupEvents and the S3 calls of the lab bucket, never with NotAction or NotResource', () => {
    const s3Actions = new Set(['s3:GetEncryptionConfiguration', 's3:ListBucket', 's3:GetObject', 's3:PutObject', 's3:DeleteObject', 's3:AbortMultipartUpload', 's3:ListMultipartUploadParts']);
    for (const s of allows) {
      expect(s.NotAction).toBeUndefined();
      expect(s.NotResource).toBeUndefined();
      for (const a of list(s.Action)) expect(a === 'cloudtrail:LookupEvents' || /^kms:[A-Z][A-Za-z]+$/.test(a) || s3Actions.has(a), a).toBe(true);
    }
  });

  it('S3: only the lab bucket itself and the learner\'s own prefix in it', () => {
    for (const s of allows) {
      for (const r of list(s.Resource).filter((x) => x.startsWith('arn:aws:s3:'))) {
        expect(['arn:aws:s3:::kms-lab-bucket', 'arn:aws:s3:::kms-lab-bucket/${cognito-identity.amazonaws.com:sub}/*']).toContain(r);
        if (r === 'arn:aws:s3:::kms-lab-bucket' && list(s.Action).includes('s3:ListBucket')) {
          expect(JSON.stringify(s.Condition)).toContain('"s3:prefix":["${cognito-identity.amazonaws.com:sub}/","${cognito-identity.amazonaws.com:sub}/*"]');
        }
      }
    }
  });

  it('Resource "*" only for calls that have no resource, or gated on the own owner tag', () => {
    const noResource = new Set(['kms:ListKeys', 'kms:ListAliases', 'kms:GenerateRandom', 'cloudtrail:LookupEvents']);
    for (const s of allows) {
      for (const r of list(s.Resource)) {
        if (r !== '*') {
          expect(r).toMatch(/^arn:aws:kms:\*:\$\{aws:PrincipalAccount\}:(key\/\*|alias\/lab-\*)$|^arn:aws:s3:::kms-lab-bucket(\/\$\{cognito-identity\.amazonaws\.com:sub\}\/\*)?$/);
          continue;
        }
        const gated = JSON.stringify(s.Condition ?? {}).includes('"aws:RequestTag/lab-owner":"${cognito-identity.amazonaws.com:sub}"');
        expect(list(s.Action).every((a) => noResource.has(a)) || gated, s.Sid).toBe(true);
      }
    }
  });

  it('every allow on keys is gated on the own owner tag, except DescribeKey on AWS managed keys', () => {
    for (const s of allows.filter((x) => list(x.Resource).some((r) => r.includes(':key/')))) {
      const c = JSON.stringify(s.Condition ?? {});
      const own = c.includes('"aws:ResourceTag/lab-owner":"${cognito-identity.amazonaws.com:sub}"');
      const managedDescribe = list(s.Action).join() === 'kms:DescribeKey' && c.includes('alias/aws/*');
      expect(own || managedDescribe, s.Sid).toBe(true);
    }
  });

  it('never grants IAM, key-policy bypass or multi-Region keys', () => {
    expect(text).not.toMatch(/"iam:|"sts:|"kms:\*"|"\*"\s*:|"Action":\s*"\*"/);
    const bypass = doc.Statement.find((s) => s.Sid === 'NeverBypassTheLockoutCheck')!;
    expect(bypass).toMatchObject({ Effect: 'Deny', Action: ['kms:CreateKey', 'kms:PutKeyPolicy'], Resource: '*' });
    expect(bypass.Condition).toEqual({ Bool: { 'kms:BypassPolicyLockoutSafetyCheck': 'true' } });
    const multiRegion = doc.Statement.find((s) => s.Sid === 'NoMultiRegionKeys')!;
    expect(multiRegion).toMatchObject({ Effect: 'Deny', Condition: { Bool: { 'kms:MultiRegion': 'true' } } });
  });

  it('explicitly denies PutKeyPolicy and CreateGrant on every key, and no Allow names them', () => {
    const deny = doc.Statement.find((s) => s.Sid === 'NoGrantsAndNoKeyPolicyChanges')!;
    expect(deny).toEqual({ Sid: 'NoGrantsAndNoKeyPolicyChanges', Effect: 'Deny', Action: ['kms:CreateGrant', 'kms:PutKeyPolicy'], Resource: '*' });
    for (const s of allows) expect(list(s.Action).filter((a) => a === 'kms:PutKeyPolicy' || a === 'kms:CreateGrant'), s.Sid).toEqual([]);
  });

  it('explicitly denies tagging keys that are not the guest’s own', () => {
    const deny = doc.Statement.find((s) => s.Sid === 'NeverTagOrUntagKeysOfOthers')!;
    expect(deny.Effect).toBe('Deny');
    expect(deny.Condition).toEqual({ StringNotEquals: { 'aws:ResourceTag/lab-owner': '${cognito-identity.amazonaws.com:sub}' } });
  });
});

describe('infra/policies/lab-guest-trust-policy.json', () => {
  const doc = JSON.parse(read('lab-guest-trust-policy.json')) as { Statement: Statement[] };

  it('lets only the lab pool’s unauthenticated identities assume the role, via web identity', () => {
    expect(doc.Statement).toHaveLength(1);
    const s = doc.Statement[0]!;
    expect(s).toMatchObject({ Effect: 'Allow', Principal: { Federated: 'cognito-identity.amazonaws.com' }, Action: 'sts:AssumeRoleWithWebIdentity' });
    expect(s.Condition).toEqual({
      StringEquals: { 'cognito-identity.amazonaws.com:aud': 'us-east-1:1ab0a7e5-5a4d-4b0c-9d1e-111122223333' },
      'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': 'unauthenticated' },
    });
  });
});
