import { describe, expect, it } from 'vitest';
import { bankStats } from '../bank-stats';
import { drilledNumbers, isExamStyle, questionBankSchema, questionSchema, type Question } from '../schema';
import { loadLabBanks, loadWholeBank } from './load-bank';

const REQUIRED_LABS = ['encrypt-decrypt', 'encryption-context', 'keys', 'rotation'];

describe('the whole question bank', () => {
  const banks = loadLabBanks();
  const all = loadWholeBank();

  it('has a question file for each of the four first labs', () => {
    expect(banks.map((b) => b.labId)).toEqual(expect.arrayContaining(REQUIRED_LABS));
  });

  it('validates against the question schema, with ids unique across every lab', () => {
    const result = questionBankSchema.safeParse(all);
    expect(result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`)).toEqual([]);
  });

  for (const bank of banks) {
    describe(`lab ${bank.labId}`, () => {
      it('has at least 12 questions, at least 2 of them predict-then-run', () => {
        expect(bank.questions.length).toBeGreaterThanOrEqual(12);
        expect(bank.questions.filter((q) => q.type === 'predict').length).toBeGreaterThanOrEqual(2);
      });

      it('files every question under its own lab id', () => {
        expect(bank.questions.filter((q) => q.labId !== bank.labId).map((q) => q.id)).toEqual([]);
      });

      for (const question of bank.questions) {
        it(`${question.id}: valid, >= 2 options each explained, topic, drill and source named`, () => {
          const parsed = questionSchema.safeParse(question);
          expect(parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`)).toEqual([]);
          expect(question.options.length).toBeGreaterThanOrEqual(2);
          for (const option of question.options) expect(option.explanation.trim().length).toBeGreaterThan(10);
          expect(question.topic.trim()).not.toBe('');
          expect(question.drills.label.trim()).not.toBe('');
          expect(question.sources.length).toBeGreaterThanOrEqual(1);
          if (question.type === 'single') expect(question.options.filter((o) => o.correct)).toHaveLength(1);
          if (question.type === 'multiple') expect(question.options.filter((o) => o.correct).length).toBeGreaterThanOrEqual(2);
        });
      }
    });
  }

  it('links only to AWS pages over https', () => {
    const urls = all.flatMap((q) => q.sources.flatMap((s) => (s.url ? [s.url] : [])));
    expect(urls.length).toBeGreaterThan(20);
    expect(urls.filter((u) => !/^https:\/\/(docs\.aws\.amazon\.com|aws\.amazon\.com)\//.test(u))).toEqual([]);
  });

  it('covers exam traps 1, 2, 4 and 6 of guide 002', () => {
    const labels = all.filter((q) => q.drills.kind === 'trap').map((q) => q.drills.label);
    for (const trap of [1, 2, 4, 6]) expect(labels.some((l) => l.startsWith(`Trap ${trap}:`)), `trap ${trap}`).toBe(true);
  });

  const rightOptions = (q: Question) => q.options.filter((o) => ('correct' in o ? o.correct : q.type === 'predict' && o.id === q.expected));

  it('every item: a source, a last-checked date, an explanation for every option, four options (five for multi-select)', () => {
    const problems: string[] = [];
    for (const q of all) {
      if (q.sources.length === 0) problems.push(`${q.id}: no source`);
      if (!q.lastChecked) problems.push(`${q.id}: no lastChecked`);
      if (q.options.some((o) => o.explanation.trim().length < 10)) problems.push(`${q.id}: an option without explanation`);
      const min = q.type === 'multiple' ? 5 : 4;
      if (q.options.length < min) problems.push(`${q.id}: ${q.options.length} options, needs ${min}`);
    }
    expect(problems).toEqual([]);
  });

  it('a multi-select says how many to choose, and it matches the correct options', () => {
    const problems: string[] = [];
    const words: Record<string, number> = { two: 2, three: 3 };
    for (const q of all.filter((x) => x.type === 'multiple')) {
      const m = /Choose (two|three)/i.exec(q.prompt);
      const n = q.options.filter((o) => 'correct' in o && o.correct).length;
      if (!m) problems.push(`${q.id}: prompt does not say how many to choose`);
      else if (words[m[1]!.toLowerCase()] !== n) problems.push(`${q.id}: says ${m[1]} but has ${n}`);
    }
    expect(problems).toEqual([]);
    expect(all.filter((q) => q.type === 'multiple').length).toBeGreaterThanOrEqual(15);
  });

  it('the right option does not give itself away by length', () => {
    // Hard rule: never far longer than every distractor.
    const glaring = all
      .filter((q) => q.type !== 'multiple')
      .filter((q) => {
        const right = Math.min(...rightOptions(q).map((o) => o.text.length));
        const wrong = Math.max(...q.options.filter((o) => !rightOptions(q).includes(o)).map((o) => o.text.length));
        return right > wrong * 1.25 && right - wrong > 12;
      })
      .map((q) => q.id);
    expect(glaring).toEqual([]);
    // Across the bank, the right option is the longest in well under half the items (chance is about a quarter).
    const single = all.filter((q) => q.type !== 'multiple');
    const longest = single.filter((q) => {
      const right = rightOptions(q)[0]!.text.length;
      return q.options.every((o) => rightOptions(q).includes(o) || o.text.length < right);
    }).length;
    expect(longest / single.length).toBeLessThan(0.4);
  });

  it('holds at least 150 items, a third of them written as the exam writes them', () => {
    expect(all.length).toBeGreaterThanOrEqual(150);
    expect(all.filter(isExamStyle).length * 3).toBeGreaterThanOrEqual(all.length);
  });

  it('drills every exam trap 1-8 at least three times, every scenario 1-10 and FAQ 1-8 at least once', () => {
    const stats = bankStats(all);
    for (let n = 1; n <= 8; n++) expect(stats.traps[String(n)], `trap ${n}`).toBeGreaterThanOrEqual(3);
    for (let n = 1; n <= 10; n++) expect(stats.scenarios[String(n)], `scenario ${n}`).toBeGreaterThanOrEqual(1);
    for (let n = 1; n <= 8; n++) expect(stats.faqs[String(n)], `FAQ ${n}`).toBeGreaterThanOrEqual(1);
    expect(stats.without_source).toBe(0);
  });

  it('covers seed 000: its concept tables, each part of its lab, and the topics no panel owns', () => {
    const text = JSON.stringify(all.map((q) => [q.prompt, q.drills.label, q.sources.map((s) => s.label)]));
    for (const needle of [
      'at rest', 'in transit', 'AWS owned', 'client-side', 'Private CA', 'ACM',
      'Part I', 'Part II', 'Part III', 'Part IV', 'Clean-up',
      'Secrets Manager', 'SecureString', 'cold start', 'enhanced flow', 'AWSKeyManagementServicePowerUser', 'Bucket Keys',
    ]) expect(text.includes(needle), needle).toBe(true);
  });

  it('traps, scenarios and FAQs are read from labels and sources', () => {
    const q = all.find((x) => x.id === 'trap5-throttled-no-change');
    expect(q && drilledNumbers(q)).toEqual({ traps: [5], scenarios: [], faqs: [5] });
  });

  it('names the guide correction wherever an item teaches against the guide', () => {
    for (const id of ['keys-types-who-controls', 'part2-poweruser-policy', 'ed-scenario-iot-encrypt-only', 'rot-manual-steps', 'concept-sse-s3-no-kms', 'concept-acm-export', 'trap5-quota-numbers']) {
      expect(all.find((q) => q.id === id)?.guideCorrection, id).toBeTruthy();
    }
  });

  it('has no link to a localized edition of an AWS page', () => {
    const urls = all.flatMap((q) => q.sources.flatMap((s) => (s.url ? [s.url] : [])));
    expect(urls.filter((u) => /\/(ja_jp|ja-jp|zh_cn|de_de|fr_fr|ko_kr)\//i.test(u))).toEqual([]);
  });

  it('teaches the Lambda contexts apart: the console helper\'s LambdaFunctionName and Lambda\'s own aws:lambda:FunctionArn', () => {
    const text = JSON.stringify(all.map((q) => [q.prompt, q.options.map((o) => [o.text, o.explanation]), q.guideCorrection]));
    expect(text.includes('LambdaFunctionName'), 'LambdaFunctionName').toBe(true);
    expect(text.includes('aws:lambda:FunctionArn'), 'aws:lambda:FunctionArn').toBe(true);
  });

  it('states the key numbers: 4,096 bytes, 7-30 days (30), 90-2,560 days (365), 1-1,024 bytes', () => {
    const text = JSON.stringify(all);
    for (const fact of ['4,096', '7 to 30', '90', '2,560', '365', '1,024']) expect(text.includes(fact), fact).toBe(true);
  });
});
