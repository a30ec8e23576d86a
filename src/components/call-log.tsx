/** One call a lab made and what came of it, in one line (errors keep AWS's code and message). */
export interface CallLogEntry {
  id: number;
  /** Who or where the call ran: "us-west-2", "as lab-admin", "in the page". */
  where: string;
  operation: string;
  ok: boolean;
  summary: string;
}

/**
 * A lab's running log of calls, newest first, announced politely to screen readers. Long ARNs and
 * messages wrap so that the page never scrolls sideways on a phone.
 */
export function CallLog({ entries, label }: { entries: readonly CallLogEntry[]; label: string }) {
  return (
    <div role="log" aria-label={label}>
      {entries.length === 0 && <p className="text-sm text-muted">Nothing has run yet.</p>}
      <ol className="space-y-1 text-sm">
        {entries.map((e) => (
          <li key={e.id} className={e.ok ? 'break-words' : 'break-words text-danger'}>
            <span className="font-semibold">{e.where}</span> · {e.operation} → <span className="font-mono [overflow-wrap:anywhere]">{e.summary}</span>
          </li>
        ))}
      </ol>
    </div>
  );
}

let nextId = 1;

/** A log entry for a call that succeeded. */
export function logOk(where: string, operation: string, summary: string): CallLogEntry {
  return { id: nextId++, where, operation, ok: true, summary };
}

/** A log entry for a call that failed: AWS's error code and message, or the SDK's. */
export function logError(where: string, operation: string, e: unknown): CallLogEntry {
  const err = e as { name?: string; message?: string };
  const name = err.name ?? 'Error';
  return { id: nextId++, where, operation, ok: false, summary: `${name}: ${err.message ?? ''}` };
}
