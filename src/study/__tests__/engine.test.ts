import { describe, expect, it } from 'vitest';
import type { KMSClient } from '@aws-sdk/client-kms';
import type { ConnectionInfo } from '../../connection/types';
import { gradeChoice, gradePrediction } from '../grading';
import { outcomeFromError, outcomeMatches } from '../outcome';
import { questionBankSchema, questionSchema, type MultipleQuestion, type PredictQuestion, type SingleQuestion } from '../schema';
import {
  PROGRESS_STORAGE_KEY,
  emptyProgress,
  exportProgress,
  importProgress,
  loadProgress,
  mergeProgress,
  recordAnswer,
  saveProgress,
  type ProgressStorage,
} from '../progress';
import { kmsExperiment, success } from '../experiment-kit';

const base = {
  labId: 'test-lab',
  topic: 'Testing',
  drills: { kind: 'concept' as const, label: 'A concept' },
  sources: [{ label: 'Guide 002 — somewhere' }],
};

const single: SingleQuestion = {
  ...base,
  id: 'single-q',
  type: 'single',
  prompt: 'Pick one.',
  options: [
    { id: 'a', text: 'A', correct: true, explanation: 'A is right because of reasons.' },
    { id: 'b', text: 'B', correct: false, explanation: 'B is wrong because of reasons.' },
  ],
};

const multiple: MultipleQuestion = {
  ...base,
  id: 'multiple-q',
  type: 'multiple',
  prompt: 'Pick two.',
  options: [
    { id: 'a', text: 'A', correct: true, explanation: 'A is right because of reasons.' },
    { id: 'b', text: 'B', correct: true, explanation: 'B is right because of reasons.' },
    { id: 'c', text: 'C', correct: false, explanation: 'C is wrong because of reasons.' },
  ],
};

const predict: PredictQuestion = {
  ...base,
  id: 'predict-q',
  type: 'predict',
  prompt: 'What happens?',
  experimentSummary: 'Runs something.',
  expected: 'fails',
  experiment: () => Promise.resolve({ kind: 'error', name: 'ValidationException' }),
  options: [
    { id: 'works', text: 'Works', outcome: { kind: 'success', value: 'ok' }, explanation: 'It would work if the input were valid.' },
    { id: 'fails', text: 'Fails', outcome: { kind: 'error', name: 'ValidationException' }, explanation: 'The input is invalid, so it fails.' },
  ],
};

describe('grading', () => {
  it('single answer: right only with the one correct option', () => {
    expect(gradeChoice(single, ['a']).correct).toBe(true);
    expect(gradeChoice(single, ['b'])).toEqual({ correct: false, missed: ['a'], wrongPicks: ['b'] });
    expect(gradeChoice(single, []).correct).toBe(false);
    expect(gradeChoice(single, ['a', 'b']).correct).toBe(false);
  });

  it('multiple answer is all or nothing: every correct option and no wrong one', () => {
    expect(gradeChoice(multiple, ['a', 'b']).correct).toBe(true);
    expect(gradeChoice(multiple, ['b', 'a']).correct).toBe(true);
    expect(gradeChoice(multiple, ['a'])).toEqual({ correct: false, missed: ['b'], wrongPicks: [] });
    expect(gradeChoice(multiple, ['a', 'b', 'c'])).toEqual({ correct: false, missed: [], wrongPicks: ['c'] });
    expect(gradeChoice(multiple, ['a', 'b', 'zzz']).correct).toBe(false);
  });

  it('predictions are graded against what AWS documents, and the backend\'s answer is reported beside it', () => {
    expect(gradePrediction(predict, 'fails', { kind: 'error', name: 'ValidationException' })).toEqual({
      correct: true,
      actualOptionId: 'fails',
      matchesAws: true,
    });
    // A backend that differs from AWS: predicting AWS's behaviour stays right; predicting the backend's is not.
    expect(gradePrediction(predict, 'fails', { kind: 'success', value: 'ok' })).toEqual({ correct: true, actualOptionId: 'works', matchesAws: false });
    expect(gradePrediction(predict, 'works', { kind: 'success', value: 'ok' })).toEqual({ correct: false, actualOptionId: 'works', matchesAws: false });
    expect(gradePrediction(predict, 'works', { kind: 'error', name: 'AccessDeniedException' })).toEqual({ correct: false, actualOptionId: undefined, matchesAws: false });
  });

  it('a setup failure never matches a prediction', () => {
    expect(outcomeMatches({ kind: 'error', name: 'ValidationException' }, { kind: 'error', name: 'ValidationException', setup: true })).toBe(false);
  });
});

