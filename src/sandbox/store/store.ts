import type { BlobBody } from '../shared/context';
import type { TrailEvent } from '../shared/trail-types';
import type { TrailPage, TrailQuery, TrailStats } from '../shared/trail-query';
import type { RecordKey, StoredRecord } from './records';

/**
 * What one successful call (or one clock move) writes: the records it changed, the records it
 * removed, and trail events. A store commits a write set atomically or not at all.
 */
export interface WriteSet {
  puts: StoredRecord[];
  deletes: RecordKey[];
  /** Appended to the trail, oldest first. */
  trail: TrailEvent[];
}

/** A whole lab to install (reset, import): its epoch, its records and its trail (oldest first). */
export interface LabSnapshot {
  epoch: number;
  schemaVersion: number;
  records: StoredRecord[];
  trail: TrailEvent[];
}

/**
 * A lab as a store opens it: its epoch and records. The trail stays in the store (read with
 * `lookupTrail` and `readTrail`); only its size and oldest time come back, for retention.
 */
export interface OpenedLab {
  epoch: number;
  schemaVersion: number;
  records: StoredRecord[];
  trail: TrailStats;
}

export type { TrailAttribute, TrailCursor, TrailPage, TrailQuery, TrailStats } from '../shared/trail-query';

/** Faults a test can inject into the next commit (the host exposes this inside the worker). */
export type StoreFault = 'quota' | 'closed' | 'blocked';

export interface StorageEstimate {
  usage?: number;
  quota?: number;
  persisted?: boolean;
}

/**
 * A persistence backend: memory (default), files (Node, `--data DIR`), IndexedDB (the browser).
 * Stores never see requests. Large bodies (S3 objects) go through the blob methods, never through JSON.
 */
export interface SandboxStore {
  readonly kind: 'memory' | 'files' | 'indexeddb';
  /**
   * Opens the store, migrating an older schema forward. undefined when empty. Throws SandboxStoreError
   * when it cannot be read or upgraded (the error then offers `readable()` and `clear()`).
   * Bodies no record references are collected here.
   */
  open(): Promise<OpenedLab | undefined>;
  /**
   * Commits a write set atomically if the stored epoch still equals `epoch` (a reset or import in the
   * meantime makes it fail with StaleEpochError: a stale owner never writes over a newer lab).
   * Throws StoreCommitError when the platform refuses (quota, closed connection...): nothing is written.
   */
  commit(ws: WriteSet, epoch: number): Promise<void>;
  /** Replaces the whole lab (reset, import) atomically under a new epoch, which must be greater than any before. */
  replace(lab: LabSnapshot): Promise<void>;
  /** The stored epoch (0 when empty). */
  epoch(): Promise<number>;
  /** Drops trail events older than `before` (epoch ms) and the oldest (by time) beyond `cap`; says what is left. */
  pruneTrail(before: number, cap: number): Promise<TrailStats>;
  /** LookupEvents over the trail store: an index per attribute and time, newest first, a page at a time. */
  lookupTrail(q: TrailQuery): Promise<TrailPage>;
  /** The whole trail, oldest first, a page at a time (the export). */
  readTrail(): AsyncIterable<TrailEvent[]>;
  /** Stores a body (one buffer, or pieces read back joined); the store may keep the buffers it is given. */
  putBlob(key: string, bytes: BlobBody): Promise<void>;
  getBlob(key: string): Promise<Uint8Array | undefined>;
  deleteBlob(key: string): Promise<void>;
  /** A body in pieces of at most BLOB_PIECE bytes, read one at a time (the export): nothing when absent, one empty piece for an empty body. */
  blobPieces(key: string): AsyncIterable<Uint8Array>;
  /** Removes everything except the epoch, which only moves forward (the recovery path). */
  clear(): Promise<void>;
  /** What can still be read (records that decode, trail events) when open() failed: the export offered before a reset. */
  readable?(): Promise<{ records: StoredRecord[]; trail: TrailEvent[]; skipped: number }>;
  estimate?(): Promise<StorageEstimate>;
  /**
   * Test-only: the next commit that changes a resource fails with this fault (null clears it).
   * Trail-only commits (the batched records of read-only calls) pass, so the fault reaches the
   * learner's call rather than a background read that happened to commit first.
   */
  injectFault?(fault: StoreFault | null): void;
  close?(): Promise<void> | void;
}

export type StoreProblem = 'corrupt' | 'version' | 'unreadable' | 'blocked';

/** A store the sandbox cannot open. The app shows `message`, offers `readable()` as an export, then `clear()` and retry. */
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

/** The platform refused a commit (quota exceeded, connection closed, upgrade blocked). Nothing was written. */
export class StoreCommitError extends Error {
  constructor(
    readonly fault: StoreFault | 'unknown',
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'StoreCommitError';
  }
}

/** The lab was reset or replaced (another tab, another owner) since this copy was opened. */
export class StaleEpochError extends Error {
  constructor(
    readonly expected: number,
    readonly actual: number,
  ) {
    super(`The lab was reset or replaced elsewhere (epoch ${actual}, this copy has ${expected}); reload it.`);
    this.name = 'StaleEpochError';
  }
}

/** The largest piece `blobPieces` yields. */
export const BLOB_PIECE = 1 << 20;

/** A new epoch: greater than the last, and than the wall clock, so it never restarts even after storage is cleared. */
export const nextEpoch = (previous: number, wallNow = Date.now()): number => Math.max(previous + 1, wallNow);

/** Whether a write set changes a resource (an injected fault waits for one of these). */
export function changesResources(ws: WriteSet): boolean {
  return ws.puts.length > 0 || ws.deletes.length > 0;
}

export function faultError(fault: StoreFault, cause?: unknown): StoreCommitError {
  switch (fault) {
    case 'quota':
      return new StoreCommitError(
        'quota',
        "The browser's storage for this site is full (QuotaExceededError), so the sandbox could not save this call. Nothing was changed. Free some space, or export the lab and reset it.",
        { cause },
      );
    case 'closed':
      return new StoreCommitError(
        'closed',
        "The sandbox's storage connection was closed (the browser or another tab closed it), so this call was not saved. Nothing was changed. Reload the page.",
        { cause },
      );
    case 'blocked':
      return new StoreCommitError(
        'blocked',
        'A newer version of the lab is upgrading its storage in another tab, so this call was not saved. Nothing was changed. Reload the page.',
        { cause },
      );
  }
}
