/**
 * Issue 11's bench group `lighthouse`: Lighthouse 12.2.3 (pinned: later versions need Node 22),
 * desktop preset, on the built app's start page and Keys lab, in Debian's headless Chromium against
 * `vite preview`. Performance is a timing, so it is reported here, never asserted in tests; the
 * targets are performance >= 95, accessibility 100, best practices 100. Prints ONE JSON line.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import desktopConfig from 'lighthouse/core/config/desktop-config.js';
import { errorText, freePort, installCleanup, start, stopAll, waitForHttp } from './lib/procs';
import { median } from './lib/stats';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const VITE = join(ROOT, 'node_modules/vite/bin/vite.js');
const CHROMIUM = process.env.BENCH_CHROMIUM ?? '/usr/bin/chromium';
const FLAGS = ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const log = (m: string) => process.stderr.write(`[bench:lighthouse] ${m}\n`);
/** Lighthouse is noisy on a loaded machine: each page is audited RUNS times and the figures are medians. */
const RUNS = Math.max(1, Number(process.env.BENCH_LH_RUNS ?? 3));
/** A build to audit instead of building one (to compare builds without rebuilding); left in place. */
const DIST = process.env.BENCH_LH_DIST;

function run(args: string[]): Promise<void> {
  const p = start(process.execPath, args, { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' } });
  return new Promise((res, rej) => p.child.once('exit', (code) => (code === 0 ? res() : rej(new Error(`${args.join(' ')} exited ${code}:\n${p.tail()}`)))));
}

interface Scores {
  performance: number | null;
  accessibility: number | null;
  best_practices: number | null;
  failing: string[];
  /** The performance metrics behind the score (ms; CLS unitless), to see what a low score is made of. */
  metrics: Record<string, number | null>;
  /** Lighthouse's own diagnostics, on stderr: the scripts that ran longest, the long tasks, what shifted. */
  diagnostics: Record<string, unknown>;
}

interface DetailsTable {
  items?: Record<string, unknown>[];
}

/** The first rows of an audit's details table, with only the named columns. */
function rows(audit: { details?: unknown } | undefined, columns: string[], n = 6): Record<string, unknown>[] {
  const items = (audit?.details as DetailsTable | undefined)?.items ?? [];
  return items.slice(0, n).map((it) =>
    Object.fromEntries(
      columns.map((c) => {
        const v = it[c];
        const text = typeof v === 'object' && v !== null ? ((v as { snippet?: string; selector?: string }).selector ?? (v as { snippet?: string }).snippet ?? JSON.stringify(v)) : v;
        return [c, typeof text === 'number' ? Math.round(text * 1000) / 1000 : typeof text === 'string' ? text.replace(/^https?:\/\/[^/]+\//, '') : text];
      }),
    ),
  );
}

const METRICS = {
  fcp_ms: 'first-contentful-paint',
  lcp_ms: 'largest-contentful-paint',
  tbt_ms: 'total-blocking-time',
  si_ms: 'speed-index',
  cls: 'cumulative-layout-shift',
} as const;

interface TraceEvent {
  name: string;
  ph?: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  /** Thread (CPU) time: what the task itself cost, without the time the thread waited for a core. */
  tdur?: number;
  args?: { data?: { documentLoaderURL?: string } };
}

/**
 * The page's main-thread work measured in CPU time, from Lighthouse's own trace. On a loaded machine a
 * task's wall time (what TBT adds up) is mostly time spent waiting for a core: a 10 ms task can take
 * 250 ms. CPU time says what the page itself costs, which is what a change to the app can move.
 */
function cpuFigures(events: TraceEvent[] | undefined, url: string): Record<string, number | null> {
  const none = { main_thread_cpu_ms: null, cpu_tbt_ms: null, longest_task_cpu_ms: null, wall_per_cpu: null };
  if (!events?.length) return none;
  const host = new URL(url).host;
  const nav = events.find((e) => e.name === 'navigationStart' && (e.args?.data?.documentLoaderURL ?? '').includes(host));
  if (!nav) return none;
  const fcp = events.find((e) => e.name === 'firstContentfulPaint' && e.pid === nav.pid && e.ts >= nav.ts)?.ts ?? nav.ts;
  const tasks = events.filter((e) => e.name === 'RunTask' && e.ph === 'X' && e.pid === nav.pid && e.tid === nav.tid && e.ts >= nav.ts && e.tdur !== undefined);
  let cpu = 0;
  let wall = 0;
  let tbt = 0;
  let longest = 0;
  for (const t of tasks) {
    const c = (t.tdur ?? 0) / 1000;
    cpu += c;
    wall += (t.dur ?? 0) / 1000;
    longest = Math.max(longest, c);
    if (t.ts >= fcp) tbt += Math.max(0, c - 50);
  }
  return { main_thread_cpu_ms: Math.round(cpu), cpu_tbt_ms: Math.round(tbt), longest_task_cpu_ms: Math.round(longest), wall_per_cpu: cpu ? Math.round((wall / cpu) * 10) / 10 : null };
}

async function audit(url: string, port: number): Promise<Scores> {
  const result = await lighthouse(url, { port, output: 'json', logLevel: 'error', onlyCategories: ['performance', 'accessibility', 'best-practices'] }, desktopConfig);
  if (!result) throw new Error(`no Lighthouse result for ${url}`);
  const { categories, audits } = result.lhr;
  const pct = (id: string) => (categories[id]?.score == null ? null : Math.round((categories[id]!.score ?? 0) * 100));
  const failing = ['accessibility', 'best-practices'].flatMap((c) =>
    (categories[c]?.auditRefs ?? []).filter((r) => r.weight > 0 && audits[r.id]?.score !== null && (audits[r.id]?.score ?? 1) < 1).map((r) => `${c}:${r.id}`),
  );
  const metrics = Object.fromEntries(
    Object.entries(METRICS).map(([name, id]) => {
      const v = audits[id]?.numericValue;
      return [name, v === undefined ? null : name === 'cls' ? Math.round(v * 1000) / 1000 : Math.round(v)];
    }),
  );
  const diagnostics = {
    bootup: rows(audits['bootup-time'], ['url', 'total', 'scripting', 'scriptParseCompile']),
    long_tasks: rows(audits['long-tasks'], ['url', 'startTime', 'duration'], 10),
    main_thread: rows(audits['mainthread-work-breakdown'], ['groupLabel', 'duration']),
    layout_shifts: rows(audits['layout-shifts'], ['node', 'score']),
  };
  const trace = (result.artifacts as { Trace?: { traceEvents?: TraceEvent[] } } | undefined)?.Trace?.traceEvents;
  Object.assign(metrics, cpuFigures(trace, url));
  return { performance: pct('performance'), accessibility: pct('accessibility'), best_practices: pct('best-practices'), failing, metrics, diagnostics };
}

installCleanup();
const loadBefore = Math.round((loadavg()[0] ?? 0) * 10) / 10;
const outDir = DIST ?? mkdtempSync(join(tmpdir(), 'kms-lab-lh-'));
const figures: Record<string, unknown> = { group: 'lighthouse', issue: 11, lighthouse_version: '12.2.3', preset: 'desktop', runs: RUNS };
const notes: string[] = [];
let chrome: chromeLauncher.LaunchedChrome | undefined;
try {
  if (!DIST) {
    log('vite build');
    await run([VITE, 'build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn']);
  }
  const port = await freePort();
  const preview = start(process.execPath, [VITE, 'preview', '--host', '127.0.0.1', '--port', String(port), '--strictPort', '--outDir', outDir], { cwd: ROOT, env: { ...process.env } });
  const base = `http://127.0.0.1:${port}/`;
  await waitForHttp(preview, base, 30_000);
  chrome = await chromeLauncher.launch({ chromePath: CHROMIUM, chromeFlags: FLAGS });
  const pages = [
    ['start', `${base}#/`],
    ['keys', `${base}#/labs/keys`],
  ] as const;
  const results = new Map<string, Scores[]>(pages.map(([name]) => [name, []]));
  // Pages alternate (start, keys, start, keys…) so a burst of load on the machine spreads over both.
  for (let i = 0; i < RUNS; i++) {
    for (const [name, url] of pages) {
      try {
        const s = await audit(url, chrome.port);
        const { diagnostics, ...scores } = s;
        log(`${name} #${i + 1} (load ${loadavg()[0]?.toFixed(1)}): ${JSON.stringify(scores)}`);
        log(`${name} #${i + 1} diagnostics: ${JSON.stringify(diagnostics)}`);
        results.get(name)!.push(s);
      } catch (e) {
        notes.push(`${name} #${i + 1}: ${errorText(e)}`);
      }
    }
  }
  const mid = (values: (number | null)[]): number | null => {
    const v = values.filter((x): x is number => x !== null);
    return v.length ? median(v) : null;
  };
  for (const [name, list] of results) {
    if (!list.length) continue;
    figures[`${name}_performance`] = mid(list.map((s) => s.performance));
    figures[`${name}_performance_runs`] = list.map((s) => s.performance);
    figures[`${name}_accessibility`] = mid(list.map((s) => s.accessibility));
    figures[`${name}_best_practices`] = mid(list.map((s) => s.best_practices));
    for (const metric of Object.keys(list[0]!.metrics)) figures[`${name}_${metric}`] = mid(list.map((s) => s.metrics[metric] ?? null));
    const failing = [...new Set(list.flatMap((s) => s.failing))];
    if (failing.length) notes.push(`${name} failing audits: ${failing.join(', ')}`);
  }
} catch (e) {
  notes.push(errorText(e));
} finally {
  if (chrome) await chrome.kill();
  await stopAll();
  if (!DIST) rmSync(outDir, { recursive: true, force: true });
}
figures.load_avg_1m_before = loadBefore;
figures.load_avg_1m = Math.round((loadavg()[0] ?? 0) * 10) / 10;
figures.measured_at = new Date().toISOString();
if (notes.length) figures.note = notes.join('; ');
process.stdout.write(`${JSON.stringify(figures)}\n`);
