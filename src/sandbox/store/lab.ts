import { ServiceError } from '../protocol/service-error';
import { DAY_MS } from '../shared/clock';
import type { BlobStore } from '../shared/context';
import { SCHEMA_VERSION, type LabModel } from '../shared/state';
import { TRAIL_MAX_EVENTS, TRAIL_PRUNE_SLACK, TRAIL_RETENTION_DAYS } from '../shared/trail';
import type { SandboxState } from '../shared/state';
import type { TrailEvent } from '../shared/trail-types';
import type { TrailPage, TrailQuery, TrailStats } from '../shared/trail-query';
import {
  decodeValue,
  encodeValue,
  getRecord,
  isLegacyRecord,
  keyString,
  modelFromRecords,
  parseKeyString,
  pruneEmpty,
  recordsOf,
  setRecord,
  type RecordKey,
  type StoredRecord,
} from './records';
import { nextEpoch, StaleEpochError, StoreCommitError, type OpenedLab, type SandboxStore } from './store';
import { WriteTracker } from './write-tracker';

/** The longest a read-only call's trail record waits before it is committed (batched with its neighbours). */
export const TRAIL_BATCH_MS = 250;

export type ChangeKind = 'commit' | 'reset' | 'clock' | 'import';

interface Diff {
  puts: StoredRecord[];
  deletes: RecordKey[];
  /** Every record's JSON form after the call. */
  seen: Map<string, string>;
}

/**
 * A call's write set. `full`: every record was encoded (`forms` holds them all; a committed record not
 * among them was deleted). Otherwise only the records the call could have changed (WriteTracker):
 * `forms` holds their forms after the call, undefined for one the model no longer holds.
 */
interface WriteSetDiff {
  puts: StoredRecord[];
  deletes: RecordKey[];
  full: boolean;
  forms: Map<string, string | undefined>;
}

