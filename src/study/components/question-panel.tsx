import { useEffect, useId, useMemo, useRef, useState, type FormEvent, type RefObject } from 'react';
import { Spinner } from '../../components/spinner';
import type { ConnectionInfo } from '../../connection/types';
import { usePresentation } from '../../lib/presentation';
import { gradeChoice, gradePrediction, type ChoiceGrade, type PredictionGrade } from '../grading';
import { describeOutcome, outcomeFromError, SANDBOX_ONLY, type Outcome } from '../outcome';
import { recordAnswer, type AnswerRecord, type Confidence, type GradedAnswer, type ProgressStorage } from '../progress';
import { conceptCards, studyOrder } from '../srs';
import { conceptOf, guideSkills, skillOf, type ChoiceQuestion, type PredictQuestion, type Question, type Source } from '../schema';
import { optionSeed, shuffleOptions } from '../shuffle';
import { useProgress } from '../use-progress';
import { ProgressTransfer } from './progress-transfer';
import { ReportQuestion } from './report-question';

export interface QuestionPanelProps {
  labId: string;
  questions: readonly Question[];
  /** The active backend; predict-then-run questions need it to run their experiment. */
  connection?: ConnectionInfo;
  /** Injected in tests; defaults to the browser's localStorage. */
  storage?: ProgressStorage;
  /** Wall clock for scheduling (never the sandbox's simulated clock). */
  now?: () => number;
  /** Which question to open first; defaults to a `?q=<id>` in the address, then the first one due. */
  initialQuestionId?: string;
  /** Heading of the panel. */
  title?: string;
}

const drillLabels: Record<Question['drills']['kind'], string> = {
  trap: 'Exam trap',
  scenario: 'Practice scenario',
  faq: 'FAQ',
  'key-number': 'Key number',
  concept: 'Concept',
  'guide-correction': 'Guide correction',
};

/** The `q` parameter of the hash route (`#/labs/keys?q=keys-alias-rules`), for deep links from a presenter. */
export function questionFromHash(hash: string = typeof window === 'undefined' ? '' : window.location.hash): string | undefined {
  const query = hash.split('?')[1];
  if (!query) return undefined;
  return new URLSearchParams(query).get('q') ?? undefined;
}

