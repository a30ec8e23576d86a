/**
 * moto's server as an independent AWS-compatible endpoint for the Keys and Encrypt/Decrypt specs.
 * startMoto (e2e/fixtures.ts) runs `python3 -m moto.server -H 127.0.0.1 -p <free port>`, waits for
 * it and stops it after the worker; this file adds what the specs need around it.
 *
 * CORS: moto's server answers the browser's preflight itself (Access-Control-Allow-Origin echoes the
 * page's origin, and it allows the SDK's headers: authorization, x-amz-target, x-amz-date, ...), so
 * the page calls moto directly; no page.route proxying is needed. Chromium logs each 4xx response
 * as a console error, so the moto specs allow those messages (the learner's deliberate failures).
 */
import { expect, type Page } from '@playwright/test';
import { connectToEndpoint, connectionSummary } from './lab-driver';

export { startMoto } from '../fixtures';

/** Chromium's console line for a failed fetch (moto answers refusals with HTTP 400). */
export const FAILED_FETCH_CONSOLE = /Failed to load resource: the server responded with a status of 4\d\d/;

/** moto's fixed account (AWS's docs account on the sandbox is 111122223333). */
export const MOTO_ACCOUNT = '123456789012';

/** Waits until the header shows an identity (credentials ready), whatever the backend. */
export async function waitForConnection(page: Page): Promise<void> {
  const dd = connectionSummary(page).locator('dt:has-text("Identity") + dd');
  await expect(dd).not.toHaveText(/connecting/i, { timeout: 20_000 });
}

/** Points the app at moto with the static keys test/test, typed into the settings page (never the URL). */
export async function connectToMoto(page: Page, url: string): Promise<void> {
  await connectToEndpoint(page, { url, accessKeyId: 'test', secretAccessKey: 'test' });
  await waitForConnection(page);
}
