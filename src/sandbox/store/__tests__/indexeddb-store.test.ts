import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { openDB } from 'idb';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  CreateAliasCommand,
  CreateKeyCommand,
  DecryptCommand,
  DescribeKeyCommand,
  EncryptCommand,
  KMSClient,
  ListKeysCommand,
  VerifyCommand,
  VerifyMacCommand,
} from '@aws-sdk/client-kms';
import { LookupEventsCommand } from '@aws-sdk/client-cloudtrail';
import { GetIdCommand } from '@aws-sdk/client-cognito-identity';
import { createSandbox, LAB_POOL_ID, SANDBOX_ADMIN_CREDENTIALS, SandboxStoreError, type Sandbox } from '../../index';
import { BLOB_AS_BLOB_MIN, BLOB_BATCH_BYTES, BLOB_CHUNK, createIndexedDbStore, groupCommit } from '../indexeddb-store';
import { sandboxClients } from '../../__tests__/helpers/clients';
import { BLOB_PIECE, StoreCommitError, type SandboxStore, type WriteSet } from '../store';
import { concatBytes } from '../../shared/bytes';
import { DAY_MS } from '../../shared/clock';

const FIXTURES = join(__dirname, 'fixtures');
const fixtureText = readFileSync(join(FIXTURES, 'schema-1-lab.json'), 'utf8');
const expected = JSON.parse(readFileSync(join(FIXTURES, 'schema-1-lab.expect.json'), 'utf8')) as {
  symmetricKeyId: string;
  alias: string;
  rsaKeyId: string;
  hmacKeyId: string;
  westKeyId: string;
  identityId: string;
  ciphertexts: { region: string; blob: string; plaintext: string; encryptionContext?: Record<string, string> }[];
  signature: { keyId: string; message: string; algorithm: 'RSASSA_PSS_SHA_256'; signature: string };
  mac: { keyId: string; message: string; algorithm: 'HMAC_SHA_256'; mac: string };
  trailEvents: number;
  offsetDays: number;
};

let n = 0;
const dbName = () => `lab-test-${++n}-${Math.random().toString(36).slice(2)}`;
const te = new TextEncoder();
const td = new TextDecoder();
const b = (s: string) => new Uint8Array(Buffer.from(s, 'base64'));

/** Records every write set the store commits. */
function spy(store: SandboxStore): WriteSet[] {
  const seen: WriteSet[] = [];
  const commit = store.commit.bind(store);
  (store as { commit: SandboxStore['commit'] }).commit = async (ws, epoch) => {
    await commit(ws, epoch);
    seen.push(ws);
  };
  return seen;
}

async function idbRecords(name: string) {
  const db = await openDB(name);
  try {
    return (await db.getAll('records')) as { k: string[]; v: unknown }[];
  } finally {
    db.close();
  }
}

async function storeError(p: Promise<unknown>): Promise<SandboxStoreError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof SandboxStoreError) return e;
    throw e;
  }
  throw new Error('expected a SandboxStoreError');
}

const kmsOf = (sandbox: Sandbox, region = 'us-east-1', maxAttempts = 1) =>
  new KMSClient({ region, credentials: SANDBOX_ADMIN_CREDENTIALS, requestHandler: sandbox.requestHandler, maxAttempts });

