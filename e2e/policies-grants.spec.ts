/**
 * Policies and grants lab on the sandbox: trap 3 (an IAM allow stops working when the key policy
 * no longer delegates to IAM), the lock-out check, administrators versus users, and a grant with an
 * encryption-context constraint used by AppServerRole, then retired by its retiring principal.
 */
import { expect, expectNoSeriousA11yViolations, test, useTheme } from './fixtures';
import { openLab, selectInspectorCall } from './helpers/lab-driver';
import { waitForConnection } from './helpers/moto';

{
  const theme = 'light';
  test(`trap 3, the lock-out check, admins versus users and a constrained grant, acting as demo roles`, async ({ page }) => {
    // Some twenty calls, each as a role reached through STS: longer than the default budget on a busy machine.
    test.slow();
    await useTheme(page, theme);
    const panel = await openLab(page, 'policies-grants');
    await waitForConnection(page);
    const log = panel.getByRole('log', { name: 'Calls and their outcomes' });
    const latest = log.getByRole('listitem').first();

    await panel.getByRole('button', { name: 'Create the lab key (as lab-admin)' }).click();
    await expect(latest).toContainText('as lab-admin · CreateKey → created');

    // Trap 3: the IAM allow works while the root statement is there, and not after.
    await panel.getByRole('button', { name: 'Encrypt as KeyUserRole', exact: true }).click();
    await expect(latest).toContainText('as KeyUserRole · Encrypt + Decrypt → allowed');
    await panel.getByRole('button', { name: 'Remove the IAM statement (as lab-admin)' }).click();
    await expect(latest).toContainText('PutKeyPolicy → key policy replaced (without-iam)');
    await panel.getByRole('button', { name: 'Encrypt as KeyUserRole again' }).click();
    await expect(latest).toContainText(
      /as KeyUserRole · Encrypt → AccessDeniedException: User: arn:aws:sts::111122223333:assumed-role\/KeyUserRole\/kms-study-lab is not authorized to perform: kms:Encrypt .* because no resource-based policy allows the kms:Encrypt action/,
    );

    // The lock-out safety check.
    await panel.getByRole('button', { name: 'Try a policy that names only KeyUserRole' }).click();
    await expect(latest).toContainText('MalformedPolicyDocumentException: The new key policy will not allow you to update the key policy in the future.');

    // Administrators manage but do not use; kms:Put* lets them change that.
    await panel.getByRole('button', { name: 'Apply the console policy (as lab-admin)' }).click();
    await panel.getByRole('button', { name: 'Encrypt as KeyAdminRole' }).click();
    await expect(latest).toContainText('as KeyAdminRole · Encrypt → AccessDeniedException');
    await panel.getByRole('button', { name: 'KeyUserRole rewrites the policy' }).click();
    await expect(latest).toContainText('as KeyUserRole · PutKeyPolicy → AccessDeniedException');
    await panel.getByRole('button', { name: 'KeyAdminRole rewrites the policy for itself' }).click();
    await expect(latest).toContainText('as KeyAdminRole · PutKeyPolicy → key policy replaced');
    await panel.getByRole('button', { name: 'Encrypt as KeyAdminRole' }).click();
    await expect(latest).toContainText('as KeyAdminRole · Encrypt + Decrypt → allowed');

    // A grant is the only way in for AppServerRole, and only with tenant=blue.
    await panel.getByRole('button', { name: 'Policy: administrator only' }).click();
    await panel.getByRole('button', { name: 'Encrypt as AppServerRole (tenant=blue)' }).click();
    await expect(latest).toContainText('as AppServerRole · Encrypt → AccessDeniedException');
    await panel.getByRole('button', { name: 'Create the grant (as lab-admin)' }).click();
    await expect(latest).toContainText('CreateGrant → grant');
    await expect(panel.getByRole('list', { name: 'Grants on the lab key' })).toContainText(
      'app-server-orders: arn:aws:iam::111122223333:role/AppServerRole may Encrypt, Decrypt when the context equals {"tenant":"blue"}',
    );
    await panel.getByRole('button', { name: 'Encrypt as AppServerRole (tenant=blue)' }).click();
    await expect(latest).toContainText('as AppServerRole · Encrypt + Decrypt → allowed');
    await panel.getByRole('button', { name: 'Encrypt as AppServerRole (tenant=red)' }).click();
    await expect(latest).toContainText('as AppServerRole · Encrypt → AccessDeniedException');
    await panel.getByRole('button', { name: 'Retire the grant (as KeyAdminRole)' }).click();
    await expect(latest).toContainText('as KeyAdminRole · RetireGrant → grant retired');
    await expect(panel.getByText('No grants on this key.')).toBeVisible();
    await panel.getByRole('button', { name: 'Encrypt as AppServerRole (tenant=blue)' }).click();
    await expect(latest).toContainText('as AppServerRole · Encrypt → AccessDeniedException');

    // The inspector says who each call ran as.
    const details = await selectInspectorCall(page, 'KMS', 'Encrypt');
    await expect(details.getByText(/· as AppServerRole ·/)).toBeVisible();
  });
}

// axe runs on a short path of its own: on a busy machine, the long walk above plus axe can outlast the budget.
for (const theme of ['light', 'dark'] as const) test(`the lab in the ${theme} theme has no serious accessibility violations`, async ({ page }) => {
  test.slow(); // axe on this long page takes tens of seconds on a busy machine
  await useTheme(page, theme);
  const panel = await openLab(page, 'policies-grants');
  await waitForConnection(page);
  await panel.getByRole('button', { name: 'Create the lab key (as lab-admin)' }).click();
  await expect(panel.getByRole('log', { name: 'Calls and their outcomes' })).toContainText('CreateKey → created');
  await expectNoSeriousA11yViolations(page, `Policies and grants lab (${theme})`);
});
