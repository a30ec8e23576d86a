/**
 * Issue 2's bench group: Encrypt-then-Decrypt pairs of 1 KiB through the real KMSClient on four
 * backends — the SDK against a handler that answers at once (its own ceiling), the sandbox in
 * process, the sandbox over HTTP (`src/sandbox/server-main.ts`), and moto's server. Prints ONE JSON
 * line on stdout; progress goes to stderr. A backend that cannot run gives null plus a note.
 */
import { existsSync } from 'node:fs';
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import {
  CreateKeyCommand,
  DecryptCommand,
  EncryptCommand,
  KMSClient,
  type KMSClientConfig,
} from '@aws-sdk/client-kms';
import { HttpResponse, type HttpRequest } from '@smithy/protocol-http';
import { errorText, freePort, installCleanup, start, stopAll, waitForHttp, waitForLine } from './lib/procs';
import { machineInfo, measureInterleaved, median, ratio, round1, round3 } from './lib/stats';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const REGION = 'us-east-1';
const ADMIN = { accessKeyId: 'test', secretAccessKey: 'test' };
const PAYLOAD_BYTES = 1024;
// Nine rounds (five before): on this shared 2-core machine one slow round moved a 5-round median; nine hold it.
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 9);
const ROUND_MS = Number(process.env.BENCH_ROUND_MS ?? 1500);
const WARMUP_MS = Number(process.env.BENCH_WARMUP_MS ?? 1000);

type RequestHandlerInput = KMSClientConfig['requestHandler'];

interface SandboxModule {
  createSandbox(opts?: Record<string, unknown>): Promise<{ requestHandler: unknown }>;
}

/** Other work on the shared machine skews every figure; the load average says how much there was. */
const LOAD_AT_START = Math.round((loadavg()[0] ?? 0) * 10) / 10;

function log(msg: string): void {
  process.stderr.write(`[bench:kms] ${msg}\n`);
}

function plaintext(): Uint8Array {
  const p = new Uint8Array(PAYLOAD_BYTES);
  crypto.getRandomValues(p);
  return p;
}

