/**
 * Loads the embedded sandbox in the browser with its IndexedDB store. Only ever imported with
 * import(), so the sandbox is never in the entry chunk.
 */
import type { SandboxLike } from './client-supplier';

export async function loadBrowserSandbox(): Promise<SandboxLike> {
  const [{ createSandbox }, { createIndexedDbStore }] = await Promise.all([
    import('../sandbox'),
    import('../sandbox/store/indexeddb-store'),
  ]);
  const store = await createIndexedDbStore();
  // The page runs with AWS's request quotas; the quotas lab switches to the teaching scale.
  return createSandbox({ store, quotas: 'aws' });
}

/** The recovery path for a damaged saved lab: empty the browser store. */
export async function clearBrowserSandboxStore(): Promise<void> {
  const { createIndexedDbStore } = await import('../sandbox/store/indexeddb-store');
  const store = await createIndexedDbStore();
  await store.clear();
  await store.close?.();
}
