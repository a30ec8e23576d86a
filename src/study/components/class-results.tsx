import { useId, useState } from 'react';
import { parseResults, summarizeClass, type ResultsFile } from '../results';
import type { Question } from '../schema';

/** The class page: reads learners' results files in the page (nothing is uploaded) and tabulates them. */
export function ClassResults({ questions }: { questions: readonly Question[] }) {
  const fileId = useId();
  const [files, setFiles] = useState<ResultsFile[]>([]);
  const [errors, setErrors] = useState<string[]>([]);
  const summary = summarizeClass(files, questions);

  const onFiles = async (list: FileList | null) => {
    if (!list) return;
    const read: ResultsFile[] = [];
    const bad: string[] = [];
    for (const file of [...list]) {
      const parsed = parseResults(await file.text());
      if (parsed.ok) read.push(parsed.file);
      else bad.push(`${file.name}: ${parsed.error}`);
    }
    setFiles((previous) => [...previous.filter((p) => !read.some((r) => r.learner === p.learner)), ...read]);
    setErrors(bad);
  };

  const cell = (r: { right: number; answered: number } | undefined) => (r ? `${Math.round((r.right / r.answered) * 100)}% (${r.right}/${r.answered})` : '—');

  return (
    <div className="flex max-w-6xl flex-col gap-6">
      <header className="flex flex-col gap-2">
        <h1 className="text-3xl font-bold tracking-tight">Class results</h1>
        <p className="text-lg text-muted">
          Open the results files your learners exported from the study page. They are read in this page only: nothing is uploaded or stored.
        </p>
      </header>
      <div className="flex flex-wrap items-center gap-2">
        <label htmlFor={fileId} className="font-medium">
          Results files
        </label>
        <input
          id={fileId}
          type="file"
          multiple
          accept="application/json,.json"
          onChange={(e) => void onFiles(e.target.files)}
          className="text-sm text-fg file:mr-2 file:rounded-lg file:border file:border-line file:bg-surface file:px-2 file:py-1 file:text-fg"
        />
        <p role="status" className="w-full text-sm text-muted">
          {files.length} learners loaded{errors.length > 0 ? `; not read: ${errors.join('; ')}` : ''}
        </p>
      </div>
      {files.length > 0 && (
        <>
          <div className="relative overflow-x-auto">
            <table className="w-full text-left text-sm">
              <caption className="text-left text-xl font-semibold">By learner and topic</caption>
              <thead>
                <tr>
                  <th scope="col" className="px-2 py-1">
                    Learner
                  </th>
                  <th scope="col" className="px-2 py-1">
                    Overall
                  </th>
                  {summary.topics.map((t) => (
                    <th key={t} scope="col" className="px-2 py-1">
                      {t}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {summary.learners.map((l) => (
                  <tr key={l.learner} className="border-t border-line">
                    <th scope="row" className="px-2 py-1">
                      {l.learner}
                    </th>
                    <td className="px-2 py-1 tabular-nums">{cell({ right: l.right, answered: l.answered })}</td>
                    {summary.topics.map((t) => (
                      <td key={t} className="px-2 py-1 tabular-nums">
                        {cell(l.byTopic[t])}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <section aria-labelledby="missed-title" className="flex flex-col gap-2">
            <h2 id="missed-title" className="text-xl font-semibold">
              Most missed first
            </h2>
            <ol aria-label="Most missed questions" className="flex flex-col gap-1">
              {summary.mostMissed.map((m) => (
                <li key={m.id} className="text-sm">
                  <a href={`#/study?q=${m.id}`} className="font-mono text-fg underline underline-offset-2">
                    {m.id}
                  </a>{' '}
                  · {m.topic} · missed by {m.missed} of {m.answered}
                </li>
              ))}
            </ol>
          </section>
        </>
      )}
    </div>
  );
}
