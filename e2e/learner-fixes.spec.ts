/**
 * The labs as a learner meets them (issue 13): no silent orphan key, no sideways overflow on a
 * phone, results that belong to their inputs, bad input answered in the form.
 */
import type { Page } from '@playwright/test';
import { expect, expectNoSeriousA11yViolationsInBothThemes, test } from './fixtures';
import { openLab, type LabId } from './helpers/lab-driver';
import { connectionSummary } from './helpers/lab-driver';
import { expectNoSidewaysOverflow } from './helpers/overflow';

/** Credentials ready (the header shows an identity); generous, as the shared machine can be slow. */
async function waitForConnection(page: Page): Promise<void> {
  await expect(connectionSummary(page).locator('dt:has-text("Identity") + dd')).not.toHaveText(/connecting/i, { timeout: 60_000 });
}

const SLOW = { timeout: 45_000 };

// The machine these run on is shared and can be slow: generous timeouts, never timed assertions.
test.slow();

test('a refused alias leaves no silent orphan: checked before any call, and a late refusal names the key and offers a way out', async ({ page }) => {
  const panel = await openLab(page, 'keys');
  await waitForConnection(page);
  const alias = panel.getByLabel('Alias (step 03)');
  const create = panel.getByRole('button', { name: 'Create key' });

  // The guide's own name is refused in the form, for the guest, before CreateKey runs.
  await alias.fill('app-encryption-key');
  await expect(panel.getByText(/guest role may create aliases only under alias\/lab-/).first()).toBeVisible();
  await expect(create).toBeDisabled();
  await panel.getByRole('button', { name: 'Use alias/lab-app-encryption-key' }).click();
  await expect(alias).toHaveValue('lab-app-encryption-key');

  // Typed with its prefix, the name is not doubled.
  await alias.fill('alias/lab-orphan-test');
  await create.click();
  await expect(panel.getByRole('status').filter({ hasText: 'Your KMS key was created with alias alias/lab-orphan-test and key ID' })).toBeVisible(SLOW);
  await expect(alias).toHaveValue('');
  await expect(page.getByText('alias/alias/')).toHaveCount(0);

  // The same name again passes the form (it cannot know every alias) and CreateAlias refuses it:
  // the panel says the key exists, with its id, and offers deletion.
  await alias.fill('lab-orphan-test');
  await create.click();
  const orphan = panel.getByRole('alert').filter({ hasText: 'The key was created, but its alias was refused.' });
  await expect(orphan).toContainText('AlreadyExistsException', SLOW);
  const keyId = (await orphan.locator('span.font-mono').first().textContent()) ?? '';
  expect(keyId).toMatch(/^[0-9a-f-]{36}$/);
  await orphan.getByRole('button', { name: 'Schedule its deletion (7 days)' }).click();
  await expect(orphan.getByRole('status')).toContainText(`Key ${keyId} is pending deletion`);
  await expect(panel.getByRole('table', { name: /KMS keys/ }).getByRole('row').filter({ hasText: keyId })).toContainText('PendingDeletion');
});

test('every key type is offered with its usages, and the policy preview follows the type', async ({ page }) => {
  const panel = await openLab(page, 'keys');
  await waitForConnection(page);
  const preview = panel.getByRole('figure', { name: /Key policy preview/ });
  await panel.getByRole('radio', { name: 'HMAC' }).check();
  await expect(panel.getByRole('radio', { name: 'Generate and verify MAC' })).toBeChecked();
  await expect(preview).toContainText('kms:GenerateMac');
  await expect(preview).not.toContainText('Allow attachment of persistent resources');
  await panel.getByRole('radio', { name: 'Asymmetric — elliptic curve' }).check();
  await panel.getByLabel('Key spec').selectOption('ECC_SECG_P256K1');
  await expect(panel.getByRole('radio', { name: 'Key agreement' })).toHaveCount(0);
  await panel.getByLabel('Key spec').selectOption('ECC_NIST_P256');
  await panel.getByRole('radio', { name: 'Sign and verify' }).check();
  await expect(preview).toContainText('kms:Sign');
  await panel.getByLabel('Alias (step 03)').fill('lab-signing');
  await panel.getByRole('button', { name: 'Create key' }).click();
  await expect(panel.getByRole('status').filter({ hasText: 'created with alias alias/lab-signing' })).toBeVisible(SLOW);
  await expect(panel.getByRole('table', { name: /KMS keys/ }).getByRole('row').filter({ hasText: 'alias/lab-signing' })).toContainText('ECC_NIST_P256');
});

