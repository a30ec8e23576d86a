import { CreateKeyCommand, EncryptCommand, GenerateDataKeyCommand, ListKeysCommand } from '@aws-sdk/client-kms';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { describe, expect, it } from 'vitest';
import { createSandbox, PARTNER_ADMIN_CREDENTIALS, PARTNER_ROLES, SANDBOX_ACCOUNT_ID, SANDBOX_ROLES, SECOND_ACCOUNT_ID, type Sandbox } from '../../sandbox';
import { createBackendRuntime, type SandboxLike } from '../client-supplier';
import { memoryStorage } from '../credentials';
import { createInspectorStore } from '../inspector-store';
import { demoCallerArn, LAB_ACCOUNT, PAGE_PRINCIPALS, PARTNER_ACCOUNT, PARTNER_ADMIN_KEYS } from '../principals';
import type { DemoPrincipal } from '../types';

async function runtimeOn(sandbox?: Sandbox) {
  const sb = sandbox ?? (await createSandbox());
  const inspector = createInspectorStore();
  const runtime = createBackendRuntime(
    { backend: 'sandbox', region: 'us-east-1', identity: 'admin' },
    { inspector, storage: memoryStorage(), loadSandbox: async () => sb as unknown as SandboxLike },
  );
  return { runtime, inspector, sandbox: sb };
}

describe('the principal switcher (connection layer)', () => {
  it("repeats the sandbox's fixed names correctly", () => {
    expect(LAB_ACCOUNT).toBe(SANDBOX_ACCOUNT_ID);
    expect(PARTNER_ACCOUNT).toBe(SECOND_ACCOUNT_ID);
    expect(PARTNER_ADMIN_KEYS).toEqual(PARTNER_ADMIN_CREDENTIALS);
    for (const p of PAGE_PRINCIPALS) if (p.id !== 'self' && p.id !== 'partner-admin') expect(SANDBOX_ROLES[p.id]).toBeDefined();
    expect(Object.keys(PARTNER_ROLES).sort()).toEqual(['PartnerAppRole', 'PartnerLocalRole']);
  });

  it('each principal calls with its own credentials, in its own account, and the inspector says which', async () => {
    const { runtime, inspector } = await runtimeOn();
    const who: DemoPrincipal[] = ['KeyAdminRole', 'KeyUserRole', 'AppServerRole', 'partner-admin', 'PartnerAppRole'];
    for (const p of who) {
      const sts = await runtime.clients.stsAs!(p);
      const id = await sts.send(new GetCallerIdentityCommand({}));
      expect(id.Arn).toBe(demoCallerArn(p));
      expect(id.Account).toBe(p.startsWith('Partner') || p === 'partner-admin' ? PARTNER_ACCOUNT : LAB_ACCOUNT);
      const entry = inspector.entries().filter((e) => e.operation === 'GetCallerIdentity').at(-1)!;
      expect(entry).toMatchObject({ operation: 'GetCallerIdentity', principal: p, account: id.Account });
    }
    // The partner's roles are assumed with the partner administrator's keys, in its account.
    const assumed = inspector.entries().filter((e) => e.operation === 'AssumeRole');
    expect(assumed.find((e) => (e.input as { RoleArn: string }).RoleArn.includes(':role/PartnerAppRole'))).toMatchObject({ principal: 'partner-admin', account: PARTNER_ACCOUNT });
    expect(assumed.find((e) => (e.input as { RoleArn: string }).RoleArn.includes(':role/KeyUserRole'))).toMatchObject({ principal: 'lab-admin', account: LAB_ACCOUNT });
  });

  it('clientsAs: the key administrator creates a key it cannot use; the other account\'s administrator lists only its own keys', async () => {
    const { runtime, inspector } = await runtimeOn();
    const asAdmin = await runtime.clientsAs('KeyAdminRole').kms();
    const key = (await asAdmin.send(new CreateKeyCommand({}))).KeyMetadata!;
    expect(key.AWSAccountId).toBe(LAB_ACCOUNT);
    await expect(asAdmin.send(new EncryptCommand({ KeyId: key.KeyId, Plaintext: new Uint8Array([1]) }))).rejects.toMatchObject({ name: 'AccessDeniedException' });
    const partner = await runtime.clientsAs('partner-admin').kms();
    expect(partner).not.toBe(asAdmin);
    expect(runtime.clientsAs('self')).toBe(runtime.clients);
    expect((await partner.send(new ListKeysCommand({}))).Keys).toEqual([]);
    expect(inspector.entries().at(-1)).toMatchObject({ operation: 'ListKeys', principal: 'partner-admin', account: PARTNER_ACCOUNT });
    // The page's own clients record their account too.
    await (await runtime.clients.kms()).send(new ListKeysCommand({}));
    expect(inspector.entries().at(-1)).toMatchObject({ operation: 'ListKeys', account: LAB_ACCOUNT });
    expect(inspector.entries().at(-1)!.principal).toBeUndefined();
  });

  it('on aws/endpoint there is no switcher: clientsAs gives the page\'s own clients and no demo clients exist', () => {
    const runtime = createBackendRuntime(
      { backend: 'aws', region: 'us-east-1', identityPoolId: 'us-east-1:00000000-0000-0000-0000-000000000000', roleArn: 'arn:aws:iam::123456789012:role/r' },
      { inspector: createInspectorStore(), storage: memoryStorage() },
    );
    expect(runtime.clientsAs('partner-admin')).toBe(runtime.clients);
    expect(runtime.clients.kmsAs).toBeUndefined();
    expect(runtime.clients.kmsRetrying).toBeUndefined();
  });
});

