/**
 * The audit trail page: CloudTrail records read through LookupEvents on the active backend.
 */
import { expect, expectNoSeriousA11yViolations, test } from './fixtures';
import { openLab, waitForIdentity } from './helpers/lab-driver';

test.describe('audit trail on the sandbox', () => {
  test('a call appears at once, with its identity and key, and the filters narrow the list', async ({ page }) => {
    await page.goto('/#/trail');
    await waitForIdentity(page);
    await expect(page.getByText('On the sandbox a call appears here as soon as it is made.')).toBeVisible();
    await expect(page.getByText(/CloudTrail lags by minutes/)).toHaveCount(0);

    await page.getByRole('button', { name: 'Call DescribeKey on alias/aws/s3' }).click();
    const events = page.getByRole('list', { name: 'Trail events' });
    const describe = events.getByRole('article', { name: /^DescribeKey at / }).first();
    await expect(describe).toBeVisible();
    await expect(describe).toContainText('kms.amazonaws.com');
    await expect(describe).toContainText('succeeded');
    await expect(describe).toContainText('arn:aws:sts::111122223333:assumed-role/KmsStudyLabGuestRole/');
    await expect(describe).toContainText('via cognito-identity.amazonaws.com');
    const keyArn = (await describe.locator('dt:has-text("Key") + dd').textContent())!.trim();
    expect(keyArn).toMatch(/^arn:aws:kms:us-east-1:111122223333:key\/[0-9a-f-]{36}$/);

    // The lab's own reads (this page's LookupEvents, list refreshes) carry one marker and are hidden by
    // default (CloudTrail records them too); the switch shows them.
    await expect(page.getByText(/of the lab's own reads hidden/)).toBeVisible();
    const lookups = events.getByRole('article', { name: /^LookupEvents at / });
    await expect(lookups).toHaveCount(0);
    const showOwn = page.getByRole('switch', { name: /Show the lab’s own reads/ });
    await showOwn.check();
    await expect(lookups.first()).toBeVisible();
    await showOwn.uncheck();
    await expect(lookups).toHaveCount(0);

    // The whole record is there to read, with no secret in it.
    await describe.getByText('The whole record').click();
    const record = await describe.locator('pre').textContent();
    expect(JSON.parse(record!)).toMatchObject({ eventName: 'DescribeKey', eventSource: 'kms.amazonaws.com', awsRegion: 'us-east-1' });
    expect(record).not.toMatch(/SecretAccessKey|SessionToken/);

    // Filter by event name: only DescribeKey records.
    await page.getByLabel('Event name').fill('DescribeKey');
    await page.getByRole('button', { name: 'Filter' }).click();
    await expect(page.getByRole('heading', { name: /Events · DescribeKey/ })).toBeVisible();
    const names = await events.getByRole('heading', { level: 3 }).allTextContents();
    expect(names.length).toBeGreaterThan(0);
    expect(new Set(names)).toEqual(new Set(['DescribeKey']));

    // Filter by key (and event name): the record for that key.
    await page.getByLabel('Key (ARN or id)').fill(keyArn.split('/')[1]!);
    await page.getByRole('button', { name: 'Filter' }).click();
    await expect(events.getByRole('article').first()).toContainText(keyArn);

    // A name no call had: nothing matches.
    await page.getByLabel('Event name').fill('ScheduleKeyDeletion');
    await page.getByLabel('Key (ARN or id)').fill('');
    await page.getByRole('button', { name: 'Filter' }).click();
    await expect(page.getByText('No events match this filter.')).toBeVisible();

    // S3's object calls are data events: listed apart, with why (LookupEvents never returns them).
    await expect(page.getByRole('heading', { name: /S3 data events/ })).toBeVisible();
    await expect(page.getByText(/LookupEvents never returns them/)).toBeVisible();
    await expect(page.getByText('No S3 object calls yet.', { exact: false })).toBeVisible();
    await expectNoSeriousA11yViolations(page, 'audit trail');
  });

  test('each record shows the encryption context of the call', async ({ page }) => {
    const panel = await openLab(page, 'encryption-context');
    await waitForIdentity(page);
    await panel.getByRole('button', { name: 'Create a practice key' }).click();
    await expect(panel.getByLabel('KMS key').locator('option')).toHaveCount(1);
    await panel.getByRole('button', { name: 'Encrypt with {TenantId: "Acme"}' }).click();
    await expect(panel.getByRole('status').filter({ hasText: /Encrypted .* twice/ })).toBeVisible();

    await page.getByRole('navigation', { name: 'Tools' }).getByRole('link', { name: 'Audit trail' }).click();
    await page.getByLabel('Event name').fill('Encrypt');
    await page.getByRole('button', { name: 'Filter' }).click();
    const encrypt = page.getByRole('list', { name: 'Trail events' }).getByRole('article', { name: /^Encrypt at / }).first();
    await expect(encrypt.getByRole('list', { name: 'Encryption context' })).toContainText('TenantId = Acme');
    await expect(encrypt.locator('dt:has-text("Key") + dd')).toHaveText(/^arn:aws:kms:us-east-1:111122223333:key\//);
  });
});

test.describe('audit trail on another backend', () => {
  test.use({ backendMode: 'endpoint' });

  test('says plainly that CloudTrail lags by minutes, and explains a missing credential', async ({ page }) => {
    // An endpoint with static auth and no keys typed yet: nothing is sent anywhere.
    await page.goto('/?backend=endpoint&endpoint=http://127.0.0.1:9#/trail');
    await expect(page.getByRole('banner').getByLabel('Connection')).toContainText('Endpoint');
    await expect(page.getByRole('note')).toContainText('CloudTrail lags by minutes.');
    await expect(page.getByRole('alert')).toContainText('CredentialsProviderError');
    await expect(page.getByRole('alert')).toContainText('No credentials');
    // The settings were taken from the URL, then removed from the address bar.
    await expect(page).toHaveURL(/\/#\/trail$/);
  });
});