/** The questions shown beside a lab panel (or on the study page): one at a time, graded on submit, progress kept locally. */
export function QuestionPanel({ labId, questions, connection, storage, now = Date.now, initialQuestionId, title = 'Exam practice' }: QuestionPanelProps) {
  const headingId = useId();
  const { progress, update } = useProgress(storage);
  const [currentId, setCurrentId] = useState<string | undefined>(() => {
    const fromHash = questionFromHash();
    if (initialQuestionId && questions.some((q) => q.id === initialQuestionId)) return initialQuestionId;
    if (fromHash && questions.some((q) => q.id === fromHash)) return fromHash;
    return studyOrder(questions, progress, now())[0];
  });

  // A deep link changed while the panel is open (a presenter stepping through questions).
  useEffect(() => {
    const onHash = () => {
      const id = questionFromHash();
      if (id && questions.some((q) => q.id === id)) setCurrentId(id);
    };
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, [questions]);

  const current = questions.find((q) => q.id === currentId) ?? questions[0];
  const currentIndex = current ? questions.indexOf(current) : -1;
  const answered = questions.filter((q) => progress.answers[q.id]).length;
  const order = useMemo(() => studyOrder(questions, progress, now()), [questions, progress, now]);
  const dueNow = useMemo(() => {
    const cards = conceptCards(questions, progress);
    const t = now();
    return questions.filter((q) => progress.answers[q.id] && (cards.get(conceptOf(q))?.card.due.getTime() ?? Infinity) <= t).length;
  }, [questions, progress, now]);

  const goNextDue = () => {
    const next = order.filter((id) => id !== current?.id)[0];
    if (next) setCurrentId(next);
  };

  if (!current) {
    return (
      <section aria-labelledby={headingId} className="text-fg">
        <h2 id={headingId} className="text-lg font-semibold">
          {title}
        </h2>
        <p className="text-muted">No questions here yet.</p>
      </section>
    );
  }

  return (
    <section aria-labelledby={headingId} data-lab-id={labId} className="flex flex-col gap-4 text-fg">
      <header className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id={headingId} className="text-lg font-semibold">
          {title}
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
        learnerId={progress.learnerId}
        record={progress.answers[current.id]}
        onGraded={(answer) => update((previous) => recordAnswer(previous, current.id, answer, now()))}
      />

      <div className="flex flex-wrap gap-2">
        <button type="button" className={secondaryButton} disabled={currentIndex <= 0} onClick={() => setCurrentId(questions[currentIndex - 1]?.id)}>
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

      <ProgressTransfer storage={storage} />
    </section>
  );
}

// Theme tokens (src/index.css) switch with the `dark` class; the dark: variants below only adjust
// what the tokens do not cover (shadows and emphasis), so both themes keep AA contrast.
export const primaryButton =
  'inline-flex items-center gap-2 rounded-lg border border-accent bg-accent px-4 py-2 font-semibold text-accent-fg hover:brightness-110 disabled:cursor-not-allowed disabled:opacity-60 shadow-sm dark:shadow-none';
export const secondaryButton =
  'inline-flex items-center gap-2 rounded-lg border border-line bg-surface px-2.5 py-1 text-sm font-medium text-fg hover:bg-surface-2 disabled:cursor-not-allowed disabled:opacity-60';

type CardResult =
  | { kind: 'choice'; grade: ChoiceGrade }
  | { kind: 'prediction'; grade: PredictionGrade; outcome: Outcome }
  | { kind: 'setup-failed'; outcome: Outcome };

interface QuestionCardProps {
  question: Question;
  position: number;
  total: number;
  connection?: ConnectionInfo;
  learnerId: string;
  /** The learner's earlier answer: the card reopens with it and its explanations. */
  record?: AnswerRecord;
  onGraded: (answer: GradedAnswer) => void;
}

/** What an earlier answer looked like, rebuilt from the stored record (labels only). */
function resultFromRecord(question: Question, record: AnswerRecord | undefined): CardResult | undefined {
  if (!record || record.lastSelected.length === 0) return undefined;
  if (question.type !== 'predict') return { kind: 'choice', grade: gradeChoice(question, record.lastSelected) };
  const label = record.lastObserved;
  if (!label) return undefined;
  const option = question.options.find((o) => (o.outcome.kind === 'success' ? o.outcome.value : o.outcome.name) === label);
  const outcome: Outcome =
    option?.outcome.kind === 'success' ? { kind: 'success', value: label } : { kind: 'error', name: label };
  const prediction = record.lastSelected[0] ?? '';
  return { kind: 'prediction', grade: gradePrediction(question, prediction, outcome), outcome };
}

const confidenceLabels: Record<Confidence, string> = { guess: 'Guessing', unsure: 'Fairly sure', sure: 'Certain' };

function QuestionCard({ question, position, total, connection, learnerId, record, onGraded }: QuestionCardProps) {
  const baseId = useId();
  const { presenter } = usePresentation();
  const [selected, setSelected] = useState<string[]>(() => record?.lastSelected.filter((id) => question.options.some((o) => o.id === id)) ?? []);
  const [result, setResult] = useState<CardResult | undefined>(() => resultFromRecord(question, record));
  const [reopened, setReopened] = useState(() => resultFromRecord(question, record) !== undefined);
  const [confidence, setConfidence] = useState<Confidence | undefined>();
  const [running, setRunning] = useState(false);
  const [revealed, setRevealed] = useState(false);
  const [hands, setHands] = useState<Record<string, string>>({});
  const resultHeading = useRef<HTMLHeadingElement>(null);
  const mounted = useRef(true);
  const options = useMemo(
    () => shuffleOptions<Question['options'][number]>(question.options, optionSeed(learnerId, question.id)),
    [question, learnerId],
  );
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);
  useEffect(() => {
    if (result && !reopened) resultHeading.current?.focus();
  }, [result, reopened]);

  const isMultiple = question.type === 'multiple';
  const locked = result !== undefined && result.kind !== 'setup-failed';
  const hidden = presenter && !revealed;
  const hintId = `${baseId}-hint`;
  const correctCount = question.type === 'predict' ? 1 : question.options.filter((o) => o.correct).length;
  const hint =
    question.type === 'single'
      ? 'Choose one answer.'
      : question.type === 'multiple'
        ? `Choose ${correctCount}. No partial credit, as on the exam.`
        : 'Predict what AWS will do, then run the experiment on the active backend.';

  const toggle = (optionId: string) => {
    if (locked) return;
    setSelected((prev) => (isMultiple ? (prev.includes(optionId) ? prev.filter((id) => id !== optionId) : [...prev, optionId]) : [optionId]));
  };

  const submitChoice = (q: ChoiceQuestion) => {
    const grade = gradeChoice(q, selected);
    setReopened(false);
    setResult({ kind: 'choice', grade });
    onGraded({ correct: grade.correct, selected, ...(confidence ? { confidence } : {}) });
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
    setReopened(false);
    if (outcome.kind === 'error' && outcome.setup) {
      setResult({ kind: 'setup-failed', outcome });
      return;
    }
    const grade = gradePrediction(q, prediction, outcome);
    setResult({ kind: 'prediction', grade, outcome });
    onGraded({ correct: grade.correct, selected: [prediction], observed: outcome, backend: conn.backend, ...(confidence ? { confidence } : {}) });
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
    setReopened(false);
    setRevealed(false);
  };

  const canRun = question.type !== 'predict' || connection !== undefined;
  const handsTotal = Object.values(hands).reduce((n, v) => n + (Number.parseInt(v, 10) || 0), 0);

  return (
    <form id={`q-${question.id}`} onSubmit={onSubmit} className="flex scroll-mt-4 flex-col gap-3" aria-busy={running}>
      <fieldset aria-describedby={hintId} className="flex flex-col gap-2">
        <legend className="mb-2">
          <span className="block text-sm text-muted">
            Question {position} of {total} · {question.topic}
            {question.type === 'predict' ? ' · Predict, then run' : question.type === 'multiple' ? ` · Choose ${correctCount}` : ''}
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
        {options.map((option) => {
          const inputId = `${baseId}-${option.id}`;
          const checked = selected.includes(option.id);
          return (
            <div
              key={option.id}
              className={['flex items-start gap-2 rounded-lg border p-2', checked ? 'border-accent bg-accent-soft dark:border-2' : 'border-line bg-surface'].join(' ')}
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
              {presenter && (
                <label className="flex shrink-0 items-center gap-1 text-sm">
                  <span>Hands</span>
                  <input
                    type="number"
                    min={0}
                    inputMode="numeric"
                    aria-label={`Hands raised for: ${option.text}`}
                    value={hands[option.id] ?? ''}
                    onChange={(e) => setHands((h) => ({ ...h, [option.id]: e.target.value.replace(/[^0-9]/g, '').slice(0, 4) }))}
                    className="w-16 rounded border border-line bg-surface px-1 py-0.5 text-fg"
                  />
                </label>
              )}
            </div>
          );
        })}
      </fieldset>

      {!locked && !presenter && (
        <fieldset className="flex flex-wrap items-center gap-3 text-sm">
          <legend className="sr-only">How sure are you?</legend>
          <span aria-hidden="true" className="text-muted">
            How sure are you?
          </span>
          {(Object.keys(confidenceLabels) as Confidence[]).map((c) => (
            <label key={c} className="flex items-center gap-1">
              <input type="radio" name={`${baseId}-confidence`} checked={confidence === c} onChange={() => setConfidence(c)} className="accent-teal-700 dark:accent-teal-300" />
              {confidenceLabels[c]}
            </label>
          ))}
        </fieldset>
      )}

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
        {presenter && !revealed && (
          <button type="button" className={primaryButton} onClick={() => setRevealed(true)}>
            Reveal the answer
          </button>
        )}
        {question.type === 'predict' && !connection && <p className="text-sm text-muted">Connect a backend to run this experiment.</p>}
        {question.type === 'predict' && !locked && selected.length === 0 && connection && <p className="text-sm text-muted">Choose a prediction first.</p>}
        {presenter && handsTotal > 0 && <p className="text-sm text-muted">{handsTotal} hands in all</p>}
      </div>

      {presenter && revealed && !result && <Revealed question={question} hands={hands} />}

      {/* Focus moves to the result's heading when it appears (see the effect above), which announces it. */}
      <div>
        {result && !hidden && (
          <ResultView question={question} result={result} selected={selected} headingRef={resultHeading} reopened={reopened} hands={presenter ? hands : undefined} />
        )}
        {result && hidden && <p className="text-sm text-muted">Answer recorded. Press “Reveal the answer” when the class is ready.</p>}
      </div>

      <ReportQuestion question={question} selected={selected} backend={connection?.backend} />
    </form>
  );
}

