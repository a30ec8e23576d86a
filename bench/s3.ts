/**
 * Issue 8's bench group: PutObject+GetObject pairs of 1 KiB under SSE-KMS through the real S3Client
 * on three backends — the sandbox in process, the sandbox over HTTP (`src/sandbox/server-main.ts`)
 * and moto's server. Prints ONE JSON line on stdout; progress goes to stderr.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { Agent as HttpAgent } from 'node:http';
import { loadavg, tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { CreateBucketCommand, GetObjectCommand, HeadObjectCommand, PutObjectCommand, S3Client, type S3ClientConfig } from '@aws-sdk/client-s3';
import { CreateKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import { errorText, freePort, installCleanup, start, stopAll, waitForHttp, waitForLine } from './lib/procs';
import { machineInfo, measureInterleaved, median, ratio, round1, round3 } from './lib/stats';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const REGION = 'us-east-1';
const ADMIN = { accessKeyId: 'test', secretAccessKey: 'test' };
const PAYLOAD_BYTES = 1024;
// Nine rounds (five before): on this shared 2-core machine one slow round moved a 5-round median; nine hold it.
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 9);
const ROUND_MS = Number(process.env.BENCH_ROUND_MS ?? 1500);
/**
 * Each backend's warm-up before the timed rounds, the same for all. 1 s was too short for the
 * sandbox: in two quiet whole-bench runs (2026-12-05 10:47 and 11:15 UTC) its rounds still climbed for
 * the first three or four (over HTTP 212 / 297 / 357 / 336 / 383 / 414 / 444 / 369 / 431 pairs/s,
 * V8 still compiling the server's paths) while moto's were level after its first, so the medians
 * compared a warming sandbox with a warm moto. 6 s covers that climb.
 */
const WARMUP_MS = Number(process.env.BENCH_WARMUP_MS ?? 6000);
const LOAD_AT_START = Math.round((loadavg()[0] ?? 0) * 10) / 10;

