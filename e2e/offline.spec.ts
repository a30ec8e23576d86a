/**
 * Installable and offline: after a first load the service worker (vite-plugin-pwa, Workbox) holds
 * every built file, and lab-config.json's last copy (src/lib/offline.ts), so a later start with the
 * network cut opens the lab on the sandbox without one failed request, and the lab works.
 */
import { chromium, type BrowserContext, type Page } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from './fixtures';
import { waitForConnection } from './helpers/moto';

// The suite blocks service workers (playwright.config.ts); this spec is about one.
test.use({ serviceWorkers: 'allow' });

/** Everything a page or its workers asked for that did not arrive, and every console error. */
function watch(context: BrowserContext) {
  const failed: string[] = [];
  const errors: string[] = [];
  context.on('requestfailed', (r) => failed.push(`${r.serviceWorker() ? '(service worker) ' : ''}${new URL(r.url()).pathname} ${r.failure()?.errorText ?? ''}`));
  const watchPage = (p: Page) => {
    p.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    p.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  };
  context.pages().forEach(watchPage);
  context.on('page', watchPage);
  return { failed, errors };
}

/**
 * Not a failure of the page: the service worker's own network-first attempt at lab-config.json
 * while offline; the page got the kept copy (it is asserted to have no console error either).
 */
const SW_NETWORK_FIRST = /^\(service worker\) \/lab-config\.json net::ERR_INTERNET_DISCONNECTED$/;

/** The service worker is active and has kept lab-config.json (the one file it does not precache). */
async function waitUntilReadyForOffline(page: Page): Promise<void> {
  await expect(page.locator('link[rel="manifest"]')).toHaveAttribute('href', './manifest.webmanifest');
  await expect
    .poll(() =>
      page.evaluate(async () => {
        const reg = await navigator.serviceWorker.getRegistration();
        if (reg?.active?.state !== 'activated') return 'installing';
        const kept = await (await caches.open('lab-config')).match(new URL('lab-config.json', document.baseURI).href);
        return kept ? 'ready' : 'no lab-config.json kept';
      }),
    )
    .toBe('ready');
}

/** On the Keys lab: creates a key with an alias through the form, as a learner would. */
async function createKey(page: Page, alias: string): Promise<void> {
  await expect(page.getByRole('heading', { level: 1, name: 'Keys' })).toBeVisible();
  await waitForConnection(page);
  const panel = page.getByRole('region', { name: 'Keys lab' });
  await panel.getByLabel('Alias (step 03)').fill(alias);
  await panel.getByRole('button', { name: 'Create key' }).click();
  await expect(panel.getByRole('status').filter({ hasText: `Your KMS key was created with alias alias/${alias}` })).toBeVisible();
}

test('a closed browser started again with the network cut opens the lab on the sandbox and creates a key', async ({ baseURL }, testInfo) => {
  const profile = mkdtempSync(join(tmpdir(), 'kms-lab-offline-'));
  const launch = (offline: boolean) =>
    chromium.launchPersistentContext(profile, { ...testInfo.project.use.launchOptions, baseURL, offline, serviceWorkers: 'allow' });
  try {
    const first = await launch(false);
    try {
      const page = first.pages()[0] ?? (await first.newPage());
      await page.goto('/#/');
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      await waitUntilReadyForOffline(page);
    } finally {
      await first.close();
    }

    // The whole browser is gone (and with it the engine's SharedWorker); it starts again offline.
    const second = await launch(true);
    try {
      const seen = watch(second);
      const page = second.pages()[0] ?? (await second.newPage());
      await page.goto('/#/labs/keys');
      await createKey(page, 'lab-offline-cold');
      expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
      expect(seen.failed.filter((f) => !SW_NETWORK_FIRST.test(f)), 'requests that failed offline').toEqual([]);
      expect(seen.errors, 'console errors offline').toEqual([]);
    } finally {
      await second.close();
    }
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
});

test('a reload with the network cut keeps the lab working, with no failed request', async ({ page, context }) => {
  await page.goto('/#/');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await waitUntilReadyForOffline(page);
  const seen = watch(context);
  await context.setOffline(true);
  try {
    await page.reload();
    await page.getByRole('navigation', { name: 'Labs' }).getByRole('link', { name: 'Keys', exact: true }).click();
    await createKey(page, 'lab-offline-reload');
    // Besides the worker's network-first attempt, one entry is not a failure: with the engine's
    // SharedWorker from before the reload still running, Chromium cancels (ERR_ABORTED, not a network
    // error) the new tab's fetch of the worker script as the tab joins the running worker.
    const joined = /^\/assets\/worker-[\w-]+\.js net::ERR_ABORTED$/;
    expect(seen.failed.filter((f) => !SW_NETWORK_FIRST.test(f) && !joined.test(f)), 'requests that failed offline').toEqual([]);
    expect(seen.errors, 'console errors offline').toEqual([]);
  } finally {
    await context.setOffline(false);
  }
});
