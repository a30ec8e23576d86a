/**
 * Test and bench hooks, off in production: they exist only when a Playwright init script set
 * `globalThis.__KMS_LAB_TEST_HOOKS__ = true` before the app loaded. They then expose the active
 * runtime's KMS client and sandbox as `globalThis.__kmsLab` (the bench times Encrypt/Decrypt through
 * the app's own client; e2e tests inject store faults into the engine's worker).
 */
import type { KMSClient } from '@aws-sdk/client-kms';
import type { BackendRuntime, SandboxLike } from './client-supplier';
import type { ConnectOptions } from '../sandbox/host/connect';

export interface LabTestHooks {
  kms(): Promise<KMSClient>;
  /** The KMS SDK module the app's client comes from (its command classes). */
  kmsModule(): Promise<typeof import('@aws-sdk/client-kms')>;
  sandbox(): Promise<SandboxLike | undefined>;
}

export function testHooksEnabled(): boolean {
  return (globalThis as { __KMS_LAB_TEST_HOOKS__?: unknown }).__KMS_LAB_TEST_HOOKS__ === true;
}

/**
 * The options of the page's one connection to the engine (every caller passes the same, or a second
 * connection would be made). With the test hooks on, an init script may shorten how long a silent
 * engine is waited on (`__KMS_LAB_ENGINE_WATCH__ = { everyMs, lostAfterMs }`), for the e2e test that
 * stops the engine's worker.
 */
export function engineConnectOptions(): ConnectOptions {
  if (!testHooksEnabled()) return {};
  const w = (globalThis as { __KMS_LAB_ENGINE_WATCH__?: { everyMs?: unknown; lostAfterMs?: unknown } }).__KMS_LAB_ENGINE_WATCH__;
  const watch = typeof w?.everyMs === 'number' && typeof w.lostAfterMs === 'number' ? { everyMs: w.everyMs, lostAfterMs: w.lostAfterMs } : undefined;
  return { testHooks: true, ...(watch ? { watch } : {}) };
}

/** Points the hooks at the runtime now in use (a reset or a backend switch builds a new one). */
export function exposeTestHooks(runtime: BackendRuntime): void {
  if (!testHooksEnabled()) return;
  const hooks: LabTestHooks = {
    kms: () => runtime.clients.kms(),
    kmsModule: () => import('@aws-sdk/client-kms'),
    sandbox: async () => runtime.sandbox?.(),
  };
  (globalThis as { __kmsLab?: LabTestHooks }).__kmsLab = hooks;
}
