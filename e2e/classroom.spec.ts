/**
 * Classroom mode (issue 13): presenter mode driven by the keyboard alone, deep links to a lab step
 * with its inputs and to a question, the guided run of seed 000's lab from Part I to clean-up,
 * projector type, and the reset between classes.
 */
import { expect, expectNoSeriousA11yViolations, test, useTheme } from './fixtures';
import { labPanel, openApp } from './helpers/lab-driver';
import { connectionSummary } from './helpers/lab-driver';

/** Credentials ready (the header shows an identity); generous, as the shared machine can be slow. */
async function waitForConnection(page: import('@playwright/test').Page): Promise<void> {
  await expect(connectionSummary(page).locator('dt:has-text("Identity") + dd')).not.toHaveText(/connecting/i, { timeout: 60_000 });
}

test.slow();
const SLOW = { timeout: 45_000 };

test('presenter mode by keyboard only: toggle, projector type, arrow keys through sections and questions', async ({ page }) => {
  await page.goto('/#/labs/keys');
  await waitForConnection(page);
  const classroom = page.getByRole('button', { name: /^Classroom/ });
  await classroom.focus();
  await page.keyboard.press('Enter');
  const menu = page.getByRole('group', { name: 'Classroom' });
  await menu.getByLabel('Presenter mode').focus();
  await page.keyboard.press('Space');
  await expect(menu.getByLabel('Presenter mode')).toBeChecked();
  await page.keyboard.press('Escape');
  await expect(classroom).toBeFocused();
  await expect(classroom).toHaveText('Classroom: presenting');

  // Projector type: code at least as large as the prose.
  expect(await page.evaluate(() => document.documentElement.hasAttribute('data-projector'))).toBe(true);
  const sizes = await page.evaluate(() => {
    const px = (el: Element | null) => (el ? parseFloat(getComputedStyle(el).fontSize) : 0);
    return { body: px(document.body), mono: px(document.querySelector('main pre')) };
  });
  expect(sizes.mono).toBeGreaterThanOrEqual(16);
  expect(sizes.body).toBeGreaterThanOrEqual(20);

  // Arrow keys step from section to section (focus moves to each heading), then on to the questions.
  await page.getByRole('heading', { level: 1, name: 'Keys' }).click();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('heading', { level: 2, name: 'Three kinds of KMS key' })).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('heading', { level: 2, name: 'Create a customer managed key (guide, Part I)' })).toBeFocused();
  await page.keyboard.press('ArrowLeft');
  await expect(page.getByRole('heading', { level: 2, name: 'Three kinds of KMS key' })).toBeFocused();
  for (let i = 0; i < 6; i++) await page.keyboard.press('ArrowRight');
  const focusedInQuestions = await page.evaluate(() => {
    const a = document.activeElement;
    return a?.closest('[aria-label="Questions"]') !== null || (a?.id ?? '').startsWith('q-');
  });
  const anchors = await page.locator('[id^="q-"]').count();
  // Question anchors come with the study engine; when they are there, the arrows reach them.
  if (anchors > 0) expect(focusedInQuestions).toBe(true);
  await expect(page.getByRole('heading', { level: 2, name: 'Keys in this account and region' })).toBeVisible();

  // A show of hands, typed in per option; the answer stays hidden until the teacher reveals it.
  const questions = page.getByRole('complementary', { name: 'Questions' });
  const hands = questions.getByRole('spinbutton', { name: /^Hands raised for:/ });
  await expect(hands.first()).toBeVisible();
  await hands.nth(0).focus();
  await page.keyboard.type('7');
  await hands.nth(1).focus();
  await page.keyboard.type('5');
  await expect(questions.getByText('12 hands in all')).toBeVisible();
  await expect(questions.getByRole('list', { name: 'Explanations' })).toHaveCount(0);
  await questions.getByRole('button', { name: 'Reveal the answer' }).focus();
  await page.keyboard.press('Enter');
  await expect(questions.getByRole('list', { name: 'Explanations' })).toBeVisible();
  await expect(questions.getByText('(7 hands)')).toBeVisible();
});

test('a deep link opens a lab step with its inputs filled in', async ({ page }) => {
  await openApp(page);
  await page.goto(`/#/labs/keys?step=create-key&${new URLSearchParams({ 'in.Description': 'Class demo key' })}&in.Alias%20(step%2003)=lab-class-demo`);
  const panel = labPanel(page, 'keys');
  await expect(panel.getByLabel('Description')).toHaveValue('Class demo key', SLOW);
  await expect(panel.getByLabel('Alias (step 03)')).toHaveValue('lab-class-demo');
  await expect(page.getByRole('heading', { level: 2, name: 'Create a customer managed key (guide, Part I)' })).toBeFocused();
  await waitForConnection(page);
  await panel.getByRole('button', { name: 'Create key' }).click();
  await expect(panel.getByRole('status').filter({ hasText: 'created with alias alias/lab-class-demo' })).toBeVisible(SLOW);
});

