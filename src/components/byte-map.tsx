import { useId } from 'react';

export interface ByteSegment {
  label: string;
  start: number;
  length: number;
  description?: string;
}

const palette = [
  'bg-sky-200 text-sky-950 dark:bg-sky-900 dark:text-sky-50',
  'bg-amber-200 text-amber-950 dark:bg-amber-900 dark:text-amber-50',
  'bg-emerald-200 text-emerald-950 dark:bg-emerald-900 dark:text-emerald-50',
  'bg-fuchsia-200 text-fuchsia-950 dark:bg-fuchsia-900 dark:text-fuchsia-50',
  'bg-orange-200 text-orange-950 dark:bg-orange-900 dark:text-orange-50',
  'bg-indigo-200 text-indigo-950 dark:bg-indigo-900 dark:text-indigo-50',
  'bg-lime-200 text-lime-950 dark:bg-lime-900 dark:text-lime-50',
  'bg-rose-200 text-rose-950 dark:bg-rose-900 dark:text-rose-50',
];

const hex = (b: number) => b.toString(16).padStart(2, '0');

export interface ByteMapProps {
  bytes: Uint8Array;
  segments: readonly ByteSegment[];
  /** What the bytes are ("Ciphertext blob, 184 bytes"). */
  label: string;
  /** Bytes shown before the rest is summarised (default 512). */
  maxBytes?: number;
}

/**
 * A labelled byte map: every byte in hex, coloured by the segment it belongs to, with a legend that
 * gives each segment's offset and length. Bytes outside every segment stay plain.
 */
export function ByteMap({ bytes, segments, label, maxBytes = 512 }: ByteMapProps) {
  const legendId = useId();
  const segmentOf = (i: number) => segments.findIndex((s) => i >= s.start && i < s.start + s.length);
  const shown = bytes.subarray(0, maxBytes);
  const rows: number[][] = [];
  for (let i = 0; i < shown.length; i += 16) rows.push(Array.from({ length: Math.min(16, shown.length - i) }, (_, k) => i + k));
  return (
    <figure className="flex flex-col gap-3">
      <figcaption className="font-medium">{label}</figcaption>
      <div
        role="img"
        aria-label={`${label}: ${bytes.length} bytes in ${segments.length} labelled parts, listed below.`}
        aria-describedby={legendId}
        className="relative overflow-x-auto rounded-lg border border-line bg-surface p-2 font-mono text-sm"
      >
        {rows.map((row) => (
          <div key={row[0]} className="flex gap-0.5">
            <span aria-hidden="true" className="w-14 shrink-0 pr-2 text-right text-muted">
              {(row[0] ?? 0).toString(16).padStart(4, '0')}
            </span>
            {row.map((i) => {
              const s = segmentOf(i);
              return (
                <span
                  key={i}
                  title={s >= 0 ? `${segments[s]?.label} (byte ${i})` : `byte ${i}`}
                  className={`w-[2.1em] rounded-sm text-center ${s >= 0 ? palette[s % palette.length] : ''}`}
                >
                  {hex(bytes[i] ?? 0)}
                </span>
              );
            })}
          </div>
        ))}
        {bytes.length > shown.length && (
          <p className="mt-1 pl-16 text-muted">… {(bytes.length - shown.length).toLocaleString('en-US')} more bytes</p>
        )}
      </div>
      <ul id={legendId} className="grid gap-1.5 *:min-w-0 sm:grid-cols-2">
        {segments.map((s, i) => (
          <li key={`${s.label}-${s.start}`} className="flex items-start gap-2 text-sm">
            <span aria-hidden="true" className={`mt-1 inline-block h-3.5 w-3.5 shrink-0 rounded-sm ${palette[i % palette.length]}`} />
            <span>
              <span className="font-semibold">{s.label}</span>{' '}
              <span className="text-muted">
                bytes {s.start}–{s.start + s.length - 1} ({s.length} {s.length === 1 ? 'byte' : 'bytes'})
              </span>
              {s.description && <span className="block text-muted">{s.description}</span>}
            </span>
          </li>
        ))}
      </ul>
    </figure>
  );
}