/** Test switch (vite.config.ts sets it): every call's tracked write set is checked against a full diff. */
const VERIFY_WRITE_SETS =
  (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env?.['SANDBOX_VERIFY_WRITE_SETS'] === '1';

/**
 * The lab's working model and its write sets. Services mutate the in-memory LabModel (ctx.state is a
 * view of it, `view()`); after each call the records it changed are found by comparing the JSON form of
 * each record it touched (WriteTracker) with the committed one, and committed to the store in one
 * atomic write. A call that fails, or whose
 * commit fails, is rolled back in memory from those committed forms: no partial writes, and since a
 * write set is a set of whole records keyed by their ids, committing one twice changes nothing.
 *
 * Calls run one at a time (a promise queue): the engine has one owner per origin (the host's worker),
 * so there is no per-call reload; the epoch guards against a stale owner writing over a newer lab.
 */
export class Lab {
  model: LabModel;
  epoch = 0;
  private committed = new Map<string, string>();
  /** The trail store's size and oldest record (model.trail.events holds only what is not committed yet). */
  private trailStats: TrailStats = { count: 0 };
  private queue: Promise<unknown> = Promise.resolve();
  private batchTimer: ReturnType<typeof setTimeout> | undefined;
  private batchDone: Promise<void> = Promise.resolve();
  /** Within a call: the records as they were after runDue (a failed call keeps what became due). */
  private checkpointForms: Map<string, string> | undefined;
  private txTrailStart = 0;
  private txBlobPuts: string[] = [];
  private txBlobDeletes: string[] = [];
  private readonly tracker = new WriteTracker(() => this.model);
  /** Records encoded to find write sets since the lab opened (the store bench and tests read it). */
  encodes = 0;

  constructor(
    readonly store: SandboxStore,
    private readonly opts: {
      /** Simulated now (epoch ms): trail retention counts simulated days. */
      simNow: () => number;
      /** Default TRAIL_MAX_EVENTS. */
      trailMaxEvents?: number;
      onError: (e: unknown) => void;
      onChange: (kind: ChangeKind, services: string[]) => void;
    },
  ) {
    this.model = this.attach({ schemaVersion: SCHEMA_VERSION, clock: { offsetMs: 0 }, accounts: {}, trail: { events: [], nextSeq: 1 } });
  }

  /** Gives the model's trail its reader over the store (LookupEvents uses it). */
  private attach(model: LabModel): LabModel {
    model.trail.lookup = (q) => this.lookupInCall(q);
    return model;
  }

  /** Opens the store (migrating it), or starts a fresh lab. Throws SandboxStoreError for a store it cannot read. */
  async open(fresh: () => LabModel): Promise<void> {
    const snap = await this.store.open();
    // A cleared store keeps only its epoch; a lab always has its clock record.
    if (!snap || snap.records.length === 0) {
      await this.install(fresh(), 'reset', false);
      return;
    }
    this.adopt(snap);
    await this.retain(true);
  }

  private adopt(snap: OpenedLab): void {
    const model = modelFromRecords(snap.records, SCHEMA_VERSION);
    model.trail.nextSeq = snap.trail.count + 1;
    this.model = this.attach(model);
    this.trailStats = { ...snap.trail };
    this.epoch = snap.epoch;
    this.committed = new Map(snap.records.map((r) => [keyString(r.k), r.e ?? encodeValue(r.v)]));
    // Normalise: the committed forms are those of the records as the model holds them.
    this.committed = this.diff(new Map()).seen;
    // Records of an earlier format are rewritten by the next commit, with the records split out of
    // them (which the store does not hold yet, so they are not committed).
    const stored = new Set(snap.records.map((r) => keyString(r.k)));
    for (const ks of [...this.committed.keys()]) if (!stored.has(ks)) this.committed.delete(ks);
    for (const r of snap.records) if (isLegacyRecord(r.k, r.v)) this.committed.set(keyString(r.k), r.e ?? encodeValue(r.v));
  }

  /** The lab's records as they are now (the export reads the trail from the store). */
  records(): StoredRecord[] {
    return this.diff(new Map()).puts;
  }

  /** How many trail records the lab holds (the store's and those waiting for their batch). */
  trailCount(): number {
    return this.trailStats.count + this.model.trail.events.length;
  }

  /** The first `n` uncommitted trail records are now in the store. */
  private trailStored(n: number): void {
    if (n <= 0) return;
    const done = this.model.trail.events.splice(0, n);
    this.txTrailStart = Math.max(0, this.txTrailStart - n);
    this.trailStats.count += n;
    for (const ev of done) {
      const t = Date.parse(ev.eventTime);
      if (this.trailStats.oldest === undefined || t < this.trailStats.oldest) this.trailStats.oldest = t;
    }
  }

  /**
   * LookupEvents inside a call: the records waiting for their batch are committed first (one small
   * trail-only commit), then the store answers from its indexes.
   */
  private async lookupInCall(q: TrailQuery): Promise<TrailPage> {
    const pending = this.model.trail.events.length;
    if (pending) {
      try {
        await this.store.commit({ puts: [], deletes: [], trail: this.model.trail.events.slice(0, pending) }, this.epoch);
      } catch (e) {
        throw storageError(e);
      }
      this.trailStored(pending);
    }
    return this.store.lookupTrail(q);
  }

  /** A trail read from outside a call (the page's data-event view, tests): queued like a call. */
  lookupTrail(q: TrailQuery): Promise<TrailPage> {
    const task = () => this.lookupInCall(q);
    const p = this.queue.then(task, task);
    this.queue = p.catch(() => undefined);
    return p;
  }

  /** Every trail record matching `q`, newest first (tests, the data-event view): pages of `q.limit`. */
  async allTrail(q: Omit<TrailQuery, 'limit' | 'cursor'>): Promise<TrailEvent[]> {
    const out: TrailEvent[] = [];
    let page = await this.lookupTrail({ ...q, limit: 500 });
    out.push(...page.events);
    while (page.next) {
      page = await this.lookupTrail({ ...q, limit: 500, cursor: page.next });
      out.push(...page.events);
    }
    return out;
  }

  /** The view of one account that a call's services use: what they touch is tracked (write-tracker.ts). */
  view(accountId: string): SandboxState {
    return this.tracker.view(accountId);
  }

  /** Something changed the model outside the view during this call (runDue): encode every record. */
  untracked(): void {
    this.tracker.all = true;
  }

  /** Every record's current form; puts/deletes relative to `base`. */
  private diff(base: Map<string, string>): Diff {
    const puts: StoredRecord[] = [];
    const seen = new Map<string, string>();
    for (const r of recordsOf(this.model)) {
      const ks = keyString(r.k);
      const e = encodeValue(r.v);
      this.encodes++;
      seen.set(ks, e);
      if (base.get(ks) !== e) puts.push({ k: r.k, v: r.v, e });
    }
    const deletes: RecordKey[] = [];
    for (const ks of base.keys()) if (!seen.has(ks)) deletes.push(parseKeyString(ks));
    return { puts, deletes, seen };
  }

  /** The call's write set relative to the committed records: the tracked records only, unless `all`. */
  private writeSet(): WriteSetDiff {
    if (this.tracker.all) {
      const d = this.diff(this.committed);
      return { puts: d.puts, deletes: d.deletes, full: true, forms: d.seen };
    }
    const puts: StoredRecord[] = [];
    const deletes: RecordKey[] = [];
    const forms = new Map<string, string | undefined>();
    for (const [ks, k] of this.tracker.candidates()) {
      const v = getRecord(this.model, k);
      const e = v === undefined ? undefined : encodeValue(v);
      if (e !== undefined) this.encodes++;
      forms.set(ks, e);
      const was = this.committed.get(ks);
      if (e === undefined) {
        if (was !== undefined) deletes.push(k);
      } else if (was !== e) puts.push({ k, v, e });
    }
    if (VERIFY_WRITE_SETS) this.verify(puts, deletes);
    return { puts, deletes, full: false, forms };
  }

  /** Test mode: the tracked write set must be the one a diff of every record finds. */
  private verify(puts: StoredRecord[], deletes: RecordKey[]): void {
    const counted = this.encodes;
    const d = this.diff(this.committed);
    this.encodes = counted;
    const want = [...d.puts.map((r) => `put ${keyString(r.k)} ${r.e}`), ...d.deletes.map((k) => `delete ${keyString(k)}`)].sort();
    const got = [...puts.map((r) => `put ${keyString(r.k)} ${r.e}`), ...deletes.map((k) => `delete ${keyString(k)}`)].sort();
    if (want.join('\n') !== got.join('\n')) {
      throw new Error(`tracked write set differs from the full diff:\nwant ${want.join('\n     ')}\ngot  ${got.join('\n     ')}`);
    }
  }

  /** Puts the records a write set covers back to `target` (their committed or checkpoint forms). */
  private restoreWriteSet(target: Map<string, string>, d: WriteSetDiff): void {
    if (d.full) return this.restore(target, d.forms as Map<string, string>);
    for (const [ks, e] of d.forms) {
      const want = target.get(ks);
      if (want !== e) setRecord(this.model, parseKeyString(ks), want === undefined ? undefined : decodeValue(want));
    }
    pruneEmpty(this.model);
  }

  /** The committed forms after a write set is committed. */
  private applyCommitted(d: WriteSetDiff): void {
    if (d.full) {
      this.committed = d.forms as Map<string, string>;
      return;
    }
    for (const [ks, e] of d.forms) {
      if (e === undefined) this.committed.delete(ks);
      else this.committed.set(ks, e);
    }
  }

  /** Puts the model's records back to `target` (their committed or checkpoint forms). */
  private restore(target: Map<string, string>, current: Map<string, string>): void {
    for (const [ks, e] of current) {
      const want = target.get(ks);
      if (want !== e) setRecord(this.model, parseKeyString(ks), want === undefined ? undefined : decodeValue(want));
    }
    for (const [ks, e] of target) if (!current.has(ks)) setRecord(this.model, parseKeyString(ks), decodeValue(e));
    pruneEmpty(this.model);
  }

  /** Called by the engine after runDue: what became due stays even if the call then fails. */
  checkpoint(): void {
    // Everything runDue changes records a service event; no new event, nothing changed.
    if (this.model.trail.events.length === this.txTrailStart) return;
    // runDue changed records outside the tracked view: this call encodes every record.
    this.tracker.all = true;
    this.checkpointForms = this.diff(new Map()).seen;
  }

  /** Runs one call as a transaction. */
  run<T>(mutating: boolean, fn: () => Promise<T>, services: string[] = []): Promise<T> {
    // An arrow in place, not a named `task`: tsx's keepNames names a named closure with a
    // defineProperty each time it is made, and this runs for every call. The queue never rejects.
    const p = this.queue.then(() => this.transaction(mutating, fn, services, 'commit'));
    this.queue = p.catch(() => undefined);
    return p;
  }

  private async transaction<T>(_mutating: boolean, fn: () => Promise<T>, services: string[], kind: ChangeKind): Promise<T> {
    this.checkpointForms = undefined;
    this.txTrailStart = this.model.trail.events.length;
    this.txBlobPuts = [];
    this.txBlobDeletes = [];
    this.tracker.reset();
    // A clock move runs runDue on the model itself: its changes are found by encoding every record.
    if (kind !== 'commit') this.tracker.all = true;
    let result: { ok: true; value: T } | { ok: false; error: unknown };
    try {
      result = { ok: true, value: await fn() };
    } catch (error) {
      result = { ok: false, error };
    }
    let d = this.writeSet();
    if (!result.ok) {
      // The failed call's own changes are discarded; what became due before it (runDue) is kept.
      this.restoreWriteSet(this.checkpointForms ?? this.committed, d);
      d = this.writeSet();
      void this.dropBlobs(this.txBlobPuts);
    } else pruneEmpty(this.model);
    const blobDeletes = result.ok ? this.txBlobDeletes : [];
    if (d.puts.length || d.deletes.length) {
      const trail = this.model.trail.events.slice();
      try {
        await this.store.commit({ puts: d.puts, deletes: d.deletes, trail }, this.epoch);
      } catch (e) {
        this.restoreWriteSet(this.committed, d);
        // The call's trail records describe an outcome that was not kept: they go too.
        this.model.trail.events.splice(this.txTrailStart);
        void this.dropBlobs(this.txBlobPuts);
        throw storageError(e);
      }
      this.applyCommitted(d);
      this.trailStored(trail.length);
      this.cancelBatch();
      for (const k of blobDeletes) await this.store.deleteBlob(k).catch((e: unknown) => this.opts.onError(e));
      const changed = new Set(services);
      for (const r of d.puts) changed.add(r.k[2]);
      for (const k of d.deletes) changed.add(k[2]);
      changed.add('cloudtrail');
      this.opts.onChange(kind, [...changed]);
      await this.retain(false);
    } else {
      for (const k of blobDeletes) await this.store.deleteBlob(k).catch((e: unknown) => this.opts.onError(e));
      if (this.model.trail.events.length > 0) await this.scheduleBatch();
    }
    if (!result.ok) throw result.error;
    return result.value;
  }

  /** Trail records of calls that changed no record are committed together, at most TRAIL_BATCH_MS later. */
  private async scheduleBatch(): Promise<void> {
    if (this.store.kind === 'memory') {
      // Nothing to wait for: commit at once (keeps the Node hot path free of timers).
      await this.flushTrail();
      return;
    }
    if (this.batchTimer !== undefined) return;
    this.batchTimer = setTimeout(() => {
      this.batchTimer = undefined;
      const task = () => this.flushTrail();
      const p = this.queue.then(task, task);
      this.queue = p.catch(() => undefined);
      this.batchDone = p;
    }, TRAIL_BATCH_MS);
  }

  private cancelBatch(): void {
    if (this.batchTimer !== undefined) clearTimeout(this.batchTimer);
    this.batchTimer = undefined;
  }

  private async flushTrail(): Promise<void> {
    const trail = this.model.trail.events.slice();
    if (!trail.length) return;
    try {
      await this.store.commit({ puts: [], deletes: [], trail }, this.epoch);
      this.trailStored(trail.length);
      this.opts.onChange('commit', ['cloudtrail']);
      await this.retain(false);
    } catch (e) {
      // The events stay in memory and go with the next commit.
      this.opts.onError(e);
    }
  }

  /**
   * Trail retention: 90 days of simulated time, and at most TRAIL_MAX_EVENTS records (oldest dropped
   * first). Pruned in steps of TRAIL_PRUNE_SLACK so that a call's cost never depends on the trail's size.
   */
  private async retain(always: boolean): Promise<void> {
    const before = this.opts.simNow() - TRAIL_RETENTION_DAYS * DAY_MS;
    const cap = this.opts.trailMaxEvents ?? TRAIL_MAX_EVENTS;
    const { count, oldest } = this.trailStats;
    const tooOld = oldest !== undefined && oldest < before;
    if (!always && !tooOld && count <= cap + TRAIL_PRUNE_SLACK) return;
    try {
      this.trailStats = await this.store.pruneTrail(before, cap);
    } catch (e) {
      this.opts.onError(e);
    }
  }

  /** Replaces the whole lab (reset, import) under a new epoch. */
  replace(next: LabModel, kind: 'reset' | 'import'): Promise<void> {
    const task = () => this.install(next, kind, true);
    const p = this.queue.then(task, task);
    this.queue = p.catch(() => undefined);
    return p;
  }

  private async install(next: LabModel, kind: ChangeKind, notify: boolean): Promise<void> {
    this.cancelBatch();
    const previous = this.model;
    const epoch = nextEpoch(Math.max(this.epoch, await this.store.epoch()));
    // The new lab's trail goes to the store with it; the model keeps only what comes after.
    const trail = next.trail.events;
    next.trail.events = [];
    this.model = this.attach(next);
    pruneEmpty(next);
    const d = this.diff(new Map());
    try {
      await this.store.replace({ epoch, schemaVersion: SCHEMA_VERSION, records: d.puts, trail });
    } catch (e) {
      next.trail.events = trail;
      this.model = previous;
      throw e;
    }
    this.epoch = epoch;
    this.committed = d.seen;
    let oldest: number | undefined;
    for (const ev of trail) {
      const t = Date.parse(ev.eventTime);
      if (oldest === undefined || t < oldest) oldest = t;
    }
    this.trailStats = { count: trail.length, oldest };
    await this.retain(false);
    if (notify) this.opts.onChange(kind, ['kms', 'cognito-identity', 'sts', 'cloudtrail']);
  }

  /** Runs fn (a clock move) as a transaction of its own. */
  runClock(fn: () => Promise<void>): Promise<void> {
    const task = () => this.transaction(true, fn, ['sandbox', 'kms', 'cloudtrail'], 'clock');
    const p = this.queue.then(task, task);
    this.queue = p.catch(() => undefined);
    return p;
  }

  /** The blob area as operations see it: bodies are written before the metadata that references them. */
  blobs(): BlobStore {
    return {
      put: async (key, bytes) => {
        // Noted before the write ends: a call may have several writes in flight (s3-segments.ts), and
        // if it fails, its rollback drops every body it started, written or not.
        this.txBlobPuts.push(key);
        await this.store.putBlob(key, bytes);
      },
      get: (key) => this.store.getBlob(key),
      // Deleted once the call's records are committed (never before the metadata stops naming it).
      delete: async (key) => {
        this.txBlobDeletes.push(key);
      },
    };
  }

  private async dropBlobs(keys: string[]): Promise<void> {
    for (const k of keys) await this.store.deleteBlob(k).catch(() => undefined);
  }

  /** Waits for queued calls and the pending trail batch. */
  async flush(): Promise<void> {
    if (this.batchTimer !== undefined) {
      this.cancelBatch();
      const task = () => this.flushTrail();
      const p = this.queue.then(task, task);
      this.queue = p.catch(() => undefined);
    }
    await this.queue;
    await this.batchDone;
  }
}

/** A failed commit as the call's answer: a clear sandbox error (the SDK raises it by name). */
function storageError(e: unknown): ServiceError {
  if (e instanceof StaleEpochError) {
    return new ServiceError(
      'SandboxStorageException',
      'The lab was reset or replaced in another tab, so this call was not saved. Nothing was changed. Reload the page to continue with the new lab.',
      500,
    );
  }
  if (e instanceof StoreCommitError) return new ServiceError('SandboxStorageException', e.message, 500);
  const name = (e as { name?: string } | null)?.name;
  if (name === 'QuotaExceededError') {
    return new ServiceError(
      'SandboxStorageException',
      "The browser's storage for this site is full (QuotaExceededError), so the sandbox could not save this call. Nothing was changed. Free some space, or export the lab and reset it.",
      500,
    );
  }
  return new ServiceError(
    'SandboxStorageException',
    `The sandbox could not save this call (${name ?? 'Error'}: ${(e as Error)?.message ?? String(e)}). Nothing was changed.`,
    500,
  );
}