describe('the retrying client (the quotas lesson)', () => {
  it('uses the standard retry mode; a throttled call is retried with its body, and every attempt is in the inspector', async () => {
    const { runtime, inspector, sandbox } = await runtimeOn();
    const admin = await runtime.clients.kms();
    const key = (await admin.send(new CreateKeyCommand({}))).KeyMetadata!;
    const kms = await runtime.clients.kmsRetrying!();
    expect(await kms.config.maxAttempts()).toBe(3);
    expect((await kms.config.retryStrategy()) as { mode?: string }).toMatchObject({ mode: 'standard' });
    sandbox.quotas.setMode('teaching');
    // 50 tokens a second in us-east-1 at teaching scale: a burst of 80 at once runs the bucket dry.
    const results = await Promise.allSettled(
      Array.from({ length: 80 }, () => kms.send(new GenerateDataKeyCommand({ KeyId: key.KeyId, KeySpec: 'AES_256' }))),
    );
    const retried = inspector.entries().filter((e) => e.operation === 'GenerateDataKey' && (e.attempts?.length ?? 0) > 1);
    expect(retried.length).toBeGreaterThan(0);
    for (const e of retried) {
      expect(e.attempts![0]).toMatchObject({ status: 400, code: 'ThrottlingException' });
      // Backoff: each retry is sent later than the attempt before it.
      for (let i = 1; i < e.attempts!.length; i++) expect(e.attempts![i]!.atMs).toBeGreaterThanOrEqual(e.attempts![i - 1]!.atMs);
    }
    const failed = results.filter((r) => r.status === 'rejected');
    for (const f of failed) expect((f as PromiseRejectedResult).reason).toMatchObject({ name: 'ThrottlingException', $metadata: { attempts: 3 } });
    // The trail holds every attempt; each throttled one still carried its body (its KeyId was read).
    const throttled = (await sandbox.trail.events()).filter((ev) => ev.eventName === 'GenerateDataKey' && ev.errorCode === 'ThrottlingException');
    expect(throttled.length).toBeGreaterThan(0);
    for (const ev of throttled) {
      expect(ev.errorMessage).toBe('You have exceeded the rate at which you may call KMS. Reduce the frequency of your calls.');
      expect((ev.requestParameters as { keyId?: string }).keyId).toBe(key.KeyId);
    }
  });
});
