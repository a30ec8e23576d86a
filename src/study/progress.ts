import { z } from 'zod';
import type { Outcome } from './outcome';
import { LEARNER_STORAGE_KEY, PROGRESS_STORAGE_KEY } from './storage-keys';

/**
 * Study progress, kept in the browser's localStorage apart from the sandbox's state (so it works
 * on every backend): per item, every answer given (a short history) — never credentials,
 * plaintext or key material. Spaced-repetition cards are not stored: they are replayed from the
 * item histories (./srs.ts), so merging two tabs or an import is a per-item union that cannot lose
 * an answer. Version 1 (Leitner boxes) is migrated on read.
 */

export { LEARNER_STORAGE_KEY, PROGRESS_STORAGE_KEY };
export const PROGRESS_VERSION = 2;
/** Longest history kept per item: enough for scheduling, small enough for localStorage. */
export const HISTORY_LIMIT = 40;

export const confidenceLevels = ['guess', 'unsure', 'sure'] as const;
export type Confidence = (typeof confidenceLevels)[number];

export const reviewSchema = z.object({
  /** Wall-clock epoch ms. */
  at: z.number().int().min(0),
  correct: z.boolean(),
  confidence: z.enum(confidenceLevels).optional(),
});
export type Review = z.infer<typeof reviewSchema>;

export const answerRecordSchema = z.object({
  attempts: z.number().int().min(0),
  correctCount: z.number().int().min(0),
  lastCorrect: z.boolean(),
  /** Option ids the learner chose last time (for predict questions: their prediction). */
  lastSelected: z.array(z.string().max(100)).max(20),
  /** For predict questions: what the backend did, as a label (error name or success value). */
  lastObserved: z.string().max(200).optional(),
  /** For predict questions: the backend that answered (sandbox, moto, aws...). */
  lastBackend: z.string().max(40).optional(),
  lastAnsweredAt: z.number().int().min(0),
  history: z.array(reviewSchema).max(HISTORY_LIMIT),
});
export type AnswerRecord = z.infer<typeof answerRecordSchema>;

const learnerIdSchema = z.string().regex(/^[a-z0-9-]{4,40}$/);

export const progressSchema = z.object({
  app: z.literal('kms-study-lab'),
  version: z.literal(PROGRESS_VERSION),
  /** A random id made in this browser, used only to seed the option order. Not about the person. */
  learnerId: learnerIdSchema,
  answers: z.record(z.string().max(200), answerRecordSchema),
});
export type Progress = z.infer<typeof progressSchema>;

/** Today's format before this version: Leitner boxes, no history. */
export const progressV1Schema = z.object({
  app: z.literal('kms-study-lab'),
  version: z.literal(1),
  answers: z.record(
    z.string().max(200),
    z.object({
      attempts: z.number().int().min(0),
      correctCount: z.number().int().min(0),
      lastCorrect: z.boolean(),
      lastSelected: z.array(z.string().max(100)).max(20),
      lastObserved: z.string().max(200).optional(),
      lastAnsweredAt: z.number().int().min(0),
      box: z.number().int().min(1).max(5),
      dueAt: z.number().int().min(0),
    }),
  ),
});
export type ProgressV1 = z.infer<typeof progressV1Schema>;

export function newLearnerId(): string {
  const bytes = new Uint8Array(8);
  globalThis.crypto.getRandomValues(bytes);
  return `l-${[...bytes].map((b) => b.toString(16).padStart(2, '0')).join('')}`;
}

export function emptyProgress(learnerId: string = newLearnerId()): Progress {
  return { app: 'kms-study-lab', version: PROGRESS_VERSION, learnerId, answers: {} };
}

/**
 * Leitner progress becomes reviewed cards: each answered item keeps its attempt counts and last
 * answer, and its history holds the reviews we can reconstruct — the last answer at its time, and
 * for a box above 1 (right answers in a row) the earlier right answers that put it there, spaced by
 * the Leitner intervals, so the replayed card starts about as mature as its box was.
 */
export function migrateV1(old: ProgressV1, learnerId: string = newLearnerId()): Progress {
  const DAY = 86_400_000;
  const gaps = [0, 1, 3, 7, 21];
  const answers: Record<string, AnswerRecord> = {};
  for (const [id, r] of Object.entries(old.answers)) {
    const history: Review[] = [];
    if (r.lastCorrect) {
      // box n after a right answer means n right answers in a row (box 1 → 2 → ...); rebuild them.
      let at = r.lastAnsweredAt;
      const streak = Math.max(1, Math.min(r.box, r.correctCount, r.attempts));
      const times: number[] = [at];
      for (let k = streak - 1; k >= 1; k--) {
        at -= (gaps[k] ?? 1) * DAY;
        times.unshift(Math.max(0, at));
      }
      for (const t of times) history.push({ at: t, correct: true });
    } else {
      history.push({ at: r.lastAnsweredAt, correct: false });
    }
    answers[id] = {
      attempts: Math.max(r.attempts, history.length),
      correctCount: Math.max(r.correctCount, history.filter((h) => h.correct).length),
      lastCorrect: r.lastCorrect,
      lastSelected: r.lastSelected,
      ...(r.lastObserved ? { lastObserved: r.lastObserved } : {}),
      lastAnsweredAt: r.lastAnsweredAt,
      history,
    };
  }
  return { app: 'kms-study-lab', version: PROGRESS_VERSION, learnerId, answers };
}

export interface GradedAnswer {
  correct: boolean;
  selected: readonly string[];
  observed?: Outcome;
  backend?: string;
  confidence?: Confidence;
}

