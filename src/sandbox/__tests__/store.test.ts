import { afterAll, describe, expect, it } from 'vitest';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateKeyCommand, DecryptCommand, EncryptCommand, ListKeysCommand } from '@aws-sdk/client-kms';
import { createSandbox, SandboxStoreError } from '../index';
import { createJsonFileStore } from '../store/json-file-store';
import { createMemoryStore } from '../store/memory-store';
import { StoreConflictError, type SandboxStore, type StoredState } from '../store/store';
import { SCHEMA_VERSION, type SandboxState } from '../shared/state';
import { sandboxClients } from './helpers/clients';

const dirs: string[] = [];
async function tempFile(name = 'lab.json'): Promise<string> {
  const d = await mkdtemp(join(tmpdir(), 'kms-lab-store-'));
  dirs.push(d);
  return join(d, name);
}
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

async function storeError(p: Promise<unknown>): Promise<SandboxStoreError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof SandboxStoreError) return e;
    throw e;
  }
  throw new Error('expected a SandboxStoreError');
}

/** What IndexedDB gives two tabs: one record, structured clones, a revision checked on save. */
function sharedStoreForTabs(): () => SandboxStore {
  let head: StoredState | undefined;
  return () => ({
    kind: 'indexeddb',
    shared: true,
    async load() {
      await new Promise((r) => setTimeout(r, 0));
      return head ? structuredClone(head) : undefined;
    },
    async revision() {
      return head?.revision;
    },
    async save(state: SandboxState, expected: number) {
      await new Promise((r) => setTimeout(r, 0));
      const cur = head?.revision ?? 0;
      if (cur !== expected) throw new StoreConflictError(expected, cur);
      head = { revision: cur + 1, state: structuredClone(state) };
      return cur + 1;
    },
    async clear() {
      head = undefined;
    },
    async putBlob() {},
    async getBlob() {
      return undefined;
    },
    async deleteBlob() {},
  });
}

describe('JSON file store', () => {
  it('keeps keys and their material across restarts (ciphertext from before still decrypts)', async () => {
    const file = await tempFile();
    const a = await sandboxClients({ store: createJsonFileStore(file) });
    const key = await a.kms.send(new CreateKeyCommand({}));
    const enc = await a.kms.send(new EncryptCommand({ KeyId: key.KeyMetadata!.KeyId!, Plaintext: new Uint8Array([1, 2, 3]) }));
    await a.sandbox.flush();
    expect(JSON.parse(await readFile(file, 'utf8')).state.schemaVersion).toBe(SCHEMA_VERSION);

    const b = await sandboxClients({ store: createJsonFileStore(file) });
    const dec = await b.kms.send(new DecryptCommand({ CiphertextBlob: enc.CiphertextBlob }));
    expect([...dec.Plaintext!]).toEqual([1, 2, 3]);
    expect(b.sandbox.trail.events().map((e) => e.eventName)).toEqual(['Decrypt', 'Encrypt', 'CreateKey']);
  });

  it('a file that is not JSON is a SandboxStoreError (corrupt), never an empty lab', async () => {
    const file = await tempFile();
    await writeFile(file, '{"revision": 3, "state": {');
    const e = await storeError(createSandbox({ store: createJsonFileStore(file) }));
    expect(e.problem).toBe('corrupt');
    expect(e.message).toMatch(/not valid JSON/);
    // The recovery path: clear the store, start again.
    await e.store!.clear();
    const sb = await createSandbox({ store: createJsonFileStore(file) });
    expect(sb.summary().keys).toEqual([]);
  });

  it('a file with the wrong shape or a damaged byte field is corrupt', async () => {
    const file = await tempFile();
    await writeFile(file, JSON.stringify({ revision: 1, state: { schemaVersion: SCHEMA_VERSION, clock: {} } }));
    expect((await storeError(createSandbox({ store: createJsonFileStore(file) }))).problem).toBe('corrupt');
    await writeFile(file, '');
    expect((await storeError(createSandbox({ store: createJsonFileStore(file) }))).problem).toBe('corrupt');
    const ok = await createSandbox();
    const doc = JSON.parse(ok.exportState());
    doc.kms.regions['us-east-1'] = { keys: { k: { secret: { $b64: '***' } } }, aliases: {} };
    await writeFile(file, JSON.stringify({ revision: 1, state: doc }));
    expect((await storeError(createSandbox({ store: createJsonFileStore(file) }))).problem).toBe('corrupt');
  });

  it('a file from another schema version is refused with a clear message', async () => {
    const file = await tempFile();
    const sb = await createSandbox();
    const doc = JSON.parse(sb.exportState());
    doc.schemaVersion = SCHEMA_VERSION + 1;
    await writeFile(file, JSON.stringify({ revision: 1, state: doc }));
    const e = await storeError(createSandbox({ store: createJsonFileStore(file) }));
    expect(e.problem).toBe('version');
    expect(e.message).toContain(`schema ${SCHEMA_VERSION + 1}`);
  });

  it('stores blobs beside the state and deletes them on clear', async () => {
    const file = await tempFile();
    const store = createJsonFileStore(file);
    await store.putBlob('bucket/a key/with?odd=chars', new Uint8Array([9, 8, 7]));
    expect([...(await store.getBlob('bucket/a key/with?odd=chars'))!]).toEqual([9, 8, 7]);
    expect(await store.getBlob('missing')).toBeUndefined();
    await store.deleteBlob('bucket/a key/with?odd=chars');
    expect(await store.getBlob('bucket/a key/with?odd=chars')).toBeUndefined();
  });
});

