/**
 * The Quotas and throttling lab on the sandbox (a burst at the teaching scale is throttled with
 * AWS's message, the SDK's retries appear in the inspector, data key caching cuts GenerateDataKey to
 * one), the header's principal switcher, and the Policies panel's cross-account step (the other
 * account fails without the key policy statement, fails without the IAM policy, succeeds with both).
 */
import type { Page } from '@playwright/test';
import { expect, expectNoSeriousA11yViolations, test, useTheme } from './fixtures';
import { openLab, selectInspectorCall } from './helpers/lab-driver';
import { waitForConnection } from './helpers/moto';

async function expectNoSidewaysOverflow(page: Page, label: string): Promise<void> {
  const { scroll, client } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
  expect(scroll, `${label}: page ${scroll} px wide in a ${client} px viewport`).toBeLessThanOrEqual(client);
}

test('quotas: throttling at the teaching scale, the SDK retries in the inspector, caching cuts the requests', async ({ page }) => {
  test.slow();
  const panel = await openLab(page, 'quotas');
  await waitForConnection(page);
  await panel.getByRole('button', { name: 'Use the teaching scale' }).click();
  await expect(panel.getByText('teaching scale (÷1,000)')).toBeVisible();

  await panel.getByRole('button', { name: 'Burst, one attempt each' }).click();
  const single = panel.getByRole('status', { name: 'Burst with one attempt each' });
  await expect(single).toContainText(/120 calls: \d+ succeeded, \d+ throttled\. HTTP requests sent: 120\./);
  // The engine counts each call when the page sent it (a burst waiting in its queue still counts as a
  // burst): 120 calls sent at once against 50 a second are throttled, with AWS's message.
  const text = (await single.textContent()) ?? '';
  expect(Number(/(\d+) throttled/.exec(text)?.[1] ?? '0'), text).toBeGreaterThan(0);
  await expect(single).toContainText('ThrottlingException: You have exceeded the rate at which you may call KMS. Reduce the frequency of your calls.');

  await panel.getByRole('button', { name: "Burst with the SDK's retries" }).click();
  const retried = panel.getByRole('status', { name: "Burst with the SDK's retries" });
  await expect(retried).toContainText(/120 calls: \d+ succeeded, \d+ throttled\. HTTP requests sent: \d+/);
  // The throttled calls were sent again by the SDK: more HTTP requests than calls.
  const retriedText = (await retried.textContent()) ?? '';
  expect(Number(/HTTP requests sent: (\d+)/.exec(retriedText)?.[1] ?? '0'), retriedText).toBeGreaterThan(120);

  await panel.getByRole('button', { name: "Back to AWS's figures" }).click();
  await expect(panel.getByText("AWS's figures", { exact: true })).toBeVisible();
  await panel.getByRole('button', { name: 'Encrypt without caching' }).click();
  await expect(panel.getByRole('status', { name: 'Without caching' })).toContainText('40 messages: 40 encrypted, 0 throttled, 40 GenerateDataKey calls');
  await panel.getByRole('button', { name: 'Encrypt with data key caching' }).click();
  await expect(panel.getByRole('status', { name: 'With data key caching' })).toContainText('40 messages: 40 encrypted, 0 throttled, 1 GenerateDataKey calls');

  // A retried call lists its attempts in the inspector, and says which account it ran in.
  const details = await selectInspectorCall(page, 'KMS', 'GenerateDataKey');
  await expect(details.getByText(/account 111122223333/)).toBeVisible();
});

test('the principal switcher: the header says who the calls run as, and the Policies panel crosses accounts', async ({ page }) => {
  test.slow();
  const panel = await openLab(page, 'policies-grants');
  await waitForConnection(page);
  const runAs = page.getByTestId('calls-run-as');
  await expect(runAs).toContainText('Your identity');
  await page.getByLabel('Act as').selectOption('partner-admin');
  await expect(runAs).toContainText("Other account's administrator · account 444455556666");
  await expect(runAs).toContainText('arn:aws:iam::444455556666:user/partner-admin');
  await page.getByLabel('Act as').selectOption('self');
  await expect(runAs).toContainText('Your identity');

  const latest = panel.getByRole('log', { name: 'Calls and their outcomes' }).getByRole('listitem').first();
  await panel.getByRole('button', { name: 'Create the lab key (as lab-admin)' }).click();
  await expect(latest).toContainText('CreateKey → created');
  await panel.getByRole('button', { name: 'Encrypt as PartnerAppRole (no key policy statement)' }).click();
  await expect(latest).toContainText(/as PartnerAppRole · Encrypt → AccessDeniedException: .* because no resource-based policy allows the kms:Encrypt action/);
  await panel.getByRole('button', { name: 'Allow account 444455556666 in the key policy (as lab-admin)' }).click();
  await expect(latest).toContainText('key policy replaced (cross-account)');
  await panel.getByRole('button', { name: 'Encrypt as PartnerLocalRole (no IAM policy)' }).click();
  await expect(latest).toContainText(/as PartnerLocalRole · Encrypt → AccessDeniedException: .* because no identity-based policy allows the kms:Encrypt action/);
  await panel.getByRole('button', { name: 'Encrypt as PartnerAppRole (both halves)' }).click();
  await expect(latest).toContainText('as PartnerAppRole · Encrypt + Decrypt → allowed across accounts');
  const details = await selectInspectorCall(page, 'KMS', 'Encrypt');
  await expect(details.getByText(/account 444455556666 · as PartnerAppRole/)).toBeVisible();
});

for (const theme of ['light', 'dark'] as const) {
  test(`the quotas lab in the ${theme} theme: no serious accessibility violations, no sideways overflow at 390 px`, async ({ page }) => {
    test.slow();
    await useTheme(page, theme);
    await page.setViewportSize({ width: 390, height: 844 });
    await openLab(page, 'quotas');
    await waitForConnection(page);
    await expect(page.getByRole('heading', { name: 'A quota you can reach by hand' })).toBeVisible();
    await expectNoSidewaysOverflow(page, `Quotas lab (${theme})`);
    await expectNoSeriousA11yViolations(page, `Quotas lab (${theme})`);
  });
}
