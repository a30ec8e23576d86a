/**
 * The envelope lab's job through real SDK clients: KMS on the sandbox (in-process), S3 on moto's
 * server (an independent S3-compatible endpoint, started here on loopback).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMotoServer } from '../../../lib/__tests__/helpers/moto-server';
import { CreateKeyCommand, type KMSClient } from '@aws-sdk/client-kms';
import {
  CreateBucketCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListMultipartUploadsCommand,
  ListPartsCommand,
  PutObjectCommand,
  S3Client,
  type S3ClientConfig,
} from '@aws-sdk/client-s3';
import { createHash } from 'node:crypto';
import { sandboxClients } from '../../../sandbox/__tests__/helpers/clients';
import { readAndVerify, sealAndStore, PART_SIZE, S3_USER_METADATA_LIMIT, UPLOADS_IN_FLIGHT } from '../lib/envelope-job';
import type { HttpRequest } from '@smithy/protocol-http';
import type { SandboxRequestHandler } from '../../../sandbox';
import { EnvelopeIntegrityError } from '../lib/chunked-format';

let moto: Awaited<ReturnType<typeof startMotoServer>>;
let s3: S3Client;
let kms: KMSClient;
let keyArn: string;
const bucket = 'envelope-lab-test';

beforeAll(async () => {
  moto = await startMotoServer();
  const endpoint = moto.endpoint;
  s3 = new S3Client({ region: 'us-east-1', endpoint, forcePathStyle: true, credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
  await s3.send(new CreateBucketCommand({ Bucket: bucket }));
  ({ kms } = await sandboxClients());
  keyArn = (await kms.send(new CreateKeyCommand({ Description: 'envelope job' }))).KeyMetadata!.Arn!;
}, 60_000);

afterAll(() => {
  moto?.stop();
});

const random = (n: number) => {
  const out = new Uint8Array(n);
  for (let o = 0; o < n; o += 65536) globalThis.crypto.getRandomValues(out.subarray(o, Math.min(n, o + 65536)));
  return out;
};
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

describe('envelope job: GenerateDataKey, encrypt in chunks, store, discard, read back', () => {
  it('a small file goes in one PutObject with the envelope in its metadata; read back it matches', async () => {
    const plain = random(100_000);
    const r = await sealAndStore(kms, s3, { keyId: keyArn, bucket, objectKey: 'small.bin', context: { file: 'small.bin' }, file: new Blob([plain]) });
    expect(r).toMatchObject({ route: 'metadata', parts: 1, keyArn, plaintextBytes: 100_000, encryptedDataKeyBytes: 184, dataKeyZeroed: true });
    expect(r.metadataBytes).toBeLessThanOrEqual(S3_USER_METADATA_LIMIT);
    const head = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: 'small.bin' }));
    expect(head.ContentLength).toBe(r.storedBytes);
    expect(head.Metadata?.['envelope-kms-key-arn']).toBe(keyArn);
    // What is stored is ciphertext: the plaintext's first bytes are nowhere at the start of the object.
    const stored = await (await s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'small.bin' }))).Body!.transformToByteArray();
    expect(Buffer.from(stored).indexOf(Buffer.from(plain.subarray(0, 32)))).toBe(-1);
    const v = await readAndVerify(kms, s3, { bucket, objectKey: 'small.bin', original: new Blob([plain]) });
    expect(v).toMatchObject({ plaintextBytes: 100_000, matches: true, keyArn, dataKeyZeroed: true });
    expect(v.sha256).toBe(sha(plain));
  });

  it('a file larger than one part goes multipart, with every part but the last at least 5 MiB', async () => {
    const plain = random(2 * PART_SIZE + 12345);
    const phases: string[] = [];
    const progress: number[] = [];
    const uploaded: number[] = [];
    const r = await sealAndStore(
      kms,
      s3,
      { keyId: keyArn, bucket, objectKey: 'big.bin', context: { file: 'big.bin' }, file: new Blob([plain]) },
      { onPhase: (p) => phases.push(p), onProgress: (p, d) => (p === 'encrypt' ? progress.push(d) : p === 'upload' && uploaded.push(d)) },
    );
    expect(r.parts).toBe(3);
    // Encryption and upload run together (a couple of parts apart): both phases are announced up front.
    expect(phases).toEqual(['data-key', 'encrypt', 'upload', 'stored']);
    expect(progress.at(-1)).toBe(plain.length);
    // One upload update per part, only forward, ending at every stored byte.
    expect(uploaded).toHaveLength(3);
    expect(uploaded).toEqual([...uploaded].sort((a, b) => a - b));
    expect(uploaded.at(-1)).toBe(r.storedBytes);
    const v = await readAndVerify(kms, s3, { bucket, objectKey: 'big.bin' });
    expect(v.sha256).toBe(sha(plain));
  });

  it('an encryption context too large for 2 KB of metadata moves the envelope to a manifest object', async () => {
    const context = { note: 'x'.repeat(1800), file: 'ctx.bin' };
    const plain = random(5000);
    const r = await sealAndStore(kms, s3, { keyId: keyArn, bucket, objectKey: 'ctx.bin', context, file: plain });
    expect(r.route).toBe('manifest');
    expect(r.metadataBytes).toBeGreaterThan(S3_USER_METADATA_LIMIT);
    const head = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: 'ctx.bin' }));
    expect(head.Metadata).toEqual({ 'envelope-manifest': 'ctx.bin.envelope.json' });
    expect((await readAndVerify(kms, s3, { bucket, objectKey: 'ctx.bin' })).sha256).toBe(sha(plain));
  });

  it('cancelled half-way: the multipart upload is aborted and nothing is stored', async () => {
    const ctl = new AbortController();
    const plain = random(3 * PART_SIZE);
    const run = sealAndStore(
      kms,
      s3,
      { keyId: keyArn, bucket, objectKey: 'cancelled.bin', context: {}, file: new Blob([plain]) },
      { signal: ctl.signal, onProgress: (p, d, t) => p === 'upload' && d > t / 3 && ctl.abort() },
    );
    const err = (await run.catch((e: unknown) => e)) as { name?: string; afterAbort?: unknown };
    expect(err.name).toBe('AbortError');
    // The job asks S3 itself after the abort, and reports what it answered.
    expect(err.afterAbort).toMatchObject({ listParts: 'NoSuchUpload', headObject: 'NotFound' });
    await expect(s3.send(new HeadObjectCommand({ Bucket: bucket, Key: 'cancelled.bin' }))).rejects.toMatchObject({ name: 'NotFound' });
    const uploads = await s3.send(new ListMultipartUploadsCommand({ Bucket: bucket }));
    expect((uploads.Uploads ?? []).filter((u) => u.Key === 'cancelled.bin')).toEqual([]);
  });

  it('a changed byte in the stored object fails the read with the chunk named', async () => {
    const plain = random(300_000);
    // 64 KiB chunks (not the default), so byte 200,000 of the stored object is in chunk 3.
    await sealAndStore(kms, s3, { keyId: keyArn, bucket, objectKey: 'tamper.bin', context: {}, file: plain, chunkSize: 64 * 1024 });
    const got = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'tamper.bin' }));
    const bytes = await got.Body!.transformToByteArray();
    bytes[200_000] = bytes[200_000]! ^ 0x01;
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'tamper.bin', Body: bytes, Metadata: got.Metadata }));
    const err = await readAndVerify(kms, s3, { bucket, objectKey: 'tamper.bin' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EnvelopeIntegrityError);
    expect((err as EnvelopeIntegrityError).chunkIndex).toBe(3);
  });
});

/** An S3 client on the sandbox's own handler, as the lab's admin (one request per call). */
function sandboxS3(requestHandler: S3ClientConfig['requestHandler'], extra: Partial<S3ClientConfig> = {}): S3Client {
  return new S3Client({ region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, requestHandler, maxAttempts: 1, ...extra });
}

