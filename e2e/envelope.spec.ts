/**
 * Envelope encryption lab on the sandbox: a 100 MB file from disk encrypted in the page's worker,
 * stored in the sandbox's S3 with progress shown, still there after a reload and decrypting to the
 * same SHA-256; a cancel half-way leaves nothing half-stored; the Encryption SDK side; trap 1.
 */
import { createHash, randomBytes } from 'node:crypto';
import { closeSync, ftruncateSync, mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, expectNoSeriousA11yViolations, test, useTheme } from './fixtures';
import { openInspector, openLab } from './helpers/lab-driver';
import { waitForConnection } from './helpers/moto';

const dir = mkdtempSync(join(tmpdir(), 'kms-lab-envelope-'));
test.afterAll(() => rmSync(dir, { recursive: true, force: true }));

// The app's test hooks, for what a failure prints: the page's envelope jobs with their last event,
// the engine calls still unanswered, and the workers the page has.
test.use({ testHooks: true });
const journal = new WeakMap<Page, string[]>();
test.beforeEach(({ page }) => {
  const lines: string[] = [];
  const t0 = Date.now();
  const log = (line: string) => {
    lines.push(`+${((Date.now() - t0) / 1000).toFixed(1)}s ${line}`);
    if (lines.length > 60) lines.shift();
  };
  journal.set(page, lines);
  page.on('console', (m) => log(`console.${m.type()}: ${m.text().slice(0, 300)}`));
  page.on('worker', (w) => {
    log(`worker started: ${w.url()}`);
    w.on('close', () => log(`worker closed: ${w.url()}`));
  });
  page.on('crash', () => log('page crashed'));
});
test.afterEach(async ({ page }, info) => {
  if (info.status === info.expectedStatus || page.isClosed()) return;
  const state = await page
    .evaluate(() => (globalThis as { __kmsLabEnvelope?: { state(): Promise<unknown> } }).__kmsLabEnvelope?.state())
    .catch((e: unknown) => `unreadable: ${String(e)}`);
  const alerts = await page.getByRole('alert').allInnerTexts().catch(() => []);
  console.log(`[envelope diag] ${info.title}\n  workers: ${JSON.stringify(page.workers().map((w) => w.url()))}\n  state: ${JSON.stringify(state)}\n  alerts: ${JSON.stringify(alerts)}\n  ${(journal.get(page) ?? []).join('\n  ')}`);
});

function writeRandomFile(name: string, bytes: number): { path: string; sha256: string } {
  const path = join(dir, name);
  const hash = createHash('sha256');
  const parts: Buffer[] = [];
  for (let o = 0; o < bytes; o += 1 << 20) {
    const b = randomBytes(Math.min(1 << 20, bytes - o));
    hash.update(b);
    parts.push(b);
  }
  writeFileSync(path, Buffer.concat(parts));
  return { path, sha256: hash.digest('hex') };
}

/** Records every state the progress bar shows (its label and aria-valuenow), as a learner would see it move. */
async function recordProgress(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const seen: { label: string; value: number }[] = [];
    (window as unknown as { __progress: typeof seen }).__progress = seen;
    new MutationObserver(() => {
      for (const el of document.querySelectorAll('[role="progressbar"][aria-valuenow]')) {
        const label = el.getAttribute('aria-label') ?? '';
        const value = Number(el.getAttribute('aria-valuenow'));
        const last = seen.at(-1);
        if (last?.label !== label || last.value !== value) seen.push({ label, value });
      }
    }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['aria-valuenow', 'aria-label'] });
  });
}

/** The values one stage's bar took ("Encrypted", "Uploaded to S3"), in order. */
function phaseValues(seen: { label: string; value: number }[], phase: string): { label: string; value: number }[] {
  return seen.filter((s) => s.label.startsWith(`${phase}:`));
}

test('a 100 MB file: encrypted in the worker, stored in S3, key zeroed, and after a reload it still decrypts to the same SHA-256', async ({ page }) => {
  test.setTimeout(480_000);
  const file = writeRandomFile('report-100MB.bin', 100 * 1000 * 1000);
  await recordProgress(page);
  const panel = await openLab(page, 'envelope');
  await waitForConnection(page);
  await panel.getByRole('button', { name: 'Create a practice key' }).click();
  await expect(panel.getByLabel('KMS key that wraps the data key').locator('option')).toHaveCount(1);
  await panel.getByLabel(/^File/).setInputFiles(file.path);
  await expect(panel.getByText(/report-100MB\.bin.*100,000,000 bytes/)).toBeVisible();
  await panel.getByRole('button', { name: 'Encrypt and store' }).click();
  const stored = panel.getByRole('definition').filter({ hasText: 'multipart parts' });
  await expect(stored).toBeVisible({ timeout: 240_000 });
  await expect(panel.getByLabel('What was stored')).toContainText('Gone: its 32 bytes were zeroed');
  await expect(panel.getByLabel('What was stored')).toContainText("In the object's S3 user metadata");
  // The page showed both stages moving forward on their own bars, each to its end (the worker reports
  // them; the page stayed responsive to draw them). Encryption runs a few parts ahead of the upload.
  const seen = await page.evaluate(() => (window as unknown as { __progress: { label: string; value: number }[] }).__progress);
  for (const phase of ['Encrypted', 'Uploaded to S3']) {
    const values = phaseValues(seen, phase).map((s) => s.value);
    expect(values.length, `${phase} progress updates`).toBeGreaterThan(5);
    expect(values, `${phase} never goes back`).toEqual([...values].sort((a, b) => a - b));
  }
  const lastUpload = phaseValues(seen, 'Uploaded to S3').at(-1);
  expect(lastUpload?.value).toBe(100);
  expect(lastUpload?.label).toMatch(/: 95 MiB of 95 MiB$/);

  await page.reload();
  const again = await openLab(page, 'envelope');
  await waitForConnection(page);
  await expect(again.getByLabel('What was stored')).toContainText('report-100MB.bin');
  await again.getByRole('button', { name: 'Read back, decrypt and verify' }).click();
  const readBack = again.getByLabel('Read back');
  await expect(readBack).toContainText(file.sha256, { timeout: 240_000 });
  await expect(readBack).toContainText('100,000,000 bytes');
});

