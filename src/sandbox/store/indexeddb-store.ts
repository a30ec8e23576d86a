import { openDB, type IDBPDatabase, type IDBPTransaction } from 'idb';
import { attributeValues, TRAIL_ATTRIBUTES, type TrailStats } from '../shared/trail-query';
import { bodyPieces, concatBytes, joinBody } from '../shared/bytes';
import { SCHEMA_VERSION } from '../shared/state';
import type { BlobBody } from '../shared/context';
import type { TrailEvent } from '../shared/trail-types';
import { recordProblem } from './export-format';
import { migrate, MigrationError } from './migrations';
import { blobRefsOf, type RecordKey, type StoredRecord } from './records';
import {
  BLOB_PIECE,
  changesResources,
  faultError,
  SandboxStoreError,
  StaleEpochError,
  StoreCommitError,
  type LabSnapshot,
  type OpenedLab,
  type SandboxStore,
  type StoreFault,
  type TrailAttribute,
  type TrailPage,
  type TrailQuery,
  type WriteSet,
} from './store';

/**
 * The browser store (loaded lazily; opened once per origin by the host's worker). IndexedDB version ==
 * schema version. Object stores:
 * - `meta`:    'lab' -> { epoch, schemaVersion }
 * - `records`: one per resource, keyPath `k` = [account, region, service, kind, id], value in `v`
 * - `trail`:   append-only, keyPath `seq`; an index per LookupEvents attribute, each keyed
 *              [value, time, seq] (ResourceType/ResourceName multiEntry), and `Time` = [time, seq]
 * - `blobs`:   object bodies, key [blobKey, chunk index]. A body up to BLOB_VALUE_MAX bytes (an S3
 *              segment: 1 MiB of plaintext sealed) is one value, kept as given: its bytes, or its
 *              pieces (IV, ciphertext) as an array read back joined. A larger body is cut into
 *              values of BLOB_CHUNK bytes (earlier versions cut every body so; those still read).
 * A write set commits in one readwrite transaction over meta, records and trail; the epoch is read in
 * the same transaction, so a stale owner's commit aborts. Schema 1 (one document) migrates in the
 * upgrade transaction itself: it commits whole or the database stays at 1.
 */
export const BLOB_CHUNK = 1 << 20;
const ATTRIBUTES = TRAIL_ATTRIBUTES;
/** How many trail rows `readTrail` reads at a time. */
const TRAIL_PAGE = 500;
/**
 * The largest body stored as one value. It is above a sealed segment (1 MiB of plaintext plus 28 bytes
 * per layer: IV and tag), so that each segment is one value and one put, with no copy to cut it: cutting
 * at 1 MiB made every segment two values (1 MiB, then 28 or 56 bytes) and a copy of the first.
 */
export const BLOB_VALUE_MAX = 2 << 20;

/**
 * A piece as IndexedDB should clone it: a view of part of a larger buffer would be cloned with its
 * whole buffer (structured clone copies the ArrayBuffer, not the view), so only such a view is copied.
 */
const ownBuffer = (p: Uint8Array): Uint8Array =>
  p.byteOffset === 0 && p.byteLength === p.buffer.byteLength && p.buffer instanceof ArrayBuffer ? p : p.slice();

/**
 * Bodies of at least this many bytes are stored as a Blob value, smaller ones as bytes. Chromium keeps
 * any value over 64 KiB outside its database anyway: it serialises the value (one copy) and then wraps
 * the serialised bytes in a blob (a second copy), both on the engine's thread, in new memory each time.
 * A Blob made here costs one copy, and IndexedDB then clones only a reference to it. Measured on a
 * stored 128 MiB envelope job (896 KiB segments; docs/envelope.md): the engine's thread spent
 * 1.4 s instead of 2.0 s, and all of Chromium's threads 5.3-5.7 s instead of 6.0 s. Small bodies stay
 * bytes: a Blob costs a round trip to the browser process to register, more than copying a few KiB.
 */
