import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { execFile } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { access, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { once } from 'node:events';
import { createSandbox, type Sandbox, type SandboxOptions } from './index';
import { createFileStore } from './store/file-store';
import { DAY_MS } from './shared/clock';
import { bodyChunks, EMPTY_BODY, knownLength, readBody, type SandboxBody } from './protocol/body';

/**
 * The same engine over Node HTTP (`npm run sandbox`): one port for every service, routed by the
 * X-Amz-Target header, the Query `Action` and the SigV4 credential scope; CORS for browsers; and a
 * few control endpoints under /_sandbox/ for command-line users and tests. Bodies stream through
 * (each protocol applies AWS's size limits); only the machine's own host names are answered, and the
 * control endpoints cannot be driven by a page on another origin (docs/sandbox.md, "Safety rules").
 */

export interface SandboxServerOptions {
  port?: number;
  host?: string;
  /** Keep the lab in this directory (records and trail appended, bodies as files): store/file-store.ts. */
  dataFile?: string;
  /** Start from this lab export (the settings page's file): it replaces what the data directory held. */
  importFile?: string;
  /** Start from an empty lab even if dataFile holds one (the recovery path for a damaged file). */
  resetData?: boolean;
  /** Also serve HTTPS on this port (0: a free one) with a self-signed certificate made at start. */
  httpsPort?: number;
  /**
   * Host names answered besides 127.0.0.1, localhost, *.localhost and [::1] (`--allow-host`). An entry
   * `*.example.test` allows every subdomain of example.test. Requests naming any other host are refused:
   * that is what stops DNS rebinding (a page whose own name resolves to 127.0.0.1 sends its name).
   */
  allowHosts?: string[];
  /**
   * Origins allowed to call the control endpoints (/_sandbox/*) from a browser (`--cors-origin`).
   * Without one, every cross-origin preflight to them is refused.
   */
  corsOrigins?: string[];
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
/** Control request bodies are a line of JSON; nothing larger is read. */
const CONTROL_BODY_LIMIT = 64 * 1024;

const EXPOSE_LIST: readonly string[] = EXPOSE_HEADERS.split(',');

/**
 * The headers a page may read from an S3 answer: the usual ones plus every header the answer has
 * (each name once). Built as one string: a Set and an array per answer cost more than the list.
 */
function exposeHeaders(out: Record<string, string>): string {
  let text = EXPOSE_HEADERS;
  for (const k in out) if (!EXPOSE_LIST.includes(k)) text += `,${k}`;
  return text;
}

/** The Date header, formatted once a second (what Node's own Date header does). */
let dateCache = { second: -1, text: '' };
function httpDate(): string {
  const now = Date.now();
  const second = Math.floor(now / 1000);
  if (second !== dateCache.second) dateCache = { second, text: new Date(second * 1000).toUTCString() };
  return dateCache.text;
}

/** AWS APIs keep CORS for every origin: they are authorised by signatures, never by cookies. */
function apiCorsHeaders(req: IncomingMessage): Record<string, string> {
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

/** The name in a Host header, without its port (`[::1]:4599` -> `[::1]`). */
export function hostName(hostHeader: string | undefined): string | undefined {
  if (!hostHeader) return undefined;
  const h = hostHeader.trim().toLowerCase();
  if (h.startsWith('[')) {
    const end = h.indexOf(']');
    return end > 0 ? h.slice(0, end + 1) : undefined;
  }
  return h.replace(/:\d*$/, '').replace(/\.$/, '');
}

/** 127.0.0.1, localhost, *.localhost (virtual-hosted S3 buckets) and [::1], plus the allowed extras. */
export function isAllowedHost(hostHeader: string | undefined, extra: readonly string[] = []): boolean {
  const h = hostName(hostHeader);
  if (!h) return false;
  if (h === '127.0.0.1' || h === 'localhost' || h === '[::1]' || h.endsWith('.localhost')) return true;
  return extra.some((e) => {
    const x = e.toLowerCase();
    return x.startsWith('*.') ? h.endsWith(x.slice(1)) : h === x;
  });
}

/**
 * An answer given before the whole body was read (an error, a refused size): the rest of the body is
 * read and dropped (never kept), so the client can finish sending and read the answer on the same
 * connection. A half-read stream may hold a 'readable' listener, which would keep resume() from flowing.
 */
function drain(req: IncomingMessage): void {
  if (req.complete || req.destroyed) return;
  req.removeAllListeners('readable');
  req.resume();
}

/**
 * Bodies that say up front they are at most this long are read whole, with plain 'data' events, before
 * the engine sees them (every API call of the bench and nearly every call a learner makes). Reading a
 * Node stream through its async iterator costs far more per request than the body itself; larger or
 * chunked bodies still stream through. Protocols apply their size limits to the bytes just the same.
 */
const SMALL_BODY_BYTES = 64 * 1024;

/**
 * The whole body of a small request; undefined when the client went away before sending it all.
 * The listeners are methods of one object, not named arrow functions: tsx (which runs `npm run
 * sandbox`) compiles with esbuild's keepNames, which gives every `const f = () => ...` its name
 * through Object.defineProperty each time the closure is made, about 1 µs apiece (measured in a CPU
 * profile of the server); method shorthand is left alone.
 */
function readSmallBody(req: IncomingMessage, length: number): Promise<Uint8Array | undefined> {
  return new Promise((resolve) => {
    if (length === 0 && req.complete) return resolve(EMPTY_BODY);
    const chunks: Buffer[] = [];
    let size = 0;
    const on = {
      done(v: Uint8Array | undefined) {
        req.off('data', on.data);
        req.off('end', on.end);
        req.off('error', on.gone);
        req.off('close', on.gone);
        resolve(v);
      },
      data(c: Buffer) {
        chunks.push(c);
        size += c.length;
      },
      end() {
        on.done(chunks.length === 1 ? chunks[0]! : chunks.length === 0 ? EMPTY_BODY : Buffer.concat(chunks, size));
      },
      gone() {
        on.done(undefined);
      },
    };
    req.on('data', on.data);
    req.on('end', on.end);
    req.on('error', on.gone);
    req.on('close', on.gone);
  });
}

/** The request body as the engine gets it: small declared bodies as bytes, anything else as the stream. */
function smallBodyLength(req: IncomingMessage): number | undefined {
  if (req.headers['transfer-encoding'] !== undefined) return undefined;
  const cl = req.headers['content-length'];
  if (cl === undefined) return req.method === 'GET' || req.method === 'HEAD' || req.method === 'DELETE' ? 0 : undefined;
  if (!/^\d{1,9}$/.test(cl)) return undefined;
  const n = Number(cl);
  return n <= SMALL_BODY_BYTES ? n : undefined;
}

/** A Content-Length header value as a number; undefined when absent or not plain digits. */
function declaredLength(v: string | undefined): number | undefined {
  return v !== undefined && /^\d{1,15}$/.test(v) ? Number(v) : undefined;
}

/**
 * Request targets the WHATWG URL parser would give back unchanged: origin-form (one leading slash,
 * not two), printable ASCII that the path and query percent-encode sets leave alone, no backslash, no
 * fragment, and no dot segment (`.`, `..`, or their %2e spellings) that the parser would resolve.
 * Every request the SDKs, the AWS CLI and boto3 send is one (they percent-encode the rest).
 */
const PLAIN_TARGET = /^\/(?!\/)[A-Za-z0-9\-._~!$&'()*+,;=:@%/?]*$/;
const DOT_SEGMENT = /(?:^|\/)(?:\.|%2e)/i;

/**
 * The path and the query string of a request target, as `new URL(target, 'http://localhost')` gives
 * them (pathname and search, the latter with its leading '?'). Plain targets are split where they stand, without
 * building a URL object per request; anything else goes through the URL parser itself.
 */
export function requestTarget(raw: string): { pathname: string; search: string } {
  if (PLAIN_TARGET.test(raw)) {
    const q = raw.indexOf('?');
    const path = q < 0 ? raw : raw.slice(0, q);
    if (!DOT_SEGMENT.test(path)) return { pathname: path, search: q < 0 ? '' : raw.slice(q) };
  }
  const url = new URL(raw, 'http://localhost');
  return { pathname: url.pathname, search: url.search };
}

/**
 * A query string as the engine takes it: each name once, in the order first seen, a string for a
 * name given once and the list of values for one given more often (what URLSearchParams' keys() and
 * getAll() give).
 */
export function queryRecord(search: string): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {};
  if (search === '') return query;
  // URLSearchParams drops one leading '?', as URL does before it parses its query.
  for (const [k, v] of new URLSearchParams(search)) {
    // Assigning `__proto__` would set the record's prototype, not a name: such a parameter is dropped.
    if (k === '__proto__') continue;
    const prev = Object.hasOwn(query, k) ? query[k] : undefined;
    if (prev === undefined) query[k] = v;
    else if (Array.isArray(prev)) prev.push(v);
    else query[k] = [prev, v];
  }
  return query;
}

function sendJson(res: ServerResponse, status: number, body: unknown, extra: Record<string, string>): void {
  const text = JSON.stringify(body, null, 2);
  res.writeHead(status, { 'content-type': 'application/json', ...extra });
  res.end(text);
}

/**
 * Writes a body that may be a stream, honouring back-pressure: a large body never piles up in memory.
 * A streamed body whose declared length is small (GetObject of a small object) is gathered and sent
 * with the headers in one end(): writing chunk by chunk and then ending costs Node more per answer.
 * Larger ones stream as they come.
 */
async function writeBody(res: ServerResponse, body: SandboxBody, length: number | undefined): Promise<void> {
  if (body instanceof Uint8Array) {
    res.end(body);
    return;
  }
  if (length !== undefined && length <= SMALL_BODY_BYTES) {
    // readBody stops (and throws) past the limit, so a body longer than it said never piles up either.
    const bytes = await readBody(body, SMALL_BODY_BYTES);
    if (!res.destroyed) res.end(bytes);
    return;
  }
  for await (const chunk of bodyChunks(body)) {
    if (res.destroyed) return;
    if (!res.write(chunk)) await once(res, 'drain');
  }
  res.end();
}

async function handleControl(
  sandbox: Sandbox,
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  cors: Record<string, string>,
): Promise<void> {
  const method = req.method ?? 'GET';
  if (method === 'GET' && path === '/_sandbox/state') {
    sendJson(res, 200, sandbox.summary(), cors);
    return;
  }
  if (method === 'GET' && path === '/_sandbox/clock') {
    sendJson(res, 200, { now: new Date(sandbox.clock.now()).toISOString(), offsetDays: sandbox.clock.offsetMs() / DAY_MS }, cors);
    return;
  }
  if (path !== '/_sandbox/reset' && path !== '/_sandbox/clock') {
    sendJson(res, 404, { error: `No sandbox control endpoint ${method} ${path}. Try GET /_sandbox/state, POST /_sandbox/clock, POST /_sandbox/reset.` }, cors);
    return;
  }
  if (method !== 'POST') {
    sendJson(res, 405, { error: `${path} accepts POST only.` }, { ...cors, allow: path === '/_sandbox/clock' ? 'GET, POST' : 'POST' });
    return;
  }
  // A page on another origin can POST text/plain or a form without a preflight, never application/json:
  // requiring it means only a same-machine client (or an origin allowed with --cors-origin) changes the lab.
  const ct = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (ct !== 'application/json') {
    sendJson(res, 415, { error: `${path} needs Content-Type: application/json (for example curl -X POST -H 'Content-Type: application/json' -d '{}').` }, cors);
    return;
  }
  let parsed: unknown;
  try {
    const text = new TextDecoder().decode(await readBody(req, CONTROL_BODY_LIMIT));
    parsed = text.trim() === '' ? {} : JSON.parse(text);
  } catch {
    sendJson(res, 400, { error: 'The body must be one JSON object of at most 64 KiB, such as {"advanceDays": 30}.' }, cors);
    return;
  }
  if (path === '/_sandbox/reset') {
    await sandbox.reset();
    sendJson(res, 200, { reset: true, now: new Date(sandbox.clock.now()).toISOString() }, cors);
    return;
  }
  const days = parsed !== null && typeof parsed === 'object' ? (parsed as { advanceDays?: unknown }).advanceDays : undefined;
  if (typeof days !== 'number' || !Number.isFinite(days) || days < 0) {
    sendJson(res, 400, { error: 'advanceDays must be a number of days >= 0: the simulated clock only moves forward.' }, cors);
    return;
  }
  try {
    sendJson(res, 200, await sandbox.clock.advanceDays(days), cors);
  } catch (e) {
    sendJson(res, 400, { error: (e as Error).message }, cors);
  }
}

export async function startSandboxServer(opts: SandboxServerOptions = {}): Promise<SandboxServer> {
  const store = opts.dataFile ? createFileStore(opts.dataFile) : undefined;
  if (store && opts.resetData) await store.clear();
  // The file is read line by line (twice: checked whole before anything changes, then its bodies), so a
  // bad file stops the server with its message and changes nothing, and a large one is never one string.
  const importFile = opts.importFile;
  if (importFile !== undefined) await access(importFile);
  const sandbox = await createSandbox({ ...opts.sandbox, store: opts.sandbox?.store ?? store });
  if (importFile !== undefined) await sandbox.importState(() => createReadStream(importFile));
  const host = opts.host ?? '127.0.0.1';
  const allowHosts = [...(opts.allowHosts ?? [])];
  // Listening on a specific non-loopback address: that address is the server's own name too.
  if (!['127.0.0.1', 'localhost', '::1', '0.0.0.0', '::'].includes(host)) allowHosts.push(host.includes(':') ? `[${host}]` : host);
  const corsOrigins = new Set((opts.corsOrigins ?? []).map((o) => o.replace(/\/$/, '').toLowerCase()));

  const listener = (req: IncomingMessage, res: ServerResponse, secure: boolean) => {
    void (async () => {
      let target: { pathname: string; search: string };
      try {
        target = requestTarget(req.url ?? '/');
      } catch {
        // A target the URL parser refuses (`//`, say): answered, never thrown out of this listener,
        // where the rejection went unhandled and stopped the whole server.
        // Sandbox differs: answered before any service is known, so as JSON with S3's InvalidURI code
        // and message; S3 answers its errors in XML. Pinned in server-safety.test.ts.
        res.setHeader('connection', 'close');
        sendJson(res, 400, { __type: 'InvalidURI', message: "Couldn't parse the specified URI." }, {});
        drain(req);
        return;
      }
      const control = target.pathname.startsWith('/_sandbox/');
      const origin = (req.headers.origin ?? '').toLowerCase();
      const controlCors: Record<string, string> =
        control && origin && corsOrigins.has(origin) ? { 'Access-Control-Allow-Origin': req.headers.origin!, Vary: 'Origin' } : {};
      try {
        if (!isAllowedHost(req.headers.host, allowHosts)) {
          // DNS rebinding: a page on attacker.example whose name now resolves to 127.0.0.1 still sends
          // Host: attacker.example. Refuse before any service or control code runs.
          res.setHeader('connection', 'close');
          sendJson(
            res,
            403,
            {
              __type: 'InvalidHostHeader',
              message: `The KMS Study Lab sandbox answers only 127.0.0.1, localhost, *.localhost and [::1]; '${hostName(req.headers.host) ?? ''}' is not allowed. Start it with --allow-host NAME to add a name.`,
            },
            {},
          );
          drain(req);
          return;
        }
        if (control) {
          if (req.method === 'OPTIONS') {
            if (!controlCors['Access-Control-Allow-Origin']) {
              sendJson(res, 403, { error: 'Cross-origin calls to /_sandbox/* are refused. Start the sandbox with --cors-origin ORIGIN to allow one.' }, {});
              return;
            }
            res.writeHead(204, {
              ...controlCors,
              'Access-Control-Allow-Methods': 'GET, POST',
              'Access-Control-Allow-Headers': 'content-type',
              'Access-Control-Max-Age': '600',
            });
            res.end();
            return;
          }
          await handleControl(sandbox, req, res, target.pathname, controlCors);
          drain(req);
          return;
        }
        const cors = apiCorsHeaders(req);
        if (req.method === 'OPTIONS') {
          res.writeHead(200, cors);
          res.end();
          return;
        }
        const headers: Record<string, string> = {};
        // Node gives header names in lower case already.
        for (const k in req.headers) {
          const v = req.headers[k];
          if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(',') : v;
        }
        const query = queryRecord(target.search);
        const small = smallBodyLength(req);
        const bytes = small === undefined ? undefined : await readSmallBody(req, small);
        // The client went away before its body arrived: nobody is left to answer.
        if (small !== undefined && bytes === undefined) return;
        const out = await sandbox.engine.handleHttp({
          method: req.method ?? 'GET',
          hostname: hostName(headers['host']) ?? host,
          path: target.pathname,
          query,
          headers,
          // Small bodies as bytes; otherwise the request itself (a Node Readable): protocols read what
          // they need, streams pass through.
          body: bytes ?? req,
          sourceIp: req.socket.remoteAddress?.replace(/^::ffff:/, '') ?? '127.0.0.1',
          // aws:SecureTransport: true on the HTTPS port only (AWS refuses SSE-C over plain HTTP).
          secure,
        });
        // S3 answers carry headers a browser can only read when exposed (ETag, the SSE headers, metadata).
        if (out.headers['x-amz-request-id'] !== undefined) {
          cors['Access-Control-Expose-Headers'] = exposeHeaders(out.headers);
        }
        const head: Record<string, string> = { ...out.headers, ...cors, date: httpDate() };
        // HEAD answers say the object's length (its Content-Length member), not the empty body's.
        const length = req.method === 'HEAD' ? undefined : knownLength(out.body);
        if (length !== undefined) head['content-length'] = String(length);
        else if (req.method === 'HEAD') head['content-length'] = out.headers['content-length'] ?? '0';
        res.writeHead(out.statusCode, head);
        // A streamed answer's declared length (GetObject's Content-Length): small ones go out in one write.
        const declared = length ?? (req.method === 'HEAD' ? undefined : declaredLength(out.headers['content-length']));
        await writeBody(res, out.body, declared);
        drain(req);
      } catch (e) {
        // Only transport failures land here (the engine never throws).
        if (!res.headersSent) sendJson(res, 500, { __type: 'InternalFailure', message: (e as Error).message }, {});
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
  const server = keepIdleConnections(createServer((req, res) => listener(req, res, false)));
  const port = await listen(server, opts.port ?? 4599);
  const servers: Server[] = [server];
  let httpsUrl: string | undefined;
  let certificatePem: string | undefined;
  if (opts.httpsPort !== undefined) {
    const { key, cert } = await selfSignedCertificate(host);
    certificatePem = cert;
    const https = keepIdleConnections(createHttpsServer({ key, cert }, (req, res) => listener(req, res, true)));
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

/** How long the local server keeps an idle keep-alive connection open (Node's default is 5 s). */
export const KEEP_ALIVE_IDLE_MS = 60_000;

/**
 * Node closes an idle keep-alive connection after 5 s. Pooled clients (the SDK's Node handler with a
 * keep-alive agent, the AWS CLI and boto3) keep idle connections with no limit of their own, so a call
 * made just as the server closes the one it picked can fail with "socket hang up" (seen once from the
 * bench's client between rounds). A longer idle time makes that race rare. headersTimeout stays above
 * it, as Node requires.
 */
function keepIdleConnections<T extends Server>(srv: T): T {
  srv.keepAliveTimeout = KEEP_ALIVE_IDLE_MS;
  srv.headersTimeout = KEEP_ALIVE_IDLE_MS + 1_000;
  return srv;
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
