import { describe, expect, it } from 'vitest';
import { KEY_ADMIN_ACTIONS, accountFromArn, buildKeyPolicy, isPrincipalArn, keyPolicyText } from '../lib/key-policy';

const ADMIN = 'arn:aws:iam::111122223333:role/KeyAdminRole';
const USER = 'arn:aws:iam::111122223333:role/KeyUserRole';
const APP = 'arn:aws:iam::111122223333:role/AppServerRole';

describe('buildKeyPolicy', () => {
  it('writes only the default statement when nobody is chosen', () => {
    const policy = buildKeyPolicy({ accountId: '111122223333', administrators: [], users: [] });
    expect(policy.Statement).toEqual([
      { Sid: 'Enable IAM User Permissions', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 'kms:*', Resource: '*' },
    ]);
  });

  it('adds the console statements for administrators and users', () => {
    const policy = buildKeyPolicy({ accountId: '111122223333', administrators: [ADMIN], users: [USER, APP] });
    expect(policy.Statement.map((s) => s.Sid)).toEqual([
      'Enable IAM User Permissions',
      'Allow access for Key Administrators',
      'Allow use of the key',
      'Allow attachment of persistent resources',
    ]);
    const [, admins, use, grants] = policy.Statement;
    expect(admins?.Principal.AWS).toBe(ADMIN);
    expect(admins?.Action).toEqual([...KEY_ADMIN_ACTIONS]);
    expect(admins?.Action).toContain('kms:RotateKeyOnDemand');
    // Administrators manage the key but cannot use it for cryptography.
    expect(admins?.Action).not.toContain('kms:Decrypt');
    expect(use?.Principal.AWS).toEqual([USER, APP]);
    expect(use?.Action).toEqual(['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:DescribeKey']);
    expect(grants?.Action).toEqual(['kms:CreateGrant', 'kms:ListGrants', 'kms:RevokeGrant']);
    expect(grants?.Condition).toEqual({ Bool: { 'kms:GrantIsForAWSResource': 'true' } });
  });

  it('drops blanks and duplicates and keeps the order chosen', () => {
    const policy = buildKeyPolicy({ accountId: '123456789012', administrators: [' ', ADMIN, ADMIN], users: [] });
    expect(policy.Statement[1]?.Principal.AWS).toBe(ADMIN);
    expect(policy.Statement[0]?.Principal.AWS).toBe('arn:aws:iam::123456789012:root');
  });

  it('serialises as parseable JSON', () => {
    const text = keyPolicyText({ accountId: '111122223333', administrators: [ADMIN], users: [USER] });
    expect(JSON.parse(text).Statement).toHaveLength(4);
  });
});

describe('principal helpers', () => {
  it('accepts role, user and root ARNs and refuses the rest', () => {
    expect(isPrincipalArn(ADMIN)).toBe(true);
    expect(isPrincipalArn('arn:aws:iam::111122223333:user/lab-admin')).toBe(true);
    expect(isPrincipalArn('arn:aws:iam::111122223333:root')).toBe(true);
    expect(isPrincipalArn('KeyAdminRole')).toBe(false);
    expect(isPrincipalArn('arn:aws:kms:us-east-1:111122223333:key/abc')).toBe(false);
  });

  it('reads the account from an ARN', () => {
    expect(accountFromArn('arn:aws:kms:us-east-1:123456789012:key/x')).toBe('123456789012');
    expect(accountFromArn('not-an-arn')).toBeUndefined();
  });
});
