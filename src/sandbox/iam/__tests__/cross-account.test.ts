import {
  CreateAliasCommand,
  CreateKeyCommand,
  DecryptCommand,
  DescribeKeyCommand,
  EncryptCommand,
  KMSClient,
  ListKeysCommand,
  PutKeyPolicyCommand,
  ScheduleKeyDeletionCommand,
} from '@aws-sdk/client-kms';
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { beforeEach, describe, expect, it } from 'vitest';
import { sandboxClients } from '../../__tests__/helpers/clients';
import { PARTNER_ADMIN_CREDENTIALS, type Sandbox } from '../../index';

/**
 * Cross-account use of a KMS key through the real SDK clients (docs/accounts.md): the lab account
 * 111122223333 owns the key, the partner account 444455556666 calls. Both halves are needed: the key
 * policy in the owning account and an IAM policy in the calling account.
 */
const LAB = '111122223333';
const PARTNER = '444455556666';
const enc = new TextEncoder();

async function failure(p: Promise<unknown>): Promise<{ name: string; message: string; status?: number }> {
  try {
    await p;
  } catch (e) {
    const err = e as { name: string; message: string; $metadata?: { httpStatusCode?: number } };
    return { name: err.name, message: err.message, status: err.$metadata?.httpStatusCode };
  }
  throw new Error('expected the call to fail');
}

