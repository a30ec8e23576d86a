import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Button, ErrorExplainer, useInspectorEntries } from '../../../components';
import { useConnection, useConnectionControls } from '../../../connection';
import { loadInventory, removeEverything, type Inventory, type OwnedKey } from '../api/inventory';
import { formatUsd, proratedKeyCost, requestsCost, KEY_MONTHLY_USD, KMS_FREE_REQUESTS } from '../lib/cost';

function Backend({ backend }: { backend: string }) {
  if (backend === 'sandbox') {
    return <p className="text-sm text-muted">On the sandbox nothing is billed: the prices below are what the same resources would cost on AWS.</p>;
  }
  return (
    <p className="text-sm">
      On this backend the resources are real and billed to the account. Keys deleted here go through the 7-day waiting period (the shortest KMS
      allows) and cost nothing while they wait.
    </p>
  );
}

function keyKind(k: OwnedKey): string {
  if (k.multiRegion === 'PRIMARY') return 'KMS key (multi-Region primary)';
  if (k.multiRegion === 'REPLICA') return 'KMS key (multi-Region replica)';
  return 'KMS key';
}

/** Clean-up: everything this learner created, what it costs per month, and one action to remove it. */
export function CleanupPanel() {
  const conn = useConnection();
  const { settings } = useConnectionControls();
  const bucket = settings && settings.backend !== 'sandbox' ? settings.bucket : undefined;
  const queryClient = useQueryClient();
  const inventory = useQuery({ queryKey: [...conn.keyPrefix, 'cleanup', 'inventory', bucket ?? ''], queryFn: () => loadInventory(conn, bucket) });
  const [confirming, setConfirming] = useState(false);
  const remove = useMutation({
    mutationFn: (inv: Inventory) => removeEverything(conn, inv),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: conn.keyPrefix }),
  });
  const entries = useInspectorEntries();
  const kmsCalls = entries.filter((e) => e.service === 'KMS' && e.backend === conn.backend).length;
  const now = conn.sandbox?.now() ?? Date.now();
  const inv = inventory.data;
  const replicas = (inv?.keys ?? []).filter((k) => k.multiRegion === 'REPLICA').length;
  const soFar = (inv?.keys ?? []).reduce((s, k) => s + proratedKeyCost(k.monthlyUsd, k.created ? (now - k.created.getTime()) / 3_600_000 : 0), 0);
  const kinds = new Map<string, { count: number; bytes: number }>();
  for (const o of inv?.objects ?? []) {
    const k = kinds.get(o.kind) ?? { count: 0, bytes: 0 };
    kinds.set(o.kind, { count: k.count + 1, bytes: k.bytes + o.size });
  }

  return (
    <div className="space-y-8">
      <section aria-labelledby="cleanup-inventory" className="space-y-4">
        <h2 id="cleanup-inventory" className="text-lg font-semibold">
          What you created and what keeping it costs
        </h2>
        <Backend backend={conn.backend} />
        {inventory.isPending && <p role="status">Looking for your keys, aliases and objects…</p>}
        {inventory.error && <ErrorExplainer error={inventory.error} operation="ListKeys" />}
        {inv && (
          <>
            <p className="text-sm text-muted">Counted as yours: {inv.scope}.</p>
            <table aria-label="What you created" className="w-full text-left text-sm">
              <thead>
                <tr className="border-b border-line">
                  <th scope="col" className="py-1 pr-4">Kind</th>
                  <th scope="col" className="py-1 pr-4">Name</th>
                  <th scope="col" className="py-1 pr-4">State</th>
                  <th scope="col" className="py-1 text-right">Per month</th>
                </tr>
              </thead>
              <tbody>
                {inv.keys.map((k) => (
                  <tr key={k.arn} className="border-b border-line/60">
                    <td className="py-1 pr-4">
                      {keyKind(k)}
                      {k.rotations > 0 ? ` (${k.rotations} rotation${k.rotations > 1 ? 's' : ''})` : ''}
                      {k.region !== conn.region ? ` in ${k.region}` : ''}
                    </td>
                    <td className="py-1 pr-4 font-mono break-all">{k.aliases[0] ?? k.keyId}</td>
                    <td className="py-1 pr-4">
                      {k.state}
                      {k.unreadable ? <span className="block text-xs text-muted">not readable with these credentials ({k.unreadable})</span> : null}
                    </td>
                    <td className="py-1 text-right tabular-nums">{formatUsd(k.monthlyUsd)}</td>
                  </tr>
                ))}
                {inv.aliases.map((a) => (
                  <tr key={`${a.region}/${a.name}`} className="border-b border-line/60">
                    <td className="py-1 pr-4">Alias{a.region !== conn.region ? ` in ${a.region}` : ''}</td>
                    <td className="py-1 pr-4 font-mono">{a.name}</td>
                    <td className="py-1 pr-4">—</td>
                    <td className="py-1 text-right tabular-nums">{formatUsd(0)}</td>
                  </tr>
                ))}
                {[...kinds].map(([kind, v]) => (
                  <tr key={kind} className="border-b border-line/60">
                    <td className="py-1 pr-4">S3 objects ({kind})</td>
                    <td className="py-1 pr-4">
                      {v.count} in {inv.bucket}
                    </td>
                    <td className="py-1 pr-4">{v.bytes.toLocaleString('en-US')} bytes</td>
                    <td className="py-1 text-right tabular-nums">{formatUsd((v.bytes / 1024 ** 3) * 0.023)}</td>
                  </tr>
                ))}
                {inv.keys.length === 0 && inv.objects.length === 0 && (
                  <tr>
                    <td colSpan={4} className="py-2 text-muted">
                      Nothing: you have no keys, aliases or objects left on this backend.
                    </td>
                  </tr>
                )}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row" colSpan={3} className="py-1 pr-4 text-right">
                    Keeping all of it
                  </th>
                  <td className="py-1 text-right font-semibold tabular-nums">{formatUsd(inv.monthlyUsd)} a month</td>
                </tr>
              </tfoot>
            </table>
            {replicas > 0 && (
              <p className="text-sm">
                {replicas === 1 ? 'One multi-Region replica lives' : `${replicas} multi-Region replicas live`} outside {conn.region}: each is a KMS key of its own
                on the bill ({formatUsd(KEY_MONTHLY_USD)} a month), and a primary cannot be deleted before its replicas. Removing everything schedules the replicas first;
                the primary then waits in PendingReplicaDeletion and its 7 days start when its last replica is gone.
              </p>
            )}
            {!bucket && conn.backend !== 'sandbox' && <p className="text-sm text-muted">No lab bucket is configured on this backend, so no objects are listed.</p>}
            <div role="status" aria-label="Running estimate" className="rounded-lg border border-line bg-surface p-3 text-sm">
              <p>
                Running estimate: your keys have cost about <strong>{formatUsd(soFar)}</strong> so far (KMS prorates the $1 a month by the hour).
              </p>
              <p>
                This session made {kmsCalls} KMS request{kmsCalls === 1 ? '' : 's'}: {formatUsd(requestsCost(kmsCalls))} beyond the free tier of{' '}
                {KMS_FREE_REQUESTS.toLocaleString('en-US')} a month (shared by the whole account).
              </p>
            </div>
          </>
        )}
      </section>

      <section aria-labelledby="cleanup-remove" className="space-y-3">
        <h2 id="cleanup-remove" className="text-lg font-semibold">
          Remove everything
        </h2>
        <p className="text-sm">
          The guide’s clean-up protocol on this lab’s resources: “S3 — empty the bucket” (your objects are deleted) and “KMS — schedule key deletion
          (7-day minimum waiting period)” (your aliases are deleted, your keys scheduled with the shortest window). Until the window ends, a key can
          still be recovered with CancelKeyDeletion; ciphertexts under it become undecryptable for good once it is deleted.
        </p>
        {!confirming ? (
          <Button variant="danger" disabled={!inv || (inv.keys.length === 0 && inv.objects.length === 0)} onClick={() => setConfirming(true)}>
            Remove everything…
          </Button>
        ) : (
          <div className="flex flex-wrap items-center gap-3">
            <span>
              Delete {inv?.aliases.length ?? 0} alias(es), schedule {inv?.keys.filter((k) => k.state !== 'PendingDeletion' && k.state !== 'PendingReplicaDeletion').length ?? 0}{' '}
              key(s) and delete{' '}
              {inv?.objects.length ?? 0} object(s)?
            </span>
            <Button
              variant="danger"
              busy={remove.isPending}
              onClick={() => {
                if (inv) remove.mutate(inv);
                setConfirming(false);
              }}
            >
              Yes, remove them
            </Button>
            <Button variant="ghost" onClick={() => setConfirming(false)}>
              Keep them
            </Button>
          </div>
        )}
        {remove.data && (
          <div role="status" aria-label="Clean-up result" className="rounded-lg border border-line bg-surface p-3 text-sm">
            <p>
              Removed: {remove.data.aliasesDeleted.length} alias(es) deleted, {remove.data.keysScheduled.length} key(s) scheduled for deletion in 7 days,{' '}
              {remove.data.objectsDeleted} object(s) deleted.
            </p>
            {remove.data.keysScheduled.some((k) => k.state === 'PendingReplicaDeletion') && (
              <p className="mt-1">
                {remove.data.keysScheduled.filter((k) => k.state === 'PendingReplicaDeletion').length} multi-Region primary key(s) are in PendingReplicaDeletion:
                their 7 days start when their last replica is deleted.
              </p>
            )}
            {remove.data.failures.length > 0 && (
              <ul className="mt-2 list-disc pl-5 text-danger">
                {remove.data.failures.map((f) => (
                  <li key={f}>{f}</li>
                ))}
              </ul>
            )}
          </div>
        )}
        {remove.error && <ErrorExplainer error={remove.error} operation="ScheduleKeyDeletion" />}
      </section>
    </div>
  );
}
