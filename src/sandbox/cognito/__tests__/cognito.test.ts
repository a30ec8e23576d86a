import {
  CognitoIdentityClient,
  CreateIdentityPoolCommand,
  DeleteIdentityPoolCommand,
  DescribeIdentityPoolCommand,
  GetCredentialsForIdentityCommand,
  GetIdCommand,
  GetIdentityPoolRolesCommand,
  GetOpenIdTokenCommand,
  ListIdentityPoolsCommand,
  SetIdentityPoolRolesCommand,
  UpdateIdentityPoolCommand,
} from '@aws-sdk/client-cognito-identity';
import { CreateKeyCommand, DescribeKeyCommand, EncryptCommand, KMSClient } from '@aws-sdk/client-kms';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { describe, expect, it } from 'vitest';
import { sandboxClients } from '../../__tests__/helpers/clients';
import type { Sandbox } from '../../index';

const LAB_POOL = 'us-east-1:1ab0a7e5-5a4d-4b0c-9d1e-111122223333';
const GUEST_ROLE = 'arn:aws:iam::111122223333:role/KmsStudyLabGuestRole';
const ENHANCED_ARN = 'arn:aws:sts::111122223333:assumed-role/KmsStudyLabGuestRole/CognitoIdentityCredentials';

async function failure(p: Promise<unknown>): Promise<{ name: string; message: string; status?: number }> {
  try {
    await p;
  } catch (e) {
    const err = e as { name: string; message: string; $metadata?: { httpStatusCode?: number } };
    return { name: err.name, message: err.message, status: err.$metadata?.httpStatusCode };
  }
  throw new Error('expected the call to fail');
}

/** A Cognito client with no credentials at all: GetId & co are unsigned, as on AWS. */
const unsignedCognito = (sandbox: Sandbox, region = 'us-east-1') =>
  new CognitoIdentityClient({
    region,
    requestHandler: sandbox.requestHandler,
    maxAttempts: 1,
    credentials: () => Promise.reject(new Error('no credentials: the call must be unsigned')),
  });

function guestClients(sandbox: Sandbox, c: { AccessKeyId?: string; SecretKey?: string; SessionToken?: string }) {
  const common = {
    region: 'us-east-1',
    requestHandler: sandbox.requestHandler,
    maxAttempts: 1,
    credentials: { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretKey!, sessionToken: c.SessionToken },
  };
  return { kms: new KMSClient(common), sts: new STSClient(common) };
}

describe('the lab identity pool', () => {
  it('exists from the start with guest access, the classic flow and the guest role', async () => {
    const { cognito } = await sandboxClients();
    const pool = await cognito.send(new DescribeIdentityPoolCommand({ IdentityPoolId: LAB_POOL }));
    expect(pool).toMatchObject({
      IdentityPoolId: LAB_POOL,
      IdentityPoolName: 'kms_study_lab',
      AllowUnauthenticatedIdentities: true,
      AllowClassicFlow: true,
    });
    const roles = await cognito.send(new GetIdentityPoolRolesCommand({ IdentityPoolId: LAB_POOL }));
    expect(roles.Roles).toEqual({ unauthenticated: GUEST_ROLE });
  });
});

