/**
 * What a learner does in the shell, as reusable steps for every spec: open a lab, wait for the
 * backend to connect, open the inspector, switch backends, move the simulated clock.
 */
import { expect, type Locator, type Page } from '@playwright/test';

export type LabId = 'keys' | 'encrypt-decrypt' | 'envelope' | 'sse' | 'encryption-context' | 'rotation' | 'policies-grants' | 'quotas' | 'lambda-env' | 'asymmetric-hmac' | 'multi-region' | 'identity' | 'cleanup';

export const LAB_TITLES: Record<LabId, string> = {
  keys: 'Keys',
  'encrypt-decrypt': 'Encrypt and decrypt',
  envelope: 'Envelope encryption',
  sse: 'S3 server-side encryption',
  'encryption-context': 'Encryption context',
  rotation: 'Rotation',
  'policies-grants': 'Policies and grants',
  quotas: 'Quotas and throttling',
  'lambda-env': 'Lambda environment variables',
  'asymmetric-hmac': 'Asymmetric and HMAC',
  'multi-region': 'Multi-Region keys',
  identity: 'Identity',
  cleanup: 'Clean-up',
};

/** The header's connection summary (backend, region, identity, simulated date). */
export function connectionSummary(page: Page): Locator {
  return page.getByRole('banner').getByLabel('Connection');
}

/** Waits until the header shows a Cognito identity (or static identity): credentials are ready. */
export async function waitForIdentity(page: Page): Promise<string> {
  const dd = connectionSummary(page).locator('dt:has-text("Identity") + dd');
  // Wait for an identity id itself (shown shortened), not merely for "connecting…" to go away:
  // after a reset the old id can flash before the new one arrives.
  await expect(dd).toHaveText(/^[a-z]{2}-[a-z]+-\d:[0-9a-f]{8}…$/, { timeout: 20_000 });
  return (await dd.textContent()) ?? '';
}

/** Opens the start page and waits for the shell to be connected. */
export async function openApp(page: Page, query = ''): Promise<void> {
  await page.goto(`/${query}#/`);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
}

/**
 * Opens a lab and returns the lab's panel region: from the navigation, as a learner would, once the
 * app is open; by its address on a fresh page (the start page's study summary would cost each test
 * about a second of CPU; app-shell.spec.ts opens every lab from the navigation).
 */
export async function openLab(page: Page, id: LabId): Promise<Locator> {
  if (!page.url().includes('#')) await page.goto(`/#/labs/${id}`);
  else await page.getByRole('navigation', { name: 'Labs' }).getByRole('link', { name: LAB_TITLES[id], exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: LAB_TITLES[id] })).toBeVisible();
  return labPanel(page, id);
}

/** The region holding a lab's panel (beside it: the Questions aside). */
export function labPanel(page: Page, id: LabId): Locator {
  return page.getByRole('region', { name: `${LAB_TITLES[id]} lab` });
}

export function questionsAside(page: Page): Locator {
  return page.getByRole('complementary', { name: 'Questions' });
}

/** Opens the inspector drawer and returns it. */
export async function openInspector(page: Page): Promise<Locator> {
  const drawer = page.getByRole('complementary', { name: /^Inspector/ });
  if (!(await drawer.isVisible())) await page.getByRole('button', { name: /^Inspector/ }).click();
  await expect(drawer).toBeVisible();
  return drawer;
}

/** Selects the newest call of an operation in the inspector ("KMS Encrypt", "STS AssumeRoleWithWebIdentity"). */
export async function selectInspectorCall(page: Page, service: string, operation: string): Promise<Locator> {
  const drawer = await openInspector(page);
  await drawer
    .getByRole('list', { name: 'Calls' })
    .getByRole('button', { name: new RegExp(`^${operation}\\s+${service}\\b`) })
    .first()
    .click();
  const details = drawer.getByRole('region', { name: `${service} ${operation}` });
  await expect(details).toBeVisible();
  return details;
}

/** Shows one rendering of the selected call ('AWS CLI', 'boto3', 'JavaScript', 'Request', 'Response', 'Input / output') and returns its text. */
export async function inspectorTab(details: Locator, tab: string): Promise<string> {
  await details.getByRole('tab', { name: tab, exact: true }).click();
  const panel = details.getByRole('tabpanel');
  return (await panel.locator('pre').textContent()) ?? '';
}

export async function closeInspector(page: Page): Promise<void> {
  await page.getByRole('complementary', { name: /^Inspector/ }).getByRole('button', { name: 'Close' }).click();
}

/** Moves the sandbox's simulated clock forward with the header control (30 or 365 days). */
export async function advanceClock(page: Page, days: 30 | 365): Promise<void> {
  const before = await connectionSummary(page).locator('time').textContent();
  await page.getByRole('button', { name: `Advance the simulated clock by ${days} days` }).click();
  await expect(connectionSummary(page).locator('time')).not.toHaveText(before ?? '');
}

/**
 * Points the app at an AWS-compatible endpoint with static keys (typed into the settings page,
 * kept in memory only — they never go in the URL). Use with `test.use({ backendMode: 'endpoint',
 * allowedOrigins: [moto.url] })` in the spec.
 */
export async function connectToEndpoint(
  page: Page,
  opts: { url: string; region?: string; accessKeyId?: string; secretAccessKey?: string },
): Promise<void> {
  await page.goto('/#/settings');
  await page.getByRole('radio', { name: /^Endpoint/ }).check();
  await page.getByLabel('Region').fill(opts.region ?? 'us-east-1');
  await page.getByLabel('Endpoint URL').fill(opts.url);
  await page.getByLabel('Credentials').selectOption('static');
  await page.getByLabel('Access key id').fill(opts.accessKeyId ?? 'test');
  await page.getByLabel('Secret access key').fill(opts.secretAccessKey ?? 'test');
  await page.getByRole('button', { name: 'Connect' }).click();
  await expect(connectionSummary(page)).toContainText('Endpoint');
}

/** Back to the default sandbox backend (the settings page's Connect). */
export async function connectToSandbox(page: Page, identity: 'guest' | 'admin' = 'guest'): Promise<void> {
  await page.goto('/#/settings');
  await page.getByRole('radio', { name: /^Sandbox/ }).check();
  await page.getByLabel('Identity').selectOption(identity);
  await page.getByRole('button', { name: 'Connect' }).click();
  await expect(connectionSummary(page)).toContainText('Sandbox');
}
