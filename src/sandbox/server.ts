import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createSandbox, type Sandbox, type SandboxOptions } from './index';
import { createJsonFileStore } from './store/json-file-store';
import { DAY_MS } from './shared/clock';

/**
 * The same engine over Node HTTP (`npm run sandbox`): one port for every service, routed by the
 * X-Amz-Target header, the Query `Action` and the SigV4 credential scope; CORS for browsers; and a
 * few control endpoints under /_sandbox/ for command-line users and tests.
 */

export interface SandboxServerOptions {
  port?: number;
  host?: string;
  /** Persist the state to this JSON file. */
  dataFile?: string;
  /** Start from an empty lab even if dataFile holds one (the recovery path for a damaged file). */
  resetData?: boolean;
  /** Also serve HTTPS on this port (0: a free one) with a self-signed certificate made at start. */
  httpsPort?: number;
  sandbox?: SandboxOptions;
}

export interface SandboxServer {
  url: string;
  port: number;
  /** Set when httpsPort was given. */
  httpsUrl?: string;
  /** The self-signed certificate (PEM) the HTTPS port presents. */
  certificatePem?: string;
  sandbox: Sandbox;
  server: Server;
  close(): Promise<void>;
}

// What kms.us-east-1.amazonaws.com answers to a preflight (s3-cognito-behavior.md 4.2).
const EXPOSE_HEADERS = 'x-amzn-RequestId,x-amzn-ErrorType,x-amzn-ErrorMessage,Date';
const MAX_BODY = 64 * 1024 * 1024;

function corsHeaders(req: IncomingMessage): Record<string, string> {
  const h: Record<string, string> = {
    'Access-Control-Allow-Origin': '*',
    'Access-Control-Expose-Headers': EXPOSE_HEADERS,
  };
  if (req.method === 'OPTIONS') {
    h['Access-Control-Allow-Headers'] =
      (req.headers['access-control-request-headers'] as string | undefined) ??
      'content-type,x-amz-target,content-length,host,x-amz-user-agent,user-agent,authorization,amz-sdk-invocation-id,amz-sdk-request,x-amz-security-token,x-amz-date,x-amz-content-sha256';
    h['Access-Control-Allow-Methods'] = (req.headers['access-control-request-method'] as string | undefined) ?? 'POST';
    h['Access-Control-Max-Age'] = '172800';
  }
  return h;
}

function readBody(req: IncomingMessage): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        reject(new Error('body too large'));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => {
      const b = Buffer.concat(chunks);
      resolve(new Uint8Array(b.buffer, b.byteOffset, b.byteLength));
    });
    req.on('error', reject);
  });
}

function sendJson(res: ServerResponse, status: number, body: unknown, extra: Record<string, string>): void {
  const text = JSON.stringify(body, null, 2);
  res.writeHead(status, { 'content-type': 'application/json', ...extra });
  res.end(text);
}

async function handleControl(
  sandbox: Sandbox,
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  body: Uint8Array,
  cors: Record<string, string>,
): Promise<void> {
  if (path === '/_sandbox/state' && req.method === 'GET') {
    sendJson(res, 200, sandbox.summary(), cors);
    return;
  }
  if (path === '/_sandbox/reset' && req.method === 'POST') {
    await sandbox.reset();
    sendJson(res, 200, { reset: true, now: new Date(sandbox.clock.now()).toISOString() }, cors);
    return;
  }
  if (path === '/_sandbox/clock' && (req.method === 'POST' || req.method === 'GET')) {
    if (req.method === 'GET') {
      sendJson(res, 200, { now: new Date(sandbox.clock.now()).toISOString(), offsetDays: sandbox.clock.offsetMs() / DAY_MS }, cors);
      return;
    }
    let days: unknown;
    try {
      days = (JSON.parse(new TextDecoder().decode(body) || '{}') as { advanceDays?: unknown }).advanceDays;
    } catch {
      sendJson(res, 400, { error: 'The body must be JSON such as {"advanceDays": 30}.' }, cors);
      return;
    }
    if (typeof days !== 'number' || !Number.isFinite(days) || days < 0) {
      sendJson(res, 400, { error: 'advanceDays must be a number of days >= 0: the simulated clock only moves forward.' }, cors);
      return;
    }
    try {
      sendJson(res, 200, await sandbox.clock.advanceDays(days), cors);
    } catch (e) {
      sendJson(res, 400, { error: (e as Error).message }, cors);
    }
    return;
  }
  sendJson(res, 404, { error: `No sandbox control endpoint ${req.method} ${path}. Try GET /_sandbox/state, POST /_sandbox/clock, POST /_sandbox/reset.` }, cors);
}