describe('envelope job on the sandbox’s own S3 (KMS and S3 in one embedded AWS)', () => {
  it('stores multipart under the lab bucket and reads back the same SHA-256', async () => {
    const { sandbox, kms: sbKms } = await sandboxClients();
    const sbS3 = sandboxS3(sandbox.requestHandler);
    const arn = (await sbKms.send(new CreateKeyCommand({}))).KeyMetadata!.Arn!;
    const plain = random(PART_SIZE + 4096);
    const r = await sealAndStore(sbKms, sbS3, { keyId: arn, bucket: 'kms-lab-bucket', objectKey: 'me/envelope/a.bin', context: { a: 'b' }, file: new Blob([plain]) });
    expect(r.parts).toBe(2);
    const v = await readAndVerify(sbKms, sbS3, { bucket: 'kms-lab-bucket', objectKey: 'me/envelope/a.bin', original: plain });
    expect(v.matches).toBe(true);
    expect(v.sha256).toBe(sha(plain));
  });

  it('with parts sent as their chunks (the sandbox path in the browser), the stored object is the same envelope and reads back', async () => {
    const { sandbox, kms: sbKms } = await sandboxClients();
    const sbS3 = sandboxS3(sandbox.requestHandler, { requestChecksumCalculation: 'WHEN_REQUIRED' });
    const arn = (await sbKms.send(new CreateKeyCommand({}))).KeyMetadata!.Arn!;
    const plain = random(2 * PART_SIZE + 12_345);
    const r = await sealAndStore(
      sbKms,
      sbS3,
      { keyId: arn, bucket: 'kms-lab-bucket', objectKey: 'me/envelope/chunked.bin', context: { a: 'b' }, file: new Blob([plain]) },
      {},
      { chunkedBodies: true },
    );
    expect(r.parts).toBe(3);
    const head = await sbS3.send(new HeadObjectCommand({ Bucket: 'kms-lab-bucket', Key: 'me/envelope/chunked.bin' }));
    expect(head.ContentLength).toBe(r.storedBytes);
    expect(head.ETag).toMatch(/^"[0-9a-f]{32}-3"$/);
    const v = await readAndVerify(sbKms, sbS3, { bucket: 'kms-lab-bucket', objectKey: 'me/envelope/chunked.bin', original: plain });
    expect(v.matches).toBe(true);
  });

  it('sends the next part before the last is answered, at most UPLOADS_IN_FLIGHT at once, and still completes in part order', async () => {
    const { sandbox, kms: sbKms } = await sandboxClients();
    // Part 1 is answered only once part 2 has arrived: a job that waited for each answer would never send part 2.
    let part2!: () => void;
    const part2Arrived = new Promise<void>((r) => (part2 = r));
    const arrived: number[] = [];
    let inFlight = 0;
    let most = 0;
    const handler = gatedHandler(sandbox.requestHandler, async (req, next) => {
      const n = Number(req.query['partNumber'] ?? 0);
      if (!n) return next();
      arrived.push(n);
      most = Math.max(most, ++inFlight);
      if (n >= 2) part2();
      if (n === 1) await part2Arrived;
      try {
        return await next();
      } finally {
        inFlight--;
      }
    });
    const sbS3 = sandboxS3(handler, { requestChecksumCalculation: 'WHEN_REQUIRED' });
    const arn = (await sbKms.send(new CreateKeyCommand({}))).KeyMetadata!.Arn!;
    const plain = random(3 * PART_SIZE + 100);
    const r = await sealAndStore(sbKms, sbS3, { keyId: arn, bucket: 'kms-lab-bucket', objectKey: 'me/envelope/two.bin', context: {}, file: new Blob([plain]) }, {}, { chunkedBodies: true });
    expect(r.parts).toBe(4);
    expect(arrived).toEqual([1, 2, 3, 4]);
    expect(most).toBe(UPLOADS_IN_FLIGHT);
    const v = await readAndVerify(sbKms, sbS3, { bucket: 'kms-lab-bucket', objectKey: 'me/envelope/two.bin', original: plain });
    expect(v.matches).toBe(true);
  });

  it('a part that fails aborts the upload only after every part sent has been answered', async () => {
    const { sandbox, kms: sbKms } = await sandboxClients();
    const events: string[] = [];
    let uploadId = '';
    const handler = gatedHandler(sandbox.requestHandler, async (req, next) => {
      const n = Number(req.query['partNumber'] ?? 0);
      if (n) uploadId = String(req.query['uploadId']);
      if (req.method === 'DELETE') events.push('abort');
      if (n === 2) {
        events.push('part 2 failed');
        throw new Error('the connection was reset');
      }
      const res = await next();
      if (n) events.push(`part ${n} answered`);
      return res;
    });
    const sbS3 = sandboxS3(handler, { requestChecksumCalculation: 'WHEN_REQUIRED' });
    const arn = (await sbKms.send(new CreateKeyCommand({}))).KeyMetadata!.Arn!;
    const err = await sealAndStore(
      sbKms,
      sbS3,
      { keyId: arn, bucket: 'kms-lab-bucket', objectKey: 'me/envelope/failed.bin', context: {}, file: new Blob([random(3 * PART_SIZE)]) },
      {},
      { chunkedBodies: true },
    ).catch((e: unknown) => e);
    expect((err as Error).message).toContain('the connection was reset');
    // Part 1 (in flight beside part 2) was answered before the abort; nothing was sent after it.
    expect(events.indexOf('part 1 answered')).toBeLessThan(events.indexOf('abort'));
    expect(events.at(-1)).toBe('abort');
    await expect(sbS3.send(new ListPartsCommand({ Bucket: 'kms-lab-bucket', Key: 'me/envelope/failed.bin', UploadId: uploadId }))).rejects.toMatchObject({
      name: 'NoSuchUpload',
    });
  });
});

/** The sandbox's handler with `gate` in front of every request (`next` forwards it). */
function gatedHandler(
  inner: SandboxRequestHandler,
  gate: (req: HttpRequest, next: () => Promise<{ response: unknown }>) => Promise<{ response: unknown }>,
): S3ClientConfig['requestHandler'] {
  return {
    handle: (req: HttpRequest, opts?: Parameters<SandboxRequestHandler['handle']>[1]) => gate(req, () => inner.handle(req, opts)),
    updateHttpClientConfig: () => undefined,
    httpHandlerConfigs: () => ({}),
    destroy: () => undefined,
  } as S3ClientConfig['requestHandler'];
}
