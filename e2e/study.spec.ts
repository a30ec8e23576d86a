/**
 * The study system as learners and a teacher use it: answers from two tabs both kept, an exam-format
 * set from start to results, progress through a reload and an export/import/reset, today's Leitner
 * progress migrated, and a class page reading three results files. Axe in both themes on each page.
 */
import { expect, expectNoSeriousA11yViolationsInBothThemes, test } from './fixtures';
import { readFileSync } from 'node:fs';

// The whole bank loads on these pages (with the experiments' SDK code); on a busy machine that is slow.
test.slow();

async function answerByLink(page: import('@playwright/test').Page, lab: string, id: string): Promise<void> {
  await page.goto(`/#/labs/${lab}?q=${id}`);
  const card = page.locator(`#q-${id}`);
  await expect(card).toBeVisible({ timeout: 90_000 });
  await card.getByRole('radio').first().check();
  await card.getByRole('button', { name: 'Submit' }).click();
  await expect(card.getByRole('list', { name: 'Explanations' })).toBeVisible();
}

test('answers given in two tabs are all kept after a reload', async ({ page, context }) => {
  const other = await context.newPage();
  // Both tabs open before any answer, each with its own copy of progress in memory.
  await page.goto('/#/labs/keys');
  await other.goto('/#/labs/keys');
  await expect(page.getByRole('region', { name: 'Exam practice' })).toContainText('0 of 15 answered', { timeout: 90_000 });
  await expect(other.getByRole('region', { name: 'Exam practice' })).toContainText('0 of 15 answered', { timeout: 90_000 });

  await answerByLink(page, 'keys', 'keys-types-who-controls');
  await answerByLink(page, 'keys', 'keys-exam-domain');
  // The other tab answers a third question without reloading.
  const card = other.locator('#q-keys-deletion-window-numbers');
  await other.getByRole('list', { name: 'Questions in this lab' }).getByRole('button', { name: /^3 / }).click();
  await card.getByRole('radio').first().check();
  await card.getByRole('button', { name: 'Submit' }).click();
  // It heard the first tab's answers (storage event) and kept its own.
  await expect(other.getByRole('region', { name: 'Exam practice' })).toContainText('3 of 15 answered');

  await page.reload();
  const practice = page.getByRole('region', { name: 'Exam practice' });
  await expect(practice).toContainText('3 of 15 answered', { timeout: 90_000 });
  const stored = await page.evaluate(() => localStorage.getItem('kms-study-lab:progress') ?? '');
  for (const id of ['keys-types-who-controls', 'keys-exam-domain', 'keys-deletion-window-numbers']) expect(stored).toContain(id);
  await other.close();
});

test('an answered question reopens with its answer and explanations; a deep link opens a question', async ({ page }) => {
  await answerByLink(page, 'keys', 'keys-exam-domain');
  await page.goto('/#/labs/keys?q=keys-exam-domain');
  await page.reload();
  const card = page.locator('#q-keys-exam-domain');
  await expect(card).toContainText('Your earlier answer', { timeout: 90_000 });
  await expect(card.getByRole('list', { name: 'Explanations' })).toContainText('Your choice');
  await expect(card.getByRole('radio', { checked: true })).toHaveCount(1);
});

test('a report-a-question copies a short report', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto('/#/labs/keys?q=keys-exam-domain');
  const card = page.locator('#q-keys-exam-domain');
  await card.getByText('Report a problem with this question').click();
  await card.getByLabel('What is wrong?').fill('The link is broken');
  await card.getByRole('button', { name: 'Copy the report' }).click();
  await expect(card.getByRole('status').filter({ hasText: 'Report copied' })).toBeVisible();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toContain('Item: keys-exam-domain');
  expect(copied).toContain('Backend: sandbox');
  expect(copied).toContain('Note: The link is broken');
});