describe('outcomes from errors', () => {
  it('uses the SDK error name (the AWS error code)', () => {
    const err = Object.assign(new Error('1 validation error detected'), { name: 'ValidationException' });
    expect(outcomeFromError(err)).toEqual({ kind: 'error', name: 'ValidationException', message: '1 validation error detected' });
    expect(outcomeFromError('boom', true)).toEqual({ kind: 'error', name: 'Error', message: 'boom', setup: true });
    // AWS sends InvalidCiphertextException without a message; the SDK's placeholder is not shown as one.
    expect(outcomeFromError(Object.assign(new Error('UnknownError'), { name: 'InvalidCiphertextException' }))).toEqual({
      kind: 'error',
      name: 'InvalidCiphertextException',
    });
  });
});

describe('question schema', () => {
  it('accepts well-formed questions of each type', () => {
    expect(questionBankSchema.safeParse([single, multiple, predict]).success).toBe(true);
  });

  it('refuses a single-answer question with two correct options', () => {
    const bad = { ...single, options: single.options.map((o) => ({ ...o, correct: true })) };
    expect(questionSchema.safeParse(bad).success).toBe(false);
  });

  it('refuses a multiple-answer question with fewer than two correct options, or with no wrong one', () => {
    const one = { ...multiple, options: multiple.options.map((o, i) => ({ ...o, correct: i === 0 })) };
    const all = { ...multiple, options: multiple.options.map((o) => ({ ...o, correct: true })) };
    expect(questionSchema.safeParse(one).success).toBe(false);
    expect(questionSchema.safeParse(all).success).toBe(false);
  });

  it('refuses missing explanations, topics, drills and sources, and one-option questions', () => {
    expect(questionSchema.safeParse({ ...single, options: [single.options[0]] }).success).toBe(false);
    expect(questionSchema.safeParse({ ...single, options: [{ ...single.options[0], explanation: ' ' }, single.options[1]] }).success).toBe(false);
    expect(questionSchema.safeParse({ ...single, topic: '' }).success).toBe(false);
    expect(questionSchema.safeParse({ ...single, drills: { kind: 'trap', label: '' } }).success).toBe(false);
    expect(questionSchema.safeParse({ ...single, sources: [] }).success).toBe(false);
    expect(questionSchema.safeParse({ ...single, sources: [{ label: 'x', url: 'http://insecure.example' }] }).success).toBe(false);
  });

  it('refuses a predict question whose expected option does not exist, or whose options share an outcome', () => {
    expect(questionSchema.safeParse({ ...predict, expected: 'nope' }).success).toBe(false);
    const twins = { ...predict, options: [predict.options[1], { ...predict.options[1], id: 'twin' }] };
    expect(questionSchema.safeParse(twins).success).toBe(false);
    expect(questionSchema.safeParse({ ...predict, experiment: 'not a function' }).success).toBe(false);
  });

  it('refuses duplicate question ids across a bank', () => {
    const result = questionBankSchema.safeParse([single, { ...multiple, id: single.id }]);
    expect(result.success).toBe(false);
  });
});

