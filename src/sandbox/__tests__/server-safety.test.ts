import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Agent, request, type IncomingHttpHeaders } from 'node:http';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { SignatureV4 } from '@smithy/signature-v4';
import { HttpRequest } from '@smithy/protocol-http';
import { Sha256 } from '@aws-crypto/sha256-js';
import { isAllowedHost, startSandboxServer, type SandboxServer } from '../server';
import { echoEngine } from './helpers/echo-engine';

const run = promisify(execFile);

/** A raw HTTP request with exactly the headers given (fetch would set Host and Origin itself). */
function raw(
  url: string,
  o: { method?: string; path: string; headers?: Record<string, string>; body?: string | AsyncIterable<Uint8Array> },
): Promise<{ status: number; headers: IncomingHttpHeaders; text: string }> {
  return new Promise((resolve, reject) => {
    const u = new URL(url);
    const req = request({ host: u.hostname, port: u.port, method: o.method ?? 'GET', path: o.path, headers: o.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString() }));
    });
    req.on('error', reject);
    if (typeof o.body === 'string' || o.body === undefined) req.end(o.body);
    else {
      void (async () => {
        for await (const c of o.body as AsyncIterable<Uint8Array>) if (!req.write(c)) await new Promise((r) => req.once('drain', r));
        req.end();
      })();
    }
  });
}

let server: SandboxServer;
let host: string;
beforeAll(async () => {
  server = await startSandboxServer({ port: 0, allowHosts: ['lab.example.test'], corsOrigins: ['http://127.0.0.1:4173'] });
  host = `127.0.0.1:${server.port}`;
});
afterAll(async () => {
  await server?.close();
});

describe('the local server answers only its own host names (DNS rebinding fails)', () => {
  it('a request with Host: attacker.example is refused with 403 and a clear message', async () => {
    const r = await raw(server.url, { path: '/_sandbox/state', headers: { host: 'attacker.example' } });
    expect(r.status).toBe(403);
    expect(JSON.parse(r.text)).toMatchObject({ __type: 'InvalidHostHeader' });
    expect(r.text).toContain("'attacker.example' is not allowed");
    const api = await raw(server.url, { method: 'POST', path: '/', headers: { host: `attacker.example:${server.port}`, 'x-amz-target': 'TrentService.ListKeys' }, body: '{}' });
    expect(api.status).toBe(403);
  });

  it('a request target that is no URL (`//`) is answered 400 and the server goes on serving', async () => {
    // It used to throw outside the listener's try: an unhandled rejection that stopped the server.
    const r = await raw(server.url, { path: '//', headers: { host } });
    expect(r.status).toBe(400);
    expect(JSON.parse(r.text)).toMatchObject({ __type: 'InvalidURI' });
    const next = await raw(server.url, { path: '/_sandbox/state', headers: { host } });
    expect(next.status).toBe(200);
  });

  it('bucket.localhost, localhost, [::1], 127.0.0.1 and an --allow-host name are accepted', async () => {
    for (const h of [`bucket.localhost:${server.port}`, 'localhost', `[::1]:${server.port}`, host, 'lab.example.test']) {
      const r = await raw(server.url, { path: '/_sandbox/state', headers: { host: h } });
      expect([h, r.status]).toEqual([h, 200]);
    }
  });

  it('isAllowedHost: names that merely contain an allowed one are refused', () => {
    expect(isAllowedHost('localhost.attacker.example')).toBe(false);
    expect(isAllowedHost('127.0.0.1.nip.io')).toBe(false);
    expect(isAllowedHost('evil-localhost')).toBe(false);
    expect(isAllowedHost(undefined)).toBe(false);
    expect(isAllowedHost('a.b.localhost:80')).toBe(true);
    expect(isAllowedHost('x.lab.test', ['*.lab.test'])).toBe(true);
  });
});

