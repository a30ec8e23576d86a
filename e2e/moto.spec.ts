/**
 * The Keys and Encrypt/Decrypt labs against moto's server on the endpoint backend: an
 * AWS-compatible server this project did not write (python3 -m moto.server on a free loopback
 * port, started and stopped by the `moto` worker fixture). The static keys test/test are typed
 * into the settings page; nothing secret goes in the URL. moto answers CORS preflights itself, so
 * the page talks to it directly (see e2e/helpers/moto.ts).
 *
 * Where moto differs from AWS, the test says so and checks what moto does.
 */
import { expect, expectNoSeriousA11yViolations, test } from './fixtures';
import { openLab } from './helpers/lab-driver';
import { FAILED_FETCH_CONSOLE, MOTO_ACCOUNT, connectToMoto } from './helpers/moto';

test.use({
  backendMode: 'endpoint',
  allowedOrigins: async ({ moto }, use) => use([moto.url]),
  // Chromium logs every 4xx response; here those are the learner's deliberate failures.
  allowedConsoleErrors: [FAILED_FETCH_CONSOLE],
});

test('Keys lab on moto: AWS managed key, the guide key, disable, enable, schedule and cancel deletion', async ({ page, moto }, testInfo) => {
  await connectToMoto(page, moto.url);
  const panel = await openLab(page, 'keys');

  await panel.getByRole('button', { name: 'Describe alias/aws/s3' }).click();
  // moto differs from AWS: its alias/aws/s3 key reports KeyManager CUSTOMER (AWS: AWS).
  await expect(panel.getByLabel('AWS managed key')).toContainText('KeyManagerCUSTOMER');
  await expect(panel.getByText('This backend reports KeyManager CUSTOMER')).toBeVisible();
  await panel.getByRole('button', { name: 'Try to delete it' }).click();
  // moto differs from AWS: it schedules the deletion of an AWS managed key. AWS refuses with
  // AccessDeniedException (the key policy gives the account no kms:ScheduleKeyDeletion).
  await expect(panel.getByRole('status').filter({ hasText: 'This backend let the deletion through' })).toContainText('AccessDeniedException');

  await panel.getByLabel('Alias (step 03)').fill('lab-app-encryption-key');
  await panel.getByRole('button', { name: 'Create key' }).click();
  await expect(panel.getByRole('status').filter({ hasText: 'Your KMS key was created with alias alias/lab-app-encryption-key' })).toContainText(
    'arn:aws:kms:us-east-1:123456789012:key/',
  );

  const row = panel.getByRole('table', { name: /KMS keys/ }).getByRole('row').filter({ hasText: 'alias/lab-app-encryption-key' });
  await expect(row).toContainText('Enabled');
  await row.getByRole('button', { name: 'Manage alias/lab-app-encryption-key' }).click();
  const details = panel.getByRole('region', { name: 'Key alias/lab-app-encryption-key' });
  await details.getByRole('button', { name: 'Disable key' }).click();
  await expect(row).toContainText('Disabled');
  await details.getByRole('button', { name: 'Enable key' }).click();
  await expect(row).toContainText('Enabled');
  await details.getByRole('button', { name: 'Schedule key deletion' }).click();
  await expect(row).toContainText('PendingDeletion');
  await details.getByRole('button', { name: 'Cancel key deletion' }).click();
  // As on AWS, moto leaves a key whose deletion was cancelled Disabled.
  await expect(row).toContainText('Disabled');

  await page.screenshot({ path: testInfo.outputPath('keys-moto.png'), fullPage: true });
  await expectNoSeriousA11yViolations(page, 'Keys lab on moto');
});

