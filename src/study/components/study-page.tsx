import { useId, useMemo, useState } from 'react';
import type { ConnectionInfo } from '../../connection/types';
import type { ProgressStorage } from '../progress';
import { buildResults } from '../results';
import type { Question } from '../schema';
import { dueToday } from '../srs';
import { useProgress } from '../use-progress';
import { downloadText, ProgressTransfer } from './progress-transfer';
import { QuestionPanel, questionFromHash, secondaryButton } from './question-panel';

export interface StudyPageProps {
  questions: readonly Question[];
  connection?: ConnectionInfo;
  storage?: ProgressStorage;
  now?: () => number;
}

/** The whole bank in one place: today's reviews, a topic filter, the question panel, and the files to export. */
export function StudyPage({ questions, connection, storage, now = Date.now }: StudyPageProps) {
  const filterId = useId();
  const nameId = useId();
  const { progress } = useProgress(storage);
  const [topic, setTopic] = useState('due');
  const [pick, setPick] = useState<string | undefined>(() => questionFromHash());
  const [learner, setLearner] = useState('');
  const topics = useMemo(() => [...new Set(questions.map((q) => q.topic))].sort(), [questions]);
  const due = useMemo(() => dueToday(questions, progress, now()), [questions, progress, now]);
  const dueIds = new Set(due.map((d) => d.questionId));
  const shown =
    topic === 'all' ? questions : topic === 'due' ? (due.length > 0 ? questions.filter((q) => dueIds.has(q.id)) : questions) : questions.filter((q) => q.topic === topic);
  const initial = pick && shown.some((q) => q.id === pick) ? pick : undefined;

  return (
    <div className="flex max-w-5xl flex-col gap-6">
      <header className="flex flex-col gap-2">
        <h1 className="text-3xl font-bold tracking-tight">Study</h1>
        <p className="text-lg text-muted">
          Every question in the lab, scheduled by spaced repetition (FSRS): one card per idea, fed by all the questions that drill it, so you meet the
          idea in new words. Progress stays in this browser.
        </p>
      </header>
      <section aria-labelledby="due-title" className="rounded-xl border border-line bg-surface p-4">
        <h2 id="due-title" className="text-xl font-semibold">
          Due today: {due.length}
        </h2>
        {due.length === 0 ? (
          <p className="text-muted">Nothing due. Answer new questions below; wrong answers come back sooner than right ones.</p>
        ) : (
          <ul className="mt-2 flex flex-wrap gap-2">
            {due.slice(0, 30).map((d) => (
              <li key={d.concept}>
                <button
                  type="button"
                  className={secondaryButton}
                  onClick={() => {
                    setTopic('due');
                    setPick(d.questionId);
                  }}
                >
                  {questions.find((q) => q.id === d.questionId)?.topic ?? d.concept}: {d.questionId}
                </button>
              </li>
            ))}
          </ul>
        )}
      </section>
      <div className="flex flex-wrap items-center gap-2">
        <label htmlFor={filterId} className="font-medium">
          Show
        </label>
        <select id={filterId} value={topic} onChange={(e) => setTopic(e.target.value)} className="rounded border border-line bg-surface px-2 py-1 text-fg">
          <option value="due">Due today (or all, when nothing is due)</option>
          <option value="all">All {questions.length} questions</option>
          {topics.map((t) => (
            <option key={t} value={t}>
              {t}
            </option>
          ))}
        </select>
      </div>
      <div className="rounded-xl border border-line bg-surface p-4">
        <QuestionPanel
          key={`${topic}:${initial ?? ''}`}
          labId="study"
          title="Questions"
          questions={shown}
          connection={connection}
          storage={storage}
          now={now}
          initialQuestionId={initial}
        />
      </div>
      <section aria-labelledby="teacher-title" className="flex flex-col gap-2 rounded-xl border border-line bg-surface p-4">
        <h2 id="teacher-title" className="text-xl font-semibold">
          Results for your teacher
        </h2>
        <p className="text-sm text-muted">
          A small file with the questions you answered, your last answer to each and when — nothing else. Send it to your teacher, who opens it on the
          class page.
        </p>
        <div className="flex flex-wrap items-end gap-2">
          <label htmlFor={nameId} className="flex flex-col text-sm font-medium">
            Your name as the teacher knows it
            <input id={nameId} value={learner} onChange={(e) => setLearner(e.target.value.slice(0, 60))} className="mt-1 rounded border border-line bg-surface px-2 py-1 text-fg" />
          </label>
          <button
            type="button"
            className={secondaryButton}
            disabled={learner.trim() === '' || Object.keys(progress.answers).length === 0}
            onClick={() => downloadText(`kms-study-lab-results-${learner.trim().replace(/[^A-Za-z0-9-]+/g, '-')}.json`, JSON.stringify(buildResults(progress, learner, now()), null, 2))}
          >
            Export results
          </button>
        </div>
      </section>
      <ProgressTransfer storage={storage} open />
    </div>
  );
}