test('the guided run walks the guide from Part I to clean-up, saying which step each screen is', async ({ page }) => {
  await page.goto('/#/');
  await page.getByRole('button', { name: /^Classroom/ }).click();
  await page.getByRole('link', { name: /Start the guided run/ }).click();
  const bar = page.getByRole('navigation', { name: 'Guided run' });
  await expect(bar).toContainText('step 1 of 8');
  await expect(bar).toContainText('Part I, steps 01–07');
  await expect(page.getByRole('heading', { level: 1, name: 'Keys' })).toBeVisible();
  const seen: string[] = [];
  for (let n = 1; n < 8; n++) {
    seen.push((await bar.locator('p').nth(1).textContent()) ?? '');
    await bar.getByRole('link', { name: /^Next:/ }).click();
    await expect(bar).toContainText(`step ${n + 1} of 8`);
  }
  seen.push((await bar.locator('p').nth(1).textContent()) ?? '');
  expect(seen[0]).toMatch(/^Part I/);
  expect(seen[1]).toMatch(/^Part I, steps 08–10/);
  expect(seen.slice(2, 5).every((s) => s.startsWith('Part II'))).toBe(true);
  expect(seen[5]).toMatch(/^Part III/);
  expect(seen[6]).toMatch(/^Part IV/);
  expect(seen[7]).toMatch(/^Clean-up protocol/);
  // The last screen has a panel to do it on: the clean-up lab, or the key list standing in for it.
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(bar.getByRole('link', { name: 'Finish the guided run' })).toBeVisible();
});

test('one action resets the lab between classes', async ({ page }) => {
  await page.goto('/#/labs/rotation');
  await waitForConnection(page);
  const panel = labPanel(page, 'rotation');
  await panel.getByRole('button', { name: 'Create a practice key' }).click();
  await panel.getByRole('button', { name: 'Encrypt a sample now' }).click();
  await expect(panel.getByRole('table', { name: /Stored ciphertexts/ }).getByRole('row')).toHaveCount(2, SLOW);
  await page.getByRole('button', { name: /^Classroom/ }).click();
  await page.getByRole('button', { name: 'Reset the lab between classes' }).click();
  await page.getByRole('button', { name: 'Yes, reset for the next class' }).click();
  await expect(page).toHaveURL(/#\/$/, SLOW);
  await page.goto('/#/labs/rotation');
  await waitForConnection(page);
  await expect(labPanel(page, 'rotation').getByText('Encrypt a sample before rotating')).toBeVisible(SLOW);
  await expect(labPanel(page, 'rotation').getByRole('button', { name: 'Create a practice key' })).toBeVisible(SLOW);
});

for (const theme of ['light', 'dark'] as const) {
  test(`the Classroom menu and the guided bar have no serious accessibility violation (${theme})`, async ({ page }) => {
    await useTheme(page, theme);
    await page.goto('/#/labs/keys?step=create-key&guided=1');
    await waitForConnection(page);
    await page.getByRole('button', { name: /^Classroom/ }).click();
    await expect(page.getByRole('group', { name: 'Classroom' })).toBeVisible();
    await expectNoSeriousA11yViolations(page, `Classroom menu and guided run (${theme})`);
  });
}

test('the header fits one row from a laptop to a projector (1280, 1536 and 1920 px), acting as any principal', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto('/#/labs/keys');
  await waitForConnection(page);
  // One row: every item of the bar overlaps every other vertically.
  const oneRow = () =>
    page.evaluate(() => {
      const rects = [...(document.querySelector('header > div')?.children ?? [])].map((c) => c.getBoundingClientRect());
      return Math.max(...rects.map((r) => r.top)) < Math.min(...rects.map((r) => r.bottom));
    });
  for (const width of [1280, 1536, 1920]) {
    await page.setViewportSize({ width, height: 800 });
    // The longest principal's name in the switcher.
    for (const who of ['self', 'partner-admin']) {
      await page.getByLabel('Act as').selectOption(who);
      expect(await oneRow(), `one row at ${width} px acting as ${who}`).toBe(true);
    }
  }
});

test("the inspector hides the lab's own background reads by default, and shows them on request", async ({ page }) => {
  await page.goto('/#/labs/keys');
  await waitForConnection(page);
  const panel = labPanel(page, 'keys');
  await panel.getByRole('button', { name: 'Describe alias/aws/s3' }).click();
  await expect(panel.getByLabel('AWS managed key')).toBeVisible(SLOW);
  await page.getByRole('button', { name: /^Inspector/ }).click();
  const drawer = page.getByRole('complementary', { name: /^Inspector/ });
  const calls = drawer.getByRole('list', { name: 'Calls' });
  // The learner's DescribeKey is there; the key list's ListKeys is not, until asked for.
  await expect(calls.getByRole('button', { name: /^DescribeKey\s+KMS/ }).first()).toBeVisible();
  await expect(calls.getByRole('button', { name: /^ListKeys\s+KMS/ })).toHaveCount(0);
  await drawer.getByLabel(/Show the lab’s own background reads/).check();
  await expect(calls.getByRole('button', { name: /^ListKeys\s+KMS/ }).first()).toBeVisible();
});