test('a new Encrypt clears the results of the previous one; a failed Encrypt clears them too', async ({ page }) => {
  const panel = await openLab(page, 'encrypt-decrypt');
  await waitForConnection(page);
  await panel.getByRole('button', { name: 'Create 2 practice keys' }).click();
  await expect(panel.getByLabel('KMS key').locator('option')).toHaveCount(2);
  await panel.getByRole('button', { name: 'Encrypt', exact: true }).click();
  await panel.getByRole('button', { name: 'Decrypt without KeyId' }).click();
  const decrypted = panel.getByRole('status').filter({ hasText: 'Without KeyId' });
  await expect(decrypted).toContainText('My secret credit card number');
  await panel.getByRole('button', { name: 'ReEncrypt', exact: true }).click();
  const reblob = panel.getByRole('figure', { name: /Re-encrypted blob: byte map/ });
  await expect(reblob).toBeVisible();

  await panel.getByLabel('Plaintext', { exact: true }).fill('A second secret');
  await panel.getByRole('button', { name: 'Encrypt', exact: true }).click();
  await expect(panel.getByRole('status').filter({ hasText: 'Encrypted 15 bytes under' })).toBeVisible();
  await expect(decrypted).toHaveCount(0);
  await expect(reblob).toHaveCount(0);

  await panel.getByRole('button', { name: 'Decrypt without KeyId' }).click();
  await expect(decrypted).toContainText('A second secret');
  await panel.getByRole('button', { name: 'Fill with 4,097 bytes' }).click();
  await panel.getByRole('button', { name: 'Encrypt', exact: true }).click();
  await expect(panel.getByRole('note').filter({ hasText: 'Trap 1' })).toBeVisible();
  await expect(decrypted).toHaveCount(0);
  await expect(panel.getByRole('button', { name: 'Decrypt without KeyId' })).toHaveCount(0);
});

test('the envelope decrypts its data key with the key that wrapped it, after the selector changes', async ({ page }) => {
  const panel = await openLab(page, 'encrypt-decrypt');
  await waitForConnection(page);
  await panel.getByRole('button', { name: 'Create 2 practice keys' }).click();
  const select = panel.getByLabel('KMS key');
  await expect(select.locator('option')).toHaveCount(2);
  const wrapping = await select.inputValue();
  await panel.getByRole('button', { name: 'GenerateDataKey', exact: true }).click();
  await panel.getByRole('button', { name: 'Encrypt locally, then discard the key' }).click();
  const other = await select.locator('option').nth(1).getAttribute('value');
  await select.selectOption(other ?? '');
  await expect(panel.getByText(`wrapped under: ${wrapping}`)).toBeVisible();
  await expect(panel.getByText(/The key selector above now shows another key/)).toBeVisible();
  await panel.getByRole('button', { name: 'Decrypt the data key, then the data' }).click();
  await expect(panel.getByRole('status').filter({ hasText: 'Opened 7,200 bytes' })).toBeVisible();
  await expect(panel.getByText('IncorrectKeyException')).toHaveCount(0);
});

