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
