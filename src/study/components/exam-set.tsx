import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { drawExamSet, EXAM_DEFAULT_ITEMS, MINUTES_PER_ITEM, scoreExam, type ExamResult } from '../exam';
import { gradeChoice } from '../grading';
import { newLearnerId, recordAnswer, type ProgressStorage } from '../progress';
import type { ChoiceQuestion, Question } from '../schema';
import { optionSeed, shuffleOptions } from '../shuffle';
import { useProgress } from '../use-progress';
import { primaryButton, secondaryButton } from './question-panel';

type Phase = { name: 'setup' } | { name: 'answering'; index: number } | { name: 'review' } | { name: 'results'; result: ExamResult };

export interface ExamSetProps {
  questions: readonly Question[];
  storage?: ProgressStorage;
  now?: () => number;
}

/** A timed set in the exam's style: no explanations until the end, flag for review, a review screen, results by topic and skill. */
export function ExamSet({ questions, storage, now = Date.now }: ExamSetProps) {
  const countId = useId();
  const { progress, update } = useProgress(storage);
  const [count, setCount] = useState(EXAM_DEFAULT_ITEMS);
  const [items, setItems] = useState<ChoiceQuestion[]>([]);
  const [answers, setAnswers] = useState<Record<string, string[]>>({});
  const [flags, setFlags] = useState<Record<string, boolean>>({});
  const [phase, setPhase] = useState<Phase>({ name: 'setup' });
  const [deadline, setDeadline] = useState(0);
  const [clock, setClock] = useState(() => now());
  const heading = useRef<HTMLHeadingElement>(null);
  const available = questions.filter((q) => q.type !== 'predict').length;

  const begin = (set: ChoiceQuestion[]) => {
    setItems(set);
    setAnswers({});
    setFlags({});
    setDeadline(now() + set.length * MINUTES_PER_ITEM * 60_000);
    setClock(now());
    setPhase({ name: 'answering', index: 0 });
  };

  const submit = () => {
    const result = scoreExam(items, answers);
    const at = now();
    update((previous) =>
      items.reduce((p, q) => {
        const selected = answers[q.id] ?? [];
        return selected.length === 0 ? p : recordAnswer(p, q.id, { correct: gradeChoice(q, selected).correct, selected }, at);
      }, previous),
    );
    setPhase({ name: 'results', result });
  };

  // The clock: submitting by itself when time runs out, as the exam does.
  const running = phase.name === 'answering' || phase.name === 'review';
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => setClock(now()), 1000);
    return () => clearInterval(timer);
  }, [running, now]);
  const remaining = Math.max(0, deadline - clock);
  const submitRef = useRef(submit);
  submitRef.current = submit;
  useEffect(() => {
    if (running && deadline > 0 && remaining === 0) submitRef.current();
  }, [running, deadline, remaining]);

  useEffect(() => {
    heading.current?.focus();
  }, [phase.name]);

  if (phase.name === 'setup') {
    return (
      <section aria-labelledby="exam-title" className="flex max-w-3xl flex-col gap-4">
        <h1 id="exam-title" ref={heading} tabIndex={-1} className="text-3xl font-bold tracking-tight">
          Exam practice set
        </h1>
        <p className="text-muted">
          Questions drawn from the whole bank so that every exam-guide skill appears, timed at two minutes each as on the exam (65 items in 130
          minutes). Single and multiple response; a multiple-response item scores only when every right option and no wrong one is chosen. You can
          flag items and review before submitting; explanations come at the end.
        </p>
        <div className="flex flex-wrap items-end gap-3">
          <label htmlFor={countId} className="flex flex-col text-sm font-medium">
            Number of items
            <input
              id={countId}
              type="number"
              min={5}
              max={Math.min(65, available)}
              value={count}
              onChange={(e) => setCount(Math.max(5, Math.min(65, Math.min(available, Number.parseInt(e.target.value, 10) || EXAM_DEFAULT_ITEMS))))}
              className="mt-1 w-24 rounded border border-line bg-surface px-2 py-1 text-fg"
            />
          </label>
          <p className="text-sm text-muted">Time allowed: {count * MINUTES_PER_ITEM} minutes</p>
          <button type="button" className={primaryButton} onClick={() => begin(drawExamSet(questions, count, newLearnerId()))}>
            Start the set
          </button>
        </div>
      </section>
    );
  }

  if (phase.name === 'results') {
    return <ExamResults result={phase.result} items={items} answers={answers} learnerId={progress.learnerId} headingRef={heading} onRetake={(ids) => begin(items.filter((q) => ids.includes(q.id)))} onNew={() => setPhase({ name: 'setup' })} />;
  }

  const timer = (
    <p className="font-mono text-sm" aria-label="Time left">
      {Math.floor(remaining / 60_000)}:{String(Math.floor((remaining % 60_000) / 1000)).padStart(2, '0')} left
    </p>
  );

  if (phase.name === 'review') {
    const unanswered = items.filter((q) => (answers[q.id] ?? []).length === 0).length;
    return (
      <section aria-labelledby="review-title" className="flex max-w-3xl flex-col gap-4">
        <div className="flex items-baseline justify-between gap-2">
          <h1 id="review-title" ref={heading} tabIndex={-1} className="text-2xl font-bold">
            Review before submitting
          </h1>
          {timer}
        </div>
        <p>
          {items.length - unanswered} of {items.length} answered{unanswered > 0 ? ` · ${unanswered} unanswered (they count as wrong)` : ''} ·{' '}
          {Object.values(flags).filter(Boolean).length} flagged
        </p>
        <ol aria-label="Items in this set" className="flex flex-col gap-1">
          {items.map((q, i) => (
            <li key={q.id} className="flex items-center gap-2">
              <button type="button" className={secondaryButton} onClick={() => setPhase({ name: 'answering', index: i })}>
                Item {i + 1}
              </button>
              <span className="text-sm">
                {(answers[q.id] ?? []).length > 0 ? 'Answered' : 'Not answered'}
                {flags[q.id] ? ' · Flagged for review' : ''}
              </span>
            </li>
          ))}
        </ol>
        <div>
          <button type="button" className={primaryButton} onClick={submit}>
            Submit the set
          </button>
        </div>
      </section>
    );
  }

  const index = phase.index;
  const q = items[index];
  if (!q) return null;
  return (
    <section aria-labelledby="exam-item-title" className="flex max-w-3xl flex-col gap-4">
      <div className="flex items-baseline justify-between gap-2">
        <h1 id="exam-item-title" ref={heading} tabIndex={-1} className="text-2xl font-bold">
          Item {index + 1} of {items.length}
        </h1>
        {timer}
      </div>
      <ExamItem
        key={q.id}
        question={q}
        learnerId={progress.learnerId}
        selected={answers[q.id] ?? []}
        onChange={(selected) => setAnswers((a) => ({ ...a, [q.id]: selected }))}
      />
      <label className="flex items-center gap-2">
        <input type="checkbox" checked={flags[q.id] === true} onChange={(e) => setFlags((f) => ({ ...f, [q.id]: e.target.checked }))} className="h-4 w-4 accent-teal-700 dark:accent-teal-300" />
        Flag for review
      </label>
      <div className="flex flex-wrap gap-2">
        <button type="button" className={secondaryButton} disabled={index === 0} onClick={() => setPhase({ name: 'answering', index: index - 1 })}>
          Previous item
        </button>
        {index < items.length - 1 ? (
          <button type="button" className={secondaryButton} onClick={() => setPhase({ name: 'answering', index: index + 1 })}>
            Next item
          </button>
        ) : null}
        <button type="button" className={secondaryButton} onClick={() => setPhase({ name: 'review' })}>
          Review answers
        </button>
      </div>
    </section>
  );
}

