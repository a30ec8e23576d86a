import type { Event } from '@aws-sdk/client-cloudtrail';
import { useQueryClient } from '@tanstack/react-query';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { describeKey, lookupEventsQueryOptions, type TrailFilter } from '../../api';
import { isLabBackground, useConnection } from '../../connection';
import { Button } from '../../components/button';
import { CodeBlock } from '../../components/code-block';
import { ErrorExplainer } from '../../components/error-explainer';
import { Field } from '../../components/field';
import { Progress } from '../../components/spinner';
import { TRAIL_MAX_EVENTS, TRAIL_RETENTION_DAYS } from '../../sandbox/shared/trail-limits';
import type { TrailEvent } from '../../sandbox/shared/trail-types';

/** How many S3 data events the separate view lists (newest first). */
const S3_DATA_EVENTS_SHOWN = 50;

/** A sandbox trail record in the shape LookupEvents gives (so one card shows both). */
const asLookupEvent = (t: TrailEvent): Event => ({
  EventId: t.eventID,
  EventName: t.eventName,
  EventSource: t.eventSource,
  EventTime: new Date(t.eventTime),
  ReadOnly: String(t.readOnly),
  CloudTrailEvent: JSON.stringify(t),
});

const EVENT_NAMES = [
  'CreateKey',
  'DescribeKey',
  'ListKeys',
  'ListAliases',
  'CreateAlias',
  'UpdateAlias',
  'Encrypt',
  'Decrypt',
  'ReEncrypt',
  'GenerateDataKey',
  'GenerateDataKeyWithoutPlaintext',
  'GenerateRandom',
  'EnableKey',
  'DisableKey',
  'ScheduleKeyDeletion',
  'CancelKeyDeletion',
  'DeleteKey',
  'EnableKeyRotation',
  'RotateKeyOnDemand',
  'RotateKey',
  'ListKeyRotations',
];

interface Parsed {
  eventTime?: string;
  eventName?: string;
  eventSource?: string;
  awsRegion?: string;
  userAgent?: string;
  errorCode?: string;
  errorMessage?: string;
  userIdentity?: {
    type?: string;
    arn?: string;
    userName?: string;
    invokedBy?: string;
    sessionContext?: { webIdFederationData?: { federatedProvider?: string; attributes?: Record<string, string> } };
  };
  requestParameters?: { encryptionContext?: Record<string, string>; keyId?: string } | null;
  resources?: { ARN?: string }[];
}

function parse(e: Event): Parsed {
  try {
    return JSON.parse(e.CloudTrailEvent ?? '{}') as Parsed;
  } catch {
    return {};
  }
}

function who(p: Parsed, e: Event): { label: string; detail?: string } {
  const u = p.userIdentity;
  if (!u) return { label: e.Username ?? 'unknown' };
  const arn = u.arn ?? e.Username ?? '';
  const fed = u.sessionContext?.webIdFederationData;
  const detail = [
    u.type,
    fed?.federatedProvider ? `via ${fed.federatedProvider}` : undefined,
    u.invokedBy ? `invoked by ${u.invokedBy}` : undefined,
  ]
    .filter(Boolean)
    .join(' · ');
  return { label: arn || u.userName || 'unknown', detail };
}

