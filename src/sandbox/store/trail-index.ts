import type { TrailEvent } from '../shared/trail-types';
import { attributeValues, TRAIL_ATTRIBUTES, type TrailPage, type TrailQuery, type TrailStats } from '../shared/trail-query';

/**
 * The trail store of the memory and file stores: the records in (time, sequence) order, and one list
 * per value of each LookupEvents attribute, each in the same order (the IndexedDB store's indexes, in
 * memory). A page is found by binary search and read newest first, so a lookup costs its page, not
 * the trail. An append costs one push: records are added to the attribute lists when a lookup by an
 * attribute next needs them (most calls append records and few look any up; indexing each record as
 * it came was about a tenth of the sandbox's own CPU time per S3 call), and those a prune drops first
 * are never indexed at all. A lookup then answers exactly as if every record had been indexed at once.
 *
 * Each record is kept as its JSON text, parsed again when a lookup reads it (a fresh copy each time).
 * Kept as objects, the records (some forty small objects each, thousands of them for the trail's
 * life) were copied by every young-generation collection until promoted: a third of the server's GC
 * time per S3 call. One string per record is one copy, and far less memory.
 */
interface Row {
  seq: number;
  t: number;
  /** The record as JSON (JSON.stringify of the TrailEvent appended). */
  json: string;
  /** Its EventId, noted when it was indexed (prune reads it back); undefined until then. */
  eventId?: string;
  /** The attribute lists the row is in (their valueKeys), noted when it was indexed; undefined until then. */
  lists?: string[];
  /** Pruned before it was indexed: never to be indexed. */
  gone?: boolean;
}

/** A row's record: a fresh object, parsed from its JSON. */
const eventOf = (r: Row): TrailEvent => JSON.parse(r.json) as TrailEvent;

/** Whether row r comes strictly before (t, seq). */
const isBefore = (r: Row, t: number, seq: number): boolean => r.t < t || (r.t === t && r.seq < seq);

