import { describe, expect, it } from 'vitest';
import type { ConnectionInfo } from '../../../connection/types';
import { aliasProblem } from '../lib/alias';
import { labTags } from '../lib/lab-tags';
import { splitArns } from '../lib/demo-principals';

const conn = (identityId?: string) => ({ identityId }) as ConnectionInfo;

describe('create key form helpers', () => {
  it('accepts the lab alias and refuses reserved or malformed names', () => {
    expect(aliasProblem('lab-app-encryption-key')).toBeUndefined();
    expect(aliasProblem('aws/s3')).toBe('alias/aws/ is reserved for AWS managed keys.');
    expect(aliasProblem('bad name')).toBe('Only letters, digits, slash, colon, underscore and hyphen.');
    expect(aliasProblem('')).toMatch(/required/);
  });

  it('tags keys with the Cognito identity only', () => {
    expect(labTags(conn('us-east-1:114033da-bc95-4a16-8de2-f3df9e83e723'))).toEqual([
      { TagKey: 'lab-owner', TagValue: 'us-east-1:114033da-bc95-4a16-8de2-f3df9e83e723' },
    ]);
    expect(labTags(conn('static key test…'))).toBeUndefined();
    expect(labTags(conn(undefined))).toBeUndefined();
  });

  it('splits typed ARNs on lines, spaces and commas', () => {
    expect(splitArns(' arn:a\narn:b, arn:c  ')).toEqual(['arn:a', 'arn:b', 'arn:c']);
  });
});
