import { bodyPieces, concatBytes } from '../shared/bytes';
import { SCHEMA_VERSION } from '../shared/state';
import { decodeValue, encodeValue, keyString, parseKeyString, type StoredRecord } from './records';
import { BLOB_PIECE, changesResources, faultError, StaleEpochError, type LabSnapshot, type OpenedLab, type SandboxStore, type StoreFault, type WriteSet } from './store';
import { TrailIndex } from './trail-index';

/** How many trail records `readTrail` yields at a time. */
const TRAIL_PAGE = 500;

/**
 * The default store (tests, `npm run sandbox` without --data): records kept in their JSON form, so
 * what it holds is a copy, never the live objects, exactly as the other stores. The trail is an
 * indexed append-only list (store/trail-index.ts).
 */
export function createMemoryStore(): SandboxStore {
  const records = new Map<string, string>();
  let trail = new TrailIndex();
  let epoch = 0;
  const blobs = new Map<string, Uint8Array>();
  let fault: StoreFault | null = null;

  const recordList = (): StoredRecord[] => [...records].map(([k, e]) => ({ k: parseKeyString(k), v: decodeValue(e), e }));

  return {
    kind: 'memory',
    async open() {
      if (epoch === 0) return undefined;
      return { epoch, schemaVersion: SCHEMA_VERSION, records: recordList(), trail: trail.stats() } satisfies OpenedLab;
    },
    async commit(ws: WriteSet, expected: number) {
      if (fault && changesResources(ws)) {
        const f = fault;
        fault = null;
        throw faultError(f);
      }
      if (expected !== epoch) throw new StaleEpochError(expected, epoch);
      for (const r of ws.puts) records.set(keyString(r.k), r.e ?? encodeValue(r.v));
      for (const k of ws.deletes) records.delete(keyString(k));
      trail.append(ws.trail);
    },
    async replace(lab: LabSnapshot) {
      if (fault) {
        const f = fault;
        fault = null;
        throw faultError(f);
      }
      records.clear();
      for (const r of lab.records) records.set(keyString(r.k), r.e ?? encodeValue(r.v));
      trail = new TrailIndex(lab.trail);
      epoch = lab.epoch;
    },
    async epoch() {
      return epoch;
    },
    async pruneTrail(before: number, cap: number) {
      trail.prune(before, cap);
      return trail.stats();
    },
    async lookupTrail(q) {
      return trail.lookup(q);
    },
    async *readTrail() {
      const all = trail.events();
      for (let i = 0; i < all.length; i += TRAIL_PAGE) yield all.slice(i, i + TRAIL_PAGE);
    },
    async putBlob(key, bytes) {
      // A copy of its own (joined when given in pieces), as a store on disk would keep.
      blobs.set(key, concatBytes(...bodyPieces(bytes).pieces));
    },
    async getBlob(key) {
      return blobs.get(key)?.slice();
    },
    async *blobPieces(key) {
      const b = blobs.get(key);
      if (!b) return;
      if (b.length === 0) yield new Uint8Array(0);
      for (let o = 0; o < b.length; o += BLOB_PIECE) yield b.slice(o, o + BLOB_PIECE);
    },
    async deleteBlob(key) {
      blobs.delete(key);
    },
    async clear() {
      records.clear();
      trail = new TrailIndex();
      blobs.clear();
    },
    async readable() {
      return { records: recordList(), trail: trail.events(), skipped: 0 };
    },
    injectFault(f) {
      fault = f;
    },
  };
}
