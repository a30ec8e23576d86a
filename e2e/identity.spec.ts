/**
 * Identity lab on the sandbox: the classic flow the lab runs, step by step with live calls, and the
 * enhanced flow beside it, whose guest scope-down refuses CreateKey.
 */
import { expect, expectNoSeriousA11yViolations, test, useTheme } from './fixtures';
import { openLab, selectInspectorCall, inspectorTab } from './helpers/lab-driver';
import { waitForConnection } from './helpers/moto';

test.slow();

test('shows the classic flow live (token claims, role session, expiry counting down) and the enhanced flow refused CreateKey', async ({ page }) => {
  const panel = await openLab(page, 'identity');
  await waitForConnection(page);
  await panel.getByRole('button', { name: 'Run the classic flow now' }).click();

  const claims = panel.getByRole('figure', { name: /OpenID token: header and claims/ });
  await expect(claims).toContainText('"amr"');
  await expect(claims).toContainText('unauthenticated');
  await expect(claims).toContainText('"sub": "us-east-1:');
  await expect(panel.getByLabel('Role session')).toContainText(/^arn:aws:sts::111122223333:assumed-role\/KmsStudyLabGuestRole\/kms-study-lab$/);
  const left = panel.getByLabel('Time left');
  await expect(left).toHaveText(/^\d+:\d\d$/);
  const first = await left.textContent();
  await expect(left).not.toHaveText(first ?? '', { timeout: 5_000 });

  // The calls are the real ones, in the inspector.
  const details = await selectInspectorCall(page, 'STS', 'AssumeRoleWithWebIdentity');
  expect(await inspectorTab(details, 'Input / output')).toContain('KmsStudyLabGuestRole');
  await page.getByRole('complementary', { name: /^Inspector/ }).getByRole('button', { name: 'Close' }).click();

  await panel.getByRole('button', { name: 'Get enhanced-flow credentials and try CreateKey' }).click();
  const refusal = panel.getByRole('alert').filter({ hasText: 'AccessDeniedException' });
  await expect(refusal).toContainText('CognitoIdentityCredentials');
  await expect(refusal).toContainText('kms:CreateKey');
  await expect(panel.getByRole('status').filter({ hasText: 'Refused by the guest scope-down' })).toBeVisible();
  await expectNoSeriousA11yViolations(page, 'Identity lab (light)');
});

test('the Identity lab has no serious accessibility violation in the dark theme', async ({ page }) => {
  await useTheme(page, 'dark');
  const panel = await openLab(page, 'identity');
  await waitForConnection(page);
  await panel.getByRole('button', { name: 'Run the classic flow now' }).click();
  await expect(panel.getByLabel('Role session')).toBeVisible();
  await expectNoSeriousA11yViolations(page, 'Identity lab (dark)');
});

test.describe('the questions beside the lab, at 390 px', () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test('the Identity questions show beside the lab; a predict-then-run item runs the enhanced flow live; no sideways overflow', async ({ page }) => {
    await page.goto('/#/labs/identity?q=id-predict-enhanced-create-key');
    await waitForConnection(page);
    const practice = page.getByRole('region', { name: 'Exam practice' });
    await expect(practice).toContainText('0 of 13 answered', { timeout: 90_000 });
    const card = page.locator('#q-id-predict-enhanced-create-key');
    await expect(card).toContainText('GetCredentialsForIdentity');
    await card.getByLabel(/AccessDeniedException from KMS/).check();
    await card.getByRole('button', { name: 'Run the experiment' }).click();
    await expect(card.getByRole('heading', { name: 'Your prediction was right' })).toBeVisible({ timeout: 30_000 });
    await expect(card).toContainText('no session policy allows the kms:CreateKey action');
    await expect(practice).toContainText('1 of 13 answered');

    const { scroll, client } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
    expect(scroll, 'the page is no wider than the phone').toBeLessThanOrEqual(client);
  });
});
