import {
  CognitoIdentityClient,
  CreateIdentityPoolCommand,
  GetIdCommand,
  GetOpenIdTokenCommand,
  SetIdentityPoolRolesCommand,
} from '@aws-sdk/client-cognito-identity';
import {
  CreateKeyCommand,
  DecryptCommand,
  DescribeKeyCommand,
  EncryptCommand,
  KMSClient,
  ScheduleKeyDeletionCommand,
  TagResourceCommand,
} from '@aws-sdk/client-kms';
import { AssumeRoleCommand, AssumeRoleWithWebIdentityCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { HttpRequest } from '@smithy/protocol-http';
import { describe, expect, it } from 'vitest';
import { sandboxClients } from '../../__tests__/helpers/clients';
import type { Sandbox } from '../../index';

const LAB_POOL = 'us-east-1:1ab0a7e5-5a4d-4b0c-9d1e-111122223333';
const GUEST_ROLE = 'arn:aws:iam::111122223333:role/KmsStudyLabGuestRole';

async function failure(p: Promise<unknown>): Promise<{ name: string; message: string; status?: number }> {
  try {
    await p;
  } catch (e) {
    const err = e as { name: string; message: string; $metadata?: { httpStatusCode?: number } };
    return { name: err.name, message: err.message, status: err.$metadata?.httpStatusCode };
  }
  throw new Error('expected the call to fail');
}

const noCredentials = () => Promise.reject(new Error('no credentials: the call must be unsigned'));

function unsigned(sandbox: Sandbox) {
  const common = { region: 'us-east-1', requestHandler: sandbox.requestHandler, maxAttempts: 1, credentials: noCredentials };
  return { cognito: new CognitoIdentityClient(common), sts: new STSClient(common) };
}

/** The lab's basic (classic) flow: GetId -> GetOpenIdToken -> AssumeRoleWithWebIdentity. */
async function basicFlow(sandbox: Sandbox, poolId = LAB_POOL) {
  const { cognito, sts } = unsigned(sandbox);
  const { IdentityId } = await cognito.send(new GetIdCommand({ IdentityPoolId: poolId }));
  const { Token } = await cognito.send(new GetOpenIdTokenCommand({ IdentityId }));
  return { identityId: IdentityId!, token: Token!, sts };
}

function clientsFor(sandbox: Sandbox, c: { AccessKeyId?: string; SecretAccessKey?: string; SessionToken?: string }) {
  const common = {
    region: 'us-east-1',
    requestHandler: sandbox.requestHandler,
    maxAttempts: 1,
    credentials: { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken },
  };
  return { kms: new KMSClient(common), sts: new STSClient(common) };
}

describe('AssumeRoleWithWebIdentity (basic flow)', () => {
  it('returns the STS shape: credentials, subject, assumed role user, provider, audience', async () => {
    const wall = Date.UTC(2026, 10, 27, 12, 0, 0);
    const { sandbox } = await sandboxClients({ now: () => wall });
    const { identityId, token, sts } = await basicFlow(sandbox);
    const out = await sts.send(
      new AssumeRoleWithWebIdentityCommand({ RoleArn: GUEST_ROLE, RoleSessionName: 'lab-guest', WebIdentityToken: token }),
    );
    expect(out.Credentials?.AccessKeyId).toMatch(/^ASIA[A-Z2-7]{16}$/);
    expect(out.Credentials?.SecretAccessKey).toHaveLength(40);
    expect(out.Credentials?.SessionToken).toBeTruthy();
    expect(out.Credentials?.Expiration?.getTime()).toBe(wall + 3600_000);
    expect(out.SubjectFromWebIdentityToken).toBe(identityId);
    expect(out.AssumedRoleUser).toEqual({
      AssumedRoleId: 'AROAKMSSTUDYLABGUEST1:lab-guest',
      Arn: 'arn:aws:sts::111122223333:assumed-role/KmsStudyLabGuestRole/lab-guest',
    });
    expect(out.Provider).toBe('cognito-identity.amazonaws.com');
    expect(out.Audience).toBe(LAB_POOL);
  });

  it('DurationSeconds sets the lifetime; outside 900-43200 is a ValidationError', async () => {
    const wall = Date.UTC(2026, 10, 27, 12, 0, 0);
    const { sandbox } = await sandboxClients({ now: () => wall });
    const { token, sts } = await basicFlow(sandbox);
    const out = await sts.send(new AssumeRoleWithWebIdentityCommand({ RoleArn: GUEST_ROLE, RoleSessionName: 's1', WebIdentityToken: token, DurationSeconds: 900 }));
    expect(out.Credentials?.Expiration?.getTime()).toBe(wall + 900_000);
    expect(
      await failure(sts.send(new AssumeRoleWithWebIdentityCommand({ RoleArn: GUEST_ROLE, RoleSessionName: 's1', WebIdentityToken: token, DurationSeconds: 899 }))),
    ).toEqual({
      name: 'ValidationError',
      message: "1 validation error detected: Value '899' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to 900",
      status: 400,
    });
  });

  it("DurationSeconds within 900-43200 but above the guest role's maximum session (one hour, as the template deploys it): ValidationError", async () => {
    const { sandbox } = await sandboxClients();
    const { token, sts } = await basicFlow(sandbox);
    expect(
      await failure(sts.send(new AssumeRoleWithWebIdentityCommand({ RoleArn: GUEST_ROLE, RoleSessionName: 's1', WebIdentityToken: token, DurationSeconds: 3601 }))),
    ).toEqual({ name: 'ValidationError', message: 'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.', status: 400 });
    const out = await sts.send(new AssumeRoleWithWebIdentityCommand({ RoleArn: GUEST_ROLE, RoleSessionName: 's1', WebIdentityToken: token, DurationSeconds: 3600 }));
    expect(out.Credentials?.AccessKeyId).toMatch(/^ASIA/);
  });

  it('a bad session name: ValidationError naming roleSessionName', async () => {
    const { sandbox } = await sandboxClients();
    const { token, sts } = await basicFlow(sandbox);
    const e = await failure(sts.send(new AssumeRoleWithWebIdentityCommand({ RoleArn: GUEST_ROLE, RoleSessionName: 'has space', WebIdentityToken: token })));
    expect(e.name).toBe('ValidationError');
    expect(e.message).toBe(
      "1 validation error detected: Value 'has space' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*",
    );
  });

  it('a role whose trust policy does not accept the token: AccessDenied (403)', async () => {
    const { sandbox } = await sandboxClients();
    const { token, sts } = await basicFlow(sandbox);
    expect(
      await failure(sts.send(new AssumeRoleWithWebIdentityCommand({ RoleArn: 'arn:aws:iam::111122223333:role/KeyAdminRole', RoleSessionName: 'guest', WebIdentityToken: token }))),
    ).toEqual({ name: 'AccessDenied', message: 'Not authorized to perform sts:AssumeRoleWithWebIdentity', status: 403 });
  });

  it("a token from another pool: the guest role's trust policy (aud) refuses it", async () => {
    const { sandbox, cognito } = await sandboxClients();
    const pool = await cognito.send(new CreateIdentityPoolCommand({ IdentityPoolName: 'other', AllowUnauthenticatedIdentities: true }));
    await cognito.send(new SetIdentityPoolRolesCommand({ IdentityPoolId: pool.IdentityPoolId, Roles: { unauthenticated: GUEST_ROLE } }));
    const { token, sts } = await basicFlow(sandbox, pool.IdentityPoolId);
    const e = await failure(sts.send(new AssumeRoleWithWebIdentityCommand({ RoleArn: GUEST_ROLE, RoleSessionName: 'guest', WebIdentityToken: token })));
    expect(e.name).toBe('AccessDenied');
  });

  it('a tampered token: InvalidIdentityToken', async () => {
    const { sandbox } = await sandboxClients();
    const { token, sts } = await basicFlow(sandbox);
    const [h, p, s] = token.split('.') as [string, string, string];
    const claims = JSON.parse(atob(p.replace(/-/g, '+').replace(/_/g, '/'))) as Record<string, unknown>;
    const forged = btoa(JSON.stringify({ ...claims, aud: 'us-east-1:00000000-0000-4000-8000-000000000000' }))
      .replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
    const e = await failure(sts.send(new AssumeRoleWithWebIdentityCommand({ RoleArn: GUEST_ROLE, RoleSessionName: 'guest', WebIdentityToken: `${h}.${forged}.${s}` })));
    // Sandbox differs: AWS's wording for a forged Cognito token was not recorded.
    expect(e).toEqual({ name: 'InvalidIdentityTokenException', message: 'The web identity token signature could not be verified.', status: 400 });
    const junk = await failure(sts.send(new AssumeRoleWithWebIdentityCommand({ RoleArn: GUEST_ROLE, RoleSessionName: 'guest', WebIdentityToken: 'not-a-jwt' })));
    expect(junk).toMatchObject({ name: 'InvalidIdentityTokenException', message: 'The web identity token is not a valid JWT.' });
    // A token from another issuer: AWS's text, double space included.
    const otherIssuer = `${h}.${btoa(JSON.stringify({ ...claims, iss: 'https://accounts.example.com' })).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')}.${s}`;
    expect((await failure(sts.send(new AssumeRoleWithWebIdentityCommand({ RoleArn: GUEST_ROLE, RoleSessionName: 'guest', WebIdentityToken: otherIssuer })))).message).toBe(
      "Couldn't retrieve verification key from your identity provider,  please reference AssumeRoleWithWebIdentity documentation for requirements",
    );
  });

  it('a token past its 10 minutes: ExpiredTokenException with AWS wording', async () => {
    let wall = Date.UTC(2026, 10, 27, 12, 0, 0);
    const { sandbox } = await sandboxClients({ now: () => wall });
    const { token, sts } = await basicFlow(sandbox);
    wall += 601_000;
    const e = await failure(sts.send(new AssumeRoleWithWebIdentityCommand({ RoleArn: GUEST_ROLE, RoleSessionName: 'guest', WebIdentityToken: token })));
    const now = Math.floor(wall / 1000);
    expect(e).toEqual({
      name: 'ExpiredTokenException',
      message: `Token expired: current date/time ${now} must be before the expiration date/time ${now - 1}`,
      status: 400,
    });
  });

  it('with the lab tag the guest creates a key and encrypts/decrypts with it, but cannot touch the admin key', async () => {
    const { sandbox, kms: admin } = await sandboxClients();
    const adminKey = (await admin.send(new CreateKeyCommand({ Description: 'admin key' }))).KeyMetadata!;
    const { identityId, token, sts } = await basicFlow(sandbox);
    const { Credentials } = await sts.send(new AssumeRoleWithWebIdentityCommand({ RoleArn: GUEST_ROLE, RoleSessionName: 'lab', WebIdentityToken: token }));
    const { kms } = clientsFor(sandbox, Credentials!);

    const untagged = await failure(kms.send(new CreateKeyCommand({})));
    expect(untagged.message).toBe(
      'User: arn:aws:sts::111122223333:assumed-role/KmsStudyLabGuestRole/lab is not authorized to perform: kms:CreateKey on resource: * because no identity-based policy allows the kms:CreateKey action',
    );
    const own = (await kms.send(new CreateKeyCommand({ Tags: [{ TagKey: 'lab-owner', TagValue: identityId }] }))).KeyMetadata!;
    const ct = await kms.send(new EncryptCommand({ KeyId: own.KeyId, Plaintext: new TextEncoder().encode('hello') }));
    const pt = await kms.send(new DecryptCommand({ CiphertextBlob: ct.CiphertextBlob }));
    expect(new TextDecoder().decode(pt.Plaintext)).toBe('hello');

    for (const call of [
      kms.send(new DescribeKeyCommand({ KeyId: adminKey.KeyId })),
      kms.send(new EncryptCommand({ KeyId: adminKey.KeyId, Plaintext: new Uint8Array([1]) })),
      kms.send(new ScheduleKeyDeletionCommand({ KeyId: adminKey.KeyId, PendingWindowInDays: 7 })),
    ]) {
      const e = await failure(call);
      expect(e.name).toBe('AccessDeniedException');
      expect(e.message).toContain('because no identity-based policy allows');
    }
    // Claiming the untagged admin key with the guest's own owner tag is explicitly denied.
    const claim = await failure(kms.send(new TagResourceCommand({ KeyId: adminKey.KeyId, Tags: [{ TagKey: 'lab-owner', TagValue: identityId }] })));
    expect(claim.message).toBe(
      `User: arn:aws:sts::111122223333:assumed-role/KmsStudyLabGuestRole/lab is not authorized to perform: kms:TagResource on resource: ${adminKey.Arn} with an explicit deny in an identity-based policy`,
    );
  });

  it('a Policy parameter limits the session (identity ∩ session)', async () => {
    const { sandbox } = await sandboxClients();
    const { identityId, token, sts } = await basicFlow(sandbox);
    const Policy = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'kms:Encrypt', Resource: '*' }] });
    const { Credentials } = await sts.send(new AssumeRoleWithWebIdentityCommand({ RoleArn: GUEST_ROLE, RoleSessionName: 'narrow', WebIdentityToken: token, Policy }));
    const { kms } = clientsFor(sandbox, Credentials!);
    const e = await failure(kms.send(new CreateKeyCommand({ Tags: [{ TagKey: 'lab-owner', TagValue: identityId }] })));
    expect(e.message).toContain('because no session policy allows the kms:CreateKey action');
  });
});

