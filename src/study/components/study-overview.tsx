import type { OverviewFigures, OverviewRow } from '../overview';

// Type imports only: the start page renders this without loading the bank, zod or the scheduler
// (the figures come from src/study/overview.ts, computed in the start page's worker).

/** The start page's study summary: today's queue, and progress by exam-guide skill and by exam trap. */
export function StudyOverviewView({ figures }: { figures: OverviewFigures }) {
  return (
    <section aria-labelledby="progress-title" className="flex flex-col gap-3">
      <h2 id="progress-title" className="text-2xl font-semibold">
        Your study
      </h2>
      <p>
        <a href="#/study" className="font-semibold text-fg underline decoration-accent decoration-2 underline-offset-2">
          {figures.due} due today
        </a>{' '}
        · {figures.answered} of {figures.total} questions answered ·{' '}
        <a href="#/exam" className="text-fg underline underline-offset-2">
          take an exam-format set
        </a>
      </p>
      <div className="grid gap-4 md:grid-cols-2">
        <ProgressTable caption="By exam-guide skill" rows={figures.bySkill} />
        <ProgressTable caption="By exam trap (guide 002)" rows={figures.byTrap} />
      </div>
    </section>
  );
}

function ProgressTable({ caption, rows }: { caption: string; rows: OverviewRow[] }) {
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
