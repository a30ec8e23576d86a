/**
 * Issue 3's bench group: the built app's entry JS size (gzip level 6) and two cold-load timings in
 * headless Chromium against `vite preview` — first-contentful-paint of the start page, and the Keys
 * panel having answered its first ListKeys on the in-page sandbox. Prints ONE JSON line on stdout.
 */
import { existsSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { Browser } from '@playwright/test';
import { buildApp, CHROMIUM, CHROMIUM_ARGS, launchChromium, previewApp } from './lib/browser';
import { errorText, installCleanup, stopAll } from './lib/procs';
import { machineInfo, median, round1 } from './lib/stats';

// BENCH_APP_ROOT only lets the bench itself be tried on a scratch app.
const ROOT = process.env.BENCH_APP_ROOT ?? fileURLToPath(new URL('..', import.meta.url));
const RUNS = Number(process.env.BENCH_LOAD_RUNS ?? 7);
/** Signals that the Keys panel has answered its first ListKeys (any one of them counts). */
const READY_MARKS = ['kms-lab:first-listkeys', 'keys-first-listkeys'];
const READY_SELECTOR = '[data-testid="key-list"][data-ready="true"], [data-keys-ready="true"], [data-first-listkeys="true"]';

/** Other work on the shared machine skews every figure; the load average says how much there was. */
const LOAD_AT_START = Math.round((loadavg()[0] ?? 0) * 10) / 10;

function log(msg: string): void {
  process.stderr.write(`[bench:app] ${msg}\n`);
}

// ---- entry JS size ----

interface ManifestChunk {
  file: string;
  isEntry?: boolean;
  imports?: string[];
}

interface EntrySize {
  kib: number;
  rawKib: number;
  files: { file: string; gzipBytes: number; rawBytes: number }[];
  cssGzipKib: number;
}

/** Static `import … from "./x.js"` / `import "./x.js"` / `export … from "./x.js"` (never `import(`). */
const STATIC_IMPORT = /\b(?:import|export)\s*(?:[\w$*{}\s,]*?\bfrom\s*)?["'](\.{1,2}\/[^"']+?\.js)["']/g;

function entrySize(outDir: string): EntrySize {
  const html = readFileSync(join(outDir, 'index.html'), 'utf8');
  const attr = (tag: string, name: string): string | undefined => tag.match(new RegExp(`\\b${name}\\s*=\\s*["']([^"']+)["']`))?.[1];
  const toFile = (href: string): string => resolve(outDir, href.replace(/^\/+/, ''));
  const js = new Set<string>();
  const css = new Set<string>();
  for (const tag of html.match(/<script\b[^>]*>/g) ?? []) {
    const src = attr(tag, 'src');
    if (src && /type\s*=\s*["']module["']/.test(tag)) js.add(toFile(src));
  }
  for (const tag of html.match(/<link\b[^>]*>/g) ?? []) {
    const rel = attr(tag, 'rel');
    const href = attr(tag, 'href');
    if (!href) continue;
    if (rel === 'modulepreload') js.add(toFile(href));
    if (rel === 'stylesheet') css.add(toFile(href));
  }
  if (js.size === 0) throw new Error('no module script in index.html');
  // Follow static imports: from Vite's manifest when present, else from the chunk text.
  const manifestPath = join(outDir, '.vite/manifest.json');
  const manifest = existsSync(manifestPath) ? (JSON.parse(readFileSync(manifestPath, 'utf8')) as Record<string, ManifestChunk>) : null;
  const byFile = new Map<string, ManifestChunk>();
  if (manifest) for (const c of Object.values(manifest)) byFile.set(resolve(outDir, c.file), c);
  const queue = [...js];
  while (queue.length) {
    const file = queue.shift()!;
    const next: string[] = [];
    const chunk = byFile.get(file);
    if (chunk) {
      for (const key of chunk.imports ?? []) {
        const dep = manifest?.[key];
        if (dep) next.push(resolve(outDir, dep.file));
      }
    } else if (existsSync(file)) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(STATIC_IMPORT)) next.push(resolve(dirname(file), m[1]!));
    }
    for (const n of next) {
      if (!js.has(n)) {
        js.add(n);
        queue.push(n);
      }
    }
  }
  const files = [...js].map((f) => {
    const bytes = readFileSync(f);
    return { file: relative(outDir, f), rawBytes: bytes.length, gzipBytes: gzipSync(bytes, { level: 6 }).length };
  });
  const cssGzip = [...css].reduce((n, f) => n + gzipSync(readFileSync(f), { level: 6 }).length, 0);
  return {
    kib: round1(files.reduce((n, f) => n + f.gzipBytes, 0) / 1024),
    rawKib: round1(files.reduce((n, f) => n + f.rawBytes, 0) / 1024),
    files,
    cssGzipKib: round1(cssGzip / 1024),
  };
}

// ---- cold loads ----

/** Installed before any page script: records when a ready element first appears. */
function readyObserverScript(selector: string): string {
  return `(() => {
    const state = { domReadyAt: null };
    Object.defineProperty(window, '__kmsBench', { value: state });
    const hit = () => {
      if (state.domReadyAt === null && document.querySelector(${JSON.stringify(selector)})) {
        state.domReadyAt = performance.now();
        obs.disconnect();
      }
    };
    const obs = new MutationObserver(hit);
    obs.observe(document, { subtree: true, childList: true, attributes: true });
  })();`;
}

async function coldShell(browser: Browser, url: string): Promise<number> {
  const ctx = await browser.newContext();
  try {
    const page = await ctx.newPage();
    await page.goto(url, { waitUntil: 'load' });
    const fcp = await page.waitForFunction(
      () => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null,
      undefined,
      { timeout: 20_000 },
    );
    return (await fcp.jsonValue()) as number;
  } finally {
    await ctx.close();
  }
}

interface PanelRun {
  readyMs: number;
  /** DOMContentLoaded of the page, ms from navigation start. */
  dclMs: number;
  /** JS fetched before the ready signal: files and bytes as transferred (encodedBodySize). */
  jsFiles: number;
  jsBytes: number;
}

async function coldPanel(browser: Browser, url: string): Promise<PanelRun> {
  const ctx = await browser.newContext();
  try {
    await ctx.addInitScript(readyObserverScript(READY_SELECTOR));
    const page = await ctx.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(url, { waitUntil: 'commit' });
    const handle = await page
      .waitForFunction(
        (marks: string[]) => {
          const times: number[] = [];
          for (const name of marks) {
            const m = performance.getEntriesByName(name, 'mark')[0];
            if (m) times.push(m.startTime);
          }
          const dom = (window as unknown as { __kmsBench?: { domReadyAt: number | null } }).__kmsBench?.domReadyAt;
          if (typeof dom === 'number') times.push(dom);
          return times.length ? Math.min(...times) : null;
        },
        READY_MARKS,
        { timeout: 20_000, polling: 50 },
      )
      .catch((e: unknown) => {
        throw new Error(`no ready signal within 20 s at ${url}${errors.length ? ` (page errors: ${errors.join('; ')})` : ''}: ${errorText(e)}`);
      });
    const readyMs = (await handle.jsonValue()) as number;
    const extra = await page.evaluate((ready: number) => {
      const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
      const js = (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).filter(
        (r) => /\.m?js(\?|$)/.test(r.name) && r.responseEnd <= ready,
      );
      return { dclMs: nav?.domContentLoadedEventEnd ?? -1, jsFiles: js.length, jsBytes: js.reduce((n, r) => n + r.encodedBodySize, 0) };
    }, readyMs);
    return { readyMs, ...extra };
  } finally {
    await ctx.close();
  }
}

/** Finds the Keys panel's URL from the start page's navigation (hash routes), unless given. */
async function keysUrl(browser: Browser, base: string): Promise<string> {
  if (process.env.BENCH_KEYS_URL) return new URL(process.env.BENCH_KEYS_URL, base).href;
  const ctx = await browser.newContext();
  try {
    const page = await ctx.newPage();
    await page.goto(base, { waitUntil: 'load' });
    await page.waitForSelector('a[href]', { timeout: 15_000 });
    const hrefs = await page.$$eval('a[href]', (as) => as.map((a) => (a as HTMLAnchorElement).href));
    const keys = hrefs.find((h) => /#\/(?:labs?\/)?keys\/?$/.test(h)) ?? hrefs.find((h) => /#\/.*\bkeys\b/.test(h));
    if (!keys) throw new Error(`no link to the Keys panel on the start page (links: ${hrefs.slice(0, 12).join(', ')})`);
    return keys;
  } finally {
    await ctx.close();
  }
}

async function main(): Promise<void> {
  installCleanup();
  const notes: string[] = [];
  let outDir = '';
  let size: EntrySize | null = null;
  let shell: number[] | null = null;
  let panel: PanelRun[] | null = null;
  let panelUrl: string | null = null;
  let buildMs: number | null = null;
  let browser: Browser | null = null;
  try {
    const t0 = performance.now();
    log('vite build --manifest');
    // Into a private temporary directory (removed at exit), so the bench never races other users of dist/.
    outDir = await buildApp({ root: ROOT, prefix: 'kms-lab-bench-dist-', manifest: true });
    buildMs = Math.round(performance.now() - t0);
    try {
      size = entrySize(outDir);
      log(`entry JS ${size.kib} KiB gzip (${size.files.map((f) => `${f.file} ${round1(f.gzipBytes / 1024)}`).join(', ')})`);
    } catch (e) {
      notes.push(`entry_js_gzip_kb: ${errorText(e)}`);
    }

    const preview = await previewApp(outDir, ROOT);
    const base = preview.base;
    log(`vite preview at ${base}`);

    browser = await launchChromium();

    try {
      await coldShell(browser, base); // warm-up
      shell = [];
      for (let i = 0; i < RUNS; i++) shell.push(await coldShell(browser, base));
      log(`app shell FCP runs: ${shell.map(round1).join(', ')} ms`);
    } catch (e) {
      shell = null;
      notes.push(`app_shell_ms: ${errorText(e)}`);
    }

    try {
      panelUrl = await keysUrl(browser, base);
      await coldPanel(browser, panelUrl); // warm-up
      panel = [];
      for (let i = 0; i < RUNS; i++) panel.push(await coldPanel(browser, panelUrl));
      log(`Keys panel first ListKeys runs: ${panel.map((p) => round1(p.readyMs)).join(', ')} ms (${panelUrl})`);
    } catch (e) {
      panel = null;
      notes.push(`first_panel_ready_ms: ${errorText(e)}`);
    }
    await preview.stop();
  } catch (e) {
    notes.push(errorText(e));
  } finally {
    await browser?.close().catch(() => undefined);
    await stopAll();
  }

  const out = {
    group: 'app-load',
    issue: 3,
    app_shell_ms: shell ? round1(median(shell)) : null,
    first_panel_ready_ms: panel ? round1(median(panel.map((p) => p.readyMs))) : null,
    entry_js_gzip_kb: size ? size.kib : null,
    units: { '*_ms': 'milliseconds from navigation start (performance timeline)', entry_js_gzip_kb: 'KiB (1024 bytes) of gzip level 6 output' },
    method:
      `vite build (into a private temp outDir, with --manifest), then vite preview on 127.0.0.1:<free>; headless ` +
      `Chromium ${CHROMIUM} launched once via @playwright/test with ${CHROMIUM_ARGS.join(' ')}. Each load in a new ` +
      `browser context (cold HTTP cache and storage); one warm-up load, then ${RUNS} loads; figures are medians. ` +
      `app_shell_ms: the 'first-contentful-paint' entry of the start page. first_panel_ready_ms: direct navigation to ` +
      `the Keys panel's URL until the first of performance.mark ${READY_MARKS.join(' / ')} or an element matching ` +
      `${READY_SELECTOR} (seen by a MutationObserver installed before page scripts), i.e. its first ListKeys answered ` +
      `by the in-page sandbox. entry_js_gzip_kb: the module script and modulepreload links of dist/index.html plus ` +
      `the static imports of those chunks (Vite manifest), each file gzipped with zlib level 6, summed.`,
    runs_ms: { app_shell: shell?.map(round1) ?? null, first_panel_ready: panel?.map((p) => round1(p.readyMs)) ?? null },
    keys_panel_detail: panel
      ? {
          dom_content_loaded_ms: round1(median(panel.map((p) => p.dclMs))),
          js_files_before_ready: median(panel.map((p) => p.jsFiles)),
          js_transferred_kb_before_ready: round1(median(panel.map((p) => p.jsBytes)) / 1024),
        }
      : null,
    keys_panel_url: panelUrl ? panelUrl.replace(/^http:\/\/127\.0\.0\.1:\d+/, '') : null,
    entry_js_files: size?.files.map((f) => ({ file: f.file, gzip_kib: round1(f.gzipBytes / 1024), raw_kib: round1(f.rawBytes / 1024) })) ?? null,
    entry_js_raw_kb: size?.rawKib ?? null,
    entry_css_gzip_kb: size?.cssGzipKib ?? null,
    build_ms: buildMs,
    targets: { app_shell_ms: '<= 450', first_panel_ready_ms: '<= 1000', entry_js_gzip_kb: '<= 140' },
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
