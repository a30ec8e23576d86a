import { useMemo } from 'react';
import type { ProgressStorage } from '../progress';
import { drilledNumbers, guideSkills, skillOf, type GuideSkill, type Question } from '../schema';
import { dueToday } from '../srs';
import { useProgress } from '../use-progress';

/** The start page's study summary: today's queue, and progress by exam-guide skill and by exam trap. */
export function StudyOverview({ questions, storage, now = Date.now }: { questions: readonly Question[]; storage?: ProgressStorage; now?: () => number }) {
  const { progress } = useProgress(storage);
  const due = useMemo(() => dueToday(questions, progress, now()), [questions, progress, now]);
  const bySkill = (Object.keys(guideSkills) as GuideSkill[]).map((skill) => tally(questions.filter((q) => skillOf(q) === skill), progress.answers, guideSkills[skill]));
  const byTrap = Array.from({ length: 8 }, (_, i) => tally(questions.filter((q) => drilledNumbers(q).traps.includes(i + 1)), progress.answers, `Trap ${i + 1}`));
  const answered = questions.filter((q) => progress.answers[q.id]).length;

  return (
    <section aria-labelledby="progress-title" className="flex flex-col gap-3">
      <h2 id="progress-title" className="text-2xl font-semibold">
        Your study
      </h2>
      <p>
        <a href="#/study" className="font-semibold text-fg underline decoration-accent decoration-2 underline-offset-2">
          {due.length} due today
        </a>{' '}
        · {answered} of {questions.length} questions answered ·{' '}
        <a href="#/exam" className="text-fg underline underline-offset-2">
          take an exam-format set
        </a>
      </p>
      <div className="grid gap-4 md:grid-cols-2">
        <ProgressTable caption="By exam-guide skill" rows={bySkill} />
        <ProgressTable caption="By exam trap (guide 002)" rows={byTrap} />
      </div>
    </section>
  );
}

interface Row {
  name: string;
  total: number;
  answered: number;
  right: number;
}

function tally(items: readonly Question[], answers: Record<string, { lastCorrect: boolean } | undefined>, name: string): Row {
  const answered = items.filter((q) => answers[q.id]);
  return { name, total: items.length, answered: answered.length, right: answered.filter((q) => answers[q.id]?.lastCorrect).length };
}

function ProgressTable({ caption, rows }: { caption: string; rows: Row[] }) {
  return (
    <table className="w-full rounded-xl border border-line bg-surface text-left text-sm">
      <caption className="py-1 text-left font-semibold">{caption}</caption>
      <thead>
        <tr>
          <th scope="col" className="px-2 py-1">
            Area
          </th>
          <th scope="col" className="px-2 py-1 text-right">
            Answered
          </th>
          <th scope="col" className="px-2 py-1 text-right">
            Right
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.name} className="border-t border-line">
            <th scope="row" className="px-2 py-1 font-normal">
              {r.name}
            </th>
            <td className="px-2 py-1 text-right tabular-nums">
              {r.answered}/{r.total}
            </td>
            <td className="px-2 py-1 text-right tabular-nums">{r.right}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
