import {
  CreateAliasCommand,
  CreateGrantCommand,
  CreateKeyCommand,
  DecryptCommand,
  DescribeKeyCommand,
  DisableKeyCommand,
  EncryptCommand,
  KMSClient,
  ListGrantsCommand,
  ListRetirableGrantsCommand,
  PutKeyPolicyCommand,
  RetireGrantCommand,
  RevokeGrantCommand,
} from '@aws-sdk/client-kms';
import { AssumeRoleCommand, GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { describe, expect, it } from 'vitest';
import { ACCOUNT, expectAwsError, keyArnOf, kmsSandbox } from './helpers/sdk';

const ADMIN = `arn:aws:iam::${ACCOUNT}:user/lab-admin`;
const APP_ROLE = `arn:aws:iam::${ACCOUNT}:role/AppServerRole`;
const USER_ROLE = `arn:aws:iam::${ACCOUNT}:role/KeyUserRole`;

/** A key whose policy names only the administrator: nobody else gets in except through a grant. */
const adminOnlyPolicy = (extra: object[] = []) =>
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Sid: 'AdminOnly', Effect: 'Allow', Principal: { AWS: ADMIN }, Action: 'kms:*', Resource: '*' }, ...extra],
  });

async function setup(policy = adminOnlyPolicy()) {
  const s = await kmsSandbox();
  const { KeyMetadata: md } = await s.kms.send(new CreateKeyCommand({ Policy: policy }));
  return { ...s, id: md!.KeyId!, arn: md!.Arn! };
}

/** Real SDK clients acting as a demo role, through STS AssumeRole. */
async function actAs(s: Awaited<ReturnType<typeof kmsSandbox>>, roleArn: string): Promise<KMSClient> {
  const { Credentials: c } = await s.sts.send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: 'lab' }));
  return new KMSClient({
    region: s.region,
    requestHandler: s.sandbox.requestHandler,
    maxAttempts: 1,
    credentials: { accessKeyId: c!.AccessKeyId!, secretAccessKey: c!.SecretAccessKey!, sessionToken: c!.SessionToken! },
  });
}

const enc = (s: string) => new TextEncoder().encode(s);

