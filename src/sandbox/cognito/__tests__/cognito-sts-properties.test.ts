import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createSandbox } from '../../index';
import { rawRequest } from '../../__tests__/helpers/raw';

/**
 * Cognito Identity and STS operations rely on the validation layer for their members (they read the
 * SDK's types, no checks of their own): random member values of the right names must still only ever
 * produce an AWS-shaped 4xx (or a success), never a 500, and no error escapes an operation.
 */

const LAB_POOL = 'us-east-1:1ab0a7e5-5a4d-4b0c-9d1e-111122223333';

const valueArb = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.constantFrom(LAB_POOL, 'us-east-1:11111111-1111-4111-8111-111111111111', 'arn:aws:iam::111122223333:role/KmsStudyLabGuestRole', 'a/b', ''),
  fc.integer({ min: -5, max: 100 }),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.oneof(fc.string({ maxLength: 5 }), fc.integer()), { maxLength: 3 }),
  fc.dictionary(fc.constantFrom('unauthenticated', 'authenticated', 'guest', 'accounts.google.com', ''), fc.oneof(fc.string({ maxLength: 8 }), fc.integer()), { maxKeys: 3 }),
);

const cognitoMember = fc.constantFrom(
  'IdentityPoolId', 'IdentityPoolName', 'AllowUnauthenticatedIdentities', 'AllowClassicFlow', 'IdentityId', 'Logins',
  'AccountId', 'Roles', 'RoleMappings', 'MaxResults', 'NextToken', 'CustomRoleArn', 'SupportedLoginProviders',
  'IdentityPoolTags', 'CognitoIdentityProviders',
);
const cognitoOp = fc.constantFrom(
  'CreateIdentityPool', 'DescribeIdentityPool', 'UpdateIdentityPool', 'ListIdentityPools', 'DeleteIdentityPool',
  'GetIdentityPoolRoles', 'SetIdentityPoolRoles', 'GetId', 'GetOpenIdToken', 'GetCredentialsForIdentity',
);

describe('Cognito Identity and STS against random member values', () => {
  it('Cognito (JSON 1.1): an AWS-shaped answer, never a 500, nothing escapes', async () => {
    const internal: unknown[] = [];
    const sandbox = await createSandbox({ onInternalError: (e) => internal.push(e) });
    await fc.assert(
      fc.asyncProperty(cognitoOp, fc.dictionary(cognitoMember, valueArb, { maxKeys: 5 }), async (op, input) => {
        const r = await rawRequest(sandbox, { service: 'cognito-identity', target: `AWSCognitoIdentityService.${op}`, body: JSON.stringify(input) });
        expect(r.status).toBeLessThan(500);
        if (r.status >= 400) expect(typeof r.json().__type).toBe('string');
      }),
      { numRuns: 200 },
    );
    expect(internal).toEqual([]);
  });

  it('STS (Query): an <ErrorResponse> or a result, never a 500, nothing escapes', async () => {
    const internal: unknown[] = [];
    const sandbox = await createSandbox({ onInternalError: (e) => internal.push(e) });
    const stsMember = fc.constantFrom(
      'RoleArn', 'RoleSessionName', 'WebIdentityToken', 'DurationSeconds', 'Policy', 'PolicyArns.member.1.arn',
      'PolicyArns.member.x', 'ProviderId', 'Tags.member.1.Key', 'ExternalId',
    );
    const text = fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('900', '43201', '-1', '1.5', '{"Statement":[]}', '{', 'arn:aws:iam::111122223333:role/KeyAdminRole'));
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('AssumeRoleWithWebIdentity', 'AssumeRole', 'GetCallerIdentity'), fc.dictionary(stsMember, text, { maxKeys: 5 }), async (action, form) => {
        const body = new URLSearchParams({ Action: action, Version: '2011-06-15', ...form }).toString();
        const r = await rawRequest(sandbox, { service: 'sts', contentType: 'application/x-www-form-urlencoded', body });
        expect(r.status).toBeLessThan(500);
        if (r.status >= 400) expect(r.text).toMatch(/^<ErrorResponse xmlns="[^"]*"><Error><Type>Sender<\/Type><Code>\w+<\/Code>/);
      }),
      { numRuns: 200 },
    );
    expect(internal).toEqual([]);
  });
});