function ExamItem({ question, learnerId, selected, onChange }: { question: ChoiceQuestion; learnerId: string; selected: string[]; onChange: (s: string[]) => void }) {
  const baseId = useId();
  const options = useMemo(() => shuffleOptions<ChoiceQuestion['options'][number]>(question.options, optionSeed(learnerId, question.id)), [question, learnerId]);
  const multiple = question.type === 'multiple';
  const n = question.options.filter((o) => o.correct).length;
  return (
    <fieldset className="flex flex-col gap-2">
      <legend className="mb-2">
        <span className="block text-sm text-muted">{multiple ? `Choose ${n}.` : 'Choose one.'}</span>
        <span className="mt-1 block text-base font-medium">{question.prompt}</span>
      </legend>
      {options.map((o) => {
        const id = `${baseId}-${o.id}`;
        const checked = selected.includes(o.id);
        return (
          <div key={o.id} className={['flex items-start gap-2 rounded-lg border p-2', checked ? 'border-accent bg-accent-soft' : 'border-line bg-surface'].join(' ')}>
            <input
              id={id}
              type={multiple ? 'checkbox' : 'radio'}
              name={`${baseId}-answer`}
              checked={checked}
              onChange={() => onChange(multiple ? (checked ? selected.filter((x) => x !== o.id) : [...selected, o.id]) : [o.id])}
              className="mt-1 h-4 w-4 shrink-0 accent-teal-700 dark:accent-teal-300"
            />
            <label htmlFor={id} className="grow cursor-pointer">
              {o.text}
            </label>
          </div>
        );
      })}
    </fieldset>
  );
}