export function EventCard({ event, resourceLabel = 'Key' }: { event: Event; resourceLabel?: string }) {
  const p = parse(event);
  const user = who(p, event);
  const context = p.requestParameters?.encryptionContext;
  const keys = (p.resources ?? []).map((r) => r.ARN).filter(Boolean) as string[];
  const resourceNames = (event.Resources ?? []).map((r) => r.ResourceName).filter(Boolean) as string[];
  const keyArns = keys.length ? keys : resourceNames;
  const time = event.EventTime ?? (p.eventTime ? new Date(p.eventTime) : undefined);
  return (
    <li className="rounded-xl border border-line bg-surface p-4">
      <article aria-label={`${event.EventName ?? p.eventName} at ${time?.toISOString() ?? ''}`} className="flex flex-col gap-2">
        <div className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
          <h3 className="text-lg font-semibold">{event.EventName ?? p.eventName}</h3>
          <span className="text-sm text-muted">{event.EventSource ?? p.eventSource}</span>
          {time && (
            <time className="text-sm text-muted tabular-nums" dateTime={time.toISOString()}>
              {time.toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC')}
            </time>
          )}
          {p.errorCode ? (
            <span className="rounded-md bg-danger-soft px-2 py-0.5 text-sm font-semibold text-danger">{p.errorCode}</span>
          ) : (
            <span className="rounded-md bg-ok-soft px-2 py-0.5 text-sm text-ok">succeeded</span>
          )}
        </div>
        <dl className="grid gap-x-4 gap-y-1 text-[0.95rem] sm:grid-cols-[9rem_minmax(0,1fr)]">
          <dt className="text-muted">Identity</dt>
          <dd className="min-w-0 font-mono text-sm break-all">
            {user.label}
            {user.detail && <span className="block font-sans text-muted">{user.detail}</span>}
          </dd>
          <dt className="text-muted">{resourceLabel}</dt>
          <dd className="min-w-0 font-mono text-sm break-all">{keyArns.length ? keyArns.join(', ') : '—'}</dd>
          <dt className="text-muted">Encryption context</dt>
          <dd className="min-w-0">
            {context && Object.keys(context).length ? (
              <ul aria-label="Encryption context" className="flex flex-wrap gap-1.5">
                {Object.entries(context).map(([k, v]) => (
                  <li key={k} className="rounded-md border border-line bg-surface-2 px-2 py-0.5 font-mono text-sm">
                    {k} = {v}
                  </li>
                ))}
              </ul>
            ) : (
              <span className="text-muted">none</span>
            )}
          </dd>
          {p.errorMessage && (
            <>
              <dt className="text-muted">Error message</dt>
              <dd className="min-w-0 font-mono text-sm break-words">{p.errorMessage}</dd>
            </>
          )}
        </dl>
        <details>
          <summary className="cursor-pointer text-sm font-medium">The whole record</summary>
          <div className="mt-2">
            <CodeBlock code={JSON.stringify(p, null, 2)} label="CloudTrail record (CloudTrailEvent)" />
          </div>
        </details>
      </article>
    </li>
  );
}

/** The audit trail: CloudTrail records read through LookupEvents on the active backend. */
export default function TrailPage() {
  const conn = useConnection();
  const queryClient = useQueryClient();
  const listId = useId();
  const [filter, setFilter] = useState<TrailFilter>({});
  const [eventName, setEventName] = useState('');
  const [keyFilter, setKeyFilter] = useState('');
  const [sample, setSample] = useState<{ busy: boolean; error?: unknown }>({ busy: false });
  const [showLabReads, setShowLabReads] = useState(false);
  const q = useInfiniteQuery(lookupEventsQueryOptions(conn, filter));
  // S3's object calls are data events: LookupEvents never returns them, so the sandbox lists them apart.
  const readDataEvents = conn.sandbox?.s3DataEvents;
  const dataQ = useQuery({
    queryKey: [...conn.keyPrefix, 's3', 'DataEvents'] as const,
    queryFn: async () => (readDataEvents ? await readDataEvents() : []),
    enabled: readDataEvents !== undefined,
  });
  const dataEvents = dataQ.data ?? [];
  const all = q.data?.pages.flatMap((p) => p.events) ?? [];
  // The lab's own reads (list refreshes, this page's LookupEvents) carry one user-agent marker.
  const events = showLabReads ? all : all.filter((e) => !isLabBackground(parse(e).userAgent));
  const hidden = all.length - events.length;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setFilter({ eventName: eventName.trim() || undefined, resourceName: keyFilter.trim() || undefined });
  };
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: lookupEventsQueryOptions(conn, filter).queryKey }),
      queryClient.invalidateQueries({ queryKey: [...conn.keyPrefix, 's3', 'DataEvents'] }),
    ]);
  const sampleCall = async () => {
    setSample({ busy: true });
    try {
      await describeKey(conn, 'alias/aws/s3');
      setSample({ busy: false });
      await refresh();
    } catch (error) {
      setSample({ busy: false, error });
    }
  };

  return (
    <div className="flex max-w-5xl flex-col gap-6">
      <header className="flex flex-col gap-2">
        <h1 className="text-3xl font-bold tracking-tight">Audit trail</h1>
        <p className="text-lg text-muted">
          Every KMS call is recorded as a CloudTrail event: who called, on which key, with which encryption context, and whether it failed. The lab
          reads them with CloudTrail’s own LookupEvents API, the same way on every backend. Plaintext and keys never appear in a record.
        </p>
        {conn.backend === 'sandbox' ? (
          <p className="text-muted">
            On the sandbox a call appears here as soon as it is made. As LookupEvents does, the sandbox keeps {TRAIL_RETENTION_DAYS} days of
            events (of simulated time: moving the clock forward ages them), and at most {TRAIL_MAX_EVENTS.toLocaleString('en-US')} events, the
            oldest dropped first.
          </p>
        ) : (
          <p role="note" className="rounded-lg border border-warn bg-warn-soft px-4 py-3">
            <strong>CloudTrail lags by minutes.</strong> On {conn.backend === 'aws' ? 'AWS' : 'this endpoint'}, a new event usually shows up in
            LookupEvents about 5 minutes after the call, sometimes 15. If your last call is missing, wait and refresh.
          </p>
        )}
      </header>

      <form onSubmit={submit} aria-label="Filter the trail" className="grid items-end gap-4 rounded-xl border border-line bg-surface p-4 md:grid-cols-[1fr_1.4fr_auto]">
        <Field
          label="Event name"
          list={`${listId}-names`}
          value={eventName}
          onChange={(e) => setEventName(e.target.value)}
          placeholder="any, e.g. Decrypt"
          autoComplete="off"
        />
        <datalist id={`${listId}-names`}>
          {EVENT_NAMES.map((n) => (
            <option key={n} value={n} />
          ))}
        </datalist>
        <Field label="Key (ARN or id)" value={keyFilter} onChange={(e) => setKeyFilter(e.target.value)} placeholder="any key" autoComplete="off" />
        <div className="flex gap-2">
          <Button type="submit" variant="primary">
            Filter
          </Button>
          <Button onClick={() => void refresh()} busy={q.isFetching && !q.isFetchingNextPage}>
            Refresh
          </Button>
        </div>
      </form>

      <section aria-labelledby={`${listId}-h`} className="flex flex-col gap-3">
        <div className="flex flex-wrap items-baseline justify-between gap-2">
          <h2 id={`${listId}-h`} className="text-xl font-semibold">
            Events{' '}
            <span className="font-normal text-muted">
              {filter.eventName || filter.resourceName
                ? `· ${[filter.eventName, filter.resourceName].filter(Boolean).join(' on ')}`
                : '· newest first'}
            </span>
          </h2>
          <span className="text-sm text-muted" aria-live="polite">
            {q.isSuccess ? `${events.length} shown${hidden > 0 ? `, ${hidden} of the lab's own reads hidden` : ''}` : ''}
          </span>
        </div>
        <label className="flex items-center gap-2 text-[0.95rem]">
          <input type="checkbox" role="switch" checked={showLabReads} onChange={(e) => setShowLabReads(e.target.checked)} />
          Show the lab’s own reads (list refreshes and this page’s LookupEvents calls, which CloudTrail records too)
        </label>
        {q.isPending && <Progress label="Reading the trail…" />}
        {q.isError && <ErrorExplainer error={q.error} operation="LookupEvents" onRetry={() => void q.refetch()} />}
        {q.isSuccess && events.length === 0 && (
          <div className="rounded-xl border border-dashed border-line p-5">
            <p>No events {filter.eventName || filter.resourceName ? 'match this filter' : 'yet'}.</p>
            <p className="mt-1 text-muted">Run something in a lab, or make one harmless call from here:</p>
          </div>
        )}
        {q.isSuccess && (
          <div className="flex flex-wrap items-center gap-3">
            <Button size="sm" busy={sample.busy} onClick={() => void sampleCall()}>
              Call DescribeKey on alias/aws/s3
            </Button>
            <span className="text-sm text-muted">Naming an AWS managed key’s alias makes AWS create that key if it does not exist yet.</span>
          </div>
        )}
        {sample.error !== undefined && <ErrorExplainer error={sample.error} operation="DescribeKey" />}
        {events.length > 0 && (
          <ol aria-label="Trail events" className="flex flex-col gap-3">
            {events.map((e, i) => (
              <EventCard key={e.EventId ?? i} event={e} />
            ))}
          </ol>
        )}
        {q.hasNextPage && (
          <Button onClick={() => void q.fetchNextPage()} busy={q.isFetchingNextPage}>
            Load older events
          </Button>
        )}
      </section>

      {readDataEvents && (
        <section aria-labelledby={`${listId}-data-h`} className="flex flex-col gap-3">
          <h2 id={`${listId}-data-h`} className="text-xl font-semibold">
            S3 data events <span className="font-normal text-muted">· newest first</span>
          </h2>
          <p className="text-muted">
            S3’s object calls (PutObject, GetObject, HeadObject, the multipart steps…) are <em>data events</em>. CloudTrail does not log
            them unless a trail is set up to, and LookupEvents never returns them, so they are not in the list above. The sandbox keeps them
            and shows them here apart. The KMS calls S3 makes for these objects (GenerateDataKey, Decrypt, invoked by s3.amazonaws.com) are
            management events of KMS and do appear above.
          </p>
          {dataQ.isPending && <Progress label="Reading S3 data events…" />}
          {dataQ.isError && <ErrorExplainer error={dataQ.error} operation="S3 data events" onRetry={() => void dataQ.refetch()} />}
          {dataQ.isSuccess && dataEvents.length === 0 && (
            <p className="rounded-xl border border-dashed border-line p-5">No S3 object calls yet. Upload or read an object in a lab to see them.</p>
          )}
          {dataEvents.length > 0 && (
            <>
              <p className="text-sm text-muted" aria-live="polite">
                {dataEvents.length > S3_DATA_EVENTS_SHOWN ? `The newest ${S3_DATA_EVENTS_SHOWN} of ${dataEvents.length}` : `${dataEvents.length} shown`}
              </p>
              <ol aria-label="S3 data events" className="flex flex-col gap-3">
                {dataEvents.slice(0, S3_DATA_EVENTS_SHOWN).map((t) => (
                  <EventCard key={t.eventID} event={asLookupEvent(t)} resourceLabel="Object" />
                ))}
              </ol>
            </>
          )}
        </section>
      )}
    </div>
  );
}