type Handler = S3ClientConfig['requestHandler'];
interface SandboxModule {
  createSandbox(opts?: Record<string, unknown>): Promise<{ requestHandler: unknown; writeSetEncodes?: () => number }>;
}
interface Backend {
  label: string;
  pair: () => Promise<void>;
  close: () => Promise<void>;
  /** In process: records encoded to find write sets so far (a count, not a time). */
  encodes?: () => number;
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
  return { label: 's3-inproc', pair: await pairOn(s3, kms, 's3-inproc'), close: async () => s3.destroy(), encodes: sb.writeSetEncodes };
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

/** The 1 GiB PutObject (and GetObject back) through the server: its RSS, sampled from /proc every 50 ms. */
const BIG_MIB = Number(process.env.BENCH_S3_BIG_MIB ?? 1024);
const MIB = 1024 * 1024;

function rssMiB(pid: number): number | undefined {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** Samples a process's RSS while `fn` runs; the peak above the RSS just before it started. */
async function extraRss<T>(pid: number, fn: () => Promise<T>): Promise<{ value: T; baseMiB: number; peakMiB: number; extraMiB: number; ms: number }> {
  const base = rssMiB(pid);
  if (base === undefined) throw new Error('no /proc/<pid>/status to read the server RSS from (Linux only)');
  let peak = base;
  const timer = setInterval(() => {
    const r = rssMiB(pid);
    if (r !== undefined && r > peak) peak = r;
  }, 50);
  const t0 = performance.now();
  try {
    const value = await fn();
    const r = rssMiB(pid);
    if (r !== undefined && r > peak) peak = r;
    return { value, baseMiB: round1(base), peakMiB: round1(peak), extraMiB: round1(peak - base), ms: Math.round(performance.now() - t0) };
  } finally {
    clearInterval(timer);
  }
}

/** BIG_MIB of data (1 MiB random blocks, each stamped with its index) as a Node stream. */
function bigBody(): Readable {
  const block = randomBytes(MIB);
  let i = 0;
  return new Readable({
    read() {
      if (i >= BIG_MIB) return void this.push(null);
      const b = Buffer.from(block);
      b.writeUInt32BE(i++, 0);
      this.push(b);
    },
  });
}

/**
 * The same 1 GiB PutObject in process: createSandbox() with a file store in a temporary directory, its
 * requestHandler under S3Client, the RSS of this very process (client and sandbox together).
 */
async function measureBigInproc(): Promise<{ put_extra_rss_mib: number; put_ms: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-s3-inproc-'));
  try {
    const mod = (await import(new URL('../src/sandbox/index.ts', import.meta.url).href)) as SandboxModule;
    const files = (await import(new URL('../src/sandbox/store/file-store.ts', import.meta.url).href)) as { createFileStore(d: string): unknown };
    const sb = await mod.createSandbox({ store: files.createFileStore(dir) });
    const { s3 } = clients(sb.requestHandler as Handler);
    await s3.send(new CreateBucketCommand({ Bucket: 'big-bucket' }));
    await s3.send(new PutObjectCommand({ Bucket: 'big-bucket', Key: 'warm', Body: randomBytes(MIB) }));
    globalThis.gc?.();
    log(`in-process PUT ${BIG_MIB} MiB...`);
    const put = await extraRss(process.pid, () =>
      s3.send(new PutObjectCommand({ Bucket: 'big-bucket', Key: 'big', Body: bigBody(), ContentLength: BIG_MIB * MIB })),
    );
    const head = await s3.send(new HeadObjectCommand({ Bucket: 'big-bucket', Key: 'big' }));
    if (head.ContentLength !== BIG_MIB * MIB) throw new Error(`stored ${head.ContentLength} bytes in process`);
    s3.destroy();
    return { put_extra_rss_mib: put.extraMiB, put_ms: put.ms };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

interface BigFigures {
  put_extra_rss_mib: number;
  get_extra_rss_mib: number;
  put_ms: number;
  get_ms: number;
  server_rss_before_mib: number;
}

/**
 * One server with a `--data` directory (the memory store would hold the object itself: 1 GiB of RSS by
 * design), one 1 MiB PUT to warm it, then the big PutObject through the real S3Client (a Node stream
 * with ContentLength: the SDK sends aws-chunked with a trailing CRC32) and a GetObject read to the end.
 */
async function measureBig(): Promise<BigFigures> {
  const main = `${ROOT}src/sandbox/server-main.ts`;
  const dir = mkdtempSync(join(tmpdir(), 'bench-s3-big-'));
  const port = await freePort();
  const srv = start(process.execPath, ['--import', 'tsx', main, '--port', String(port), '--data', dir], { cwd: ROOT, env: { ...process.env } });
  try {
    const m = await waitForLine(srv, /listening on (http:\/\/127\.0\.0\.1:(\d+))/, 60_000);
    const pid = srv.child.pid!;
    const { s3 } = clients(keepAlive(), m[1]!);
    await s3.send(new CreateBucketCommand({ Bucket: 'big-bucket' }));
    await s3.send(new PutObjectCommand({ Bucket: 'big-bucket', Key: 'warm', Body: randomBytes(MIB) }));
    await new Promise((r) => setTimeout(r, 1000));
    log(`PUT ${BIG_MIB} MiB...`);
    const put = await extraRss(pid, () =>
      s3.send(new PutObjectCommand({ Bucket: 'big-bucket', Key: 'big', Body: bigBody(), ContentLength: BIG_MIB * MIB })),
    );
    const head = await s3.send(new HeadObjectCommand({ Bucket: 'big-bucket', Key: 'big' }));
    if (head.ContentLength !== BIG_MIB * MIB) throw new Error(`stored ${head.ContentLength} bytes, not ${BIG_MIB * MIB}`);
    log(`PUT done in ${put.ms} ms (+${put.extraMiB} MiB); GET...`);
    const get = await extraRss(pid, async () => {
      const out = await s3.send(new GetObjectCommand({ Bucket: 'big-bucket', Key: 'big' }));
      let n = 0;
      let header = Buffer.alloc(0);
      for await (const c of out.Body as AsyncIterable<Uint8Array>) {
        // Each 1 MiB block starts with its index: the blocks come back whole and in order.
        for (let p = 0; p < c.length; ) {
          const inBlock = (n + p) % MIB;
          if (inBlock < 4) {
            const take = Math.min(4 - inBlock, c.length - p);
            header = Buffer.concat([header, Buffer.from(c.subarray(p, p + take))]);
            p += take;
            if (header.length === 4) {
              const want = Math.floor((n + p - 1) / MIB);
              if (header.readUInt32BE(0) !== want) throw new Error(`block ${want} came back out of order`);
              header = Buffer.alloc(0);
            }
          } else p += Math.min(MIB - inBlock, c.length - p);
        }
        n += c.length;
      }
      return n;
    });
    if (get.value !== BIG_MIB * MIB) throw new Error(`read back ${get.value} bytes`);
    s3.destroy();
    return { put_extra_rss_mib: put.extraMiB, get_extra_rss_mib: get.extraMiB, put_ms: put.ms, get_ms: get.ms, server_rss_before_mib: put.baseMiB };
  } finally {
    await srv.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The portable MD5's speed per CPU-second (process.cpuUsage), which a loaded machine disturbs less than wall time. */
async function md5JsMiBPerCpuSecond(): Promise<number> {
  const { Md5 } = (await import(new URL('../src/sandbox/s3/md5.ts', import.meta.url).href)) as { Md5: new () => { update(d: Uint8Array): unknown; digest(): Uint8Array } };
  const data = randomBytes(65536);
  const cpu = () => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1e6;
  };
  const rates: number[] = [];
  for (let r = 0; r < 3; r++) {
    const h = new Md5();
    const t0 = cpu();
    let n = 0;
    while (cpu() - t0 < 0.3) {
      for (let i = 0; i < 16; i++) h.update(data);
      n += 16 * data.length;
    }
    h.digest();
    rates.push(n / MIB / (cpu() - t0));
  }
  return Math.round(median(rates));
}

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
  // Counted, not timed: records the in-process sandbox encodes per pair to find the calls' write sets
  // (the 64 objects, the bucket and the key are all in the lab by now; it does not grow with them).
  let encodesPerPair: number | null = null;
  const inproc = backends.get('s3_inproc');
  if (inproc?.encodes) {
    const before = inproc.encodes();
    for (let i = 0; i < 64; i++) await inproc.pair();
    encodesPerPair = round1((inproc.encodes() - before) / 64);
  }
  const md5 = await md5JsMiBPerCpuSecond();
  for (const b of backends.values()) await b.close().catch(() => undefined);
  let big: BigFigures | undefined;
  let bigInproc: { put_extra_rss_mib: number; put_ms: number } | undefined;
  if (BIG_MIB > 0) {
    try {
      big = await measureBig();
    } catch (e) {
      log(`1 GiB PutObject failed: ${errorText(e)}`);
      notes.push(`s3_put_1gib: ${errorText(e)}`);
    }
    try {
      bigInproc = await measureBigInproc();
    } catch (e) {
      log(`1 GiB in-process PutObject failed: ${errorText(e)}`);
      notes.push(`s3_inproc_put_1gib: ${errorText(e)}`);
    }
  }
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
    s3_put_1gib_extra_rss_mib: big?.put_extra_rss_mib ?? null,
    s3_get_1gib_extra_rss_mib: big?.get_extra_rss_mib ?? null,
    s3_inproc_put_1gib_extra_rss_mib: bigInproc?.put_extra_rss_mib ?? null,
    s3_inproc_put_1gib_ms: bigInproc?.put_ms ?? null,
    s3_put_1gib_ms: big?.put_ms ?? null,
    s3_get_1gib_ms: big?.get_ms ?? null,
    s3_big_server_rss_before_mib: big?.server_rss_before_mib ?? null,
    s3_big_mib: BIG_MIB,
    s3_inproc_write_set_encodes_per_pair: encodesPerPair,
    md5_js_mib_per_cpu_s: md5,
    units: {
      '*_ops_per_s': 'PutObject+GetObject pairs of 1 KiB under SSE-KMS per second',
      '*_vs_*': 'ratio of the two ops_per_s figures',
      '*_extra_rss_mib': "the server process's peak RSS during the call minus its RSS just before (MiB, /proc VmRSS every 50 ms)",
      s3_inproc_write_set_encodes_per_pair: 'records JSON-encoded to find the write sets of one pair (a count; 64 more pairs after the rounds)',
      md5_js_mib_per_cpu_s: "the portable MD5 (src/sandbox/s3/md5.ts, the browser's) over 64 KiB updates, MiB per CPU-second of this process",
    },
    method:
      `Node ${process.version}, @aws-sdk/client-s3 S3Client (path-style, maxAttempts 1, test/test, ${REGION}). One op = ` +
      `PutObject(1 KiB random, ServerSideEncryption aws:kms, SSEKMSKeyId <a CreateKey ARN>, no bucket key) awaited, then ` +
      `GetObject of it read to the end; 64 keys reused in turn; strictly sequential. Warm-up >= ${WARMUP_MS} ms and 20 ` +
      `pairs, then ${ROUNDS} rounds of ~${ROUND_MS} ms interleaved across backends; figures are median rounds. ` +
      `s3_inproc: createSandbox() requestHandler. s3_http: node --import tsx src/sandbox/server-main.ts. moto: python3 -m moto.server. ` +
      `HTTP backends: NodeHttpHandler with a keep-alive agent. Big object: a separate server with --data <tmp dir>, ` +
      `PutObject of s3_big_mib MiB from a Node stream (ContentLength set; the SDK sends aws-chunked with a trailing CRC32; ` +
      `SSE-S3 by default), then GetObject read to the end and checked block by block. In process: createSandbox() ` +
      `with a file store in a temp dir, the same PutObject through its requestHandler, this process's RSS.`,
    rounds_ops_per_s: rounds,
    ratios_median_of_paired_rounds: { s3_inproc_vs_moto: paired('s3_inproc', 'moto_s3_http'), s3_http_vs_moto: paired('s3_http', 'moto_s3_http') },
    targets: { s3_inproc_vs_moto: '>= 5', s3_http_vs_moto: '>= 3', s3_put_1gib_extra_rss_mib: '< 128' },
    machine: machineInfo(LOAD_AT_START),
    measured_at: new Date().toISOString(),
    note: notes.join(' | '),
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
