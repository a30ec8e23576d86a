/**
 * The worker bridge over real MessageChannels (as between the page and the envelope lab's Worker):
 * the worker's own SDK clients forward to the page's sandbox handler, bodies are transferred, and the
 * S3 choices a lab makes for its uploads (UNSIGNED-PAYLOAD over HTTPS, checksums only when required)
 * reach the engine as sent.
 */
import { createHash } from 'node:crypto';
import { CompleteMultipartUploadCommand, CreateMultipartUploadCommand, GetObjectCommand, PutObjectCommand, UploadPartCommand } from '@aws-sdk/client-s3';
import { GenerateDataKeyCommand, CreateKeyCommand } from '@aws-sdk/client-kms';
import { HttpRequest } from '@smithy/protocol-http';
import { afterEach, describe, expect, it } from 'vitest';
import { createSandbox, SANDBOX_ADMIN_CREDENTIALS } from '../../sandbox';
import { EngineHost, type HostPort } from '../../sandbox/host/engine-host';
import { HostClient } from '../../sandbox/host/host-client';
import type { HostRequest } from '../../sandbox/host/messages';
import { proxySandbox } from '../../sandbox/host/page-sandbox';
import { ChunkedBody } from '../chunked-body';
import { createInspectorStore } from '../inspector-store';
import { serveWorker, type WireRequest, type WireResponse } from '../worker-bridge';
import { workerClients, type WorkerS3Options } from '../worker-clients';

const closers: (() => void)[] = [];
afterEach(() => {
  while (closers.length) closers.pop()!();
});

/** Page and worker in one process: the connect message goes to a stand-in worker scope, its port is real. */
async function bridge(s3Options?: WorkerS3Options) {
  const sandbox = await createSandbox();
  const seen: { headers: Record<string, string>; bodyBytes: number }[] = [];
  const inspector = createInspectorStore();
  const scope = new EventTarget();
  // The worker listens first (it starts before the page connects it).
  const ready = workerClients(scope as unknown as Parameters<typeof workerClients>[0], s3Options);
  const close = serveWorker(
    { postMessage: (message) => scope.dispatchEvent(new MessageEvent('message', { data: message })) },
    {
      init: { backend: 'sandbox', region: 'us-east-1', forcePathStyle: false, maxAttempts: 1, forward: true },
      credentials: async () => SANDBOX_ADMIN_CREDENTIALS,
      inspector,
      handle: async (req: WireRequest): Promise<WireResponse> => {
        seen.push({ headers: req.headers, bodyBytes: req.body instanceof Uint8Array ? req.body.byteLength : 0 });
        const { response } = await sandbox.requestHandler.handle(new HttpRequest(req));
        return { statusCode: response.statusCode, headers: response.headers, body: response.body as WireResponse['body'] };
      },
    },
  );
  const clients = await ready;
  closers.push(close, () => clients.kms.destroy(), () => clients.s3.destroy());
  return { ...clients, seen, inspector };
}

const bytes = (n: number) => {
  const b = new Uint8Array(n);
  for (let o = 0; o < n; o += 65536) crypto.getRandomValues(b.subarray(o, Math.min(n, o + 65536)));
  return b;
};

/**
 * The app's whole path on the sandbox: the worker's clients, the page's bridge handing the body over
 * (as client-supplier.ts connectWorker does), the page's proxy, and the engine's host over a real
 * MessageChannel (as the SharedWorker serves a page).
 */
async function hostedBridge() {
  const engine = new EngineHost({ hostKind: 'test', open: () => createSandbox(), clearStore: async () => {} });
  const { port1, port2 } = new MessageChannel();
  const hostPort: HostPort = { postMessage: (m, t) => port1.postMessage(m, t) };
  engine.addPort(hostPort);
  port1.addEventListener('message', (ev) => void engine.handle(hostPort, (ev as MessageEvent).data as HostRequest));
  port1.start();
  const client = new HostClient();
  port2.addEventListener('message', (ev) => client.receive((ev as MessageEvent).data));
  port2.start();
  client.setLink({ transfers: true, send: (msg, transfer) => port2.postMessage(msg, transfer) });
  const page = await proxySandbox({ client, mode: () => 'shared-worker', close: () => (port1.close(), port2.close()) });
  const seen: { body: WireRequest['body'] }[] = [];
  const scope = new EventTarget();
  const ready = workerClients(scope as unknown as Parameters<typeof workerClients>[0], { unsignedPayloadOverHttps: true, requestChecksumCalculation: 'WHEN_REQUIRED' });
  const close = serveWorker(
    { postMessage: (message) => scope.dispatchEvent(new MessageEvent('message', { data: message })) },
    {
      init: { backend: 'sandbox', region: 'us-east-1', forcePathStyle: false, maxAttempts: 1, forward: true },
      credentials: async () => SANDBOX_ADMIN_CREDENTIALS,
      inspector: createInspectorStore(),
      handle: async (req: WireRequest): Promise<WireResponse> => {
        seen.push({ body: req.body });
        const { response } = await page.requestHandler.handle(new HttpRequest(req), { transferBody: true });
        return { statusCode: response.statusCode, headers: response.headers, body: response.body as WireResponse['body'] };
      },
    },
  );
  const clients = await ready;
  closers.push(close, () => clients.kms.destroy(), () => clients.s3.destroy(), () => (port1.close(), port2.close()));
  return { ...clients, seen };
}

