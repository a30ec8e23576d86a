import { test, expect, expectNoSeriousA11yViolations, useTheme } from './fixtures';
import {
  LAB_TITLES,
  advanceClock,
  connectionSummary,
  inspectorTab,
  openApp,
  openInspector,
  selectInspectorCall,
  waitForIdentity,
  type LabId,
} from './helpers/lab-driver';

test.describe('app shell on the sandbox', () => {
  test('the Labs navigation lists every lab as a link, and each opens its lab', async ({ page }) => {
    await openApp(page);
    const nav = page.getByRole('navigation', { name: 'Labs' });
    const links = nav.getByRole('link');
    await expect(links).toHaveText(Object.values(LAB_TITLES));
    for (const [id, title] of Object.entries(LAB_TITLES) as [LabId, string][]) {
      await nav.getByRole('link', { name: title, exact: true }).click();
      await expect(page).toHaveURL(new RegExp(`#/labs/${id}$`));
      await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
      await expect(nav.getByRole('link', { name: title, exact: true })).toHaveAttribute('aria-current', 'page');
      await expect(page.getByRole('region', { name: `${title} lab` })).toBeVisible();
      // Every lab but Clean-up comes with its questions.
      if (id !== 'cleanup') await expect(page.getByRole('complementary', { name: 'Questions' })).toBeVisible();
    }
    // The last lab visited names the page.
    await expect(page).toHaveTitle(new RegExp(`${Object.values(LAB_TITLES).at(-1)!} · KMS Study Lab`));
  });

  test('the theme toggle switches between light and dark and is remembered', async ({ page }) => {
    await page.emulateMedia({ colorScheme: 'light' });
    await openApp(page);
    const html = page.locator('html');
    await expect(html).not.toHaveClass(/dark/);
    const toggle = page.getByRole('button', { name: 'Dark theme' });
    await expect(toggle).toHaveAttribute('aria-pressed', 'false');
    await toggle.click();
    await expect(html).toHaveClass(/dark/);
    await expect(toggle).toHaveAttribute('aria-pressed', 'true');
    const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    await page.reload();
    await expect(html).toHaveClass(/dark/);
    expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe(background);
    await page.getByRole('button', { name: 'Dark theme' }).click();
    await expect(html).not.toHaveClass(/dark/);
  });

  for (const theme of ['light', 'dark'] as const) {
    test(`axe finds no serious or critical violation in the ${theme} theme`, async ({ page }) => {
      await useTheme(page, theme);
      await openApp(page);
      await waitForIdentity(page);
      await expectNoSeriousA11yViolations(page, `start page (${theme})`);
      await page.goto('/#/settings');
      await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
      await expectNoSeriousA11yViolations(page, `settings (${theme})`);
      await page.goto('/#/trail');
      await expect(page.getByRole('list', { name: 'Trail events' }).or(page.getByText(/No events/))).toBeVisible();
      await expectNoSeriousA11yViolations(page, `audit trail (${theme})`);
      await openInspector(page);
      await expectNoSeriousA11yViolations(page, `inspector (${theme})`);
    });
  }

  test('the header shows the sandbox, region, Cognito identity and simulated date, and moves the clock', async ({ page }) => {
    await openApp(page);
    const summary = connectionSummary(page);
    await expect(summary.locator('dt:has-text("Backend") + dd')).toHaveText('Sandbox');
    await expect(summary.locator('dt:has-text("Region") + dd')).toHaveText('us-east-1');
    const identity = await waitForIdentity(page);
    expect(identity).toMatch(/^us-east-1:[0-9a-f]{8}…$/);
    const today = new Date().toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
    await expect(summary.locator('time')).toHaveText(today);
    await advanceClock(page, 30);
    await expect(summary).toContainText('+30 days');
    // The guest identity (not a secret) survives a reload; the simulated clock is persisted by the sandbox.
    await page.reload();
    expect(await waitForIdentity(page)).toBe(identity);
    await expect(summary).toContainText('+30 days');
  });

  test('loading every page makes no request outside its origin and logs nothing', async ({ page, guard }) => {
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    await openApp(page);
    await waitForIdentity(page);
    for (const hash of ['#/labs/keys', '#/labs/encrypt-decrypt', '#/labs/encryption-context', '#/labs/rotation', '#/trail', '#/settings']) {
      await page.goto(`/${hash}`);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      await page.waitForLoadState('load');
    }
    // The fixture fails the test on any console error or foreign request; say so here too.
    expect(guard.consoleErrors).toEqual([]);
    expect(guard.foreignRequests).toEqual([]);
    expect(requests.some((u) => u.endsWith('/favicon.svg'))).toBe(true);
  });

  test('the inspector shows each call with secrets masked, and as CLI, boto3 and JavaScript', async ({ page }) => {
    await openApp(page);
    await waitForIdentity(page);
    const drawer = await openInspector(page);
    await expect(drawer.getByRole('list', { name: 'Calls' })).toContainText('GetId');

    // STS hands out the session credentials: the response shows they came, never what they are.
    const sts = await selectInspectorCall(page, 'STS', 'AssumeRoleWithWebIdentity');
    const request = await inspectorTab(sts, 'Request');
    expect(request).toMatch(/WebIdentityToken=<masked: \d+ characters>/);
    const response = await inspectorTab(sts, 'Response');
    expect(response).toMatch(/<SecretAccessKey><masked: \d+ characters><\/SecretAccessKey>/);
    expect(response).toMatch(/<SessionToken><masked: [\d,]+ (characters|bytes)><\/SessionToken>/);
    expect(response).toContain('<AccessKeyId>ASIA');
    const io = await inspectorTab(sts, 'Input / output');
    expect(io).toMatch(/"WebIdentityToken": "<masked/);
    expect(io).toMatch(/"SecretAccessKey": "<masked/);

    // A signed call: the trail page's LookupEvents.
    await page.goto('/#/trail');
    await expect(page.getByRole('list', { name: 'Trail events' }).or(page.getByText(/No events/))).toBeVisible();
    // The trail page's own LookupEvents is one of the lab's background reads, hidden in the inspector until asked for.
    const inspectorDrawer = await openInspector(page);
    await inspectorDrawer.getByRole('checkbox', { name: /Show the lab’s own background reads/ }).check();
    const lookup = await selectInspectorCall(page, 'CloudTrail', 'LookupEvents');
    const signed = await inspectorTab(lookup, 'Request');
    expect(signed).toMatch(/authorization: AWS4-HMAC-SHA256 Credential=ASIA\w+\/\d{8}\/us-east-1\/cloudtrail\/aws4_request, SignedHeaders=[\w;-]+, Signature=<masked: 64 characters>/);
    expect(signed).toMatch(/x-amz-security-token: <masked: \d+ characters>/);
    expect(await inspectorTab(lookup, 'AWS CLI')).toContain('aws cloudtrail lookup-events');
    expect(await inspectorTab(lookup, 'boto3')).toMatch(/client = boto3\.client\("cloudtrail", region_name="us-east-1"[^)]*\)\nresponse = client\.lookup_events\(/);
    expect(await inspectorTab(lookup, 'JavaScript')).toContain('await client.send(new LookupEventsCommand({');

    const getId = await selectInspectorCall(page, 'CognitoIdentity', 'GetId');
    const cli = await inspectorTab(getId, 'AWS CLI');
    expect(cli).toContain('aws cognito-identity get-id');
    expect(cli).toContain('--identity-pool-id us-east-1:1ab0a7e5-5a4d-4b0c-9d1e-111122223333');
    expect(cli).toContain('--no-sign-request');
  });
});

test('a secret in the URL is refused by name, removed from the address bar, and never used', async ({ page }) => {
  await page.goto('/?secretAccessKey=wJalrXUtnFEMIEXAMPLEKEY&region=us-west-2#/');
  await expect(page.getByRole('list', { name: 'Notices' })).toContainText(
    'secretAccessKey: secrets are never read from the URL; enter credentials on the settings page',
  );
  await expect(page.getByRole('list', { name: 'Notices' })).not.toContainText('EXAMPLEKEY');
  await expect(page).toHaveURL(/\/#\/$/);
  await expect(page.getByRole('banner').getByLabel('Connection').locator('dt:has-text("Region") + dd')).toHaveText('us-west-2');
});

test('a damaged saved sandbox shows a clear message and a reset that recovers', async ({ page }) => {
  await openApp(page);
  const identity = await waitForIdentity(page);
  // Damage the saved state the way a crash or a foreign write could.
  await page.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('kms-study-lab-sandbox');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction('records', 'readwrite');
          tx.objectStore('records').put({ k: ['111122223333', 'us-east-1', 'kms', 'key', 'damaged'], v: { garbage: true } });
          tx.oncomplete = () => {
            open.result.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
  );
  await page.reload();
  const alert = page.getByRole('alert').filter({ hasText: 'The sandbox’s saved lab cannot be read.' });
  await expect(alert).toBeVisible();
  await expect(alert).toContainText('damaged');
  await expect(alert.getByRole('button', { name: 'Export what can be read' })).toBeVisible();
  await alert.getByRole('button', { name: 'Reset the sandbox' }).click();
  await expect(alert).toHaveCount(0);
  // A fresh sandbox: the old guest is unknown there, so a new one is made.
  await expect
    .poll(async () => {
      const fresh = await waitForIdentity(page);
      return fresh !== identity && /^us-east-1:[0-9a-f]{8}…$/.test(fresh);
    }, { timeout: 20_000 })
    .toBe(true);
});

test('index.html shows the start page and the navigation before any of the app has run, and hides the start page on another address', async ({ browser, baseURL }) => {
  // A context of its own, with the app's scripts held back: only index.html, the stylesheet and
  // theme-init.js load (the fixture's page would report the refused scripts as failures).
  const context = await browser.newContext({ baseURL });
  try {
    await context.route('**/assets/*.js', (route) => route.abort());
    const start = await context.newPage();
    await start.goto('/#/');
    await expect(start.getByRole('heading', { level: 1, name: 'Learn AWS KMS by calling it' })).toBeVisible();
    await expect(start.getByRole('navigation', { name: 'Labs' }).getByRole('link')).toHaveText(Object.values(LAB_TITLES));
    // The static links work without the app: a plain hash link.
    await expect(start.getByRole('navigation', { name: 'Tools' }).getByRole('link', { name: 'Audit trail' })).toHaveAttribute('href', '#/trail');
    expect(await start.getByRole('button').count()).toBe(0);

    const deep = await context.newPage();
    await deep.goto('/#/labs/keys');
    await expect(deep.getByRole('navigation', { name: 'Labs' }).getByRole('link')).toHaveText(Object.values(LAB_TITLES));
    await expect(deep.getByRole('heading', { level: 1, name: 'Learn AWS KMS by calling it' })).toBeHidden();
  } finally {
    await context.close();
  }
});
