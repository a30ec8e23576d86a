import { useEffect, useRef, useState } from 'react';
import { Button, ErrorExplainer } from '../../../components';
import { useDescribeKey } from '../api/describe-key';
import { useScheduleKeyDeletion } from '../api/schedule-key-deletion';
import type { KeyRow } from './use-key-rows';

interface Props {
  rows: KeyRow[];
}

/** The three kinds of KMS key, each with something live to look at. */
export function KeyTypes({ rows }: Props) {
  const describe = useDescribeKey();
  const schedule = useScheduleKeyDeletion();
  const [asked, setAsked] = useState(false);
  const live = useRef<HTMLDivElement>(null);
  // The answer to "Try to delete it" appears below the cards, often below the fold: bring it into view.
  const settled = schedule.isError || schedule.isSuccess;
  useEffect(() => {
    if (settled) live.current?.scrollIntoView({ block: 'nearest' });
  }, [settled]);
  const managed = describe.data?.KeyMetadata;
  const customerCount = rows.filter((r) => r.metadata?.KeyManager === 'CUSTOMER').length;
  const awsCount = rows.filter((r) => r.metadata?.KeyManager === 'AWS').length;

  return (
    <section aria-labelledby="key-types-heading" className="space-y-3">
      <h2 id="key-types-heading" className="text-lg font-semibold">
        Three kinds of KMS key
      </h2>
      <div className="grid gap-3 *:min-w-0 md:grid-cols-3">
        <article className="rounded-lg border border-line p-4">
          <h3 className="font-semibold">Customer managed</h3>
          <p className="mt-1 text-sm">
            You create it, you write its key policy, you choose rotation and you can disable or delete it. It costs a monthly fee and appears in
            ListKeys with <code>KeyManager: CUSTOMER</code>.
          </p>
          <p className="mt-2 text-sm font-medium" aria-live="polite">
            In this account now: {customerCount} customer managed {customerCount === 1 ? 'key' : 'keys'} (create one below).
          </p>
        </article>
        <article className="rounded-lg border border-line p-4">
          <h3 className="font-semibold">AWS managed</h3>
          <p className="mt-1 text-sm">
            Created in your account the first time a service needs one (<code>alias/aws/s3</code>, <code>alias/aws/lambda</code>…). You can see and
            use it through the service, but its policy, rotation (yearly) and deletion belong to AWS.
          </p>
          <div className="mt-2 flex flex-wrap gap-2">
            <Button
              busy={describe.isPending}
              onClick={() => {
                setAsked(true);
                schedule.reset();
                describe.mutate({ KeyId: 'alias/aws/s3' });
              }}
            >
              Describe alias/aws/s3
            </Button>
            {managed?.KeyId && (
              <Button variant="danger" busy={schedule.isPending} onClick={() => schedule.mutate({ KeyId: managed.KeyId as string, PendingWindowInDays: 7 })}>
                Try to delete it
              </Button>
            )}
          </div>
          <p className="mt-2 text-sm font-medium">In this account now: {awsCount} AWS managed.</p>
        </article>
        <article className="rounded-lg border border-line p-4">
          <h3 className="font-semibold">AWS owned</h3>
          <p className="mt-1 text-sm">
            Keys a service owns and uses for many accounts (DynamoDB's default encryption, for one). They are not in your account: no ARN you can
            call, no policy, no audit record, no cost.
          </p>
          <p className="mt-2 text-sm font-medium">
            In this account now: 0 — ListKeys found {rows.length} {rows.length === 1 ? 'key' : 'keys'}, none AWS owned, and it never will.
          </p>
        </article>
      </div>
      {(asked || managed) && (
        <div ref={live} className="space-y-2" aria-live="polite">
          <h3 className="font-semibold">alias/aws/s3, live</h3>
          {asked && describe.error && <ErrorExplainer error={describe.error} operation="DescribeKey" />}
          {managed && (
            <dl className="grid max-w-2xl grid-cols-[auto_minmax(0,1fr)] gap-x-3 rounded-lg border border-line bg-surface p-3 text-sm" aria-label="AWS managed key">
              <dt className="font-medium">KeyManager</dt>
              <dd>{managed.KeyManager}</dd>
              <dt className="font-medium">KeyId</dt>
              <dd className="break-all font-mono text-xs">{managed.KeyId}</dd>
              <dt className="font-medium">Description</dt>
              <dd>{managed.Description || '—'}</dd>
            </dl>
          )}
          {managed && managed.KeyManager !== 'AWS' && (
            <p className="mt-2 text-sm">This backend reports KeyManager {managed.KeyManager}; on AWS an alias/aws/ key is always AWS.</p>
          )}
          {schedule.error && <ErrorExplainer error={schedule.error} operation="ScheduleKeyDeletion" expected />}
          {schedule.isSuccess && (
            <p role="status" className="mt-2 text-sm">
              This backend let the deletion through (state {schedule.data.KeyState ?? 'PendingDeletion'}). Real AWS refuses it with
              AccessDeniedException: an AWS managed key's policy gives you no kms:ScheduleKeyDeletion.
            </p>
          )}
        </div>
      )}
    </section>
  );
}
