import type { Progress } from './progress';
import { drilledNumbers, guideSkills, skillOf, type GuideSkill, type Question } from './schema';
import { dueToday } from './srs';

/** One row of the start page's progress tables. */
export interface OverviewRow {
  name: string;
  total: number;
  answered: number;
  right: number;
}

/** What the start page's study summary shows: plain data, so a worker can compute it off the page's thread. */
export interface OverviewFigures {
  due: number;
  answered: number;
  total: number;
  bySkill: OverviewRow[];
  byTrap: OverviewRow[];
}

function tally(items: readonly Question[], answers: Progress['answers'], name: string): OverviewRow {
  const answered = items.filter((q) => answers[q.id]);
  return { name, total: items.length, answered: answered.length, right: answered.filter((q) => answers[q.id]?.lastCorrect).length };
}

/** Today's queue length, and progress by exam-guide skill and by the guide's eight exam traps. */
export function overviewFigures(questions: readonly Question[], progress: Progress, now: number): OverviewFigures {
  return {
    due: dueToday(questions, progress, now).length,
    answered: questions.filter((q) => progress.answers[q.id]).length,
    total: questions.length,
    bySkill: (Object.keys(guideSkills) as GuideSkill[]).map((skill) => tally(questions.filter((q) => skillOf(q) === skill), progress.answers, guideSkills[skill])),
    byTrap: Array.from({ length: 8 }, (_, i) => tally(questions.filter((q) => drilledNumbers(q).traps.includes(i + 1)), progress.answers, `Trap ${i + 1}`)),
  };
}
