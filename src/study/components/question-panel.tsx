import { useEffect, useId, useMemo, useRef, useState, type FormEvent, type RefObject } from 'react';
import { Spinner } from '../../components/spinner';
import type { ConnectionInfo } from '../../connection/types';
import { gradeChoice, gradePrediction, type ChoiceGrade, type PredictionGrade } from '../grading';
import { describeOutcome, outcomeFromError, type Outcome } from '../outcome';
import {
  exportProgress,
  importProgress,
  loadProgress,
  mergeProgress,
  recordAnswer,
  saveProgress,
  type Progress,
  type ProgressStorage,
} from '../progress';
import { studyOrder } from '../scheduling';
import type { ChoiceQuestion, PredictQuestion, Question, Source } from '../schema';

export interface QuestionPanelProps {
  labId: string;
  questions: readonly Question[];
  /** The active backend; predict-then-run questions need it to run their experiment. */
  connection?: ConnectionInfo;
  /** Injected in tests; defaults to the browser's localStorage. */
  storage?: ProgressStorage;
  /** Wall clock for scheduling (never the sandbox's simulated clock). */
  now?: () => number;
  /** Which question to open first; defaults to the first one due. */
  initialQuestionId?: string;
}

const drillLabels: Record<Question['drills']['kind'], string> = {
  trap: 'Exam trap',
  scenario: 'Practice scenario',
  faq: 'FAQ',
  'key-number': 'Key number',
  concept: 'Concept',
  'guide-correction': 'Guide correction',
};

/** The questions shown beside a lab panel: one at a time, graded on submit, progress kept locally. */
export function QuestionPanel({ labId, questions, connection, storage, now = Date.now, initialQuestionId }: QuestionPanelProps) {
  const headingId = useId();
  const [progress, setProgress] = useState<Progress>(() => loadProgress(storage));
  const ids = useMemo(() => questions.map((q) => q.id), [questions]);
  const [currentId, setCurrentId] = useState<string | undefined>(
    () => initialQuestionId ?? studyOrder(ids, progress.answers, now())[0],
  );
  const current = questions.find((q) => q.id === currentId) ?? questions[0];
  const currentIndex = current ? questions.indexOf(current) : -1;
  const answered = questions.filter((q) => progress.answers[q.id]).length;
  const dueNow = questions.filter((q) => {
    const a = progress.answers[q.id];
    return a !== undefined && a.dueAt <= now();
  }).length;

  // Saved after each answer or import, never merely because the panel was opened.
  const changed = useRef(false);
  useEffect(() => {
    if (changed.current) saveProgress(progress, storage);
  }, [progress, storage]);
  const update = (change: (previous: Progress) => Progress) => {
    changed.current = true;
    setProgress(change);
  };

  const goNextDue = () => {
    const order = studyOrder(ids, progress.answers, now()).filter((id) => id !== current?.id);
    if (order[0]) setCurrentId(order[0]);
  };

  if (!current) {
    return (
      <section aria-labelledby={headingId} className="text-fg">
        <h2 id={headingId} className="text-lg font-semibold">
          Exam practice
        </h2>
        <p className="text-muted">No questions for this lab yet.</p>
      </section>
    );
  }

  return (
    <section
      aria-labelledby={headingId}
      data-lab-id={labId}
      className="flex flex-col gap-4 text-fg"
    >
      <header className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id={headingId} className="text-lg font-semibold">
          Exam practice
        </h2>
        <p className="text-sm text-muted">
          {answered} of {questions.length} answered · {dueNow} due for review
        </p>
      </header>

      <ol aria-label="Questions in this lab" className="flex flex-wrap gap-1">
        {questions.map((q, index) => {
          const record = progress.answers[q.id];
          const status = record ? (record.lastCorrect ? 'answered correctly' : 'answered wrongly') : 'not answered';
          const isCurrent = q.id === current.id;
          return (
            <li key={q.id}>
              <button
                type="button"
                onClick={() => setCurrentId(q.id)}
                aria-current={isCurrent ? 'step' : undefined}
                className={[
                  'min-w-9 rounded-lg border px-2 py-1 text-sm font-medium',
                  isCurrent
                    ? 'border-accent bg-accent text-accent-fg'
                    : record?.lastCorrect
                      ? 'border-ok bg-ok-soft text-fg'
                      : record
                        ? 'border-danger bg-danger-soft text-fg'
                        : 'border-line bg-surface text-fg hover:bg-surface-2',
                ].join(' ')}
              >
                {index + 1}
                <span className="sr-only">
                  {' '}
                  ({status}){q.type === 'predict' ? ', predict then run' : ''}
                </span>
              </button>
            </li>
          );
        })}
      </ol>

      <QuestionCard
        key={current.id}
        question={current}
        position={currentIndex + 1}
        total={questions.length}
        connection={connection}
        onGraded={(answer) => update((previous) => recordAnswer(previous, current.id, answer, now()))}
      />

      <div className="flex flex-wrap gap-2">
        <button
          type="button"
          className={secondaryButton}
          disabled={currentIndex <= 0}
          onClick={() => setCurrentId(questions[currentIndex - 1]?.id)}
        >
          Previous question
        </button>
        <button
          type="button"
          className={secondaryButton}
          disabled={currentIndex >= questions.length - 1}
          onClick={() => setCurrentId(questions[currentIndex + 1]?.id)}
        >
          Next question
        </button>
        <button type="button" className={secondaryButton} onClick={goNextDue}>
          Next to review
        </button>
      </div>

      <ProgressTransfer progress={progress} onImport={(incoming) => update((previous) => mergeProgress(previous, incoming))} />
    </section>
  );
}

