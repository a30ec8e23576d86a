import type { TrailEvent } from '../shared/trail-types';
import { bodyPieces, concatBytes } from '../shared/bytes';
import { SCHEMA_VERSION } from '../shared/state';
import { decodeValue, encodeValue, keyString, parseKeyString, type StoredRecord } from './records';
import { changesResources, faultError, StaleEpochError, type LabSnapshot, type SandboxStore, type StoreFault, type WriteSet } from './store';

/**
 * The default store (tests, `npm run sandbox` without --data): records kept in their JSON form, so
 * what it holds is a copy, never the live objects, exactly as the other stores.
 */
export function createMemoryStore(): SandboxStore {
  const records = new Map<string, string>();
  let trail: TrailEvent[] = [];
  let epoch = 0;
  const blobs = new Map<string, Uint8Array>();
  let fault: StoreFault | null = null;

  const snapshot = (): LabSnapshot => ({
    epoch,
    schemaVersion: SCHEMA_VERSION,
    records: [...records].map(([k, e]) => ({ k: parseKeyString(k), v: decodeValue(e), e })),
    trail: trail.slice(),
  });

  return {
    kind: 'memory',
    async open() {
      return epoch === 0 ? undefined : snapshot();
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
      for (const ev of ws.trail) trail.push(ev);
    },
    async replace(lab: LabSnapshot) {
      if (fault) {
        const f = fault;
        fault = null;
        throw faultError(f);
      }
      records.clear();
      for (const r of lab.records) records.set(keyString(r.k), r.e ?? encodeValue(r.v));
      trail = lab.trail.slice();
      epoch = lab.epoch;
    },
    async epoch() {
      return epoch;
    },
    async pruneTrail(before: number, cap: number) {
      trail = trail.filter((e) => Date.parse(e.eventTime) >= before);
      if (trail.length > cap) trail = trail.slice(trail.length - cap);
    },
    async putBlob(key, bytes) {
      // A copy of its own (joined when given in pieces), as a store on disk would keep.
      blobs.set(key, concatBytes(...bodyPieces(bytes).pieces));
    },
    async getBlob(key) {
      return blobs.get(key)?.slice();
    },
    async deleteBlob(key) {
      blobs.delete(key);
    },
    async clear() {
      records.clear();
      trail = [];
      blobs.clear();
    },
    async readable() {
      const s: StoredRecord[] = snapshot().records;
      return { records: s, trail: trail.slice(), skipped: 0 };
    },
    injectFault(f) {
      fault = f;
    },
  };
}