describe('control endpoints cannot be driven by another origin', () => {
  it('a text/plain POST (which needs no preflight) is refused and changes nothing', async () => {
    const r = await raw(server.url, { method: 'POST', path: '/_sandbox/reset', headers: { host, 'content-type': 'text/plain' }, body: '{}' });
    expect(r.status).toBe(415);
    const form = await raw(server.url, {
      method: 'POST',
      path: '/_sandbox/clock',
      headers: { host, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'advanceDays=30',
    });
    expect(form.status).toBe(415);
    const clock = JSON.parse((await raw(server.url, { path: '/_sandbox/clock', headers: { host } })).text) as { offsetDays: number };
    expect(clock.offsetDays).toBe(0);
  });

  it('GET on a POST endpoint is refused (405)', async () => {
    expect((await raw(server.url, { path: '/_sandbox/reset', headers: { host } })).status).toBe(405);
  });

  it('a cross-origin preflight is refused unless --cors-origin names the origin', async () => {
    const pre = (origin: string) =>
      raw(server.url, {
        method: 'OPTIONS',
        path: '/_sandbox/reset',
        headers: { host, origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
      });
    const refused = await pre('https://attacker.example');
    expect(refused.status).toBe(403);
    expect(refused.headers['access-control-allow-origin']).toBeUndefined();
    const allowed = await pre('http://127.0.0.1:4173');
    expect(allowed.status).toBe(204);
    expect(allowed.headers['access-control-allow-origin']).toBe('http://127.0.0.1:4173');
  });

  it('state read from another origin carries no CORS header, so the page cannot read it', async () => {
    const r = await raw(server.url, { path: '/_sandbox/state', headers: { host, origin: 'https://attacker.example' } });
    expect(r.status).toBe(200);
    expect(r.headers['access-control-allow-origin']).toBeUndefined();
  });

  it("curl -H 'Content-Type: application/json' is accepted", async () => {
    const { stdout } = await run('curl', ['-s', '-X', 'POST', '-H', 'Content-Type: application/json', '-d', '{"advanceDays": 1}', `${server.url}/_sandbox/clock`]);
    expect((JSON.parse(stdout) as { offsetDays: number }).offsetDays).toBe(1);
  });

  it('AWS API calls keep CORS for every origin (signatures, not cookies, authorise them)', async () => {
    const r = await raw(server.url, {
      method: 'OPTIONS',
      path: '/',
      headers: { host, origin: 'https://any.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'x-amz-target' },
    });
    expect(r.status).toBe(200);
    expect(r.headers['access-control-allow-origin']).toBe('*');
  });
});

describe('bodies stream through the server', () => {
  it('a client that sends part of a small body and goes away gets no answer, and the next call is served', async () => {
    // Small declared bodies are read whole before the engine runs (server.ts readSmallBody).
    const errors: unknown[] = [];
    const s = await startSandboxServer({ port: 0, sandbox: { onInternalError: (e) => errors.push(e) } });
    try {
      const { connect } = await import('node:net');
      await new Promise<void>((resolve, reject) => {
        const sock = connect(s.port, '127.0.0.1', () => {
          sock.write(`POST / HTTP/1.1\r\nHost: 127.0.0.1:${s.port}\r\nX-Amz-Target: TrentService.ListKeys\r\nContent-Type: application/x-amz-json-1.1\r\nContent-Length: 100\r\n\r\n{"Li`);
          setTimeout(() => sock.destroy(), 50);
        });
        sock.on('close', () => resolve());
        sock.on('error', reject);
      });
      const r = await raw(s.url, { method: 'POST', path: '/', headers: { host: `127.0.0.1:${s.port}`, 'x-amz-target': 'TrentService.ListKeys', 'content-type': 'application/x-amz-json-1.1' }, body: '{}' });
      // Unsigned: the engine read the whole small body and answered AWS's missing-token error.
      expect(r.status).toBe(400);
      expect(JSON.parse(r.text)).toMatchObject({ __type: 'MissingAuthenticationTokenException' });
      expect(errors).toEqual([]);
    } finally {
      await s.close();
    }
  });

  const GiB = 1024 * 1024 * 1024;
  const CHUNK = 1024 * 1024;

  async function* pattern(total: number): AsyncGenerator<Uint8Array> {
    const block = Uint8Array.from({ length: CHUNK }, (_, i) => (i * 7) & 0xff);
    for (let sent = 0; sent < total; sent += CHUNK) yield block;
  }

  it('a 1 GiB body round-trips (request stream -> response stream) while the process stays far below 1 GiB', { timeout: 300_000 }, async () => {
    const s = await startSandboxServer({ port: 0 });
    // The server's engine answers S3-signed PUT /echo/* with the body it is sent (helpers/echo-engine.ts).
    s.sandbox.engine = echoEngine();
    try {
      const hostname = `127.0.0.1:${s.port}`;
      const signer = new SignatureV4({ credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, region: 'us-east-1', service: 's3', sha256: Sha256 });
      const signed = await signer.sign(
        new HttpRequest({ method: 'PUT', hostname: '127.0.0.1', port: s.port, path: '/echo/big', headers: { host: hostname, 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD', 'content-length': String(GiB) } }),
      );
      const base = process.memoryUsage().rss;
      let peak = base;
      const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
      let received = 0;
      let mismatch = -1;
      const status = await new Promise<number>((resolve, reject) => {
        const req = request({ host: '127.0.0.1', port: s.port, method: 'PUT', path: '/echo/big', headers: signed.headers }, (res) => {
          res.on('data', (c: Buffer) => {
            for (let i = 0; i < c.length && mismatch < 0; i += 4099) if (c[i] !== (((received + i) % CHUNK) * 7) % 256) mismatch = received + i;
            received += c.length;
          });
          res.on('end', () => resolve(res.statusCode ?? 0));
        });
        req.on('error', reject);
        void (async () => {
          for await (const c of pattern(GiB)) if (!req.write(c)) await new Promise((r) => req.once('drain', r));
          req.end();
        })();
      });
      clearInterval(sampler);
      expect(status).toBe(200);
      expect(received).toBe(GiB);
      expect(mismatch).toBe(-1);
      // Buffering would need > 1 GiB; streaming needs a few socket buffers.
      expect(peak - base).toBeLessThan(256 * 1024 * 1024);
    } finally {
      await s.close();
    }
  });
});

describe('idle keep-alive connections', () => {
  it('a pooled connection left idle past Node\'s default 5 s is still open for the next call', { timeout: 30_000 }, async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const get = () =>
      new Promise<{ status: number; reused: boolean }>((resolve, reject) => {
        const req = request({ host: '127.0.0.1', port: server.port, path: '/_sandbox/state', agent }, (res) => {
          res.resume();
          res.on('end', () => resolve({ status: res.statusCode ?? 0, reused: req.reusedSocket }));
        });
        req.on('error', reject);
        req.end();
      });
    try {
      expect(await get()).toEqual({ status: 200, reused: false });
      await new Promise((r) => setTimeout(r, 6_000));
      // With Node's default the server would have closed it, and the agent would open a new one.
      expect(await get()).toEqual({ status: 200, reused: true });
    } finally {
      agent.destroy();
    }
  });
});
