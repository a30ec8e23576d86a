import { describe, expect, it } from 'vitest';
import { aliasMatches, aliasNameProblem, creatableAliasPatterns, fullAliasName } from '../alias-name';
import { ADMIN_POLICY, LAB_GUEST_POLICY } from '../../iam/principals';

describe('the one alias-name rule', () => {
  it('answers what KMS answers for each kind of bad name', () => {
    expect(aliasNameProblem('alias/lab-x')).toBeUndefined();
    expect(aliasNameProblem('lab-x')?.message).toMatch(/^Alias must start with the prefix "alias\/"/);
    expect(aliasNameProblem('alias/aws/s3')?.code).toBe('NotAuthorizedException');
    expect(aliasNameProblem('alias/a b')?.code).toBe('ValidationException');
    expect(aliasNameProblem(`alias/${'a'.repeat(251)}`)?.code).toBe('ValidationException');
  });

  it('adds alias/ only when it is missing', () => {
    expect(fullAliasName('x')).toBe('alias/x');
    expect(fullAliasName(' alias/x ')).toBe('alias/x');
  });

  it('derives the creatable names from a policy: alias/lab-* for the guest, everything for the administrator', () => {
    const guest = creatableAliasPatterns([LAB_GUEST_POLICY]);
    expect(guest).toEqual(['alias/lab-*']);
    expect(aliasMatches('alias/lab-app', guest)).toBe(true);
    expect(aliasMatches('alias/app-encryption-key', guest)).toBe(false);
    expect(aliasMatches('alias/app-encryption-key', creatableAliasPatterns([ADMIN_POLICY]))).toBe(true);
  });
});