test.describe('at 390 px', () => {
  test.use({ viewport: { width: 390, height: 844 } });

  // The Asymmetric/HMAC and Multi-Region labs check 390 px after their main actions in their own specs.
  const actions: Partial<Record<LabId, (page: Page) => Promise<void>>> = {
    keys: async (page) => {
      const panel = page.getByRole('region', { name: 'Keys lab' });
      await panel.getByRole('button', { name: 'Describe alias/aws/s3' }).click();
      await panel.getByRole('button', { name: 'Try to delete it' }).click();
      await expect(panel.getByRole('alert').first()).toBeVisible();
      await panel.getByRole('button', { name: 'Create key' }).click();
      await expect(panel.getByRole('status').filter({ hasText: 'Your KMS key was created' })).toBeVisible(SLOW);
    },
    'encrypt-decrypt': async (page) => {
      const panel = page.getByRole('region', { name: 'Encrypt and decrypt lab' });
      await panel.getByRole('button', { name: 'Create 2 practice keys' }).click();
      await expect(panel.getByLabel('KMS key').locator('option')).toHaveCount(2);
      await panel.getByRole('button', { name: 'Encrypt', exact: true }).click();
      await expect(panel.getByRole('figure', { name: /Ciphertext blob: byte map/ })).toBeVisible();
      await panel.getByRole('button', { name: 'ReEncrypt', exact: true }).click();
      await expect(panel.getByRole('figure', { name: /Re-encrypted blob: byte map/ })).toBeVisible();
      await panel.getByRole('button', { name: 'GenerateDataKey', exact: true }).click();
      await panel.getByRole('button', { name: 'Encrypt locally, then discard the key' }).click();
      await panel.getByRole('button', { name: 'GenerateRandom', exact: true }).click();
      await expect(panel.getByLabel('Random bytes')).toBeVisible();
      const remove = await panel.getByRole('button', { name: 'Remove context pair 1' }).boundingBox();
      expect((remove?.x ?? 0) + (remove?.width ?? 0)).toBeLessThanOrEqual(390);
    },
    envelope: async (page) => {
      const panel = page.getByRole('region', { name: 'Envelope encryption lab' });
      await panel.getByRole('button', { name: 'Create a practice key' }).click();
      await expect(panel.getByLabel('KMS key that wraps the data key').locator('option')).toHaveCount(1);
      await panel.getByLabel('Or a random test file of (MiB)').fill('1');
      await panel.getByRole('button', { name: 'Make test file' }).click();
      await panel.getByRole('button', { name: 'Encrypt and store' }).click();
      await expect(panel.getByLabel('What was stored')).toBeVisible(SLOW);
    },
    sse: async (page) => {
      const panel = page.getByRole('region', { name: 'S3 server-side encryption lab' });
      await panel.getByRole('button', { name: 'Prepare the bucket and key' }).click();
      await panel.getByRole('button', { name: 'Upload under all six modes' }).click();
      await expect(panel.getByRole('table', { name: /six encryption modes/ }).getByRole('columnheader')).toHaveCount(7, SLOW);
    },
    'encryption-context': async (page) => {
      const panel = page.getByRole('region', { name: 'Encryption context lab' });
      await panel.getByRole('button', { name: 'Create a practice key' }).click();
      await panel.getByRole('button', { name: 'Encrypt with {TenantId: "Acme"}' }).click();
      await panel.getByRole('button', { name: 'Run the six decrypts' }).click();
      await panel.getByRole('button', { name: 'Encrypt for function A' }).click();
      await panel.getByRole('button', { name: 'Decrypt inside function B' }).click();
      await expect(panel.getByRole('alert').first()).toBeVisible();
    },
    identity: async (page) => {
      const panel = page.getByRole('region', { name: 'Identity lab' });
      await panel.getByRole('button', { name: 'Run the classic flow now' }).click();
      await expect(panel.getByLabel('Role session')).toBeVisible();
      await panel.getByRole('button', { name: 'Get enhanced-flow credentials and try CreateKey' }).click();
      await expect(panel.getByRole('alert').filter({ hasText: 'AccessDeniedException' })).toBeVisible();
    },
    'policies-grants': async (page) => {
      const panel = page.getByRole('region', { name: 'Policies and grants lab' });
      const latest = panel.getByRole('log', { name: 'Calls and their outcomes' }).getByRole('listitem').first();
      await panel.getByRole('button', { name: 'Create the lab key (as lab-admin)' }).click();
      await expect(latest).toContainText('CreateKey → created', SLOW);
      await panel.getByRole('button', { name: 'Encrypt as KeyUserRole', exact: true }).click();
      await expect(latest).toContainText('Encrypt + Decrypt → allowed', SLOW);
    },
    'lambda-env': async (page) => {
      const panel = page.getByRole('region', { name: 'Lambda environment variables lab' });
      const latest = panel.getByRole('log', { name: 'Simulation steps and their outcomes' }).getByRole('listitem').first();
      await panel.getByRole('button', { name: 'Deploy: create the key and encrypt the variable' }).click();
      await expect(latest).toContainText('DB_PASSWORD encrypted', SLOW);
      await panel.getByRole('button', { name: "Cold start with the guide's code" }).click();
      await expect(latest).toContainText('AccessDeniedException', SLOW);
    },
    cleanup: async (page) => {
      const panel = page.getByRole('region', { name: 'Clean-up lab' });
      await expect(panel.getByRole('heading').first()).toBeVisible();
    },
    quotas: async (page) => {
      const panel = page.getByRole('region', { name: 'Quotas and throttling lab' });
      await panel.getByRole('button', { name: 'Encrypt with data key caching' }).click();
      await expect(panel.getByRole('status', { name: 'With data key caching' })).toContainText('1 GenerateDataKey calls');
    },
    rotation: async (page) => {
      const panel = page.getByRole('region', { name: 'Rotation lab' });
      await panel.getByRole('button', { name: 'Create a practice key' }).click();
      await panel.getByRole('button', { name: 'Encrypt a sample now' }).click();
      await panel.getByRole('button', { name: 'Rotate now (on demand)' }).click();
      await panel.getByRole('button', { name: 'Decrypt all' }).click();
      await expect(panel.getByRole('button', { name: 'Decrypt all' })).toBeEnabled();
    },
  };

  for (const id of Object.keys(actions) as LabId[]) {
    test(`the ${id} lab never overflows sideways after its main actions`, async ({ page }) => {
      await openLab(page, id);
      await waitForConnection(page);
      await expectNoSidewaysOverflow(page, `${id} on arrival`);
      await actions[id]!(page);
      await expectNoSidewaysOverflow(page, `${id} after its main actions`);
    });
  }
});

