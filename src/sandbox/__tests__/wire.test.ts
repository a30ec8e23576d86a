import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { SignatureV4 } from '@smithy/signature-v4';
import { HttpRequest } from '@smithy/protocol-http';
import { Sha256 } from '@aws-crypto/sha256-js';
import { sdkStreamMixin } from '@smithy/core/serde';
import { DecryptCommand } from '@aws-sdk/client-kms';
import { createSandbox } from '../index';
import { createRequestHandler } from '../request-handler';
import { readBody, toSandboxBody, toWebStream } from '../protocol/body';
import { toHex } from '../shared/bytes';
import { sandboxClients } from './helpers/clients';
import { echoEngine } from './helpers/echo-engine';

const enc = new TextEncoder();

async function sha256Hex(b: Uint8Array): Promise<string> {
  return toHex(new Uint8Array(await crypto.subtle.digest('SHA-256', b as Uint8Array<ArrayBuffer>)));
}

/** Signs with the bytes, then sends the same bytes in another form (the payload hash travels in a header). */
async function signedAs(
  o: { service: string; path?: string; headers?: Record<string, string>; bytes: Uint8Array; hash?: string },
  body: unknown,
): Promise<HttpRequest> {
  const hostname = `${o.service}.us-east-1.amazonaws.com`;
  const req = new HttpRequest({
    method: o.service === 'kms' ? 'POST' : 'PUT',
    protocol: 'https:',
    hostname,
    path: o.path ?? '/',
    headers: { host: hostname, 'x-amz-content-sha256': o.hash ?? (await sha256Hex(o.bytes)), ...o.headers },
    body: o.bytes,
  });
  const signer = new SignatureV4({ credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, region: 'us-east-1', service: o.service, sha256: Sha256 });
  const signed = (await signer.sign(req)) as HttpRequest;
  signed.body = body;
  return signed;
}

const streamOf = (bytes: Uint8Array, pieces = 3): ReadableStream<Uint8Array> => {
  const step = Math.ceil(bytes.length / pieces);
  let i = 0;
  return new ReadableStream({
    pull(c) {
      if (i >= bytes.length) c.close();
      else c.enqueue(bytes.slice(i, (i += step)));
    },
  });
};

async function* iterableOf(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += 5) yield bytes.slice(i, i + 5);
}

describe('request bodies are never emptied', () => {
  const forms: [string, (b: Uint8Array) => unknown][] = [
    ['a Blob', (b) => new Blob([b as Uint8Array<ArrayBuffer>])],
    ['a ReadableStream', (b) => streamOf(b)],
    ['an async iterable (a Node Readable)', (b) => iterableOf(b)],
    ['a string', (b) => new TextDecoder().decode(b)],
  ];
  for (const [name, form] of forms) {
    it(`a KMS Encrypt whose body is ${name} reaches the operation whole and decrypts back`, async () => {
      const { sandbox, kms } = await sandboxClients();
      const keyReq = enc.encode('{}');
      const created = await sandbox.requestHandler.handle(
        await signedAs({ service: 'kms', headers: { 'x-amz-target': 'TrentService.CreateKey', 'content-type': 'application/x-amz-json-1.1' }, bytes: keyReq }, form(keyReq)),
      );
      const keyId = (JSON.parse(new TextDecoder().decode(created.response.body as Uint8Array)) as { KeyMetadata: { Arn: string } }).KeyMetadata.Arn;
      const json = enc.encode(JSON.stringify({ KeyId: keyId, Plaintext: btoa('streamed plaintext') }));
      const { response } = await sandbox.requestHandler.handle(
        await signedAs({ service: 'kms', headers: { 'x-amz-target': 'TrentService.Encrypt', 'content-type': 'application/x-amz-json-1.1' }, bytes: json }, form(json)),
      );
      expect(response.statusCode).toBe(200);
      const blob = (JSON.parse(new TextDecoder().decode(response.body as Uint8Array)) as { CiphertextBlob: string }).CiphertextBlob;
      const out = await kms.send(new DecryptCommand({ CiphertextBlob: Uint8Array.from(atob(blob), (c) => c.charCodeAt(0)) }));
      expect(new TextDecoder().decode(out.Plaintext)).toBe('streamed plaintext');
    });
  }

  it('a body of a kind the sandbox cannot read is refused, not read as empty', () => {
    expect(() => toSandboxBody({ not: 'a body' })).toThrow(/cannot read a request body/);
    expect(() => toSandboxBody(42)).toThrow(TypeError);
  });

  it('readBody stops at the limit and answers 413 in AWS shape, without reading the rest', async () => {
    let pulled = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(c) {
        pulled++;
        c.enqueue(new Uint8Array(64 * 1024));
      },
    });
    await expect(readBody(endless, 1024 * 1024)).rejects.toMatchObject({ code: 'RequestEntityTooLargeException', status: 413 });
    expect(pulled).toBeLessThan(40);
  });

  it('a JSON body over 1 MiB sent to KMS answers 413 in JSON 1.1 shape', async () => {
    const { sandbox } = await sandboxClients();
    const big = enc.encode(JSON.stringify({ Description: 'x'.repeat(1_100_000) }));
    const { response } = await sandbox.requestHandler.handle(
      await signedAs({ service: 'kms', headers: { 'x-amz-target': 'TrentService.CreateKey', 'content-type': 'application/x-amz-json-1.1' }, bytes: big }, streamOf(big, 20)),
    );
    expect(response.statusCode).toBe(413);
    expect(JSON.parse(new TextDecoder().decode(response.body as Uint8Array))).toMatchObject({ __type: 'RequestEntityTooLargeException' });
  });
});

