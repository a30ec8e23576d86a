import { chromium } from '@playwright/test';
const base = process.argv[2];
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox','--disable-gpu','--disable-quic','--disable-background-networking','--disable-component-update','--disable-sync','--no-first-run'] });
const context = await browser.newContext();
const page = await context.newPage();
page.on('console', (m) => m.type() === 'error' && console.log('console error:', m.text()));
await page.goto(base + '#/');
await page.evaluate(async () => {
  const reg = await navigator.serviceWorker.ready;
  if (reg.active?.state !== 'activated') await new Promise((r) => reg.active?.addEventListener('statechange', () => reg.active?.state === 'activated' && r()));
});
await page.waitForTimeout(3000);
const failed = [];
context.on('requestfailed', (r) => failed.push(['ctx', r.url(), r.failure()?.errorText, r.serviceWorker() ? 'sw' : '', r.frame ? '' : '']));
page.on('requestfailed', (r) => failed.push(['page', r.url(), r.failure()?.errorText]));
context.on('request', (r) => console.log('req', r.url().replace(base,''), r.resourceType(), r.serviceWorker()? 'from-sw':''));
await context.setOffline(true);
const mode = process.argv[3] ?? 'reload';
let p2 = page;
if (mode === 'reload') await page.reload();
else { await page.close(); p2 = await context.newPage(); p2.on('console', (m) => m.type() === 'error' && console.log('console error2:', m.text())); p2.on('requestfailed', (r) => failed.push(['page2', r.url(), r.failure()?.errorText])); await p2.goto(base + '#/labs/keys'); }
await p2.waitForTimeout(8000);
console.log('controller', await p2.evaluate(() => navigator.serviceWorker.controller !== null));
console.log("FAILED", JSON.stringify(failed));
console.log(await p2.locator('main').innerText().then(t => t.slice(0, 300)));
await browser.close();