export const BLOB_AS_BLOB_MIN = 64 * 1024;

/** A stored value's pieces: bytes, a Blob (read here), or (a body put in pieces) an array of bytes; undefined for anything else. */
async function valuePieces(v: unknown): Promise<Uint8Array[] | undefined> {
  if (v instanceof Uint8Array) return [v];
  if (typeof Blob !== 'undefined' && v instanceof Blob) return [new Uint8Array(await v.arrayBuffer())];
  if (Array.isArray(v) && v.every((p) => p instanceof Uint8Array)) return v as Uint8Array[];
  return undefined;
}
const MULTI: ReadonlySet<TrailAttribute> = new Set(['ResourceType', 'ResourceName']);
/** How long an upgrade waits for an older tab to let go before saying so. */
const BLOCKED_MS = 4000;

interface TrailRow {
  seq: number;
  t: number;
  ev: TrailEvent;
  [index: string]: unknown;
}

function trailRow(ev: TrailEvent, seq: number): TrailRow {
  const t = Date.parse(ev.eventTime);
  const row: TrailRow = { seq, t, ev, Time: [t, seq] };
  for (const a of ATTRIBUTES) {
    const vals = attributeValues(ev, a);
    if (MULTI.has(a)) row[a] = vals.map((v) => [v, t, seq]);
    else if (vals.length) row[a] = [vals[0], t, seq];
  }
  return row;
}

function createStores(db: IDBPDatabase): void {
  if (!db.objectStoreNames.contains('meta')) db.createObjectStore('meta');
  db.createObjectStore('records', { keyPath: 'k' });
  const trail = db.createObjectStore('trail', { keyPath: 'seq' });
  trail.createIndex('Time', 'Time');
  for (const a of ATTRIBUTES) trail.createIndex(a, a, { multiEntry: MULTI.has(a) });
  db.createObjectStore('blobs');
}

/** Requests queued in a transaction that may abort: their own rejections are the transaction's, handled there. */
const quiet = (p: Promise<unknown>): void => {
  p.catch(() => undefined);
};

function commitFailure(e: unknown): unknown {
  const name = (e as { name?: string } | null)?.name;
  if (name === 'QuotaExceededError') return faultError('quota', e);
  if (name === 'InvalidStateError' || name === 'TransactionInactiveError') return faultError('closed', e);
  return e;
}

/** Schema 1 -> records, inside the upgrade transaction. */
async function upgradeFromDocument(tx: IDBPTransaction<unknown, string[], 'versionchange'>): Promise<void> {
  const meta = tx.objectStore('meta');
  const head = (await meta.get('head')) as { revision?: unknown; state?: unknown } | undefined;
  await meta.delete('head');
  await meta.delete('rev');
  if (head === undefined) return;
  const doc = migrate(head.state as Record<string, unknown>);
  const records = tx.objectStore('records');
  for (const r of doc['records'] as { account: string; region: string; service: string; kind: string; id: string; value: unknown }[]) {
    await records.put({ k: [r.account, r.region, r.service, r.kind, r.id], v: r.value });
  }
  const trail = tx.objectStore('trail');
  let seq = 0;
  for (const ev of doc['trail'] as TrailEvent[]) await trail.put(trailRow(ev, ++seq));
  await meta.put({ epoch: Date.now(), schemaVersion: SCHEMA_VERSION }, 'lab');
}

/** A body to store under `key` (as bytes, or as the Blob asBlob made of it), or (neither) the key's body to delete. */
interface BlobWrite {
  key: string;
  body?: BlobBody;
  blob?: Blob;
  bytes: number;
}

/**
 * A body of BLOB_AS_BLOB_MIN bytes or more is made into its Blob when it is put, not when its
 * transaction starts: the browser then takes the Blob's bytes while the caller seals the next segment.
 * Made in the transaction, the Blobs of a batch were all copied at once on the engine's thread after
 * their segments had been sealed, and the browser had nothing to take before that (a stored envelope
 * job's engine timeline: 8 Blobs in 41-50 ms after every part's sealing, docs/envelope.md).
 */
