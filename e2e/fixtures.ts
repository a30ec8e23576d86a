/**
 * Shared Playwright fixtures. Every test using `test` from here fails on any console error or page
 * error, and — on the sandbox backend (the default) — on any request that leaves the page's origin.
 */
import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { freePort } from './helpers/free-port';

export interface GuardOptions {
  /** 'sandbox': no request may leave the page's origin. 'endpoint': requests to allowedOrigins are fine too. */
  backendMode: 'sandbox' | 'endpoint';
  /** Extra origins allowed in endpoint mode (the moto server's, say). */
  allowedOrigins: string[];
  /** Console errors a test provokes on purpose (Chromium logs every 4xx fetch in endpoint mode). */
  allowedConsoleErrors: RegExp[];
}

export interface MotoServer {
  url: string;
}

export interface HostOptions {
  /**
   * Hide SharedWorker before any page script runs, so the app elects a leader tab with
   * navigator.locks instead (the `leader-tab` project runs the whole suite so).
   */
  hideSharedWorker: boolean;
  /** Turn on the app's test hooks (globalThis.__kmsLab, store fault injection); off in production. */
  testHooks: boolean;
}

interface Fixtures extends GuardOptions, HostOptions {
  guard: { consoleErrors: string[]; foreignRequests: string[] };
}


async function waitForHttp(url: string, timeoutMs: number, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`moto exited early with code ${child.exitCode}`);
    try {
      const res = await fetch(url);
      if (res.status < 500) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`moto did not answer at ${url} within ${timeoutMs} ms`);
}

/** Starts moto's server on a free loopback port (python3 -m moto.server) and stops it afterwards. */
export async function startMoto(): Promise<MotoServer & { stop(): Promise<void> }> {
  const port = await freePort();
  const child = spawn('python3', ['-m', 'moto.server', '-H', '127.0.0.1', '-p', String(port)], { stdio: 'ignore' });
  const url = `http://127.0.0.1:${port}`;
  await waitForHttp(`${url}/moto-api/`, 30_000, child);
  return {
    url,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

export const test = base.extend<Fixtures & { moto: MotoServer }, { motoServer: MotoServer }>({
  backendMode: ['sandbox', { option: true }],
  allowedOrigins: [[], { option: true }],
  allowedConsoleErrors: [[], { option: true }],
  hideSharedWorker: [false, { option: true }],
  testHooks: [false, { option: true }],
  // Every page of the test's context (a second tab too) gets the same init scripts.
  context: async ({ context, hideSharedWorker, testHooks }, use) => {
    if (hideSharedWorker) {
      await context.addInitScript(() => {
        delete (globalThis as { SharedWorker?: unknown }).SharedWorker;
      });
    }
    if (testHooks) {
      await context.addInitScript(() => {
        (globalThis as { __KMS_LAB_TEST_HOOKS__?: boolean }).__KMS_LAB_TEST_HOOKS__ = true;
      });
    }
    await use(context);
  },
  // One moto server per worker (starting it takes seconds), emptied before each test that uses it:
  // the specs of a worker run in an order that changes with the machine, and a key another spec
  // left behind would change what a lab offers (its practice keys, say).
  motoServer: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, provide) => {
      const server = await startMoto();
      try {
        await provide({ url: server.url });
      } finally {
        await server.stop();
      }
    },
    { scope: 'worker' },
  ],
  moto: async ({ motoServer }, provide) => {
    const res = await fetch(`${motoServer.url}/moto-api/reset`, { method: 'POST' });
    if (!res.ok) throw new Error(`moto's reset answered HTTP ${res.status}`);
    await provide(motoServer);
  },
  guard: [
    async ({ page, baseURL, backendMode, allowedOrigins, allowedConsoleErrors }, use) => {
      const consoleErrors: string[] = [];
      const foreignRequests: string[] = [];
      const own = new URL(baseURL ?? 'http://127.0.0.1').origin;
      page.on('console', (msg) => {
        if (msg.type() !== 'error') return;
        const text = msg.text();
        if (!allowedConsoleErrors.some((re) => re.test(text))) consoleErrors.push(text);
      });
      page.on('pageerror', (err) => consoleErrors.push(`pageerror: ${err.name}: ${err.message}`));
      page.on('request', (req) => {
        const url = req.url();
        if (/^(data|blob|about|chrome|devtools):/.test(url)) return;
        const origin = new URL(url).origin;
        if (origin === own) return;
        if (backendMode === 'endpoint' && allowedOrigins.includes(origin)) return;
        foreignRequests.push(`${req.method()} ${url}`);
      });
      const state = { consoleErrors, foreignRequests };
      await use(state);
      expect(consoleErrors, 'console errors on the page').toEqual([]);
      expect(foreignRequests, `requests outside ${own}`).toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

/** axe finds no serious or critical violation on the page as it is now. */
export async function expectNoSeriousA11yViolations(page: Page, label = 'page'): Promise<void> {
  // The leader-tab pass runs the same pages with the engine in another host; what axe reads does not
  // depend on it, so that pass leaves the scans to the first (playwright.config.ts), as it leaves out
  // the tests that only scan. Several flows scan in their middle: there the scan alone is skipped.
  if ((test.info().project.use as Partial<HostOptions>).hideSharedWorker) return;
  // Only violations are read: axe then details one node of each other result type (passes,
  // incomplete, inapplicable) instead of every node, which was most of a scan's time and payload.
  const results = await new AxeBuilder({ page }).options({ resultTypes: ['violations'] }).analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const summary = bad.map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 5).join(' | ')})`);
  expect(summary, `serious or critical accessibility violations on ${label}`).toEqual([]);
}

/**
 * axe in both themes on the page as it is now: scans, switches the theme with the header's toggle (as a
 * learner would, so the state on the page is kept), and scans again. One run of a flow then covers
 * both themes, instead of the whole flow run once per theme.
 */
export async function expectNoSeriousA11yViolationsInBothThemes(page: Page, label: string): Promise<void> {
  const html = page.locator('html');
  const dark = await html.evaluate((el) => el.classList.contains('dark'));
  await expectNoSeriousA11yViolations(page, `${label} (${dark ? 'dark' : 'light'})`);
  await page.getByRole('button', { name: 'Dark theme' }).click();
  if (dark) await expect(html).not.toHaveClass(/(^|\s)dark(\s|$)/);
  else await expect(html).toHaveClass(/(^|\s)dark(\s|$)/);
  await expectNoSeriousA11yViolations(page, `${label} (${dark ? 'light' : 'dark'})`);
}

/** Opens pages in the given theme (set before any script runs, as a returning learner's choice would be). */
export async function useTheme(page: Page, theme: 'light' | 'dark'): Promise<void> {
  await page.addInitScript((t) => {
    try {
      localStorage.setItem('kms-lab:theme', t);
    } catch {
      /* no storage on about:blank */
    }
  }, theme);
}
