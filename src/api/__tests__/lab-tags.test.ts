import { describe, expect, it } from 'vitest';
import type { ConnectionInfo } from '../../connection/types';
import guestPolicy from '../../../infra/policies/lab-guest-policy.json';
import { LAB_ALIAS_PREFIX, labTags } from '../lab-tags';

const conn = (identityId?: string) => ({ identityId }) as ConnectionInfo;

describe('lab tags', () => {
  it('tags keys with the Cognito identity only', () => {
    expect(labTags(conn('us-east-1:114033da-bc95-4a16-8de2-f3df9e83e723'))).toEqual([
      { TagKey: 'lab-owner', TagValue: 'us-east-1:114033da-bc95-4a16-8de2-f3df9e83e723' },
    ]);
    expect(labTags(conn('static key test…'))).toBeUndefined();
    expect(labTags(conn(undefined))).toBeUndefined();
  });

  it('names the alias prefix the guest policy allows', () => {
    const resources = JSON.stringify(guestPolicy.Statement.map((s: { Resource?: unknown }) => s.Resource));
    expect(resources).toContain(`:${LAB_ALIAS_PREFIX}*`);
  });
});