function asBlob(key: string, body: BlobBody): BlobWrite {
  const { pieces, length } = bodyPieces(body);
  if (length >= BLOB_AS_BLOB_MIN && length <= BLOB_VALUE_MAX && typeof Blob !== 'undefined') {
    return { key, blob: new Blob(pieces as Uint8Array<ArrayBuffer>[]), bytes: length };
  }
  return { key, body, bytes: length };
}

/** At most this many bytes of bodies share one transaction, so a batch never holds much more than a few segments. */
export const BLOB_BATCH_BYTES = 8 << 20;

/**
 * Group commit: `run(item)` settles when the transaction holding it does. The first item starts at once;
 * items that arrive while a transaction runs go together into the next (in arrival order, up to
 * BLOB_BATCH_BYTES, always at least one).
 */
export function groupCommit<T>(commit: (batch: T[]) => Promise<void>, bytesOf: (item: T) => number) {
  const queue: { item: T; bytes: number; resolve: () => void; reject: (e: unknown) => void }[] = [];
  let running = false;
  const drain = async () => {
    running = true;
    while (queue.length) {
      let n = 1;
      let bytes = queue[0]!.bytes;
      while (n < queue.length && bytes + queue[n]!.bytes <= BLOB_BATCH_BYTES) bytes += queue[n++]!.bytes;
      const batch = queue.splice(0, n);
      try {
        await commit(batch.map((b) => b.item));
        for (const b of batch) b.resolve();
      } catch (e) {
        for (const b of batch) b.reject(e);
      }
    }
    running = false;
  };
  return {
    run(item: T): Promise<void> {
      return new Promise<void>((resolve, reject) => {
        queue.push({ item, bytes: bytesOf(item), resolve, reject });
        if (!running) void drain();
      });
    },
  };
}

