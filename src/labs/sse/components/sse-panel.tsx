import { useRef, useState, type ReactNode } from 'react';
import { z } from 'zod';
import { Button, CodeBlock } from '../../../components';
import { useConnection } from '../../../connection';
import { useLabState } from '../../../lib/lab-state';
import { LAB_OBJECT_TEXT, MODES, MODE_IDS, type ModeId } from '../lib/modes';

const LAB_OBJECT_BYTES = new TextEncoder().encode(LAB_OBJECT_TEXT).length;
import {
  callError,
  countKmsForUploads,
  createLabKey,
  defaultAndOverride,
  denyPlainHttpPolicy,
  denyWithoutKmsPolicy,
  ensureOwnBucket,
  httpsOnlyCliCommands,
  newCustomerKey,
  presignAndOpen,
  setSseCBlocked,
  shellLine,
  sseCAttempts,
  tryHttpsOnlyPolicyFromPage,
  tryKmsOnlyPolicy,
  uploadAllModes,
  uploadMode,
  type Attempt,
  type CallError,
  type KmsCall,
  type ModeResult,
  type SseEnv,
} from '../lib/sse-lab';
import { CLI_BUCKET, sseEnvFor } from './sse-env';

const keySchema = z.string().optional();
const NO_KEY: string | undefined = undefined;

function ErrorLine({ error }: { error: CallError }) {
  return (
    <span className="text-danger">
      <strong>
        {error.status ? `${error.status} ` : ''}
        {error.name}
      </strong>
      : {error.message}
    </span>
  );
}

function Attempts({ items, label }: { items: Attempt[]; label: string }) {
  return (
    <ul aria-label={label} className="space-y-1 text-sm">
      {items.map((a) => (
        <li key={a.label} className="break-words">
          <span className="font-medium">{a.label}</span> →{' '}
          {a.ok ? <span className="text-success">{a.detail ?? 'accepted'}</span> : a.error ? <ErrorLine error={a.error} /> : 'refused'}
        </li>
      ))}
    </ul>
  );
}

function kmsCallsText(calls: KmsCall[] | undefined, live: boolean): string {
  if (!live) return 'see CloudTrail in a few minutes';
  if (!calls) return 'not available (no LookupEvents here)';
  if (calls.length === 0) return 'none';
  return calls.map((c) => `${c.eventName}${c.invokedBy ? ` (by ${c.invokedBy})` : ' (by this page)'}`).join(', ');
}

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="space-y-3">
      <h2 id={id} className="text-lg font-semibold break-words">
        {title}
      </h2>
      {children}
    </section>
  );
}

/**
 * The S3 SSE lab: one object under six encryption modes compared from live responses, SSE-C's
 * failures, bucket policies that enforce SSE-KMS and HTTPS, a presigned GET, and bucket default
 * encryption with a per-object override. Guide Part III; exam traps 5 and 8; scenario 6; FAQ 4.
 */
