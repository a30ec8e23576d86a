/**
 * Keys lab on the sandbox: the three key types, the guide's Part I key with its policy preview,
 * the key lifecycle (disable, enable, schedule and cancel deletion).
 */
import { expect, expectNoSeriousA11yViolations, test, useTheme } from './fixtures';
import { openLab } from './helpers/lab-driver';
import { waitForConnection } from './helpers/moto';

test('an AWS managed key appears on first use and refuses deletion', async ({ page }) => {
  const panel = await openLab(page, 'keys');
  await waitForConnection(page);
  await panel.getByRole('button', { name: 'Describe alias/aws/s3' }).click();
  await expect(panel.getByLabel('AWS managed key')).toContainText('KeyManagerAWS');
  await panel.getByRole('button', { name: 'Try to delete it' }).click();
  const alert = panel.getByRole('alert');
  await expect(alert).toContainText('AccessDeniedException');
  await expect(alert).toContainText('kms:ScheduleKeyDeletion');
});

test('creates the guide key with the previewed policy, then walks its lifecycle', async ({ page }, testInfo) => {
  const panel = await openLab(page, 'keys');
  await waitForConnection(page);

  // The preview changes with the choices, before anything is created.
  const preview = panel.getByRole('figure', { name: /Key policy preview/ });
  await expect(preview).toContainText('"Sid": "Allow access for Key Administrators"');
  await expect(preview).toContainText('"Sid": "Allow use of the key"');
  await expect(preview).toContainText('"Sid": "Allow attachment of persistent resources"');
  await expect(preview).toContainText('kms:GrantIsForAWSResource');
  await panel.getByRole('group', { name: /Key users/ }).getByLabel('AppServerRole').uncheck();
  await panel.getByRole('group', { name: /Key users/ }).getByLabel('KeyUserRole').uncheck();
  await expect(preview).not.toContainText('Allow use of the key');
  await panel.getByRole('group', { name: /Key users/ }).getByLabel('KeyUserRole').check();
  await expect(preview).toContainText('arn:aws:iam::111122223333:role/KeyUserRole');
  await expect(panel.getByText(/step 05 says .Key administrators. again/)).toBeVisible();

  await panel.getByLabel('Alias (step 03)').fill('lab-app-encryption-key');
  await panel.getByRole('button', { name: 'Create key' }).click();
  const created = panel.getByRole('status').filter({ hasText: 'Your KMS key was created with alias alias/lab-app-encryption-key' });
  await expect(created).toBeVisible();

  const table = panel.getByRole('table', { name: /KMS keys/ });
  const row = table.getByRole('row').filter({ hasText: 'alias/lab-app-encryption-key' });
  await expect(row).toContainText('Enabled');
  await row.getByRole('button', { name: 'Manage alias/lab-app-encryption-key' }).click();
  const details = panel.getByRole('region', { name: 'Key alias/lab-app-encryption-key' });
  await expect(details).toContainText('Customer managed');
  // The policy KMS stored is the one previewed.
  await details.getByText('Key policy (GetKeyPolicy)').click();
  const stored = details.getByRole('figure', { name: /Key policy as KMS stored it/ });
  await expect(stored).toContainText('"Sid": "Allow access for Key Administrators"');
  await expect(stored).toContainText('arn:aws:iam::111122223333:role/KeyUserRole');

  await details.getByRole('button', { name: 'Disable key' }).click();
  await expect(row).toContainText('Disabled');
  await details.getByRole('button', { name: 'Enable key' }).click();
  await expect(row).toContainText('Enabled');

  await details.getByLabel('Waiting period (days, 7–30)').fill('7');
  await details.getByRole('button', { name: 'Schedule key deletion' }).click();
  await expect(row).toContainText('PendingDeletion');
  await expect(details.getByText('Deletion date', { exact: true })).toBeVisible();
  await details.getByRole('button', { name: 'Cancel key deletion' }).click();
  // CancelKeyDeletion leaves the key Disabled, not Enabled.
  await expect(row).toContainText('Disabled');
  await expect(details.getByRole('status')).toContainText('The key is now Disabled');

  await page.screenshot({ path: testInfo.outputPath('keys.png'), fullPage: true });
  await expectNoSeriousA11yViolations(page, 'Keys lab (light)');
});

test('the Keys lab has no serious accessibility violation in the dark theme', async ({ page }) => {
  await useTheme(page, 'dark');
  const panel = await openLab(page, 'keys');
  await waitForConnection(page);
  await expect(panel.getByRole('heading', { name: 'Three kinds of KMS key' })).toBeVisible();
  await expectNoSeriousA11yViolations(page, 'Keys lab (dark)');
});
