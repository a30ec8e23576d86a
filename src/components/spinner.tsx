/** A small spinner; `label` is announced to screen readers (empty to keep it decorative). */
export function Spinner({ label = 'Loading', size = 'md' }: { label?: string; size?: 'sm' | 'md' }) {
  const px = size === 'sm' ? 'h-4 w-4 border-2' : 'h-6 w-6 border-[3px]';
  return (
    <span role={label ? 'status' : undefined} className="inline-flex items-center gap-2">
      <span aria-hidden="true" className={`${px} inline-block animate-spin rounded-full border-current border-r-transparent opacity-80`} />
      {label && <span className="sr-only">{label}</span>}
    </span>
  );
}

/**
 * A progress bar: determinate when `value` (0..1) is given, otherwise indeterminate. Long work in
 * the lab always shows one of these, with a label saying what is happening.
 */
export function Progress({ label, value }: { label: string; value?: number }) {
  const pct = value === undefined ? undefined : Math.round(Math.min(1, Math.max(0, value)) * 100);
  return (
    <div className="flex w-full max-w-md flex-col gap-2 py-6" role="status" aria-live="polite">
      <span className="text-muted">{label}</span>
      <div
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={pct}
        className="h-2 w-full overflow-hidden rounded-full bg-surface-2"
      >
        <div
          className={`h-full rounded-full bg-accent ${pct === undefined ? 'lab-indeterminate w-2/5' : ''}`}
          style={pct === undefined ? undefined : { width: `${pct}%` }}
        />
      </div>
    </div>
  );
}
