import type { SandboxState } from '../shared/state';

/** What a store holds: the state and a revision number that every save moves forward. */
export interface StoredState {
  revision: number;
  state: SandboxState;
}

/**
 * A small persistence interface (memory, JSON file in Node, IndexedDB in the browser). Stores never
 * see requests. Large bodies (S3 objects) go through the blob methods and never through JSON.
 */
export interface SandboxStore {
  readonly kind: 'memory' | 'json-file' | 'indexeddb';
  /** True when another tab or process may write the same store: every call then reloads on conflict and saves at once. */
  readonly shared: boolean;
  /** undefined when the store is empty. Throws SandboxStoreError when the content is corrupt or of another schema version. */
  load(): Promise<StoredState | undefined>;
  /** The stored revision (cheap), undefined when empty. */
  revision(): Promise<number | undefined>;
  /** Saves if the stored revision still equals expectedRevision; returns the new revision; else StoreConflictError. */
  save(state: SandboxState, expectedRevision: number): Promise<number>;
  /** Removes everything (state and blobs): the recovery path for a corrupt store. */
  clear(): Promise<void>;
  putBlob(key: string, bytes: Uint8Array): Promise<void>;
  getBlob(key: string): Promise<Uint8Array | undefined>;
  deleteBlob(key: string): Promise<void>;
  /** Runs fn exclusively across tabs/processes when the platform can (navigator.locks). */
  exclusive?<T>(fn: () => Promise<T>): Promise<T>;
  close?(): Promise<void> | void;
}

export type StoreProblem = 'corrupt' | 'version' | 'unreadable';

/** A store the sandbox cannot use. The app shows `message` and may offer `await error.store.clear()` then retry. */
export class SandboxStoreError extends Error {
  readonly problem: StoreProblem;
  readonly store: SandboxStore | undefined;
  constructor(problem: StoreProblem, message: string, store?: SandboxStore, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'SandboxStoreError';
    this.problem = problem;
    this.store = store;
  }
}

/** Another tab or process saved first. The sandbox reloads and retries. */
export class StoreConflictError extends Error {
  constructor(readonly expected: number, readonly actual: number | undefined) {
    super(`Sandbox store revision is ${actual}, expected ${expected}.`);
    this.name = 'StoreConflictError';
  }
}
