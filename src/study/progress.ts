import { z } from 'zod';
import { nextSchedule } from './scheduling';
import type { Outcome } from './outcome';

/**
 * Study progress, kept in the browser's localStorage: answers and scheduling only — never
 * credentials, plaintext or key material. Exported and imported as JSON, validated with zod.
 */
export const PROGRESS_STORAGE_KEY = 'kms-study-lab:progress';
export const PROGRESS_VERSION = 1;

export const answerRecordSchema = z.object({
  attempts: z.number().int().min(0),
  correctCount: z.number().int().min(0),
  lastCorrect: z.boolean(),
  /** Option ids the learner chose last time (for predict questions: their prediction). */
  lastSelected: z.array(z.string().max(100)).max(20),
  /** For predict questions: what the backend did, as a label (error name or success value). */
  lastObserved: z.string().max(200).optional(),
  lastAnsweredAt: z.number().int().min(0),
  box: z.number().int().min(1).max(5),
  dueAt: z.number().int().min(0),
});
export type AnswerRecord = z.infer<typeof answerRecordSchema>;

export const progressSchema = z.object({
  app: z.literal('kms-study-lab'),
  version: z.literal(PROGRESS_VERSION),
  answers: z.record(z.string().max(200), answerRecordSchema),
});
export type Progress = z.infer<typeof progressSchema>;

export function emptyProgress(): Progress {
  return { app: 'kms-study-lab', version: PROGRESS_VERSION, answers: {} };
}

export function recordAnswer(
  progress: Progress,
  questionId: string,
  answer: { correct: boolean; selected: readonly string[]; observed?: Outcome },
  now: number,
): Progress {
  const previous = progress.answers[questionId];
  const schedule = nextSchedule(previous, answer.correct, now);
  const observed = answer.observed ? (answer.observed.kind === 'success' ? answer.observed.value : answer.observed.name) : undefined;
  const record: AnswerRecord = {
    attempts: (previous?.attempts ?? 0) + 1,
    correctCount: (previous?.correctCount ?? 0) + (answer.correct ? 1 : 0),
    lastCorrect: answer.correct,
    lastSelected: [...answer.selected].slice(0, 20),
    ...(observed ? { lastObserved: observed.slice(0, 200) } : {}),
    lastAnsweredAt: Math.floor(now),
    box: schedule.box,
    dueAt: Math.floor(schedule.dueAt),
  };
  return { ...progress, answers: { ...progress.answers, [questionId]: record } };
}

export function exportProgress(progress: Progress): string {
  return JSON.stringify(progressSchema.parse(progress), null, 2);
}

export type ImportResult = { ok: true; progress: Progress } | { ok: false; error: string };

/** Parses an exported file. Anything that is not a valid progress document is refused whole. */
export function importProgress(json: string): ImportResult {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch {
    return { ok: false, error: 'The file is not JSON.' };
  }
  const parsed = progressSchema.safeParse(data);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const where = first && first.path.length > 0 ? ` at ${first.path.join('.')}` : '';
    return { ok: false, error: `The file is not a KMS Study Lab progress export${where}: ${first?.message ?? 'invalid'}.` };
  }
  return { ok: true, progress: parsed.data };
}

/** Keeps the newer record of each question (by lastAnsweredAt). */
export function mergeProgress(current: Progress, incoming: Progress): Progress {
  const answers = { ...current.answers };
  for (const [id, record] of Object.entries(incoming.answers)) {
    const mine = answers[id];
    if (!mine || record.lastAnsweredAt >= mine.lastAnsweredAt) answers[id] = record;
  }
  return { ...current, answers };
}

/** The small slice of the Storage API we use, so tests can pass a map. */
export interface ProgressStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export function browserStorage(): ProgressStorage | undefined {
  try {
    return typeof globalThis.localStorage === 'undefined' ? undefined : globalThis.localStorage;
  } catch {
    // Some browsers throw on access when storage is blocked.
    return undefined;
  }
}

/** A corrupt or foreign entry is ignored (and overwritten on the next answer), never thrown. */
export function loadProgress(storage: ProgressStorage | undefined = browserStorage()): Progress {
  const raw = storage?.getItem(PROGRESS_STORAGE_KEY);
  if (!raw) return emptyProgress();
  const result = importProgress(raw);
  return result.ok ? result.progress : emptyProgress();
}

export function saveProgress(progress: Progress, storage: ProgressStorage | undefined = browserStorage()): void {
  try {
    storage?.setItem(PROGRESS_STORAGE_KEY, JSON.stringify(progress));
  } catch {
    // Quota exceeded or storage blocked: progress stays in memory for this visit.
  }
}