describe('AssumeRoleWithWebIdentity with PolicyArns', () => {
  it("passing Cognito's managed session policy reproduces the enhanced flow's scope-down on the basic flow", async () => {
    const { sandbox } = await sandboxClients();
    const { identityId, token, sts } = await basicFlow(sandbox);
    const { Credentials } = await sts.send(
      new AssumeRoleWithWebIdentityCommand({
        RoleArn: GUEST_ROLE,
        RoleSessionName: 'scoped',
        WebIdentityToken: token,
        PolicyArns: [{ arn: 'arn:aws:iam::aws:policy/AmazonCognitoUnAuthedIdentitiesSessionPolicy' }],
      }),
    );
    const { kms } = clientsFor(sandbox, Credentials!);
    const e = await failure(kms.send(new CreateKeyCommand({ Tags: [{ TagKey: 'lab-owner', TagValue: identityId }] })));
    expect(e.message).toBe(
      'User: arn:aws:sts::111122223333:assumed-role/KmsStudyLabGuestRole/scoped is not authorized to perform: kms:CreateKey on resource: * because no session policy allows the kms:CreateKey action',
    );
  });

  it('an unknown managed policy: MalformedPolicyDocument', async () => {
    const { sandbox } = await sandboxClients();
    const { token, sts } = await basicFlow(sandbox);
    const e = await failure(
      sts.send(new AssumeRoleWithWebIdentityCommand({ RoleArn: GUEST_ROLE, RoleSessionName: 'x1', WebIdentityToken: token, PolicyArns: [{ arn: 'arn:aws:iam::aws:policy/Nope' }] })),
    );
    // Sandbox differs: it knows one managed policy, and words the refusal itself.
    expect(e).toMatchObject({ name: 'MalformedPolicyDocumentException', message: 'Policy arn:aws:iam::aws:policy/Nope does not exist or is not attachable.' });
  });
});

