import { describe, expect, it } from 'vitest';
import {
  buildContextKeys,
  compilePattern,
  evaluateCondition,
  evaluateConditionEntry,
  isKnownOperator,
  lazyContextKeys,
  setContextKey,
  substituteVariables,
  type ContextKeys,
} from '../policy-conditions';

const ctx = buildContextKeys({
  'aws:RequestTag/lab-owner': 'us-east-1:abc',
  'cognito-identity.amazonaws.com:sub': 'us-east-1:abc',
  'aws:username': 'lab-admin',
  'aws:TagKeys': ['lab-owner', 'project'],
  'kms:ScheduleKeyDeletionPendingWindowInDays': 7,
  'kms:MultiRegion': false,
  'kms:CallerAccount': '111122223333',
  'aws:PrincipalArn': 'arn:aws:iam::111122223333:role/KeyUserRole',
  'aws:CurrentTime': '2026-11-27T12:00:00Z',
  'kms:EncryptionContext:Department': 'IT',
});

type Row = [op: string, key: string, value: string | string[] | boolean | number, expected: boolean];

describe('condition operators', () => {
  const rows: Row[] = [
    ['StringEquals', 'aws:RequestTag/lab-owner', 'us-east-1:abc', true],
    ['StringEquals', 'aws:RequestTag/lab-owner', 'US-EAST-1:ABC', false],
    ['StringEquals', 'aws:RequestTag/lab-owner', ['x', 'us-east-1:abc'], true],
    ['StringEquals', 'aws:RequestTag/lab-owner', 'us-east-1:*', false],
    ['StringEquals', 'AWS:REQUESTTAG/LAB-OWNER', 'us-east-1:abc', true],
    ['StringNotEquals', 'aws:RequestTag/lab-owner', 'other', true],
    ['StringNotEquals', 'aws:RequestTag/lab-owner', 'us-east-1:abc', false],
    ['StringNotEquals', 'aws:RequestTag/absent', 'x', true],
    ['StringEqualsIgnoreCase', 'aws:RequestTag/lab-owner', 'US-EAST-1:ABC', true],
    ['StringNotEqualsIgnoreCase', 'aws:RequestTag/lab-owner', 'US-EAST-1:ABC', false],
    ['StringLike', 'aws:RequestTag/lab-owner', 'us-east-1:*', true],
    ['StringLike', 'aws:RequestTag/lab-owner', 'us-east-?:abc', true],
    ['StringLike', 'aws:RequestTag/lab-owner', 'eu-*', false],
    ['StringNotLike', 'aws:RequestTag/lab-owner', 'eu-*', true],
    ['StringNotLike', 'aws:RequestTag/lab-owner', 'us-*', false],
    ['StringLike', 'aws:RequestTag/absent', '*', false],
    ['StringLikeIfExists', 'aws:RequestTag/absent', 'x', true],
    ['StringEqualsIfExists', 'aws:RequestTag/lab-owner', 'nope', false],
    ['NumericEquals', 'kms:ScheduleKeyDeletionPendingWindowInDays', '7', true],
    ['NumericNotEquals', 'kms:ScheduleKeyDeletionPendingWindowInDays', '7', false],
    ['NumericLessThan', 'kms:ScheduleKeyDeletionPendingWindowInDays', '7', false],
    ['NumericLessThanEquals', 'kms:ScheduleKeyDeletionPendingWindowInDays', '7', true],
    ['NumericGreaterThan', 'kms:ScheduleKeyDeletionPendingWindowInDays', '6', true],
    ['NumericGreaterThanEquals', 'kms:ScheduleKeyDeletionPendingWindowInDays', '8', false],
    ['NumericLessThanEquals', 'kms:Absent', '7', false],
    ['NumericLessThanEqualsIfExists', 'kms:Absent', '7', true],
    ['NumericEquals', 'kms:ScheduleKeyDeletionPendingWindowInDays', 'seven', false],
    ['Bool', 'kms:MultiRegion', 'false', true],
    ['Bool', 'kms:MultiRegion', 'true', false],
    ['Bool', 'kms:MultiRegion', false, true],
    ['BoolIfExists', 'kms:BypassPolicyLockoutSafetyCheck', 'false', true],
    ['Null', 'aws:RequestTag/lab-owner', 'false', true],
    ['Null', 'aws:RequestTag/lab-owner', 'true', false],
    ['Null', 'aws:ResourceTag/lab-owner', 'true', true],
    ['ArnLike', 'aws:PrincipalArn', 'arn:aws:iam::111122223333:role/Key*', true],
    ['ArnEquals', 'aws:PrincipalArn', 'arn:aws:iam::111122223333:role/KeyUserRole', true],
    ['ArnNotLike', 'aws:PrincipalArn', 'arn:aws:iam::111122223333:role/Key*', false],
    ['ArnNotEquals', 'aws:PrincipalArn', 'arn:aws:iam::111122223333:role/Other', true],
    ['DateLessThan', 'aws:CurrentTime', '2027-01-01T00:00:00Z', true],
    ['DateGreaterThan', 'aws:CurrentTime', '2027-01-01T00:00:00Z', false],
    ['ForAllValues:StringEquals', 'aws:TagKeys', ['lab-owner', 'project', 'x'], true],
    ['ForAllValues:StringEquals', 'aws:TagKeys', ['lab-owner'], false],
    ['ForAllValues:StringEquals', 'aws:Absent', ['lab-owner'], true],
    ['ForAnyValue:StringEquals', 'aws:TagKeys', ['project'], true],
    ['ForAnyValue:StringEquals', 'aws:TagKeys', ['nothing'], false],
    ['ForAnyValue:StringEquals', 'aws:Absent', ['x'], false],
    ['ForAnyValue:StringLike', 'aws:TagKeys', 'proj*', true],
    ['ForAllValues:StringNotEquals', 'aws:TagKeys', ['secret'], true],
    ['ForAnyValue:StringNotEquals', 'aws:TagKeys', ['lab-owner', 'project'], false],
    ['StringEquals', 'kms:EncryptionContext:Department', 'IT', true],
    ['SomethingElse', 'aws:TagKeys', 'x', false],
  ];
  it.each(rows)('%s on %s with %j -> %s', (op, key, value, expected) => {
    expect(evaluateConditionEntry(op, key, value, ctx)).toBe(expected);
  });
});

