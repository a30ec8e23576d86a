import { describe, expect, it } from 'vitest';
import type { KMSClient } from '@aws-sdk/client-kms';
import type { ConnectionInfo } from '../../connection/types';
import { gradeChoice, gradePrediction } from '../grading';
import { outcomeFromError, outcomeMatches } from '../outcome';
import { questionBankSchema, questionSchema, type MultipleQuestion, type PredictQuestion, type SingleQuestion } from '../schema';
import { BOX_INTERVALS_MS, nextSchedule, studyOrder } from '../scheduling';
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

  it('predictions are graded against the actual outcome, not the documented one', () => {
    expect(gradePrediction(predict, 'fails', { kind: 'error', name: 'ValidationException' })).toEqual({
      status: 'correct',
      actualOptionId: 'fails',
      matchesAws: true,
    });
    // A backend that differs from AWS: the learner who predicted what it did is right, and the panel can say it differs.
    expect(gradePrediction(predict, 'works', { kind: 'success', value: 'ok' })).toEqual({ status: 'correct', actualOptionId: 'works', matchesAws: false });
    expect(gradePrediction(predict, 'works', { kind: 'error', name: 'ValidationException' }).status).toBe('wrong');
    expect(gradePrediction(predict, 'works', { kind: 'error', name: 'AccessDeniedException' }).status).toBe('unmatched');
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

describe('Leitner scheduling', () => {
  const now = 1_000_000_000_000;

  it('a right answer moves a question up a box; a wrong one sends it back to box 1', () => {
    const first = nextSchedule(undefined, true, now);
    expect(first).toEqual({ box: 1, dueAt: now + BOX_INTERVALS_MS[0]! });
    const second = nextSchedule(first, true, now);
    expect(second.box).toBe(2);
    const third = nextSchedule({ box: 4, dueAt: now }, false, now);
    expect(third).toEqual({ box: 1, dueAt: now + BOX_INTERVALS_MS[0]! });
    expect(nextSchedule({ box: 5, dueAt: now }, true, now).box).toBe(5);
  });

  it('wrong answers come back sooner than right ones', () => {
    const wrong = nextSchedule({ box: 3, dueAt: now }, false, now);
    const right = nextSchedule({ box: 3, dueAt: now }, true, now);
    expect(wrong.dueAt).toBeLessThan(right.dueAt);
  });

  it('orders due questions first (lowest box first), then unseen ones, then the rest by due date', () => {
    const order = studyOrder(
      ['later', 'unseen-1', 'due-box-3', 'due-box-1', 'unseen-2', 'sooner'],
      {
        later: { box: 2, dueAt: now + 5000 },
        sooner: { box: 4, dueAt: now + 1000 },
        'due-box-3': { box: 3, dueAt: now - 10 },
        'due-box-1': { box: 1, dueAt: now - 5 },
      },
      now,
    );
    expect(order).toEqual(['due-box-1', 'due-box-3', 'unseen-1', 'unseen-2', 'sooner', 'later']);
  });
});

describe('progress', () => {
  const now = 1_700_000_000_000;

  function memoryStorage(initial?: string): ProgressStorage & { data: Map<string, string> } {
    const data = new Map<string, string>(initial ? [[PROGRESS_STORAGE_KEY, initial]] : []);
    return { data, getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v) };
  }

  it('records attempts, the last answer and the schedule', () => {
    let p = recordAnswer(emptyProgress(), 'q1', { correct: false, selected: ['b'] }, now);
    p = recordAnswer(p, 'q1', { correct: true, selected: ['a'] }, now + 1000);
    expect(p.answers.q1).toMatchObject({ attempts: 2, correctCount: 1, lastCorrect: true, lastSelected: ['a'], box: 2 });
  });

  it('stores what a predict experiment observed as a label only', () => {
    const p = recordAnswer(emptyProgress(), 'q', { correct: true, selected: ['x'], observed: { kind: 'error', name: 'ValidationException', message: 'details' } }, now);
    expect(p.answers.q?.lastObserved).toBe('ValidationException');
    expect(JSON.stringify(p)).not.toContain('details');
  });

  it('round-trips through export and import', () => {
    const p = recordAnswer(emptyProgress(), 'q1', { correct: true, selected: ['a'] }, now);
    const back = importProgress(exportProgress(p));
    expect(back).toEqual({ ok: true, progress: p });
  });

  it('refuses files that are not JSON or not a progress export', () => {
    expect(importProgress('{not json').ok).toBe(false);
    expect(importProgress(JSON.stringify({ app: 'other', version: 1, answers: {} })).ok).toBe(false);
    const bad = importProgress(JSON.stringify({ app: 'kms-study-lab', version: 1, answers: { q: { attempts: -1 } } }));
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error).toMatch(/answers\.q/);
  });

  it('merges imports keeping the newer answer per question', () => {
    const mine = recordAnswer(emptyProgress(), 'q', { correct: false, selected: ['b'] }, now + 10);
    const theirs = recordAnswer(recordAnswer(emptyProgress(), 'q', { correct: true, selected: ['a'] }, now), 'r', { correct: true, selected: ['a'] }, now);
    const merged = mergeProgress(mine, theirs);
    expect(merged.answers.q?.lastCorrect).toBe(false);
    expect(merged.answers.r?.lastCorrect).toBe(true);
  });

  it('saves to and loads from storage, and treats a corrupt entry as empty', () => {
    const storage = memoryStorage();
    const p = recordAnswer(emptyProgress(), 'q1', { correct: true, selected: ['a'] }, now);
    saveProgress(p, storage);
    expect(loadProgress(storage)).toEqual(p);
    expect(loadProgress(memoryStorage('garbage'))).toEqual(emptyProgress());
    expect(loadProgress(undefined)).toEqual(emptyProgress());
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