/** A file of `bytes` zeros that takes no disk space (sparse): its content does not matter, its size does. */
function writeSparseFile(name: string, bytes: number): string {
  const path = join(dir, name);
  const fd = openSync(path, 'w');
  try {
    ftruncateSync(fd, bytes);
  } finally {
    closeSync(fd);
  }
  return path;
}

test('cancelled half-way: the multipart upload is aborted and nothing is stored', async ({ page }) => {
  test.setTimeout(180_000);
  // 512 MiB, 32 parts, cancelled once about half is stored: the other half takes seconds even on a fast
  // machine, so the click lands while the job runs. (A 60 MB file, 4 parts, cancelled at 20%,
  // sometimes finished between the progress check and the click.)
  const file = { path: writeSparseFile('cancel-me.bin', 512 * 1024 * 1024) };
  const panel = await openLab(page, 'envelope');
  await waitForConnection(page);
  await panel.getByRole('button', { name: 'Create a practice key' }).click();
  await expect(panel.getByLabel('KMS key that wraps the data key').locator('option')).toHaveCount(1);
  await panel.getByLabel(/^File/).setInputFiles(file.path);
  await panel.getByRole('button', { name: 'Encrypt and store' }).click();
  const bar = panel.getByRole('progressbar', { name: /^Uploaded to S3:/ });
  await expect(bar).toHaveAttribute('aria-valuenow', /^(4[5-9]|[5-9]\d)$/, { timeout: 120_000 });
  await panel.getByRole('button', { name: 'Cancel' }).click();
  await expect(panel.getByText('Cancelled: the multipart upload was aborted')).toBeVisible({ timeout: 60_000 });
  await expect(panel.getByLabel('What was stored')).toHaveCount(0);
  // Nothing half-stored, as S3 itself answers after the abort: no open upload, no object.
  const check = panel.getByLabel('Checked after the abort');
  await expect(check).toContainText('ListParts on the upload ID answered NoSuchUpload (the upload and its stored parts are gone)');
  await expect(check).toContainText('HeadObject answered NotFound (no object under that key)');
  const inspector = await openInspector(page);
  await expect(inspector.getByText('AbortMultipartUpload').first()).toBeVisible();
});

test('the Encryption SDK side shows its header and what data key caching saves; kms:Encrypt refuses 4,097 bytes', async ({ page }) => {
  test.setTimeout(120_000);
  const file = writeRandomFile('small.bin', 300_000);
  const panel = await openLab(page, 'envelope');
  await waitForConnection(page);
  await panel.getByRole('button', { name: 'Create a practice key' }).click();
  await expect(panel.getByLabel('KMS key that wraps the data key').locator('option')).toHaveCount(1);
  await panel.getByLabel(/^File/).setInputFiles(file.path);
  await panel.getByRole('button', { name: 'Encrypt the file with the Encryption SDK' }).click();
  const header = panel.getByLabel('Encryption SDK message header');
  await expect(header).toContainText('0x0578', { timeout: 30_000 });
  await expect(header).toContainText('aws-kms');
  await expect(header).toContainText('4,096 bytes');
  await expect(header).toContainText('back to the same bytes');
  await panel.getByRole('button', { name: 'Compare data key caching (10 messages)' }).click();
  await expect(panel.getByText(/10 messages: 10 GenerateDataKey calls without caching, 1 with/)).toBeVisible({ timeout: 30_000 });

  await panel.getByRole('button', { name: 'kms:Encrypt the first 4,097 bytes' }).click();
  await expect(panel.getByRole('alert').filter({ hasText: 'ValidationException' })).toBeVisible();

  await panel.getByRole('button', { name: 'GenerateDataKeyWithoutPlaintext', exact: true }).click();
  await expect(panel.getByText(/an encrypted data key of 184 bytes and no plaintext/)).toBeVisible();
});

for (const theme of ['light', 'dark'] as const) {
  test(`axe finds no serious violation on the envelope lab (${theme})`, async ({ page }) => {
    await useTheme(page, theme);
    await openLab(page, 'envelope');
    await waitForConnection(page);
    await expectNoSeriousA11yViolations(page, `Envelope lab (${theme})`);
  });
}