describe('GetCallerIdentity', () => {
  it('the admin keys belong to the IAM user lab-admin', async () => {
    const { sts } = await sandboxClients();
    expect(await sts.send(new GetCallerIdentityCommand({}))).toMatchObject({
      UserId: 'AIDAKMSSTUDYLABADMIN1',
      Account: '111122223333',
      Arn: 'arn:aws:iam::111122223333:user/lab-admin',
    });
  });

  it('basic-flow credentials belong to the assumed-role session', async () => {
    const { sandbox } = await sandboxClients();
    const { token, sts } = await basicFlow(sandbox);
    const { Credentials } = await sts.send(new AssumeRoleWithWebIdentityCommand({ RoleArn: GUEST_ROLE, RoleSessionName: 'me', WebIdentityToken: token }));
    const me = await clientsFor(sandbox, Credentials!).sts.send(new GetCallerIdentityCommand({}));
    expect(me.Arn).toBe('arn:aws:sts::111122223333:assumed-role/KmsStudyLabGuestRole/me');
    expect(me.UserId).toBe('AROAKMSSTUDYLABGUEST1:me');
  });
});

describe('framework validation (the one validation layer, in STS words)', () => {
  it('a token too short: ValidationError that names webIdentityToken without echoing the token', async () => {
    const { sandbox } = await sandboxClients();
    const { sts } = unsigned(sandbox);
    const e = await failure(sts.send(new AssumeRoleWithWebIdentityCommand({ RoleArn: GUEST_ROLE, RoleSessionName: 'guest', WebIdentityToken: 'abc' })));
    expect(e).toEqual({
      name: 'ValidationError',
      message: "1 validation error detected: Value at 'webIdentityToken' failed to satisfy constraint: Member must have length greater than or equal to 4",
      status: 400,
    });
  });

  it('every failing member in one ValidationError, in the model member order', async () => {
    const { sandbox } = await sandboxClients();
    const { token, sts } = await basicFlow(sandbox);
    const e = await failure(sts.send(new AssumeRoleWithWebIdentityCommand({ RoleArn: GUEST_ROLE, RoleSessionName: 's', WebIdentityToken: token, DurationSeconds: 100 })));
    expect(e.name).toBe('ValidationError');
    expect(e.message).toBe(
      "2 validation errors detected: Value 's' at 'roleSessionName' failed to satisfy constraint: Member must have length greater than or equal to 2; " +
        "Value '100' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to 900",
    );
  });

  it('DurationSeconds that is not a number (a raw Query request): ValidationError, Member must be an integer', async () => {
    const { sandbox } = await sandboxClients();
    const { token } = await basicFlow(sandbox);
    const form = new URLSearchParams({
      Action: 'AssumeRoleWithWebIdentity', Version: '2011-06-15', RoleArn: GUEST_ROLE, RoleSessionName: 'guest', WebIdentityToken: token, DurationSeconds: 'soon',
    }).toString();
    const { response } = await sandbox.requestHandler.handle(
      new HttpRequest({
        method: 'POST',
        protocol: 'https:',
        hostname: 'sts.us-east-1.amazonaws.com',
        path: '/',
        headers: { host: 'sts.us-east-1.amazonaws.com', 'content-type': 'application/x-www-form-urlencoded' },
        body: new TextEncoder().encode(form),
      }),
    );
    expect(response.statusCode).toBe(400);
    const xml = new TextDecoder().decode(response.body as Uint8Array);
    expect(xml).toContain('<Code>ValidationError</Code>');
    expect(xml).toContain('Value &apos;soon&apos; at &apos;durationSeconds&apos; failed to satisfy constraint: Member must be an integer');
    expect(xml).not.toContain(token);
  });

  it('more than ten managed session policies: ValidationError (a check the model cannot express: it gives PolicyArns no length)', async () => {
    const { sandbox } = await sandboxClients();
    const { token, sts } = await basicFlow(sandbox);
    const PolicyArns = Array.from({ length: 11 }, () => ({ arn: 'arn:aws:iam::aws:policy/AmazonCognitoUnAuthedIdentitiesSessionPolicy' }));
    const e = await failure(sts.send(new AssumeRoleWithWebIdentityCommand({ RoleArn: GUEST_ROLE, RoleSessionName: 'x1', WebIdentityToken: token, PolicyArns })));
    expect(e).toEqual({
      name: 'ValidationError',
      message: "1 validation error detected: Value at 'policyArns' failed to satisfy constraint: Member must have length less than or equal to 10",
      status: 400,
    });
  });

  it('AssumeRole: RoleArn too short and a bad session name, both reported', async () => {
    const { sts } = await sandboxClients();
    const e = await failure(sts.send(new AssumeRoleCommand({ RoleArn: 'arn:aws:iam::1:r', RoleSessionName: 'a b' })));
    expect(e.name).toBe('ValidationError');
    expect(e.message).toBe(
      "2 validation errors detected: Value 'arn:aws:iam::1:r' at 'roleArn' failed to satisfy constraint: Member must have length greater than or equal to 20; " +
        "Value 'a b' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*",
    );
  });
});
