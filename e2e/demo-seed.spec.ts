/**
 * The demo seed (issue 13, classroom mode): "Load the demo lab" in the Classroom menu imports
 * public/demo-seed.json, so a rehearsal and the class see the same key ids and aliases. Loaded, reset
 * between classes and loaded again, the Keys lab lists the same ids, and they are the file's.
 */
import { readFileSync } from 'node:fs';
import { expect, test } from './fixtures';
import { labPanel, openLab, waitForIdentity } from './helpers/lab-driver';
import type { Page } from '@playwright/test';

test.slow();
const SLOW = { timeout: 45_000 };

const seed = JSON.parse(readFileSync(new URL('../public/demo-seed.json', import.meta.url), 'utf8')) as {
  demo: { keys: { keyId: string; aliasName: string; description: string }[] };
};

async function loadDemoLab(page: Page): Promise<void> {
  await page.getByRole('button', { name: /^Classroom/ }).click();
  const menu = page.getByRole('group', { name: 'Classroom' });
  await menu.getByRole('button', { name: 'Load the demo lab' }).click();
  await menu.getByRole('button', { name: 'Yes, load the demo lab' }).click();
  await expect(menu.getByRole('status')).toContainText('The demo lab is loaded', SLOW);
  await page.keyboard.press('Escape');
}

/** The Keys lab's rows for the demo aliases: alias → key id, as shown. */
async function demoRows(page: Page): Promise<Record<string, string>> {
  await openLab(page, 'keys');
  await waitForIdentity(page);
  const table = labPanel(page, 'keys').getByRole('table', { name: 'KMS keys with aliases and states' });
  const out: Record<string, string> = {};
  for (const k of seed.demo.keys) {
    const row = table.getByRole('row').filter({ hasText: k.aliasName });
    await expect(row).toHaveCount(1, SLOW);
    // The guest may describe the demo keys (their key policy names its role): the description shows.
    await expect(row).toContainText(k.description, SLOW);
    const id = (await row.getByRole('cell').nth(1).textContent())?.trim() ?? '';
    out[k.aliasName] = id;
  }
  return out;
}

test('loading the demo lab twice, with a reset between, shows the same key ids and aliases in the Keys lab', async ({ page }) => {
  await page.goto('/#/');
  await waitForIdentity(page);
  await loadDemoLab(page);
  const first = await demoRows(page);
  expect(first).toEqual(Object.fromEntries(seed.demo.keys.map((k) => [k.aliasName, k.keyId])));

  await page.getByRole('button', { name: /^Classroom/ }).click();
  await page.getByRole('button', { name: 'Reset the lab between classes' }).click();
  await page.getByRole('button', { name: 'Yes, reset for the next class' }).click();
  await expect(page).toHaveURL(/#\/$/, SLOW);
  await page.keyboard.press('Escape');
  await openLab(page, 'keys');
  await waitForIdentity(page);
  await expect(labPanel(page, 'keys').getByText('alias/lab-demo-app')).toHaveCount(0, SLOW);

  await loadDemoLab(page);
  const second = await demoRows(page);
  expect(second).toEqual(first);
});

test('Continue on the command line downloads the lab as kms-study-lab.ndjson and shows the import command first', async ({ page }) => {
  await page.goto('/#/');
  await waitForIdentity(page);
  await loadDemoLab(page);
  await page.goto('/#/settings');
  const button = page.getByRole('button', { name: 'Continue on the command line' });
  const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
  expect(download.suggestedFilename()).toBe('kms-study-lab.ndjson');
  const path = await download.path();
  // The lines layout (docs/sandbox.md): a header line, one line per record, ..., an end line.
  const lines = readFileSync(path, 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
  expect(lines[0]).toMatchObject({ format: 'kms-study-lab/sandbox-export', layout: 'lines' });
  expect(lines.at(-1)).toHaveProperty('end');
  const records = lines.flatMap((l) => ('record' in l ? [l['record'] as { kind: string; id: string }] : []));
  // The demo keys are in it, so the server started from it has them.
  for (const k of seed.demo.keys) expect(records.some((r) => r.kind === 'key' && r.id.includes(k.keyId))).toBe(true);
  const text = readFileSync(path, 'utf8');
  // The trail names a vended access key id, as CloudTrail does; the secret and the token never appear.
  expect(text).not.toMatch(/secretAccessKey|sessionToken/i);
  await expect(page.getByText(/^npm run sandbox -- --import kms-study-lab\.ndjson/)).toBeVisible();
});
