import { useEffect, useState } from 'react';
import { Button } from '../../../components';
import { useConnection, type QuotaStatusView } from '../../../connection';
import { burst, createBurstKey, encryptMessages, quotasAvailable, type BurstResult, type CachingResult } from '../api/quota-runs';
import { QUOTA_FIGURES, QUOTA_FIGURES_DATE, symmetricQuota, teachingQuota } from '../lib/figures';

const BURST = 120;
const MESSAGES = 40;

function BurstSummary({ r, label }: { r: BurstResult; label: string }) {
  return (
    <div role="status" aria-label={label} className="rounded-xl border border-line bg-surface p-3 text-sm">
      <p>
        {r.calls} calls: <strong>{r.succeeded} succeeded</strong>, <strong>{r.throttled} throttled</strong>
        {Object.entries(r.otherErrors).map(([n, c]) => `, ${c} ${n}`)}. HTTP requests sent: <strong>{r.httpRequests}</strong>
        {r.retriedCalls > 0 ? `; ${r.retriedCalls} calls were retried by the SDK` : ''}.
      </p>
      {r.throttlingMessage && (
        <p className="mt-1 font-mono break-words">ThrottlingException: {r.throttlingMessage}</p>
      )}
    </div>
  );
}

function CachingSummary({ r, label }: { r: CachingResult; label: string }) {
  return (
    <p role="status" aria-label={label} className="rounded-xl border border-line bg-surface p-3 text-sm">
      {r.messages} messages: {r.encrypted} encrypted, {r.throttled} throttled, <strong>{r.generateDataKeyCalls} GenerateDataKey calls</strong>.
    </p>
  );
}

/**
 * Request quotas made reachable by hand (trap 5, FAQ 5): the sandbox's teaching scale divides AWS's
 * figures by 1,000, a burst of GenerateDataKey calls runs the shared cryptographic quota dry, the
 * SDK's standard retries absorb part of it with backoff (each attempt in the inspector), and the
 * Encryption SDK's data key caching does the same work with one request.
 */
