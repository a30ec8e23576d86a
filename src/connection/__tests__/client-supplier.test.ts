import { ListKeysCommand } from '@aws-sdk/client-kms';
import { describe, expect, it } from 'vitest';
import { createSandbox } from '../../sandbox';
import { ClientSupplier, createBackendRuntime, type SandboxLike } from '../client-supplier';
import { cognitoBasicCredentials, memoryStorage } from '../credentials';
import { createInspectorStore } from '../inspector-store';
import { SANDBOX_GUEST_ROLE_ARN, SANDBOX_IDENTITY_POOL_ID, type BackendSettings } from '../settings';

const sandboxSettings: BackendSettings = { backend: 'sandbox', region: 'us-east-1', identity: 'guest' };

function sandboxRuntime(settings: BackendSettings = sandboxSettings) {
  const inspector = createInspectorStore();
  const storage = memoryStorage();
  let loads = 0;
  const sb = createSandbox();
  const runtime = createBackendRuntime(settings, {
    inspector,
    storage,
    loadSandbox: async () => {
      loads++;
      return (await sb) as unknown as SandboxLike;
    },
  });
  return { runtime, inspector, storage, loads: () => loads, sandbox: sb };
}

describe('client supplier', () => {
  it('builds each client once per runtime, and the sandbox once, lazily', async () => {
    const { runtime, loads } = sandboxRuntime();
    expect(loads()).toBe(0);
    const [a, b] = await Promise.all([runtime.clients.kms(), runtime.clients.kms()]);
    expect(a).toBe(b);
    expect(await runtime.clients.kms()).toBe(a);
    expect(await runtime.clients.cloudtrail()).not.toBe(a);
    expect(loads()).toBe(1);
  });

  it('kms({ region }) is a KMS client for another Region: same credentials and inspector, its own endpoint, built once', async () => {
    const { runtime, inspector } = sandboxRuntime({ backend: 'sandbox', region: 'us-east-1', identity: 'admin' });
    const home = await runtime.clients.kms();
    const west = await runtime.clients.kms({ region: 'us-west-2' });
    expect(west).not.toBe(home);
    expect(await runtime.clients.kms({ region: 'us-west-2' })).toBe(west);
    expect(await runtime.clients.kms({ region: 'us-east-1' })).toBe(home);
    expect(await west.config.region()).toBe('us-west-2');
    await west.send(new ListKeysCommand({}));
    const entry = inspector.entries().find((e) => e.operation === 'ListKeys');
    expect(entry?.region).toBe('us-west-2');
    expect(entry?.request?.headers.authorization).toMatch(/Credential=test\/\d{8}\/us-west-2\/kms\/aws4_request/);
  });

  it('sandbox clients make one attempt per call (maxAttempts 1)', async () => {
    const { runtime } = sandboxRuntime();
    const kms = await runtime.clients.kms();
    expect(await kms.config.maxAttempts()).toBe(1);
    expect(await kms.config.region()).toBe('us-east-1');
  });

  it('a guest gets credentials through the basic flow (GetId, GetOpenIdToken, AssumeRoleWithWebIdentity) and calls KMS with them', async () => {
    const { runtime, inspector, storage } = sandboxRuntime();
    const kms = await runtime.clients.kms();
    const out = await kms.send(new ListKeysCommand({}));
    expect(out.Keys).toEqual([]);
    expect(inspector.entries().map((e) => `${e.service}.${e.operation}`)).toEqual([
      'KMS.ListKeys',
      'CognitoIdentity.GetId',
      'CognitoIdentity.GetOpenIdToken',
      'STS.AssumeRoleWithWebIdentity',
    ]);
    const creds = await runtime.credentials();
    expect(creds.identityId()).toMatch(/^us-east-1:[0-9a-f-]{36}$/);
    expect(creds.principalArn()).toBe('arn:aws:sts::111122223333:assumed-role/KmsStudyLabGuestRole/kms-study-lab');
    // The identity id (not a secret) is kept; nothing else is.
    const kept = storage as unknown as { getItem(k: string): string | null };
    expect(kept.getItem('kms-lab:identity:sandbox|us-east-1|sandbox:guest')).toBe(creds.identityId());
    const listKeys = inspector.entries()[0];
    expect(listKeys?.request?.headers.authorization).toMatch(/Credential=ASIA\w+\/\d{8}\/us-east-1\/kms\/aws4_request.*Signature=<masked: 64 characters>/);
  });

  it('a second call reuses the credentials (no second AssumeRoleWithWebIdentity)', async () => {
    const { runtime, inspector } = sandboxRuntime();
    const kms = await runtime.clients.kms();
    await kms.send(new ListKeysCommand({}));
    await kms.send(new ListKeysCommand({}));
    expect(inspector.entries().filter((e) => e.operation === 'AssumeRoleWithWebIdentity')).toHaveLength(1);
  });

  it('the sandbox administrator identity signs with test/test and needs no Cognito call', async () => {
    const { runtime, inspector } = sandboxRuntime({ backend: 'sandbox', region: 'us-west-2', identity: 'admin' });
    const kms = await runtime.clients.kms();
    await kms.send(new ListKeysCommand({}));
    expect(inspector.entries().map((e) => e.operation)).toEqual(['ListKeys']);
    expect(inspector.entries()[0]?.request?.headers.authorization).toContain('Credential=test/');
    expect((await runtime.credentials()).principalArn()).toBe('arn:aws:iam::111122223333:user/lab-admin');
  });

  it('an endpoint with static keys sends them to the endpoint URL', async () => {
    const sb = await createSandbox();
    const inspector = createInspectorStore();
    const runtime = createBackendRuntime(
      { backend: 'endpoint', region: 'us-east-1', endpoint: 'http://127.0.0.1:4599', auth: 'static' },
      { inspector, storage: memoryStorage(), staticCredentials: { accessKeyId: 'test', secretAccessKey: 'test' }, requestHandler: sb.requestHandler },
    );
    const kms = await runtime.clients.kms();
    await kms.send(new ListKeysCommand({}));
    expect(inspector.entries()[0]?.request?.url).toBe('http://127.0.0.1:4599/');
    expect(await kms.config.maxAttempts()).not.toBe(1);
  });

  it('an endpoint with static auth but no keys fails before sending anything', async () => {
    const inspector = createInspectorStore();
    const runtime = createBackendRuntime(
      { backend: 'endpoint', region: 'us-east-1', endpoint: 'http://127.0.0.1:9', auth: 'static' },
      { inspector, storage: memoryStorage() },
    );
    const kms = await runtime.clients.kms();
    await expect(kms.send(new ListKeysCommand({}))).rejects.toThrow(/enter an access key on the settings page/);
    expect(inspector.entries()[0]?.request).toBeUndefined();
  });

  it('ClientSupplier keeps one runtime per backend + region + target, and forget() drops it', () => {
    const supplier = new ClientSupplier({ storage: memoryStorage(), loadSandbox: () => Promise.reject(new Error('not needed')) });
    const east = supplier.get(sandboxSettings);
    expect(supplier.get({ ...sandboxSettings })).toBe(east);
    const west = supplier.get({ ...sandboxSettings, region: 'us-west-2' });
    expect(west).not.toBe(east);
    expect(west.clients).not.toBe(east.clients);
    expect(supplier.get({ ...sandboxSettings, identity: 'admin' })).not.toBe(east);
    supplier.forget(sandboxSettings);
    expect(supplier.get(sandboxSettings)).not.toBe(east);
    expect(supplier.get({ ...sandboxSettings, region: 'us-west-2' })).toBe(west);
  });
});

