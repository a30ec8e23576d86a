import { useId } from 'react';
import { contextProblems } from '../lib/bytes';

export interface ContextRow {
  key: string;
  value: string;
}

interface Props {
  legend: string;
  rows: ContextRow[];
  onChange: (rows: ContextRow[]) => void;
}

/** Key/value pairs of an encryption context, each input labelled. */
export function ContextEditor({ legend, rows, onChange }: Props) {
  const id = useId();
  const problems = contextProblems(rows);
  const keyCounts = new Map<string, number>();
  for (const r of rows) keyCounts.set(r.key, (keyCounts.get(r.key) ?? 0) + 1);
  const set = (i: number, patch: Partial<ContextRow>) => onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <fieldset className="rounded-md border border-line p-3">
      <legend className="px-1 text-sm font-medium">{legend}</legend>
      {rows.length === 0 && <p className="text-sm text-muted">No context.</p>}
      {rows.map((row, i) => (
        <div key={i} className="mb-2 flex flex-wrap items-end gap-2">
          <div>
            <label htmlFor={`${id}-k${i}`} className="block text-xs">
              Context key {i + 1}
            </label>
            <input
              id={`${id}-k${i}`}
              value={row.key}
              onChange={(e) => set(i, { key: e.target.value })}
              aria-invalid={row.key === '' || (keyCounts.get(row.key) ?? 0) > 1 ? true : undefined}
              aria-describedby={problems.length > 0 ? `${id}-problems` : undefined}
              className="w-36 rounded-lg border border-line bg-surface p-1.5 font-mono text-sm"
            />
          </div>
          <div>
            <label htmlFor={`${id}-v${i}`} className="block text-xs">
              Context value {i + 1}
            </label>
            <input
              id={`${id}-v${i}`}
              value={row.value}
              onChange={(e) => set(i, { value: e.target.value })}
              className="w-36 rounded-lg border border-line bg-surface p-1.5 font-mono text-sm"
            />
          </div>
          <button
            type="button"
            onClick={() => onChange(rows.filter((_, j) => j !== i))}
            className="rounded-md px-2 py-1 text-sm underline hover:bg-surface-2"
            aria-label={`Remove context pair ${i + 1}`}
          >
            Remove
          </button>
        </div>
      ))}
      {problems.length > 0 && (
        <ul id={`${id}-problems`} className="mb-2 text-sm text-danger">
          {problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      )}
      <button
        type="button"
        onClick={() => onChange([...rows, { key: '', value: '' }])}
        className="rounded-md px-2 py-1 text-sm underline hover:bg-surface-2"
      >
        Add a context pair
      </button>
    </fieldset>
  );
}
