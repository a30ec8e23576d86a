import { z } from 'zod';
import type { Progress } from './progress';
import type { Question } from './schema';

/**
 * The small results file a learner hands to a teacher: item ids, the answers given and when —
 * nothing else about the learner except the name they type. Read on the class page, in the page.
 */
export const RESULTS_APP = 'kms-study-lab-results';

export const resultsFileSchema = z.object({
  app: z.literal(RESULTS_APP),
  version: z.literal(1),
  learner: z.string().trim().min(1).max(60),
  exportedAt: z.iso.datetime(),
  items: z
    .array(
      z.object({
        id: z.string().max(200),
        correct: z.boolean(),
        answer: z.array(z.string().max(100)).max(20),
        answeredAt: z.iso.datetime(),
        attempts: z.number().int().min(1),
      }),
    )
    .max(5000),
});
export type ResultsFile = z.infer<typeof resultsFileSchema>;

export function buildResults(progress: Progress, learner: string, now: number): ResultsFile {
  return resultsFileSchema.parse({
    app: RESULTS_APP,
    version: 1,
    learner: learner.trim().slice(0, 60) || 'Learner',
    exportedAt: new Date(now).toISOString(),
    items: Object.entries(progress.answers)
      .map(([id, r]) => ({ id, correct: r.lastCorrect, answer: r.lastSelected, answeredAt: new Date(r.lastAnsweredAt).toISOString(), attempts: Math.max(1, r.attempts) }))
      .sort((a, b) => a.id.localeCompare(b.id)),
  });
}

export type ParsedResults = { ok: true; file: ResultsFile } | { ok: false; error: string };

export function parseResults(text: string): ParsedResults {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { ok: false, error: 'not JSON' };
  }
  const parsed = resultsFileSchema.safeParse(data);
  if (!parsed.success) return { ok: false, error: 'not a KMS Study Lab results file' };
  return { ok: true, file: parsed.data };
}

export interface ClassSummary {
  topics: string[];
  learners: { learner: string; byTopic: Record<string, { right: number; answered: number }>; right: number; answered: number }[];
  mostMissed: { id: string; topic: string; missed: number; answered: number }[];
}

/** Table by learner and topic, and the items most missed first (then most answered, then id). */
export function summarizeClass(files: readonly ResultsFile[], bank: readonly Question[]): ClassSummary {
  const topicOf = new Map(bank.map((q) => [q.id, q.topic]));
  const topic = (id: string) => topicOf.get(id) ?? 'Other';
  const topics = new Set<string>();
  const perItem = new Map<string, { missed: number; answered: number }>();
  const learners = files.map((f) => {
    const byTopic: Record<string, { right: number; answered: number }> = {};
    let right = 0;
    for (const item of f.items) {
      const t = topic(item.id);
      topics.add(t);
      const cell = (byTopic[t] ??= { right: 0, answered: 0 });
      cell.answered += 1;
      if (item.correct) {
        cell.right += 1;
        right += 1;
      }
      const agg = perItem.get(item.id) ?? { missed: 0, answered: 0 };
      agg.answered += 1;
      if (!item.correct) agg.missed += 1;
      perItem.set(item.id, agg);
    }
    return { learner: f.learner, byTopic, right, answered: f.items.length };
  });
  const mostMissed = [...perItem.entries()]
    .map(([id, v]) => ({ id, topic: topic(id), ...v }))
    .filter((x) => x.missed > 0)
    .sort((a, b) => b.missed - a.missed || b.answered - a.answered || a.id.localeCompare(b.id));
  return { topics: [...topics].sort(), learners, mostMissed };
}
