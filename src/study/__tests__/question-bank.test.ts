import { describe, expect, it } from 'vitest';
import { questionBankSchema, questionSchema } from '../schema';
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
