import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createSandbox } from '../index';
import { rawRequest } from './helpers/raw';
import { operationTable } from '../protocol/service-models';
import type { ServiceName } from '../shared/context';

const PREFIX: Record<string, string> = {
  kms: 'TrentService',
  'cognito-identity': 'AWSCognitoIdentityService',
  cloudtrail: 'CloudTrail_20131101',
};

const ops = (s: ServiceName) => [...operationTable(s).keys()].map((o) => `${PREFIX[s]}.${o}`);

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
  it('JSON 1.1: always an AWS-shaped answer with a request id, never a 500, nothing escapes the handler', async () => {
    const internal: unknown[] = [];
    const sandbox = await createSandbox({ onInternalError: (e) => internal.push(e) });
    await fc.assert(
      fc.asyncProperty(targetArb, bodyArb, fc.boolean(), async (target, body, sign) => {
        const r = await rawRequest(sandbox, { target, body, sign });
        expect(r.headers['x-amzn-requestid']).toMatch(/^[0-9a-f-]{36}$/);
        if (r.status === 200) return;
        expect(r.status).toBeGreaterThanOrEqual(400);
        // 501 is the sandbox's NotImplementedException; any other 5xx is a bug in an operation.
        expect(r.status === 501 || r.status < 500).toBe(true);
        const j = r.json();
        expect(typeof j.__type).toBe('string');
        expect(r.headers['x-amzn-errortype']).toBe(j.__type);
      }),
      { numRuns: 200 },
    );
    expect(internal).toEqual([]);
  });

  const actionArb = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...operationTable('sts').keys()) },
    { weight: 1, arbitrary: fc.string({ maxLength: 20 }) },
  );
  const formArb = fc
    .dictionary(
      fc.constantFrom('RoleArn', 'RoleSessionName', 'WebIdentityToken', 'DurationSeconds', 'Policy', 'PolicyArns.member.1.arn', 'Tags.member.1.Key', 'Version', '__proto__', 'a.b.c'),
      fc.oneof(fc.string({ maxLength: 30 }), fc.constantFrom('900', '-1', '1e9', 'arn:aws:iam::111122223333:role/KmsStudyLabGuestRole', 'x'.repeat(25_000))),
      { maxKeys: 5 },
    )
    .map((o) => new URLSearchParams(o).toString());

  it('Query: always an <ErrorResponse> (or a result) with a request id, never a 500', async () => {
    const internal: unknown[] = [];
    const sandbox = await createSandbox({ onInternalError: (e) => internal.push(e) });
    await fc.assert(
      fc.asyncProperty(fc.option(actionArb, { nil: undefined }), formArb, fc.boolean(), async (action, form, sign) => {
        const body = action === undefined ? form : `Action=${encodeURIComponent(action)}&${form}`;
        const r = await rawRequest(sandbox, { service: 'sts', contentType: 'application/x-www-form-urlencoded', body, sign });
        expect(r.headers['x-amzn-requestid']).toMatch(/^[0-9a-f-]{36}$/);
        expect(r.status === 501 || r.status < 500).toBe(true);
        if (r.status === 200) {
          expect(r.text).toMatch(/^<\w+Response xmlns=/);
          return;
        }
        expect(r.text).toMatch(/^<ErrorResponse xmlns="[^"]*"><Error><Type>(Sender|Receiver)<\/Type><Code>\w+<\/Code>/);
      }),
      { numRuns: 150 },
    );
    expect(internal).toEqual([]);
  });
});