export async function createIndexedDbStore(dbName = 'kms-study-lab-sandbox'): Promise<SandboxStore> {
  let upgradeError: unknown;
  let blocked = false;
  const opening = openDB(dbName, SCHEMA_VERSION, {
    upgrade(d, oldVersion, _newVersion, tx) {
      quiet(tx.done);
      if (oldVersion === 0) {
        createStores(d);
        return;
      }
      if (oldVersion === 1) {
        // Schema 1 had `meta` (the whole lab as one document) and string-keyed `blobs` (never used: S3 had not landed).
        if (d.objectStoreNames.contains('blobs')) d.deleteObjectStore('blobs');
        createStores(d);
        upgradeFromDocument(tx).catch((e: unknown) => {
          upgradeError = e;
          tx.abort();
        });
      }
    },
    blocked() {
      blocked = true;
    },
    blocking() {
      // A newer version wants to upgrade: let it (this connection's later commits fail as 'closed').
      holder.db?.close();
      closed = true;
    },
  });
  const holder: { db?: IDBPDatabase } = {};
  let closed = false;
  const timeout = new Promise<'blocked'>((r) => setTimeout(() => r('blocked'), BLOCKED_MS));
  const first = await Promise.race([opening.then((x) => x, (e: unknown) => ({ error: e })), timeout]);
  const base = { dbName };
  if (first === 'blocked' && blocked) {
    throw new SandboxStoreError(
      'blocked',
      "Another tab still has the lab open with an older version of the app, so its storage cannot be upgraded. Close the lab's other tabs and reload.",
      readOnlyStore(base),
    );
  }
  const opened = first === 'blocked' ? await opening.then((x) => x, (e: unknown) => ({ error: e })) : first;
  if ('error' in opened) {
    const e = opened.error;
    if (upgradeError instanceof MigrationError && upgradeError.kind === 'newer') {
      throw new SandboxStoreError('version', upgradeError.message, readOnlyStore(base), { cause: e });
    }
    const why = upgradeError ?? e;
    const name = (e as { name?: string } | null)?.name;
    if (name === 'VersionError') {
      throw new SandboxStoreError(
        'version',
        'The lab in this browser was saved by a newer version of the app. Use the newer app, or export the lab and reset it.',
        readOnlyStore(base),
        { cause: e },
      );
    }
    throw new SandboxStoreError(
      upgradeError ? 'corrupt' : 'unreadable',
      upgradeError
        ? `The saved lab could not be upgraded to this version (${(why as Error)?.message ?? String(why)}). Export what can be read, then reset the lab.`
        : `The browser refused to open the lab's storage (${(e as Error)?.message ?? String(e)}). Export what can be read, then reset the lab.`,
      readOnlyStore(base),
      { cause: why },
    );
  }
  holder.db = opened;
  const conn = opened;
  conn.addEventListener('close', () => {
    closed = true;
  });
  // Body writes and deletes go through one queue, committed in order: while one transaction runs,
  // the writes that arrive meanwhile wait and then share the next one. A large body arrives as many
  // ~1 MiB segments with a few writes in flight (s3-segments.ts), and IndexedDB's cost is mostly per
  // transaction (in Chromium, ten 896 KiB values in one transaction stored at 56 MiB/s against 35-38
  // one per transaction, with less CPU). A delete is queued like a write, so it never overtakes a write
  // of the same key queued before it. A failed transaction fails every write in it (each caller then
  // rolls back its own bodies): nothing in it is stored.
  const blobWrites = groupCommit<BlobWrite>(async (batch) => {
    let tx;
    try {
      tx = conn.transaction('blobs', 'readwrite');
    } catch (e) {
      throw commitFailure(e);
    }
    for (const w of batch) {
      quiet(tx.store.delete(IDBKeyRange.bound([w.key, 0], [w.key, Infinity])));
      if (w.blob) {
        // Made when it was put (asBlob); IndexedDB clones only a reference to it.
        quiet(tx.store.put(w.blob, [w.key, 0]));
        continue;
      }
      if (w.body === undefined) continue;
      const { pieces, length } = bodyPieces(w.body);
      if (length <= BLOB_VALUE_MAX) {
        // One value, as given: one piece is stored as bytes, several as an array of them (not joined).
        const own = pieces.map(ownBuffer);
        quiet(tx.store.put(own.length === 1 ? own[0] : own, [w.key, 0]));
      } else {
        const bytes = joinBody(pieces);
        for (let i = 0, o = 0; o < bytes.length; i++, o += BLOB_CHUNK) quiet(tx.store.put(bytes.slice(o, o + BLOB_CHUNK), [w.key, i]));
      }
    }
    await tx.done.catch((e: unknown) => {
      throw commitFailure(e);
    });
  }, (w) => w.bytes);
  let lastSeq = 0;
  let fault: StoreFault | null = null;
  const takeFault = () => {
    if (closed) return faultError('closed');
    if (!fault) return undefined;
    const f = fault;
    fault = null;
    return faultError(f);
  };

  const trailStats = async (): Promise<TrailStats> => {
    const tx = conn.transaction('trail', 'readonly');
    const [count, first] = await Promise.all([tx.store.count(), tx.store.index('Time').openCursor()]);
    const oldest = (first?.value as TrailRow | undefined)?.t;
    await tx.done.catch(() => undefined);
    return { count, oldest };
  };

  // Ask the browser to keep the lab's storage (not evicted under pressure); the settings page shows the answer.
  void globalThis.navigator?.storage?.persist?.().catch(() => false);

  const store: SandboxStore = {
    kind: 'indexeddb',
    async open() {
      const meta = (await conn.get('meta', 'lab')) as { epoch?: unknown } | undefined;
      if (meta === undefined) return undefined;
      if (typeof meta.epoch !== 'number') {
        throw new SandboxStoreError('corrupt', 'The saved lab is damaged (no epoch). Export what can be read, then reset the lab.', store);
      }
      const rows = (await conn.getAll('records')) as { k?: unknown; v?: unknown }[];
      const records: StoredRecord[] = [];
      for (const row of rows) {
        const k = row.k;
        const bad = !Array.isArray(k) || k.length !== 5 || k.some((x) => typeof x !== 'string');
        const problem = bad ? 'a record has no valid key' : recordProblem(k as unknown as RecordKey, row.v);
        if (problem) {
          throw new SandboxStoreError('corrupt', `The saved lab is damaged (${problem}). Export what can be read, then reset the lab.`, store);
        }
        records.push({ k: k as unknown as RecordKey, v: row.v });
      }
      // The trail stays in its store: only the last sequence number, the count and the oldest time are read.
      const lastKey = await conn.transaction('trail').store.openKeyCursor(null, 'prev');
      lastSeq = typeof lastKey?.primaryKey === 'number' ? lastKey.primaryKey : 0;
      const trail = await trailStats();
      // Bodies no record references (a call that failed after writing one) are collected now.
      const refs = new Set<string>();
      for (const r of records) blobRefsOf(r.v, refs);
      const chunkKeys = (await conn.getAllKeys('blobs')) as [string, number][];
      const orphans = new Set(chunkKeys.map((k) => k[0]).filter((k) => !refs.has(k)));
      if (orphans.size) {
        const tx = conn.transaction('blobs', 'readwrite');
        for (const key of orphans) void tx.store.delete(IDBKeyRange.bound([key, 0], [key, Infinity]));
        await tx.done;
      }
      return { epoch: meta.epoch, schemaVersion: SCHEMA_VERSION, records, trail } satisfies OpenedLab;
    },
    async commit(ws: WriteSet, expected: number) {
      const f = changesResources(ws) ? takeFault() : closed ? faultError('closed') : undefined;
      if (f) throw f;
      try {
        const tx = conn.transaction(['meta', 'records', 'trail'], 'readwrite');
        const epochRead = tx.objectStore('meta').get('lab');
        quiet(epochRead);
        const records = tx.objectStore('records');
        for (const r of ws.puts) quiet(records.put({ k: r.k, v: r.v }));
        for (const k of ws.deletes) quiet(records.delete(k as unknown as string[]));
        const trail = tx.objectStore('trail');
        let seq = lastSeq;
        for (const ev of ws.trail) quiet(trail.put(trailRow(ev, ++seq)));
        const meta = (await epochRead) as { epoch?: number } | undefined;
        if (meta?.epoch !== expected) {
          tx.abort();
          await tx.done.catch(() => undefined);
          throw new StaleEpochError(expected, meta?.epoch ?? 0);
        }
        await tx.done;
        lastSeq = seq;
      } catch (e) {
        if (e instanceof StaleEpochError || e instanceof StoreCommitError) throw e;
        throw commitFailure(e);
      }
    },
    async replace(lab: LabSnapshot) {
      const f = takeFault();
      if (f) throw f;
      try {
        const tx = conn.transaction(['meta', 'records', 'trail'], 'readwrite');
        quiet(tx.objectStore('records').clear());
        quiet(tx.objectStore('trail').clear());
        for (const r of lab.records) quiet(tx.objectStore('records').put({ k: r.k, v: r.v }));
        let seq = lastSeq;
        for (const ev of lab.trail) quiet(tx.objectStore('trail').put(trailRow(ev, ++seq)));
        quiet(tx.objectStore('meta').put({ epoch: lab.epoch, schemaVersion: SCHEMA_VERSION }, 'lab'));
        await tx.done;
        lastSeq = seq;
      } catch (e) {
        throw commitFailure(e);
      }
    },
    async epoch() {
      const meta = (await conn.get('meta', 'lab')) as { epoch?: number } | undefined;
      return typeof meta?.epoch === 'number' ? meta.epoch : 0;
    },
    async pruneTrail(before: number, cap: number) {
      // Age: the records older than `before` by their time (the Time index); rare (90 simulated days).
      const tx = conn.transaction('trail', 'readwrite');
      const time = tx.store.index('Time');
      let cur = await time.openCursor(IDBKeyRange.upperBound([before, -Infinity], true));
      while (cur) {
        await cur.delete();
        cur = await cur.continue();
      }
      // The cap: the records past the newest `cap`, in the order they were recorded (their sequence
      // numbers, the store's keys), go in one range delete. Deleted one by one through a cursor (two
      // awaits a record), the 250 of each prune took long enough to cut a full trail's calls per
      // second by about a fifth in the browser-sandbox bench (docs/sandbox.md, "The trail").
      const extra = (await tx.store.count()) - cap;
      if (extra > 0) {
        const oldest = (await tx.store.getAllKeys(null, extra)) as number[];
        const last = oldest[oldest.length - 1];
        if (last !== undefined) await tx.store.delete(IDBKeyRange.upperBound(last));
      }
      await tx.done;
      return trailStats();
    },
    async lookupTrail(q: TrailQuery): Promise<TrailPage> {
      const index = q.attribute?.key ?? 'Time';
      const prefix = q.attribute ? [q.attribute.value] : [];
      const lower = [...prefix, q.start ?? -Infinity, -Infinity];
      let upper = [...prefix, q.end ?? Infinity, Infinity];
      let upperOpen = false;
      if (q.cursor && (q.end === undefined || q.cursor.t <= q.end)) {
        upper = [...prefix, q.cursor.t, q.cursor.seq];
        upperOpen = true;
      }
      const tx = conn.transaction('trail', 'readonly');
      const events: TrailEvent[] = [];
      const seen = new Set<number>();
      let last: TrailRow | undefined;
      let more = false;
      let cur = await tx.store.index(index).openCursor(IDBKeyRange.bound(lower, upper, false, upperOpen), 'prev');
      while (cur) {
        const row = cur.value as TrailRow;
        if (!seen.has(row.seq) && !q.skip?.(row.ev)) {
          if (events.length === q.limit) {
            more = true;
            break;
          }
          seen.add(row.seq);
          events.push(row.ev);
          last = row;
        }
        cur = await cur.continue();
      }
      await tx.done.catch(() => undefined);
      return { events, next: more && last ? { t: last.t, seq: last.seq } : undefined };
    },
    async *readTrail() {
      let after = -Infinity;
      for (;;) {
        const rows = (await conn.getAll('trail', IDBKeyRange.lowerBound(after, true), TRAIL_PAGE)) as TrailRow[];
        if (!rows.length) return;
        yield rows.map((r) => r.ev);
        after = rows[rows.length - 1]!.seq;
      }
    },
    async *blobPieces(key) {
      // One stored value at a time: a body (or one of its 1 MiB cuts), or a segment's pieces; each
      // yielded as views of at most BLOB_PIECE bytes.
      for (let i = 0; ; i++) {
        const value: unknown = await conn.get('blobs', [key, i]);
        if (value === undefined) return;
        const pieces = await valuePieces(value);
        if (!pieces) throw new SandboxStoreError('corrupt', `The stored body ${key} is damaged.`);
        for (const p of pieces) {
          if (p.length === 0 && pieces.length === 1) yield p;
          for (let o = 0; o < p.length; o += BLOB_PIECE) yield p.subarray(o, Math.min(p.length, o + BLOB_PIECE));
        }
      }
    },
    putBlob(key, body) {
      return blobWrites.run(asBlob(key, body));
    },
    async getBlob(key) {
      const values = await conn.getAll('blobs', IDBKeyRange.bound([key, 0], [key, Infinity]));
      if (!values.length) return undefined;
      const pieces: Uint8Array[] = [];
      for (const v of values) {
        const p = await valuePieces(v);
        // Not a body (a damaged store): read as missing, which the caller answers as S3 does (InternalError).
        if (!p) return undefined;
        pieces.push(...p);
      }
      // One stored piece is returned as it came out of IndexedDB (a fresh copy already): no second copy.
      return pieces.length === 1 ? pieces[0]! : concatBytes(...pieces);
    },
    deleteBlob(key) {
      return blobWrites.run({ key, bytes: 0 });
    },
    async clear() {
      const tx = conn.transaction(['records', 'trail', 'blobs'], 'readwrite');
      void tx.objectStore('records').clear();
      void tx.objectStore('trail').clear();
      void tx.objectStore('blobs').clear();
      await tx.done;
    },
    readable: () => readAll(conn),
    async estimate() {
      const s = globalThis.navigator?.storage;
      const [e, persisted] = await Promise.all([s?.estimate?.().catch(() => undefined), s?.persisted?.().catch(() => undefined)]);
      return { usage: e?.usage, quota: e?.quota, persisted };
    },
    injectFault(f) {
      fault = f;
    },
    close() {
      closed = true;
      conn.close();
    },
  };
  return store;
}