export function SsePanel() {
  const conn = useConnection();
  const [keyArn, setKeyArn] = useLabState(conn.keyPrefix, 'sse:key-arn', keySchema, NO_KEY);
  // The SSE-C key lives in this component's memory only: never stored, gone on reload.
  const customerKey = useRef<string>(newCustomerKey());
  const envRef = useRef<Promise<SseEnv> | undefined>(undefined);
  const envKey = useRef<string>('');
  const [busy, setBusy] = useState<string | undefined>();
  const [problem, setProblem] = useState<{ step: string; error: CallError } | undefined>();
  const [ready, setReady] = useState(false);
  const [rows, setRows] = useState<ModeResult[]>([]);
  const [ssec, setSsec] = useState<Attempt[] | undefined>();
  const [policy, setPolicy] = useState<Attempt[] | undefined>();
  const [https, setHttps] = useState<Attempt | undefined>();
  const [presigned, setPresigned] = useState<Awaited<ReturnType<typeof presignAndOpen>> | undefined>();
  const [defaults, setDefaults] = useState<Awaited<ReturnType<typeof defaultAndOverride>> | undefined>();
  const [counts, setCounts] = useState<{ without: number; with: number } | undefined>();

  const sandbox = conn.backend === 'sandbox';
  const ownBucket = conn.backend !== 'aws';

  function env(): Promise<SseEnv> {
    const k = conn.keyPrefix.join('|');
    if (!envRef.current || envKey.current !== k) {
      envKey.current = k;
      envRef.current = sseEnvFor(conn).catch((e: unknown) => {
        envRef.current = undefined;
        throw e;
      });
    }
    return envRef.current;
  }

  async function step(name: string, body: (e: SseEnv) => Promise<void>) {
    setBusy(name);
    setProblem(undefined);
    try {
      await body(await env());
    } catch (e) {
      setProblem({ step: name, error: callError(e) });
    } finally {
      setBusy(undefined);
    }
  }

  const prepare = () =>
    step('prepare', async (e) => {
      if (e.ownBucket) await ensureOwnBucket(e);
      if (!keyArn) setKeyArn(await createLabKey(e));
      setReady(true);
    });

  const needReady = !ready || !keyArn || busy !== undefined;
  const uploadAll = () =>
    step('upload', async (e) => {
      setRows([]);
      await uploadAllModes(e, keyArn!, customerKey.current, (r) => setRows((prev) => [...prev, r]));
    });
  const allowSseC = () =>
    step('allow-ssec', async (e) => {
      await setSseCBlocked(e, false);
      const r = await uploadMode(e, 'sse-c', keyArn!, customerKey.current);
      setRows((prev) => prev.map((p) => (p.mode === 'sse-c' ? r : p)));
    });

  const row = (m: ModeId) => rows.find((r) => r.mode === m);
  const ssecRow = row('sse-c');
  const ssecBlocked = ssecRow?.error?.name === 'AccessDenied';
  const ssecStored = ssecRow !== undefined && ssecRow.error === undefined;
  const bucketName = ownBucket ? 'kms-lab-sse' : (conn.bucket ?? 'the lab bucket');
  const cli = httpsOnlyCliCommands(CLI_BUCKET);

  return (
    <div className="space-y-8">
      <Section id="sse-setup" title="The bucket and the key">
        <p>
          The lab stores one short object six ways and compares what came back.{' '}
          {sandbox ? (
            <>
              On the sandbox it works as the sandbox administrator (<code>lab-admin</code>) in its own bucket,{' '}
              <code>kms-lab-sse</code>, because bucket settings and bucket policies are beyond the guest role.
            </>
          ) : ownBucket ? (
            <>On this endpoint it uses its own bucket, <code>kms-lab-sse</code>, with the endpoint&apos;s credentials.</>
          ) : (
            <>
              On AWS it works as your guest identity under your own prefix in the lab bucket, which is all the guest policy allows.
              Steps that change the bucket (its default encryption, the SSE-C block, bucket policies) and the raw-storage view are
              sandbox-only; they say so below.
            </>
          )}{' '}
          SSE-KMS uses a customer managed key the lab creates for you ($1 a month on AWS until deleted: schedule its deletion on
          the Clean-up lab).
        </p>
        <Button variant="primary" size="sm" onClick={() => void prepare()} busy={busy === 'prepare'} disabled={busy !== undefined && busy !== 'prepare'}>
          Prepare the bucket and key
        </Button>
        {ready && keyArn && (
          <p role="status" className="text-sm break-all">
            Bucket <code>{bucketName}</code>, key <code>{keyArn}</code>
          </p>
        )}
      </Section>

      <Section id="sse-modes" title="Six ways to store the same object">
        <p>
          Each upload sends the same {LAB_OBJECT_BYTES}-byte text. The table is filled from the responses, from CloudTrail&apos;s KMS events
          (LookupEvents) around each call, and {sandbox ? 'from the sandbox’s raw-storage view' : 'the raw-storage view (sandbox-only)'}.
        </p>
        <Button size="sm" onClick={() => void uploadAll()} disabled={needReady} busy={busy === 'upload'}>
          Upload under all six modes
        </Button>
        {ssecBlocked && (
          <div className="space-y-2 rounded-xl border border-line bg-surface p-3 text-sm">
            <p>
              SSE-C was refused with 403 AccessDenied: since April 2026 S3 blocks SSE-C on new buckets. A bucket that needs it says
              so in its encryption rule, <code>BlockedEncryptionTypes: {'{ EncryptionType: ["NONE"] }'}</code>.
            </p>
            {ownBucket ? (
              <Button size="sm" onClick={() => void allowSseC()} busy={busy === 'allow-ssec'} disabled={busy !== undefined}>
                Allow SSE-C on this bucket and upload again
              </Button>
            ) : (
              <p>Changing the lab bucket&apos;s rule is sandbox-only: the guest policy does not allow PutBucketEncryption.</p>
            )}
          </div>
        )}
        {rows.length > 0 && <ComparisonTable rows={rows} live={sandbox || conn.backend === 'endpoint'} rawAvailable={sandbox} />}
      </Section>

      <Section id="sse-trap8" title="Trap 8: SSE-C is not client-side encryption">
        <p>
          With SSE-C you hold the key, but S3 does the encrypting: the page sends the plaintext and the key together (over HTTPS,
          which S3 insists on), S3 encrypts, stores and forgets the key. With client-side encryption the page encrypts first; S3
          receives bytes it cannot read and never sees a key.
        </p>
        {ssecStored && row('client-side') && (
          <dl className="grid gap-2 text-sm sm:grid-cols-[auto,1fr]">
            <dt className="font-medium">SSE-C body sent</dt>
            <dd className="break-all font-mono text-xs">{ssecRow.sentPreview}</dd>
            <dt className="font-medium">Client-side body sent</dt>
            <dd className="break-all font-mono text-xs">{row('client-side')!.sentPreview}</dd>
          </dl>
        )}
      </Section>

      <Section id="sse-ssec" title="SSE-C: the key, every time">
        <p>Read the SSE-C object back without its key, with another key, and copy it; each fails as on AWS until the key comes along.</p>
        <Button size="sm" onClick={() => void step('ssec', async (e) => setSsec(await sseCAttempts(e, customerKey.current)))} disabled={needReady || !ssecStored} busy={busy === 'ssec'}>
          Try the SSE-C reads and copies
        </Button>
        {!ssecStored && <p className="text-sm text-muted">Store the SSE-C object first (above).</p>}
        {ssec && <Attempts items={ssec} label="SSE-C attempts" />}
      </Section>

      <Section id="sse-policies" title="Bucket policies that enforce encryption and HTTPS">
        <p>
          A Deny with <code>StringNotEquals</code> on <code>s3:x-amz-server-side-encryption</code> refuses any upload that does not
          ask for SSE-KMS, including one with no header at all. (Since 2023 S3 encrypts everything anyway; such a policy is about
          which key, and who can audit it.)
        </p>
        <CodeBlock label="Deny uploads without SSE-KMS" language="json" code={denyWithoutKmsPolicy(bucketName)} />
        {ownBucket ? (
          <Button size="sm" onClick={() => void step('policy', async (e) => setPolicy(await tryKmsOnlyPolicy(e, keyArn!)))} disabled={needReady} busy={busy === 'policy'}>
            Apply it and try three uploads
          </Button>
        ) : (
          <p className="text-sm">Sandbox-only: the guest policy does not allow PutBucketPolicy on the lab bucket.</p>
        )}
        {policy && <Attempts items={policy} label="Uploads under the SSE-KMS policy" />}
        <p>
          <code>aws:SecureTransport</code> is false only for a request that arrived over plain HTTP. The page always reaches S3
          over a secure transport, so the policy lets it through; the AWS CLI against <code>npm run sandbox</code>&apos;s plain-HTTP
          port meets the Deny, and the same call on its HTTPS port succeeds.
        </p>
        <CodeBlock label="https-only.json" language="json" code={denyPlainHttpPolicy(CLI_BUCKET)} />
        {ownBucket && (
          <Button size="sm" onClick={() => void step('https', async (e) => setHttps(await tryHttpsOnlyPolicyFromPage(e)))} disabled={needReady} busy={busy === 'https'}>
            Apply it and upload from this page
          </Button>
        )}
        {https && <Attempts items={[https]} label="Upload under the HTTPS-only policy" />}
        <CodeBlock
          label="Terminal: npm run sandbox -- --https-port 4600, then"
          language="sh"
          code={[
            ...cli.setup.map(shellLine),
            `${shellLine(cli.overHttp)}   # AccessDenied`,
            `${shellLine(cli.overHttps)}   # accepted`,
          ].join('\n')}
        />
      </Section>

      <Section id="sse-presign" title="A presigned GET">
        <p>
          A presigned URL carries its own SigV4 signature and expiry: whoever holds it may GET that one object until it expires,
          with the signer&apos;s permissions and no credentials of their own.
        </p>
        <Button size="sm" onClick={() => void step('presign', async (e) => setPresigned(await presignAndOpen(e)))} disabled={needReady || !row('sse-s3')} busy={busy === 'presign'}>
          Presign a GET for the SSE-S3 object and open it
        </Button>
        {presigned && (
          <div className="space-y-1 text-sm" role="status">
            <p className="break-all font-mono text-xs">{presigned.url}</p>
            <p>
              Opened with no credentials: HTTP {presigned.status}, body “{presigned.body.trim()}” (valid {presigned.expiresIn} s).
            </p>
          </div>
        )}
      </Section>

      <Section id="sse-default" title="Bucket default encryption and a per-object override">
        <p>
          {ownBucket
            ? 'The bucket default becomes SSE-KMS with a bucket key; a PUT with no header inherits it, and a PUT that asks for AES256 keeps AES256. The default then goes back to SSE-S3.'
            : 'The lab bucket’s default is read (GetBucketEncryption); a PUT with no header inherits it, and one that asks for AES256 keeps AES256. Changing the default is sandbox-only.'}
        </p>
        <Button size="sm" onClick={() => void step('default', async (e) => setDefaults(await defaultAndOverride(e, keyArn!)))} disabled={needReady} busy={busy === 'default'}>
          Try the default and the override
        </Button>
        {defaults && (
          <ul aria-label="Default and override" className="space-y-1 text-sm break-words">
            <li>Bucket default: {defaults.defaultRule}</li>
            <li>No header: {Object.entries(defaults.inherited).filter(([k]) => k !== 'ETag').map(([k, v]) => `${k}=${v}`).join(', ')}</li>
            <li>ServerSideEncryption AES256: {Object.entries(defaults.overridden).filter(([k]) => k !== 'ETag').map(([k, v]) => `${k}=${v}`).join(', ')}</li>
          </ul>
        )}
      </Section>

      <Section id="sse-bucket-keys" title="Bucket keys and KMS request counts">
        <p>Ten SSE-KMS uploads without a bucket key, then ten with one, each run with its own KMS calls counted from the trail.</p>
        {sandbox || conn.backend === 'endpoint' ? (
          <Button
            size="sm"
            onClick={() =>
              void step('count', async (e) => {
                const without = await countKmsForUploads(e, keyArn!, 10, false);
                const fresh = await createLabKey(e);
                setCounts({ without, with: await countKmsForUploads(e, fresh, 10, true) });
              })
            }
            disabled={needReady}
            busy={busy === 'count'}
          >
            Count the KMS calls of 10 + 10 uploads
          </Button>
        ) : (
          <p className="text-sm">Sandbox-only as a live count: CloudTrail on AWS delivers these events minutes later.</p>
        )}
        {counts && (
          <p role="status" className="text-sm">
            Without a bucket key: {counts.without} KMS calls. With a bucket key (a fresh key, so no bucket key was cached): {counts.with}.
          </p>
        )}
      </Section>

      {problem && (
        <p role="alert" className="rounded-xl border border-line bg-surface p-3 text-sm break-words">
          Step “{problem.step}” failed: <ErrorLine error={problem.error} />
        </p>
      )}
    </div>
  );
}

