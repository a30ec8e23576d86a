import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { SandboxState } from '../shared/state';
import { checkState } from './state-codec';
import { SandboxStoreError, StoreConflictError, type SandboxStore, type StoredState } from './store';

/**
 * The browser store (loaded lazily by the browser entry only). State and revision live in one record;
 * save checks the revision inside the same readwrite transaction, and calls from several tabs are
 * serialised with navigator.locks where the browser has it, so two tabs never corrupt the lab.
 */
interface LabDb extends DBSchema {
  /** 'head' -> { revision, state }; 'rev' -> the revision alone (the cheap check before each call). */
  meta: { key: string; value: StoredState | number };
  blobs: { key: string; value: Uint8Array };
}

const HEAD = 'head';
const REV = 'rev';

export async function createIndexedDbStore(dbName = 'kms-study-lab-sandbox'): Promise<SandboxStore> {
  let db: IDBPDatabase<LabDb>;
  try {
    db = await openDB<LabDb>(dbName, 1, {
      upgrade(d) {
        d.createObjectStore('meta');
        d.createObjectStore('blobs');
      },
    });
  } catch (e) {
    throw new SandboxStoreError('unreadable', `The browser refused to open the lab's storage (${(e as Error).message}).`, undefined, {
      cause: e,
    });
  }
  const locks = (globalThis.navigator as Navigator | undefined)?.locks;
  const store: SandboxStore = {
    kind: 'indexeddb',
    shared: true,
    async load() {
      const head = await db.get('meta', HEAD);
      if (head === undefined) return undefined;
      if (typeof head !== 'object' || head === null || typeof head.revision !== 'number') {
        throw new SandboxStoreError('corrupt', 'The saved lab is damaged (no revision). Reset the lab to start again.', store);
      }
      return { revision: head.revision, state: checkState(head.state, store) };
    },
    async revision() {
      const r = await db.get('meta', REV);
      return typeof r === 'number' ? r : undefined;
    },
    async save(state: SandboxState, expectedRevision: number) {
      const tx = db.transaction('meta', 'readwrite');
      const stored = await tx.store.get(REV);
      const cur = typeof stored === 'number' ? stored : 0;
      if (cur !== expectedRevision) {
        tx.abort();
        await tx.done.catch(() => undefined);
        throw new StoreConflictError(expectedRevision, cur);
      }
      await tx.store.put({ revision: cur + 1, state }, HEAD);
      await tx.store.put(cur + 1, REV);
      await tx.done;
      return cur + 1;
    },
    async clear() {
      const tx = db.transaction(['meta', 'blobs'], 'readwrite');
      await tx.objectStore('meta').clear();
      await tx.objectStore('blobs').clear();
      await tx.done;
    },
    async putBlob(key, bytes) {
      await db.put('blobs', bytes.slice(), key);
    },
    async getBlob(key) {
      return db.get('blobs', key);
    },
    async deleteBlob(key) {
      await db.delete('blobs', key);
    },
    close() {
      db.close();
    },
  };
  if (locks) {
    store.exclusive = <T,>(fn: () => Promise<T>) => locks.request(`${dbName}:lock`, () => fn()) as Promise<T>;
  }
  return store;
}
