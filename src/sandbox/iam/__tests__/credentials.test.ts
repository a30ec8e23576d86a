import { describe, expect, it } from 'vitest';
import { createCredentialRegistry } from '../credentials';
import { assumedRolePrincipal, LAB_ADMIN_ARN, ROLES } from '../principals';

let seed = 1;
const randomBytes = (n: number) => {
  const b = new Uint8Array(n);
  for (let i = 0; i < n; i++) b[i] = (seed = (seed * 1103515245 + 12345) >>> 0) & 0xff;
  return b;
};

describe('credential registry', () => {
  it('knows the static admin keys test/test as the IAM user lab-admin', () => {
    const reg = createCredentialRegistry(() => 0, randomBytes);
    const rec = reg.lookup('test');
    expect(rec?.secretAccessKey).toBe('test');
    expect(rec?.sessionToken).toBeUndefined();
    expect(rec?.expiration).toBeUndefined();
    expect(rec?.principal).toMatchObject({ type: 'IAMUser', arn: LAB_ADMIN_ARN, principalId: expect.stringMatching(/^AIDA/) });
    expect(rec?.principal.identityPolicies[0]?.Statement).toEqual([{ Sid: 'AdministratorAccess', Effect: 'Allow', Action: '*', Resource: '*' }]);
  });

  it('issues ASIA keys with a secret and a session token, expiring on the wall clock', () => {
    let wall = Date.UTC(2026, 10, 27, 12, 0, 0, 400);
    const reg = createCredentialRegistry(() => wall, randomBytes);
    const principal = assumedRolePrincipal(ROLES['KmsStudyLabGuestRole']!, 'x');
    const a = reg.issue(principal, 3600);
    expect(a.accessKeyId).toMatch(/^ASIA[A-Z2-7]{16}$/);
    expect(a.secretAccessKey).toHaveLength(40);
    expect(a.sessionToken!.length).toBeGreaterThan(200);
    expect(a.expiration).toBe(Date.UTC(2026, 10, 27, 13, 0, 0));
    expect(reg.lookup(a.accessKeyId)).toBe(a);
    const b = reg.issue(principal, 900);
    expect(b.accessKeyId).not.toBe(a.accessKeyId);
    // Long-expired records are forgotten on the next issue; recently expired ones are kept.
    wall += 3 * 3600_000;
    reg.issue(principal, 900);
    expect(reg.lookup(a.accessKeyId)).toBe(a);
    wall += 48 * 3600_000;
    reg.issue(principal, 900);
    expect(reg.lookup(a.accessKeyId)).toBeUndefined();
  });

  it('unknown keys are unknown', () => {
    expect(createCredentialRegistry(() => 0, randomBytes).lookup('AKIAIOSFODNN7EXAMPLE')).toBeUndefined();
  });
});
