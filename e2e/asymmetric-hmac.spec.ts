/**
 * Asymmetric and HMAC lab on the sandbox (as the Cognito guest, on its own tagged keys): a JWT
 * signed by KMS and verified offline in the page with the public key, a changed claim failing,
 * the RSA-OAEP limit with AWS's message, a MAC mismatch as an error, and an encrypt-only producer.
 * Light and dark themes (axe), and the dark run at 390 px with no sideways overflow.
 */
import type { Page } from '@playwright/test';
import { expect, expectNoSeriousA11yViolations, test, useTheme } from './fixtures';
import { openApp } from './helpers/lab-driver';
import { waitForConnection } from './helpers/moto';
import { expectNoSidewaysOverflow } from './helpers/overflow';

const TITLE = 'Asymmetric and HMAC';

async function openAsymmetric(page: Page) {
  await openApp(page);
  await page.getByRole('navigation', { name: 'Labs' }).getByRole('link', { name: TITLE, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: TITLE })).toBeVisible();
  await waitForConnection(page);
  return page.getByRole('region', { name: `${TITLE} lab` });
}

for (const theme of ['light', 'dark'] as const) {
  test(`JWT verified offline, OAEP limit, MAC mismatch, encrypt-only producer (${theme})`, async ({ page }) => {
    test.slow();
    if (theme === 'dark') await page.setViewportSize({ width: 390, height: 844 });
    await useTheme(page, theme);
    const panel = await openAsymmetric(page);
    const latest = panel.getByRole('log', { name: 'Asymmetric and HMAC calls and their outcomes' }).getByRole('listitem').first();

    await panel.getByLabel('JWS algorithm').selectOption(theme === 'light' ? 'ES256' : 'PS256');
    await panel.getByRole('button', { name: 'Create a signing key' }).click();
    await expect(latest).toContainText(/KMS · CreateKey .* → arn:aws:kms:us-east-1:111122223333:key\//, { timeout: 30_000 });
    await panel.getByRole('button', { name: 'Sign a JWT' }).click();
    await expect(latest).toContainText(theme === 'light' ? 'ES256 token' : 'PS256 token');
    await expect(panel.getByLabel('The signed JWT')).toHaveText(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    await panel.getByRole('button', { name: 'Get the public key' }).click();
    await expect(latest).toContainText('DER SubjectPublicKeyInfo');
    await panel.getByRole('button', { name: 'Verify offline' }).click();
    await expect(latest).toContainText('in the page · verify (WebCrypto) → signature valid');
    await panel.getByRole('button', { name: 'Change a claim and verify again' }).click();
    await expect(latest).toContainText('signature INVALID: the claims were changed');

    await panel.getByRole('button', { name: 'Create an RSA_2048 encryption key' }).click();
    await expect(latest).toContainText('CreateKey (RSA_2048, ENCRYPT_DECRYPT)', { timeout: 30_000 });
    await panel.getByRole('button', { name: 'Encrypt 190 bytes with OAEP SHA-256' }).click();
    await expect(latest).toContainText('256-byte ciphertext');
    await panel.getByRole('button', { name: 'Encrypt 191 bytes with OAEP SHA-256' }).click();
    await expect(latest).toContainText('ValidationException: Algorithm RSAES_OAEP_SHA_256 and key spec RSA_2048 cannot encrypt data larger than 190 bytes.');

    await panel.getByRole('button', { name: 'Create an HMAC_256 key' }).click();
    await expect(latest).toContainText('CreateKey (HMAC_256, GENERATE_VERIFY_MAC)');
    await panel.getByRole('button', { name: 'MAC a message and verify it' }).click();
    await expect(latest).toContainText('32-byte MAC verified');
    await panel.getByRole('button', { name: 'Verify the MAC against a changed message' }).click();
    await expect(latest).toContainText('KMSInvalidMacException');

    await panel.getByRole('button', { name: "Make the producer's key pair" }).click();
    await expect(latest).toContainText('private key only as', { timeout: 30_000 });
    await panel.getByRole('button', { name: 'Producer encrypts a reading' }).click();
    await expect(latest).toContainText('256-byte ciphertext, no KMS call');
    await panel.getByRole('button', { name: 'Consumer decrypts it' }).click();
    await expect(latest).toContainText('“meter 7: 42 kWh”');

    if (theme === 'dark') await expectNoSidewaysOverflow(page, 'Asymmetric and HMAC lab at 390 px');
    await expectNoSeriousA11yViolations(page, `Asymmetric and HMAC lab (${theme})`);
  });
}