/** Everything that still decodes, whatever the version: the export offered before a reset. */
async function readAll(conn: IDBPDatabase): Promise<{ records: StoredRecord[]; trail: TrailEvent[]; skipped: number }> {
  const records: StoredRecord[] = [];
  const trail: TrailEvent[] = [];
  let skipped = 0;
  const names = conn.objectStoreNames;
  if (names.contains('records')) {
    for (const row of (await conn.getAll('records')) as { k?: unknown; v?: unknown }[]) {
      const k = row.k;
      if (Array.isArray(k) && k.length === 5 && k.every((x) => typeof x === 'string') && !recordProblem(k as unknown as RecordKey, row.v)) {
        records.push({ k: k as unknown as RecordKey, v: row.v });
      } else skipped++;
    }
  }
  if (names.contains('trail')) {
    for (const row of (await conn.getAll('trail')) as TrailRow[]) {
      if (row && typeof row === 'object' && row.ev && typeof row.ev.eventID === 'string') trail.push(row.ev);
      else skipped++;
    }
  }
  if (names.contains('meta')) {
    const head = (await conn.get('meta', 'head').catch(() => undefined)) as { state?: Record<string, unknown> } | undefined;
    if (head?.state) {
      try {
        const doc = migrate(head.state);
        for (const r of doc['records'] as { account: string; region: string; service: string; kind: string; id: string; value: unknown }[]) {
          const k: RecordKey = [r.account, r.region, r.service, r.kind, r.id];
          if (recordProblem(k, r.value)) skipped++;
          else records.push({ k, v: r.value });
        }
        trail.push(...(doc['trail'] as TrailEvent[]));
      } catch {
        skipped++;
      }
    }
  }
  return { records, trail, skipped };
}