function ComparisonTable({ rows, live, rawAvailable }: { rows: ModeResult[]; live: boolean; rawAvailable: boolean }) {
  const modes = MODE_IDS.filter((m) => rows.some((r) => r.mode === m));
  const get = (m: ModeId) => rows.find((r) => r.mode === m)!;
  const line = (label: string, cell: (r: ModeResult) => ReactNode) => (
    <tr className="border-b border-line align-top">
      <th scope="row" className="py-2 pr-3 text-left font-medium">
        {label}
      </th>
      {modes.map((m) => (
        <td key={m} className="min-w-[12rem] py-2 pr-3 break-words">
          {cell(get(m))}
        </td>
      ))}
    </tr>
  );
  return (
    <div className="overflow-x-auto" tabIndex={0} role="region" aria-label="Comparison of the six modes (scrolls sideways)">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">The same object under six encryption modes, from the live responses</caption>
        <thead>
          <tr className="border-b border-line">
            <th scope="col" className="py-1 pr-3">
              Mode
            </th>
            {modes.map((m) => (
              <th key={m} scope="col" className="py-1 pr-3">
                {MODES[m].label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {line('Request', (r) => <code className="text-xs">{MODES[r.mode].request}</code>)}
          {line('Headers returned', (r) =>
            r.error ? (
              <ErrorLine error={r.error} />
            ) : (
              <ul className="font-mono text-xs">
                {Object.entries(r.headers).map(([k, v]) => (
                  <li key={k} className="break-all">
                    {k}: {v}
                  </li>
                ))}
              </ul>
            ),
          )}
          {line('Body the page sent', (r) => <span className="break-all font-mono text-xs">{r.sentPreview}</span>)}
          {line('Who holds which key', (r) => MODES[r.mode].whoHoldsKeys)}
          {line('KMS calls on PUT', (r) => (r.error ? '—' : kmsCallsText(r.kmsCallsOnPut, live)))}
          {line('KMS calls on GET', (r) => (r.readBack ? kmsCallsText(r.readBack.kmsCalls, live) : '—'))}
          {line('Read back', (r) => (r.readBack ? (r.readBack.same ? 'same text' : 'different!') : '—'))}
          {line('A reader must supply', (r) => MODES[r.mode].readerSupplies)}
          {line('Cost', (r) => MODES[r.mode].cost)}
          {line('Stored at rest', (r) =>
            !rawAvailable ? (
              'Sandbox-only view'
            ) : r.raw ? (
              <ul className="text-xs">
                <li>
                  {r.raw.storedBytes} bytes, {r.raw.plaintextVisible ? 'plaintext visible!' : 'no plaintext'}
                </li>
                <li className="break-all font-mono">{r.raw.storedHex}</li>
                <li>
                  mode {r.raw.mode}, {r.raw.layers} layer{r.raw.layers > 1 ? 's' : ''}
                  {r.raw.bucketKey ? ', bucket key' : ''}
                </li>
                {r.raw.kmsBlobBytes !== undefined && <li>KMS-encrypted key: {r.raw.kmsBlobBytes} bytes</li>}
                {r.raw.wrappedKeyBytes !== undefined && <li>data key wrapped by S3: {r.raw.wrappedKeyBytes} bytes</li>}
                {r.raw.context && <li className="break-all">context {JSON.stringify(r.raw.context)}</li>}
                {r.raw.customerKeyMd5 && <li className="break-all">key MD5 {r.raw.customerKeyMd5} (the key itself is not kept)</li>}
                {Object.keys(r.raw.metadata).length > 0 && <li className="break-all">metadata in clear: {Object.keys(r.raw.metadata).join(', ')}</li>}
              </ul>
            ) : (
              '—'
            ),
          )}
        </tbody>
      </table>
    </div>
  );
}
