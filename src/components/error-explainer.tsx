import { explainError } from '../connection';

export interface ErrorExplainerProps {
  error: unknown;
  /** The AWS operation that failed, for explanations that depend on it (ValidationException on Encrypt...). */
  operation?: string;
  /** When the learner triggered the error on purpose, say so instead of alarming them. */
  expected?: boolean;
  onRetry?: () => void;
  /** Only the code, status and AWS's message: when a box beside it already gives the advice. */
  brief?: boolean;
}

/** Shows error.name, AWS's message, the lab's explanation and the exam trap it illustrates. */
export function ErrorExplainer({ error, operation, expected = false, onRetry, brief = false }: ErrorExplainerProps) {
  const e = error as { name?: string; message?: string; $metadata?: { httpStatusCode?: number } };
  const x = explainError(error, { operation });
  const status = e?.$metadata?.httpStatusCode;
  return (
    <div
      role="alert"
      className={`rounded-xl border p-4 ${expected ? 'border-warn bg-warn-soft' : 'border-danger bg-danger-soft'}`}
    >
      <p className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
        <code className={`font-mono font-semibold ${expected ? 'text-warn' : 'text-danger'}`}>{x.code}</code>
        {status !== undefined && <span className="text-sm text-muted">HTTP {status}</span>}
        {operation && <span className="text-sm text-muted">from {operation}</span>}
      </p>
      {e?.message && e.message !== x.code && (
        <p className="mt-1 font-mono text-sm break-words">
          <span className="sr-only">AWS message: </span>“{e.message}”
        </p>
      )}
      {!brief && <p className="mt-3 font-semibold">{x.title}</p>}
      {!brief && <p className="mt-1">{x.explanation}</p>}
      {!brief && x.fix && (
        <p className="mt-2">
          <span className="font-semibold">Try: </span>
          {x.fix}
        </p>
      )}
      {!brief && (x.trap || x.guide || x.docs) && (
        <ul className="mt-3 flex flex-col gap-1 text-sm">
          {x.trap && (
            <li>
              <span className="rounded-md bg-surface px-2 py-0.5 font-semibold">Exam trap {x.trap.number}</span> {x.trap.title}
            </li>
          )}
          {x.guide && <li className="text-muted">Guide: {x.guide}</li>}
          {x.docs && (
            <li>
              <a className="underline underline-offset-2" href={x.docs} target="_blank" rel="noreferrer">
                AWS documentation
              </a>
            </li>
          )}
        </ul>
      )}
      {onRetry && (
        <button type="button" onClick={onRetry} className="mt-3 rounded-lg border border-line bg-surface px-3 py-1.5 hover:bg-surface-2">
          Try again
        </button>
      )}
    </div>
  );
}
