/**
 * The built app under its own Content-Security-Policy (the meta tag from infra/lib/csp.ts): every
 * panel is opened and used, and any CSP violation report fails the test (on top of the fixtures'
 * console-error guard, which catches the browser's own CSP messages).
 */
import { expect, test } from './fixtures';
import { openApp } from './helpers/lab-driver';
import { waitForConnection } from './helpers/moto';

test('no CSP violation while every panel is used', async ({ page }) => {
  test.setTimeout(180_000);
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __cspViolations: string[] }).__cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.effectiveDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));
  });
  await openApp(page);
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(csp).toContain("script-src 'self'");
  expect(csp).toContain("worker-src 'self'");
  expect(csp).toMatch(/connect-src 'self' https:\/\/\*\.amazonaws\.com http:\/\/127\.0\.0\.1:\*/);
  await waitForConnection(page);

  const labsNav = page.getByRole('navigation', { name: 'Labs' });
  const titles = await labsNav.getByRole('link').allTextContents();
  expect(titles.length).toBeGreaterThanOrEqual(5);
  for (const title of titles) {
    await labsNav.getByRole('link', { name: title, exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
    const panel = page.getByRole('main');
    // Each panel is used: the Keys lab describes a managed key, Encrypt and decrypt encrypts, Clean-up removes.
    if (title === 'Encrypt and decrypt') {
      await panel.getByRole('button', { name: 'Create 2 practice keys' }).click();
      await expect(panel.getByLabel('KMS key').locator('option')).toHaveCount(2, { timeout: 30_000 });
      await panel.getByRole('button', { name: 'Encrypt', exact: true }).click();
      await expect(panel.getByRole('status').filter({ hasText: 'Encrypted 28 bytes under' })).toBeVisible({ timeout: 30_000 });
    }
    if (title === 'Keys') {
      await panel.getByRole('button', { name: 'Describe alias/aws/s3' }).click();
      await expect(panel.getByLabel('AWS managed key', { exact: true })).toContainText('KeyManagerAWS');
    }
    if (title === 'Clean-up') {
      // The two practice keys made above are listed; removing them uses the delete path too.
      await expect(panel.getByRole('table', { name: /What you created/ }).getByRole('row').filter({ hasText: 'KMS key' })).toHaveCount(2, { timeout: 30_000 });
      await panel.getByRole('button', { name: 'Remove everything…' }).click();
      await panel.getByRole('button', { name: 'Yes, remove them' }).click();
      await expect(panel.getByRole('status', { name: 'Clean-up result' })).toContainText('2 key(s) scheduled for deletion in 7 days', { timeout: 30_000 });
    }
  }
  const tools = page.getByRole('navigation', { name: 'Tools' });
  for (const [link, heading] of [['Audit trail', 'Audit trail'], ['Settings', 'Settings'], ['Start', undefined]] as const) {
    await tools.getByRole('link', { name: link, exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, ...(heading ? { name: heading } : {}) })).toBeVisible();
  }
  await page.getByRole('button', { name: /^Inspector/ }).click();
  await expect(page.getByRole('dialog').or(page.getByRole('complementary')).first()).toBeVisible();

  expect(await page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations)).toEqual([]);
});
