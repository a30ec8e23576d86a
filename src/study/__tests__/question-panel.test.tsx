import { describe, expect, it } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { QuestionPanel, questionFromHash } from '../components/question-panel';
import { presentation } from '../../lib/presentation';
import { optionSeed, shuffleOptions } from '../shuffle';
import { PROGRESS_STORAGE_KEY, emptyProgress, recordAnswer, type ProgressStorage } from '../progress';
import { loadLabBanks } from './load-bank';
import type { ConnectionInfo } from '../../connection/types';

// Server rendering only (the unit tests run without a DOM); the Playwright specs drive the panel.

function storageWith(json?: string): ProgressStorage {
  return { getItem: (k) => (k === PROGRESS_STORAGE_KEY ? (json ?? null) : null), setItem: () => undefined };
}

const banks = loadLabBanks();
const keys = banks.find((b) => b.labId === 'keys')!.questions;

function labelledInputs(html: string) {
  const inputs = [...html.matchAll(/<input[^>]*id="([^"]+)"[^>]*type="(radio|checkbox)"/g)].map((m) => m[1]!);
  const labels = new Set([...html.matchAll(/<label[^>]*for="([^"]+)"/g)].map((m) => m[1]!));
  return { inputs, unlabelled: inputs.filter((id) => !labels.has(id)) };
}

describe('QuestionPanel', () => {
  it('shows one question as a fieldset whose every radio has a label, and a Submit button', () => {
    const single = keys.find((q) => q.type === 'single')!;
    const html = renderToStaticMarkup(<QuestionPanel labId="keys" questions={keys} storage={storageWith()} initialQuestionId={single.id} />);
    expect(html).toContain('<fieldset');
    expect(html).toContain('<legend');
    expect(html).toContain(single.prompt.replace(/'/g, '&#x27;').replace(/"/g, '&quot;'));
    const { inputs, unlabelled } = labelledInputs(html);
    expect(inputs).toHaveLength(single.options.length);
    expect(unlabelled).toEqual([]);
    expect(html).toContain('type="radio"');
    expect(html).toMatch(/<button type="submit"[^>]*disabled=""[^>]*>Submit<\/button>/);
    expect(html).toContain('Choose one answer.');
  });

  it('uses checkboxes for multiple-answer questions and says there is no partial credit', () => {
    const multiple = keys.find((q) => q.type === 'multiple')!;
    const html = renderToStaticMarkup(<QuestionPanel labId="keys" questions={keys} storage={storageWith()} initialQuestionId={multiple.id} />);
    expect(html).toContain('type="checkbox"');
    // The only radios left are the "how sure are you?" ones, not answers.
    expect(html).not.toMatch(/type="radio" name="[^"]*-answer"/);
    expect(html).toContain('No partial credit');
  });

  it('offers predictions and a Run button for predict-then-run questions, disabled without a backend', () => {
    const predict = keys.find((q) => q.type === 'predict')!;
    const html = renderToStaticMarkup(<QuestionPanel labId="keys" questions={keys} storage={storageWith()} initialQuestionId={predict.id} />);
    expect(html).toContain('Run the experiment');
    expect(html).toContain('Connect a backend to run this experiment.');
    expect(html).toMatch(/<button type="submit"[^>]*disabled=""/);
  });

  it('with a backend, asks for a prediction before running (and runs nothing while rendering)', () => {
    const predict = keys.find((q) => q.type === 'predict')!;
    let kmsRequested = 0;
    const conn: ConnectionInfo = {
      backend: 'sandbox',
      region: 'us-east-1',
      keyPrefix: ['sandbox', '111122223333', 'us-east-1', 'x'],
      clients: {
        kms: () => {
          kmsRequested += 1;
          return Promise.reject(new Error('not in this test'));
        },
        s3: () => Promise.reject(new Error('unused')),
        cloudtrail: () => Promise.reject(new Error('unused')),
      },
    };
    const html = renderToStaticMarkup(<QuestionPanel labId="keys" questions={keys} storage={storageWith()} connection={conn} initialQuestionId={predict.id} />);
    expect(html).toContain('Choose a prediction first.');
    expect(kmsRequested).toBe(0);
  });

  it('opens the first question due and shows saved progress', () => {
    const now = 1_700_000_000_000;
    let progress = emptyProgress();
    // Answer the first two: the first wrongly long ago (due now), the second rightly (not due).
    progress = recordAnswer(progress, keys[0]!.id, { correct: false, selected: ['x'] }, now - 86_400_000);
    progress = recordAnswer(progress, keys[1]!.id, { correct: true, selected: ['x'] }, now);
    const html = renderToStaticMarkup(<QuestionPanel labId="keys" questions={keys} storage={storageWith(JSON.stringify(progress))} now={() => now} />);
    expect(html).toContain(`2 of ${keys.length} answered · 1 due for review`);
    expect(html).toContain(`Question 1 of ${keys.length}`);
    expect(html).toContain('(answered wrongly)');
    expect(html).toContain('(answered correctly)');
  });

  it('renders every question of every lab without throwing', () => {
    for (const bank of banks) {
      for (const q of bank.questions) {
        const html = renderToStaticMarkup(<QuestionPanel labId={bank.labId} questions={bank.questions} storage={storageWith()} initialQuestionId={q.id} />);
        expect(labelledInputs(html).unlabelled).toEqual([]);
      }
    }
  });

  it('reopens an answered question with its answer and explanations', () => {
    const single = keys.find((q) => q.type === 'single')!;
    const wrong = single.options.find((o) => 'correct' in o && !o.correct)!;
    const p = recordAnswer(emptyProgress('l-test'), single.id, { correct: false, selected: [wrong.id] }, 1_700_000_000_000);
    const html = renderToStaticMarkup(<QuestionPanel labId="keys" questions={keys} storage={storageWith(JSON.stringify(p))} initialQuestionId={single.id} />);
    expect(html).toContain('Your earlier answer');
    expect(html).toContain('aria-label="Explanations"');
    expect(html).toMatch(/checked=""/);
  });

  it('shows the options in the learner\'s shuffled order, the same on every render', () => {
    const single = keys.find((q) => q.type === 'single')!;
    const p = emptyProgress('l-fixed-seed');
    const render = () => renderToStaticMarkup(<QuestionPanel labId="keys" questions={keys} storage={storageWith(JSON.stringify(p))} initialQuestionId={single.id} />);
    const order = (html: string) => [...html.matchAll(/value="([a-z0-9-]+)"/g)].map((m) => m[1]).filter((v) => single.options.some((o) => o.id === v));
    const expected = shuffleOptions(single.options, optionSeed('l-fixed-seed', single.id)).map((o) => o.id);
    expect(order(render())).toEqual(expected);
    expect(order(render())).toEqual(expected);
  });

  it('in presenter mode, hides the answer and explanations until Reveal, and takes a show of hands', () => {
    const single = keys.find((q) => q.type === 'single')!;
    const p = recordAnswer(emptyProgress('l-test'), single.id, { correct: true, selected: [single.options.find((o) => 'correct' in o && o.correct)!.id] }, 1_700_000_000_000);
    presentation.set({ presenter: true });
    try {
      const html = renderToStaticMarkup(<QuestionPanel labId="keys" questions={keys} storage={storageWith(JSON.stringify(p))} initialQuestionId={single.id} />);
      expect(html).toContain('Reveal the answer');
      expect(html).not.toContain('aria-label="Explanations"');
      expect(html).not.toContain('Correct answer');
      expect(html).toContain('Hands raised for: ');
    } finally {
      presentation.set({ presenter: false });
    }
  });

  it('gives each question an anchor q-<id>, and reads ?q=<id> from the route', () => {
    const single = keys.find((q) => q.type === 'single')!;
    const html = renderToStaticMarkup(<QuestionPanel labId="keys" questions={keys} storage={storageWith()} initialQuestionId={single.id} />);
    expect(html).toContain(`id="q-${single.id}"`);
    expect(questionFromHash('#/labs/keys?q=keys-alias-rules')).toBe('keys-alias-rules');
    expect(questionFromHash('#/labs/keys')).toBeUndefined();
  });
});