describe('progress', () => {
  const now = 1_700_000_000_000;

  function memoryStorage(initial?: string): ProgressStorage & { data: Map<string, string> } {
    const data = new Map<string, string>(initial ? [[PROGRESS_STORAGE_KEY, initial]] : []);
    return { data, getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v) };
  }

  it('records attempts, the last answer and every review in the history', () => {
    let p = recordAnswer(emptyProgress('l-test'), 'q1', { correct: false, selected: ['b'] }, now);
    p = recordAnswer(p, 'q1', { correct: true, selected: ['a'], confidence: 'sure' }, now + 1000);
    expect(p.answers.q1).toMatchObject({ attempts: 2, correctCount: 1, lastCorrect: true, lastSelected: ['a'] });
    expect(p.answers.q1?.history).toEqual([
      { at: now, correct: false },
      { at: now + 1000, correct: true, confidence: 'sure' },
    ]);
  });

  it('stores what a predict experiment observed as a label only', () => {
    const p = recordAnswer(emptyProgress('l-test'), 'q', { correct: true, selected: ['x'], observed: { kind: 'error', name: 'ValidationException', message: 'details' } }, now);
    expect(p.answers.q?.lastObserved).toBe('ValidationException');
    expect(JSON.stringify(p)).not.toContain('details');
  });

  it('round-trips through export and import', () => {
    const p = recordAnswer(emptyProgress('l-test'), 'q1', { correct: true, selected: ['a'] }, now);
    const back = importProgress(exportProgress(p));
    expect(back).toEqual({ ok: true, progress: p, migrated: false });
  });

  it('refuses files that are not JSON or not a progress export', () => {
    expect(importProgress('{not json').ok).toBe(false);
    expect(importProgress(JSON.stringify({ app: 'other', version: 2, answers: {} })).ok).toBe(false);
    const bad = importProgress(JSON.stringify({ app: 'kms-study-lab', version: 2, learnerId: 'l-test', answers: { q: { attempts: -1 } } }));
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error).toMatch(/answers\.q/);
  });

  it('merges per item: the newer last answer, and every review of both sides', () => {
    const mine = recordAnswer(emptyProgress('l-test'), 'q', { correct: false, selected: ['b'] }, now + 10);
    const theirs = recordAnswer(recordAnswer(emptyProgress('l-other'), 'q', { correct: true, selected: ['a'] }, now), 'r', { correct: true, selected: ['a'] }, now);
    const merged = mergeProgress(mine, theirs);
    expect(merged.learnerId).toBe('l-test');
    expect(merged.answers.q?.lastCorrect).toBe(false);
    expect(merged.answers.q?.history.map((h) => h.correct)).toEqual([true, false]);
    expect(merged.answers.q?.attempts).toBe(2);
    expect(merged.answers.r?.lastCorrect).toBe(true);
  });

  it('saving re-reads storage and merges, so an answer another tab saved meanwhile is kept', () => {
    const storage = memoryStorage();
    const tabA = emptyProgress('l-test');
    const tabB = emptyProgress('l-test');
    saveProgress(recordAnswer(tabA, 'q1', { correct: true, selected: ['a'] }, now), storage);
    saveProgress(recordAnswer(recordAnswer(tabA, 'q1', { correct: true, selected: ['a'] }, now), 'q8', { correct: false, selected: ['b'] }, now + 5), storage);
    // Tab B never saw q1 or q8; its save must not drop them.
    const written = saveProgress(recordAnswer(tabB, 'q3', { correct: true, selected: ['c'] }, now + 9), storage);
    expect(Object.keys(written.answers).sort()).toEqual(['q1', 'q3', 'q8']);
    expect(Object.keys(loadProgress(storage).answers).sort()).toEqual(['q1', 'q3', 'q8']);
  });

  it('loads from storage, and treats a corrupt entry as empty with a stable learner id', () => {
    const storage = memoryStorage();
    const p = recordAnswer(emptyProgress('l-test'), 'q1', { correct: true, selected: ['a'] }, now);
    saveProgress(p, storage);
    expect(loadProgress(storage)).toEqual(p);
    const corrupt = memoryStorage('garbage');
    const first = loadProgress(corrupt);
    expect(first.answers).toEqual({});
    expect(loadProgress(corrupt).learnerId).toBe(first.learnerId);
  });

  it('migrates the Leitner format: each answered item becomes reviewed, with its history, nothing lost', () => {
    const DAY = 86_400_000;
    const v1 = {
      app: 'kms-study-lab',
      version: 1,
      answers: {
        'rot-period-numbers': { attempts: 4, correctCount: 3, lastCorrect: true, lastSelected: ['a'], lastAnsweredAt: now, box: 3, dueAt: now + 3 * DAY },
        'ed-predict-encrypt-4097': { attempts: 1, correctCount: 0, lastCorrect: false, lastSelected: ['x'], lastObserved: 'ValidationException', lastAnsweredAt: now - DAY, box: 1, dueAt: now - DAY + 600_000 },
      },
    };
    const result = importProgress(JSON.stringify(v1), 'l-test');
    expect(result.ok && result.migrated).toBe(true);
    if (!result.ok) return;
    const right = result.progress.answers['rot-period-numbers'];
    expect(right).toMatchObject({ attempts: 4, correctCount: 3, lastCorrect: true, lastSelected: ['a'], lastAnsweredAt: now });
    // Box 3 after a right answer: three right answers in a row, the last at lastAnsweredAt.
    expect(right?.history.map((h) => h.correct)).toEqual([true, true, true]);
    expect(right?.history.at(-1)?.at).toBe(now);
    const wrong = result.progress.answers['ed-predict-encrypt-4097'];
    expect(wrong).toMatchObject({ attempts: 1, lastCorrect: false, lastObserved: 'ValidationException', history: [{ at: now - DAY, correct: false }] });
    // A stored Leitner entry is read, not thrown away.
    const storage = memoryStorage(JSON.stringify(v1));
    expect(Object.keys(loadProgress(storage).answers).sort()).toEqual(['ed-predict-encrypt-4097', 'rot-period-numbers']);
  });
});