// Theme tokens (src/index.css) switch with the `dark` class; the dark: variants below only adjust
// what the tokens do not cover (shadows and emphasis), so both themes keep AA contrast.
const primaryButton =
  'inline-flex items-center gap-2 rounded-lg border border-accent bg-accent px-4 py-2 font-semibold text-accent-fg hover:brightness-110 disabled:cursor-not-allowed disabled:opacity-60 shadow-sm dark:shadow-none';
const secondaryButton =
  'inline-flex items-center gap-2 rounded-lg border border-line bg-surface px-2.5 py-1 text-sm font-medium text-fg hover:bg-surface-2 disabled:cursor-not-allowed disabled:opacity-60';

interface GradedAnswer {
  correct: boolean;
  selected: readonly string[];
  observed?: Outcome;
}

type CardResult =
  | { kind: 'choice'; grade: ChoiceGrade }
  | { kind: 'prediction'; grade: PredictionGrade; outcome: Outcome }
  | { kind: 'setup-failed'; outcome: Outcome };

interface QuestionCardProps {
  question: Question;
  position: number;
  total: number;
  connection?: ConnectionInfo;
  onGraded: (answer: GradedAnswer) => void;
}

function QuestionCard({ question, position, total, connection, onGraded }: QuestionCardProps) {
  const baseId = useId();
  const [selected, setSelected] = useState<string[]>([]);
  const [result, setResult] = useState<CardResult | undefined>();
  const [running, setRunning] = useState(false);
  const resultHeading = useRef<HTMLHeadingElement>(null);
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);
  useEffect(() => {
    if (result) resultHeading.current?.focus();
  }, [result]);

  const isMultiple = question.type === 'multiple';
  const locked = result !== undefined && result.kind !== 'setup-failed';
  const hintId = `${baseId}-hint`;
  const hint =
    question.type === 'single'
      ? 'Choose one answer.'
      : question.type === 'multiple'
        ? `Choose all that apply (${question.options.filter((o) => o.correct).length}). No partial credit, as on the exam.`
        : 'Predict what the backend will do, then run the experiment.';

  const toggle = (optionId: string) => {
    if (locked) return;
    setSelected((prev) => (isMultiple ? (prev.includes(optionId) ? prev.filter((id) => id !== optionId) : [...prev, optionId]) : [optionId]));
  };

  const submitChoice = (q: ChoiceQuestion) => {
    const grade = gradeChoice(q, selected);
    setResult({ kind: 'choice', grade });
    onGraded({ correct: grade.correct, selected });
  };

  const runExperiment = async (q: PredictQuestion, conn: ConnectionInfo) => {
    const prediction = selected[0];
    if (!prediction) return;
    setRunning(true);
    let outcome: Outcome;
    try {
      outcome = await q.experiment(conn);
    } catch (error) {
      outcome = outcomeFromError(error, true);
    }
    if (!mounted.current) return;
    setRunning(false);
    if (outcome.kind === 'error' && outcome.setup) {
      setResult({ kind: 'setup-failed', outcome });
      return;
    }
    const grade = gradePrediction(q, prediction, outcome);
    setResult({ kind: 'prediction', grade, outcome });
    if (grade.status !== 'unmatched') onGraded({ correct: grade.status === 'correct', selected: [prediction], observed: outcome });
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (locked || running || selected.length === 0) return;
    if (question.type === 'predict') {
      if (connection) void runExperiment(question, connection);
    } else {
      submitChoice(question);
    }
  };

  const reset = () => {
    setSelected([]);
    setResult(undefined);
  };

  const canRun = question.type !== 'predict' || connection !== undefined;

  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-3" aria-busy={running}>
      <fieldset aria-describedby={hintId} className="flex flex-col gap-2">
        <legend className="mb-2">
          <span className="block text-sm text-muted">
            Question {position} of {total} · {question.topic}
            {question.type === 'predict' ? ' · Predict, then run' : question.type === 'multiple' ? ' · Multiple answers' : ''}
          </span>
          <span className="mt-1 block text-base font-medium whitespace-pre-line">{question.prompt}</span>
        </legend>
        <p id={hintId} className="text-sm text-muted">
          {hint}
        </p>
        {question.type === 'predict' && (
          <p className="rounded-lg border border-line bg-surface-2 p-2 text-sm text-fg">
            <span className="font-semibold">The experiment: </span>
            {question.experimentSummary}
          </p>
        )}
        {question.options.map((option) => {
          const inputId = `${baseId}-${option.id}`;
          const checked = selected.includes(option.id);
          return (
            <div
              key={option.id}
              className={[
                'flex items-start gap-2 rounded-lg border p-2',
                checked ? 'border-accent bg-accent-soft dark:border-2' : 'border-line bg-surface',
              ].join(' ')}
            >
              <input
                id={inputId}
                type={isMultiple ? 'checkbox' : 'radio'}
                name={`${baseId}-answer`}
                value={option.id}
                checked={checked}
                disabled={locked || running}
                onChange={() => toggle(option.id)}
                className="mt-1 h-4 w-4 shrink-0 accent-teal-700 dark:accent-teal-300"
              />
              <label htmlFor={inputId} className="grow cursor-pointer">
                {option.text}
                {'outcome' in option && !option.text.includes(option.outcome.kind === 'error' ? option.outcome.name : option.outcome.value) && (
                  <span className="ml-2 font-mono text-xs text-muted">({describeOutcome(option.outcome)})</span>
                )}
              </label>
            </div>
          );
        })}
      </fieldset>

      <div className="flex flex-wrap items-center gap-2">
        {!locked && (
          <button type="submit" className={primaryButton} disabled={selected.length === 0 || running || !canRun}>
            {running && <Spinner size="sm" label="" />}
            {question.type === 'predict' ? (running ? 'Running the experiment…' : 'Run the experiment') : 'Submit'}
          </button>
        )}
        {locked && (
          <button type="button" className={secondaryButton} onClick={reset}>
            Try again
          </button>
        )}
        {question.type === 'predict' && !connection && (
          <p className="text-sm text-muted">Connect a backend to run this experiment.</p>
        )}
        {question.type === 'predict' && !locked && selected.length === 0 && connection && (
          <p className="text-sm text-muted">Choose a prediction first.</p>
        )}
      </div>

      {/* Focus moves to the result's heading when it appears (see the effect above), which announces it. */}
      <div>
        {result && (
          <ResultView question={question} result={result} selected={selected} headingRef={resultHeading} />
        )}
      </div>
    </form>
  );
}

