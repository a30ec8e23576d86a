import { defineConfig } from '@playwright/test';
import type { HostOptions } from './e2e/fixtures';
import { freePort } from './e2e/helpers/free-port';
import { CHROMIUM_ARGS } from './e2e/helpers/chromium-args';
import { tmpdir } from 'node:os';
import { join } from 'node:path';


// Chosen once in the runner process; workers re-read this file and inherit the environment.
process.env.LAB_E2E_PORT ??= String(await freePort());
const port = Number(process.env.LAB_E2E_PORT);
const baseURL = `http://127.0.0.1:${port}`;
// Each run builds into its own directory, so two runs at once never serve each other's files.
const outDir = process.env.LAB_E2E_DIST ?? join(tmpdir(), `kms-lab-e2e-${port}`);
const vite = join('node_modules', '.bin', 'vite');

export default defineConfig<HostOptions>({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  fullyParallel: false,
  workers: 2,
  retries: 0,
  // Generous: every call now goes through the engine's worker and an IndexedDB commit, and these
  // 2-core machines are shared. Timing is never asserted; these only bound a hung test.
  timeout: 120_000,
  expect: { timeout: 20_000 },
  reporter: process.env.CI ? 'line' : [['list']],
  use: {
    baseURL,
    // A trace records every action's DOM snapshot and screenshots for every test, failed or not: it
    // cost about a third of the suite's CPU (keys + encryption-context specs: 60 -> 43 CPU-seconds).
    // LAB_E2E_TRACE=1 turns it back on when a failure needs one.
    trace: process.env.LAB_E2E_TRACE ? 'retain-on-failure' : 'off',
    // The offline service worker precaches every built file in each new context (about 1 s of CPU a
    // test on these machines); only the offline spec, which tests it, lets it register.
    serviceWorkers: 'block',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      // The machine's flags, and the browser UI no test uses turned off (e2e/helpers/chromium-args.ts).
      args: CHROMIUM_ARGS,
    },
  },
  // Twice: the whole suite with the SharedWorker every tab talks to, then again with SharedWorker
  // hidden, where a leader tab runs the engine in a dedicated Worker and other tabs forward to it
  // (src/sandbox/host/connect.ts), so the leader-tab path is tested as much as the SharedWorker path.
  // Left out of the second pass: the specs on an endpoint backend (moto, the aws code path), which
  // never reach the engine's host; the accessibility scans, which read the same rendered page
  // whichever host runs the engine (the tests that only scan, and the scans inside other flows:
  // e2e/fixtures.ts); and the 100 MB round trip (minutes), whose cancel test covers this host's path.
  projects: [
    { name: 'shared-worker' },
    {
      name: 'leader-tab',
      use: { hideSharedWorker: true },
      testIgnore: ['**/moto.spec.ts', '**/aws-pool.spec.ts'],
      grepInvert: /accessibility violation|axe finds|a 100 MB file/,
    },
  ],
  webServer: {
    command: process.env.LAB_E2E_SKIP_BUILD
      ? `${vite} preview --host 127.0.0.1 --port ${port} --strictPort --outDir ${outDir}`
      : `${vite} build --outDir ${outDir} --emptyOutDir --logLevel warn && ${vite} preview --host 127.0.0.1 --port ${port} --strictPort --outDir ${outDir}`,
    url: baseURL,
    reuseExistingServer: false,
    timeout: 180_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
