import 'fake-indexeddb/auto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CreateKeyCommand, EncryptCommand } from '@aws-sdk/client-kms';
import { LookupEventsCommand } from '@aws-sdk/client-cloudtrail';
import { createIndexedDbStore } from '../indexeddb-store';
import { createMemoryStore } from '../memory-store';
import { createFileStore } from '../file-store';
import { Lab } from '../lab';
import { initialLab } from '../../index';
import { appendTrailEvent } from '../../shared/trail';
import { attributeValues, TRAIL_ATTRIBUTES, type TrailAttribute, type TrailQuery } from '../../shared/trail-query';
import type { TrailEvent } from '../../shared/trail-types';
import type { SandboxStore } from '../store';
import { sandboxClients } from '../../__tests__/helpers/clients';
import { DAY_MS } from '../../shared/clock';

/**
 * The trail store of each backend (IndexedDB through fake-indexeddb, memory, files) answers
 * LookupEvents' queries from its indexes: every attribute, a time range, pages with a cursor,
 * retention by age and by count. Each answer is checked against a plain scan of the same records.
 */
const T0 = Date.UTC(2026, 5, 1);
const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

let dbSeq = 0;
const backends: [string, () => Promise<SandboxStore>][] = [
  ['indexeddb', () => createIndexedDbStore(`trail-store-${++dbSeq}`)],
  ['memory', async () => createMemoryStore()],
  [
    'files',
    async () => {
      const d = await mkdtemp(join(tmpdir(), 'trail-store-'));
      dirs.push(d);
      return createFileStore(join(d, 'lab'));
    },
  ],
];

const NAMES = ['Encrypt', 'Decrypt', 'CreateKey', 'DescribeKey', 'ListKeys'];
const USERS = ['lab-admin', 'partner-admin'];
/** A varied record: i decides its name, user, key, source and whether it is read-only; times are i seconds apart. */
function event(i: number, t = T0 + i * 1000): TrailEvent {
  const key = `arn:aws:kms:us-east-1:111122223333:key/k-${i % 7}`;
  return {
    eventVersion: '1.08',
    userIdentity: { type: 'IAMUser', userName: USERS[i % 2], accessKeyId: i % 2 ? '444455556666' : 'test', arn: 'x', accountId: '111122223333' },
    eventTime: new Date(t).toISOString(),
    eventSource: i % 11 === 0 ? 'sts.amazonaws.com' : 'kms.amazonaws.com',
    eventName: NAMES[i % NAMES.length]!,
    awsRegion: 'us-east-1',
    sourceIPAddress: '127.0.0.1',
    userAgent: 'test',
    requestParameters: null,
    responseElements: null,
    requestID: `r-${i}`,
    eventID: `e-${i}`,
    readOnly: i % 3 !== 0,
    resources: i % 5 === 4 ? [] : [{ ARN: key, accountId: '111122223333', type: i % 2 ? 'AWS::KMS::Key' : 'AWS::KMS::Alias' }],
    eventType: 'AwsApiCall',
    managementEvent: true,
    recipientAccountId: '111122223333',
    eventCategory: 'Management',
  };
}

async function opened(make: () => Promise<SandboxStore>, events: TrailEvent[]): Promise<SandboxStore> {
  const store = await make();
  await store.open();
  await store.replace({ epoch: 1, schemaVersion: 2, records: [], trail: [] });
  // Appended in several commits, as calls append them.
  for (let i = 0; i < events.length; i += 97) await store.commit({ puts: [], deletes: [], trail: events.slice(i, i + 97) }, 1);
  return store;
}

/** Every page of a query, following the cursor. */
async function allPages(store: SandboxStore, q: Omit<TrailQuery, 'cursor'>): Promise<{ ids: string[]; pages: number }> {
  const ids: string[] = [];
  let page = await store.lookupTrail(q);
  let pages = 1;
  ids.push(...page.events.map((e) => e.eventID));
  while (page.next) {
    expect(page.events).toHaveLength(q.limit);
    page = await store.lookupTrail({ ...q, cursor: page.next });
    pages++;
    ids.push(...page.events.map((e) => e.eventID));
  }
  return { ids, pages };
}