test('Encrypt and decrypt lab on moto: blob layout, decrypt variants, 4 KB limit, data keys', async ({ page, moto }) => {
  await connectToMoto(page, moto.url);
  const panel = await openLab(page, 'encrypt-decrypt');
  await panel.getByRole('button', { name: 'Create 2 practice keys' }).click();
  await expect(panel.getByLabel('KMS key').locator('option')).toHaveCount(2);

  await panel.getByRole('button', { name: 'Encrypt', exact: true }).click();
  await expect(panel.getByRole('status').filter({ hasText: 'Encrypted 28 bytes under' })).toBeVisible();
  // moto differs from AWS: its blob is the key id in clear, a 12-byte IV, the 16-byte tag and the
  // ciphertext (28 + 64 = 92 bytes here), not AWS's 01 02 03 00 78 header and CMS structure.
  const map = panel.getByRole('figure', { name: /Ciphertext blob: byte map/ });
  await expect(map).toContainText('key id in clear (36 ASCII bytes)');
  await expect(panel.getByText("moto's own layout, not AWS's")).toBeVisible();
  await expect(panel.getByRole('heading', { name: 'Ciphertext blob — 92 bytes' })).toBeVisible();

  await panel.getByRole('button', { name: 'Decrypt without KeyId' }).click();
  await expect(panel.getByRole('status').filter({ hasText: 'Without KeyId' })).toContainText('My secret credit card number');
  await panel.getByRole('button', { name: 'Decrypt with its KeyId' }).click();
  await expect(panel.getByRole('status').filter({ hasText: 'With KeyId' })).toContainText('My secret credit card number');
  await panel.getByRole('button', { name: 'Decrypt with the wrong key' }).click();
  // moto differs from AWS: a KeyId that does not match the blob gives AccessDeniedException (no
  // message); AWS answers IncorrectKeyException.
  await expect(panel.getByRole('alert').filter({ hasText: 'AccessDeniedException' })).toContainText('from Decrypt');

  await panel.getByRole('button', { name: 'ReEncrypt', exact: true }).click();
  await expect(panel.getByRole('figure', { name: /Re-encrypted blob: byte map/ })).toBeVisible();

  // Same as AWS, message included.
  await panel.getByRole('button', { name: 'Fill with 4,097 bytes' }).click();
  await panel.getByRole('button', { name: 'Encrypt', exact: true }).click();
  await expect(panel.getByRole('alert').filter({ hasText: 'ValidationException' })).toContainText('Member must have length less than or equal to 4096');
  await expect(panel.getByRole('note').filter({ hasText: 'Trap 1' })).toContainText('envelope encryption');

  await panel.getByRole('button', { name: 'GenerateDataKey', exact: true }).click();
  await expect(panel.getByLabel('Plaintext data key', { exact: true })).toHaveText(/^([0-9a-f]{2} ){31}[0-9a-f]{2}$/);
  await panel.getByRole('button', { name: 'Encrypt locally, then discard the key' }).click();
  await expect(panel.getByLabel('Plaintext data key, discarded')).toHaveText(/^(00 ){31}00$/);
  await panel.getByRole('button', { name: 'Decrypt the data key, then the data' }).click();
  await expect(panel.getByRole('status').filter({ hasText: 'Opened 7,200 bytes' })).toBeVisible();

  await panel.getByRole('button', { name: 'GenerateRandom', exact: true }).click();
  await expect(panel.getByRole('status', { name: 'Random bytes' })).toHaveText(/^([0-9a-f]{2} ){31}[0-9a-f]{2}$/);
  await expectNoSeriousA11yViolations(page, 'Encrypt and decrypt lab on moto');
});

test('Policies and grants lab on moto: the default key policy and a grant, as yourself', async ({ page, moto }) => {
  await connectToMoto(page, moto.url);
  const panel = await openLab(page, 'policies-grants');
  // The demo roles exist only in the sandbox; an endpoint's own keys run the rest.
  await expect(panel.getByRole('note', { name: 'Sandbox only: Acting as KeyAdminRole, KeyUserRole and AppServerRole' })).toBeVisible();

  await panel.getByRole('button', { name: 'Create a key as yourself' }).click();
  const log = panel.getByRole('log', { name: 'Your calls and their outcomes' });
  await expect(log).toContainText(`CreateKey → created`);
  await expect(log).toContainText(`in account ${MOTO_ACCOUNT}`);

  // Same as AWS: the default policy's one statement lets IAM decide. (moto, unlike AWS, needs
  // GetKeyPolicy's PolicyName, which the lab sends.)
  await panel.getByRole('button', { name: 'Read its key policy' }).click();
  await expect(log).toContainText('GetKeyPolicy → the default policy: the account root may do kms:*, so IAM policies decide');
  await expect(panel.getByText('"Enable IAM User Permissions"')).toBeVisible();

  await panel.getByRole('button', { name: 'Grant Encrypt and Decrypt for tenant=blue' }).click();
  const grants = panel.getByRole('list', { name: 'Grants on your key' });
  await expect(grants).toContainText(`orders-blue-tenant: arn:aws:iam::${MOTO_ACCOUNT}:root may Encrypt, Decrypt when the context equals {"tenant":"blue"}`);
  await panel.getByRole('button', { name: 'Revoke the grant' }).click();
  await expect(log).toContainText('RevokeGrant + ListGrants → 1 grant revoked');
  await expect(panel.getByText('No grants on this key.')).toBeVisible();
  await expectNoSeriousA11yViolations(page, 'Policies and grants lab on moto');
});