describe('records and write sets (IndexedDB through fake-indexeddb)', () => {
  it('stores one record per resource, keyed by account, region, service, kind and id', async () => {
    const name = dbName();
    const { sandbox, kms } = await sandboxClients({ store: await createIndexedDbStore(name) });
    const key = (await kms.send(new CreateKeyCommand({}))).KeyMetadata!.KeyId!;
    await kms.send(new CreateAliasCommand({ AliasName: 'alias/rec', TargetKeyId: key }));
    await sandbox.flush();
    const keys = (await idbRecords(name)).map((r) => r.k.join('|'));
    expect(keys).toContain(`111122223333|us-east-1|kms|key|${key}`);
    expect(keys).toContain('111122223333|us-east-1|kms|alias|alias/rec');
    expect(keys).toContain('|||sandbox|clock|clock'.slice(1));
  });

  it('a read-only call writes only its trail record; a mutation writes only the records it changed', async () => {
    const store = await createIndexedDbStore(dbName());
    const sets = spy(store);
    const { sandbox, kms } = await sandboxClients({ store });
    const key = (await kms.send(new CreateKeyCommand({}))).KeyMetadata!.KeyId!;
    expect(sets.at(-1)!.puts.map((r) => r.k.join('|'))).toEqual([`111122223333|us-east-1|kms|key|${key}`]);
    const before = sets.length;
    await kms.send(new EncryptCommand({ KeyId: key, Plaintext: te.encode('x') }));
    await kms.send(new DescribeKeyCommand({ KeyId: key }));
    // Mutations are durable before the call answers; trail-only commits wait (batched) until flush.
    await sandbox.flush();
    const later = sets.slice(before);
    expect(later.every((ws) => ws.puts.length === 0 && ws.deletes.length === 0)).toBe(true);
    expect(later.flatMap((ws) => ws.trail.map((e) => e.eventName))).toEqual(['Encrypt', 'DescribeKey']);
  });

  it('a read never creates a region', async () => {
    const name = dbName();
    const { sandbox } = await sandboxClients({ store: await createIndexedDbStore(name) });
    await kmsOf(sandbox, 'eu-west-3').send(new ListKeysCommand({}));
    await expect(kmsOf(sandbox, 'eu-west-3').send(new DescribeKeyCommand({ KeyId: 'alias/none' }))).rejects.toMatchObject({ name: 'NotFoundException' });
    await sandbox.flush();
    expect((await idbRecords(name)).some((r) => r.k[1] === 'eu-west-3')).toBe(false);
    expect(sandbox.summary().regions).not.toContain('eu-west-3');
  });

  it('a failed commit (quota exceeded) fails that call with a clear sandbox error and leaves the state as it was', async () => {
    const name = dbName();
    const store = await createIndexedDbStore(name);
    const { sandbox, kms } = await sandboxClients({ store });
    store.injectFault!('quota');
    await expect(kms.send(new CreateKeyCommand({ Description: 'lost' }))).rejects.toMatchObject({
      name: 'SandboxStorageException',
      message: expect.stringMatching(/storage for this site is full \(QuotaExceededError\).*Nothing was changed/),
    });
    expect((await kms.send(new ListKeysCommand({}))).Keys).toEqual([]);
    expect((await sandbox.trail.events()).some((e) => e.eventName === 'CreateKey')).toBe(false);
    await sandbox.flush();
    expect((await idbRecords(name)).some((r) => r.k[3] === 'key')).toBe(false);
  });

  it('an injected fault waits for a call that changes a resource: a read-only call and its trail batch pass first', async () => {
    const store = await createIndexedDbStore(dbName());
    const { sandbox, kms } = await sandboxClients({ store });
    store.injectFault!('quota');
    // A background read commits trail records only; the fault is still armed afterwards.
    expect((await kms.send(new ListKeysCommand({}))).Keys).toEqual([]);
    await sandbox.flush();
    await expect(kms.send(new CreateKeyCommand({}))).rejects.toMatchObject({ name: 'SandboxStorageException' });
    // Taken once: the next call works.
    await kms.send(new CreateKeyCommand({}));
    expect((await kms.send(new ListKeysCommand({}))).Keys).toHaveLength(1);
  });

  it.each(['closed', 'blocked'] as const)('a %s connection fails the call clearly and nothing is written', async (fault) => {
    const store = await createIndexedDbStore(dbName());
    const { kms } = await sandboxClients({ store });
    store.injectFault!(fault);
    await expect(kms.send(new CreateKeyCommand({}))).rejects.toMatchObject({ name: 'SandboxStorageException', message: expect.stringMatching(/Nothing was changed/) });
    expect((await kms.send(new ListKeysCommand({}))).Keys).toEqual([]);
  });

  it('a retried operation never writes twice: the SDK retries after a failed commit, one key results', async () => {
    const name = dbName();
    const store = await createIndexedDbStore(name);
    const { sandbox } = await sandboxClients({ store });
    const kms = kmsOf(sandbox, 'us-east-1', 3);
    store.injectFault!('quota');
    const key = (await kms.send(new CreateKeyCommand({ Description: 'once' }))).KeyMetadata!.KeyId!;
    await sandbox.flush();
    expect((await kms.send(new ListKeysCommand({}))).Keys!.map((k) => k.KeyId)).toEqual([key]);
    expect((await idbRecords(name)).filter((r) => r.k[3] === 'key')).toHaveLength(1);
    expect((await sandbox.trail.events()).filter((e) => e.eventName === 'CreateKey')).toHaveLength(1);
  });

  it('a reopened store has every committed key, and ciphertext from before still decrypts', async () => {
    const name = dbName();
    const a = await sandboxClients({ store: await createIndexedDbStore(name) });
    const key = (await a.kms.send(new CreateKeyCommand({}))).KeyMetadata!.KeyId!;
    const ct = (await a.kms.send(new EncryptCommand({ KeyId: key, Plaintext: te.encode('kept') }))).CiphertextBlob!;
    await a.sandbox.flush();
    a.sandbox.store.close?.();
    const c = await sandboxClients({ store: await createIndexedDbStore(name) });
    expect(td.decode((await c.kms.send(new DecryptCommand({ CiphertextBlob: ct }))).Plaintext)).toBe('kept');
    expect((await c.sandbox.trail.events()).map((e) => e.eventName)).toEqual(['Decrypt', 'Encrypt', 'CreateKey']);
  });

  it('a stale owner never writes over a newer lab: after a reset elsewhere its commit fails and changes nothing', async () => {
    const name = dbName();
    const a = await sandboxClients({ store: await createIndexedDbStore(name) });
    const b = await sandboxClients({ store: await createIndexedDbStore(name) });
    await a.kms.send(new CreateKeyCommand({}));
    await a.sandbox.reset();
    const epochAfterReset = a.sandbox.epoch();
    expect(epochAfterReset).toBeGreaterThan(b.sandbox.epoch());
    await expect(b.kms.send(new CreateKeyCommand({ Description: 'stale' }))).rejects.toMatchObject({
      name: 'SandboxStorageException',
      message: expect.stringMatching(/reset or replaced in another tab/),
    });
    expect((await idbRecords(name)).some((r) => r.k[3] === 'key')).toBe(false);
  });
});

