import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createSandbox } from '../index';
import { rawRequest } from './helpers/raw';
import { KNOWN_OPERATIONS } from '../protocol/known-operations';

const PREFIX: Record<string, string> = {
  kms: 'TrentService',
  'cognito-identity': 'AWSCognitoIdentityService',
  cloudtrail: 'CloudTrail_20131101',
};

const ops = (s: string) => [...(KNOWN_OPERATIONS[s] ?? [])].map((o) => `${PREFIX[s]}.${o}`);

const targetArb = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...ops('kms')) },
  { weight: 2, arbitrary: fc.constantFrom(...ops('cognito-identity'), ...ops('cloudtrail')) },
  { weight: 1, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 1, arbitrary: fc.constantFrom('TrentService.', '.Encrypt', 'TrentService.__proto__', 'TrentService.constructor', 'TrentService.toString') },
);

const memberName = fc.constantFrom(
  'KeyId', 'Plaintext', 'CiphertextBlob', 'EncryptionContext', 'NumberOfBytes', 'KeySpec', 'Policy', 'Description',
  'Limit', 'Marker', 'Tags', 'AliasName', 'TargetKeyId', 'PendingWindowInDays', 'Message', 'Signature',
  'SigningAlgorithm', 'MessageType', 'IdentityPoolId', 'LookupAttributes', 'MaxResults', 'NextToken', 'StartTime',
  '__proto__', 'constructor',
);

const valueArb = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.constantFrom('AQIDBA==', 'not base64!', 'alias/aws/s3', 'arn:aws:kms:us-east-1:111122223333:key/x', 'SYMMETRIC_DEFAULT'),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constant('x'.repeat(70_000)),
  fc.constant(1e308),
  fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 3 }),
);

const bodyArb = fc.oneof(
  { weight: 5, arbitrary: fc.dictionary(memberName, valueArb, { maxKeys: 5 }).map((o) => JSON.stringify(o)) },
  { weight: 1, arbitrary: fc.string({ maxLength: 50 }) },
  { weight: 1, arbitrary: fc.constantFrom('', '{', '[]', 'null', '123', '"s"', '{"a":', '\u0000', '{"KeyId":{"$ref":1}}') },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 40 }) },
);

describe('random malformed requests', () => {
  it('always get an AWS-shaped answer with a request id; nothing escapes the handler', async () => {
    const sandbox = await createSandbox({ onInternalError: () => {} });
    const internal: string[] = [];
    await fc.assert(
      fc.asyncProperty(targetArb, bodyArb, fc.boolean(), async (target, body, sign) => {
        const r = await rawRequest(sandbox, { target, body, sign });
        expect(r.headers['x-amzn-requestid']).toMatch(/^[0-9a-f-]{36}$/);
        if (r.status === 200) return;
        expect(r.status).toBeGreaterThanOrEqual(400);
        expect(r.status).toBeLessThan(600);
        const j = r.json();
        expect(typeof j.__type).toBe('string');
        expect(r.headers['x-amzn-errortype']).toBe(j.__type);
        if (r.status >= 500 && r.status !== 501) internal.push(`${target} ${typeof body === 'string' ? body.slice(0, 200) : '<bytes>'}`);
      }),
      { numRuns: 200, verbose: 1 },
    );
    // Internal failures are AWS-shaped too, but each one is a bug in an operation: list them.
    if (internal.length) console.warn(`500 answers for:\n${internal.join('\n')}`);
  });
});