describe('policy variables', () => {
  it('substitutes ${cognito-identity.amazonaws.com:sub} in StringEquals values', () => {
    expect(
      evaluateConditionEntry('StringEquals', 'aws:RequestTag/lab-owner', '${cognito-identity.amazonaws.com:sub}', ctx),
    ).toBe(true);
  });
  it('a variable without a value matches nothing, and a default fills it in', () => {
    expect(evaluateConditionEntry('StringEquals', 'aws:RequestTag/lab-owner', '${aws:userid}', ctx)).toBe(false);
    expect(evaluateConditionEntry('StringNotEquals', 'aws:RequestTag/lab-owner', '${aws:userid}', ctx)).toBe(true);
    expect(substituteVariables("${aws:userid, 'nobody'}", ctx)).toBe('nobody');
  });
  it('substituted values are literal, never wildcards; ${*} is a literal star', () => {
    const wild = buildContextKeys({ 'aws:username': '*' });
    expect(compilePattern('user/${aws:username}', wild, { wildcards: true, ignoreCase: false })!.test('user/bob')).toBe(false);
    expect(compilePattern('user/${aws:username}', wild, { wildcards: true, ignoreCase: false })!.test('user/*')).toBe(true);
    expect(compilePattern('a${*}b', ctx, { wildcards: true, ignoreCase: false })!.test('a*b')).toBe(true);
    expect(compilePattern('a${*}b', ctx, { wildcards: true, ignoreCase: false })!.test('axb')).toBe(false);
  });
  it('${aws:username} in a Resource-like pattern', () => {
    expect(compilePattern('arn:aws:s3:::b/${aws:username}/*', ctx, { wildcards: true, ignoreCase: false })!.test('arn:aws:s3:::b/lab-admin/x')).toBe(true);
  });
});