describe('worker bridge', () => {
  it('sends a part given as its chunks to the engine without joining them: the chunks move, the stored part is their bytes in order', async () => {
    const { s3, seen, chunkedBodies } = await hostedBridge();
    expect(chunkedBodies).toBe(true);
    const Bucket = 'kms-lab-bucket';
    const Key = 'bridge/chunked.bin';
    const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket, Key }));
    // Chunk sizes that do not divide the engine's 896 KiB segments, and a last chunk of odd length.
    const sizes = [524_304, 524_304, 1, 3 * 1024 * 1024 + 7, 524_304, 1_500_000];
    const chunks = sizes.map(bytes);
    const expected = Buffer.concat(chunks.map((c) => Buffer.from(c)));
    const body = new ChunkedBody(chunks);
    expect(body.byteLength).toBe(expected.length);
    const part = await s3.send(new UploadPartCommand({ Bucket, Key, UploadId, PartNumber: 1, Body: body, ContentLength: body.byteLength }));
    // The page got the chunks as they were (not one joined body), and the worker's buffers were moved, not copied.
    const sent = seen.at(-1)!.body;
    expect(Array.isArray(sent)).toBe(true);
    expect((sent as Uint8Array[]).length).toBe(sizes.length);
    expect(chunks.every((c) => c.byteLength === 0)).toBe(true);
    // S3's answers are those of any upload: the part's ETag is the MD5 of its bytes (SSE-S3).
    expect(part.ETag).toBe(`"${createHash('md5').update(expected).digest('hex')}"`);
    await s3.send(new CompleteMultipartUploadCommand({ Bucket, Key, UploadId, MultipartUpload: { Parts: [{ PartNumber: 1, ETag: part.ETag! }] } }));
    const got = await s3.send(new GetObjectCommand({ Bucket, Key }));
    expect(Buffer.from(await got.Body!.transformToByteArray()).equals(expected)).toBe(true);
  });

  it('a ChunkedBody read as a stream gives the same bytes, and cannot be handed over once read', async () => {
    const chunks = [bytes(10), bytes(70_000), bytes(3)];
    const expected = Buffer.concat(chunks.map((c) => Buffer.from(c)));
    const body = new ChunkedBody(chunks);
    const read = Buffer.from(await new Response(body).arrayBuffer());
    expect(read.equals(expected)).toBe(true);
    expect(() => body.take()).toThrow(TypeError);
    const taken = new ChunkedBody(chunks);
    expect(taken.take()).toEqual(chunks);
    expect(() => taken.take()).toThrow(TypeError);
    await expect(new Response(taken).arrayBuffer()).rejects.toThrow(TypeError);
  });

  it("answers the worker's KMS and S3 calls from the page's sandbox, and records them in the page's inspector", async () => {
    const { kms, s3, inspector } = await bridge();
    const key = await kms.send(new CreateKeyCommand({}));
    const dk = await kms.send(new GenerateDataKeyCommand({ KeyId: key.KeyMetadata!.Arn!, KeySpec: 'AES_256' }));
    expect(dk.Plaintext).toHaveLength(32);
    const body = bytes(100_000);
    await s3.send(new PutObjectCommand({ Bucket: 'kms-lab-bucket', Key: 'bridge/a.bin', Body: body.slice() }));
    const got = await s3.send(new GetObjectCommand({ Bucket: 'kms-lab-bucket', Key: 'bridge/a.bin' }));
    expect(Buffer.from(await got.Body!.transformToByteArray()).equals(Buffer.from(body))).toBe(true);
    await expect.poll(() => inspector.entries().map((e) => e.operation)).toEqual(expect.arrayContaining(['CreateKey', 'GenerateDataKey', 'PutObject', 'GetObject']));
  });

  it('transfers a one-attempt body to the page: the caller must read its size before sending', async () => {
    const { s3, seen } = await bridge();
    const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket: 'kms-lab-bucket', Key: 'bridge/b.bin' }));
    const part = bytes(5 * 1024 * 1024);
    await s3.send(new UploadPartCommand({ Bucket: 'kms-lab-bucket', Key: 'bridge/b.bin', UploadId, PartNumber: 1, Body: part }));
    expect(seen.at(-1)?.bodyBytes).toBe(5 * 1024 * 1024);
    // Moved, not copied: the worker's buffer is now empty (envelope-job.ts reads the size first).
    expect(part.byteLength).toBe(0);
  });

  it('by default the SDK signs the body and adds a CRC32 checksum; the envelope choices send neither', async () => {
    const plain = await bridge();
    const lean = await bridge({ unsignedPayloadOverHttps: true, requestChecksumCalculation: 'WHEN_REQUIRED' });
    for (const c of [plain, lean]) {
      await c.s3.send(new PutObjectCommand({ Bucket: 'kms-lab-bucket', Key: 'bridge/c.bin', Body: bytes(70_000) }));
    }
    const before = plain.seen.at(-1)!.headers;
    expect(before['x-amz-content-sha256']).toMatch(/^[0-9a-f]{64}$/);
    expect(before['x-amz-checksum-crc32']).toBeDefined();
    const after = lean.seen.at(-1)!.headers;
    expect(after['x-amz-content-sha256']).toBe('UNSIGNED-PAYLOAD');
    expect(Object.keys(after).filter((h) => h.startsWith('x-amz-checksum-'))).toEqual([]);
    // The sandbox accepted both (the object is stored): UNSIGNED-PAYLOAD is valid over HTTPS.
    const got = await lean.s3.send(new GetObjectCommand({ Bucket: 'kms-lab-bucket', Key: 'bridge/c.bin' }));
    expect((await got.Body!.transformToByteArray()).length).toBe(70_000);
  });
});