test('the changed Keys and Encrypt pages have no serious accessibility violation, in either theme', async ({ page }) => {
  const panel = await openLab(page, 'keys');
  await waitForConnection(page);
  await panel.getByLabel('Alias (step 03)').fill('app-encryption-key');
  await panel.getByRole('radio', { name: 'Asymmetric — RSA' }).check();
  await expectNoSeriousA11yViolationsInBothThemes(page, 'Keys lab, refused alias');
  const ed = await openLab(page, 'encrypt-decrypt');
  await ed.getByRole('button', { name: 'Create 2 practice keys' }).click();
  await ed.getByRole('button', { name: 'Encrypt', exact: true }).click();
  await expect(ed.getByRole('figure', { name: /Ciphertext blob: byte map/ })).toBeVisible();
  await expectNoSeriousA11yViolationsInBothThemes(page, 'Encrypt and decrypt lab');
});

test('bad input is answered in the form before any call', async ({ page }) => {
  const panel = await openLab(page, 'encrypt-decrypt');
  await waitForConnection(page);
  await panel.getByRole('button', { name: 'Create 2 practice keys' }).click();
  await expect(panel.getByLabel('KMS key').locator('option')).toHaveCount(2, SLOW);
  const encrypt = panel.getByRole('button', { name: 'Encrypt', exact: true });

  // An empty context key, then a duplicate one.
  await panel.getByRole('button', { name: 'Add a context pair' }).click();
  await expect(panel.getByText('Pair 2 has no key')).toBeVisible();
  await expect(encrypt).toBeDisabled();
  await panel.getByLabel('Context key 2').fill('purpose');
  await expect(panel.getByText('Key “purpose” is in pairs 1 and 2')).toBeVisible();
  await expect(encrypt).toBeDisabled();
  await panel.getByRole('button', { name: 'Remove context pair 2' }).click();
  await expect(encrypt).toBeEnabled();

  // A byte count that is not a whole number never reaches the wire.
  await panel.getByLabel('Number of bytes').fill('1.5');
  await expect(panel.getByText('Enter a whole number of bytes from 1 to 1,024.')).toBeVisible();
  await expect(panel.getByRole('button', { name: 'GenerateRandom', exact: true })).toBeDisabled();

  // 6 MB pasted (a real paste event, built in the page): the counter reads the size, the text is
  // held aside instead of laid out in the box, and it can be cut to what Encrypt takes and typed on.
  const text = panel.getByLabel('Plaintext', { exact: true });
  await text.evaluate((el) => {
    (el as HTMLTextAreaElement).select(); // the paste replaces the sample text
    const data = new DataTransfer();
    data.setData('text/plain', 'a'.repeat(6 * 1024 * 1024));
    el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  });
  await expect(panel.getByText('6,291,456 bytes', { exact: true })).toBeVisible(SLOW);
  const aside = panel.getByRole('group', { name: 'Plaintext, held aside' });
  await expect(aside).toContainText('Encrypt sends it as it is');
  await expect(encrypt).toBeEnabled();
  await aside.getByRole('button', { name: 'Keep the first 4,096 bytes' }).click();
  await expect(panel.getByText('4,096 bytes', { exact: true })).toBeVisible();
  await text.press('End');
  await text.pressSequentially('bc');
  await expect(panel.getByText('4,098 bytes', { exact: true })).toBeVisible();

  // A line that is not an ARN in a principal box is named, and Create key waits.
  const keys = await openLab(page, 'keys');
  await keys.getByLabel('Other principal ARNs for key users (one per line)').fill('arn:aws:iam::111122223333:role/Ok\nnot-an-arn');
  await expect(keys.getByText(/Not an IAM user, role or root ARN .*not-an-arn/)).toBeVisible();
  await expect(keys.getByRole('button', { name: 'Create key' })).toBeDisabled();
});