describe('CreateGrant / ListGrants / RetireGrant / RevokeGrant', () => {
  it('a grant lets a role the key policy leaves out encrypt and decrypt, and stops when retired', async () => {
    const s = await setup();
    const app = await actAs(s, APP_ROLE);
    // AppServerRole's IAM policy allows GenerateDataKey/Decrypt, but this key policy does not delegate to IAM.
    const made = await s.kms.send(new EncryptCommand({ KeyId: s.id, Plaintext: enc('made by admin') }));
    await expectAwsError(
      app.send(new DecryptCommand({ CiphertextBlob: made.CiphertextBlob })),
      'AccessDeniedException',
      new RegExp(`^User: arn:aws:sts::${ACCOUNT}:assumed-role/AppServerRole/lab is not authorized to perform: kms:Decrypt`),
    );
    const { GrantId, GrantToken } = await s.kms.send(
      new CreateGrantCommand({ KeyId: s.id, GranteePrincipal: APP_ROLE, Operations: ['Encrypt', 'Decrypt'], RetiringPrincipal: ADMIN }),
    );
    expect(GrantId).toMatch(/^[0-9a-f]{64}$/);
    const { CiphertextBlob } = await app.send(new EncryptCommand({ KeyId: s.id, Plaintext: enc('hi'), GrantTokens: [GrantToken!] }));
    const out = await app.send(new DecryptCommand({ CiphertextBlob }));
    expect(new TextDecoder().decode(out.Plaintext)).toBe('hi');

    await s.kms.send(new RetireGrantCommand({ GrantToken }));
    await expectAwsError(app.send(new DecryptCommand({ CiphertextBlob })), 'AccessDeniedException');
  });

  it('enforces EncryptionContextEquals exactly and EncryptionContextSubset as "at least these pairs"', async () => {
    const s = await setup();
    const app = await actAs(s, APP_ROLE);
    await s.kms.send(
      new CreateGrantCommand({
        KeyId: s.id,
        GranteePrincipal: APP_ROLE,
        Operations: ['Encrypt'],
        Constraints: { EncryptionContextEquals: { tenant: 'a' } },
      }),
    );
    await app.send(new EncryptCommand({ KeyId: s.id, Plaintext: enc('x'), EncryptionContext: { tenant: 'a' } }));
    await expectAwsError(app.send(new EncryptCommand({ KeyId: s.id, Plaintext: enc('x'), EncryptionContext: { tenant: 'A' } })), 'AccessDeniedException');
    await expectAwsError(
      app.send(new EncryptCommand({ KeyId: s.id, Plaintext: enc('x'), EncryptionContext: { tenant: 'a', extra: '1' } })),
      'AccessDeniedException',
    );
    await expectAwsError(app.send(new EncryptCommand({ KeyId: s.id, Plaintext: enc('x') })), 'AccessDeniedException');

    await s.kms.send(
      new CreateGrantCommand({ KeyId: s.id, GranteePrincipal: APP_ROLE, Operations: ['Decrypt'], Constraints: { EncryptionContextSubset: { app: 'web' } } }),
    );
    const { CiphertextBlob } = await s.kms.send(
      new EncryptCommand({ KeyId: s.id, Plaintext: enc('y'), EncryptionContext: { app: 'web', user: '7' } }),
    );
    await app.send(new DecryptCommand({ CiphertextBlob, EncryptionContext: { app: 'web', user: '7' } }));
    const other = await s.kms.send(new EncryptCommand({ KeyId: s.id, Plaintext: enc('y'), EncryptionContext: { user: '7' } }));
    await expectAwsError(app.send(new DecryptCommand({ CiphertextBlob: other.CiphertextBlob, EncryptionContext: { user: '7' } })), 'AccessDeniedException');
  });

  it('a grant never beats an explicit Deny in the key policy', async () => {
    const deny = { Sid: 'NoAppDecrypt', Effect: 'Deny', Principal: { AWS: APP_ROLE }, Action: 'kms:Decrypt', Resource: '*' };
    const s = await setup(adminOnlyPolicy([deny]));
    const app = await actAs(s, APP_ROLE);
    await s.kms.send(new CreateGrantCommand({ KeyId: s.id, GranteePrincipal: APP_ROLE, Operations: ['Encrypt', 'Decrypt'] }));
    const { CiphertextBlob } = await app.send(new EncryptCommand({ KeyId: s.id, Plaintext: enc('z') }));
    await expectAwsError(
      app.send(new DecryptCommand({ CiphertextBlob })),
      'AccessDeniedException',
      `User: arn:aws:sts::${ACCOUNT}:assumed-role/AppServerRole/lab is not authorized to perform: kms:Decrypt on resource: ${s.arn} with an explicit deny in a resource-based policy`,
    );
  });

  it('RevokeGrant removes the grant at once; ListGrants shows its fields before', async () => {
    const s = await setup();
    const { GrantId } = await s.kms.send(
      new CreateGrantCommand({ KeyId: s.arn, GranteePrincipal: USER_ROLE, Operations: ['Decrypt'], Name: 'reports' }),
    );
    const list = await s.kms.send(new ListGrantsCommand({ KeyId: s.id }));
    expect(list.Truncated).toBe(false);
    expect(list.Grants).toHaveLength(1);
    expect(list.Grants![0]).toMatchObject({
      KeyId: s.arn,
      GrantId,
      Name: 'reports',
      GranteePrincipal: USER_ROLE,
      IssuingAccount: `arn:aws:iam::${ACCOUNT}:root`,
      Operations: ['Decrypt'],
    });
    expect(list.Grants![0]!.CreationDate).toBeInstanceOf(Date);
    await s.kms.send(new RevokeGrantCommand({ KeyId: s.id, GrantId }));
    expect((await s.kms.send(new ListGrantsCommand({ KeyId: s.id }))).Grants).toEqual([]);
  });

  it('Name makes CreateGrant idempotent: same grant id, a new token each time', async () => {
    const s = await setup();
    const input = { KeyId: s.id, GranteePrincipal: USER_ROLE, Operations: ['Decrypt' as const], Name: 'once' };
    const a = await s.kms.send(new CreateGrantCommand(input));
    const b = await s.kms.send(new CreateGrantCommand(input));
    expect(b.GrantId).toBe(a.GrantId);
    expect(b.GrantToken).not.toBe(a.GrantToken);
    expect((await s.kms.send(new ListGrantsCommand({ KeyId: s.id }))).Grants).toHaveLength(1);
  });

  it('ListRetirableGrants lists the grants a principal may retire, across keys', async () => {
    const s = await setup();
    const other = await s.kms.send(new CreateKeyCommand({}));
    await s.kms.send(new CreateGrantCommand({ KeyId: s.id, GranteePrincipal: USER_ROLE, RetiringPrincipal: APP_ROLE, Operations: ['Decrypt'] }));
    await s.kms.send(
      new CreateGrantCommand({ KeyId: other.KeyMetadata!.KeyId!, GranteePrincipal: USER_ROLE, RetiringPrincipal: APP_ROLE, Operations: ['Encrypt'] }),
    );
    await s.kms.send(new CreateGrantCommand({ KeyId: s.id, GranteePrincipal: USER_ROLE, Operations: ['Encrypt'] }));
    const out = await s.kms.send(new ListRetirableGrantsCommand({ RetiringPrincipal: APP_ROLE }));
    expect(out.Grants!.map((g) => g.RetiringPrincipal)).toEqual([APP_ROLE, APP_ROLE]);
  });

  it('RetireGrant: the retiring principal may; a grantee without RetireGrant may not; the grantee with it may', async () => {
    const s = await setup();
    const app = await actAs(s, APP_ROLE);
    const user = await actAs(s, USER_ROLE);
    const g1 = await s.kms.send(new CreateGrantCommand({ KeyId: s.id, GranteePrincipal: USER_ROLE, RetiringPrincipal: APP_ROLE, Operations: ['Decrypt'] }));
    await expectAwsError(user.send(new RetireGrantCommand({ KeyId: s.arn, GrantId: g1.GrantId })), 'AccessDeniedException');
    await app.send(new RetireGrantCommand({ KeyId: s.arn, GrantId: g1.GrantId }));
    const g2 = await s.kms.send(new CreateGrantCommand({ KeyId: s.id, GranteePrincipal: USER_ROLE, Operations: ['Decrypt', 'RetireGrant'] }));
    await user.send(new RetireGrantCommand({ GrantToken: g2.GrantToken }));
    expect((await s.kms.send(new ListGrantsCommand({ KeyId: s.id }))).Grants).toEqual([]);
  });

  it('records CreateGrant in the trail with the grant id and without the token', async () => {
    const s = await setup();
    const { GrantId, GrantToken } = await s.kms.send(new CreateGrantCommand({ KeyId: s.id, GranteePrincipal: USER_ROLE, Operations: ['Decrypt'] }));
    const ev = (await s.sandbox.trail.events()).find((e) => e.eventName === 'CreateGrant')!;
    expect(ev).toBeDefined();
    expect(JSON.stringify(ev)).toContain(GrantId!);
    expect(JSON.stringify(ev)).not.toContain(GrantToken!);
    expect(ev.requestParameters).toMatchObject({ granteePrincipal: USER_ROLE, operations: ['Decrypt'] });
  });
});

