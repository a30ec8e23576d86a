/**
 * Connects the page to the browser's one sandbox engine (src/sandbox/host/): the origin's
 * SharedWorker, or the leader tab's worker, which owns the IndexedDB store. Only ever imported with
 * import(), so none of it is in the entry chunk.
 */
import type { SandboxLike } from './client-supplier';
import { testHooksEnabled } from './test-hooks';

export async function loadBrowserSandbox(): Promise<SandboxLike> {
  const { connectBrowserSandbox } = await import('../sandbox/host/page-sandbox');
  return connectBrowserSandbox({ testHooks: testHooksEnabled() });
}

/** The recovery path for a damaged saved lab when the engine could not say how: empty the browser store. */
export async function clearBrowserSandboxStore(): Promise<void> {
  const { createIndexedDbStore } = await import('../sandbox/store/indexeddb-store');
  const store = await createIndexedDbStore();
  await store.clear();
  await store.close?.();
}
