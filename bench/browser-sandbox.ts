/**
 * Issue 6's bench group `browser-sandbox`: Encrypt+Decrypt pairs of 1 KiB in headless Chromium,
 * through the BUILT app's own KMSClient and its in-page sandbox (the page-side proxy of the engine's
 * worker, with the IndexedDB store: the path learners use). Prints ONE JSON line on stdout.
 */
import { loadavg } from 'node:os';
import type { Browser, Page } from '@playwright/test';
import { buildApp, CHROMIUM, CHROMIUM_ARGS, labContext, launchChromium, previewApp } from './lib/browser';
import { errorText, installCleanup, stopAll } from './lib/procs';
import { machineInfo, median, round1, round3 } from './lib/stats';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const ROUND_MS = Number(process.env.BENCH_ROUND_MS ?? 1500);
const WARMUP_MS = Number(process.env.BENCH_WARMUP_MS ?? 1000);
/** Recorded calls before the second set of rounds (the trail's size in a long class). */
const TRAIL_CALLS = 2000;
const LOAD_AT_START = round1(loadavg()[0] ?? 0);

function log(msg: string): void {
  process.stderr.write(`[bench:browser] ${msg}\n`);
}

interface BenchWindow {
  __kmsBenchState?: { calls: number };
}

/**
 * Installs, in the page, the bench's loop over the app's own KMSClient (reached through the app's
 * test hooks, which only exist when an init script turned them on) and makes one symmetric key.
 */
async function setUp(page: Page): Promise<{ hostMode: string | null }> {
  return page.evaluate(async () => {
    type Hooks = {
      kms(): Promise<{ send(c: unknown): Promise<Record<string, unknown>>; config: { requestHandler: unknown } }>;
      kmsModule(): Promise<Record<string, new (input: unknown) => unknown>>;
      sandbox(): Promise<{ hostMode?(): string } | undefined>;
    };
    const w = globalThis as unknown as { __kmsLab?: Hooks; __kmsBench?: unknown; __kmsBenchState?: { calls: number } };
    for (let i = 0; i < 200 && !w.__kmsLab; i++) await new Promise((r) => setTimeout(r, 50));
    const lab = w.__kmsLab;
    if (!lab) throw new Error('the app exposed no test hooks (globalThis.__kmsLab)');
    const [kms, m, sb] = await Promise.all([lab.kms(), lab.kmsModule(), lab.sandbox()]);
    const state = { calls: 0 };
    w.__kmsBenchState = state;
    const created = await kms.send(new m.CreateKeyCommand!({ Description: 'bench' }));
    state.calls++;
    const keyId = (created.KeyMetadata as { KeyId: string }).KeyId;
    const plaintext = crypto.getRandomValues(new Uint8Array(1024));
    const sandboxHandler = kms.config.requestHandler;
    // The browser's ceiling: the same client, signing and parsing, with a handler that answers at once.
    const enc = new TextEncoder();
    const fakeBlob = btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(1100))));
    const fakePlain = btoa(String.fromCharCode(...plaintext));
    const noopHandler = {
      async handle(req: { headers: Record<string, string> }) {
        const target = req.headers['x-amz-target'] ?? '';
        const body = target.endsWith('.Encrypt')
          ? { CiphertextBlob: fakeBlob, KeyId: keyId, EncryptionAlgorithm: 'SYMMETRIC_DEFAULT' }
          : { Plaintext: fakePlain, KeyId: keyId, EncryptionAlgorithm: 'SYMMETRIC_DEFAULT' };
        return {
          response: {
            statusCode: 200,
            reason: 'OK',
            headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': '00000000-0000-4000-8000-000000000000' },
            body: enc.encode(JSON.stringify(body)),
          },
        };
      },
      updateHttpClientConfig() {},
      httpHandlerConfigs: () => ({}),
      destroy() {},
    };
    const pair = async () => {
      const e = await kms.send(new m.EncryptCommand!({ KeyId: keyId, Plaintext: plaintext }));
      const d = await kms.send(new m.DecryptCommand!({ CiphertextBlob: e.CiphertextBlob }));
      state.calls += 2;
      return d;
    };
    // One checked round trip before any timing.
    const check = (await pair()).Plaintext as Uint8Array;
    if (check.length !== plaintext.length || check.some((b, i) => b !== plaintext[i])) throw new Error('Decrypt did not return the plaintext');
    w.__kmsBench = {
      async round(mode: 'sandbox' | 'noop', ms: number, minPairs: number) {
        kms.config.requestHandler = mode === 'noop' ? noopHandler : sandboxHandler;
        const before = state.calls;
        try {
          const t0 = performance.now();
          let n = 0;
          let elapsed = 0;
          do {
            await pair();
            n++;
            elapsed = performance.now() - t0;
          } while (elapsed < ms || n < minPairs);
          return { pairs: n, ms: elapsed };
        } finally {
          kms.config.requestHandler = sandboxHandler;
          if (mode === 'noop') state.calls = before; // the no-op handler records nothing
        }
      },
    };
    return { hostMode: sb?.hostMode?.() ?? null };
  });
}