test(`an exam-format set from start to results, then the missed ones again`, async ({ page }) => {
  await page.goto('/#/exam');
  await expect(page.getByRole('heading', { name: 'Exam practice set' })).toBeVisible({ timeout: 90_000 });
  await expect(page.getByText('Time allowed: 40 minutes')).toBeVisible();
  await expectNoSeriousA11yViolationsInBothThemes(page, 'exam setup');
  await page.getByLabel('Number of items').fill('6');
  await expect(page.getByText('Time allowed: 12 minutes')).toBeVisible();
  await page.getByRole('button', { name: 'Start the set' }).click();
  for (let i = 1; i <= 6; i++) {
    await expect(page.getByRole('heading', { name: `Item ${i} of 6` })).toBeVisible();
    // No explanations while answering.
    await expect(page.getByRole('list', { name: 'Explanations' })).toHaveCount(0);
    if (i !== 4) {
      const boxes = page.getByRole('checkbox').filter({ hasNot: page.getByText('Flag for review') });
      const radios = page.getByRole('radio');
      if ((await radios.count()) > 0) await radios.first().check();
      else await boxes.first().check();
    }
    if (i === 2) await page.getByLabel('Flag for review').check();
    if (i < 6) await page.getByRole('button', { name: 'Next item' }).click();
  }
  await page.getByRole('button', { name: 'Review answers' }).click();
  await expect(page.getByRole('heading', { name: 'Review before submitting' })).toBeVisible();
  await expect(page.getByText('5 of 6 answered')).toBeVisible();
  await expect(page.getByText('Flagged for review')).toHaveCount(1);
  await expectNoSeriousA11yViolationsInBothThemes(page, 'exam review');
  await page.getByRole('button', { name: 'Submit the set' }).click();
  await expect(page.getByRole('heading', { name: /Your result: \d of 6/ })).toBeVisible();
  await expect(page.getByRole('table', { name: 'By topic' })).toBeVisible();
  await expect(page.getByRole('table', { name: 'By exam-guide skill' })).toBeVisible();
  await expect(page.getByText(/passes at 720/)).toBeVisible();
  await expectNoSeriousA11yViolationsInBothThemes(page, 'exam results');
  // The unanswered item is at least one miss; retaking gives a set of only the missed ones.
  const retake = page.getByRole('button', { name: /Retake the \d+ missed/ });
  const missed = Number((await retake.textContent())?.match(/\d+/)?.[0]);
  expect(missed).toBeGreaterThanOrEqual(1);
  await retake.click();
  await expect(page.getByRole('heading', { name: `Item 1 of ${missed}` })).toBeVisible();
  // The submitted answers went into study progress.
  const stored = await page.evaluate(() => JSON.parse(localStorage.getItem('kms-study-lab:progress') ?? '{"answers":{}}') as { answers: object });
  expect(Object.keys(stored.answers).length).toBe(5);
});

test(`the study page: progress kept across a reload and through export, reset and import`, async ({ page }) => {
  await page.goto('/#/study');
  const panel = page.getByRole('region', { name: 'Questions' });
  await expect(panel).toContainText(/0 of \d+ answered/, { timeout: 90_000 });
  const total = Number((await panel.textContent())?.match(/0 of (\d+) answered/)?.[1]);
  expect(total).toBeGreaterThanOrEqual(150);
  await page.getByLabel('Show').selectOption({ label: 'Certificates' });
  const first = panel.locator('form').first();
  await first.getByRole('radio').first().check();
  await first.getByRole('button', { name: 'Submit' }).click();
  await expect(first.getByRole('list', { name: 'Explanations' })).toBeVisible();
  await expectNoSeriousA11yViolationsInBothThemes(page, 'study page');

  await page.reload();
  await page.getByLabel('Show').selectOption({ label: `All ${total} questions` });
  await expect(page.getByRole('region', { name: 'Questions' })).toContainText(`1 of ${total} answered`, { timeout: 90_000 });
  await expect(page.getByRole('heading', { name: /Due today: \d+/ })).toBeVisible();

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export progress' }).click()]);
  const file = await download.path();
  const exported = readFileSync(file, 'utf8');
  expect(exported).toContain('"version": 2');
  expect(exported).not.toMatch(/SecretAccessKey|SessionToken/);

  await page.getByRole('button', { name: 'Reset progress…' }).click();
  await page.getByRole('button', { name: 'Yes, reset' }).click();
  await expect(page.getByRole('region', { name: 'Questions' })).toContainText(`0 of ${total} answered`);
  await page.getByLabel('Import progress').last().setInputFiles(file);
  await expect(page.getByText('Imported 1 answers.')).toBeVisible();
  await expect(page.getByRole('region', { name: 'Questions' })).toContainText(`1 of ${total} answered`);

  // The start page shows progress by guide skill and by trap, and the due-today count.
  await page.goto('/#/');
  await expect(page.getByRole('table', { name: 'By exam-guide skill' })).toBeVisible({ timeout: 90_000 });
  await expect(page.getByRole('table', { name: 'By exam trap (guide 002)' })).toContainText('Trap 8');
  await expect(page.getByRole('link', { name: /\d+ due today/ })).toBeVisible();
  await expectNoSeriousA11yViolationsInBothThemes(page, 'start page with progress');
});