interface ResultViewProps {
  question: Question;
  result: CardResult;
  selected: readonly string[];
  headingRef: RefObject<HTMLHeadingElement | null>;
}

function ResultView({ question, result, selected, headingRef }: ResultViewProps) {
  if (result.kind === 'setup-failed') {
    return (
      <div className="rounded-lg border border-warn bg-warn-soft p-3 text-fg">
        <h3 ref={headingRef} tabIndex={-1} className="font-semibold">
          The experiment could not be prepared
        </h3>
        <p>
          A preparation step failed with <code className="font-mono">{describeOutcome(result.outcome)}</code>
          {result.outcome.kind === 'error' && result.outcome.message ? `: ${result.outcome.message}` : ''}. Your prediction was not graded; fix the
          backend or its permissions and run it again.
        </p>
      </div>
    );
  }

  let verdict: string;
  let good: boolean;
  if (result.kind === 'choice') {
    good = result.grade.correct;
    verdict = good ? 'Correct' : question.type === 'multiple' ? 'Not quite: every correct option, and only those' : 'Not correct';
  } else if (result.grade.status === 'unmatched') {
    good = false;
    verdict = 'The backend did something none of the predictions names';
  } else {
    good = result.grade.status === 'correct';
    verdict = good ? 'Your prediction was right' : 'Your prediction was wrong';
  }

  const predict = question.type === 'predict' ? question : undefined;
  const expectedOption = predict?.options.find((o) => o.id === predict.expected);
  const actualOptionId = result.kind === 'prediction' ? result.grade.actualOptionId : undefined;

  return (
    <div className="flex flex-col gap-3">
      <div
        className={
          good
            ? 'rounded-lg border-2 border-ok bg-ok-soft p-3 text-fg'
            : 'rounded-lg border-2 border-danger bg-danger-soft p-3 text-fg'
        }
      >
        <h3 ref={headingRef} tabIndex={-1} className="font-semibold">
          {verdict}
        </h3>
        {result.kind === 'prediction' && (
          <p>
            What happened: <code className="font-mono">{describeOutcome(result.outcome)}</code>
            {result.outcome.kind === 'success' && result.outcome.detail ? ` (${result.outcome.detail})` : ''}
            {result.outcome.kind === 'error' && result.outcome.message ? ` — ${result.outcome.message}` : ''}
          </p>
        )}
        {result.kind === 'prediction' && expectedOption && !result.grade.matchesAws && (
          <p className="mt-1">
            AWS documents <code className="font-mono">{describeOutcome(expectedOption.outcome)}</code> here
            {result.outcome.kind === 'error' && result.outcome.name === 'AccessDeniedException'
              ? ' for a caller who is allowed this step; the identity in use is not, so the question could not be tested as asked.'
              : '. This backend behaves differently from AWS (emulators often do), so grade yourself against AWS for the exam.'}
          </p>
        )}
      </div>

      <ul className="flex flex-col gap-2" aria-label="Explanations">
        {question.options.map((option) => {
          const marks: string[] = [];
          if (question.type !== 'predict' && (option as ChoiceQuestion['options'][number]).correct) marks.push('Correct answer');
          if (predict && option.id === actualOptionId) marks.push('What happened');
          if (predict && option.id === predict.expected && option.id !== actualOptionId) marks.push('What AWS documents');
          if (selected.includes(option.id)) marks.push(predict ? 'Your prediction' : 'Your choice');
          const right = question.type === 'predict' ? option.id === (actualOptionId ?? predict?.expected) : (option as ChoiceQuestion['options'][number]).correct;
          return (
            <li
              key={option.id}
              className={[
                'rounded-lg border p-2 text-sm',
                right ? 'border-2 border-ok bg-surface' : 'border-line bg-surface',
              ].join(' ')}
            >
              <p className="font-medium">
                {option.text}
                {marks.length > 0 && <span className="ml-2 text-xs font-semibold uppercase tracking-wide">[{marks.join(' · ')}]</span>}
              </p>
              <p className="mt-1 text-fg">{option.explanation}</p>
            </li>
          );
        })}
      </ul>

      {question.guideCorrection && (
        <p className="rounded-lg border border-warn bg-warn-soft p-2 text-sm text-fg">
          <span className="font-semibold">Where the study guide is wrong: </span>
          {question.guideCorrection}
        </p>
      )}

      <dl className="grid grid-cols-[max-content_1fr] gap-x-3 gap-y-1 text-sm">
        <dt className="font-semibold">Topic</dt>
        <dd>{question.topic}</dd>
        <dt className="font-semibold">{drillLabels[question.drills.kind]}</dt>
        <dd>{question.drills.label}</dd>
        <dt className="font-semibold">Source</dt>
        <dd>
          <SourceList sources={question.sources} />
        </dd>
      </dl>
    </div>
  );
}