describe('the trail store', () => {
  async function trailLab() {
    const store = await createIndexedDbStore(dbName());
    const t0 = Date.UTC(2026, 5, 1);
    let now = t0;
    const c = await sandboxClients({ store, now: () => now });
    const k1 = (await c.kms.send(new CreateKeyCommand({}))).KeyMetadata!;
    now += 60_000;
    const k2 = (await c.kms.send(new CreateKeyCommand({}))).KeyMetadata!;
    for (let i = 0; i < 5; i++) {
      now += 1000;
      await c.kms.send(new EncryptCommand({ KeyId: k1.KeyId, Plaintext: te.encode(`m${i}`) }));
    }
    now += 1000;
    await c.cognito.send(new GetIdCommand({ IdentityPoolId: LAB_POOL_ID }));
    await c.sandbox.flush();
    return { ...c, store, k1, k2, t0 };
  }

  it('is indexed for every LookupEvents attribute, newest first', async () => {
    const { store, k1, sandbox } = await trailLab();
    const q = (key: Parameters<NonNullable<SandboxStore['lookupTrail']>>[0]['attribute']) => store.lookupTrail!({ attribute: key, limit: 50 });
    expect((await q({ key: 'EventName', value: 'Encrypt' })).events).toHaveLength(5);
    expect((await q({ key: 'EventName', value: 'CreateKey' })).events).toHaveLength(2);
    expect((await q({ key: 'ReadOnly', value: 'true' })).events.map((e) => e.eventName)).toEqual(Array(5).fill('Encrypt'));
    expect((await q({ key: 'Username', value: 'lab-admin' })).events).toHaveLength(7);
    expect((await q({ key: 'EventSource', value: 'cognito-identity.amazonaws.com' })).events.map((e) => e.eventName)).toEqual(['GetId']);
    expect((await q({ key: 'AccessKeyId', value: 'test' })).events).toHaveLength(7);
    expect((await q({ key: 'ResourceName', value: k1.Arn! })).events.map((e) => e.eventName)).toEqual([...Array(5).fill('Encrypt'), 'CreateKey']);
    expect((await q({ key: 'ResourceType', value: 'AWS::KMS::Key' })).events).toHaveLength(7);
    const one = (await sandbox.trail.events())[3]!;
    expect((await q({ key: 'EventId', value: one.eventID })).events.map((e) => e.eventID)).toEqual([one.eventID]);
    const all = await store.lookupTrail!({ limit: 50 });
    expect(all.events.map((e) => e.eventID)).toEqual((await sandbox.trail.events()).map((e) => e.eventID));
  });

  it('reads a time range with a cursor, page by page', async () => {
    const { store, t0 } = await trailLab();
    const start = t0 + 60_000 + 1500;
    const end = t0 + 60_000 + 4500;
    const range = await store.lookupTrail!({ attribute: { key: 'EventName', value: 'Encrypt' }, start, end, limit: 50 });
    expect(range.events).toHaveLength(3);
    const p1 = await store.lookupTrail!({ attribute: { key: 'EventName', value: 'Encrypt' }, limit: 2 });
    expect(p1.events).toHaveLength(2);
    expect(p1.next).toBeDefined();
    const p2 = await store.lookupTrail!({ attribute: { key: 'EventName', value: 'Encrypt' }, limit: 2, cursor: p1.next });
    const p3 = await store.lookupTrail!({ attribute: { key: 'EventName', value: 'Encrypt' }, limit: 2, cursor: p2.next });
    expect(p3.next).toBeUndefined();
    const ids = [...p1.events, ...p2.events, ...p3.events].map((e) => e.eventID);
    expect(new Set(ids).size).toBe(5);
  });

  it('LookupEvents through CloudTrail answers the same as the store index', async () => {
    const { cloudtrail, store } = await trailLab();
    const r = await cloudtrail.send(new LookupEventsCommand({ LookupAttributes: [{ AttributeKey: 'EventName', AttributeValue: 'Encrypt' }] }));
    const s = await store.lookupTrail!({ attribute: { key: 'EventName', value: 'Encrypt' }, limit: 50 });
    expect(r.Events!.map((e) => e.EventId)).toEqual(s.events.map((e) => e.eventID));
  });

  it('keeps at most the record cap, oldest dropped first', async () => {
    const name = dbName();
    const { sandbox, kms } = await sandboxClients({ store: await createIndexedDbStore(name), trailMaxEvents: 10 });
    for (let i = 0; i < 270; i++) await kms.send(new DescribeKeyCommand({ KeyId: `alias/k${i}` })).catch(() => undefined);
    await sandbox.flush();
    const db = await openDB(name);
    const count = await db.count('trail');
    const rows = (await db.getAll('trail')) as { ev: { requestParameters: { keyId: string } } }[];
    db.close();
    expect(count).toBeLessThanOrEqual(10 + 250);
    expect(rows.at(-1)!.ev.requestParameters.keyId).toBe('alias/k269');
    expect(rows.some((r) => r.ev.requestParameters.keyId === 'alias/k0')).toBe(false);
    // What is kept is exactly the newest records, in the order they were recorded.
    expect(rows.map((r) => r.ev.requestParameters.keyId)).toEqual(Array.from({ length: count }, (_, i) => `alias/k${270 - count + i}`));
  });

  it('keeps 90 days of simulated time: older records are dropped when the clock moves past them', async () => {
    const name = dbName();
    const { sandbox, kms } = await sandboxClients({ store: await createIndexedDbStore(name) });
    await kms.send(new ListKeysCommand({}));
    await sandbox.clock.advanceDays(91);
    await kms.send(new CreateKeyCommand({ Description: 'after' }));
    await sandbox.flush();
    const names = (await sandbox.store.lookupTrail!({ limit: 50 })).events.map((e) => e.eventName);
    expect(names).toEqual(['CreateKey']);
    expect((await sandbox.trail.events()).map((e) => e.eventName)).toEqual(['CreateKey']);
    expect(Date.parse(sandbox.clock.now() as unknown as string) || sandbox.clock.now()).toBeGreaterThan(Date.now() + 90 * DAY_MS);
  });
});