async function round(page: Page, mode: 'sandbox' | 'noop', ms: number, minPairs = 1): Promise<number> {
  const r = await page.evaluate(
    ([mode, ms, minPairs]) =>
      (globalThis as unknown as { __kmsBench: { round(m: string, ms: number, n: number): Promise<{ pairs: number; ms: number }> } }).__kmsBench.round(
        mode as string,
        ms as number,
        minPairs as number,
      ),
    [mode, ms, minPairs] as const,
  );
  return (r.pairs * 1000) / r.ms;
}

const calls = (page: Page) => page.evaluate(() => (globalThis as unknown as BenchWindow).__kmsBenchState?.calls ?? 0);

async function main(): Promise<void> {
  installCleanup();
  const notes: string[] = [];
  let fresh: number[] | null = null;
  let trail: number[] | null = null;
  let noop: number[] | null = null;
  let hostMode: string | null = null;
  let callsBeforeTrail: number | null = null;
  let browser: Browser | null = null;
  try {
    log('vite build');
    const outDir = await buildApp({ prefix: 'kms-lab-bench-browser-' });
    const preview = await previewApp(outDir);
    const base = preview.base;
    browser = await launchChromium();
    // The app's test hooks (off in production) and the sandbox's administrator (test/test).
    const ctx = await labContext(browser);
    const page = await ctx.newPage();
    page.on('pageerror', (e) => notes.push(`page error: ${e.message}`));
    await page.goto(`${base}#/`, { waitUntil: 'load' });
    ({ hostMode } = await setUp(page));
    log(`engine host: ${hostMode}`);

    // Warm-up of both paths, then rounds interleaved (sandbox, no-op, ...) so load changes fall on both.
    await round(page, 'sandbox', WARMUP_MS, 20);
    await round(page, 'noop', WARMUP_MS, 20);
    fresh = [];
    noop = [];
    for (let r = 0; r < ROUNDS; r++) {
      fresh.push(await round(page, 'sandbox', ROUND_MS));
      noop.push(await round(page, 'noop', ROUND_MS));
    }
    log(`fresh: ${fresh.map(round1).join(', ')} pairs/s; no-op: ${noop.map(round1).join(', ')}`);
    // Fill the trail to 2,000 recorded calls, then the same rounds again.
    const have = await calls(page);
    if (have < TRAIL_CALLS) await round(page, 'sandbox', 0, Math.ceil((TRAIL_CALLS - have) / 2));
    callsBeforeTrail = await calls(page);
    log(`${callsBeforeTrail} calls recorded; trail rounds`);
    trail = [];
    for (let r = 0; r < ROUNDS; r++) {
      trail.push(await round(page, 'sandbox', ROUND_MS));
      noop.push(await round(page, 'noop', ROUND_MS));
    }
    log(`trail 2000: ${trail.map(round1).join(', ')} pairs/s`);
    await ctx.close();
    await preview.stop();
  } catch (e) {
    notes.push(errorText(e));
  } finally {
    await browser?.close().catch(() => undefined);
    await stopAll();
  }
  const f = fresh?.length ? median(fresh) : null;
  const t = trail?.length ? median(trail) : null;
  const n = noop?.length ? median(noop) : null;
  const out = {
    group: 'browser-sandbox',
    issue: 6,
    browser_pairs_per_s_fresh: f === null ? null : round1(f),
    browser_pairs_per_s_trail_2000: t === null ? null : round1(t),
    browser_sdk_noop_pairs_per_s: n === null ? null : round1(n),
    browser_trail_2000_vs_fresh: f && t !== null ? round3(t / f) : null,
    browser_fresh_vs_sdk_noop: f !== null && n ? round3(f / n) : null,
    units: { '*_pairs_per_s': 'Encrypt+Decrypt pairs per second (median round)', '*_vs_*': 'ratio of the medians' },
    method:
      `vite build (private temp outDir) + vite preview on 127.0.0.1; headless Chromium ${CHROMIUM} (${CHROMIUM_ARGS.join(' ')}). ` +
      `One page of the built app with its test hooks on (an init script; off in production) and the sandbox's ` +
      `administrator identity. In the page, the app's own KMSClient (client supplier, inspector attached) sends ` +
      `EncryptCommand (1 KiB random plaintext, one symmetric key made with CreateKey) then DecryptCommand, one after ` +
      `the other, to the app's sandbox (engine in a ${hostMode ?? '?'}, IndexedDB store). A warm-up of ${WARMUP_MS} ms ` +
      `per path, then ${ROUNDS} rounds of ~${ROUND_MS} ms of the sandbox interleaved with ${ROUNDS} of the no-op ` +
      `(the same client with its requestHandler swapped for one that answers a canned Encrypt/Decrypt at once). ` +
      `Then pairs until ${TRAIL_CALLS} calls were recorded in the trail, and ${ROUNDS} more rounds of each: trail_2000.`,
    rounds: { fresh: fresh?.map(round1) ?? null, trail_2000: trail?.map(round1) ?? null, sdk_noop: noop?.map(round1) ?? null },
    calls_recorded_before_trail_rounds: callsBeforeTrail,
    engine_host: hostMode,
    targets: { browser_trail_2000_vs_fresh: '>= 0.8', browser_fresh_vs_sdk_noop: '>= 0.2' },
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