export function QuotasPanel() {
  const conn = useConnection();
  const [status, setStatus] = useState<QuotaStatusView | undefined>();
  const [key, setKey] = useState<{ keyId: string; keyArn: string } | undefined>();
  const [single, setSingle] = useState<BurstResult | undefined>();
  const [retried, setRetried] = useState<BurstResult | undefined>();
  const [plain, setPlain] = useState<CachingResult | undefined>();
  const [cached, setCached] = useState<CachingResult | undefined>();
  const [busy, setBusy] = useState<string | undefined>();
  const [error, setError] = useState<string | undefined>();
  const available = quotasAvailable(conn);

  useEffect(() => {
    if (!available) return;
    let cancelled = false;
    void conn.sandbox!.quotas!().then((s) => !cancelled && setStatus(s)).catch(() => undefined);
    return () => {
      cancelled = true;
    };
  }, [available, conn.sandbox]);

  async function act(name: string, fn: () => Promise<void>) {
    setBusy(name);
    setError(undefined);
    try {
      await fn();
    } catch (e) {
      const err = e as { name?: string; message?: string };
      setError(`${err.name ?? 'Error'}: ${err.message ?? String(e)}`);
    } finally {
      setBusy(undefined);
    }
  }

  const setMode = (mode: QuotaStatusView['mode']) => act(`mode-${mode}`, async () => setStatus(await conn.sandbox!.quotas!(mode)));
  const ensureKey = async () => {
    if (key) return key;
    const k = await createBurstKey(conn);
    setKey(k);
    return k;
  };
  const teaching = status?.mode === 'teaching';

  return (
    <div className="space-y-8">
      <section aria-labelledby="q-figures" className="space-y-3">
        <h2 id="q-figures" className="text-lg font-semibold">
          The quotas
        </h2>
        <p>
          KMS counts requests per second, per account and Region. The cryptographic operations on symmetric keys share one
          quota, and the calls other services make for you (S3 with SSE-KMS, Lambda, …) count against it too. Over the quota,
          KMS answers ThrottlingException. Figures from the AWS KMS Developer Guide, read {QUOTA_FIGURES_DATE}; all are
          adjustable through Service Quotas.
        </p>
        {/* Focusable so a keyboard can scroll it sideways on a narrow screen. */}
        <div className="overflow-x-auto" tabIndex={0} role="region" aria-label="Quota figures">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">AWS KMS request quotas</caption>
            <thead>
              <tr>
                <th scope="col" className="pr-3">Quota</th>
                <th scope="col" className="pr-3">Requests per second</th>
              </tr>
            </thead>
            <tbody>
              {QUOTA_FIGURES.map((f) => (
                <tr key={f.quota} className="border-t border-line align-top">
                  <td className="py-1 pr-3">
                    {f.quota}
                    <span className="block text-xs text-muted">{f.operations}</span>
                  </td>
                  <td className="py-1 pr-3">{f.perSecond}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      {!available ? (
        <p className="rounded-xl border border-line bg-surface p-4">
          The bursts below run only on the sandbox: against a real account they would spend your quota and could throttle other
          work. Choose the sandbox backend in Settings to run them; the figures and the questions below hold on every backend.
        </p>
      ) : (
        <>
          <section aria-labelledby="q-scale" className="space-y-3">
            <h2 id="q-scale" className="text-lg font-semibold">
              A quota you can reach by hand
            </h2>
            <p>
              The sandbox runs with AWS&apos;s figures ({symmetricQuota(conn.region).toLocaleString('en-US')} a second here). The
              teaching scale divides every quota by 1,000: {teachingQuota(conn.region)} cryptographic requests a second in{' '}
              {conn.region}. It applies to every tab of this lab until you switch back.
            </p>
            <p aria-live="polite">
              Quotas now: <strong>{status ? (teaching ? 'teaching scale (÷1,000)' : status.mode === 'aws' ? "AWS's figures" : 'off') : '…'}</strong>
            </p>
            <div className="flex flex-wrap gap-2">
              <Button size="sm" variant="primary" disabled={busy !== undefined || teaching} onClick={() => void setMode('teaching')}>
                Use the teaching scale
              </Button>
              <Button size="sm" disabled={busy !== undefined || status?.mode === 'aws'} onClick={() => void setMode('aws')}>
                Back to AWS&apos;s figures
              </Button>
            </div>
          </section>

          <section aria-labelledby="q-burst" className="space-y-3">
            <h2 id="q-burst" className="text-lg font-semibold">
              A burst of {BURST} GenerateDataKey calls
            </h2>
            <p>
              All at once, one attempt each (as the lab&apos;s clients usually make): the bucket holds one second&apos;s worth, the rest
              are throttled. Then the same burst with the SDK&apos;s standard retry mode: up to 3 attempts with exponential backoff and
              jitter. Open a retried call in the inspector to see its attempts.
            </p>
            <div className="flex flex-wrap gap-2">
              <Button
                size="sm"
                busy={busy === 'single'}
                disabled={busy !== undefined}
                onClick={() => void act('single', async () => setSingle(await burst(conn, (await ensureKey()).keyId, BURST, false)))}
              >
                Burst, one attempt each
              </Button>
              <Button
                size="sm"
                busy={busy === 'retried'}
                disabled={busy !== undefined}
                onClick={() => void act('retried', async () => setRetried(await burst(conn, (await ensureKey()).keyId, BURST, true)))}
              >
                Burst with the SDK&apos;s retries
              </Button>
            </div>
            {single && <BurstSummary r={single} label="Burst with one attempt each" />}
            {retried && <BurstSummary r={retried} label="Burst with the SDK's retries" />}
            <p className="text-sm text-muted">
              Retries smooth short spikes but add requests to a quota that is already spent; when the load itself is too high,
              cut the number of requests (below) or ask for a higher quota.
            </p>
          </section>

          <section aria-labelledby="q-caching" className="space-y-3">
            <h2 id="q-caching" className="text-lg font-semibold">
              The same work with data key caching
            </h2>
            <p>
              {MESSAGES} small messages through the AWS Encryption SDK: first with the KMS keyring alone (one GenerateDataKey per
              message), then behind a caching materials manager that reuses one data key for up to {MESSAGES} messages within a
              minute. Caching trades some isolation between messages for fewer requests: set its limits to what your security
              rules accept.
            </p>
            <div className="flex flex-wrap gap-2">
              <Button
                size="sm"
                busy={busy === 'plain'}
                disabled={busy !== undefined}
                onClick={() => void act('plain', async () => setPlain(await encryptMessages(conn, (await ensureKey()).keyArn, MESSAGES, false)))}
              >
                Encrypt without caching
              </Button>
              <Button
                size="sm"
                busy={busy === 'cached'}
                disabled={busy !== undefined}
                onClick={() => void act('cached', async () => setCached(await encryptMessages(conn, (await ensureKey()).keyArn, MESSAGES, true)))}
              >
                Encrypt with data key caching
              </Button>
            </div>
            {plain && <CachingSummary r={plain} label="Without caching" />}
            {cached && <CachingSummary r={cached} label="With data key caching" />}
          </section>
          {error && (
            <p role="alert" className="font-mono text-sm break-words text-danger">
              {error}
            </p>
          )}
        </>
      )}
    </div>
  );
}
