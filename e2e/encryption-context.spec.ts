/**
 * Encryption context lab on the sandbox: the six decrypt variants run live, and the Lambda case.
 */
import { expect, expectNoSeriousA11yViolationsInBothThemes, test } from './fixtures';
import { openLab } from './helpers/lab-driver';
import { waitForConnection } from './helpers/moto';

test(`only the reordered context decrypts among the mismatches`, async ({ page }, testInfo) => {
  const panel = await openLab(page, 'encryption-context');
  await waitForConnection(page);
  await panel.getByRole('button', { name: 'Create a practice key' }).click();
  await expect(panel.getByLabel('KMS key').locator('option')).toHaveCount(1);
  await expect(panel.getByLabel('KMS key')).toContainText('Practice key (context lab)');

  await panel.getByRole('button', { name: 'Encrypt with {TenantId: "Acme"}' }).click();
  await expect(panel.getByRole('status').filter({ hasText: 'Encrypted “Acme invoice 42” twice' })).toBeVisible();
  await panel.getByRole('button', { name: 'Run the six decrypts' }).click();

  const table = panel.getByRole('table', { name: 'Decrypt variants and their outcomes' });
  const row = (name: string) => table.getByRole('row').filter({ has: page.getByRole('rowheader', { name, exact: true }) });
  await expect(row('Identical')).toContainText('Decrypted: “Acme invoice 42”');
  for (const mismatch of ["Key's case changed", "Value's case changed", 'Missing', 'An extra pair']) {
    await expect(row(mismatch)).toContainText('Failed: InvalidCiphertextException');
  }
  await expect(row('Pairs in another order')).toContainText('Decrypted: “Acme invoice 42”');
  // Exactly two rows succeed: the identical one and the reordered one.
  await expect(table.getByText(/^Decrypted:/)).toHaveCount(2);

  // One refusal, opened: the explainer names the trap.
  await row('Missing').getByText('Failed: InvalidCiphertextException').click();
  await expect(row('Missing').getByRole('alert')).toContainText('InvalidCiphertextException');

  // The learner's own variant: a value with a trailing space is another value.
  const own = panel.getByRole('group', { name: 'Context sent to Decrypt' });
  await own.getByLabel('Context value 1').fill('Acme ');
  await panel.getByRole('button', { name: 'Decrypt with {"TenantId":"Acme "}' }).click();
  await expect(panel.getByRole('alert').filter({ hasText: 'InvalidCiphertextException' }).last()).toBeVisible();
  await own.getByLabel('Context value 1').fill('Acme');
  await panel.getByRole('button', { name: 'Decrypt with {"TenantId":"Acme"}' }).click();
  await expect(panel.getByRole('status').filter({ hasText: 'Decrypted: “Acme invoice 42” with {"TenantId":"Acme"}' })).toBeVisible();

  // The Lambda case: encrypted for one function, refused in another.
  await panel.getByRole('button', { name: 'Encrypt for function A' }).click();
  await expect(panel.getByText('Encrypted under context {"LambdaFunctionName":"KMSEncryptionDemo"}')).toBeVisible();
  await panel.getByRole('button', { name: 'Decrypt inside function A' }).click();
  await expect(panel.getByRole('status').filter({ hasText: 'Function A decrypted it' })).toContainText('db-pa55word');
  await panel.getByRole('button', { name: 'Decrypt inside function B' }).click();
  await expect(panel.getByText('Function B sent {"LambdaFunctionName":"ReportsFunction"}: refused.')).toBeVisible();
  await expect(panel.getByRole('note').filter({ hasText: 'aws:lambda:FunctionArn' })).toContainText('aws:lambda:FunctionName');

  await page.screenshot({ path: testInfo.outputPath(`encryption-context.png`), fullPage: true });
  await expectNoSeriousA11yViolationsInBothThemes(page, 'Encryption context lab');
});
