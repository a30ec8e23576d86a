/**
 * Connects the page to the browser's one sandbox engine (src/sandbox/host/): the origin's
 * SharedWorker, or the leader tab's worker, which owns the IndexedDB store. Only ever imported with
 * import(), so none of it is in the entry chunk. The page's side of the host is imported statically
 * here: one import() then brings both, where two in turn waited for each other. (The engine's worker
 * itself is started earlier, by connection-provider.tsx at the entry: docs/app-shell.md "Speed".)
 */
import { connectBrowserSandbox } from '../sandbox/host/page-sandbox';
import type { SandboxLike } from './client-supplier';
import { engineConnectOptions } from './test-hooks';

export function loadBrowserSandbox(): Promise<SandboxLike> {
  return connectBrowserSandbox(engineConnectOptions());
}

/** The recovery path for a damaged saved lab when the engine could not say how: empty the browser store. */
export async function clearBrowserSandboxStore(): Promise<void> {
  const { createIndexedDbStore } = await import('../sandbox/store/indexeddb-store');
  const store = await createIndexedDbStore();
  await store.clear();
  await store.close?.();
}
