import { ErrorExplainer } from '../../../components';
import { useListKeyRotations } from '../api/list-key-rotations';

function when(d: Date | undefined): string {
  return d ? d.toISOString().slice(0, 10) : '—';
}

export function shortId(id: string | undefined): string {
  return id ? `${id.slice(0, 12)}…` : '—';
}

/** ListKeyRotations as a timeline table. */
export function RotationHistory({ keyId }: { keyId: string }) {
  const rotations = useListKeyRotations(keyId);
  const list = rotations.data ?? [];
  return (
    <section aria-labelledby="history-heading" className="space-y-2">
      <h3 id="history-heading" className="font-semibold">
        ListKeyRotations
      </h3>
      {rotations.error && <ErrorExplainer error={rotations.error} operation="ListKeyRotations" />}
      {rotations.isPending && keyId ? (
        <p role="status">Reading rotations…</p>
      ) : list.length === 0 ? (
        <p className="text-sm">No rotations yet: the key still has its original key material.</p>
      ) : (
        <ol className="space-y-1" aria-label="Rotations">
          {list.map((r, i) => (
            <li key={`${r.KeyMaterialId}-${i}`} className="flex flex-wrap items-center gap-x-3 gap-y-1 rounded-lg border border-line bg-surface p-2 text-sm">
              <span
                className={`rounded px-2 py-0.5 text-xs font-semibold ${r.RotationType === 'AUTOMATIC' ? 'bg-accent-soft text-fg' : 'bg-warn-soft text-warn'}`}
              >
                {r.RotationType}
              </span>
              <span>{when(r.RotationDate)}</span>
              <span className="font-mono text-xs" title={r.KeyMaterialId}>
                material {shortId(r.KeyMaterialId)}
              </span>
              {r.KeyMaterialState && <span className="text-muted">{r.KeyMaterialState}</span>}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