test("the lab's ciphertexts survive a reload (never the plaintext)", async ({ page }) => {
  const panel = await openLab(page, 'encrypt-decrypt');
  await waitForConnection(page);
  await panel.getByRole('button', { name: 'Create 2 practice keys' }).click();
  await expect(panel.getByLabel('KMS key').locator('option')).toHaveCount(2, SLOW);
  await panel.getByLabel('Plaintext', { exact: true }).fill('kept out of storage');
  await panel.getByRole('button', { name: 'Encrypt', exact: true }).click();
  const base64 = panel.getByRole('figure', { name: /Ciphertext blob \(base64\)/ });
  await expect(base64).toContainText('AQID', SLOW);
  const before = await base64.locator('pre').textContent();

  // The two practice keys made above are usable here too, so the Rotation lab offers none to create.
  const rotation = await openLab(page, 'rotation');
  // Asserted once the lab has listed its keys, so an empty list still loading cannot pass it.
  await expect(rotation.getByLabel('KMS key').locator('option')).not.toHaveCount(0, SLOW);
  await expect(rotation.getByRole('button', { name: /Create .*practice key/ })).toHaveCount(0);
  await rotation.getByRole('button', { name: 'Encrypt a sample now' }).click();
  await expect(rotation.getByRole('table', { name: /Stored ciphertexts/ }).getByRole('row')).toHaveCount(2, SLOW);

  await page.reload();
  const afterRotation = page.getByRole('region', { name: 'Rotation lab' });
  await expect(afterRotation.getByRole('table', { name: /Stored ciphertexts/ }).getByRole('row')).toHaveCount(2, SLOW);
  await afterRotation.getByRole('button', { name: 'Decrypt all' }).click();
  await expect(afterRotation.getByRole('table', { name: /Stored ciphertexts/ })).toContainText('sample 1', SLOW);

  const again = await openLab(page, 'encrypt-decrypt');
  await expect(again.getByText('Kept from before the reload')).toBeVisible(SLOW);
  await expect(again.getByRole('figure', { name: /Ciphertext blob \(base64\)/ }).locator('pre')).toHaveText(before ?? '');
  await again.getByRole('button', { name: 'Decrypt with its KeyId' }).click();
  await expect(again.getByRole('status').filter({ hasText: 'With KeyId' })).toContainText('kept out of storage', SLOW);
  const stored = await page.evaluate(() => JSON.stringify(Object.entries(localStorage)));
  expect(stored).not.toContain('kept out of storage');
  expect(stored).toContain('lab-state');
});
