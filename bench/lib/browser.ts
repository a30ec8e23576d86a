/**
 * The built app in headless Chromium, for the browser bench groups (app-load, browser-sandbox,
 * lighthouse, envelope): a private `vite build`, `vite preview` on loopback, and Debian's Chromium
 * with the project's flags. Processes are started through procs.ts, so stopAll() stops them.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext } from '@playwright/test';
import { CHROMIUM_ARGS } from '../../e2e/helpers/chromium-args';
import { freePort, start, waitForHttp } from './procs';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const CHROMIUM = process.env.BENCH_CHROMIUM ?? '/usr/bin/chromium';
/** The flags every browser run of this project uses, tests and benches alike (e2e/helpers/chromium-args.ts says why each). */
export { CHROMIUM_ARGS };

function vite(root: string): string {
  return join(root, 'node_modules/vite/bin/vite.js');
}

/** Runs a command to its end; rejects with its last output if it fails. */
export function run(cmd: string, args: string[], cwd = ROOT): Promise<void> {
  const p = start(cmd, args, { cwd, env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' } });
  return new Promise((res, rej) => {
    p.child.once('exit', (code) => (code === 0 ? res() : rej(new Error(`${args.slice(0, 2).join(' ')} exited ${code}:\n${p.tail()}`))));
  });
}

/** `vite build` into a private temporary directory (removed at exit), so a bench never races other users of dist/. */
export async function buildApp(opts: { root?: string; prefix: string; manifest?: boolean }): Promise<string> {
  const root = opts.root ?? ROOT;
  const outDir = mkdtempSync(join(tmpdir(), opts.prefix));
  // Also on Ctrl-C, where installCleanup exits without running the callers' finally blocks.
  process.once('exit', () => rmSync(outDir, { recursive: true, force: true }));
  await run(process.execPath, [vite(root), 'build', '--outDir', outDir, '--emptyOutDir', ...(opts.manifest ? ['--manifest'] : []), '--logLevel', 'warn'], root);
  return outDir;
}

/** `vite preview` of a built directory on 127.0.0.1 and a free port; resolves once it answers. */
export async function previewApp(outDir: string, root = ROOT): Promise<{ base: string; stop(): Promise<void> }> {
  const port = await freePort();
  const preview = start(process.execPath, [vite(root), 'preview', '--host', '127.0.0.1', '--port', String(port), '--strictPort', '--outDir', outDir], {
    cwd: root,
    env: { ...process.env },
  });
  const base = `http://127.0.0.1:${port}/`;
  await waitForHttp(preview, base, 30_000);
  return { base, stop: () => preview.stop() };
}

/** Debian's Chromium, headless, through Playwright (never a downloaded browser). */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} not found (Debian's chromium package; npm run bench installs it when run as root)`);
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}

/**
 * Debian's Chromium with an on-disk profile in a fresh temporary folder (removed at exit), as a
 * learner's browser has. Playwright's ordinary contexts are off the record: Chromium keeps their
 * IndexedDB in the browser process's memory, so a bench that stores a 1 GiB object there measures the
 * object itself as resident memory. The context has the same test hooks and identity as labContext.
 */
export async function launchLabProfile(prefix: string): Promise<BrowserContext> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} not found (Debian's chromium package; npm run bench installs it when run as root)`);
  const dir = mkdtempSync(join(tmpdir(), prefix));
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  const ctx = await chromium.launchPersistentContext(dir, { executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  await labHooks(ctx);
  return ctx;
}

async function labHooks(ctx: BrowserContext): Promise<void> {
  // tsx (esbuild with keepNames) wraps the functions passed to page.evaluate in __name(); give the page one.
  await ctx.addInitScript('globalThis.__name = globalThis.__name || ((f) => f);');
  await ctx.addInitScript(() => {
    (globalThis as { __KMS_LAB_TEST_HOOKS__?: boolean }).__KMS_LAB_TEST_HOOKS__ = true;
    localStorage.setItem('kms-lab:connection', JSON.stringify({ backend: 'sandbox', region: 'us-east-1', identity: 'admin' }));
  });
}

/**
 * A context of the built app with its test hooks on (an init script; off in production) and the
 * sandbox's administrator identity, set as a returning learner's saved choice would be.
 */
export async function labContext(browser: Browser): Promise<BrowserContext> {
  const ctx = await browser.newContext();
  await labHooks(ctx);
  return ctx;
}