describe('migrations from the schema-1 fixture (the format learners hold today)', () => {
  async function checkFixtureLab(sandbox: Sandbox) {
    const kms = kmsOf(sandbox);
    const west = kmsOf(sandbox, 'us-west-2');
    for (const c of expected.ciphertexts) {
      const client = c.region === 'us-west-2' ? west : kms;
      const out = await client.send(new DecryptCommand({ CiphertextBlob: b(c.blob), EncryptionContext: c.encryptionContext }));
      expect(td.decode(out.Plaintext)).toBe(c.plaintext);
    }
    expect((await kms.send(new DescribeKeyCommand({ KeyId: expected.alias }))).KeyMetadata!.KeyId).toBe(expected.symmetricKeyId);
    const v = await kms.send(
      new VerifyCommand({ KeyId: expected.rsaKeyId, Message: te.encode(expected.signature.message), Signature: b(expected.signature.signature), SigningAlgorithm: expected.signature.algorithm }),
    );
    expect(v.SignatureValid).toBe(true);
    const m = await kms.send(new VerifyMacCommand({ KeyId: expected.hmacKeyId, Message: te.encode(expected.mac.message), Mac: b(expected.mac.mac), MacAlgorithm: expected.mac.algorithm }));
    expect(m.MacValid).toBe(true);
    expect(sandbox.summary().offsetDays).toBeCloseTo(expected.offsetDays, 5);
    const trailIds = (await sandbox.trail.events()).map((e) => e.eventID);
    const fixtureIds = (JSON.parse(fixtureText) as { trail: { events: { eventID: string }[] } }).trail.events.map((e) => e.eventID);
    for (const id of fixtureIds) expect(trailIds).toContain(id);
    expect(fixtureIds).toHaveLength(expected.trailEvents);
  }

  it('an IndexedDB database of schema 1 upgrades in place: keys, ciphertexts, aliases, identity and trail survive', async () => {
    const name = dbName();
    const v1 = await openDB(name, 1, {
      upgrade(d) {
        d.createObjectStore('meta');
        d.createObjectStore('blobs');
      },
    });
    const state = JSON.parse(fixtureText, (_k, v: unknown) =>
      v !== null && typeof v === 'object' && '$b64' in (v as object) ? b((v as { $b64: string }).$b64) : v,
    ) as unknown;
    await v1.put('meta', { revision: 7, state }, 'head');
    await v1.put('meta', 7, 'rev');
    v1.close();
    const sandbox = await createSandbox({ store: await createIndexedDbStore(name), now: () => Date.now() });
    await checkFixtureLab(sandbox);
    const keys = (await idbRecords(name)).map((r) => r.k.join('|'));
    expect(keys).toContain(`111122223333|us-west-2|kms|key|${expected.westKeyId}`);
    expect(keys.some((k) => k.includes(`cognito-identity|identity|${expected.identityId}`))).toBe(true);
  });

  it('an exported schema-1 document imports into the record store', async () => {
    const sandbox = await createSandbox({ store: await createIndexedDbStore(dbName()) });
    await sandbox.importState(fixtureText);
    await checkFixtureLab(sandbox);
  });

  it('a schema-1 database whose document is damaged is not upgraded: the store offers what it can read and a reset', async () => {
    const name = dbName();
    const v1 = await openDB(name, 1, {
      upgrade(d) {
        d.createObjectStore('meta');
        d.createObjectStore('blobs');
      },
    });
    await v1.put('meta', { revision: 1, state: { schemaVersion: 'what' } }, 'head');
    v1.close();
    const e = await storeError(createIndexedDbStore(name));
    expect(e.problem).toBe('corrupt');
    expect(e.message).toMatch(/could not be upgraded.*Export what can be read, then reset/);
    const readable = await e.store!.readable!();
    expect(readable.records).toEqual([]);
    await e.store!.clear();
    const sandbox = await createSandbox({ store: await createIndexedDbStore(name) });
    expect(sandbox.summary().identityPools).toHaveLength(1);
  });
});

