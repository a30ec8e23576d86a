import { describe, expect, it } from 'vitest';
import { Readable } from 'node:stream';
import { CreateBucketCommand, DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { CreateKeyCommand } from '@aws-sdk/client-kms';
import { createSandbox, createMemoryStore, type Sandbox } from '../../index';
import type { SandboxStore, WriteSet } from '../../store/store';
import type { StoredRecord } from '../../store/records';
import { open as openSealed, seal } from '../../s3/s3-crypto';
import { SEGMENT_BYTES } from '../../s3/s3-segments';
import { bodyPieces } from '../../shared/bytes';
import type { Bucket, S3Object } from '../../s3/s3-models';
import { s3Clients, s3Error, SSE_C_KEY, SSE_C_KEY_MD5 } from './s3-helpers';
import { raw, xmlCode } from './s3-raw';

const MiB = 1024 * 1024;
const SEG = SEGMENT_BYTES;

/** A memory store that reports what passes through it (blob writes and reads, commits). */
function spyStore(inner: SandboxStore = createMemoryStore()) {
  const live = new Set<string>();
  const log = { puts: [] as { key: string; size: number }[], gets: [] as string[], commits: [] as WriteSet[], onPut: (_key: string) => {} };
  const store: SandboxStore = {
    ...inner,
    async putBlob(key, bytes) {
      log.puts.push({ key, size: bodyPieces(bytes).length });
      live.add(key);
      log.onPut(key);
      return inner.putBlob(key, bytes);
    },
    async getBlob(key) {
      log.gets.push(key);
      return inner.getBlob(key);
    },
    async deleteBlob(key) {
      live.delete(key);
      return inner.deleteBlob(key);
    },
    async commit(ws, epoch) {
      log.commits.push(ws);
      return inner.commit(ws, epoch);
    },
  };
  return { store, log, live };
}

/** `size` bytes in chunks of `chunk` (byte i = i mod 251) as a Node stream, counting how much has been pulled. */
function generated(size: number, chunk = 64 * 1024) {
  const state = { pulled: 0 };
  const stream = new Readable({
    highWaterMark: chunk,
    read() {
      if (state.pulled >= size) return void this.push(null);
      const n = Math.min(chunk, size - state.pulled);
      const b = Buffer.alloc(n);
      for (let i = 0; i < n; i++) b[i] = (state.pulled + i) % 251;
      state.pulled += n;
      this.push(b);
    },
  });
  return { stream, state };
}
const byteAt = (i: number) => i % 251;

async function sandboxWith(store: SandboxStore): Promise<Sandbox> {
  return createSandbox({ store });
}

describe('object bodies stream through the sandbox', () => {
  it('a PutObject body is encrypted into segments as it arrives, never gathered whole', async () => {
    const spy = spyStore();
    const sandbox = await sandboxWith(spy.store);
    const { s3 } = await s3Clients({ sandbox });
    await s3.send(new CreateBucketCommand({ Bucket: 'stream-bucket' }));
    const size = 5 * SEGMENT_BYTES + 3;
    const { stream, state } = generated(size);
    const pulledAtPut: number[] = [];
    spy.log.onPut = () => pulledAtPut.push(state.pulled);
    await s3.send(new PutObjectCommand({ Bucket: 'stream-bucket', Key: 'big', Body: stream, ContentLength: size }));
    const segs = spy.log.puts.filter((p) => p.key.startsWith('s3/stream-bucket/'));
    expect(segs.map((p) => p.size)).toEqual([...Array(5).fill(SEGMENT_BYTES + 28), 3 + 28]);
    // Each segment was stored while the body was still arriving: at most one segment and the stream's read-ahead.
    pulledAtPut.forEach((pulled, i) => expect(pulled).toBeLessThanOrEqual((i + 1) * SEGMENT_BYTES + 4 * 64 * 1024));
    expect(pulledAtPut[0]).toBeLessThan(size);
    const view = (await sandbox.inspectS3Object('stream-bucket', 'big'))!;
    expect(view.pieces.map((p) => p.storedBytes)).toEqual(segs.map((p) => p.size));
    // The raw view copies the first pieces' ciphertext only (a large object is not copied whole).
    expect(view.pieces.map((p) => p.ciphertext.length)).toEqual([...segs.slice(0, 4).map((p) => p.size), 0, 0]);
    expect(view.size).toBe(size);
  });

  it('a body in chunks larger than a segment and not aligned to it (views and gathered segments mixed) reads back whole', async () => {
    const sandbox = await createSandbox();
    const { s3 } = await s3Clients({ sandbox });
    await s3.send(new CreateBucketCommand({ Bucket: 'mixed-bucket' }));
    const size = 4 * SEGMENT_BYTES + 11;
    const { stream } = generated(size, Math.floor(1.5 * SEGMENT_BYTES) + 7);
    await s3.send(new PutObjectCommand({ Bucket: 'mixed-bucket', Key: 'm', Body: stream, ContentLength: size }));
    const got = await (await s3.send(new GetObjectCommand({ Bucket: 'mixed-bucket', Key: 'm' }))).Body!.transformToByteArray();
    expect(got.length).toBe(size);
    expect(got.every((b, i) => b === byteAt(i))).toBe(true);
  });

  it('ranges on encrypted objects read only the segments they cover (SSE-S3, SSE-KMS, DSSE-KMS, SSE-C)', async () => {
    const spy = spyStore();
    const sandbox = await sandboxWith(spy.store);
    const { s3, kms } = await s3Clients({ sandbox });
    await s3.send(new CreateBucketCommand({ Bucket: 'range-bucket' }));
    const key = await kms.send(new CreateKeyCommand({}));
    const size = 3 * MiB + 100;
    const body = new Uint8Array(size).map((_, i) => byteAt(i));
    const modes = {
      s3: {},
      kms: { ServerSideEncryption: 'aws:kms', SSEKMSKeyId: key.KeyMetadata!.Arn },
      dsse: { ServerSideEncryption: 'aws:kms:dsse', SSEKMSKeyId: key.KeyMetadata!.Arn },
    } as const;
    for (const [k, sse] of Object.entries(modes)) await s3.send(new PutObjectCommand({ Bucket: 'range-bucket', Key: k, Body: body, ...sse }));
    for (const k of Object.keys(modes)) {
      spy.log.gets = [];
      const across = await s3.send(new GetObjectCommand({ Bucket: 'range-bucket', Key: k, Range: `bytes=${SEG - 5}-${SEG + 4}` }));
      expect(Array.from(await across.Body!.transformToByteArray())).toEqual(Array.from(body.subarray(SEG - 5, SEG + 5)));
      expect(across.ContentRange).toBe(`bytes ${SEG - 5}-${SEG + 4}/${size}`);
      expect(spy.log.gets.filter((g) => g.startsWith('s3/'))).toHaveLength(2);
      spy.log.gets = [];
      const tail = await s3.send(new GetObjectCommand({ Bucket: 'range-bucket', Key: k, Range: 'bytes=-50' }));
      expect(Array.from(await tail.Body!.transformToByteArray())).toEqual(Array.from(body.subarray(size - 50)));
      expect(spy.log.gets.filter((g) => g.startsWith('s3/'))).toHaveLength(1);
      const whole = await s3.send(new GetObjectCommand({ Bucket: 'range-bucket', Key: k }));
      const got = await whole.Body!.transformToByteArray();
      expect([got.length, got[size - 1]]).toEqual([size, byteAt(size - 1)]);
    }
  });

  it('a range of an SSE-C object needs its key and decrypts only that range', async () => {
    const sandbox = await createSandbox();
    const { s3 } = await s3Clients({ sandbox });
    await s3.send(new CreateBucketCommand({ Bucket: 'ssec-range' }));
    const { PutBucketEncryptionCommand } = await import('@aws-sdk/client-s3');
    await s3.send(new PutBucketEncryptionCommand({ Bucket: 'ssec-range', ServerSideEncryptionConfiguration: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' }, BlockedEncryptionTypes: { EncryptionType: ['NONE'] } }] } }));
    const body = new Uint8Array(2 * MiB + 7).map((_, i) => byteAt(i));
    const ssec = { SSECustomerAlgorithm: 'AES256', SSECustomerKey: SSE_C_KEY, SSECustomerKeyMD5: SSE_C_KEY_MD5 };
    await s3.send(new PutObjectCommand({ Bucket: 'ssec-range', Key: 'c', Body: body, ...ssec }));
    expect((await s3Error(s3.send(new GetObjectCommand({ Bucket: 'ssec-range', Key: 'c', Range: 'bytes=0-9' })))).name).toBe('InvalidRequest');
    const r = await s3.send(new GetObjectCommand({ Bucket: 'ssec-range', Key: 'c', Range: `bytes=${2 * MiB}-`, ...ssec }));
    expect(Array.from(await r.Body!.transformToByteArray())).toEqual(Array.from(body.subarray(2 * MiB)));
  });

  it('segments cannot be swapped: each is bound to its place (AAD), so a reordered body fails to read', async () => {
    const spy = spyStore();
    const sandbox = await sandboxWith(spy.store);
    const { s3 } = await s3Clients({ sandbox });
    await s3.send(new CreateBucketCommand({ Bucket: 'swap-bucket' }));
    await s3.send(new PutObjectCommand({ Bucket: 'swap-bucket', Key: 'o', Body: new Uint8Array(2 * MiB + 1).fill(1) }));
    const [a, b] = spy.log.puts.filter((p) => p.key.startsWith('s3/swap-bucket/')).map((p) => p.key);
    const first = (await spy.store.getBlob(a!))!;
    await spy.store.putBlob(a!, (await spy.store.getBlob(b!))!);
    await spy.store.putBlob(b!, first);
    const got = await s3.send(new GetObjectCommand({ Bucket: 'swap-bucket', Key: 'o' }));
    await expect(got.Body!.transformToByteArray()).rejects.toThrow();
  });

  it('a body that does not match its signed x-amz-content-sha256 is refused and leaves no blob behind', async () => {
    const spy = spyStore();
    const sandbox = await sandboxWith(spy.store);
    await raw(sandbox, { method: 'PUT', path: '/hash-bucket' });
    const before = new Set(spy.live);
    const r = await raw(sandbox, { method: 'PUT', path: '/hash-bucket/k', body: 'the real body', payloadHash: 'a'.repeat(64) });
    expect([r.statusCode, xmlCode(r.text)]).toEqual([400, 'XAmzContentSHA256Mismatch']);
    expect((await raw(sandbox, { method: 'HEAD', path: '/hash-bucket/k' })).statusCode).toBe(404);
    await sandbox.flush?.();
    await new Promise((res) => setTimeout(res, 50));
    expect([...spy.live].filter((k) => !before.has(k))).toEqual([]);
  });
});

describe('object records', () => {
  it('a PutObject commits its object\'s record only, never its bucket\'s', async () => {
    const spy = spyStore();
    const sandbox = await sandboxWith(spy.store);
    const { s3 } = await s3Clients({ sandbox });
    await s3.send(new CreateBucketCommand({ Bucket: 'rec-bucket' }));
    for (let i = 0; i < 5; i++) await s3.send(new PutObjectCommand({ Bucket: 'rec-bucket', Key: `k${i}`, Body: 'x' }));
    spy.log.commits = [];
    await s3.send(new PutObjectCommand({ Bucket: 'rec-bucket', Key: 'k9', Body: 'y' }));
    const kinds = spy.log.commits.flatMap((c) => c.puts.map((p) => `${p.k[2]}/${p.k[3]}/${p.k[4]}`));
    expect(kinds).toEqual(['s3/object/rec-bucket/k9']);
    spy.log.commits = [];
    await s3.send(new DeleteObjectCommand({ Bucket: 'rec-bucket', Key: 'k9' }));
    expect(spy.log.commits.flatMap((c) => c.deletes.map((k) => `${k[3]}/${k[4]}`))).toEqual(['object/rec-bucket/k9']);
  });

  it('reads a lab stored in the earlier format (objects inside the bucket record, bodies sealed whole) and rewrites it', async () => {
    // Write one object with today's code, then turn the stored lab into the earlier format by hand.
    const first = spyStore();
    const a = await sandboxWith(first.store);
    const { s3: s3a } = await s3Clients({ sandbox: a });
    await s3a.send(new CreateBucketCommand({ Bucket: 'old-bucket' }));
    await s3a.send(new PutObjectCommand({ Bucket: 'old-bucket', Key: 'old', Body: 'stored before segments' }));
    await a.flush?.();
    const snap = (await first.store.open())!;
    const find = (kind: string) => snap.records.find((r) => r.k[2] === 's3' && r.k[3] === kind && r.k[4].startsWith('old-bucket') || (kind === 'master-key' && r.k[3] === kind))!;
    const master = find('master-key').v as Uint8Array;
    const obj = structuredClone(find('object').v as S3Object);
    const ctx = { subtle: crypto.subtle, randomBytes: (n: number) => crypto.getRandomValues(new Uint8Array(n)) } as never;
    const dataKey = await openSealed(ctx, master, obj.encryption.wrappedDataKey!);
    const legacyBlob = await seal(ctx, dataKey, new TextEncoder().encode('stored before segments'));
    obj.parts = [{ blobKey: 's3/old-bucket/legacy/1', size: 22 }];
    const bucket = { ...(find('bucket').v as Bucket), objects: { old: obj }, uploads: {} };
    const records: StoredRecord[] = snap.records.filter((r) => r.k[3] !== 'object' && r.k[3] !== 'bucket' || !r.k[4].startsWith('old-bucket'));
    records.push({ k: ['111122223333', 'us-east-1', 's3', 'bucket', 'old-bucket'], v: bucket });
    const legacy = spyStore();
    await legacy.store.replace({ epoch: 1, schemaVersion: snap.schemaVersion, records, trail: [] });
    await legacy.store.putBlob('s3/old-bucket/legacy/1', legacyBlob);

    const b = await sandboxWith(legacy.store);
    const { s3 } = await s3Clients({ sandbox: b });
    legacy.log.commits = [];
    const got = await s3.send(new GetObjectCommand({ Bucket: 'old-bucket', Key: 'old', Range: 'bytes=7-12' }));
    expect(await got.Body!.transformToString()).toBe('before');
    // The first commit after opening (here the GET's) rewrites the bucket record and splits its object out.
    await s3.send(new PutObjectCommand({ Bucket: 'old-bucket', Key: 'new', Body: 'n' }));
    const puts = legacy.log.commits.flatMap((c) => c.puts.map((p) => `${p.k[3]}/${p.k[4]}`)).sort();
    expect(puts).toEqual(['bucket/old-bucket', 'object/old-bucket/new', 'object/old-bucket/old']);
    const rewritten = legacy.log.commits.flatMap((c) => c.puts).find((p) => p.k[3] === 'bucket')!.v as Record<string, unknown>;
    expect(Object.hasOwn(rewritten, 'objects')).toBe(false);
    await s3.send(new DeleteObjectCommand({ Bucket: 'old-bucket', Key: 'old' }));
    await b.flush?.();
    // Reopened: the deleted object stays deleted (no copy of it left in the old bucket record).
    const c = await sandboxWith(legacy.store);
    const { s3: s3c } = await s3Clients({ sandbox: c });
    expect((await s3Error(s3c.send(new HeadObjectCommand({ Bucket: 'old-bucket', Key: 'old' })))).status).toBe(404);
    expect(await (await s3c.send(new GetObjectCommand({ Bucket: 'old-bucket', Key: 'new' }))).Body!.transformToString()).toBe('n');
  });
});