/** A store that cannot be used for calls, only read for an export and cleared (the recovery path). */
function readOnlyStore(base: { dbName: string }): SandboxStore {
  const refuse = async (): Promise<never> => {
    throw new StoreCommitError('unknown', 'The lab storage could not be opened; export what can be read, then reset.');
  };
  const withDb = async <T,>(fn: (db: IDBPDatabase) => Promise<T>): Promise<T> => {
    const db = await openDB(base.dbName);
    try {
      return await fn(db);
    } finally {
      db.close();
    }
  };
  return {
    kind: 'indexeddb',
    open: refuse,
    commit: refuse,
    replace: refuse,
    epoch: async () => 0,
    pruneTrail: refuse,
    lookupTrail: refuse,
    // eslint-disable-next-line require-yield
    readTrail: async function* () {
      return;
    },
    putBlob: refuse,
    getBlob: async () => undefined,
    // eslint-disable-next-line require-yield
    blobPieces: async function* () {
      return;
    },
    deleteBlob: refuse,
    readable: () => withDb(readAll),
    /** Deletes the database: the next createIndexedDbStore starts empty, at this version. */
    async clear() {
      await new Promise<void>((resolve, reject) => {
        const req = indexedDB.deleteDatabase(base.dbName);
        req.onsuccess = () => resolve();
        req.onerror = () => reject(req.error);
        req.onblocked = () => resolve();
      });
    },
  };
}