/** Presenter mode, revealed without an answer submitted: the right answer and every explanation. */
function Revealed({ question, hands }: { question: Question; hands: Record<string, string> }) {
  const right = (o: Question['options'][number]) => ('correct' in o ? o.correct : question.type === 'predict' && o.id === question.expected);
  return (
    <div className="flex flex-col gap-2">
      <h3 className="font-semibold">The answer</h3>
      <Explanations question={question} marksFor={(o) => (right(o) ? [question.type === 'predict' ? 'What AWS documents' : 'Correct answer'] : [])} isRight={right} hands={hands} />
      <Provenance question={question} />
    </div>
  );
}

interface ResultViewProps {
  question: Question;
  result: CardResult;
  selected: readonly string[];
  headingRef: RefObject<HTMLHeadingElement | null>;
  reopened: boolean;
  hands?: Record<string, string>;
}

function ResultView({ question, result, selected, headingRef, reopened, hands }: ResultViewProps) {
  if (result.kind === 'setup-failed' && result.outcome.kind === 'error' && result.outcome.name === SANDBOX_ONLY) {
    return (
      <div role="note" className="rounded-lg border border-warn bg-warn-soft p-3 text-fg">
        <h3 ref={headingRef} tabIndex={-1} className="font-semibold">
          This experiment runs on the sandbox only
        </h3>
        <p>{result.outcome.message} Your prediction was not graded; choose the sandbox backend in Settings to run it.</p>
      </div>
    );
  }
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
  } else {
    good = result.grade.correct;
    verdict = good ? 'Your prediction was right' : 'Your prediction was wrong';
  }

  const predict = question.type === 'predict' ? question : undefined;
  const expectedOption = predict?.options.find((o) => o.id === predict.expected);
  const actualOptionId = result.kind === 'prediction' ? result.grade.actualOptionId : undefined;

  return (
    <div className="flex flex-col gap-3">
      <div className={good ? 'rounded-lg border-2 border-ok bg-ok-soft p-3 text-fg' : 'rounded-lg border-2 border-danger bg-danger-soft p-3 text-fg'}>
        <h3 ref={headingRef} tabIndex={-1} className="font-semibold">
          {verdict}
        </h3>
        {reopened && <p className="text-sm">Your earlier answer, as you left it. Press “Try again” to answer afresh.</p>}
        {result.kind === 'prediction' && <p>Graded against what AWS documents.</p>}
        {result.kind === 'prediction' && (
          <p>
            What this backend did: <code className="font-mono">{describeOutcome(result.outcome)}</code>
            {result.outcome.kind === 'success' && result.outcome.detail ? ` (${result.outcome.detail})` : ''}
            {result.outcome.kind === 'error' && result.outcome.message ? ` — ${result.outcome.message}` : ''}
          </p>
        )}
        {result.kind === 'prediction' && expectedOption && !result.grade.matchesAws && (
          <p className="mt-1">
            <span className="font-semibold">This backend answered differently from AWS.</span> AWS documents{' '}
            <code className="font-mono">{describeOutcome(expectedOption.outcome)}</code> here
            {result.outcome.kind === 'error' && result.outcome.name === 'AccessDeniedException'
              ? ' for a caller who is allowed this step; the identity in use is not, so the step could not be tried as asked.'
              : '; emulators differ from AWS in places. Your grade is against AWS, as the exam is.'}
          </p>
        )}
      </div>

      <Explanations
        question={question}
        hands={hands}
        isRight={(option) => (question.type === 'predict' ? option.id === predict?.expected : 'correct' in option && option.correct)}
        marksFor={(option) => {
          const marks: string[] = [];
          if ('correct' in option && option.correct) marks.push('Correct answer');
          if (predict && option.id === predict.expected) marks.push('What AWS documents');
          if (predict && option.id === actualOptionId && option.id !== predict.expected) marks.push('What this backend did');
          if (selected.includes(option.id)) marks.push(predict ? 'Your prediction' : 'Your choice');
          return marks;
        }}
      />
      <Provenance question={question} />
    </div>
  );
}