describe('corrupt records', () => {
  it('a damaged record is a SandboxStoreError (corrupt), never an empty lab; what can be read is offered, then a reset', async () => {
    const name = dbName();
    const a = await sandboxClients({ store: await createIndexedDbStore(name) });
    const good = (await a.kms.send(new CreateKeyCommand({}))).KeyMetadata!.KeyId!;
    await a.sandbox.flush();
    a.sandbox.store.close?.();
    const db = await openDB(name);
    await db.put('records', { k: ['111122223333', 'us-east-1', 'kms', 'key', 'broken'], v: { keyId: 7 } });
    db.close();
    const store = await createIndexedDbStore(name);
    const e = await storeError(createSandbox({ store }));
    expect(e.problem).toBe('corrupt');
    expect(e.message).toMatch(/damaged \(111122223333\/us-east-1\/kms\/key\/broken: keyId/);
    const readable = await e.store!.readable!();
    expect(readable.skipped).toBe(1);
    expect(readable.records.some((r) => r.k[4] === good)).toBe(true);
    expect(readable.trail.map((t) => t.eventName)).toContain('CreateKey');
    await e.store!.clear();
    const again = await createSandbox({ store });
    expect(again.summary().keys).toEqual([]);
  });
});

/** A bucket record of the earlier format (its objects inside) whose one object names its body by blobKey. */
const bucketNaming = (blobKey: string) => ({
  name: 'b',
  region: 'us-east-1',
  creationDate: 0,
  objects: { k: { key: 'k', id: 'v1', size: 6, etag: '"e"', encryption: { mode: 'AES256' }, parts: [{ blobKey, size: 6 }] } },
  uploads: {},
});

describe('object bodies', () => {
  it('a sealed segment given as pieces (IV, ciphertext) is one Blob value, read back joined; a small body stays bytes; a larger body is cut', async () => {
    const name = dbName();
    const store = await createIndexedDbStore(name);
    const iv = new Uint8Array(12).fill(1);
    const sealed = new Uint8Array((1 << 20) + 16).map((_, i) => i % 253);
    await store.putBlob('s3/b/seg.0', [iv, sealed]);
    // A view of part of a larger buffer: only the view's bytes are kept, not the buffer around it.
    const around = new Uint8Array(3 << 20).fill(9);
    await store.putBlob('s3/b/seg.1', around.subarray(5, 5 + 1000));
    await store.putBlob('s3/b/whole', new Uint8Array((3 << 20) + 1).fill(4));
    const db = await openDB(name);
    const values = async (key: string) => db.getAll('blobs', IDBKeyRange.bound([key, 0], [key, Infinity]));
    const seg0 = await values('s3/b/seg.0');
    expect(seg0).toHaveLength(1);
    // At least BLOB_AS_BLOB_MIN bytes: one Blob of the pieces, in order (IndexedDB then keeps only a reference to it).
    expect(seg0[0]).toBeInstanceOf(Blob);
    expect((seg0[0] as Blob).size).toBe(12 + (1 << 20) + 16);
    expect(sealed.length + 12).toBeGreaterThanOrEqual(BLOB_AS_BLOB_MIN);
    const seg1 = (await values('s3/b/seg.1')) as Uint8Array[];
    expect(seg1.map((v) => [v.length, v.buffer.byteLength])).toEqual([[1000, 1000]]);
    expect(((await values('s3/b/whole')) as Uint8Array[]).map((v) => v.length)).toEqual([BLOB_CHUNK, BLOB_CHUNK, BLOB_CHUNK, 1]);
    // A segment stored before Blob values (an array of its pieces) still reads, joined.
    await db.put('blobs', [iv, sealed], ['s3/b/older.0', 0]);
    db.close();
    expect(Buffer.from((await store.getBlob('s3/b/older.0'))!).equals(Buffer.from(concatBytes(iv, sealed)))).toBe(true);
    const back = (await store.getBlob('s3/b/seg.0'))!;
    expect(back.length).toBe(12 + sealed.length);
    expect(Array.from(back.subarray(0, 12))).toEqual(Array.from(iv));
    // Buffer comparisons: toEqual walks a 1 MiB array element by element (seconds on a loaded machine).
    expect(Buffer.from(back.subarray(12)).equals(Buffer.from(sealed))).toBe(true);
    expect((await store.getBlob('s3/b/seg.1'))!).toEqual(new Uint8Array(1000).fill(9));
    const whole = (await store.getBlob('s3/b/whole'))!;
    expect([whole.length, whole[0], whole[whole.length - 1]]).toEqual([(3 << 20) + 1, 4, 4]);
    // The export reads the same bodies a piece at a time, never a piece over BLOB_PIECE.
    const pieces = async (key: string) => {
      const out: Uint8Array[] = [];
      for await (const p of store.blobPieces(key)) out.push(p.slice());
      return out;
    };
    const seg0Pieces = await pieces('s3/b/seg.0');
    expect(seg0Pieces.every((p) => p.length <= BLOB_PIECE)).toBe(true);
    expect(Buffer.from(concatBytes(...seg0Pieces)).equals(Buffer.from(back))).toBe(true);
    const wholePieces = await pieces('s3/b/whole');
    expect(wholePieces.map((p) => p.length)).toEqual([BLOB_PIECE, BLOB_PIECE, BLOB_PIECE, 1]);
    expect(await pieces('s3/b/absent')).toEqual([]);
    store.close?.();
  });

  it('a large body is made into its Blob when it is put, even while an earlier transaction still runs', async () => {
    const store = await createIndexedDbStore(dbName());
    const first = new Uint8Array(BLOB_AS_BLOB_MIN).fill(1);
    const second = new Uint8Array(BLOB_AS_BLOB_MIN + 5).fill(2);
    // The first write starts its transaction; the second waits behind it.
    const writes = [store.putBlob('s3/b/one', first), store.putBlob('s3/b/two', [new Uint8Array(12).fill(7), second])];
    // The second body's bytes were taken when it was put (the browser can take them meanwhile), so a
    // change now is not stored.
    second.fill(9);
    await Promise.all(writes);
    const two = (await store.getBlob('s3/b/two'))!;
    expect(two.length).toBe(12 + BLOB_AS_BLOB_MIN + 5);
    expect([two[0], two[12], two[two.length - 1]]).toEqual([7, 2, 2]);
    expect((await store.getBlob('s3/b/one'))![0]).toBe(1);
    store.close?.();
  });

  it('writes that arrive while a transaction runs share the next one, in order, within the byte bound', async () => {
    const batches: string[][] = [];
    let release!: () => void;
    const first = new Promise<void>((r) => (release = r));
    const g = groupCommit<{ id: string; bytes: number }>(async (batch) => {
      batches.push(batch.map((x) => x.id));
      if (batches.length === 1) await first;
    }, (x) => x.bytes);
    const done = [g.run({ id: 'a', bytes: 1 })];
    const big = BLOB_BATCH_BYTES / 2;
    for (const id of ['b', 'c', 'd']) done.push(g.run({ id, bytes: big }));
    done.push(g.run({ id: 'e', bytes: 0 }));
    release();
    await Promise.all(done);
    // 'a' alone (nothing waited), then as many as fit in BLOB_BATCH_BYTES (b, c), then the rest.
    expect(batches).toEqual([['a'], ['b', 'c'], ['d', 'e']]);
  });

  it('a failed transaction fails every write in it and none after it', async () => {
    let calls = 0;
    let release!: () => void;
    const first = new Promise<void>((r) => (release = r));
    const g = groupCommit<string>(async (batch) => {
      calls++;
      if (calls === 1) await first;
      if (batch.includes('bad')) throw new Error('quota');
    }, () => 1);
    const a = g.run('a');
    const settled = Promise.allSettled([g.run('x'), g.run('bad'), g.run('y')]);
    release();
    await a;
    expect((await settled).map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected']);
    await expect(g.run('z')).resolves.toBeUndefined();
  });

  it('bodies written at once are all stored; a delete queued after a write of the same key wins, and one before it does not', async () => {
    const name = dbName();
    const store = await createIndexedDbStore(name);
    const body = (i: number) => new Uint8Array(900 * 1024).fill(i);
    await Promise.all(Array.from({ length: 12 }, (_, i) => store.putBlob(`s3/b/seg.${i}`, body(i))));
    for (let i = 0; i < 12; i++) expect((await store.getBlob(`s3/b/seg.${i}`))?.[100]).toBe(i);
    // Not awaited one by one: the queue's order decides, as the transactions' order did before.
    await Promise.all([store.putBlob('s3/b/gone', body(1)), store.deleteBlob('s3/b/gone'), store.deleteBlob('s3/b/kept'), store.putBlob('s3/b/kept', body(2))]);
    expect(await store.getBlob('s3/b/gone')).toBeUndefined();
    expect((await store.getBlob('s3/b/kept'))?.[0]).toBe(2);
    store.close?.();
  });

  it('a body write on a closed connection fails with the store error a commit gives, and stores nothing', async () => {
    const name = dbName();
    const store = await createIndexedDbStore(name);
    await store.putBlob('s3/b/first', new Uint8Array(10).fill(1));
    store.close?.();
    const err = await store.putBlob('s3/b/late', new Uint8Array(10)).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(StoreCommitError);
    expect((err as StoreCommitError).message).toMatch(/storage connection was closed/);
    const again = await createIndexedDbStore(name);
    expect(await again.getBlob('s3/b/late')).toBeUndefined();
    expect((await again.getBlob('s3/b/first'))?.[0]).toBe(1);
    again.close?.();
  });

  it('unreferenced bodies are collected when the store opens; referenced ones stay', async () => {
    const name = dbName();
    const store = await createIndexedDbStore(name);
    const sandbox = await createSandbox({ store });
    await store.putBlob('s3/b/kept', new Uint8Array(3 << 20).fill(7));
    await store.putBlob('s3/b/orphan', te.encode('left behind by a failed call'));
    const epoch = sandbox.epoch();
    await store.commit({ puts: [{ k: ['111122223333', 'us-east-1', 's3', 'bucket', 'b'], v: bucketNaming('s3/b/kept') }], deletes: [], trail: [] }, epoch);
    store.close?.();
    const reopened = await createIndexedDbStore(name);
    await reopened.open();
    expect((await reopened.getBlob('s3/b/kept'))!.length).toBe(3 << 20);
    expect(await reopened.getBlob('s3/b/orphan')).toBeUndefined();
  });
});

/** The lines layout read back for assertions: the header, the records, the keys of the bodies. */
function linesDoc(text: string): { header: unknown; records: unknown[]; blobs: string[] } {
  const lines = text.trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
  return {
    header: lines[0],
    records: lines.filter((l) => 'record' in l).map((l) => l['record']),
    blobs: [...new Set(lines.filter((l) => 'blob' in l).map((l) => l['blob'] as string))],
  };
}

describe('the export format', () => {
  it('round-trips a whole lab (keys, material, aliases, policies, trail, bodies) between two IndexedDB labs', async () => {
    const a = await sandboxClients({ store: await createIndexedDbStore(dbName()) });
    const key = (await a.kms.send(new CreateKeyCommand({ Description: 'exported' }))).KeyMetadata!.KeyId!;
    await a.kms.send(new CreateAliasCommand({ AliasName: 'alias/exported', TargetKeyId: key }));
    const ct = (await a.kms.send(new EncryptCommand({ KeyId: 'alias/exported', Plaintext: te.encode('carry me') }))).CiphertextBlob!;
    await a.sandbox.store.putBlob('s3/b/body', te.encode('a body'));
    await a.sandbox.store.commit(
      {
        puts: [
          { k: ['111122223333', '', 's3', 'master-key', 'current'], v: new Uint8Array(32).fill(5) },
          { k: ['111122223333', 'us-east-1', 's3', 'bucket', 'b'], v: bucketNaming('s3/b/body') },
        ],
        deletes: [],
        trail: [],
      },
      a.sandbox.epoch(),
    );
    // a's last trail records wait for their batch: committed first, so the reopened lab reads them all.
    await a.sandbox.flush();
    const reopened = await createSandbox({ store: a.sandbox.store });
    const blob = await reopened.exportLab();
    const text = await blob.text();
    const doc = linesDoc(text);
    expect(doc.header).toMatchObject({ format: 'kms-study-lab/sandbox-export', schemaVersion: 2, layout: 'lines' });
    expect(doc.blobs).toEqual(['s3/b/body']);
    const c = await sandboxClients({ store: await createIndexedDbStore(dbName()) });
    const epochBefore = c.sandbox.epoch();
    await c.sandbox.importState(blob);
    expect(c.sandbox.epoch()).toBeGreaterThan(epochBefore);
    expect(td.decode((await c.kms.send(new DecryptCommand({ CiphertextBlob: ct }))).Plaintext)).toBe('carry me');
    expect((await c.kms.send(new DescribeKeyCommand({ KeyId: 'alias/exported' }))).KeyMetadata!.Description).toBe('exported');
    expect(td.decode(await c.sandbox.store.getBlob('s3/b/body'))).toBe('a body');
    expect((await c.sandbox.trail.events()).map((e) => e.eventID)).toEqual(
      expect.arrayContaining((await reopened.trail.events()).map((e) => e.eventID)),
    );
    const again = linesDoc(await (await c.sandbox.exportLab()).text());
    expect(again.records).toEqual(doc.records);
  });

  it('a damaged export is refused with a SandboxStoreError and the lab stays as it was', async () => {
    const { sandbox, kms } = await sandboxClients({ store: await createIndexedDbStore(dbName()) });
    const key = (await kms.send(new CreateKeyCommand({}))).KeyMetadata!.KeyId!;
    const doc = JSON.parse((await sandbox.exportState())) as { records: { kind: string; value: Record<string, unknown> }[] };
    doc.records.find((r) => r.kind === 'key')!.value['materials'] = 'nope';
    const e = await storeError(sandbox.importState(JSON.stringify(doc)));
    expect(e.message).toMatch(/damaged.*materials/);
    await expect(storeError(sandbox.importState('{not json'))).resolves.toMatchObject({ problem: 'corrupt' });
    await expect(storeError(sandbox.importState(JSON.stringify({ schemaVersion: 99 })))).resolves.toMatchObject({ problem: 'version' });
    expect((await kms.send(new ListKeysCommand({}))).Keys!.map((k) => k.KeyId)).toEqual([key]);
  });
});

describe('change notices', () => {
  it('tells subscribers after each committed call, clock move, reset and import, with an epoch that only grows', async () => {
    const { sandbox, kms } = await sandboxClients({ store: await createIndexedDbStore(dbName()) });
    const seen: { epoch: number; kind: string; services: string[] }[] = [];
    const off = sandbox.subscribe((c) => seen.push(c));
    await kms.send(new CreateKeyCommand({}));
    expect(seen.at(-1)).toMatchObject({ kind: 'commit', services: expect.arrayContaining(['kms']) });
    await sandbox.clock.advanceDays(1);
    expect(seen.at(-1)!.kind).toBe('clock');
    const e1 = seen.at(-1)!.epoch;
    await sandbox.reset();
    expect(seen.at(-1)!.kind).toBe('reset');
    expect(seen.at(-1)!.epoch).toBeGreaterThan(e1);
    await sandbox.importState((await sandbox.exportState()));
    expect(seen.at(-1)!.kind).toBe('import');
    off();
    const count = seen.length;
    await kms.send(new CreateKeyCommand({}));
    expect(seen).toHaveLength(count);
  });
});
