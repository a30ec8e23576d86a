/**
 * Encrypt and decrypt lab on the sandbox: the blob as base64 and byte map, Decrypt with and
 * without KeyId and with the wrong key, ReEncrypt, the 4 KB limit (trap 1), data keys shown once
 * and discarded, GenerateRandom.
 */
import { expect, expectNoSeriousA11yViolations, test, useTheme } from './fixtures';
import { openLab } from './helpers/lab-driver';
import { waitForConnection } from './helpers/moto';

test('encrypts, shows the blob, decrypts three ways and re-encrypts', async ({ page }, testInfo) => {
  const panel = await openLab(page, 'encrypt-decrypt');
  await waitForConnection(page);
  await panel.getByRole('button', { name: 'Create 2 practice keys' }).click();
  await expect(panel.getByLabel('KMS key')).toContainText('Practice key A');
  await expect(panel.getByLabel('KMS key').locator('option')).toHaveCount(2);

  await panel.getByRole('button', { name: 'Encrypt', exact: true }).click();
  const result = panel.getByRole('status').filter({ hasText: 'Encrypted 28 bytes under' });
  await expect(result).toBeVisible();
  const map = panel.getByRole('figure', { name: /Ciphertext blob: byte map/ });
  await expect(map).toContainText('header 01 02 03 00 78');
  await expect(map).toContainText('key material id (32 bytes)');
  await expect(map).toContainText('GCM nonce (12 bytes)');
  await expect(map).toContainText('GCM tag (16 bytes)');
  await expect(panel.getByRole('figure', { name: /Ciphertext blob \(base64\)/ })).toContainText('AQIDAH');
  await page.screenshot({ path: testInfo.outputPath('encrypt-decrypt.png'), fullPage: true });

  await panel.getByRole('button', { name: 'Decrypt without KeyId' }).click();
  await expect(panel.getByRole('status').filter({ hasText: 'Without KeyId' })).toContainText('My secret credit card number');
  await panel.getByRole('button', { name: 'Decrypt with its KeyId' }).click();
  await expect(panel.getByRole('status').filter({ hasText: 'With KeyId' })).toContainText('My secret credit card number');
  await panel.getByRole('button', { name: 'Decrypt with the wrong key' }).click();
  await expect(panel.getByRole('alert').filter({ hasText: 'IncorrectKeyException' })).toBeVisible();

  await panel.getByRole('button', { name: 'ReEncrypt', exact: true }).click();
  await expect(panel.getByRole('figure', { name: /Re-encrypted blob: byte map/ })).toBeVisible();

  await expectNoSeriousA11yViolations(page, 'Encrypt and decrypt lab (light)');
});

test('4,097 bytes is refused and points to envelope encryption; a data key is shown once, then zeroed', async ({ page }, testInfo) => {
  await useTheme(page, 'dark');
  const panel = await openLab(page, 'encrypt-decrypt');
  await waitForConnection(page);
  await panel.getByRole('button', { name: 'Create 2 practice keys' }).click();
  await expect(panel.getByLabel('KMS key').locator('option')).toHaveCount(2);

  await panel.getByRole('button', { name: 'Fill with 4,097 bytes' }).click();
  await expect(panel.getByText('4,097 bytes', { exact: true })).toBeVisible();
  await panel.getByRole('button', { name: 'Encrypt', exact: true }).click();
  const alert = panel.getByRole('alert').filter({ hasText: 'ValidationException' });
  await expect(alert).toContainText('Member must have length less than or equal to 4096');
  const hint = panel.getByRole('note').filter({ hasText: 'Trap 1' });
  await expect(hint).toContainText('envelope encryption');
  await expect(hint.getByRole('figure', { name: /Envelope encryption/ })).toBeVisible();

  await panel.getByRole('button', { name: 'GenerateDataKey', exact: true }).click();
  const key = panel.getByLabel('Plaintext data key', { exact: true });
  await expect(key).toHaveText(/^([0-9a-f]{2} ){31}[0-9a-f]{2}$/);
  await expect(key).not.toHaveText(/^(00 ){31}00$/);
  await panel.getByRole('button', { name: 'Encrypt locally, then discard the key' }).click();
  const discarded = panel.getByLabel('Plaintext data key, discarded');
  await expect(discarded).toHaveText(/^(00 ){31}00$/);
  await expect(panel.getByText('Discarded: the buffer was overwritten with zeros.')).toBeVisible();
  await panel.getByRole('button', { name: 'Decrypt the data key, then the data' }).click();
  await expect(panel.getByRole('status').filter({ hasText: 'Opened 7,200 bytes' })).toBeVisible();

  await panel.getByRole('button', { name: 'GenerateDataKeyWithoutPlaintext' }).click();
  await expect(panel.getByText('No plaintext came back')).toBeVisible();

  await panel.getByLabel('Number of bytes').fill('16');
  await panel.getByRole('button', { name: 'GenerateRandom', exact: true }).click();
  await expect(panel.getByRole('status', { name: 'Random bytes' })).toHaveText(/^([0-9a-f]{2} ){15}[0-9a-f]{2}$/);

  await page.screenshot({ path: testInfo.outputPath('encrypt-decrypt-dark.png'), fullPage: true });
  await expectNoSeriousA11yViolations(page, 'Encrypt and decrypt lab (dark)');
});