function Explanations({
  question,
  marksFor,
  isRight,
  hands,
}: {
  question: Question;
  marksFor: (option: Question['options'][number]) => string[];
  isRight: (option: Question['options'][number]) => boolean;
  hands?: Record<string, string>;
}) {
  return (
    <ul className="flex flex-col gap-2" aria-label="Explanations">
      {question.options.map((option) => {
        const marks = marksFor(option);
        const count = hands?.[option.id];
        return (
          <li key={option.id} className={['rounded-lg border p-2 text-sm', isRight(option) ? 'border-2 border-ok bg-surface' : 'border-line bg-surface'].join(' ')}>
            <p className="font-medium">
              {option.text}
              {marks.length > 0 && <span className="ml-2 text-xs font-semibold uppercase tracking-wide">[{marks.join(' · ')}]</span>}
              {count ? <span className="ml-2 text-xs">({count} hands)</span> : null}
            </p>
            <p className="mt-1 text-fg">{option.explanation}</p>
          </li>
        );
      })}
    </ul>
  );
}

function Provenance({ question }: { question: Question }) {
  return (
    <>
      {question.guideCorrection && (
        <p className="rounded-lg border border-warn bg-warn-soft p-2 text-sm text-fg">
          <span className="font-semibold">Where the study guide is wrong: </span>
          {question.guideCorrection}
        </p>
      )}
      <dl className="grid grid-cols-[max-content_1fr] gap-x-3 gap-y-1 text-sm">
        <dt className="font-semibold">Topic</dt>
        <dd>{question.topic}</dd>
        <dt className="font-semibold">Exam-guide skill</dt>
        <dd>{guideSkills[skillOf(question)]}</dd>
        <dt className="font-semibold">{drillLabels[question.drills.kind]}</dt>
        <dd>{question.drills.label}</dd>
        <dt className="font-semibold">Source</dt>
        <dd>
          <SourceList sources={question.sources} />
        </dd>
        {question.lastChecked && (
          <>
            <dt className="font-semibold">Last checked</dt>
            <dd>{question.lastChecked}</dd>
          </>
        )}
      </dl>
    </>
  );
}

function SourceList({ sources }: { sources: readonly Source[] }) {
  return (
    <ul className="flex flex-col gap-0.5">
      {sources.map((source) => (
        <li key={`${source.label}-${source.url ?? ''}`}>
          {source.url ? (
            <a href={source.url} target="_blank" rel="noreferrer" className="text-fg underline decoration-accent decoration-2 underline-offset-2 hover:text-accent">
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