/** What a plain scan finds, newest first. */
function scan(events: TrailEvent[], q: Omit<TrailQuery, 'cursor' | 'limit'>): string[] {
  return events
    .filter((e) => {
      const t = Date.parse(e.eventTime);
      if (q.start !== undefined && t < q.start) return false;
      if (q.end !== undefined && t > q.end) return false;
      if (q.attribute && !attributeValues(e, q.attribute.key).includes(q.attribute.value)) return false;
      return !q.skip?.(e);
    })
    .reverse()
    .map((e) => e.eventID);
}

describe.each(backends)('the %s trail store', (_name, make) => {
  const events = Array.from({ length: 600 }, (_, i) => event(i));

  it('filters by each LookupEvents attribute, newest first, as a scan of the records would', async () => {
    const store = await opened(make, events);
    const values: Record<TrailAttribute, string> = {
      EventId: 'e-123',
      EventName: 'Decrypt',
      ReadOnly: 'false',
      Username: 'partner-admin',
      ResourceType: 'AWS::KMS::Alias',
      ResourceName: 'arn:aws:kms:us-east-1:111122223333:key/k-3',
      EventSource: 'sts.amazonaws.com',
      AccessKeyId: '444455556666',
    };
    for (const key of TRAIL_ATTRIBUTES) {
      const q = { attribute: { key, value: values[key] }, limit: 50 };
      const want = scan(events, q);
      expect(want.length, key).toBeGreaterThan(0);
      expect((await allPages(store, q)).ids, key).toEqual(want);
    }
    // A value nobody has matches nothing.
    expect((await store.lookupTrail({ attribute: { key: 'EventName', value: 'Nope' }, limit: 50 })).events).toEqual([]);
  });

  it('reads a time range, alone and with an attribute, with both ends inclusive', async () => {
    const store = await opened(make, events);
    const start = T0 + 100 * 1000;
    const end = T0 + 299 * 1000;
    const plain = await allPages(store, { start, end, limit: 50 });
    expect(plain.ids).toEqual(scan(events, { start, end }));
    expect(plain.ids[0]).toBe('e-299');
    expect(plain.ids.at(-1)).toBe('e-100');
    const named = { attribute: { key: 'EventName' as const, value: 'Encrypt' }, start, end, limit: 7 };
    expect((await allPages(store, named)).ids).toEqual(scan(events, named));
  });

  it('pages across many records with a cursor: every record once, in order, a full page each time', async () => {
    const store = await opened(make, events);
    const all = await allPages(store, { limit: 50 });
    expect(all.pages).toBe(12);
    expect(all.ids).toEqual(events.map((e) => e.eventID).reverse());
    // Records passed over (S3 data events for LookupEvents) never make a page short or end it early.
    const q = { limit: 13, skip: (e: TrailEvent) => e.readOnly };
    expect((await allPages(store, q)).ids).toEqual(scan(events, q));
  });

  it('orders by time, not by arrival, when a record arrives with an earlier time than the last', async () => {
    const store = await opened(make, [event(1), event(2), event(3, T0 + 500)]);
    expect((await allPages(store, { limit: 2 })).ids).toEqual(['e-2', 'e-1', 'e-3']);
  });

  it('drops records older than the retention and the oldest beyond the cap, and says what is left', async () => {
    const store = await opened(make, events);
    const stats = await store.pruneTrail(T0 + 100 * 1000, 450);
    expect(stats).toEqual({ count: 450, oldest: T0 + 150 * 1000 });
    expect((await allPages(store, { limit: 50 })).ids).toEqual(events.slice(150).map((e) => e.eventID).reverse());
    // The indexes forgot them too.
    expect((await store.lookupTrail({ attribute: { key: 'EventId', value: 'e-149' }, limit: 5 })).events).toEqual([]);
    expect((await store.lookupTrail({ attribute: { key: 'EventId', value: 'e-150' }, limit: 5 })).events.map((e) => e.eventID)).toEqual(['e-150']);
    // Age alone.
    expect(await store.pruneTrail(T0 + 500 * 1000, 10_000)).toEqual({ count: 100, oldest: T0 + 500 * 1000 });
    // The export reads what is left, oldest first.
    const read: string[] = [];
    for await (const page of store.readTrail()) read.push(...page.map((e) => e.eventID));
    expect(read).toEqual(events.slice(500).map((e) => e.eventID));
  });

  it('after pruning in steps (some records out of time order), every attribute index answers as a scan of what is left', async () => {
    // Records 0..599, with every 37th given a time 2.5 s earlier than its neighbours (a clock step back).
    const mixed = events.map((e, i) => (i % 37 === 36 ? event(i, T0 + i * 1000 - 2500) : e));
    const store = await opened(make, mixed);
    const ordered = [...mixed].sort((a, b) => Date.parse(a.eventTime) - Date.parse(b.eventTime));
    let left = ordered;
    for (const [before, cap] of [[T0 + 40_500, 10_000], [T0, 520], [T0 + 200_000, 450], [T0, 61]] as const) {
      await store.pruneTrail(before, cap);
      left = left.filter((e) => Date.parse(e.eventTime) >= before);
      left = left.slice(Math.max(0, left.length - cap));
      for (const a of TRAIL_ATTRIBUTES) {
        const values = new Set(ordered.flatMap((e) => attributeValues(e, a)));
        for (const v of values) {
          const q = { attribute: { key: a, value: v }, limit: 1000 };
          expect((await store.lookupTrail(q)).events.map((e) => e.eventID), `${a}=${v}`).toEqual(scan(left, q));
        }
      }
    }
  });

  it('a prune that drops records already looked up by attribute and records not yet looked up leaves every index as a scan', async () => {
    const store = await opened(make, events.slice(0, 200));
    // Looked up by an attribute: the first 200 are in the attribute lists (the in-memory index builds them on demand).
    expect((await store.lookupTrail({ attribute: { key: 'EventName', value: 'Encrypt' }, limit: 1 })).events).toHaveLength(1);
    for (let i = 200; i < 400; i += 50) await store.commit({ puts: [], deletes: [], trail: events.slice(i, i + 50) }, 1);
    // Drops the 200 looked-up records and 50 of the 200 appended since.
    expect(await store.pruneTrail(T0 + 250 * 1000, 10_000)).toEqual({ count: 150, oldest: T0 + 250 * 1000 });
    const left = events.slice(250, 400);
    for (const a of TRAIL_ATTRIBUTES) {
      for (const v of new Set(events.slice(0, 400).flatMap((e) => attributeValues(e, a)))) {
        const q = { attribute: { key: a, value: v }, limit: 1000 };
        expect((await store.lookupTrail(q)).events.map((e) => e.eventID), `${a}=${v}`).toEqual(scan(left, q));
      }
    }
    // And after more appends and a prune of records indexed by the lookups just made.
    await store.commit({ puts: [], deletes: [], trail: events.slice(400, 450) }, 1);
    await store.pruneTrail(T0, 100);
    const last = events.slice(350, 450);
    for (const v of ['Encrypt', 'Decrypt', 'ListKeys']) {
      const q = { attribute: { key: 'EventName' as const, value: v }, limit: 1000 };
      expect((await store.lookupTrail(q)).events.map((e) => e.eventID), v).toEqual(scan(last, q));
    }
  });

  it('an EventId that an import repeated finds every record with it, newest first, and pruning drops them one by one', async () => {
    const twice = [event(1), { ...event(2), eventID: 'e-1' }, event(3), { ...event(4), eventID: 'e-1' }];
    const store = await opened(make, twice);
    const byId = async () => (await store.lookupTrail({ attribute: { key: 'EventId', value: 'e-1' }, limit: 10 })).events.map((e) => e.requestID);
    expect(await byId()).toEqual(['r-4', 'r-2', 'r-1']);
    await store.pruneTrail(T0, 3);
    expect(await byId()).toEqual(['r-4', 'r-2']);
    await store.pruneTrail(T0, 2);
    expect(await byId()).toEqual(['r-4']);
    await store.pruneTrail(T0, 0);
    expect(await byId()).toEqual([]);
  });

  it('reopens with the trail left in the store: only its size and oldest time come back', async () => {
    const store = await opened(make, events);
    const again = await store.open();
    expect(again?.trail).toEqual({ count: 600, oldest: T0 });
  });
});