function ExamResults({
  result,
  items,
  answers,
  learnerId,
  headingRef,
  onRetake,
  onNew,
}: {
  result: ExamResult;
  items: ChoiceQuestion[];
  answers: Record<string, string[]>;
  learnerId: string;
  headingRef: React.RefObject<HTMLHeadingElement | null>;
  onRetake: (ids: string[]) => void;
  onNew: () => void;
}) {
  return (
    <section aria-labelledby="results-title" className="flex max-w-4xl flex-col gap-5">
      <h1 id="results-title" ref={headingRef} tabIndex={-1} className="text-3xl font-bold">
        Your result: {result.right} of {result.total} ({result.percent}%)
      </h1>
      <p className="rounded-lg border border-line bg-surface-2 p-3 text-sm">
        <span className="font-semibold">About the exam&apos;s score: </span>
        DVA-C02 reports a scaled score from 100 to 1,000 and passes at 720. Scaling evens out differences between exam forms, so 720 is not
        &ldquo;72% right&rdquo;, and 15 of the 65 items are unscored trials you cannot tell apart. Treat a practice percentage as a rough guide: aim
        comfortably above 72% here, and look at the weakest topics below rather than the total.
      </p>
      <div className="grid gap-4 md:grid-cols-2">
        <ResultTable caption="By topic" rows={result.byTopic.map((r) => ({ name: r.name, right: r.right, total: r.total }))} />
        <ResultTable caption="By exam-guide skill" rows={result.bySkill.map((r) => ({ name: r.name, right: r.right, total: r.total }))} />
      </div>
      <div className="flex flex-wrap gap-2">
        {result.missed.length > 0 && (
          <button type="button" className={primaryButton} onClick={() => onRetake(result.missed)}>
            Retake the {result.missed.length} missed
          </button>
        )}
        <button type="button" className={secondaryButton} onClick={onNew}>
          New set
        </button>
      </div>
      <h2 className="text-xl font-semibold">Answers and explanations</h2>
      <ol className="flex flex-col gap-4">
        {items.map((q, i) => {
          const chosen = answers[q.id] ?? [];
          const ok = gradeChoice(q, chosen).correct;
          const options = shuffleOptions<ChoiceQuestion['options'][number]>(q.options, optionSeed(learnerId, q.id));
          return (
            <li key={q.id} className={['rounded-lg border-2 p-3', ok ? 'border-ok' : 'border-danger'].join(' ')}>
              <p className="text-sm font-semibold">
                Item {i + 1}: {ok ? 'right' : chosen.length === 0 ? 'not answered' : 'wrong'} · {q.topic}
              </p>
              <p className="mt-1">{q.prompt}</p>
              <ul className="mt-2 flex flex-col gap-1 text-sm">
                {options.map((o) => (
                  <li key={o.id}>
                    <span className="font-medium">
                      {o.text}
                      {(o.correct || chosen.includes(o.id)) && (
                        <span className="ml-2 text-xs font-semibold uppercase">[{[o.correct ? 'Correct answer' : '', chosen.includes(o.id) ? 'Your choice' : ''].filter(Boolean).join(' · ')}]</span>
                      )}
                    </span>
                    <span className="block text-fg">{o.explanation}</span>
                  </li>
                ))}
              </ul>
              {q.guideCorrection && <p className="mt-2 text-sm">Where the guide is wrong: {q.guideCorrection}</p>}
            </li>
          );
        })}
      </ol>
    </section>
  );
}

function ResultTable({ caption, rows }: { caption: string; rows: { name: string; right: number; total: number }[] }) {
  return (
    <table className="w-full text-left text-sm">
      <caption className="text-left font-semibold">{caption}</caption>
      <thead>
        <tr>
          <th scope="col" className="py-1">
            Area
          </th>
          <th scope="col" className="py-1 text-right">
            Right
          </th>
          <th scope="col" className="py-1 text-right">
            %
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.name} className="border-t border-line">
            <th scope="row" className="py-1 font-normal">
              {r.name}
            </th>
            <td className="py-1 text-right tabular-nums">
              {r.right}/{r.total}
            </td>
            <td className="py-1 text-right tabular-nums">{Math.round((r.right / r.total) * 100)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
