/**
 * One sandbox engine per origin, seen from two tabs of one browser (two pages in one context): the
 * SharedWorker every tab talks to, or (project `leader-tab`, SharedWorker hidden) the leader tab's
 * worker that the other tab reaches over BroadcastChannel.
 */
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { connectionSummary, labPanel, openApp, waitForIdentity } from './helpers/lab-driver';

test.use({ testHooks: true });
// Two tabs of the built app on a shared, busy machine: each test does several full lab steps.
test.describe.configure({ timeout: 180_000 });

/** Console errors and page errors of a second tab (the fixture's guard watches the first). */
function watch(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.name}: ${e.message}`));
  return errors;
}

async function openKeys(page: Page): Promise<Locator> {
  await page.goto('/#/labs/keys');
  await expect(page.getByRole('heading', { level: 1, name: 'Keys' })).toBeVisible();
  await waitForIdentity(page);
  return labPanel(page, 'keys');
}

function keyTable(panel: Locator): Locator {
  return panel.getByRole('table', { name: /KMS keys/ });
}

async function fillAlias(panel: Locator, alias: string): Promise<void> {
  await panel.getByLabel('Alias (step 03)').fill(alias);
}

async function created(panel: Locator, alias: string): Promise<void> {
  await expect(panel.getByRole('status').filter({ hasText: `Your KMS key was created with alias alias/${alias}` })).toBeVisible({
    timeout: 30_000,
  });
}

/** Test-only: the engine's worker closes itself, as when the browser shuts it down (the app's test hook). */
async function stopEngine(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const lab = (globalThis as { __kmsLab?: { sandbox(): Promise<{ stopEngine?(): Promise<void> } | undefined> } }).__kmsLab;
    const sb = await lab?.sandbox();
    if (!sb?.stopEngine) throw new Error('no test hook');
    await sb.stopEngine();
  });
}

/** Where the engine runs, as this tab sees it (the app's test hook). */
function hostMode(page: Page): Promise<string | undefined> {
  return page.evaluate(async () => {
    const lab = (globalThis as { __kmsLab?: { sandbox(): Promise<{ hostMode?(): string } | undefined> } }).__kmsLab;
    return (await lab?.sandbox())?.hostMode?.();
  });
}

test('CreateKey from two tabs at once keeps every key, and each tab sees the other’s without a reload', async ({
  page,
  context,
  hideSharedWorker,
}) => {
  const a = await openKeys(page);
  const pageB = await context.newPage();
  const errorsB = watch(pageB);
  const b = await openKeys(pageB);
  expect(await hostMode(page)).toBe(hideSharedWorker ? 'leader' : 'shared-worker');
  expect(await hostMode(pageB)).toBe(hideSharedWorker ? 'follower' : 'shared-worker');

  for (const round of [1, 2]) {
    await fillAlias(a, `lab-tab-a-${round}`);
    await fillAlias(b, `lab-tab-b-${round}`);
    await Promise.all([a.getByRole('button', { name: 'Create key' }).click(), b.getByRole('button', { name: 'Create key' }).click()]);
    await Promise.all([created(a, `lab-tab-a-${round}`), created(b, `lab-tab-b-${round}`)]);
  }
  // Both tabs list all four, without a reload: each learned of the other's commits.
  for (const panel of [a, b]) {
    for (const alias of ['lab-tab-a-1', 'lab-tab-b-1', 'lab-tab-a-2', 'lab-tab-b-2']) {
      await expect(keyTable(panel).getByRole('row').filter({ hasText: `alias/${alias}` })).toContainText('Enabled', { timeout: 30_000 });
    }
  }
  // And the store kept all four: a fresh load of the list shows them.
  await pageB.reload();
  const b2 = labPanel(pageB, 'keys');
  for (const alias of ['lab-tab-a-1', 'lab-tab-b-1', 'lab-tab-a-2', 'lab-tab-b-2']) {
    await expect(keyTable(b2).getByRole('row').filter({ hasText: `alias/${alias}` })).toHaveCount(1, { timeout: 30_000 });
  }
  expect(errorsB).toEqual([]);
});

test('the simulated date moved in one tab shows in the other at once', async ({ page, context }) => {
  await openApp(page);
  await waitForIdentity(page);
  const pageB = await context.newPage();
  const errorsB = watch(pageB);
  await openApp(pageB);
  await waitForIdentity(pageB);
  const dateB = connectionSummary(pageB).locator('time');
  const before = await dateB.getAttribute('datetime');
  await page.getByRole('button', { name: 'Advance the simulated clock by 365 days' }).click();
  await expect(connectionSummary(page)).toContainText('+365 days');
  await expect(connectionSummary(pageB)).toContainText('+365 days');
  const after = await dateB.getAttribute('datetime');
  expect(Date.parse(after ?? '') - Date.parse(before ?? '')).toBeGreaterThan(364 * 86_400_000);
  expect(errorsB).toEqual([]);
});

test('a reset in one tab is followed by the other, which never writes the old lab back', async ({ page, context }) => {
  const a = await openKeys(page);
  await fillAlias(a, 'lab-before-reset');
  await a.getByRole('button', { name: 'Create key' }).click();
  await created(a, 'lab-before-reset');

  const pageB = await context.newPage();
  const errorsB = watch(pageB);
  const b = await openKeys(pageB);
  await expect(keyTable(b).getByRole('row').filter({ hasText: 'alias/lab-before-reset' })).toHaveCount(1, { timeout: 30_000 });

  // Tab A resets from the settings page; tab B stays on the Keys lab.
  await page.goto('/#/settings');
  await page.getByRole('button', { name: 'Reset the sandbox…' }).click();
  await page.getByRole('button', { name: 'Yes, reset the sandbox' }).click();
  await expect(page.getByRole('button', { name: 'Reset the sandbox…' })).toBeVisible();

  // B follows without a reload: the old key is gone from its list.
  await expect(b.getByText('alias/lab-before-reset')).toHaveCount(0, { timeout: 30_000 });
  // B writes afterwards: only its new key exists, the old lab is not written back.
  await waitForIdentity(pageB);
  await fillAlias(b, 'lab-after-reset');
  await b.getByRole('button', { name: 'Create key' }).click();
  await created(b, 'lab-after-reset');
  const a2 = await openKeys(page);
  await expect(keyTable(a2).getByRole('row').filter({ hasText: 'alias/lab-after-reset' })).toHaveCount(1, { timeout: 30_000 });
  await expect(a2.getByText('alias/lab-before-reset')).toHaveCount(0, { timeout: 30_000 });
  await page.reload();
  const a3 = labPanel(page, 'keys');
  await expect(keyTable(a3).getByRole('row').filter({ hasText: 'alias/lab-after-reset' })).toHaveCount(1, { timeout: 30_000 });
  await expect(a3.getByText('alias/lab-before-reset')).toHaveCount(0, { timeout: 30_000 });
  expect(errorsB).toEqual([]);
});

test('the first tab closed mid-session: the other carries on with the same guest credentials', async ({ page, context, hideSharedWorker }) => {
  // The first tab to open the app leads (with SharedWorker hidden it runs the engine's worker).
  const pageA = await context.newPage();
  const errorsA = watch(pageA);
  const a = await openKeys(pageA);
  const b = await openKeys(page);
  const identity = await waitForIdentity(page);
  expect(await hostMode(page)).toBe(hideSharedWorker ? 'follower' : 'shared-worker');
  await fillAlias(a, 'lab-from-first-tab');
  await a.getByRole('button', { name: 'Create key' }).click();
  await created(a, 'lab-from-first-tab');
  await expect(keyTable(b).getByRole('row').filter({ hasText: 'alias/lab-from-first-tab' })).toHaveCount(1, { timeout: 30_000 });
  expect(errorsA).toEqual([]);

  // B starts a call, and A (the leader) goes away while it may still be on its way.
  await fillAlias(b, 'lab-after-leader-left');
  await Promise.all([b.getByRole('button', { name: 'Create key' }).click(), pageA.close()]);
  await created(b, 'lab-after-leader-left');
  expect(await hostMode(page)).toBe(hideSharedWorker ? 'leader' : 'shared-worker');
  // Same guest, no error shown: the credentials the old engine vended were handed to the new one.
  await expect(connectionSummary(page).locator('dt:has-text("Identity") + dd')).toHaveText(identity);
  await expect(b.getByRole('alert')).toHaveCount(0, { timeout: 30_000 });
  await fillAlias(b, 'lab-later-call');
  await b.getByRole('button', { name: 'Create key' }).click();
  await created(b, 'lab-later-call');
  for (const alias of ['lab-from-first-tab', 'lab-after-leader-left', 'lab-later-call']) {
    await expect(keyTable(b).getByRole('row').filter({ hasText: `alias/${alias}` })).toHaveCount(1, { timeout: 30_000 });
  }
});

test('a full store fails the call with a clear message and loses nothing', async ({ page }) => {
  const a = await openKeys(page);
  await fillAlias(a, 'lab-kept-key');
  await a.getByRole('button', { name: 'Create key' }).click();
  await created(a, 'lab-kept-key');

  // Test-only: the engine's store fails its next commit as a full disk would (QuotaExceededError).
  await page.evaluate(async () => {
    const lab = (globalThis as { __kmsLab?: { sandbox(): Promise<{ injectFault?(f: string): Promise<void> } | undefined> } }).__kmsLab;
    const sb = await lab?.sandbox();
    if (!sb?.injectFault) throw new Error('no test hook');
    await sb.injectFault('quota');
  });
  await fillAlias(a, 'lab-not-stored');
  await a.getByRole('button', { name: 'Create key' }).click();
  const alert = a.getByRole('alert');
  await expect(alert).toContainText(/storage|quota|space/i);
  // Nothing lost, nothing half-written: the earlier key is there, the failed one is not.
  await page.reload();
  const a2 = labPanel(page, 'keys');
  await expect(keyTable(a2).getByRole('row').filter({ hasText: 'alias/lab-kept-key' })).toHaveCount(1, { timeout: 30_000 });
  await expect(a2.getByText('alias/lab-not-stored')).toHaveCount(0, { timeout: 30_000 });
  // The next call works again.
  await fillAlias(a2, 'lab-after-fault');
  await a2.getByRole('button', { name: 'Create key' }).click();
  await created(a2, 'lab-after-fault');
});

test('an engine the browser shut down is noticed: the waiting call fails with a clear message, and the lab carries on', async ({ page }) => {
  // Test-only: a silent engine is given up on after 2.5 s (60 s in the app) once a ping goes unanswered.
  await page.addInitScript(() => {
    (globalThis as { __KMS_LAB_ENGINE_WATCH__?: unknown }).__KMS_LAB_ENGINE_WATCH__ = { everyMs: 250, lostAfterMs: 2500 };
  });
  const a = await openKeys(page);
  await fillAlias(a, 'lab-before-stop');
  await a.getByRole('button', { name: 'Create key' }).click();
  await created(a, 'lab-before-stop');

  // Test-only: the engine's worker closes itself, as when the browser shuts it down. Chromium tells the
  // page nothing: without the watch, the next call would wait for ever.
  await stopEngine(page);
  await fillAlias(a, 'lab-after-stop');
  await a.getByRole('button', { name: 'Create key' }).click();
  const alert = a.getByRole('alert');
  await expect(alert).toContainText('The sandbox stopped answering', { timeout: 30_000 });
  await expect(alert).toContainText('SandboxEngineStopped');
  await expect(alert).toContainText('A new engine has been started on the lab saved in this browser');

  // The same click again runs on the new engine, over the lab saved before the stop.
  await a.getByRole('button', { name: 'Create key' }).click();
  await created(a, 'lab-after-stop');
  for (const alias of ['lab-before-stop', 'lab-after-stop']) {
    await expect(keyTable(a).getByRole('row').filter({ hasText: `alias/${alias}` })).toHaveCount(1, { timeout: 30_000 });
  }
});

test('an engine shut down under two tabs: the tab that meets it is told, and both carry on', async ({ page, context, hideSharedWorker }) => {
  await context.addInitScript(() => {
    (globalThis as { __KMS_LAB_ENGINE_WATCH__?: unknown }).__KMS_LAB_ENGINE_WATCH__ = { everyMs: 250, lostAfterMs: 2500 };
  });
  // The first tab to open the app leads (with SharedWorker hidden it runs the engine's worker).
  const pageA = await context.newPage();
  const errorsA = watch(pageA);
  const a = await openKeys(pageA);
  const b = await openKeys(page);
  expect(await hostMode(page)).toBe(hideSharedWorker ? 'follower' : 'shared-worker');

  // Stopped from the second tab: in a follower, the call crosses to the leader's worker, which closes.
  await stopEngine(page);
  await fillAlias(b, 'lab-second-tab');
  await b.getByRole('button', { name: 'Create key' }).click();
  const alert = b.getByRole('alert');
  await expect(alert).toContainText('SandboxEngineStopped', { timeout: 30_000 });
  // A follower cannot start the leader's engine: it says which tab stopped answering.
  await expect(alert).toContainText(hideSharedWorker ? 'The tab that runs this lab' : 'A new engine has been started');

  // The second tab's next call runs (in a follower, once the leader has found its engine gone and started a new one).
  await b.getByRole('button', { name: 'Create key' }).click();
  await created(b, 'lab-second-tab');
  // The first tab, which had nothing waiting, carries on too (with a SharedWorker, its own port finds the engine gone first).
  await fillAlias(a, 'lab-first-tab');
  await a.getByRole('button', { name: 'Create key' }).click();
  if (!hideSharedWorker) {
    await expect(a.getByRole('alert')).toContainText('SandboxEngineStopped', { timeout: 30_000 });
    await a.getByRole('button', { name: 'Create key' }).click();
  }
  await created(a, 'lab-first-tab');
  for (const alias of ['lab-second-tab', 'lab-first-tab']) {
    await expect(keyTable(b).getByRole('row').filter({ hasText: `alias/${alias}` })).toHaveCount(1, { timeout: 30_000 });
  }
  expect(errorsA).toEqual([]);
});