test(`the class page reads three results files in the page`, async ({ page }) => {
  await page.goto('/#/class');
  await expect(page.getByRole('heading', { name: 'Class results' })).toBeVisible({ timeout: 90_000 });
  const at = '2026-12-01T10:00:00.000Z';
  const file = (learner: string, items: [string, boolean][]) => ({
    name: `${learner}.json`,
    mimeType: 'application/json',
    buffer: Buffer.from(
      JSON.stringify({
        app: 'kms-study-lab-results',
        version: 1,
        learner,
        exportedAt: at,
        items: items.map(([id, correct]) => ({ id, correct, answer: ['a'], answeredAt: at, attempts: 1 })),
      }),
    ),
  });
  await page.getByLabel('Results files').setInputFiles([
    file('Ana', [['keys-exam-domain', false], ['trap1-video-uploads', true], ['concept-acm-export', false]]),
    file('Ben', [['keys-exam-domain', false], ['trap1-video-uploads', false]]),
    file('Chi', [['keys-exam-domain', false], ['concept-acm-export', true]]),
  ]);
  await expect(page.getByText('3 learners loaded')).toBeVisible();
  const table = page.getByRole('table', { name: 'By learner and topic' });
  for (const name of ['Ana', 'Ben', 'Chi']) await expect(table.getByRole('rowheader', { name })).toBeVisible();
  await expect(table.getByRole('columnheader', { name: 'Certificates' })).toBeVisible();
  const missed = page.getByRole('list', { name: 'Most missed questions' }).getByRole('listitem');
  await expect(missed.first()).toContainText('keys-exam-domain');
  await expect(missed.first()).toContainText('missed by 3 of 3');
  await expectNoSeriousA11yViolationsInBothThemes(page, 'class page');
});

test('today\'s Leitner progress migrates: answered items become reviewed and reopen with their answers', async ({ page }) => {
  const now = Date.now();
  await page.addInitScript((t) => {
    if (localStorage.getItem('kms-study-lab:progress')) return;
    localStorage.setItem(
      'kms-study-lab:progress',
      JSON.stringify({
        app: 'kms-study-lab',
        version: 1,
        answers: {
          'rot-period-numbers': { attempts: 3, correctCount: 2, lastCorrect: true, lastSelected: ['ninety-2560'], lastAnsweredAt: t - 86_400_000, box: 2, dueAt: t },
          'rot-aws-managed-yearly': { attempts: 1, correctCount: 0, lastCorrect: false, lastSelected: ['three-years'], lastAnsweredAt: t - 3_600_000, box: 1, dueAt: t - 3_000_000 },
        },
      }),
    );
  }, now);
  await page.goto('/#/labs/rotation');
  const practice = page.getByRole('region', { name: 'Exam practice' });
  await expect(practice).toContainText('2 of 14 answered', { timeout: 90_000 });
  const list = practice.getByRole('list', { name: 'Questions in this lab' });
  await expect(list.getByRole('button', { name: /\(answered correctly/ })).toHaveCount(1);
  await expect(list.getByRole('button', { name: /\(answered wrongly/ })).toHaveCount(1);
  // A new answer writes the new format, with the migrated history kept.
  await answerByLink(page, 'rotation', 'rot-on-demand-facts');
  const stored = await page.evaluate(() => JSON.parse(localStorage.getItem('kms-study-lab:progress') ?? '{}') as { version: number; answers: Record<string, { attempts: number; history: unknown[] }> });
  expect(stored.version).toBe(2);
  expect(stored.answers['rot-period-numbers']?.attempts).toBe(3);
  expect(stored.answers['rot-period-numbers']?.history.length).toBe(2);
  expect(Object.keys(stored.answers).sort()).toEqual(['rot-aws-managed-yearly', 'rot-on-demand-facts', 'rot-period-numbers']);
});
