/**
 * The S3 SSE lab on the sandbox: the same object under six modes with the comparison table filled
 * from the live calls, SSE-C blocked on a new bucket and then allowed, SSE-C's failures, the
 * SSE-KMS-only bucket policy refusing a plain upload, a presigned GET opened in the page; axe in
 * both themes and no sideways overflow at 390 px.
 */
import type { Locator, Page } from '@playwright/test';
import { expect, expectNoSeriousA11yViolations, test, useTheme } from './fixtures';
import { openLab } from './helpers/lab-driver';
import { waitForConnection } from './helpers/moto';

const LIVE = { timeout: 30_000 };

async function prepareAndUpload(page: Page): Promise<Locator> {
  const panel = await openLab(page, 'sse');
  await waitForConnection(page);
  await panel.getByRole('button', { name: 'Prepare the bucket and key' }).click();
  await expect(panel.getByRole('status').filter({ hasText: 'Bucket kms-lab-sse, key arn:aws:kms:' })).toBeVisible(LIVE);
  await panel.getByRole('button', { name: 'Upload under all six modes' }).click();
  const table = panel.getByRole('table', { name: /six encryption modes/ });
  await expect(table.getByRole('columnheader')).toHaveCount(7, LIVE);
  return panel;
}

/** The page is no wider than the viewport (a box that scrolls on its own, like the table, is fine). */
async function expectNoSidewaysOverflow(page: Page): Promise<void> {
  const { scroll, client } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
  expect(scroll, `page ${scroll} px wide in a ${client} px viewport`).toBeLessThanOrEqual(client);
}

test('six modes compared live, SSE-C blocked then allowed and failing without its key, the SSE-KMS policy, a presigned GET', async ({ page }) => {
  test.slow();
  await useTheme(page, 'light');
  const panel = await prepareAndUpload(page);
  const table = panel.getByRole('table', { name: /six encryption modes/ });
  const rowOf = (name: string) => table.getByRole('row').filter({ has: page.getByRole('rowheader', { name, exact: true }) });

  // A new bucket blocks SSE-C (April 2026): the row shows S3's 403, and the bucket can allow it.
  await expect(rowOf('Headers returned')).toContainText('403 AccessDenied');
  await panel.getByRole('button', { name: 'Allow SSE-C on this bucket and upload again' }).click();
  await expect(rowOf('Headers returned')).toContainText('SSECustomerKeyMD5', LIVE);
  await expect(rowOf('Headers returned')).not.toContainText('AccessDenied');

  // Headers and KMS calls, from the responses and the trail.
  const headers = rowOf('Headers returned');
  for (const text of ['ServerSideEncryption: AES256', 'ServerSideEncryption: aws:kms', 'BucketKeyEnabled: true', 'ServerSideEncryption: aws:kms:dsse', 'SSECustomerAlgorithm: AES256']) {
    await expect(headers).toContainText(text);
  }
  const onPut = rowOf('KMS calls on PUT').getByRole('cell');
  await expect(onPut.nth(0)).toHaveText('none'); // SSE-S3
  await expect(onPut.nth(1)).toHaveText('GenerateDataKey (by s3.amazonaws.com)'); // SSE-KMS
  await expect(onPut.nth(4)).toHaveText('none'); // SSE-C
  await expect(onPut.nth(5)).toHaveText('GenerateDataKey (by this page)'); // client-side
  await expect(rowOf('Read back').getByRole('cell').filter({ hasText: 'same text' })).toHaveCount(6);
  await expect(rowOf('Stored at rest').getByRole('cell').filter({ hasText: 'no plaintext' })).toHaveCount(6);
  // Trap 8: SSE-C sent the plaintext, client-side sent ciphertext.
  await expect(rowOf('Body the page sent').getByRole('cell').nth(4)).toContainText('"Payroll export');
  await expect(rowOf('Body the page sent').getByRole('cell').nth(5)).not.toContainText('Payroll');

  // SSE-C without its key, with another one, and copied.
  await panel.getByRole('button', { name: 'Try the SSE-C reads and copies' }).click();
  const ssec = panel.getByRole('list', { name: 'SSE-C attempts' });
  await expect(ssec.getByRole('listitem').nth(0)).toContainText(
    '400 InvalidRequest: The object was stored using a form of Server Side Encryption. The correct parameters must be provided to retrieve the object.',
    LIVE,
  );
  await expect(ssec.getByRole('listitem').nth(1)).toContainText(
    '403 AccessDenied: Requests specifying Server Side Encryption with Customer provided keys must provide the correct secret key.',
  );
  await expect(ssec.getByRole('listitem').nth(2)).toContainText('400 InvalidRequest');
  await expect(ssec.getByRole('listitem').nth(3)).toContainText('the copy is stored as AES256');

  // The SSE-KMS-only bucket policy.
  await panel.getByRole('button', { name: 'Apply it and try three uploads' }).click();
  const policy = panel.getByRole('list', { name: 'Uploads under the SSE-KMS policy' });
  await expect(policy.getByRole('listitem').nth(0)).toContainText('403 AccessDenied', LIVE);
  await expect(policy.getByRole('listitem').nth(1)).toContainText('403 AccessDenied');
  await expect(policy.getByRole('listitem').nth(2)).toContainText('stored as aws:kms');
  await expect(panel.getByText(/aws --endpoint-url http:\/\/127\.0\.0\.1:4599 s3api put-object/)).toBeVisible();

  // A presigned GET, opened with no credentials.
  await panel.getByRole('button', { name: 'Presign a GET for the SSE-S3 object and open it' }).click();
  await expect(panel.getByRole('status').filter({ hasText: 'Opened with no credentials: HTTP 200' })).toContainText('Payroll export 2026-11', LIVE);
  await expect(panel.getByText(/X-Amz-Signature=/)).toBeVisible();

  await expectNoSeriousA11yViolations(page, 'the S3 SSE lab (light)');
  await page.setViewportSize({ width: 390, height: 844 });
  await expectNoSidewaysOverflow(page);
});

test('the dark theme: the filled table has no serious accessibility violations', async ({ page }) => {
  test.slow();
  await useTheme(page, 'dark');
  await prepareAndUpload(page);
  await expectNoSeriousA11yViolations(page, 'the S3 SSE lab (dark)');
});