describe('streamed bodies round-trip through the in-page handler', () => {
  for (const [name, form] of [
    ['a Blob', (b: Uint8Array) => new Blob([b as Uint8Array<ArrayBuffer>])],
    ['a ReadableStream', (b: Uint8Array) => streamOf(b, 7)],
  ] as const) {
    it(`${name} comes back as a stream the SDK's stream mixin reads (transformToByteArray)`, async () => {
      const internal: unknown[] = [];
      const handler = createRequestHandler(echoEngine(internal), Promise.resolve());
      const bytes = Uint8Array.from({ length: 200_000 }, (_, i) => (i * 31 + (i >> 8)) & 0xff);
      const { response } = await handler.handle(await signedAs({ service: 's3', path: '/echo/a', bytes, hash: 'UNSIGNED-PAYLOAD' }, form(bytes)));
      expect(response.statusCode).toBe(200);
      expect(response.body).toBeInstanceOf(ReadableStream);
      const back = await sdkStreamMixin(response.body as ReadableStream).transformToByteArray();
      expect(toHex(back)).toBe(toHex(bytes));
      expect(internal).toEqual([]);
    });
  }

  it('an async iterable (an operation\'s body, as GetObject answers) comes back in Node as a Node Readable the SDK reads', async () => {
    const handler = createRequestHandler(echoEngine([]), Promise.resolve());
    const bytes = Uint8Array.from({ length: 100_003 }, (_, i) => (i * 7 + 3) & 0xff);
    const { response } = await handler.handle(await signedAs({ service: 's3', path: '/echo/it', bytes, hash: 'UNSIGNED-PAYLOAD' }, iterableOf(bytes)));
    expect(response.statusCode).toBe(200);
    // The form the SDK's own Node HTTP handler gives it (an IncomingMessage is a Readable).
    expect(response.body).toBeInstanceOf(Readable);
    const back = await sdkStreamMixin(response.body as Readable).transformToByteArray();
    expect(toHex(back)).toBe(toHex(bytes));
  });

  it('a Node Readable answer dropped part way returns its iterable (its finally runs, as on a web stream cancel)', async () => {
    const handler = createRequestHandler(echoEngine([]), Promise.resolve());
    const bytes = new Uint8Array(64 * 1024).fill(9);
    let released = false;
    async function* body(): AsyncGenerator<Uint8Array> {
      try {
        for (let i = 0; i < 1000; i++) yield bytes.slice(0, 1024);
      } finally {
        released = true;
      }
    }
    const { response } = await handler.handle(await signedAs({ service: 's3', path: '/echo/drop', bytes, hash: 'UNSIGNED-PAYLOAD' }, body()));
    const readable = response.body as Readable;
    for await (const chunk of readable) {
      expect(chunk.byteLength).toBe(1024);
      break;
    }
    await new Promise((r) => setTimeout(r, 10));
    expect(readable.destroyed).toBe(true);
    expect(released).toBe(true);
  });

  it('toWebStream turns bytes, Blobs and async iterables into one web stream', async () => {
    const bytes = enc.encode('one two three four five six');
    for (const b of [bytes, new Blob([bytes]), iterableOf(bytes)]) {
      expect(new TextDecoder().decode(await readBody(toWebStream(b), 1000))).toBe('one two three four five six');
    }
  });
});