describe('condition blocks', () => {
  it('every operator and every key must hold', () => {
    expect(
      evaluateCondition(
        { StringEquals: { 'aws:RequestTag/lab-owner': 'us-east-1:abc', 'kms:CallerAccount': '111122223333' }, Bool: { 'kms:MultiRegion': 'false' } },
        ctx,
      ),
    ).toBe(true);
    expect(
      evaluateCondition({ StringEquals: { 'aws:RequestTag/lab-owner': 'us-east-1:abc', 'kms:CallerAccount': '444455556666' } }, ctx),
    ).toBe(false);
    expect(evaluateCondition(undefined, ctx)).toBe(true);
  });
  it('knows the operators it evaluates', () => {
    expect(isKnownOperator('ForAnyValue:StringLikeIfExists')).toBe(true);
    expect(isKnownOperator('Null')).toBe(true);
    expect(isKnownOperator('IpAddressish')).toBe(false);
  });
});

describe('lazy context keys', () => {
  const fillFrom = (calls: { n: number }) => (m: ContextKeys) => {
    calls.n++;
    setContextKey(m, 'aws:SecureTransport', true);
    setContextKey(m, 'aws:CalledVia', ['s3.amazonaws.com']);
  };

  it('are not computed while nothing reads them, and once at most', () => {
    const calls = { n: 0 };
    const keys = lazyContextKeys(fillFrom(calls));
    expect(calls.n).toBe(0);
    // A condition-free statement never reads the context.
    expect(evaluateCondition(undefined, keys)).toBe(true);
    expect(calls.n).toBe(0);
    expect(keys.get('aws:securetransport')).toEqual(['true']);
    expect(keys.get('aws:calledvia')).toEqual(['s3.amazonaws.com']);
    expect(calls.n).toBe(1);
  });

  it('every way of reading them sees exactly what an eager map holds', () => {
    const eager = buildContextKeys({ 'aws:SecureTransport': true, 'aws:CalledVia': ['s3.amazonaws.com'] });
    const reads: [string, (m: ContextKeys) => unknown][] = [
      ['get', (m) => m.get('aws:securetransport')],
      ['has', (m) => m.has('aws:calledvia')],
      ['size', (m) => m.size],
      ['entries', (m) => [...m.entries()]],
      ['keys', (m) => [...m.keys()]],
      ['values', (m) => [...m.values()]],
      ['iterator', (m) => [...m]],
      ['forEach', (m) => {
        const out: [string, string[]][] = [];
        m.forEach((v, k) => out.push([k, v]));
        return out;
      }],
    ];
    for (const [name, read] of reads) {
      const calls = { n: 0 };
      const lazy = lazyContextKeys(fillFrom(calls));
      expect(read(lazy), name).toEqual(read(eager));
      expect(calls.n, name).toBe(1);
    }
    // A key set by a reader lands after the computed ones, as on the eager map.
    const lazy = lazyContextKeys(fillFrom({ n: 0 }));
    setContextKey(lazy, 'kms:ViaService', 's3.us-east-1.amazonaws.com');
    expect([...lazy.keys()]).toEqual(['aws:securetransport', 'aws:calledvia', 'kms:viaservice']);
  });

  it('a Condition on a context key is decided on the computed values', () => {
    const keys = lazyContextKeys(fillFrom({ n: 0 }));
    expect(evaluateCondition({ Bool: { 'aws:SecureTransport': 'false' } }, keys)).toBe(false);
    expect(evaluateCondition({ 'ForAnyValue:StringEquals': { 'aws:CalledVia': 's3.amazonaws.com' } }, keys)).toBe(true);
  });
});
