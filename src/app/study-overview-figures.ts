/**
 * The figures of the start page's study summary, computed where the page's thread does not pay for
 * them: the whole question bank (every lab's questions with their experiments, which bring the AWS
 * SDK and the Encryption SDK), zod and the scheduler are loaded in a worker. The page sends what is
 * stored and gets plain figures back.
 */
import { loadProgress, type ProgressStorage } from '../study/progress';
import { overviewFigures, type OverviewFigures } from '../study/overview';
import { LEARNER_STORAGE_KEY, PROGRESS_STORAGE_KEY } from '../study/storage-keys';
import { loadBank } from './bank';

/** What the page sends: the two stored values the figures depend on, and the time. */
export interface OverviewRequest {
  id: number;
  progress: string | null;
  learnerId: string | null;
  now: number;
}

export type OverviewReply = { id: number; figures: OverviewFigures } | { id: number; error: string };

/** Reads the stored values given (never writes: the page owns localStorage). */
function snapshot(req: OverviewRequest): ProgressStorage {
  const values: Record<string, string | null> = { [PROGRESS_STORAGE_KEY]: req.progress, [LEARNER_STORAGE_KEY]: req.learnerId };
  return { getItem: (key) => values[key] ?? null, setItem: () => {} };
}

export async function computeOverview(req: OverviewRequest): Promise<OverviewFigures> {
  const bank = await loadBank();
  return overviewFigures(bank, loadProgress(snapshot(req)), req.now);
}