describe('the engine and the trail', () => {
  it('keeps in memory only the records not yet committed, whatever the size of the trail', async () => {
    const store = await createIndexedDbStore(`trail-store-engine-${++dbSeq}`);
    let now = T0;
    const lab = new Lab(store, { simNow: () => now, onError: (e) => { throw e; }, onChange: () => undefined });
    await lab.open(initialLab);
    for (let i = 0; i < 300; i++) {
      now += 1000;
      await lab.run(false, async () => appendTrailEvent(lab.view('111122223333'), event(i, now)));
    }
    await lab.flush();
    expect(lab.model.trail.events).toHaveLength(0);
    expect(lab.trailCount()).toBe(300);
    // A read from outside a call commits what waits for its batch first, then reads the store.
    await lab.run(false, async () => appendTrailEvent(lab.view('111122223333'), event(999, now + 1)));
    expect(lab.model.trail.events).toHaveLength(1);
    const page = await lab.lookupTrail({ limit: 2 });
    expect(page.events.map((e) => e.eventID)).toEqual(['e-999', 'e-299']);
    expect(lab.model.trail.events).toHaveLength(0);
  });

  it('LookupEvents: retention by 90 simulated days and the record cap, oldest dropped first', async () => {
    const { sandbox, kms, cloudtrail } = await sandboxClients({ store: await createIndexedDbStore(`trail-store-ret-${++dbSeq}`), trailMaxEvents: 40 });
    const key = (await kms.send(new CreateKeyCommand({}))).KeyMetadata!.KeyId!;
    for (let i = 0; i < 5; i++) await kms.send(new EncryptCommand({ KeyId: key, Plaintext: new Uint8Array([i]) }));
    await sandbox.clock.advanceDays(60);
    await kms.send(new EncryptCommand({ KeyId: key, Plaintext: new Uint8Array([9]) }));
    await sandbox.clock.advanceDays(31);
    await kms.send(new EncryptCommand({ KeyId: key, Plaintext: new Uint8Array([10]) }));
    await sandbox.flush();
    // 91 days after the first calls: they are gone; the one made at day 60 is 31 days old and stays.
    const left = (await cloudtrail.send(new LookupEventsCommand({ LookupAttributes: [{ AttributeKey: 'EventName', AttributeValue: 'Encrypt' }] }))).Events!;
    expect(left).toHaveLength(2);
    expect(left.every((e) => e.EventTime!.getTime() >= sandbox.clock.now() - 90 * DAY_MS)).toBe(true);
    expect((await cloudtrail.send(new LookupEventsCommand({ LookupAttributes: [{ AttributeKey: 'EventName', AttributeValue: 'CreateKey' }] }))).Events).toEqual([]);

    // The cap: retention prunes in steps (TRAIL_PRUNE_SLACK = 250), then keeps the newest 40.
    for (let i = 0; i < 300; i++) await kms.send(new EncryptCommand({ KeyId: key, Plaintext: new Uint8Array([i & 255]) }));
    await sandbox.flush();
    expect(sandbox.summary().trailEvents).toBeLessThanOrEqual(40 + 250);
    const all = await sandbox.trail.events();
    expect(all.length).toBe(sandbox.summary().trailEvents);
    const times = all.map((e) => Date.parse(e.eventTime));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    // What went is the oldest: the call at day 60 went before any of the last 300.
    expect(all.some((e) => e.eventName === 'Encrypt' && Date.parse(e.eventTime) < sandbox.clock.now() - 20 * DAY_MS)).toBe(false);
  });
});