const rootStatement = { Sid: 'Enable IAM User Permissions', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${LAB}:root` }, Action: 'kms:*', Resource: '*' };
const partnerStatement = (principal: string, effect: 'Allow' | 'Deny' = 'Allow', actions: string[] = ['kms:Encrypt', 'kms:Decrypt', 'kms:DescribeKey', 'kms:GenerateDataKey*']) => ({
  Sid: `${effect}Partner`,
  Effect: effect,
  Principal: { AWS: principal },
  Action: actions,
  Resource: '*',
});
const policy = (...statements: object[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements });

let sandbox: Sandbox;
let lab: KMSClient;
let partner: KMSClient;
let partnerSts: STSClient;
let keyArn: string;
let keyId: string;

async function asRole(roleArn: string, sts: STSClient = partnerSts): Promise<KMSClient> {
  const { Credentials } = await sts.send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: 'cross-account-test' }));
  return new KMSClient({
    region: 'us-east-1',
    requestHandler: sandbox.requestHandler,
    maxAttempts: 1,
    credentials: { accessKeyId: Credentials!.AccessKeyId!, secretAccessKey: Credentials!.SecretAccessKey!, sessionToken: Credentials!.SessionToken },
  });
}

beforeEach(async () => {
  const c = await sandboxClients();
  sandbox = c.sandbox;
  lab = c.kms;
  const p = await sandboxClients({ sandbox, credentials: PARTNER_ADMIN_CREDENTIALS });
  partner = p.kms;
  partnerSts = p.sts;
  const meta = (await lab.send(new CreateKeyCommand({ Description: 'shared with the partner' }))).KeyMetadata!;
  keyArn = meta.Arn!;
  keyId = meta.KeyId!;
});

describe('the second account', () => {
  it('has its own administrator behind static keys, and its own keys', async () => {
    const who = await partnerSts.send(new GetCallerIdentityCommand({}));
    expect(who).toMatchObject({ Account: PARTNER, Arn: `arn:aws:iam::${PARTNER}:user/partner-admin`, UserId: expect.stringMatching(/^AIDA/) });
    const own = (await partner.send(new CreateKeyCommand({}))).KeyMetadata!;
    expect(own.Arn).toMatch(new RegExp(`^arn:aws:kms:us-east-1:${PARTNER}:key/`));
    expect(own.AWSAccountId).toBe(PARTNER);
    // Each account lists only its own keys.
    const partnerKeys = (await partner.send(new ListKeysCommand({}))).Keys!.map((k) => k.KeyArn);
    expect(partnerKeys).toContain(own.Arn);
    expect(partnerKeys).not.toContain(keyArn);
    const labKeys = (await lab.send(new ListKeysCommand({}))).Keys!.map((k) => k.KeyArn);
    expect(labKeys).not.toContain(own.Arn);
  });

  it('missing key-policy side: the default key policy trusts only its own account', async () => {
    expect(await failure(partner.send(new EncryptCommand({ KeyId: keyArn, Plaintext: enc.encode('x') })))).toEqual({
      name: 'AccessDeniedException',
      message: `User: arn:aws:iam::${PARTNER}:user/partner-admin is not authorized to perform: kms:Encrypt on resource: ${keyArn} because no resource-based policy allows the kms:Encrypt action`,
      status: 400,
    });
  });

  it('allow: key policy names the partner account and the caller has an IAM allow; a ciphertext crosses both ways', async () => {
    await lab.send(new PutKeyPolicyCommand({ KeyId: keyId, Policy: policy(rootStatement, partnerStatement(`arn:aws:iam::${PARTNER}:root`)) }));
    const out = await partner.send(new EncryptCommand({ KeyId: keyArn, Plaintext: enc.encode('cross') }));
    expect(out.KeyId).toBe(keyArn);
    // The lab account decrypts what the partner encrypted, and the partner decrypts without KeyId.
    expect(new TextDecoder().decode((await lab.send(new DecryptCommand({ CiphertextBlob: out.CiphertextBlob }))).Plaintext)).toBe('cross');
    const back = await partner.send(new DecryptCommand({ CiphertextBlob: out.CiphertextBlob }));
    expect(new TextDecoder().decode(back.Plaintext)).toBe('cross');
    // The role with the IAM half succeeds too.
    const app = await asRole(`arn:aws:iam::${PARTNER}:role/PartnerAppRole`);
    expect((await app.send(new DescribeKeyCommand({ KeyId: keyArn }))).KeyMetadata!.AWSAccountId).toBe(LAB);
  });

  it('missing IAM side: the key policy allows the partner account, the role\'s IAM policy does not name the key', async () => {
    await lab.send(new PutKeyPolicyCommand({ KeyId: keyId, Policy: policy(rootStatement, partnerStatement(`arn:aws:iam::${PARTNER}:root`)) }));
    const local = await asRole(`arn:aws:iam::${PARTNER}:role/PartnerLocalRole`);
    const f = await failure(local.send(new EncryptCommand({ KeyId: keyArn, Plaintext: enc.encode('x') })));
    expect(f.name).toBe('AccessDeniedException');
    expect(f.message).toBe(
      `User: arn:aws:sts::${PARTNER}:assumed-role/PartnerLocalRole/cross-account-test is not authorized to perform: kms:Encrypt on resource: ${keyArn} because no identity-based policy allows the kms:Encrypt action`,
    );
  });

  it('naming the foreign role in the key policy does not spare the IAM half (one account would)', async () => {
    const localRole = `arn:aws:iam::${PARTNER}:role/PartnerLocalRole`;
    await lab.send(new PutKeyPolicyCommand({ KeyId: keyId, Policy: policy(rootStatement, partnerStatement(localRole)) }));
    const local = await asRole(localRole);
    expect((await failure(local.send(new EncryptCommand({ KeyId: keyArn, Plaintext: enc.encode('x') })))).message).toMatch(/because no identity-based policy allows/);
    const app = await asRole(`arn:aws:iam::${PARTNER}:role/PartnerAppRole`);
    // PartnerAppRole has the IAM half but the key policy names only PartnerLocalRole.
    expect((await failure(app.send(new EncryptCommand({ KeyId: keyArn, Plaintext: enc.encode('x') })))).message).toMatch(/because no resource-based policy allows/);
  });

  it('explicit deny in the key policy beats the account-wide allow', async () => {
    await lab.send(
      new PutKeyPolicyCommand({
        KeyId: keyId,
        Policy: policy(rootStatement, partnerStatement(`arn:aws:iam::${PARTNER}:root`), partnerStatement(`arn:aws:iam::${PARTNER}:root`, 'Deny', ['kms:Decrypt'])),
      }),
    );
    const ct = (await partner.send(new EncryptCommand({ KeyId: keyArn, Plaintext: enc.encode('x') }))).CiphertextBlob;
    expect(await failure(partner.send(new DecryptCommand({ CiphertextBlob: ct })))).toEqual({
      name: 'AccessDeniedException',
      message: `User: arn:aws:iam::${PARTNER}:user/partner-admin is not authorized to perform: kms:Decrypt on resource: ${keyArn} with an explicit deny in a resource-based policy`,
      status: 400,
    });
  });

  it('a bare key id or alias name always means the caller\'s own account', async () => {
    await lab.send(new PutKeyPolicyCommand({ KeyId: keyId, Policy: policy(rootStatement, partnerStatement(`arn:aws:iam::${PARTNER}:root`)) }));
    await lab.send(new CreateAliasCommand({ AliasName: 'alias/shared', TargetKeyId: keyId }));
    expect(await failure(partner.send(new DescribeKeyCommand({ KeyId: keyId })))).toEqual({
      name: 'NotFoundException',
      message: `Key 'arn:aws:kms:us-east-1:${PARTNER}:key/${keyId}' does not exist`,
      status: 400,
    });
    expect(await failure(partner.send(new DescribeKeyCommand({ KeyId: 'alias/shared' })))).toEqual({
      name: 'NotFoundException',
      message: `Alias arn:aws:kms:us-east-1:${PARTNER}:alias/shared is not found.`,
      status: 400,
    });
  });

  it('CreateAlias cannot point at another account\'s key, and key management stays in the owning account', async () => {
    // Even a key policy giving the partner account kms:* does not open same-account-only operations.
    await lab.send(new PutKeyPolicyCommand({ KeyId: keyId, Policy: policy(rootStatement, partnerStatement(`arn:aws:iam::${PARTNER}:root`, 'Allow', ['kms:*'])) }));
    const alias = await failure(partner.send(new CreateAliasCommand({ AliasName: 'alias/theirs', TargetKeyId: keyArn })));
    expect(alias.name).toBe('AccessDeniedException');
    expect(alias.message).toBe(
      `User: arn:aws:iam::${PARTNER}:user/partner-admin is not authorized to perform: kms:CreateAlias on resource: ${keyArn} because no resource-based policy allows the kms:CreateAlias action`,
    );
    expect((await failure(partner.send(new ScheduleKeyDeletionCommand({ KeyId: keyArn, PendingWindowInDays: 7 })))).name).toBe('AccessDeniedException');
    expect((await lab.send(new DescribeKeyCommand({ KeyId: keyId }))).KeyMetadata!.KeyState).toBe('Enabled');
  });

  it('the principals check knows both accounts and refuses users and roles it cannot find', async () => {
    const bad = async (principal: string) =>
      failure(lab.send(new PutKeyPolicyCommand({ KeyId: keyId, Policy: policy(rootStatement, partnerStatement(principal)) })));
    for (const principal of [`arn:aws:iam::${PARTNER}:role/NoSuchRole`, `arn:aws:iam::${PARTNER}:user/nobody`, 'arn:aws:iam::999999999999:role/Anything']) {
      expect(await bad(principal)).toEqual({
        name: 'MalformedPolicyDocumentException',
        message: 'Policy contains a statement with one or more invalid principals.',
        status: 400,
      });
    }
    for (const principal of [`arn:aws:iam::${PARTNER}:role/PartnerAppRole`, `arn:aws:iam::${PARTNER}:user/partner-admin`, 'arn:aws:iam::999999999999:root', PARTNER]) {
      await lab.send(new PutKeyPolicyCommand({ KeyId: keyId, Policy: policy(rootStatement, partnerStatement(principal)) }));
    }
  });
});

describe('AssumeRole across accounts', () => {
  it('the partner administrator assumes the lab account role whose trust policy names the partner account', async () => {
    const { Credentials, AssumedRoleUser } = await partnerSts.send(
      new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${LAB}:role/PartnerAccessRole`, RoleSessionName: 'partner' }),
    );
    expect(AssumedRoleUser!.Arn).toBe(`arn:aws:sts::${LAB}:assumed-role/PartnerAccessRole/partner`);
    const sts = new STSClient({
      region: 'us-east-1',
      requestHandler: sandbox.requestHandler,
      maxAttempts: 1,
      credentials: { accessKeyId: Credentials!.AccessKeyId!, secretAccessKey: Credentials!.SecretAccessKey!, sessionToken: Credentials!.SessionToken },
    });
    expect((await sts.send(new GetCallerIdentityCommand({}))).Account).toBe(LAB);
  });

  it('needs both halves: the trust policy and the caller\'s IAM allow of sts:AssumeRole', async () => {
    // PartnerLocalRole's IAM policy allows only KMS: it may not assume anything.
    const local = (await partnerSts.send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${PARTNER}:role/PartnerLocalRole`, RoleSessionName: 'local' }))).Credentials!;
    const localSts = new STSClient({
      region: 'us-east-1',
      requestHandler: sandbox.requestHandler,
      maxAttempts: 1,
      credentials: { accessKeyId: local.AccessKeyId!, secretAccessKey: local.SecretAccessKey!, sessionToken: local.SessionToken },
    });
    const target = `arn:aws:iam::${LAB}:role/PartnerAccessRole`;
    expect(await failure(localSts.send(new AssumeRoleCommand({ RoleArn: target, RoleSessionName: 'x1' })))).toEqual({
      name: 'AccessDenied',
      message: `User: arn:aws:sts::${PARTNER}:assumed-role/PartnerLocalRole/local is not authorized to perform: sts:AssumeRole on resource: ${target}`,
      status: 403,
    });
    // The lab's administrator has the IAM half, but the partner's roles trust only their own account.
    const { sts: labSts } = await sandboxClients({ sandbox });
    expect((await failure(labSts.send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${PARTNER}:role/PartnerAppRole`, RoleSessionName: 'x2' })))).name).toBe('AccessDenied');
  });
});

describe('quotas across accounts', () => {
  it('a cross-account call is counted against the calling account, not the key owner', async () => {
    await lab.send(new PutKeyPolicyCommand({ KeyId: keyId, Policy: policy(rootStatement, partnerStatement(`arn:aws:iam::${PARTNER}:root`)) }));
    sandbox.quotas.setMode('teaching');
    const before = sandbox.quotas.usage().find((u) => u.accountId === PARTNER && u.family === 'kms:symmetric');
    expect(before).toBeUndefined();
    await partner.send(new EncryptCommand({ KeyId: keyArn, Plaintext: enc.encode('x') }));
    const usage = sandbox.quotas.usage().filter((u) => u.family === 'kms:symmetric');
    expect(usage.map((u) => u.accountId)).toEqual([PARTNER]);
    expect(usage[0]!.allowed).toBe(1);
  });
});
