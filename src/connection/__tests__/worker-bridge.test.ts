/**
 * The worker bridge over real MessageChannels (as between the page and the envelope lab's Worker):
 * the worker's own SDK clients forward to the page's sandbox handler, bodies are transferred, and the
 * S3 choices a lab makes for its uploads (UNSIGNED-PAYLOAD over HTTPS, checksums only when required)
 * reach the engine as sent.
 */
import { CreateMultipartUploadCommand, GetObjectCommand, PutObjectCommand, UploadPartCommand } from '@aws-sdk/client-s3';
import { GenerateDataKeyCommand, CreateKeyCommand } from '@aws-sdk/client-kms';
import { HttpRequest } from '@smithy/protocol-http';
import { afterEach, describe, expect, it } from 'vitest';
import { createSandbox, SANDBOX_ADMIN_CREDENTIALS } from '../../sandbox';
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

describe('worker bridge', () => {
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
