import { lazy, Suspense, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { inspector, type InspectorEntry, type InspectorStore } from '../connection';
import { formatMs } from './format';
import { Spinner } from './spinner';

// The details (wire messages and the CLI/boto3/JS renderings) load only when a call is opened.
const InspectorDetails = lazy(() => import('./inspector-details').then((m) => ({ default: m.InspectorDetails })));

export function useInspectorEntries(store: InspectorStore = inspector): readonly InspectorEntry[] {
  return useSyncExternalStore(store.subscribe, store.entries, store.entries);
}

function StatusDot({ status }: { status: InspectorEntry['status'] }) {
  const cls = status === 'ok' ? 'bg-ok' : status === 'error' ? 'bg-danger' : 'bg-muted';
  return <span aria-hidden="true" className={`inline-block h-2.5 w-2.5 shrink-0 rounded-full ${cls}`} />;
}


/**
 * The inspector: every SDK call the lab made, newest first. Not modal, so the learner can keep
 * working in the panel while it is open. Secrets never reach it (masked in the middleware).
 */
export function InspectorDrawer({ open, onClose, store = inspector }: { open: boolean; onClose: () => void; store?: InspectorStore }) {
  const entries = useInspectorEntries(store);
  const [selected, setSelected] = useState<number | undefined>();
  // The lab's own background reads (the key list refreshing) crowd out the learner's calls: hidden unless asked for.
  const [showBackground, setShowBackground] = useState(false);
  const hidden = entries.filter((e) => e.background).length;
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (open) headingRef.current?.focus();
  }, [open]);
  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [open, onClose]);
  if (!open) return null;
  const list = [...entries].reverse().filter((e) => showBackground || !e.background);
  const current = entries.find((e) => e.id === selected) ?? list[0];
  return (
    <aside
      aria-labelledby="inspector-heading"
      className="fixed inset-y-0 right-0 z-30 flex w-full max-w-3xl flex-col border-l border-line bg-surface shadow-2xl"
    >
      <div className="flex items-center justify-between gap-3 border-b border-line px-4 py-3">
        <h2 id="inspector-heading" ref={headingRef} tabIndex={-1} className="text-lg font-semibold">
          Inspector <span className="font-normal text-muted">· {entries.length} {entries.length === 1 ? 'call' : 'calls'}</span>
        </h2>
        <div className="flex gap-2">
          <button type="button" onClick={() => store.clear()} className="rounded-lg border border-line px-3 py-1.5 text-sm hover:bg-surface-2">
            Clear
          </button>
          <button type="button" onClick={onClose} className="rounded-lg border border-line px-3 py-1.5 text-sm hover:bg-surface-2">
            Close
          </button>
        </div>
      </div>
      <p className="border-b border-line px-4 py-2 text-sm text-muted">
        Every SDK call the lab makes, as it went over the wire. Signatures, session tokens and plaintext are masked to their length and kept in this
        tab’s memory only.
      </p>
      <label className="flex items-center gap-2 border-b border-line px-4 py-2 text-sm">
        <input type="checkbox" className="size-4" checked={showBackground} onChange={(e) => setShowBackground(e.target.checked)} />
        Show the lab’s own background reads ({hidden} hidden: key lists, descriptions, rotation status)
      </label>
      {entries.length === 0 ? (
        <p className="p-4 text-muted">No calls yet. Run something in a lab and it appears here.</p>
      ) : (
        <div className="grid min-h-0 flex-1 grid-cols-1 md:grid-cols-[17rem_minmax(0,1fr)]">
          <ol aria-label="Calls" className="max-h-48 overflow-y-auto border-b border-line md:max-h-none md:border-r md:border-b-0">
            {list.map((e) => (
              <li key={e.id}>
                <button
                  type="button"
                  onClick={() => setSelected(e.id)}
                  aria-current={current?.id === e.id ? 'true' : undefined}
                  className={`flex w-full items-center gap-2 px-3 py-2 text-left text-sm hover:bg-surface-2 ${current?.id === e.id ? 'bg-accent-soft' : ''}`}
                >
                  <StatusDot status={e.status} />
                  <span className="min-w-0 flex-1">
                    <span className="block truncate font-medium">{e.operation}</span>
                    <span className="block truncate text-xs text-muted">
                      {e.service}
                      {e.error && <span className="text-danger"> · {e.error.name}</span>}
                    </span>
                  </span>
                  <span className="shrink-0 text-muted tabular-nums">{formatMs(e.durationMs)}</span>
                </button>
              </li>
            ))}
          </ol>
          <div className="min-h-0 overflow-y-auto p-4">
            {current && (
              <Suspense fallback={<Spinner label="Loading the call" />}>
                <InspectorDetails entry={current} />
              </Suspense>
            )}
          </div>
        </div>
      )}
    </aside>
  );
}