describe('each protocol answers in its own shape', () => {
  it('JSON 1.1: an operation AWS has but the sandbox lacks is NotImplementedException (501) in JSON', async () => {
    const { sandbox } = await sandboxClients();
    const bytes = enc.encode('{}');
    const { response } = await sandbox.requestHandler.handle(
      await signedAs({ service: 'kms', headers: { 'x-amz-target': 'TrentService.ConnectCustomKeyStore', 'content-type': 'application/x-amz-json-1.1' }, bytes }, bytes),
    );
    expect(response.statusCode).toBe(501);
    expect(JSON.parse(new TextDecoder().decode(response.body as Uint8Array))).toMatchObject({ __type: 'NotImplementedException' });
  });

  it('Query: an STS operation the sandbox lacks is NotImplementedException in an <ErrorResponse>', async () => {
    const { sandbox } = await sandboxClients();
    const bytes = enc.encode('Action=GetFederationToken&Version=2011-06-15&Name=x');
    const { response } = await sandbox.requestHandler.handle(
      await signedAs({ service: 'sts', headers: { 'content-type': 'application/x-www-form-urlencoded' }, bytes }, bytes),
    );
    const text = new TextDecoder().decode(response.body as Uint8Array);
    expect(response.statusCode).toBe(501);
    expect(text).toMatch(/^<ErrorResponse xmlns="https:\/\/sts\.amazonaws\.com\/doc\/2011-06-15\/"><Error><Type>Receiver<\/Type><Code>NotImplementedException<\/Code>/);
  });

  it('Query: a service of the Query family the sandbox does not serve (IAM) answers in Query shape', async () => {
    const sandbox = await createSandbox();
    const bytes = enc.encode('Action=ListUsers&Version=2010-05-08');
    const { response } = await sandbox.requestHandler.handle(
      await signedAs({ service: 'iam', headers: { 'content-type': 'application/x-www-form-urlencoded' }, bytes }, bytes),
    );
    expect(response.statusCode).toBe(501);
    expect(new TextDecoder().decode(response.body as Uint8Array)).toContain('<Code>NotImplementedException</Code>');
  });

  it('an error before routing is serialised in the protocol of the service the request was signed for', async () => {
    const handler = createRequestHandler(echoEngine(), Promise.resolve());
    const bytes = enc.encode('hello');
    const req = await signedAs({ service: 's3', path: '/echo/b', bytes, hash: 'UNSIGNED-PAYLOAD' }, bytes);
    req.headers['authorization'] = req.headers['authorization']!.replace(/Signature=[0-9a-f]{64}/, `Signature=${'0'.repeat(64)}`);
    const { response } = await handler.handle(req);
    expect(response.statusCode).toBe(403);
    expect(new TextDecoder().decode(response.body as Uint8Array)).toContain('<Error><Code>SignatureDoesNotMatch</Code>');
  });

  it('a request signed for a REST service with no protocol in the sandbox says which service it was for', async () => {
    const sandbox = await createSandbox();
    const bytes = enc.encode('');
    const { response } = await sandbox.requestHandler.handle(await signedAs({ service: 'lambda', path: '/2015-03-31/functions', bytes }, bytes));
    expect(response.statusCode).toBe(501);
    expect(new TextDecoder().decode(response.body as Uint8Array)).toContain('does not implement lambda');
  });
});
