import { describe, expect, it } from 'vitest';
import { checkAlias } from '../lib/alias';
import { splitArns } from '../lib/demo-principals';
import { buildKeyPolicy } from '../lib/key-policy';
import { GUEST_ALIAS_PATTERNS } from '../../../connection';

describe('create key form helpers', () => {
  it('reads the guest alias space from the guest policy document itself', () => {
    expect(GUEST_ALIAS_PATTERNS).toEqual(['alias/lab-*']);
  });

  it('accepts the name with or without alias/, and never doubles the prefix', () => {
    expect(checkAlias('lab-x', true)).toEqual({ name: 'alias/lab-x' });
    expect(checkAlias('alias/lab-x', true)).toEqual({ name: 'alias/lab-x' });
  });

  it("refuses the guide's own name for the guest, says why and suggests the lab name", () => {
    const c = checkAlias('app-encryption-key', true);
    expect(c.problem).toMatch(/only under alias\/lab-/);
    expect(c.suggestion).toBe('alias/lab-app-encryption-key');
  });

  it('lets static administrator credentials create any valid name', () => {
    expect(checkAlias('app-encryption-key', false)).toEqual({ name: 'alias/app-encryption-key' });
  });

  it('refuses reserved, malformed and empty names for everyone', () => {
    expect(checkAlias('aws/s3', false).problem).toBe('alias/aws/ is reserved for AWS managed keys.');
    expect(checkAlias('bad name', false).problem).toMatch(/letters, digits, slash, colon, underscore and hyphen/);
    expect(checkAlias('', false).problem).toMatch(/required/);
    expect(checkAlias('alias/', false).problem).toMatch(/required/);
  });

  it('splits typed ARNs on lines, spaces and commas', () => {
    expect(splitArns(' arn:a\narn:b, arn:c  ')).toEqual(['arn:a', 'arn:b', 'arn:c']);
  });

  it('gives key users the actions of the key type: signing keys get Sign/Verify and no grants statement', () => {
    const p = buildKeyPolicy({ accountId: '111122223333', administrators: [], users: ['arn:aws:iam::111122223333:role/R'], keySpec: 'ECC_NIST_P256', keyUsage: 'SIGN_VERIFY' });
    expect(p.Statement.map((s) => s.Sid)).toEqual(['Enable IAM User Permissions', 'Allow use of the key']);
    expect(p.Statement[1]?.Action).toEqual(['kms:Sign', 'kms:Verify', 'kms:GetPublicKey', 'kms:DescribeKey']);
    const h = buildKeyPolicy({ accountId: '111122223333', administrators: [], users: ['arn:aws:iam::111122223333:role/R'], keySpec: 'HMAC_256', keyUsage: 'GENERATE_VERIFY_MAC' });
    expect(h.Statement[1]?.Action).toEqual(['kms:GenerateMac', 'kms:VerifyMac', 'kms:DescribeKey']);
  });
});