describe('export, import and reset', () => {
  it('an exported lab imports into a fresh sandbox, bytes intact', async () => {
    const a = await sandboxClients();
    const key = await a.kms.send(new CreateKeyCommand({}));
    const enc = await a.kms.send(new EncryptCommand({ KeyId: key.KeyMetadata!.KeyId!, Plaintext: new Uint8Array([5]) }));
    const b = await sandboxClients();
    await b.sandbox.importState(a.sandbox.exportState());
    const dec = await b.kms.send(new DecryptCommand({ CiphertextBlob: enc.CiphertextBlob }));
    expect([...dec.Plaintext!]).toEqual([5]);
  });

  it('importing a damaged document is a SandboxStoreError and leaves the lab as it was', async () => {
    const a = await sandboxClients();
    await a.kms.send(new CreateKeyCommand({}));
    const e = await storeError(a.sandbox.importState('{"schemaVersion": 1}'));
    expect(e.problem).toBe('corrupt');
    expect((await a.kms.send(new ListKeysCommand({}))).Keys).toHaveLength(1);
  });

  it('reset goes back to the empty start and clears the trail', async () => {
    const a = await sandboxClients({ store: createMemoryStore() });
    await a.kms.send(new CreateKeyCommand({}));
    await a.sandbox.clock.advanceDays(5);
    await a.sandbox.reset();
    expect(a.sandbox.summary().keys).toEqual([]);
    expect(a.sandbox.summary().offsetDays).toBe(0);
    expect(a.sandbox.trail.events()).toEqual([]);
  });
});

describe('two tabs on one shared store', () => {
  it('never lose a call: conflicting saves reload and run again, every call recorded once', async () => {
    const open = sharedStoreForTabs();
    const tab1 = await sandboxClients({ store: open() });
    const tab2 = await sandboxClients({ store: open() });
    const calls: Promise<unknown>[] = [];
    for (let i = 0; i < 6; i++) {
      calls.push(tab1.kms.send(new CreateKeyCommand({ Description: `tab1-${i}` })));
      calls.push(tab2.kms.send(new CreateKeyCommand({ Description: `tab2-${i}` })));
    }
    await Promise.all(calls);
    const tab3 = await sandboxClients({ store: open() });
    const descriptions = tab3.sandbox.summary().keys.map((k) => k.description).sort();
    expect(descriptions).toEqual([...Array(6).keys()].flatMap((i) => [`tab1-${i}`, `tab2-${i}`]).sort());
    expect(tab3.sandbox.trail.events().filter((e) => e.eventName === 'CreateKey')).toHaveLength(12);
    // A tab sees the other's keys on its next call.
    expect((await tab1.kms.send(new ListKeysCommand({}))).Keys).toHaveLength(12);
  });
});