/** The first index at which `pred` stops holding (pred holds on a prefix of the list). */
function firstFailing(list: Row[], pred: (r: Row) => boolean): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (pred(list[mid]!)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Inserts in (t, seq) order: a push, unless the clock gave an earlier time than the last record's. */
function insertOrdered(list: Row[], r: Row): void {
  const last = list[list.length - 1];
  if (last === undefined || !isBefore(r, last.t, last.seq)) {
    list.push(r);
    return;
  }
  list.splice(
    firstFailing(list, (x) => isBefore(x, r.t, r.seq)),
    0,
    r,
  );
}

/** One page of `list` (in ascending order), newest first. */
function pageOf(list: Row[], q: TrailQuery): TrailPage {
  let hi = list.length;
  if (q.end !== undefined) {
    const end = q.end;
    hi = firstFailing(list, (r) => r.t <= end);
  }
  if (q.cursor) {
    const c = q.cursor;
    hi = Math.min(hi, firstFailing(list, (r) => isBefore(r, c.t, c.seq)));
  }
  const events: TrailEvent[] = [];
  let last: Row | undefined;
  let more = false;
  for (let i = hi - 1; i >= 0; i--) {
    const r = list[i]!;
    if (q.start !== undefined && r.t < q.start) break;
    const ev = eventOf(r);
    if (q.skip?.(ev)) continue;
    if (events.length === q.limit) {
      more = true;
      break;
    }
    events.push(ev);
    last = r;
  }
  return { events, next: more && last ? { t: last.t, seq: last.seq } : undefined };
}

const valueKey = (attribute: string, value: string): string => `${attribute}\u0000${value}`;

/** The attributes kept as lists; EventId is unique per record, so it has a map of its own (no list per record). */
const LIST_ATTRIBUTES = TRAIL_ATTRIBUTES.filter((a) => a !== 'EventId');

export class TrailIndex {
  private rows: Row[] = [];
  private byValue = new Map<string, Row[]>();
  /** EventId -> its record (a list only if an import repeated an id). */
  private byEventId = new Map<string, Row | Row[]>();
  private lastSeq = 0;
  /** Rows appended since the attribute lists were last brought up to date, in append order. */
  private pending: Row[] = [];

  constructor(events: Iterable<TrailEvent> = []) {
    this.append(events);
  }

  get count(): number {
    return this.rows.length;
  }

  stats(): TrailStats {
    return { count: this.rows.length, oldest: this.rows[0]?.t };
  }

  append(events: Iterable<TrailEvent>): void {
    for (const ev of events) {
      const r: Row = { seq: ++this.lastSeq, t: Date.parse(ev.eventTime), json: JSON.stringify(ev) };
      insertOrdered(this.rows, r);
      this.pending.push(r);
    }
  }

  /** Indexes the rows appended since the last lookup by an attribute (those still in the trail). */
  private catchUp(): void {
    if (!this.pending.length) return;
    const rows = this.pending;
    this.pending = [];
    for (const r of rows) if (!r.gone) this.indexRow(r);
  }

  private indexRow(r: Row): void {
    const ev = eventOf(r);
    r.lists = [];
    r.eventId = ev.eventID;
    const same = this.byEventId.get(ev.eventID);
    if (same === undefined) this.byEventId.set(ev.eventID, r);
    else if (Array.isArray(same)) insertOrdered(same, r);
    else this.byEventId.set(ev.eventID, isBefore(r, same.t, same.seq) ? [r, same] : [same, r]);
    for (const a of LIST_ATTRIBUTES) {
      for (const v of attributeValues(ev, a)) {
        const k = valueKey(a, v);
        let list = this.byValue.get(k);
        if (!list) this.byValue.set(k, (list = []));
        insertOrdered(list, r);
        r.lists.push(k);
      }
    }
  }

  lookup(q: TrailQuery): TrailPage {
    let list = this.rows;
    if (q.attribute) this.catchUp();
    if (q.attribute?.key === 'EventId') {
      const rows = this.byEventId.get(q.attribute.value);
      list = rows === undefined ? [] : Array.isArray(rows) ? rows : [rows];
    }
    else if (q.attribute) list = this.byValue.get(valueKey(q.attribute.key, q.attribute.value)) ?? [];
    return pageOf(list, q);
  }

  /**
   * Drops records older than `before` (epoch ms) and the oldest beyond `cap`. Returns how many went.
   * The dropped rows are the oldest of every attribute list too, so each list loses a prefix: only the
   * lists the dropped rows are in are touched (rebuilding every list cost about 20 index insertions
   * per record appended once the trail sat at its cap), and each row says which lists those are.
   */
  prune(before: number, cap: number): number {
    let drop = firstFailing(this.rows, (r) => r.t < before);
    drop = Math.max(drop, this.rows.length - cap);
    if (drop <= 0) return 0;
    const dropped = new Map<string, number>();
    let unindexed = false;
    for (let i = 0; i < drop; i++) {
      const r = this.rows[i]!;
      if (r.lists === undefined) {
        r.gone = true;
        unindexed = true;
        continue;
      }
      for (const k of r.lists) dropped.set(k, (dropped.get(k) ?? 0) + 1);
      const id = r.eventId!;
      const same = this.byEventId.get(id);
      if (!Array.isArray(same)) this.byEventId.delete(id);
      else {
        same.splice(same.indexOf(r), 1);
        if (same.length === 1) this.byEventId.set(id, same[0]!);
      }
    }
    for (const [k, n] of dropped) {
      const list = this.byValue.get(k);
      if (!list) continue;
      if (n >= list.length) this.byValue.delete(k);
      else list.splice(0, n);
    }
    this.rows = this.rows.slice(drop);
    if (unindexed) this.pending = this.pending.filter((r) => !r.gone);
    return drop;
  }

  /** Oldest first (fresh copies). */
  events(): TrailEvent[] {
    return this.rows.map(eventOf);
  }

  /** Oldest first, as one JSON array (the text JSON.stringify(this.events()) gives, without parsing each). */
  eventsJson(): string {
    return `[${this.rows.map((r) => r.json).join(',')}]`;
  }

  clear(): void {
    this.rows = [];
    this.pending = [];
    this.byValue = new Map();
    this.byEventId = new Map();
  }
}

/** A lookup over a plain list of records (oldest first), for a state with no trail store behind it (unit tests of operations). */
export function lookupInList(events: TrailEvent[], q: TrailQuery): TrailPage {
  return new TrailIndex(events).lookup(q);
}
