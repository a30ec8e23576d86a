import { afterAll, describe, expect, it } from 'vitest';
import { appendFile, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateKeyCommand, DecryptCommand, DescribeKeyCommand, EncryptCommand, ListKeysCommand } from '@aws-sdk/client-kms';
import { createSandbox, SandboxStoreError } from '../../index';
import { createFileStore } from '../file-store';
import { createMemoryStore } from '../memory-store';
import { Lab } from '../lab';
import { initialLab } from '../../index';
import { sandboxClients } from '../../__tests__/helpers/clients';

const dirs: string[] = [];
async function tempDir(): Promise<string> {
  const d = await mkdtemp(join(tmpdir(), 'kms-lab-files-'));
  dirs.push(d);
  return d;
}
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});
const te = new TextEncoder();
const td = new TextDecoder();

describe('the Node --data store (records and trail appended, bodies as files)', () => {
  it('keeps keys across restarts; each commit is one appended line; ciphertext from before decrypts', async () => {
    const dir = join(await tempDir(), 'lab');
    const a = await sandboxClients({ store: createFileStore(dir) });
    const key = (await a.kms.send(new CreateKeyCommand({}))).KeyMetadata!.KeyId!;
    const ct = (await a.kms.send(new EncryptCommand({ KeyId: key, Plaintext: te.encode('file kept') }))).CiphertextBlob!;
    await a.sandbox.flush();
    const lines = (await readFile(join(dir, 'log.jsonl'), 'utf8')).trim().split('\n');
    expect(lines.length).toBeGreaterThanOrEqual(2);
    const b = await sandboxClients({ store: createFileStore(dir) });
    expect(td.decode((await b.kms.send(new DecryptCommand({ CiphertextBlob: ct }))).Plaintext)).toBe('file kept');
    expect((await b.sandbox.trail.events()).map((e) => e.eventName)).toEqual(['Decrypt', 'Encrypt', 'CreateKey']);
  });

  it('a torn last line (a crash mid-write, never acknowledged) is ignored; a damaged line before it is corrupt', async () => {
    const dir = join(await tempDir(), 'lab');
    const a = await sandboxClients({ store: createFileStore(dir) });
    const key = (await a.kms.send(new CreateKeyCommand({}))).KeyMetadata!.KeyId!;
    await a.sandbox.flush();
    await appendFile(join(dir, 'log.jsonl'), '{"p":[["111122223333\u001fus-east-1\u001fkms\u001fkey\u001fhalf",{"keyI');
    const b = await sandboxClients({ store: createFileStore(dir) });
    expect((await b.kms.send(new ListKeysCommand({}))).Keys!.map((k) => k.KeyId)).toEqual([key]);
    await b.sandbox.flush();
    await writeFile(join(dir, 'log.jsonl'), 'garbage\n{"p":[]}\n');
    const e = await createSandbox({ store: createFileStore(dir) }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(SandboxStoreError);
    expect((e as SandboxStoreError).problem).toBe('corrupt');
  });

  it('a schema-1 lab file given as --data is migrated into the directory and kept beside as a backup', async () => {
    const d = await tempDir();
    const path = join(d, 'lab.json');
    const fixture = readFileSync(join(__dirname, 'fixtures', 'schema-1-lab.json'), 'utf8');
    const expected = JSON.parse(readFileSync(join(__dirname, 'fixtures', 'schema-1-lab.expect.json'), 'utf8')) as {
      ciphertexts: { blob: string; plaintext: string; encryptionContext?: Record<string, string> }[];
      alias: string;
      symmetricKeyId: string;
    };
    await writeFile(path, JSON.stringify({ revision: 3, state: JSON.parse(fixture) as unknown }));
    const { kms } = await sandboxClients({ store: createFileStore(path) });
    const c = expected.ciphertexts[0]!;
    const out = await kms.send(new DecryptCommand({ CiphertextBlob: Buffer.from(c.blob, 'base64'), EncryptionContext: c.encryptionContext }));
    expect(td.decode(out.Plaintext)).toBe(c.plaintext);
    expect((await kms.send(new DescribeKeyCommand({ KeyId: expected.alias }))).KeyMetadata!.KeyId).toBe(expected.symmetricKeyId);
    expect((await stat(path)).isDirectory()).toBe(true);
    expect((await stat(`${path}.schema-1.bak`)).isFile()).toBe(true);
  });

  it('bodies live as files beside the records, never inside JSON; unreferenced ones are collected at open', async () => {
    const dir = join(await tempDir(), 'lab');
    const store = createFileStore(dir);
    const sb = await createSandbox({ store });
    await store.putBlob('s3/b/kept', te.encode('kept body'));
    await store.putBlob('s3/b/orphan', te.encode('orphan body'));
    // A bucket record (as S3 stores it) whose object's part names its body.
    const bucket = { name: 'b', region: 'us-east-1', creationDate: 0, objects: { k: { parts: [{ blobKey: 's3/b/kept', size: 9 }] } }, uploads: {} };
    await store.commit({ puts: [{ k: ['111122223333', 'us-east-1', 's3', 'bucket', 'b'], v: bucket }], deletes: [], trail: [] }, sb.epoch());
    expect(await readFile(join(dir, 'log.jsonl'), 'utf8')).not.toContain('kept body');
    const again = createFileStore(dir);
    await again.open();
    expect(td.decode(await again.getBlob('s3/b/kept'))).toBe('kept body');
    expect(await again.getBlob('s3/b/orphan')).toBeUndefined();
  });

  it('a failed commit fails the call and leaves the directory as it was', async () => {
    const dir = join(await tempDir(), 'lab');
    const store = createFileStore(dir);
    const { kms, sandbox } = await sandboxClients({ store });
    await sandbox.flush();
    const before = await readFile(join(dir, 'log.jsonl'), 'utf8');
    store.injectFault!('quota');
    await expect(kms.send(new CreateKeyCommand({}))).rejects.toMatchObject({ name: 'SandboxStorageException' });
    expect(await readFile(join(dir, 'log.jsonl'), 'utf8')).toBe(before);
  });
});

describe('the write set of one call', () => {
  it('a call that fails after changing records is rolled back in memory: no partial write reaches the store', async () => {
    const store = createMemoryStore();
    const lab = new Lab(store, { simNow: () => Date.now(), onError: () => undefined, onChange: () => undefined });
    await lab.open(initialLab);
    // Their JSON forms: the values themselves are the live objects the failed call mutated.
    const before = lab.records().map((r) => r.e);
    await expect(
      lab.run(true, async () => {
        // Services change the model through the call's view (write-tracker.ts), as the engine hands it out.
        const account = lab.view('111122223333');
        account.kms.regions['us-east-1'] = { keys: {}, aliases: { 'alias/half': { aliasName: 'alias/half', targetKeyId: 'x', creationDate: 1, lastUpdatedDate: 1 } } };
        lab.model.clock.offsetMs = 5;
        throw new Error('the operation failed half way');
      }),
    ).rejects.toThrow('half way');
    expect(lab.model.clock.offsetMs).toBe(0);
    expect(lab.model.accounts['111122223333']!.kms.regions['us-east-1']).toBeUndefined();
    expect(lab.records().map((r) => r.e)).toEqual(before);
    expect((await store.open())!.records.map((r) => r.e)).toEqual(before);
  });

  it('committing the same write set twice changes nothing (records are whole values keyed by id)', async () => {
    const store = createMemoryStore();
    const lab = new Lab(store, { simNow: () => Date.now(), onError: () => undefined, onChange: () => undefined });
    await lab.open(initialLab);
    const ws = { puts: [{ k: ['111122223333', 'us-east-1', 'kms', 'alias', 'alias/x'] as const, v: { aliasName: 'alias/x', targetKeyId: 'k' } }], deletes: [], trail: [] };
    await store.commit(ws, lab.epoch);
    const once = (await store.open())!.records.length;
    await store.commit(ws, lab.epoch);
    expect((await store.open())!.records.length).toBe(once);
  });
});