function SourceList({ sources }: { sources: readonly Source[] }) {
  return (
    <ul className="flex flex-col gap-0.5">
      {sources.map((source) => (
        <li key={`${source.label}-${source.url ?? ''}`}>
          {source.url ? (
            <a
              href={source.url}
              target="_blank"
              rel="noreferrer"
              className="text-fg underline decoration-accent decoration-2 underline-offset-2 hover:text-accent"
            >
              {source.label}
              <span className="sr-only"> (opens in a new tab)</span>
            </a>
          ) : (
            source.label
          )}
        </li>
      ))}
    </ul>
  );
}

function ProgressTransfer({ progress, onImport }: { progress: Progress; onImport: (incoming: Progress) => void }) {
  const fileId = useId();
  const [message, setMessage] = useState<string | undefined>();

  const download = () => {
    const blob = new Blob([exportProgress(progress)], { type: 'application/json' });
    const url = URL.createObjectURL(blob);
    const link = document.createElement('a');
    link.href = url;
    link.download = 'kms-study-lab-progress.json';
    link.click();
    URL.revokeObjectURL(url);
    setMessage('Progress exported.');
  };

  const onFile = async (file: File | undefined) => {
    if (!file) return;
    const result = importProgress(await file.text());
    if (result.ok) {
      onImport(result.progress);
      setMessage(`Imported ${Object.keys(result.progress.answers).length} answers.`);
    } else {
      setMessage(result.error);
    }
  };

  return (
    <details className="text-sm">
      <summary className="cursor-pointer font-medium">Your progress (saved in this browser)</summary>
      <div className="mt-2 flex flex-wrap items-center gap-2">
        <button type="button" className={secondaryButton} onClick={download}>
          Export progress
        </button>
        <label htmlFor={fileId} className="font-medium">
          Import progress
        </label>
        <input
          id={fileId}
          type="file"
          accept="application/json,.json"
          onChange={(e) => void onFile(e.target.files?.[0])}
          className="text-sm text-fg file:mr-2 file:rounded-lg file:border file:border-line file:bg-surface file:px-2 file:py-1 file:text-fg"
        />
        <p role="status" className="w-full text-muted">
          {message}
        </p>
      </div>
    </details>
  );
}
