/**
 * Issue 8's bench group: PutObject+GetObject pairs of 1 KiB under SSE-KMS through the real S3Client
 * on three backends — the sandbox in process, the sandbox over HTTP (`src/sandbox/server-main.ts`)
 * and moto's server. Prints ONE JSON line on stdout; progress goes to stderr.
 */
import { existsSync } from 'node:fs';
import { Agent as HttpAgent } from 'node:http';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { CreateBucketCommand, GetObjectCommand, PutObjectCommand, S3Client, type S3ClientConfig } from '@aws-sdk/client-s3';
import { CreateKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import { errorText, freePort, installCleanup, start, stopAll, waitForHttp, waitForLine } from './lib/procs';
import { measureInterleaved, median, round1, round3 } from './lib/stats';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const REGION = 'us-east-1';
const ADMIN = { accessKeyId: 'test', secretAccessKey: 'test' };
const PAYLOAD_BYTES = 1024;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const ROUND_MS = Number(process.env.BENCH_ROUND_MS ?? 1500);
const WARMUP_MS = Number(process.env.BENCH_WARMUP_MS ?? 1000);
const LOAD_AT_START = Math.round((loadavg()[0] ?? 0) * 10) / 10;

type Handler = S3ClientConfig['requestHandler'];
interface SandboxModule {
  createSandbox(opts?: Record<string, unknown>): Promise<{ requestHandler: unknown }>;
}
interface Backend {
  label: string;
  pair: () => Promise<void>;
  close: () => Promise<void>;
}

const log = (msg: string) => process.stderr.write(`[bench:s3] ${msg}\n`);

function clients(requestHandler: Handler, endpoint?: string) {
  const common = { region: REGION, credentials: ADMIN, maxAttempts: 1, requestHandler, ...(endpoint ? { endpoint } : {}) };
  return { s3: new S3Client({ ...common, forcePathStyle: true }), kms: new KMSClient(common as never) };
}

const keepAlive = (): Handler => ({ httpAgent: new HttpAgent({ keepAlive: true }) });

async function pairOn(s3: S3Client, kms: KMSClient, label: string): Promise<() => Promise<void>> {
  const key = await kms.send(new CreateKeyCommand({ Description: 'bench' }));
  const arn = key.KeyMetadata!.Arn!;
  await s3.send(new CreateBucketCommand({ Bucket: 'bench-bucket' }));
  const body = crypto.getRandomValues(new Uint8Array(PAYLOAD_BYTES));
  let n = 0;
  const one = async () => {
    const k = `o${n++ % 64}`;
    const put = await s3.send(new PutObjectCommand({ Bucket: 'bench-bucket', Key: k, Body: body, ServerSideEncryption: 'aws:kms', SSEKMSKeyId: arn }));
    if (put.ServerSideEncryption !== 'aws:kms') throw new Error(`${label}: PutObject did not use SSE-KMS`);
    const got = await s3.send(new GetObjectCommand({ Bucket: 'bench-bucket', Key: k }));
    const bytes = await got.Body!.transformToByteArray();
    if (bytes.length !== PAYLOAD_BYTES) throw new Error(`${label}: wrong body length`);
  };
  await one();
  return one;
}

async function setupInproc(): Promise<Backend> {
  const mod = (await import(new URL('../src/sandbox/index.ts', import.meta.url).href)) as SandboxModule;
  const sb = await mod.createSandbox();
  const { s3, kms } = clients(sb.requestHandler as Handler);
  return { label: 's3-inproc', pair: await pairOn(s3, kms, 's3-inproc'), close: async () => s3.destroy() };
}

async function setupSandboxHttp(): Promise<Backend> {
  const main = `${ROOT}src/sandbox/server-main.ts`;
  if (!existsSync(main)) throw new Error('src/sandbox/server-main.ts does not exist');
  const port = await freePort();
  const srv = start(process.execPath, ['--import', 'tsx', main, '--port', String(port)], { cwd: ROOT, env: { ...process.env } });
  try {
    const m = await waitForLine(srv, /listening on (http:\/\/127\.0\.0\.1:(\d+))/, 60_000);
    const { s3, kms } = clients(keepAlive(), m[1]!);
    return { label: 's3-http', pair: await pairOn(s3, kms, 's3-http'), close: async () => (s3.destroy(), srv.stop()) };
  } catch (e) {
    await srv.stop();
    throw e;
  }
}

async function setupMoto(): Promise<Backend> {
  const port = await freePort();
  const moto = start('python3', ['-m', 'moto.server', '-H', '127.0.0.1', '-p', String(port)], { cwd: ROOT });
  try {
    const url = `http://127.0.0.1:${port}`;
    await waitForHttp(moto, `${url}/moto-api/`, 60_000);
    const { s3, kms } = clients(keepAlive(), url);
    return { label: 'moto-s3-http', pair: await pairOn(s3, kms, 'moto-s3-http'), close: async () => (s3.destroy(), moto.stop()) };
  } catch (e) {
    await moto.stop();
    throw e;
  }
}

const ratio = (a: number | null, b: number | null) => (a !== null && b !== null && b > 0 ? round3(a / b) : null);

async function main(): Promise<void> {
  installCleanup();
  const notes: string[] = [];
  const setups: [string, () => Promise<Backend>][] = [
    ['s3_inproc', setupInproc],
    ['s3_http', setupSandboxHttp],
    ['moto_s3_http', setupMoto],
  ];
  const backends = new Map<string, Backend>();
  for (const [key, setup] of setups) {
    try {
      backends.set(key, await setup());
    } catch (e) {
      log(`${key} could not start: ${errorText(e)}`);
      notes.push(`${key}: ${errorText(e)}`);
    }
  }
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
    if (r instanceof Error) notes.push(`${key}: ${errorText(r)}`);
    else if (r) log(`${key}: median ${round1(r.median)} pairs/s, rounds ${r.rounds.map(round1).join(' / ')}`);
    fig[key] = r && !(r instanceof Error) ? round1(r.median) : null;
    rounds[key] = r && !(r instanceof Error) ? r.rounds.map(round1) : null;
  }
  const paired = (a: string, b: string): number | null => {
    const ra = rounds[a];
    const rb = rounds[b];
    if (!ra || !rb || ra.length !== rb.length) return null;
    return round3(median(ra.map((x, i) => x / rb[i]!)));
  };
  const out = {
    group: 's3',
    issue: 8,
    s3_inproc_ops_per_s: fig.s3_inproc ?? null,
    s3_http_ops_per_s: fig.s3_http ?? null,
    moto_s3_http_ops_per_s: fig.moto_s3_http ?? null,
    s3_inproc_vs_moto: ratio(fig.s3_inproc ?? null, fig.moto_s3_http ?? null),
    s3_http_vs_moto: ratio(fig.s3_http ?? null, fig.moto_s3_http ?? null),
    // Sandbox differs (for now): the REST-XML protocol still reads a whole S3 body into memory (the
    // server streams it as far as the engine; see docs/s3.md), so a 1 GiB PutObject is not measured yet.
    s3_put_1gib_extra_rss_mib: null,
    units: { '*_ops_per_s': 'PutObject+GetObject pairs of 1 KiB under SSE-KMS per second', '*_vs_*': 'ratio of the two ops_per_s figures' },
    method:
      `Node ${process.version}, @aws-sdk/client-s3 S3Client (path-style, maxAttempts 1, test/test, ${REGION}). One op = ` +
      `PutObject(1 KiB random, ServerSideEncryption aws:kms, SSEKMSKeyId <a CreateKey ARN>, no bucket key) awaited, then ` +
      `GetObject of it read to the end; 64 keys reused in turn; strictly sequential. Warm-up >= ${WARMUP_MS} ms and 20 ` +
      `pairs, then ${ROUNDS} rounds of ~${ROUND_MS} ms interleaved across backends; figures are median rounds. ` +
      `s3_inproc: createSandbox() requestHandler. s3_http: node --import tsx src/sandbox/server-main.ts. moto: python3 -m moto.server. ` +
      `HTTP backends: NodeHttpHandler with a keep-alive agent.`,
    rounds_ops_per_s: rounds,
    ratios_median_of_paired_rounds: { s3_inproc_vs_moto: paired('s3_inproc', 'moto_s3_http'), s3_http_vs_moto: paired('s3_http', 'moto_s3_http') },
    targets: { s3_inproc_vs_moto: '>= 5', s3_http_vs_moto: '>= 3', s3_put_1gib_extra_rss_mib: '< 128' },
    machine: { cpus: cpus().length, node: process.version, shared_vm: true, loadavg_1m: { start: LOAD_AT_START, end: round1(loadavg()[0] ?? 0) } },
    measured_at: new Date().toISOString(),
    note: ['1 GiB PutObject not measured: the REST-XML protocol reads S3 bodies whole (docs/s3.md)', ...notes].join(' | '),
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
