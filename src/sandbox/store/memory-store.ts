import type { SandboxState } from '../shared/state';
import { StoreConflictError, type SandboxStore, type StoredState } from './store';

/**
 * The default store: keeps a reference to the live state, so saving costs nothing on the hot path
 * (no serialisation per call). Not shared between tabs.
 */
export function createMemoryStore(): SandboxStore {
  let current: StoredState | undefined;
  const blobs = new Map<string, Uint8Array>();
  return {
    kind: 'memory',
    shared: false,
    async load() {
      return current;
    },
    async revision() {
      return current?.revision;
    },
    async save(state: SandboxState, expectedRevision: number) {
      const actual = current?.revision ?? 0;
      if (actual !== expectedRevision) throw new StoreConflictError(expectedRevision, actual);
      current = { revision: actual + 1, state };
      return actual + 1;
    },
    async clear() {
      current = undefined;
      blobs.clear();
    },
    async putBlob(key, bytes) {
      blobs.set(key, bytes.slice());
    },
    async getBlob(key) {
      return blobs.get(key)?.slice();
    },
    async deleteBlob(key) {
      blobs.delete(key);
    },
  };
}
