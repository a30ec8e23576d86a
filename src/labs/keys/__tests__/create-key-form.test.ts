import { describe, expect, it } from 'vitest';
import { aliasProblem } from '../lib/alias';
import { splitArns } from '../lib/demo-principals';

describe('create key form helpers', () => {
  it('accepts the lab alias and refuses reserved or malformed names', () => {
    expect(aliasProblem('lab-app-encryption-key')).toBeUndefined();
    expect(aliasProblem('aws/s3')).toBe('alias/aws/ is reserved for AWS managed keys.');
    expect(aliasProblem('bad name')).toBe('Only letters, digits, slash, colon, underscore and hyphen.');
    expect(aliasProblem('')).toMatch(/required/);
  });

  it('splits typed ARNs on lines, spaces and commas', () => {
    expect(splitArns(' arn:a\narn:b, arn:c  ')).toEqual(['arn:a', 'arn:b', 'arn:c']);
  });
});
