/**
 * Leitner boxes: a right answer moves a question up one box (seen again later), a wrong answer
 * sends it back to box 1 (seen again soon). Times are wall-clock epoch ms, never the sandbox's
 * simulated clock.
 */
export const LEITNER_BOXES = 5;
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
/** Wait before a question in box n (index n-1) is due again. Box 1: ten minutes, so a miss returns in the same sitting. */
export const BOX_INTERVALS_MS: readonly number[] = [10 * MINUTE, 1 * DAY, 3 * DAY, 7 * DAY, 21 * DAY];

export interface ScheduleState {
  box: number;
  dueAt: number;
}

export function nextSchedule(previous: ScheduleState | undefined, correct: boolean, now: number): ScheduleState {
  const box = correct ? Math.min(LEITNER_BOXES, (previous?.box ?? 0) + 1) : 1;
  return { box, dueAt: now + (BOX_INTERVALS_MS[box - 1] ?? 0) };
}

/**
 * Study order: due questions first (lowest box, then longest overdue), then questions never
 * answered (in bank order), then the rest by when they fall due.
 */
export function studyOrder(
  questionIds: readonly string[],
  schedule: Readonly<Record<string, ScheduleState | undefined>>,
  now: number,
): string[] {
  const due: { id: string; s: ScheduleState }[] = [];
  const unseen: string[] = [];
  const later: { id: string; s: ScheduleState }[] = [];
  for (const id of questionIds) {
    const s = schedule[id];
    if (!s) unseen.push(id);
    else if (s.dueAt <= now) due.push({ id, s });
    else later.push({ id, s });
  }
  due.sort((a, b) => a.s.box - b.s.box || a.s.dueAt - b.s.dueAt);
  later.sort((a, b) => a.s.dueAt - b.s.dueAt);
  return [...due.map((d) => d.id), ...unseen, ...later.map((d) => d.id)];
}