function sameBytes(a: Uint8Array | undefined, b: Uint8Array): boolean {
  if (!a || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function client(requestHandler: RequestHandlerInput, endpoint?: string): KMSClient {
  return new KMSClient({ region: REGION, credentials: ADMIN, maxAttempts: 1, requestHandler, ...(endpoint ? { endpoint } : {}) });
}

/** The SDK's default NodeHttpHandler, with keep-alive agents (the same for the sandbox server and moto). */
function keepAliveHandler(): RequestHandlerInput {
  return { httpAgent: new HttpAgent({ keepAlive: true }), httpsAgent: new HttpsAgent({ keepAlive: true }) };
}

/** A prepared backend: one sequential Encrypt+Decrypt pair per call, and what to clean up. */
interface Backend {
  label: string;
  pair: () => Promise<void>;
  close: () => Promise<void>;
  startMs?: number;
}

/** Checks one round trip on `kms` with key `keyId` and returns the pair to time. */
async function pairOn(kms: KMSClient, keyId: string, label: string): Promise<() => Promise<void>> {
  const data = plaintext();
  const check = await kms.send(new EncryptCommand({ KeyId: keyId, Plaintext: data }));
  const back = await kms.send(new DecryptCommand({ CiphertextBlob: check.CiphertextBlob }));
  if (!sameBytes(back.Plaintext, data)) throw new Error(`${label}: Decrypt did not give back the plaintext`);
  return async () => {
    const enc = await kms.send(new EncryptCommand({ KeyId: keyId, Plaintext: data }));
    const dec = await kms.send(new DecryptCommand({ CiphertextBlob: enc.CiphertextBlob }));
    if (dec.Plaintext?.length !== PAYLOAD_BYTES) throw new Error(`${label}: wrong plaintext length`);
  };
}

// ---- 1. the SDK's own ceiling: a handler that answers at once with a fixed, valid response ----

const NOOP_KEY_ARN = `arn:aws:kms:${REGION}:111122223333:key/0b1c2d3e-4f50-4a61-8b72-93a4b5c6d7e8`;

function b64(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s);
}

function noopHandler(plain: Uint8Array): RequestHandlerInput {
  const enc = new TextEncoder();
  // A ciphertext-sized blob (1 KiB + a header's worth), so response parsing costs what it would.
  const blob = new Uint8Array(PAYLOAD_BYTES + 152);
  crypto.getRandomValues(blob);
  const bodies: Record<string, Uint8Array> = {
    'TrentService.Encrypt': enc.encode(
      JSON.stringify({ CiphertextBlob: b64(blob), KeyId: NOOP_KEY_ARN, EncryptionAlgorithm: 'SYMMETRIC_DEFAULT' }),
    ),
    'TrentService.Decrypt': enc.encode(
      JSON.stringify({ Plaintext: b64(plain), KeyId: NOOP_KEY_ARN, EncryptionAlgorithm: 'SYMMETRIC_DEFAULT' }),
    ),
  };
  let requestNo = 0;
  return {
    async handle(request: HttpRequest) {
      let target = '';
      for (const [k, v] of Object.entries(request.headers)) if (k.toLowerCase() === 'x-amz-target') target = v;
      const body = bodies[target];
      if (!body) {
        const err = enc.encode(JSON.stringify({ __type: 'UnsupportedOperationException', message: target }));
        return { response: new HttpResponse({ statusCode: 400, headers: { 'content-type': 'application/x-amz-json-1.1' }, body: err }) };
      }
      requestNo++;
      return {
        response: new HttpResponse({
          statusCode: 200,
          headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': `noop-${requestNo}` },
          // A fresh copy each time: the SDK may adopt the array it is given.
          body: body.slice(),
        }),
      };
    },
    updateHttpClientConfig() {},
    httpHandlerConfigs() {
      return {};
    },
    destroy() {},
  } as RequestHandlerInput;
}

async function setupNoop(): Promise<Backend> {
  const plain = plaintext();
  const kms = client(noopHandler(plain));
  const pair = async (): Promise<void> => {
    const e = await kms.send(new EncryptCommand({ KeyId: NOOP_KEY_ARN, Plaintext: plain }));
    const d = await kms.send(new DecryptCommand({ CiphertextBlob: e.CiphertextBlob }));
    if (d.Plaintext?.length !== PAYLOAD_BYTES) throw new Error('sdk-noop: fixed response did not parse');
  };
  // The handler answers with its own fixed plaintext: check once that it parses back to it.
  const d = await kms.send(new DecryptCommand({ CiphertextBlob: new Uint8Array(8) }));
  if (!sameBytes(d.Plaintext, plain)) throw new Error('sdk-noop: fixed response did not parse');
  return { label: 'sdk-noop', pair, close: async () => kms.destroy() };
}

// ---- 2. the sandbox in process ----

async function setupInproc(): Promise<Backend> {
  const indexPath = `${ROOT}src/sandbox/index.ts`;
  if (!existsSync(indexPath)) throw new Error('src/sandbox/index.ts does not exist yet');
  const mod = (await import(new URL('../src/sandbox/index.ts', import.meta.url).href)) as SandboxModule;
  const sb = await mod.createSandbox();
  const kms = client(sb.requestHandler as RequestHandlerInput);
  const key = await kms.send(new CreateKeyCommand({ Description: 'bench' }));
  const arn = key.KeyMetadata?.Arn;
  if (!arn) throw new Error('CreateKey on the sandbox returned no ARN');
  return { label: 'kms-inproc', pair: await pairOn(kms, arn, 'kms-inproc'), close: async () => kms.destroy() };
}

// ---- 3. the sandbox over HTTP ----

async function setupSandboxHttp(): Promise<Backend> {
  const main = `${ROOT}src/sandbox/server-main.ts`;
  if (!existsSync(main)) throw new Error('src/sandbox/server-main.ts does not exist yet');
  const port = await freePort();
  const t0 = performance.now();
  // `node --import tsx` is what `npm run sandbox` (tsx) does, in one process whose group we stop.
  const srv = start(process.execPath, ['--import', 'tsx', main, '--port', String(port)], { cwd: ROOT, env: { ...process.env } });
  try {
    const m = await waitForLine(srv, /listening on (http:\/\/127\.0\.0\.1:(\d+))/, 60_000);
    const startMs = performance.now() - t0;
    const url = m[1]!;
    log(`sandbox server ready at ${url} after ${Math.round(startMs)} ms`);
    const kms = client(keepAliveHandler(), url);
    const key = await kms.send(new CreateKeyCommand({ Description: 'bench' }));
    const arn = key.KeyMetadata?.Arn;
    if (!arn) throw new Error('CreateKey on the sandbox server returned no ARN');
    const pair = await pairOn(kms, arn, 'kms-http');
    return { label: 'kms-http', pair, startMs, close: async () => (kms.destroy(), srv.stop()) };
  } catch (e) {
    await srv.stop();
    throw e;
  }
}

// ---- 4. moto's server ----

async function setupMoto(): Promise<Backend> {
  const port = await freePort();
  const t0 = performance.now();
  const moto = start('python3', ['-m', 'moto.server', '-H', '127.0.0.1', '-p', String(port)], { cwd: ROOT });
  try {
    const url = `http://127.0.0.1:${port}`;
    await waitForHttp(moto, `${url}/moto-api/`, 60_000);
    const startMs = performance.now() - t0;
    log(`moto ready at ${url} after ${Math.round(startMs)} ms`);
    const kms = client(keepAliveHandler(), url);
    const key = await kms.send(new CreateKeyCommand({ Description: 'bench' }));
    const arn = key.KeyMetadata?.Arn;
    if (!arn) throw new Error('CreateKey on moto returned no ARN');
    const pair = await pairOn(kms, arn, 'moto-http');
    return { label: 'moto-http', pair, startMs, close: async () => (kms.destroy(), moto.stop()) };
  } catch (e) {
    await moto.stop();
    throw e;
  }
}

async function main(): Promise<void> {
  installCleanup();
  const notes: string[] = [];
  const setups: [string, () => Promise<Backend>][] = [
    ['sdk_noop', setupNoop],
    ['kms_inproc', setupInproc],
    ['kms_http', setupSandboxHttp],
    ['moto_http', setupMoto],
  ];
  const backends = new Map<string, Backend>();
  for (const [key, setup] of setups) {
    try {
      backends.set(key, await setup());
    } catch (e) {
      const why = errorText(e);
      log(`${key} could not start: ${why}`);
      notes.push(`${key}: ${why}`);
    }
  }

  log(`${ROUNDS} interleaved rounds of ~${ROUND_MS} ms per backend, after a ${WARMUP_MS} ms warm-up each`);
  const results = await measureInterleaved(
    [...backends].map(([key, b]) => ({ label: key, op: b.pair })),
    { warmupMs: WARMUP_MS, minWarmupOps: 20, rounds: ROUNDS, roundMs: ROUND_MS },
  );
  for (const b of backends.values()) await b.close().catch(() => undefined);
  await stopAll();

  const fig: Record<string, number | null> = {};
  const rounds: Record<string, number[] | null> = {};
  for (const [key] of setups) {
    const r = results.get(key);
    if (r instanceof Error) {
      log(`${key} failed while measuring: ${errorText(r)}`);
      notes.push(`${key}: ${errorText(r)}`);
    } else if (r) {
      log(`${key}: median ${round1(r.median)} pairs/s, rounds ${r.rounds.map(round1).join(' / ')} (${r.ops} pairs)`);
    }
    fig[key] = r && !(r instanceof Error) ? round1(r.median) : null;
    rounds[key] = r && !(r instanceof Error) ? r.rounds.map(round1) : null;
  }
  const startMs = (key: string): number | null => {
    const ms = backends.get(key)?.startMs;
    return ms === undefined ? null : Math.round(ms);
  };
  const v = { sdk: fig.sdk_noop ?? null, inproc: fig.kms_inproc ?? null, http: fig.kms_http ?? null, moto: fig.moto_http ?? null };
  // The same ratios taken round by round (each round's backends ran back to back), then the median:
  // less sensitive to the machine's load changing between rounds.
  const paired = (a: string, b: string): number | null => {
    const ra = rounds[a];
    const rb = rounds[b];
    if (!ra || !rb || ra.length !== rb.length) return null;
    return round3(median(ra.map((x, i) => x / rb[i]!)));
  };
  const out = {
    group: 'kms-ops',
    issue: 2,
    kms_inproc_ops_per_s: v.inproc,
    sdk_noop_ops_per_s: v.sdk,
    kms_http_ops_per_s: v.http,
    moto_http_ops_per_s: v.moto,
    kms_inproc_vs_sdk_ceiling: ratio(v.inproc, v.sdk),
    kms_inproc_vs_moto: ratio(v.inproc, v.moto),
    kms_http_vs_moto: ratio(v.http, v.moto),
    units: { '*_ops_per_s': 'Encrypt+Decrypt pairs of 1 KiB per second', '*_vs_*': 'ratio of the two ops_per_s figures', '*_ms': 'milliseconds' },
    method:
      `Node ${process.version}, @aws-sdk/client-kms KMSClient (maxAttempts 1, credentials test/test, ${REGION}). ` +
      `One op = EncryptCommand(KeyId, 1 KiB random Plaintext) awaited, then DecryptCommand(CiphertextBlob) awaited; ` +
      `strictly sequential, one backend at a time. Each backend: one checked round trip, a warm-up of >= ${WARMUP_MS} ms ` +
      `and >= 20 pairs, then ${ROUNDS} rounds of ~${ROUND_MS} ms interleaved across backends (noop, inproc, http, moto, ` +
      `repeat) so load drift on the shared machine hits all alike; each figure is the median round's pairs/s, ratios ` +
      `are ratios of those medians. sdk_noop: a requestHandler that answers at once with a fixed valid ` +
      `Encrypt/Decrypt JSON body chosen by X-Amz-Target. kms_inproc: createSandbox() requestHandler. kms_http: ` +
      `node --import tsx src/sandbox/server-main.ts --port <free> on 127.0.0.1. moto_http: python3 -m moto.server ` +
      `-H 127.0.0.1 -p <free>. Both HTTP backends: the SDK's default NodeHttpHandler with keepAlive http/https ` +
      `Agents; one symmetric key created first with CreateKey.`,
    rounds_ops_per_s: rounds,
    ratios_median_of_paired_rounds: {
      kms_inproc_vs_sdk_ceiling: paired('kms_inproc', 'sdk_noop'),
      kms_inproc_vs_moto: paired('kms_inproc', 'moto_http'),
      kms_http_vs_moto: paired('kms_http', 'moto_http'),
    },
    startup_ms: { kms_http_server_ready: startMs('kms_http'), moto_server_ready: startMs('moto_http') },
    targets: { kms_inproc_vs_sdk_ceiling: '>= 0.3', kms_inproc_vs_moto: '>= 5', kms_http_vs_moto: '>= 3' },
    machine: machineInfo(LOAD_AT_START),
    measured_at: new Date().toISOString(),
    note: notes.length ? notes.join(' | ') : null,
  };
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

main().then(
  () => process.exit(0),
  async (e: unknown) => {
    log(`fatal: ${errorText(e)}`);
    await stopAll();
    process.exit(1);
  },
);
