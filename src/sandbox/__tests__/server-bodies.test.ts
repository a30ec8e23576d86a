import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SignatureV4 } from '@smithy/signature-v4';
import { HttpRequest } from '@smithy/protocol-http';
import { Sha256 } from '@aws-crypto/sha256-js';
import { startSandboxServer, type SandboxServer } from '../server';
import { echoEngine } from './helpers/echo-engine';

/**
 * A Blob body and a ReadableStream body sent over HTTP to `npm run sandbox`'s server come back whole
 * (the 1 GiB streaming case is in server-safety.test.ts; the in-page handler's case in wire.test.ts).
 * The client is Node's fetch, which sends a Blob with a length and a stream chunked.
 */

let server: SandboxServer;
beforeAll(async () => {
  server = await startSandboxServer({ port: 0 });
  // PUT /echo/* signed for s3 answers with the body it was sent (helpers/echo-engine.ts), through the real engine.
  server.sandbox.engine = echoEngine();
});
afterAll(async () => {
  await server?.close();
});

async function signedHeaders(path: string, extra: Record<string, string> = {}): Promise<Record<string, string>> {
  const host = `127.0.0.1:${server.port}`;
  const signer = new SignatureV4({ credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, region: 'us-east-1', service: 's3', sha256: Sha256 });
  const signed = await signer.sign(
    new HttpRequest({ method: 'PUT', hostname: '127.0.0.1', port: server.port, path, headers: { host, 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD', ...extra } }),
  );
  const out: Record<string, string> = {};
  // fetch sets Host itself (to the same value).
  for (const [k, v] of Object.entries(signed.headers)) if (k.toLowerCase() !== 'host') out[k] = v;
  return out;
}

const pattern = (n: number) => Uint8Array.from({ length: n }, (_, i) => (i * 31 + 7) & 0xff);

describe('request bodies of every kind round-trip through the server', () => {
  it('a Blob body (3 MiB) comes back byte for byte', async () => {
    const bytes = pattern(3 * 1024 * 1024 + 5);
    const res = await fetch(`http://127.0.0.1:${server.port}/echo/blob`, {
      method: 'PUT',
      headers: await signedHeaders('/echo/blob'),
      body: new Blob([bytes]),
    });
    expect(res.status).toBe(200);
    const back = new Uint8Array(await res.arrayBuffer());
    expect(back.length).toBe(bytes.length);
    expect(Buffer.compare(Buffer.from(back), Buffer.from(bytes))).toBe(0);
  });

  it('a ReadableStream body sent in pieces (chunked, no length) comes back byte for byte', async () => {
    const bytes = pattern(2 * 1024 * 1024 + 11);
    let at = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(c) {
        if (at >= bytes.length) return c.close();
        const n = Math.min(64 * 1024 + 3, bytes.length - at);
        c.enqueue(bytes.slice(at, (at += n)));
      },
    });
    const res = await fetch(`http://127.0.0.1:${server.port}/echo/stream`, {
      method: 'PUT',
      headers: await signedHeaders('/echo/stream'),
      body: stream,
      duplex: 'half',
    } as RequestInit & { duplex: 'half' });
    expect(res.status).toBe(200);
    const back = new Uint8Array(await res.arrayBuffer());
    expect(back.length).toBe(bytes.length);
    expect(Buffer.compare(Buffer.from(back), Buffer.from(bytes))).toBe(0);
  });
});
