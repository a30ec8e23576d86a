import { describe, expect, it } from 'vitest';
import { CreateBucketCommand, DeleteObjectCommand, GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { CreateAliasCommand, CreateKeyCommand, DecryptCommand, EncryptCommand, TagResourceCommand } from '@aws-sdk/client-kms';
import { s3Clients } from '../../s3/__tests__/s3-helpers';
import { initialLab } from '../../index';
import { Lab } from '../lab';
import { createMemoryStore } from '../memory-store';

/**
 * A call's write set is found by encoding the records it touched (write-tracker.ts), never every record:
 * the same calls encode the same number of records whether the lab holds a few records or hundreds.
 * Counted, never timed. (The whole suite also runs with SANDBOX_VERIFY_WRITE_SETS=1, which checks every
 * call's tracked write set against a diff of every record.)
 */
async function encodesOfSameCalls(extraObjects: number, extraKeys: number): Promise<number> {
  const { sandbox, s3, kms } = await s3Clients({ forcePathStyle: true });
  await s3.send(new CreateBucketCommand({ Bucket: 'many-objects' }));
  for (let i = 0; i < extraObjects; i++) await s3.send(new PutObjectCommand({ Bucket: 'many-objects', Key: `filler/${i}`, Body: `filler ${i}` }));
  for (let i = 0; i < extraKeys; i++) await kms.send(new CreateKeyCommand({ Description: `filler ${i}` }));
  const key = (await kms.send(new CreateKeyCommand({ Description: 'measured' }))).KeyMetadata!.Arn!;
  await sandbox.flush();

  const before = sandbox.writeSetEncodes();
  await s3.send(new PutObjectCommand({ Bucket: 'many-objects', Key: 'measured', Body: 'hello', ServerSideEncryption: 'aws:kms', SSEKMSKeyId: key }));
  const got = await s3.send(new GetObjectCommand({ Bucket: 'many-objects', Key: 'measured' }));
  expect(await got.Body!.transformToString()).toBe('hello');
  const ct = await kms.send(new EncryptCommand({ KeyId: key, Plaintext: new Uint8Array([1, 2, 3]) }));
  await kms.send(new DecryptCommand({ CiphertextBlob: ct.CiphertextBlob }));
  await kms.send(new TagResourceCommand({ KeyId: key, Tags: [{ TagKey: 'k', TagValue: 'v' }] }));
  await kms.send(new CreateAliasCommand({ AliasName: 'alias/measured', TargetKeyId: key }));
  await s3.send(new DeleteObjectCommand({ Bucket: 'many-objects', Key: 'measured' }));
  await sandbox.flush();
  return sandbox.writeSetEncodes() - before;
}

describe('write sets', () => {
  it('the same calls encode the same number of records with 2 objects and 2 keys as with 120 objects and 30 keys', async () => {
    const small = await encodesOfSameCalls(2, 2);
    const large = await encodesOfSameCalls(120, 30);
    expect(small).toBeGreaterThan(0);
    expect(large).toBe(small);
  });

  it('a call that touches one record of many encodes a handful of records, not all of them', async () => {
    const store = createMemoryStore();
    const lab = new Lab(store, { simNow: () => Date.now(), onError: () => undefined, onChange: () => undefined });
    await lab.open(initialLab);
    await lab.run(true, async () => {
      const v = lab.view('111122223333');
      const region = (v.kms.regions['us-east-1'] ??= { keys: {}, aliases: {} });
      for (let i = 0; i < 500; i++) region.aliases[`alias/a${i}`] = { aliasName: `alias/a${i}`, targetKeyId: 'k', creationDate: 1, lastUpdatedDate: 1 };
    });
    expect((await store.open())!.records.filter((r) => r.k[3] === 'alias')).toHaveLength(500);

    const before = lab.encodes;
    await lab.run(true, async () => {
      const alias = lab.view('111122223333').kms.regions['us-east-1']!.aliases['alias/a7']!;
      alias.lastUpdatedDate = 2;
    });
    // The alias, the clock and the account's two singleton records (absent here: not encoded).
    expect(lab.encodes - before).toBe(2);
    const stored = (await store.open())!.records.find((r) => r.k[4] === 'alias/a7');
    expect(stored?.v).toMatchObject({ lastUpdatedDate: 2 });
  });

  it('a call and the calls it makes share one view of an account; the next call gets a fresh one', async () => {
    const store = createMemoryStore();
    const lab = new Lab(store, { simNow: () => Date.now(), onError: () => undefined, onChange: () => undefined });
    await lab.open(initialLab);
    const seen: unknown[] = [];
    await lab.run(true, async () => {
      seen.push(lab.view('111122223333'), lab.view('111122223333'), lab.view('444455556666'));
    });
    expect(seen[0]).toBe(seen[1]);
    expect(seen[2]).not.toBe(seen[0]);
    await lab.run(true, async () => {
      const again = lab.view('111122223333');
      expect(again).not.toBe(seen[0]);
      // What a shared view reaches is still tracked: a write through it is committed.
      (again.kms.regions['us-east-1'] ??= { keys: {}, aliases: {} }).aliases['alias/shared'] = {
        aliasName: 'alias/shared',
        targetKeyId: 'k',
        creationDate: 1,
        lastUpdatedDate: 1,
      };
      expect(lab.view('111122223333')).toBe(again);
    });
    expect((await store.open())!.records.some((r) => r.k[4] === 'alias/shared')).toBe(true);
  });

  it('a record deleted through the view is deleted from the store, and a failed call restores it', async () => {
    const store = createMemoryStore();
    const lab = new Lab(store, { simNow: () => Date.now(), onError: () => undefined, onChange: () => undefined });
    await lab.open(initialLab);
    await lab.run(true, async () => {
      const region = (lab.view('111122223333').kms.regions['us-east-1'] ??= { keys: {}, aliases: {} });
      region.aliases['alias/a'] = { aliasName: 'alias/a', targetKeyId: 'k', creationDate: 1, lastUpdatedDate: 1 };
      region.aliases['alias/b'] = { aliasName: 'alias/b', targetKeyId: 'k', creationDate: 1, lastUpdatedDate: 1 };
    });
    await expect(
      lab.run(true, async () => {
        delete lab.view('111122223333').kms.regions['us-east-1']!.aliases['alias/a'];
        throw new Error('failed after the delete');
      }),
    ).rejects.toThrow('failed after the delete');
    expect(Object.keys(lab.model.accounts['111122223333']!.kms.regions['us-east-1']!.aliases).sort()).toEqual(['alias/a', 'alias/b']);
    await lab.run(true, async () => {
      delete lab.view('111122223333').kms.regions['us-east-1']!.aliases['alias/a'];
    });
    const aliases = (await store.open())!.records.filter((r) => r.k[3] === 'alias').map((r) => r.k[4]);
    expect(aliases).toEqual(['alias/b']);
  });
});
