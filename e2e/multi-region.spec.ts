/**
 * Multi-Region keys lab on the sandbox: a primary replicated to another Region (Creating, then
 * Enabled), ciphertext from the home Region decrypted by the replica, the single-Region key's
 * failure beside it (trap 7), the primary waiting for its replica on deletion. One run; axe in
 * both themes at its end, then no sideways overflow at 390 px.
 */
import type { Page } from '@playwright/test';
import { expect, expectNoSeriousA11yViolationsInBothThemes, test } from './fixtures';
import { openApp } from './helpers/lab-driver';
import { waitForConnection } from './helpers/moto';
import { expectNoSidewaysOverflow } from './helpers/overflow';

const TITLE = 'Multi-Region keys';

async function openMultiRegion(page: Page) {
  await openApp(page);
  await page.getByRole('navigation', { name: 'Labs' }).getByRole('link', { name: TITLE, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: TITLE })).toBeVisible();
  await waitForConnection(page);
  return page.getByRole('region', { name: `${TITLE} lab` });
}

test(`replicate, decrypt in the other Region, and trap 7 beside it`, async ({ page }) => {
  test.slow();
  const panel = await openMultiRegion(page);
  const latest = panel.getByRole('log', { name: 'Multi-Region calls and their outcomes' }).getByRole('listitem').first();
  await expect(panel.getByText('US$1 a month per replica')).toBeVisible();

  await panel.getByRole('button', { name: 'Create the multi-Region primary' }).click();
  await expect(latest).toContainText(/CreateKey \(MultiRegion: true\) → mrk-[0-9a-f]{32} \(multi-Region primary\)/);
  await panel.getByRole('button', { name: 'Replicate it to us-west-2' }).click();
  // Creating first, Enabled a few seconds later (the lab polls DescribeKey).
  await expect(panel.getByLabel('Replica key state')).toHaveText('Enabled', { timeout: 30_000 });
  await expect(panel.getByRole('log').getByRole('listitem').filter({ hasText: 'is Creating' })).toHaveCount(1);

  await panel.getByRole('button', { name: 'Encrypt in us-east-1', exact: true }).click();
  await expect(latest).toContainText('us-east-1, as lab-admin · Encrypt');
  await panel.getByRole('button', { name: 'Decrypt in us-west-2 (the replica)' }).click();
  await expect(latest).toContainText(/us-west-2, as lab-admin · Decrypt → “order 1042 shipped” by arn:aws:kms:us-west-2:111122223333:key\/mrk-/);

  await panel.getByRole('button', { name: 'Create a single-Region key and encrypt in us-east-1' }).click();
  await expect(latest).toContainText('us-east-1, as lab-admin · Encrypt');
  await panel.getByRole('button', { name: 'Decrypt in us-west-2', exact: true }).click();
  await expect(latest).toContainText('us-west-2, as lab-admin · Decrypt → InvalidCiphertextException');
  await panel.getByRole('button', { name: 'Decrypt in us-west-2, naming the key ARN' }).click();
  await expect(latest).toContainText('NotFoundException: Invalid arn us-east-1');

  await panel.getByRole('button', { name: "Schedule the primary's deletion" }).click();
  await expect(latest).toContainText('PendingReplicaDeletion, waiting for its replicas');

  await expectNoSeriousA11yViolationsInBothThemes(page, 'Multi-Region lab');
  // The same results at a phone's width.
  await page.setViewportSize({ width: 390, height: 844 });
  await expectNoSidewaysOverflow(page, 'Multi-Region lab at 390 px');
});