describe('Cognito basic-flow credentials', () => {
  async function flow(now: () => number, storage = memoryStorage()) {
    const { runtime } = sandboxRuntime();
    return cognitoBasicCredentials({
      identityPoolId: SANDBOX_IDENTITY_POOL_ID,
      roleArn: SANDBOX_GUEST_ROLE_ARN,
      cognito: runtime.clients.cognito,
      sts: runtime.clients.sts,
      storage,
      storageKey: 'id',
      now,
    });
  }

  it('are refreshed before they expire, for the same identity', async () => {
    let t = Date.now();
    const creds = await flow(() => t);
    const first = await creds.provider();
    expect(first.accessKeyId).toMatch(/^ASIA/);
    expect(first.expiration!.getTime() - Date.now()).toBeGreaterThan(50 * 60_000);
    expect(await creds.provider()).toBe(first);
    const id = creds.identityId();
    t = first.expiration!.getTime() - 4 * 60_000; // inside the 5-minute refresh window
    const second = await creds.provider();
    expect(second.accessKeyId).not.toBe(first.accessKeyId);
    expect(creds.identityId()).toBe(id);
  });

  it('a stored identity the pool does not know (a reset sandbox) is replaced by a new guest', async () => {
    const storage = memoryStorage();
    storage.setItem('id', 'us-east-1:00000000-0000-4000-8000-000000000000');
    const creds = await flow(Date.now, storage);
    const c = await creds.provider();
    expect(c.accessKeyId).toMatch(/^ASIA/);
    expect(creds.identityId()).not.toBe('us-east-1:00000000-0000-4000-8000-000000000000');
    expect(storage.getItem('id')).toBe(creds.identityId());
  });

  it('concurrent first calls share one flow', async () => {
    const creds = await flow(Date.now);
    const [a, b, c] = await Promise.all([creds.provider(), creds.provider(), creds.provider()]);
    expect(a).toBe(b);
    expect(b).toBe(c);
  });
});
