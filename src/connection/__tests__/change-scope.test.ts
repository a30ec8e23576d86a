import { describe, expect, it } from 'vitest';
import { readMayHaveChanged } from '../change-scope';

const prefix = ['sandbox', '000000000000', 'us-east-1', 'self'] as const;
const key = (...rest: unknown[]) => [...prefix, ...rest];

describe('readMayHaveChanged', () => {
  it('an S3 write leaves KMS reads alone but refreshes S3 and trail reads', () => {
    const s3Write = ['s3', 'cloudtrail'];
    expect(readMayHaveChanged(key('kms', 'ListKeys'), prefix.length, s3Write)).toBe(false);
    expect(readMayHaveChanged(key('kms', 'DescribeKey', 'k1'), prefix.length, s3Write)).toBe(false);
    expect(readMayHaveChanged(key('s3', 'DataEvents'), prefix.length, s3Write)).toBe(true);
    expect(readMayHaveChanged(key('cloudtrail', 'LookupEvents', null, null), prefix.length, s3Write)).toBe(true);
  });

  it('a KMS write refreshes KMS reads, including those made as another principal', () => {
    expect(readMayHaveChanged(key('kms', 'lab-admin', 'ListGrants', 'k1'), prefix.length, ['kms', 'cloudtrail'])).toBe(true);
  });

  it('reads that name no service, and changes to identity or access, refresh everything', () => {
    expect(readMayHaveChanged(key('cleanup', 'inventory', 'b'), prefix.length, ['s3'])).toBe(true);
    expect(readMayHaveChanged(key('kms', 'ListKeys'), prefix.length, ['iam'])).toBe(true);
    expect(readMayHaveChanged(key('kms', 'ListKeys'), prefix.length, ['sts', 'cloudtrail'])).toBe(true);
    // A clock move (the notice the sandbox sends for it names 'sandbox').
    expect(readMayHaveChanged(key('s3', 'DataEvents'), prefix.length, ['sandbox', 'kms', 'cloudtrail'])).toBe(true);
  });

  it('a change that names no service (reset, import) refreshes everything', () => {
    expect(readMayHaveChanged(key('kms', 'ListKeys'), prefix.length, [])).toBe(true);
  });
});