export function recordAnswer(progress: Progress, questionId: string, answer: GradedAnswer, now: number): Progress {
  const previous = progress.answers[questionId];
  const observed = answer.observed ? (answer.observed.kind === 'success' ? answer.observed.value : answer.observed.name) : undefined;
  const at = Math.floor(now);
  const review: Review = { at, correct: answer.correct, ...(answer.confidence ? { confidence: answer.confidence } : {}) };
  const record: AnswerRecord = {
    attempts: (previous?.attempts ?? 0) + 1,
    correctCount: (previous?.correctCount ?? 0) + (answer.correct ? 1 : 0),
    lastCorrect: answer.correct,
    lastSelected: [...answer.selected].slice(0, 20),
    ...(observed ? { lastObserved: observed.slice(0, 200) } : {}),
    ...(answer.backend ? { lastBackend: answer.backend.slice(0, 40) } : {}),
    lastAnsweredAt: at,
    history: [...(previous?.history ?? []), review].slice(-HISTORY_LIMIT),
  };
  return { ...progress, answers: { ...progress.answers, [questionId]: record } };
}

export function exportProgress(progress: Progress): string {
  return JSON.stringify(progressSchema.parse(progress), null, 2);
}

export type ImportResult = { ok: true; progress: Progress; migrated: boolean } | { ok: false; error: string };

/** Parses an exported file or a stored entry (today's or the Leitner format). Anything else is refused whole. */
export function importProgress(json: string, learnerId?: string): ImportResult {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch {
    return { ok: false, error: 'The file is not JSON.' };
  }
  const old = progressV1Schema.safeParse(data);
  if (old.success) return { ok: true, progress: migrateV1(old.data, learnerId), migrated: true };
  const parsed = progressSchema.safeParse(data);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const where = first && first.path.length > 0 ? ` at ${first.path.join('.')}` : '';
    return { ok: false, error: `The file is not a KMS Study Lab progress export${where}: ${first?.message ?? 'invalid'}.` };
  }
  return { ok: true, progress: parsed.data, migrated: false };
}

function mergeHistory(a: readonly Review[], b: readonly Review[]): Review[] {
  const byKey = new Map<string, Review>();
  for (const r of [...a, ...b]) byKey.set(`${r.at}:${r.correct ? 1 : 0}`, r);
  return [...byKey.values()].sort((x, y) => x.at - y.at).slice(-HISTORY_LIMIT);
}

/** One item answered in two places: every review of both, the newer last answer. */
export function mergeRecord(a: AnswerRecord, b: AnswerRecord): AnswerRecord {
  const newer = b.lastAnsweredAt >= a.lastAnsweredAt ? b : a;
  const history = mergeHistory(a.history, b.history);
  return {
    ...newer,
    attempts: Math.max(a.attempts, b.attempts, history.length),
    correctCount: Math.max(a.correctCount, b.correctCount, history.filter((h) => h.correct).length),
    history,
  };
}

/** Merged per item: nothing answered in either is lost. The current learner id is kept. */
export function mergeProgress(current: Progress, incoming: Progress): Progress {
  const answers = { ...current.answers };
  for (const [id, record] of Object.entries(incoming.answers)) {
    const mine = answers[id];
    answers[id] = mine ? mergeRecord(mine, record) : record;
  }
  return { ...current, answers };
}

/** The small slice of the Storage API we use, so tests can pass a map. */
export interface ProgressStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem?(key: string): void;
}

export function browserStorage(): ProgressStorage | undefined {
  try {
    return typeof globalThis.localStorage === 'undefined' ? undefined : globalThis.localStorage;
  } catch {
    // Some browsers throw on access when storage is blocked.
    return undefined;
  }
}


/** This browser's learner id (made once and kept, so the option order survives a reload before any answer). */
export function storedLearnerId(storage: ProgressStorage | undefined = browserStorage()): string {
  try {
    const existing = storage?.getItem(LEARNER_STORAGE_KEY);
    if (existing && learnerIdSchema.safeParse(existing).success) return existing;
    const id = newLearnerId();
    storage?.setItem(LEARNER_STORAGE_KEY, id);
    return id;
  } catch {
    return newLearnerId();
  }
}

/** A corrupt or foreign entry is ignored (and overwritten on the next answer), never thrown. */
export function loadProgress(storage: ProgressStorage | undefined = browserStorage()): Progress {
  const raw = storage?.getItem(PROGRESS_STORAGE_KEY);
  if (!raw) return emptyProgress(storedLearnerId(storage));
  const result = importProgress(raw, storedLearnerId(storage));
  return result.ok ? result.progress : emptyProgress(storedLearnerId(storage));
}

/**
 * Writes after re-reading what is stored and merging into it, so an answer another tab saved
 * since this tab loaded is kept. Returns what was written (the merged progress).
 */
export function saveProgress(progress: Progress, storage: ProgressStorage | undefined = browserStorage()): Progress {
  let merged = progress;
  try {
    const raw = storage?.getItem(PROGRESS_STORAGE_KEY);
    if (raw) {
      const stored = importProgress(raw, progress.learnerId);
      if (stored.ok) merged = { ...mergeProgress(progress, stored.progress), learnerId: stored.migrated ? progress.learnerId : stored.progress.learnerId };
    }
    storage?.setItem(PROGRESS_STORAGE_KEY, JSON.stringify(merged));
  } catch {
    // Quota exceeded or storage blocked: progress stays in memory for this visit.
  }
  return merged;
}

/** Forgets every answer in this browser (the learner id is kept, so option order stays the same). */
export function resetProgress(progress: Progress, storage: ProgressStorage | undefined = browserStorage()): Progress {
  const empty = emptyProgress(progress.learnerId);
  try {
    storage?.setItem(PROGRESS_STORAGE_KEY, JSON.stringify(empty));
  } catch {
    // storage blocked: the in-memory reset still applies for this visit
  }
  return empty;
}