describe('CreateGrant errors', () => {
  it('refuses a grant of CreateGrant alone (AWS: "Grants must not contain only the CreateGrant operation.")', async () => {
    const s = await setup();
    await expectAwsError(
      s.kms.send(new CreateGrantCommand({ KeyId: s.id, GranteePrincipal: USER_ROLE, Operations: ['CreateGrant'] })),
      'ValidationException',
      'Grants must not contain only the CreateGrant operation.',
    );
  });

  it('refuses operations the key type cannot perform (Sign on a symmetric key)', async () => {
    const s = await setup();
    await expectAwsError(
      s.kms.send(new CreateGrantCommand({ KeyId: s.id, GranteePrincipal: USER_ROLE, Operations: ['Sign'] })),
      'ValidationException',
      /^Grant operations \[Sign\] are not valid for/,
    );
  });

  it('refuses encryption context constraints on an asymmetric key', async () => {
    const s = await kmsSandbox();
    const { KeyMetadata } = await s.kms.send(new CreateKeyCommand({ KeySpec: 'RSA_2048', KeyUsage: 'ENCRYPT_DECRYPT' }));
    await s.kms.send(new CreateGrantCommand({ KeyId: KeyMetadata!.KeyId, GranteePrincipal: USER_ROLE, Operations: ['Decrypt', 'GetPublicKey'] }));
    await expectAwsError(
      s.kms.send(
        new CreateGrantCommand({
          KeyId: KeyMetadata!.KeyId,
          GranteePrincipal: USER_ROLE,
          Operations: ['Decrypt'],
          Constraints: { EncryptionContextSubset: { a: 'b' } },
        }),
      ),
      'ValidationException',
    );
  });

  it('names an unknown operation with the enum list', async () => {
    const s = await setup();
    await expectAwsError(
      s.kms.send(new CreateGrantCommand({ KeyId: s.id, GranteePrincipal: USER_ROLE, Operations: ['Explode' as never] })),
      'ValidationException',
      /^1 validation error detected: Value '\[Explode\]' at 'operations' failed to satisfy constraint: Member must satisfy constraint: \[Member must satisfy enum value set: \[Decrypt, Encrypt/,
    );
  });

  it('requires GranteePrincipal and Operations', async () => {
    const s = await setup();
    await expectAwsError(
      s.kms.send(new CreateGrantCommand({ KeyId: s.id } as never)),
      'ValidationException',
      "2 validation errors detected: Value null at 'granteePrincipal' failed to satisfy constraint: Member must not be null; Value null at 'operations' failed to satisfy constraint: Member must not be null",
    );
  });

  it('refuses an alias ARN with InvalidArnException and an unknown key with NotFoundException', async () => {
    const s = await setup();
    await s.kms.send(new CreateAliasCommand({ AliasName: 'alias/g', TargetKeyId: s.id }));
    await expectAwsError(
      s.kms.send(new CreateGrantCommand({ KeyId: `arn:aws:kms:us-east-1:${ACCOUNT}:alias/g`, GranteePrincipal: USER_ROLE, Operations: ['Decrypt'] })),
      'InvalidArnException',
      'Key Aliases are not supported for this operation.',
    );
    await expectAwsError(
      s.kms.send(new CreateGrantCommand({ KeyId: 'invalid', GranteePrincipal: USER_ROLE, Operations: ['Decrypt'] })),
      'NotFoundException',
      "Invalid keyId 'invalid'",
    );
    const missing = '00000000-0000-4000-8000-000000000000';
    await expectAwsError(
      s.kms.send(new ListGrantsCommand({ KeyId: missing })),
      'NotFoundException',
      `Key '${keyArnOf(missing)}' does not exist`,
    );
  });

  it('refuses a disabled key with DisabledException', async () => {
    const s = await setup();
    await s.kms.send(new DisableKeyCommand({ KeyId: s.id }));
    await expectAwsError(
      s.kms.send(new CreateGrantCommand({ KeyId: s.id, GranteePrincipal: USER_ROLE, Operations: ['Decrypt'] })),
      'DisabledException',
      `${s.arn} is disabled.`,
    );
  });

  it('refuses a grantee that is not a principal', async () => {
    const s = await setup();
    await expectAwsError(
      s.kms.send(new CreateGrantCommand({ KeyId: s.id, GranteePrincipal: '*', Operations: ['Decrypt'] })),
      'ValidationException',
    );
  });

  it('answers an unknown grant id with NotFoundException and a malformed one with InvalidGrantIdException', async () => {
    const s = await setup();
    await expectAwsError(s.kms.send(new RevokeGrantCommand({ KeyId: s.id, GrantId: 'a'.repeat(64) })), 'NotFoundException');
    await expectAwsError(s.kms.send(new RevokeGrantCommand({ KeyId: s.id, GrantId: 'nope' })), 'InvalidGrantIdException');
  });

  it('refuses a grant token the sandbox did not issue, on any operation that takes tokens', async () => {
    const s = await setup();
    await expectAwsError(s.kms.send(new EncryptCommand({ KeyId: s.id, Plaintext: enc('x'), GrantTokens: ['not-a-token'] })), 'InvalidGrantTokenException');
    await expectAwsError(s.kms.send(new DescribeKeyCommand({ KeyId: s.id, GrantTokens: ['AQpAM2RhZTk1'] })), 'InvalidGrantTokenException');
    await expectAwsError(s.kms.send(new RetireGrantCommand({ GrantToken: 'bogus' })), 'InvalidGrantTokenException');
  });

  it('DryRun answers DryRunOperationException and creates nothing', async () => {
    const s = await setup();
    await expectAwsError(
      s.kms.send(new CreateGrantCommand({ KeyId: s.id, GranteePrincipal: USER_ROLE, Operations: ['Decrypt'], DryRun: true })),
      'DryRunOperationException',
      'The request would have succeeded, but the DryRun option is set.',
    );
    expect((await s.kms.send(new ListGrantsCommand({ KeyId: s.id }))).Grants).toEqual([]);
  });
});

describe('STS AssumeRole for the demo roles', () => {
  it('the administrator may act as a demo role; GetCallerIdentity shows the session', async () => {
    const s = await kmsSandbox();
    const { Credentials: c, AssumedRoleUser } = await s.sts.send(new AssumeRoleCommand({ RoleArn: USER_ROLE, RoleSessionName: 'me' }));
    expect(AssumedRoleUser!.Arn).toBe(`arn:aws:sts::${ACCOUNT}:assumed-role/KeyUserRole/me`);
    expect(c!.AccessKeyId).toMatch(/^ASIA/);
    const { sandboxClients } = await import('../../__tests__/helpers/clients');
    const as = await sandboxClients({
      sandbox: s.sandbox,
      credentials: { accessKeyId: c!.AccessKeyId!, secretAccessKey: c!.SecretAccessKey!, sessionToken: c!.SessionToken! },
    });
    expect((await as.sts.send(new GetCallerIdentityCommand({}))).Arn).toBe(AssumedRoleUser!.Arn);
  });

  it('refuses a role whose trust policy does not allow the caller, and a role that does not exist, with the same 403', async () => {
    const s = await kmsSandbox();
    for (const role of [`arn:aws:iam::${ACCOUNT}:role/KmsStudyLabGuestRole`, `arn:aws:iam::${ACCOUNT}:role/Nobody`]) {
      await expectAwsError(
        s.sts.send(new AssumeRoleCommand({ RoleArn: role, RoleSessionName: 'me' })),
        'AccessDenied',
        `User: ${ADMIN} is not authorized to perform: sts:AssumeRole on resource: ${role}`,
        403,
      );
    }
  });

  it('a role without sts:AssumeRole in its IAM policies cannot chain into another role', async () => {
    const s = await kmsSandbox();
    const { Credentials: c } = await s.sts.send(new AssumeRoleCommand({ RoleArn: USER_ROLE, RoleSessionName: 'me' }));
    const { sandboxClients } = await import('../../__tests__/helpers/clients');
    const as = await sandboxClients({
      sandbox: s.sandbox,
      credentials: { accessKeyId: c!.AccessKeyId!, secretAccessKey: c!.SecretAccessKey!, sessionToken: c!.SessionToken! },
    });
    await expectAwsError(as.sts.send(new AssumeRoleCommand({ RoleArn: APP_ROLE, RoleSessionName: 'xx' })), 'AccessDenied', undefined, 403);
  });

  it('the guide\'s Lambda role (AWSKeyManagementServicePowerUser) may describe a key but not decrypt with it', async () => {
    const s = await kmsSandbox();
    const { KeyMetadata } = await s.kms.send(new CreateKeyCommand({}));
    const { CiphertextBlob } = await s.kms.send(new EncryptCommand({ KeyId: KeyMetadata!.KeyId, Plaintext: enc('pw') }));
    const lambda = await actAs(s, `arn:aws:iam::${ACCOUNT}:role/KMSEncryptionDemoRole`);
    await lambda.send(new DescribeKeyCommand({ KeyId: KeyMetadata!.KeyId }));
    await expectAwsError(
      lambda.send(new DecryptCommand({ CiphertextBlob })),
      'AccessDeniedException',
      `User: arn:aws:sts::${ACCOUNT}:assumed-role/KMSEncryptionDemoRole/lab is not authorized to perform: kms:Decrypt on resource: ${KeyMetadata!.Arn} because no identity-based policy allows the kms:Decrypt action`,
    );
  });
});

describe('PutKeyPolicy and the grant evaluator together', () => {
  it('removing "Enable IAM User Permissions" stops an IAM allow from working (trap 3)', async () => {
    const s = await kmsSandbox();
    const { KeyMetadata } = await s.kms.send(new CreateKeyCommand({}));
    const user = await actAs(s, USER_ROLE);
    await user.send(new EncryptCommand({ KeyId: KeyMetadata!.KeyId, Plaintext: enc('a') }));
    await s.kms.send(new PutKeyPolicyCommand({ KeyId: KeyMetadata!.KeyId, Policy: adminOnlyPolicy() }));
    await expectAwsError(
      user.send(new EncryptCommand({ KeyId: KeyMetadata!.KeyId, Plaintext: enc('a') })),
      'AccessDeniedException',
      `User: arn:aws:sts::${ACCOUNT}:assumed-role/KeyUserRole/lab is not authorized to perform: kms:Encrypt on resource: ${KeyMetadata!.Arn} because no resource-based policy allows the kms:Encrypt action`,
    );
  });
});
