import { useId, useState } from 'react';
import type { KeyMetadata } from '@aws-sdk/client-kms';
import { Button, CodeBlock, ErrorExplainer } from '../../../components';
import { useCancelKeyDeletion } from '../api/cancel-key-deletion';
import { useDisableKey } from '../api/disable-key';
import { useEnableKey } from '../api/enable-key';
import { useGetKeyPolicy } from '../api/get-key-policy';
import { useListResourceTags } from '../api/list-resource-tags';
import { useScheduleKeyDeletion } from '../api/schedule-key-deletion';
import type { KeyRow } from './use-key-rows';

const STATE_STYLE: Record<string, string> = {
  Enabled: 'bg-ok-soft text-ok',
  Disabled: 'bg-warn-soft text-warn',
  PendingDeletion: 'bg-danger-soft text-danger',
};

export function StateBadge({ state }: { state?: string }) {
  return (
    <span className={`inline-block rounded px-2 py-0.5 text-xs font-semibold ${STATE_STYLE[state ?? ''] ?? 'bg-surface-2 text-fg'}`}>
      {state ?? '…'}
    </span>
  );
}

function rowName(row: KeyRow): string {
  return row.aliases[0] ?? row.keyId;
}

function prettyPolicy(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

function formatDate(d: Date | undefined): string {
  return d ? d.toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC') : '—';
}

interface DetailsProps {
  row: KeyRow;
  metadata: KeyMetadata;
}

function KeyDetails({ row, metadata }: DetailsProps) {
  const daysId = useId();
  const [days, setDays] = useState('7');
  const [policyOpen, setPolicyOpen] = useState(false);
  const policy = useGetKeyPolicy(row.keyId, policyOpen);
  // AWS managed keys' tags are not the learner's to read (and the guest may not): customer keys only.
  const tags = useListResourceTags(row.keyId, metadata.KeyManager === 'CUSTOMER');
  const enable = useEnableKey();
  const disable = useDisableKey();
  const schedule = useScheduleKeyDeletion();
  const cancel = useCancelKeyDeletion();
  const keyId = row.keyId;
  const state = metadata.KeyState;
  const isAws = metadata.KeyManager === 'AWS';
  const daysNumber = Number(days);
  const daysOk = Number.isInteger(daysNumber) && daysNumber >= 7 && daysNumber <= 30;
  const calls = [
    { op: 'EnableKey', m: enable },
    { op: 'DisableKey', m: disable },
    { op: 'ScheduleKeyDeletion', m: schedule },
    { op: 'CancelKeyDeletion', m: cancel },
  ];
  const failed = calls.find((c) => c.m.error);

  return (
    <section aria-label={`Key ${rowName(row)}`} className="space-y-3 rounded-lg border border-line p-4">
      <h3 className="font-semibold">
        {rowName(row)} <StateBadge state={state} />
      </h3>
      <dl className="grid grid-cols-[auto_minmax(0,1fr)] gap-x-3 gap-y-1 text-sm">
        <dt className="font-medium">Key ID</dt>
        <dd className="break-all font-mono text-xs">{metadata.KeyId}</dd>
        <dt className="font-medium">ARN</dt>
        <dd className="break-all font-mono text-xs">{metadata.Arn}</dd>
        <dt className="font-medium">Key manager</dt>
        <dd>{metadata.KeyManager === 'AWS' ? 'AWS managed' : 'Customer managed'}</dd>
        <dt className="font-medium">Spec / usage</dt>
        <dd>
          {metadata.KeySpec} / {metadata.KeyUsage}
        </dd>
        <dt className="font-medium">Description</dt>
        <dd>{metadata.Description || '—'}</dd>
        <dt className="font-medium">Created</dt>
        <dd>{formatDate(metadata.CreationDate)}</dd>
        {metadata.DeletionDate && (
          <>
            <dt className="font-medium">Deletion date</dt>
            <dd>{formatDate(metadata.DeletionDate)}</dd>
          </>
        )}
      </dl>
      {isAws && <p className="text-sm">AWS manages this key: enabling, disabling and deleting it are refused.</p>}
      <div className="flex flex-wrap items-end gap-2">
        <Button busy={disable.isPending} disabled={state !== 'Enabled'} onClick={() => disable.mutate({ KeyId: keyId })}>
          Disable key
        </Button>
        <Button busy={enable.isPending} disabled={state !== 'Disabled'} onClick={() => enable.mutate({ KeyId: keyId })}>
          Enable key
        </Button>
      </div>
      <div className="flex flex-wrap items-end gap-2">
        <div>
          <label htmlFor={daysId} className="block text-sm font-medium">
            Waiting period (days, 7–30)
          </label>
          <input
            id={daysId}
            type="number"
            min={7}
            max={30}
            value={days}
            onChange={(e) => setDays(e.target.value)}
            aria-invalid={!daysOk}
            className="mt-1 w-24 rounded-lg border border-line bg-surface p-2 text-sm"
          />
        </div>
        <Button
          variant="danger"
          busy={schedule.isPending}
          disabled={state === 'PendingDeletion'}
          onClick={() => schedule.mutate({ KeyId: keyId, PendingWindowInDays: daysNumber })}
        >
          Schedule key deletion
        </Button>
        <Button busy={cancel.isPending} disabled={state !== 'PendingDeletion'} onClick={() => cancel.mutate({ KeyId: keyId })}>
          Cancel key deletion
        </Button>
      </div>
      {!daysOk && <p className="text-sm">KMS accepts 7 to 30 days; send another value to see how it refuses.</p>}
      {state === 'PendingDeletion' && (
        <p className="text-sm">
          Pending deletion: every cryptographic call fails until the deletion date, when the key and everything it encrypted become unrecoverable.
          Cancelling returns the key <strong>Disabled</strong>, not Enabled: re-enable it yourself.
        </p>
      )}
      {cancel.isSuccess && state === 'Disabled' && (
        <p role="status" className="rounded-md bg-warn-soft p-2 text-sm">
          Deletion cancelled. The key is now Disabled; press Enable key to use it again.
        </p>
      )}
      {failed && <ErrorExplainer error={failed.m.error} operation={failed.op} />}
      {metadata.KeyManager === 'CUSTOMER' && (
        <div className="text-sm">
          <h4 className="font-medium">Tags (ListResourceTags)</h4>
          {tags.error ? (
            <ErrorExplainer error={tags.error} operation="ListResourceTags" />
          ) : tags.data === undefined ? (
            <p>Reading the tags…</p>
          ) : tags.data.length === 0 ? (
            <p>No tags.</p>
          ) : (
            <ul aria-label="Tags">
              {tags.data.map((t) => (
                <li key={t.TagKey} className="break-all font-mono">
                  {t.TagKey} = {t.TagValue}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      <details onToggle={(e) => setPolicyOpen(e.currentTarget.open)}>
        <summary className="cursor-pointer text-sm font-medium">Key policy (GetKeyPolicy)</summary>
        {policy.error && <ErrorExplainer error={policy.error} operation="GetKeyPolicy" />}
        {policy.isPending && policyOpen && <p role="status">Reading the key policy…</p>}
        {policy.data !== undefined && <CodeBlock code={prettyPolicy(policy.data)} language="json" label="Key policy as KMS stored it" />}
      </details>
      <details>
        <summary className="cursor-pointer text-sm font-medium">DescribeKey response</summary>
        <CodeBlock code={JSON.stringify(metadata, null, 2)} language="json" label="KeyMetadata" />
      </details>
    </section>
  );
}

interface Props {
  rows: KeyRow[];
  isPending: boolean;
}

export function KeyList({ rows, isPending }: Props) {
  const [selected, setSelected] = useState<string>();
  const selectedRow = rows.find((r) => r.keyId === selected);
  return (
    <section aria-labelledby="key-list-heading" className="space-y-3">
      <h2 id="key-list-heading" className="text-lg font-semibold">
        Keys in this account and region
      </h2>
      {isPending ? (
        <p role="status">Listing keys…</p>
      ) : rows.length === 0 ? (
        <p>No keys in this account and region. Create one above.</p>
      ) : (
        <div className="relative overflow-x-auto">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">KMS keys with aliases and states</caption>
            <thead>
              <tr className="border-b border-line">
                <th scope="col" className="py-1 pr-3">
                  Aliases
                </th>
                <th scope="col" className="py-1 pr-3">
                  Key ID
                </th>
                <th scope="col" className="py-1 pr-3">
                  Description
                </th>
                <th scope="col" className="py-1 pr-3">
                  Type
                </th>
                <th scope="col" className="py-1 pr-3">
                  Managed by
                </th>
                <th scope="col" className="py-1 pr-3">
                  State
                </th>
                <th scope="col" className="py-1">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.keyId} className="border-b border-line">
                  <td className="py-1 pr-3 font-mono text-xs">{row.aliases.join(', ') || '—'}</td>
                  <td className="py-1 pr-3 font-mono text-xs">{row.keyId}</td>
                  <td className="py-1 pr-3">{row.metadata ? row.metadata.Description || '—' : '…'}</td>
                  <td className="py-1 pr-3 font-mono text-xs">{row.metadata?.KeySpec ?? '…'}</td>
                  <td className="py-1 pr-3">{row.metadata?.KeyManager === 'AWS' ? 'AWS' : row.metadata ? 'Customer' : '…'}</td>
                  <td className="py-1 pr-3">
                    <StateBadge state={row.metadata?.KeyState} />
                  </td>
                  <td className="py-1">
                    <Button size="sm" aria-pressed={selected === row.keyId} onClick={() => setSelected(row.keyId)} aria-label={`Manage ${rowName(row)}`}>
                      Manage
                    </Button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {selectedRow?.metadata && <KeyDetails key={selectedRow.keyId} row={selectedRow} metadata={selectedRow.metadata} />}
    </section>
  );
}