export async function startSandboxServer(opts: SandboxServerOptions = {}): Promise<SandboxServer> {
  const store = opts.dataFile ? createJsonFileStore(opts.dataFile) : undefined;
  if (store && opts.resetData) await store.clear();
  const sandbox = await createSandbox({ ...opts.sandbox, store: opts.sandbox?.store ?? store });
  const host = opts.host ?? '127.0.0.1';

  const listener = (req: IncomingMessage, res: ServerResponse) => {
    void (async () => {
      const cors = corsHeaders(req);
      try {
        if (req.method === 'OPTIONS') {
          res.writeHead(200, cors);
          res.end();
          return;
        }
        const url = new URL(req.url ?? '/', 'http://localhost');
        const body = await readBody(req);
        if (url.pathname.startsWith('/_sandbox/')) {
          await handleControl(sandbox, req, res, url.pathname, body, cors);
          return;
        }
        const headers: Record<string, string> = {};
        for (const [k, v] of Object.entries(req.headers)) {
          if (v !== undefined) headers[k.toLowerCase()] = Array.isArray(v) ? v.join(',') : v;
        }
        const query: Record<string, string | string[]> = {};
        for (const k of new Set(url.searchParams.keys())) {
          const all = url.searchParams.getAll(k);
          query[k] = all.length === 1 ? all[0]! : all;
        }
        const hostHeader = headers['host'] ?? `${host}`;
        const out = await sandbox.engine.handleHttp({
          method: req.method ?? 'GET',
          hostname: hostHeader.replace(/:\d+$/, ''),
          path: url.pathname,
          query,
          headers,
          body,
          sourceIp: req.socket.remoteAddress?.replace(/^::ffff:/, '') ?? '127.0.0.1',
          // aws:SecureTransport: true on the HTTPS port only (AWS refuses SSE-C over plain HTTP).
          secure: (req.socket as { encrypted?: boolean }).encrypted === true,
        });
        // S3 answers carry headers a browser can only read when exposed (ETag, the SSE headers, metadata).
        if (out.headers['x-amz-request-id'] !== undefined) {
          cors['Access-Control-Expose-Headers'] = [...new Set([...EXPOSE_HEADERS.split(','), ...Object.keys(out.headers)])].join(',');
        }
        res.writeHead(out.statusCode, {
          ...out.headers,
          ...cors,
          // HEAD answers say the object's length (Content-Length member), not the empty body's.
          'content-length': req.method === 'HEAD' ? (out.headers['content-length'] ?? '0') : String(out.body.length),
          date: new Date().toUTCString(),
        });
        res.end(out.body);
      } catch (e) {
        // Only transport failures land here (the engine never throws).
        if (!res.headersSent) sendJson(res, 500, { __type: 'InternalFailure', message: (e as Error).message }, cors);
        else res.destroy();
      }
    })();
  };

  const listen = (srv: Server, port: number) =>
    new Promise<number>((resolve, reject) => {
      srv.once('error', reject);
      srv.listen(port, host, () => {
        srv.off('error', reject);
        resolve((srv.address() as AddressInfo).port);
      });
    });
  const server = createServer(listener);
  const port = await listen(server, opts.port ?? 4599);
  const servers: Server[] = [server];
  let httpsUrl: string | undefined;
  let certificatePem: string | undefined;
  if (opts.httpsPort !== undefined) {
    const { key, cert } = await selfSignedCertificate(host);
    certificatePem = cert;
    const https = createHttpsServer({ key, cert }, listener);
    servers.push(https);
    httpsUrl = `https://${host}:${await listen(https, opts.httpsPort)}`;
  }
  return {
    url: `http://${host}:${port}`,
    port,
    httpsUrl,
    certificatePem,
    sandbox,
    server,
    async close() {
      await Promise.all(
        servers.map(
          (s) =>
            new Promise<void>((resolve) => {
              s.close(() => resolve());
              s.closeAllConnections();
            }),
        ),
      );
      await sandbox.flush();
    },
  };
}

/** A throw-away certificate for 127.0.0.1 / localhost, made with the machine's openssl. */
async function selfSignedCertificate(host: string): Promise<{ key: string; cert: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'kms-lab-tls-'));
  try {
    const keyFile = join(dir, 'key.pem');
    const certFile = join(dir, 'cert.pem');
    await promisify(execFile)('openssl', [
      'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
      '-keyout', keyFile, '-out', certFile, '-days', '30', '-subj', '/CN=KMS Study Lab sandbox',
      '-addext', `subjectAltName=IP:127.0.0.1,DNS:localhost${/^[\d.]+$/.test(host) && host !== '127.0.0.1' ? `,IP:${host}` : ''}`,
    ]);
    return { key: await readFile(keyFile, 'utf8'), cert: await readFile(certFile, 'utf8') };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
