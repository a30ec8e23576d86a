/**
 * Rotation lab on the sandbox: automatic and on-demand rotation with the simulated clock, old
 * ciphertext still decrypting, manual rotation through an alias, and trap 4 (RSA refuses rotation).
 */
import { expect, expectNoSeriousA11yViolations, test, useTheme } from './fixtures';
import { openLab } from './helpers/lab-driver';
import { waitForConnection } from './helpers/moto';

test('rotations arrive on demand and after +365 days; every old ciphertext still decrypts; manual rotation re-wraps', async ({ page }, testInfo) => {
  const panel = await openLab(page, 'rotation');
  await waitForConnection(page);
  await panel.getByRole('button', { name: 'Create a practice key' }).click();
  await expect(panel.getByLabel('KMS key').locator('option')).toHaveCount(1);

  const identity = panel.getByRole('definition').filter({ hasText: /^arn:aws:kms:/ });
  const arn = (await identity.textContent()) ?? '';
  expect(arn).toMatch(/^arn:aws:kms:us-east-1:111122223333:key\/[0-9a-f-]{36}$/);

  await panel.getByRole('button', { name: 'Encrypt a sample now' }).click();
  const ledger = panel.getByRole('table', { name: 'Stored ciphertexts and their decrypt outcomes' });
  await expect(ledger.getByRole('row')).toHaveCount(2);

  // The period is validated before anything is sent.
  const period = panel.getByLabel('Rotation period in days (90–2,560)');
  await period.fill('89');
  await expect(panel.getByText('At least 90 days.')).toBeVisible();
  await expect(panel.getByRole('button', { name: 'Enable automatic rotation' })).toBeDisabled();
  await period.fill('365');
  await panel.getByRole('button', { name: 'Enable automatic rotation' }).click();
  await expect(panel.getByText(/Automatic rotation is on: every 365 days, next on \d{4}-\d{2}-\d{2}\./)).toBeVisible();

  const rotations = panel.getByRole('list', { name: 'Rotations' });
  await panel.getByRole('button', { name: 'Rotate now (on demand)' }).click();
  await expect(rotations).toContainText('ON_DEMAND');
  await expect(ledger.getByRole('row')).toHaveCount(3);

  await panel.getByRole('button', { name: 'Move the clock +365 days' }).click();
  await expect(rotations).toContainText('AUTOMATIC');
  await expect(ledger.getByRole('row')).toHaveCount(4);
  await expect(ledger).toContainText('after +365 days');

  await panel.getByRole('button', { name: 'Decrypt all' }).click();
  await expect(panel.getByRole('status').filter({ hasText: 'All 3 ciphertexts decrypt' })).toBeVisible();
  await expect(identity).toHaveText(arn);
  await expect(panel.getByText('Key ID and ARN unchanged since you picked this key.')).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('rotation.png'), fullPage: true });

  // Manual rotation: alias -> new key (new id), then ReEncrypt the stored ciphertexts.
  await panel.getByRole('button', { name: '1. Point the alias at this key' }).click();
  await expect(panel.getByText('(the key above)')).toBeVisible();
  await panel.getByRole('button', { name: '2. New key, move the alias (UpdateAlias)' }).click();
  await expect(panel.getByRole('status').filter({ hasText: 'a different key ID and ARN' })).toBeVisible();
  await expect(panel.getByText('(the key above)')).toBeHidden();
  await panel.getByRole('button', { name: '3. Re-wrap stored ciphertexts (ReEncrypt)' }).click();
  await expect(panel.getByRole('status').filter({ hasText: 'Re-wrapped 3 ciphertexts' })).toBeVisible();
  await panel.getByRole('button', { name: 'Decrypt all' }).click();
  await expect(panel.getByRole('status').filter({ hasText: 'All 3 ciphertexts decrypt' })).toBeVisible();

  await expectNoSeriousA11yViolations(page, 'Rotation lab (light)');
});

test('an RSA key refuses automatic rotation (trap 4)', async ({ page }) => {
  await useTheme(page, 'dark');
  const panel = await openLab(page, 'rotation');
  await waitForConnection(page);
  await panel.getByRole('button', { name: 'Create an RSA_2048 key' }).click();
  await expect(panel.getByText(/RSA key .* created \(RSA_2048, ENCRYPT_DECRYPT\)/)).toBeVisible();
  await panel.getByRole('button', { name: 'Try EnableKeyRotation on it' }).click();
  await expect(panel.getByRole('alert').filter({ hasText: 'UnsupportedOperationException' })).toContainText('from EnableKeyRotation');
  await expectNoSeriousA11yViolations(page, 'Rotation lab (dark)');
});
