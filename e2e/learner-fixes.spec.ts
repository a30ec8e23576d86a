/**
 * The labs as a learner meets them (issue 13): no silent orphan key, no sideways overflow on a
 * phone, results that belong to their inputs, bad input answered in the form.
 */
import type { Page } from '@playwright/test';
import { expect, expectNoSeriousA11yViolations, test, useTheme } from './fixtures';
import { openLab, type LabId } from './helpers/lab-driver';
import { waitForConnection } from './helpers/moto';

async function expectNoSidewaysOverflow(page: Page, label: string): Promise<void> {
  const { scroll, client, culprits } = await page.evaluate(() => {
    const client = document.documentElement.clientWidth;
    // The innermost elements that stick out, to name the culprit when this fails.
    // Elements inside a box that scrolls sideways on its own are fine: that box is the fix.
    const scrolls = (el: Element) => {
      for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
        const o = getComputedStyle(p).overflowX;
        if (o === 'auto' || o === 'scroll' || o === 'hidden') return true;
      }
      return false;
    };
    const out = (el: Element) => el.getBoundingClientRect().right > client + 0.5 && !scrolls(el);
    const culprits = [...document.querySelectorAll('body *')]
      .filter((el) => out(el) && ![...el.children].some(out))
      .slice(0, 5)
      .map((el) => `${el.tagName.toLowerCase()}.${[...el.classList].join('.')} "${(el.textContent ?? '').slice(0, 40)}"`);
    return { scroll: document.documentElement.scrollWidth, client, culprits };
  });
  expect(scroll, `${label}: page width ${scroll} px in a ${client} px viewport; sticking out: ${culprits.join(' | ')}`).toBeLessThanOrEqual(client);
}

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
  await expect(panel.getByRole('status').filter({ hasText: 'Your KMS key was created with alias alias/lab-orphan-test and key ID' })).toBeVisible();
  await expect(alias).toHaveValue('');
  await expect(page.getByText('alias/alias/')).toHaveCount(0);

  // The same name again passes the form (it cannot know every alias) and CreateAlias refuses it:
  // the panel says the key exists, with its id, and offers deletion.
  await alias.fill('lab-orphan-test');
  await create.click();
  const orphan = panel.getByRole('alert').filter({ hasText: 'The key was created, but its alias was refused.' });
  await expect(orphan).toContainText('AlreadyExistsException');
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
  await expect(panel.getByRole('status').filter({ hasText: 'created with alias alias/lab-signing' })).toBeVisible();
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

  const actions: Record<LabId, (page: Page) => Promise<void>> = {
    keys: async (page) => {
      const panel = page.getByRole('region', { name: 'Keys lab' });
      await panel.getByRole('button', { name: 'Describe alias/aws/s3' }).click();
      await panel.getByRole('button', { name: 'Try to delete it' }).click();
      await expect(panel.getByRole('alert').first()).toBeVisible();
      await panel.getByRole('button', { name: 'Create key' }).click();
      await expect(panel.getByRole('status').filter({ hasText: 'Your KMS key was created' })).toBeVisible();
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
      await actions[id](page);
      await expectNoSidewaysOverflow(page, `${id} after its main actions`);
    });
  }
});

for (const theme of ['light', 'dark'] as const) {
  test(`the changed Keys and Encrypt pages have no serious accessibility violation (${theme})`, async ({ page }) => {
    await useTheme(page, theme);
    const panel = await openLab(page, 'keys');
    await waitForConnection(page);
    await panel.getByLabel('Alias (step 03)').fill('app-encryption-key');
    await panel.getByRole('radio', { name: 'Asymmetric — RSA' }).check();
    await expectNoSeriousA11yViolations(page, `Keys lab, refused alias (${theme})`);
    const ed = await openLab(page, 'encrypt-decrypt');
    await ed.getByRole('button', { name: 'Create 2 practice keys' }).click();
    await ed.getByRole('button', { name: 'Encrypt', exact: true }).click();
    await expect(ed.getByRole('figure', { name: /Ciphertext blob: byte map/ })).toBeVisible();
    await expectNoSeriousA11yViolations(page, `Encrypt and decrypt lab (${theme})`);
  });
}
