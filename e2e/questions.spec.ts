/**
 * The exam-practice panel beside a lab, as a learner uses it: predict, run the real experiment on
 * the sandbox and see the grade; answer a single-answer question wrongly and read the explanations;
 * reload and find the progress kept (answers only, in this browser).
 */
import { expect, expectNoSeriousA11yViolationsInBothThemes, test } from './fixtures';
import { openLab } from './helpers/lab-driver';
import { waitForConnection } from './helpers/moto';

test(`predict-then-run and single-answer questions are graded and kept across a reload`, async ({ page }) => {
  await openLab(page, 'encrypt-decrypt');
  await waitForConnection(page);
  const practice = page.getByRole('region', { name: 'Exam practice' });
  await expect(practice).toContainText('0 of 15 answered');

  // Question 1: predict what Encrypt does with 4,097 bytes, then run it for real.
  await expect(practice).toContainText('You pass 4,097 bytes of plaintext');
  const run = practice.getByRole('button', { name: 'Run the experiment' });
  await expect(run).toBeDisabled();
  await practice.getByLabel(/It is rejected before any encryption happens/).check();
  await run.click();
  await expect(practice.getByRole('heading', { name: 'Your prediction was right' })).toBeVisible({ timeout: 20_000 });
  await expect(practice).toContainText('ValidationException');
  await expect(practice).toContainText('1 of 15 answered');

  // Question 3: the 100 KB report (FAQ 1); choose chunking, which is not the design the exam wants.
  await practice.getByRole('list', { name: 'Questions in this lab' }).getByRole('button', { name: /^3 / }).click();
  await practice.getByLabel(/Split the report into 4 KB chunks/).check();
  await practice.getByRole('button', { name: 'Submit' }).click();
  await expect(practice.getByRole('heading', { name: 'Not correct' })).toBeVisible();
  const explanations = practice.getByRole('list', { name: 'Explanations' });
  await expect(explanations).toContainText('envelope encryption');
  await expect(explanations).toContainText('Correct answer');
  await expect(explanations).toContainText('Your choice');
  await expectNoSeriousA11yViolationsInBothThemes(page, 'exam practice after answering');

  // Progress is kept in this browser: the two answers, one right and one wrong, survive a reload.
  await page.reload();
  const again = page.getByRole('region', { name: 'Exam practice' });
  await expect(again).toContainText('2 of 15 answered');
  const list = again.getByRole('list', { name: 'Questions in this lab' });
  await expect(list.getByRole('button', { name: /^1 \(answered correctly/ })).toBeVisible();
  await expect(list.getByRole('button', { name: /^3 \(answered wrongly/ })).toBeVisible();

  // What the browser keeps holds answers and the (non-secret) identity id, never credentials.
  const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }));
  expect(stored).toContain('ed-predict-encrypt-4097');
  expect(stored).not.toMatch(/ASIA[A-Z0-9]{12}|SessionToken|SecretKey|SecretAccessKey|aws_secret/i);
});