describe('guest identities (unsigned calls)', () => {
  it('GetId returns <region>:<uuid> identity ids, a new one per call', async () => {
    const { sandbox } = await sandboxClients();
    const c = unsignedCognito(sandbox);
    const a = await c.send(new GetIdCommand({ IdentityPoolId: LAB_POOL }));
    const b = await c.send(new GetIdCommand({ IdentityPoolId: LAB_POOL }));
    expect(a.IdentityId).toMatch(/^us-east-1:[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(b.IdentityId).not.toBe(a.IdentityId);
  });

  it('an unknown pool: ResourceNotFoundException in AWS words', async () => {
    const { sandbox } = await sandboxClients();
    const id = 'us-east-1:00000000-0000-4000-8000-000000000000';
    expect(await failure(unsignedCognito(sandbox).send(new GetIdCommand({ IdentityPoolId: id })))).toEqual({
      name: 'ResourceNotFoundException',
      message: `IdentityPool '${id}' not found.`,
      status: 400,
    });
  });

  it('the lab pool does not exist in another region', async () => {
    const { sandbox } = await sandboxClients();
    const e = await failure(unsignedCognito(sandbox, 'us-west-2').send(new GetIdCommand({ IdentityPoolId: LAB_POOL })));
    expect(e.name).toBe('ResourceNotFoundException');
  });

  it('enhanced flow: one-hour credentials for the CognitoIdentityCredentials session, with SecretKey', async () => {
    const wall = Date.UTC(2026, 10, 27, 12, 0, 0);
    const { sandbox } = await sandboxClients({ now: () => wall });
    const c = unsignedCognito(sandbox);
    const { IdentityId } = await c.send(new GetIdCommand({ IdentityPoolId: LAB_POOL }));
    const out = await c.send(new GetCredentialsForIdentityCommand({ IdentityId }));
    expect(out.IdentityId).toBe(IdentityId);
    expect(out.Credentials?.AccessKeyId).toMatch(/^ASIA[A-Z2-7]{16}$/);
    expect(out.Credentials?.SecretKey).toHaveLength(40);
    expect(out.Credentials?.SessionToken?.length).toBeGreaterThan(100);
    expect(out.Credentials?.Expiration).toBeInstanceOf(Date);
    expect(out.Credentials!.Expiration!.getTime()).toBe(wall + 3600_000);

    const { sts } = guestClients(sandbox, out.Credentials!);
    const me = await sts.send(new GetCallerIdentityCommand({}));
    expect(me).toMatchObject({ Account: '111122223333', Arn: ENHANCED_ARN, UserId: 'AROAKMSSTUDYLABGUEST1:CognitoIdentityCredentials' });
  });

  it('enhanced flow: CreateKey fails because no session policy allows it, even with the lab tag', async () => {
    const { sandbox } = await sandboxClients();
    const c = unsignedCognito(sandbox);
    const { IdentityId } = await c.send(new GetIdCommand({ IdentityPoolId: LAB_POOL }));
    const { Credentials } = await c.send(new GetCredentialsForIdentityCommand({ IdentityId }));
    const { kms } = guestClients(sandbox, Credentials!);
    expect(await failure(kms.send(new CreateKeyCommand({ Tags: [{ TagKey: 'lab-owner', TagValue: IdentityId! }] })))).toEqual({
      name: 'AccessDeniedException',
      message: `User: ${ENHANCED_ARN} is not authorized to perform: kms:CreateKey on resource: * because no session policy allows the kms:CreateKey action`,
      status: 400,
    });
  });

  it('enhanced flow: DescribeKey of the admin key is refused too', async () => {
    const { sandbox, kms: admin } = await sandboxClients();
    const key = (await admin.send(new CreateKeyCommand({}))).KeyMetadata!;
    const c = unsignedCognito(sandbox);
    const { IdentityId } = await c.send(new GetIdCommand({ IdentityPoolId: LAB_POOL }));
    const { Credentials } = await c.send(new GetCredentialsForIdentityCommand({ IdentityId }));
    const { kms } = guestClients(sandbox, Credentials!);
    const e = await failure(kms.send(new DescribeKeyCommand({ KeyId: key.KeyId })));
    expect(e.name).toBe('AccessDeniedException');
    expect(e.message).toMatch(/^User: arn:aws:sts::111122223333:assumed-role\/KmsStudyLabGuestRole\/CognitoIdentityCredentials is not authorized to perform: kms:DescribeKey on resource: arn:aws:kms:us-east-1:111122223333:key\//);
    // Encrypt passes the scope-down but not the role's own policy (the key is not the guest's).
    const enc = await failure(kms.send(new EncryptCommand({ KeyId: key.KeyId, Plaintext: new Uint8Array([1]) })));
    expect(enc.message).toContain('because no identity-based policy allows the kms:Encrypt action');
  });

  it('GetOpenIdToken returns a JWT-shaped token for the identity, valid 10 minutes', async () => {
    const { sandbox } = await sandboxClients();
    const c = unsignedCognito(sandbox);
    const { IdentityId } = await c.send(new GetIdCommand({ IdentityPoolId: LAB_POOL }));
    const { Token, IdentityId: echoed } = await c.send(new GetOpenIdTokenCommand({ IdentityId }));
    expect(echoed).toBe(IdentityId);
    const [, payload] = Token!.split('.');
    const claims = JSON.parse(atob(payload!.replace(/-/g, '+').replace(/_/g, '/'))) as Record<string, unknown>;
    expect(claims).toMatchObject({ iss: 'https://cognito-identity.amazonaws.com', aud: LAB_POOL, sub: IdentityId, amr: ['unauthenticated'] });
    expect((claims['exp'] as number) - (claims['iat'] as number)).toBe(600);
    // Sandbox differs: AWS signs RS512 with published keys; the sandbox signs HS256 with its own.
    expect(JSON.parse(atob(Token!.split('.')[0]!.replace(/-/g, '+').replace(/_/g, '/')))).toMatchObject({ alg: 'HS256' });
  });

  it('Sandbox differs: Logins (authenticated identities) are refused, and so is another account', async () => {
    const { sandbox } = await sandboxClients();
    const c = unsignedCognito(sandbox);
    expect(await failure(c.send(new GetIdCommand({ IdentityPoolId: LAB_POOL, Logins: { 'accounts.google.com': 'token' } })))).toMatchObject({
      name: 'NotAuthorizedException',
      message: 'The KMS Study Lab sandbox supports guest (unauthenticated) identities only.',
    });
    expect((await failure(c.send(new GetIdCommand({ IdentityPoolId: LAB_POOL, AccountId: '444455556666' })))).name).toBe('ResourceNotFoundException');
  });

  it('an unknown identity: ResourceNotFoundException', async () => {
    const { sandbox } = await sandboxClients();
    const id = 'us-east-1:11111111-1111-4111-8111-111111111111';
    expect(await failure(unsignedCognito(sandbox).send(new GetCredentialsForIdentityCommand({ IdentityId: id })))).toMatchObject({
      name: 'ResourceNotFoundException',
      message: `Identity '${id}' not found.`,
    });
  });

  it('a malformed identity id: ValidationException naming the member', async () => {
    const { sandbox } = await sandboxClients();
    const e = await failure(unsignedCognito(sandbox).send(new GetOpenIdTokenCommand({ IdentityId: 'not an id' })));
    expect(e.name).toBe('ValidationException');
    expect(e.message).toBe(
      "1 validation error detected: Value 'not an id' at 'identityId' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w-]+:[0-9a-f-]+",
    );
  });
});

describe('pools that fail as AWS fails', () => {
  it('a pool without guest access: NotAuthorizedException on GetId', async () => {
    const { sandbox, cognito } = await sandboxClients();
    const pool = await cognito.send(new CreateIdentityPoolCommand({ IdentityPoolName: 'no_guests', AllowUnauthenticatedIdentities: false }));
    expect(pool.IdentityPoolId).toMatch(/^us-east-1:[0-9a-f-]{36}$/);
    expect(await failure(unsignedCognito(sandbox).send(new GetIdCommand({ IdentityPoolId: pool.IdentityPoolId })))).toEqual({
      name: 'NotAuthorizedException',
      message: 'Unauthenticated access is not supported for this identity pool.',
      status: 400,
    });
  });

  it('turning guest access off later stops existing identities from getting credentials', async () => {
    const { sandbox, cognito } = await sandboxClients();
    const pool = await cognito.send(new CreateIdentityPoolCommand({ IdentityPoolName: 'later', AllowUnauthenticatedIdentities: true }));
    const c = unsignedCognito(sandbox);
    const { IdentityId } = await c.send(new GetIdCommand({ IdentityPoolId: pool.IdentityPoolId }));
    await cognito.send(new UpdateIdentityPoolCommand({ IdentityPoolId: pool.IdentityPoolId, IdentityPoolName: 'later', AllowUnauthenticatedIdentities: false }));
    expect((await failure(c.send(new GetCredentialsForIdentityCommand({ IdentityId })))).name).toBe('NotAuthorizedException');
  });

  it('a pool without the classic flow: InvalidParameterException on GetOpenIdToken', async () => {
    const { sandbox, cognito } = await sandboxClients();
    const pool = await cognito.send(
      new CreateIdentityPoolCommand({ IdentityPoolName: 'enhanced_only', AllowUnauthenticatedIdentities: true, AllowClassicFlow: false }),
    );
    expect(pool.AllowClassicFlow).toBe(false);
    const c = unsignedCognito(sandbox);
    const { IdentityId } = await c.send(new GetIdCommand({ IdentityPoolId: pool.IdentityPoolId }));
    expect(await failure(c.send(new GetOpenIdTokenCommand({ IdentityId })))).toEqual({
      name: 'InvalidParameterException',
      message: 'Basic (classic) flow is not enabled, please use enhanced flow.',
      status: 400,
    });
  });

  it('a pool without a guest role: InvalidIdentityPoolConfigurationException', async () => {
    const { sandbox, cognito } = await sandboxClients();
    const pool = await cognito.send(new CreateIdentityPoolCommand({ IdentityPoolName: 'no_role', AllowUnauthenticatedIdentities: true }));
    const c = unsignedCognito(sandbox);
    const { IdentityId } = await c.send(new GetIdCommand({ IdentityPoolId: pool.IdentityPoolId }));
    expect(await failure(c.send(new GetCredentialsForIdentityCommand({ IdentityId })))).toEqual({
      name: 'InvalidIdentityPoolConfigurationException',
      message: 'Invalid identity pool configuration. Check assigned IAM roles for this pool.',
      status: 400,
    });
  });

  it("a new pool given the guest role: the role's trust policy names only the lab pool", async () => {
    const { sandbox, cognito } = await sandboxClients();
    const pool = await cognito.send(new CreateIdentityPoolCommand({ IdentityPoolName: 'borrowed_role', AllowUnauthenticatedIdentities: true }));
    await cognito.send(new SetIdentityPoolRolesCommand({ IdentityPoolId: pool.IdentityPoolId, Roles: { unauthenticated: GUEST_ROLE } }));
    expect((await cognito.send(new GetIdentityPoolRolesCommand({ IdentityPoolId: pool.IdentityPoolId }))).Roles).toEqual({ unauthenticated: GUEST_ROLE });
    const c = unsignedCognito(sandbox);
    const { IdentityId } = await c.send(new GetIdCommand({ IdentityPoolId: pool.IdentityPoolId }));
    expect((await failure(c.send(new GetCredentialsForIdentityCommand({ IdentityId })))).name).toBe('InvalidIdentityPoolConfigurationException');
  });
});

describe('pool management (signed, authorised)', () => {
  it('Create, List with pagination, Update, Delete', async () => {
    const { cognito } = await sandboxClients();
    const created = await cognito.send(new CreateIdentityPoolCommand({ IdentityPoolName: 'second pool', AllowUnauthenticatedIdentities: true }));
    expect(created).toMatchObject({ IdentityPoolName: 'second pool', AllowUnauthenticatedIdentities: true, AllowClassicFlow: true });
    const page1 = await cognito.send(new ListIdentityPoolsCommand({ MaxResults: 1 }));
    expect(page1.IdentityPools).toHaveLength(1);
    expect(page1.NextToken).toBeDefined();
    const page2 = await cognito.send(new ListIdentityPoolsCommand({ MaxResults: 1, NextToken: page1.NextToken }));
    expect(page2.NextToken).toBeUndefined();
    const ids = [...page1.IdentityPools!, ...page2.IdentityPools!].map((p) => p.IdentityPoolId).sort();
    expect(ids).toEqual([LAB_POOL, created.IdentityPoolId].sort());

    const updated = await cognito.send(
      new UpdateIdentityPoolCommand({ IdentityPoolId: created.IdentityPoolId, IdentityPoolName: 'renamed', AllowUnauthenticatedIdentities: false, AllowClassicFlow: false }),
    );
    expect(updated).toMatchObject({ IdentityPoolName: 'renamed', AllowUnauthenticatedIdentities: false, AllowClassicFlow: false });

    await cognito.send(new DeleteIdentityPoolCommand({ IdentityPoolId: created.IdentityPoolId }));
    expect((await failure(cognito.send(new DescribeIdentityPoolCommand({ IdentityPoolId: created.IdentityPoolId })))).message).toBe(
      `IdentityPool '${created.IdentityPoolId}' not found.`,
    );
  });

  it('ListIdentityPools MaxResults out of range: ValidationException', async () => {
    const { cognito } = await sandboxClients();
    const e = await failure(cognito.send(new ListIdentityPoolsCommand({ MaxResults: 61 })));
    expect(e).toMatchObject({
      name: 'ValidationException',
      message: "1 validation error detected: Value '61' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 60",
    });
  });

  it('a guest cannot manage pools: AccessDeniedException from the guest role policy', async () => {
    const { sandbox } = await sandboxClients();
    const c = unsignedCognito(sandbox);
    const { IdentityId } = await c.send(new GetIdCommand({ IdentityPoolId: LAB_POOL }));
    const { Credentials } = await c.send(new GetCredentialsForIdentityCommand({ IdentityId }));
    const guest = new CognitoIdentityClient({
      region: 'us-east-1',
      requestHandler: sandbox.requestHandler,
      maxAttempts: 1,
      credentials: { accessKeyId: Credentials!.AccessKeyId!, secretAccessKey: Credentials!.SecretKey!, sessionToken: Credentials!.SessionToken },
    });
    const e = await failure(guest.send(new CreateIdentityPoolCommand({ IdentityPoolName: 'mine', AllowUnauthenticatedIdentities: true })));
    expect(e.name).toBe('AccessDeniedException');
    expect(e.message).toContain('because no identity-based policy allows the cognito-identity:CreateIdentityPool action');
  });

  it('the trail records the credential calls without secrets or session tokens', async () => {
    const { sandbox } = await sandboxClients();
    const c = unsignedCognito(sandbox);
    const { IdentityId } = await c.send(new GetIdCommand({ IdentityPoolId: LAB_POOL }));
    const out = await c.send(new GetCredentialsForIdentityCommand({ IdentityId }));
    const ev = (await sandbox.trail.events()).find((e) => e.eventName === 'GetCredentialsForIdentity')!;
    const text = JSON.stringify(ev);
    expect(text).toContain(out.Credentials!.AccessKeyId!);
    expect(text).not.toContain(out.Credentials!.SecretKey!);
    expect(text).not.toContain(out.Credentials!.SessionToken!);
  });
});

describe('framework validation (the one validation layer)', () => {
  it('CreateIdentityPool: a bad name and a missing AllowUnauthenticatedIdentities, both in one ValidationException', async () => {
    const { sandbox } = await sandboxClients();
    // The SDK itself refuses no member, so a raw call shows what the service answers.
    const e = await failure(
      new CognitoIdentityClient({ region: 'us-east-1', requestHandler: sandbox.requestHandler, maxAttempts: 1, credentials: { accessKeyId: 'test', secretAccessKey: 'test' } }).send(
        new CreateIdentityPoolCommand({ IdentityPoolName: 'no/slash', AllowUnauthenticatedIdentities: undefined as unknown as boolean }),
      ),
    );
    expect(e).toEqual({
      name: 'ValidationException',
      message:
        "2 validation errors detected: Value 'no/slash' at 'identityPoolName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w\\s+=,.@-]+; " +
        "Value null at 'allowUnauthenticatedIdentities' failed to satisfy constraint: Member must not be null",
      status: 400,
    });
  });

  it('SetIdentityPoolRoles: a role type the model does not allow is a ValidationException on the map key; a malformed role ARN is InvalidParameterException', async () => {
    const { cognito } = await sandboxClients();
    const bad = await failure(cognito.send(new SetIdentityPoolRolesCommand({ IdentityPoolId: LAB_POOL, Roles: { guest: GUEST_ROLE } })));
    expect(bad).toEqual({
      name: 'ValidationException',
      // Sandbox differs: AWS's member path for a map key is unrecorded; the sandbox writes `<map>.<key>`.
      message: "1 validation error detected: Value 'guest' at 'roles.guest' failed to satisfy constraint: Member must satisfy regular expression pattern: (un)?authenticated",
      status: 400,
    });
    const arn = await failure(cognito.send(new SetIdentityPoolRolesCommand({ IdentityPoolId: LAB_POOL, Roles: { unauthenticated: 'arn:aws:iam::111122223333:user/not-a-role' } })));
    expect(arn).toMatchObject({ name: 'InvalidParameterException', message: 'Invalid role ARN: arn:aws:iam::111122223333:user/not-a-role' });
    // Nothing was changed by the refused calls.
    expect((await cognito.send(new GetIdentityPoolRolesCommand({ IdentityPoolId: LAB_POOL }))).Roles).toEqual({ unauthenticated: GUEST_ROLE });
  });

  it('ListIdentityPools without MaxResults: Value null at maxResults', async () => {
    const { cognito } = await sandboxClients();
    const e = await failure(cognito.send(new ListIdentityPoolsCommand({} as { MaxResults: number })));
    expect(e).toMatchObject({ name: 'ValidationException', message: "1 validation error detected: Value null at 'maxResults' failed to satisfy constraint: Member must not be null" });
  });
});
