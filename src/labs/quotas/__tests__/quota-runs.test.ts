import { describe, expect, it } from 'vitest';
import { createSandbox } from '../../../sandbox';
import { QUOTA_FIGURES_CHECKED, symmetricCryptoRate, TEACHING_DIVISOR as SANDBOX_DIVISOR, THROTTLING_MESSAGE } from '../../../sandbox/shared/quotas';
import { createBackendRuntime, sandboxQuotaMode, type SandboxLike } from '../../../connection/client-supplier';
import { memoryStorage } from '../../../connection/credentials';
import { createInspectorStore } from '../../../connection/inspector-store';
import type { ConnectionInfo } from '../../../connection/types';
import { burst, createBurstKey, encryptMessages, quotasAvailable } from '../api/quota-runs';
import { QUOTA_FIGURES_DATE, symmetricQuota, TEACHING_DIVISOR } from '../lib/figures';

// The browser Encryption SDK finds WebCrypto on `self`; Node has it on globalThis.
(globalThis as { self?: unknown }).self ??= globalThis;

async function connection() {
  const sb = await createSandbox();
  const inspector = createInspectorStore();
  const runtime = createBackendRuntime(
    { backend: 'sandbox', region: 'us-east-1', identity: 'guest' },
    { inspector, storage: memoryStorage(), loadSandbox: async () => sb as unknown as SandboxLike },
  );
  const conn: ConnectionInfo = {
    backend: 'sandbox',
    region: 'us-east-1',
    keyPrefix: ['sandbox', '111122223333', 'us-east-1', 'sandbox:guest'],
    clients: runtime.clients,
    sandbox: { now: () => Date.now(), advanceDays: async () => 0, quotas: (mode) => sandboxQuotaMode(sb as unknown as SandboxLike, mode) },
  };
  return { conn, sb, inspector };
}

describe('the quotas lab against the real sandbox', () => {
  it("shows the sandbox's own figures and date", () => {
    expect(QUOTA_FIGURES_DATE).toBe(QUOTA_FIGURES_CHECKED);
    expect(TEACHING_DIVISOR).toBe(SANDBOX_DIVISOR);
    for (const r of ['us-east-1', 'eu-central-1', 'sa-east-1']) expect(symmetricQuota(r)).toBe(symmetricCryptoRate(r));
  });

  it('a burst at the teaching scale is throttled with AWS message; the SDK retries add requests; caching cuts them', async () => {
    const { conn, inspector } = await connection();
    expect(quotasAvailable(conn)).toBe(true);
    expect((await conn.sandbox!.quotas!()).mode).toBe('off');
    expect((await conn.sandbox!.quotas!('teaching')).mode).toBe('teaching');
    const key = await createBurstKey(conn);

    const single = await burst(conn, key.keyId, 120, false);
    expect(single.throttled).toBeGreaterThan(0);
    expect(single.succeeded + single.throttled).toBe(120);
    expect(single.httpRequests).toBe(120);
    expect(single.throttlingMessage).toBe(THROTTLING_MESSAGE);

    const retried = await burst(conn, key.keyId, 120, true);
    expect(retried.succeeded + retried.throttled).toBe(120);
    expect(retried.retriedCalls).toBeGreaterThan(0);
    expect(retried.httpRequests).toBeGreaterThan(120);
    // The inspector lists the attempts of each retried call.
    expect(inspector.entries().some((e) => e.operation === 'GenerateDataKey' && (e.attempts?.length ?? 0) > 1)).toBe(true);

    // Quotas off for the caching comparison: it counts requests, not throttling.
    await conn.sandbox!.quotas!('off');
    const plain = await encryptMessages(conn, key.keyArn, 12, false);
    const cached = await encryptMessages(conn, key.keyArn, 12, true);
    expect(plain).toEqual({ messages: 12, encrypted: 12, throttled: 0, generateDataKeyCalls: 12 });
    expect(cached).toEqual({ messages: 12, encrypted: 12, throttled: 0, generateDataKeyCalls: 1 });
  });

  it('is sandbox-only', () => {
    const conn = { backend: 'aws', clients: { kms: async () => undefined } } as unknown as ConnectionInfo;
    expect(quotasAvailable(conn)).toBe(false);
  });
});