describe('experiment kit', () => {
  type Sent = { name: string; input: Record<string, unknown> };

  function fakeConnection(respond: (name: string, input: Record<string, unknown>) => unknown): { conn: ConnectionInfo; sent: Sent[] } {
    const sent: Sent[] = [];
    let keys = 0;
    const kms = {
      send: async (command: { constructor: { name: string }; input: Record<string, unknown> }) => {
        const name = command.constructor.name.replace(/Command$/, '');
        sent.push({ name, input: command.input });
        if (name === 'CreateKey') return { KeyMetadata: { KeyId: `key-${++keys}` } };
        const r = respond(name, command.input);
        if (r instanceof Error) throw r;
        return r ?? {};
      },
    } as unknown as KMSClient;
    const unused = () => Promise.reject(new Error('unused'));
    return {
      sent,
      conn: {
        backend: 'endpoint',
        region: 'us-east-1',
        keyPrefix: ['endpoint', '-', 'us-east-1', 'x'],
        identityId: 'us-east-1:guest-1',
        clients: { kms: () => Promise.resolve(kms), s3: unused, cloudtrail: unused },
      },
    };
  }

  const named = (name: string, message = '') => Object.assign(new Error(message), { name });

  it('creates nothing until the experiment is called', () => {
    const { sent } = fakeConnection(() => undefined);
    kmsExperiment(async (lab) => {
      await lab.createKey();
      return success('ok');
    });
    expect(sent).toEqual([]);
  });

  it('tags keys with the lab owner, and schedules them for deletion with 7 days even when the step fails', async () => {
    const { conn, sent } = fakeConnection((name) => (name === 'Encrypt' ? named('ValidationException', 'too long') : undefined));
    const outcome = await kmsExperiment(async (lab) => {
      const keyId = await lab.createKey();
      const alias = await lab.createAlias(keyId);
      await lab.kms.send({ constructor: { name: 'EncryptCommand' }, input: { KeyId: alias } } as never);
      return success('encrypted');
    })(conn);
    expect(outcome).toEqual({ kind: 'error', name: 'ValidationException', message: 'too long' });
    expect(sent[0]?.input.Tags).toEqual([{ TagKey: 'lab-owner', TagValue: 'us-east-1:guest-1' }]);
    const names = sent.map((s) => s.name);
    expect(names).toEqual(['CreateKey', 'DescribeKey', 'CreateAlias', 'Encrypt', 'DeleteAlias', 'ScheduleKeyDeletion']);
    expect(sent.at(-1)?.input).toEqual({ KeyId: 'key-1', PendingWindowInDays: 7 });
  });

  it('marks a failed preparation step as a setup failure, not a gradable outcome', async () => {
    const { conn } = fakeConnection((name) => (name === 'DisableKey' ? named('AccessDeniedException', 'no') : undefined));
    const outcome = await kmsExperiment(async (lab) => {
      const keyId = await lab.createKey();
      await lab.setup(() => lab.kms.send({ constructor: { name: 'DisableKeyCommand' }, input: { KeyId: keyId } } as never));
      return success('never');
    })(conn);
    expect(outcome).toMatchObject({ kind: 'error', name: 'AccessDeniedException', setup: true });
  });

  it('on real AWS, waits until a new key is usable (tags propagate) before the step being predicted', async () => {
    let describes = 0;
    const { conn, sent } = fakeConnection((name) => {
      if (name === 'DescribeKey') return ++describes <= 2 ? named('AccessDeniedException', 'not yet') : { KeyMetadata: {} };
      return undefined;
    });
    const slept: number[] = [];
    const outcome = await kmsExperiment(
      async (lab) => {
        await lab.createKey();
        return success('ready');
      },
      { sleep: async (ms) => void slept.push(ms) },
    )(conn);
    expect(outcome).toEqual({ kind: 'success', value: 'ready' });
    expect(sent.filter((s) => s.name === 'DescribeKey')).toHaveLength(3);
    expect(slept).toEqual([500, 1000]);
  });

  it('gives up waiting with a setup failure, and never waits on the sandbox', async () => {
    const { conn } = fakeConnection((name) => (name === 'DescribeKey' ? named('AccessDeniedException', 'never') : undefined));
    const outcome = await kmsExperiment(async (lab) => (await lab.createKey(), success('never')), { sleep: async () => undefined })(conn);
    expect(outcome).toMatchObject({ kind: 'error', name: 'AccessDeniedException', setup: true });

    const sandboxConn = { ...conn, backend: 'sandbox' as const };
    const onSandbox = await kmsExperiment(async (lab) => (await lab.createKey(), success('no wait')))(sandboxConn);
    expect(onSandbox).toEqual({ kind: 'success', value: 'no wait' });
  });

  it('ignores clean-up errors (a key the experiment already scheduled)', async () => {
    const { conn } = fakeConnection((name) => (name === 'ScheduleKeyDeletion' ? named('KMSInvalidStateException') : undefined));
    const outcome = await kmsExperiment(async (lab) => {
      await lab.createKey();
      return success('done');
    })(conn);
    expect(outcome).toEqual({ kind: 'success', value: 'done' });
  });
});
