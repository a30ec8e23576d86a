import { useEffect, useId, useRef, useState } from 'react';
import { Button, ContextEditor, ErrorExplainer, KeySelect, PracticeKeys, Progress, useUsableKeys, type ContextRow } from '../../../components';
import { useConnection } from '../../../connection';
import { contextFromRows } from '../../../lib/bytes';
import { DEFAULT_CHUNK_SIZE, encryptedSize } from '../lib/chunked-format';
import { PART_SIZE, S3_USER_METADATA_LIMIT, type AfterAbort, type Phase, type SealResult, type VerifyResult } from '../lib/envelope-job';
import { useEnvelopeWorker, type JobState } from './use-envelope-worker';
import { useEnvelopeBenchHooks } from './bench-hooks';
import { EsdkSection } from './esdk-section';
import { DirectEncryptSection } from './direct-encrypt-section';
import { WithoutPlaintextSection } from './without-plaintext-section';

const STEPS: { phase: Phase[]; title: string; text: string }[] = [
  { phase: ['data-key'], title: '1. GenerateDataKey', text: 'KMS returns a fresh 256-bit data key twice: in plaintext, and encrypted under your KMS key.' },
  { phase: ['encrypt'], title: '2. Encrypt locally', text: 'The file is encrypted in the page’s worker with AES-256-GCM, chunk by chunk. KMS never sees the file.' },
  { phase: ['upload', 'stored'], title: '3. Store together', text: 'The ciphertext goes to S3; the encrypted data key and the format header go beside it.' },
  { phase: ['data-key'], title: '4. Discard the plaintext key', text: 'The plaintext data key is handed to WebCrypto (non-extractable) and its buffer zeroed at once.' },
  { phase: ['decrypt-key', 'download', 'verify'], title: '5. Read back', text: 'Decrypt the stored data key with KMS, decrypt the chunks, and compare SHA-256 with the original.' },
];

function loadLast(key: string): SealResult | undefined {
  try {
    const raw = globalThis.localStorage?.getItem(key);
    const v = raw ? (JSON.parse(raw) as Partial<SealResult>) : undefined;
    return v && typeof v.bucket === 'string' && typeof v.objectKey === 'string' && typeof v.keyArn === 'string' ? (v as SealResult) : undefined;
  } catch {
    return undefined;
  }
}

function saveLast(key: string, r: SealResult): void {
  try {
    globalThis.localStorage?.setItem(key, JSON.stringify(r));
  } catch {
    // storage full or unavailable: the result just will not survive a reload
  }
}

function mib(n: number): string {
  return `${(n / 1048576).toFixed(n < 10 * 1048576 ? 2 : 0)} MiB`;
}

function safeName(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 100) || 'file';
}

/** A random test file made in the page, for learners without a large file at hand. */
function makeTestFile(bytes: number): File {
  const parts: Uint8Array<ArrayBuffer>[] = [];
  for (let o = 0; o < bytes; o += 65536) parts.push(globalThis.crypto.getRandomValues(new Uint8Array(Math.min(65536, bytes - o))));
  return new File(parts, `random-${Math.round(bytes / 1048576)}MiB.bin`, { type: 'application/octet-stream' });
}

/** The envelope-encryption lab: the guide's five steps on a real file, then the same file through the Encryption SDK. */
export function EnvelopePanel() {
  const conn = useConnection();
  const { keys, isPending } = useUsableKeys((m) => m.KeySpec === 'SYMMETRIC_DEFAULT' && m.KeyState === 'Enabled');
  const [chosen, setChosen] = useState('');
  const keyId = keys.some((k) => k.keyId === chosen) ? chosen : (keys[0]?.keyId ?? '');
  const keyArn = keys.find((k) => k.keyId === keyId)?.arn ?? '';
  const [file, setFile] = useState<File>();
  const [rows, setRows] = useState<ContextRow[]>([{ key: 'purpose', value: 'envelope-lab' }]);
  const [testMiB, setTestMiB] = useState('100');
  const fileId = useId();
  const sizeId = useId();
  const worker = useEnvelopeWorker();
  useEnvelopeBenchHooks(worker);
  // The last stored object (bucket, key, key ARN, sizes: nothing secret) survives a reload, per backend and region.
  const storageKey = `kms-lab:envelope:last:${conn.keyPrefix.join(':')}`;
  const [seal, setSeal] = useState<JobState<SealResult>>(() => ({ running: false, phases: [], progressBy: {}, result: loadLast(storageKey) }));
  useEffect(() => {
    if (seal.result) saveLast(storageKey, seal.result);
  }, [seal.result, storageKey]);
  const [verify, setVerify] = useState<JobState<VerifyResult>>({ running: false, phases: [], progressBy: {} });
  const cancel = useRef<() => void>(undefined);
  const resultRef = useRef<HTMLDivElement>(null);
  const bucket = conn.bucket;
  const context = contextFromRows(rows) ?? {};
  const contextProblem = rows.some((r) => r.key === '') ? 'Every context pair needs a key.' : new Set(rows.map((r) => r.key)).size !== rows.length ? 'Two context pairs have the same key.' : undefined;

  useEffect(() => {
    if (seal.result || seal.error) resultRef.current?.scrollIntoView({ block: 'nearest' });
  }, [seal.result, seal.error]);

  function start() {
    if (!file || !keyId || !bucket) return;
    setVerify({ running: false, phases: [], progressBy: {} });
    const objectKey = `${conn.identityId ?? 'lab'}/envelope/${Date.now()}-${safeName(file.name)}`;
    cancel.current = worker.seal({ keyId: keyArn || keyId, bucket, objectKey, context, file, chunkSize: DEFAULT_CHUNK_SIZE }, setSeal);
  }

  function readBack() {
    const r = seal.result;
    if (!r) return;
    cancel.current = worker.verify({ bucket: r.bucket, objectKey: r.objectKey, original: file }, setVerify);
  }

  const active = seal.running ? seal : verify.running ? verify : undefined;
  const currentPhases = new Set<Phase>([...seal.phases, ...verify.phases]);

  return (
    <div className="space-y-8">
      {!isPending && <PracticeKeys count={keys.length} names={['Practice key A']} />}

      <section aria-labelledby="envelope-steps" className="space-y-3">
        <h2 id="envelope-steps" className="text-xl font-semibold break-words">
          Envelope encryption of a real file
        </h2>
        <p>
          KMS encrypts at most 4 KB per call. For anything larger, you ask KMS for a data key, encrypt the data yourself, and keep only
          the encrypted copy of the key beside the data. The file below never goes to KMS: only the 32-byte data key does.
        </p>
        <ol className="grid gap-2 sm:grid-cols-2 lg:grid-cols-5">
          {STEPS.map((s) => {
            const reached = s.phase.some((p) => currentPhases.has(p));
            return (
              <li key={s.title} className={`rounded-lg border p-3 text-sm ${reached ? 'border-accent bg-accent-soft' : 'border-line'}`}>
                <p className="font-semibold">
                  {s.title} {reached && <span className="sr-only">(reached)</span>}
                </p>
                <p className="mt-1">{s.text}</p>
              </li>
            );
          })}
        </ol>
      </section>

      <section aria-labelledby="envelope-run" className="space-y-4">
        <h3 id="envelope-run" className="text-lg font-semibold break-words">
          Encrypt a file and store it in S3
        </h3>
        <KeySelect label="KMS key that wraps the data key" keys={keys} value={keyId} onChange={setChosen} />
        <div className="flex flex-wrap items-end gap-4">
          <div>
            <label htmlFor={fileId} className="block text-sm font-medium">
              File (any size: it is read in windows, never all at once)
            </label>
            <input id={fileId} type="file" onChange={(e) => setFile(e.target.files?.[0] ?? undefined)} className="mt-1 max-w-full text-sm" />
          </div>
          <div className="flex items-end gap-2">
            <div>
              <label htmlFor={sizeId} className="block text-sm font-medium">
                Or a random test file of (MiB)
              </label>
              <input
                id={sizeId}
                inputMode="numeric"
                value={testMiB}
                onChange={(e) => setTestMiB(e.target.value)}
                className="mt-1 w-24 rounded-lg border border-line bg-surface p-2 text-sm"
              />
            </div>
            <Button
              onClick={() => {
                const n = Number(testMiB);
                if (Number.isInteger(n) && n >= 1 && n <= 2048) setFile(makeTestFile(n * 1048576));
              }}
              disabled={!/^\d+$/.test(testMiB) || Number(testMiB) < 1 || Number(testMiB) > 2048}
            >
              Make test file
            </Button>
          </div>
        </div>
        {!/^\d*$/.test(testMiB) || Number(testMiB) > 2048 ? (
          <p className="text-sm text-danger">A test file is a whole number of MiB from 1 to 2,048.</p>
        ) : null}
        {file && (
          <p className="text-sm">
            <span className="font-medium">{file.name}</span>: {file.size.toLocaleString('en')} bytes, stored as{' '}
            {encryptedSize(file.size, DEFAULT_CHUNK_SIZE).toLocaleString('en')} bytes ({Math.max(1, Math.ceil(file.size / DEFAULT_CHUNK_SIZE)).toLocaleString('en')}{' '}
            chunks of {DEFAULT_CHUNK_SIZE / 1024} KiB, each with a 16-byte tag, plus a 17-byte header){file.size + 1 > PART_SIZE ? `, uploaded in ${PART_SIZE / (1024 * 1024)} MiB multipart parts` : ''}.
          </p>
        )}
        <details className="text-sm">
          <summary className="cursor-pointer font-medium">How the parts are sent to S3, and why</summary>
          <p className="mt-2">
            Each part is sent with <code className="font-mono">x-amz-content-sha256: UNSIGNED-PAYLOAD</code> over HTTPS and without the
            SDK&rsquo;s optional CRC32 checksum. The request itself is still signed with SigV4. AWS allows an unsigned payload over HTTPS
            because TLS protects the bytes in transit. The envelope already protects them end to end: every {DEFAULT_CHUNK_SIZE / 1024} KiB chunk carries an
            AES-GCM tag that the read-back checks. A signed payload or a checksum would hash every byte twice more, once here and once in S3
            (in plain JavaScript in the browser sandbox), and add no protection the tags do not give. Over plain HTTP (a local
            endpoint), the SDK signs the payload as usual.
          </p>
        </details>
        <ContextEditor legend="Encryption context (bound to the data key by KMS)" rows={rows} onChange={setRows} />
        {contextProblem && <p className="text-sm text-danger">{contextProblem}</p>}
        {!bucket && <p className="text-sm text-warn">No lab bucket is configured for this backend: name one on the settings page.</p>}
        {worker.workerError && <p className="text-sm text-danger">{worker.workerError}</p>}
        <div className="flex flex-wrap gap-2">
          <Button variant="primary" onClick={start} disabled={!file || !keyId || !bucket || !worker.ready || Boolean(contextProblem) || Boolean(active)}>
            Encrypt and store
          </Button>
          {active && (
            <Button variant="danger" onClick={() => cancel.current?.()}>
              Cancel
            </Button>
          )}
        </div>
        {active && <JobProgress job={active} sealing={active === seal} />}
        <div ref={resultRef} aria-live="polite">
          {seal.error && (
            <ErrorExplainer
              error={Object.assign(new Error(seal.error.message), { name: seal.error.name })}
              operation={seal.error.name === 'AbortError' ? undefined : 'envelope encryption'}
              expected={seal.error.name === 'AbortError'}
            />
          )}
          {seal.error?.name === 'AbortError' && (
            <div className="mt-2 space-y-1 text-sm">
              <p>Cancelled: the multipart upload was aborted, so nothing half-stored is left in S3.</p>
              {seal.error.afterAbort && <AfterAbortCheck a={seal.error.afterAbort} />}
            </div>
          )}
          {seal.result && <SealSummary r={seal.result} />}
        </div>
        {seal.result && (
          <div className="space-y-3">
            <Button onClick={readBack} disabled={Boolean(active)}>
              Read back, decrypt and verify
            </Button>
            {verify.error && <ErrorExplainer error={Object.assign(new Error(verify.error.message), { name: verify.error.name })} operation="read back" />}
            {verify.result && <VerifySummary r={verify.result} />}
          </div>
        )}
      </section>

      <EsdkSection file={file} keyArn={keyArn} context={context} />
      <DirectEncryptSection file={file} keyId={keyId} />
      <WithoutPlaintextSection keyId={keyId} />
    </div>
  );
}

const PHASE_WORDS: Record<Phase, string> = {
  'data-key': 'Asking KMS for a data key',
  encrypt: 'Encrypted',
  upload: 'Uploaded to S3',
  stored: 'Stored',
  'decrypt-key': 'Decrypting the data key',
  download: 'Read back and decrypted',
  verify: 'Hashed the original',
};

/**
 * The job's progress, one steady bar per stage that runs. Storing shows two bars, because the file is
 * encrypted a couple of parts ahead of the upload: "Encrypted" leads, "Uploaded to S3" follows, and
 * each only moves forward. Reading back shows the stage under way.
 */
function JobProgress({ job, sealing }: { job: JobState<unknown>; sealing: boolean }) {
  const bar = (phase: Phase) => {
    const p = job.progressBy[phase];
    return (
      <Progress key={phase} label={p ? `${PHASE_WORDS[phase]}: ${mib(p.done)} of ${mib(p.total)}` : `${PHASE_WORDS[phase]}: waiting`} value={p ? p.done / Math.max(1, p.total) : 0} />
    );
  };
  if (sealing) {
    if (!job.phases.includes('encrypt')) return <Progress label={job.phase ? PHASE_WORDS[job.phase] : 'Starting…'} />;
    return <div className="flex flex-col sm:flex-row sm:gap-6">{(['encrypt', 'upload'] as const).map(bar)}</div>;
  }
  const p = job.progress;
  if (!p) return <Progress label={job.phase ? PHASE_WORDS[job.phase] : 'Starting…'} />;
  return bar(p.phase);
}

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="grid gap-1 border-b border-line py-2 sm:grid-cols-[16rem_1fr]">
      <dt className="font-medium">{label}</dt>
      <dd className="min-w-0 break-words">{children}</dd>
    </div>
  );
}

function SealSummary({ r }: { r: SealResult }) {
  return (
    <dl className="mt-3 rounded-xl border border-line p-4" aria-label="What was stored">
      <Row label="Object">
        <code className="font-mono break-all">
          s3://{r.bucket}/{r.objectKey}
        </code>
      </Row>
      <Row label="Stored">
        {r.storedBytes.toLocaleString('en')} bytes for {r.plaintextBytes.toLocaleString('en')} of plaintext, in {r.parts} {r.parts === 1 ? 'PutObject' : 'multipart parts'}
      </Row>
      <Row label="Encrypted data key">{r.encryptedDataKeyBytes} bytes, wrapped by <code className="font-mono break-all">{r.keyArn}</code></Row>
      <Row label="Plaintext data key">
        {r.dataKeyZeroed ? 'Gone: its 32 bytes were zeroed as soon as WebCrypto had it. Only the encrypted copy is kept.' : 'Not zeroed (unexpected).'}
      </Row>
      <Row label="Where the envelope lives">
        {r.route === 'metadata'
          ? `In the object's S3 user metadata: ${r.metadataBytes.toLocaleString('en')} of the ${S3_USER_METADATA_LIMIT.toLocaleString('en')} bytes S3 allows.`
          : `In a manifest object (${r.manifestKey}): the encrypted key, header and context need ${r.metadataBytes.toLocaleString('en')} bytes, more than S3's ${S3_USER_METADATA_LIMIT.toLocaleString('en')}-byte metadata limit.`}
      </Row>
    </dl>
  );
}

/** What S3 itself said after the abort: the proof that nothing was left behind (and parts are not billed). */
function AfterAbortCheck({ a }: { a: AfterAbort }) {
  const gone = a.listParts === 'NoSuchUpload';
  const absent = a.headObject === 'NotFound';
  return (
    <p aria-label="Checked after the abort">
      Checked with S3 afterwards: ListParts on the upload ID answered <code className="font-mono">{a.listParts}</code>{' '}
      {gone ? '(the upload and its stored parts are gone)' : '(the upload is still open!)'}, and HeadObject answered{' '}
      <code className="font-mono">{a.headObject}</code> {absent ? '(no object under that key)' : '(an object exists!)'}.
    </p>
  );
}

function VerifySummary({ r }: { r: VerifyResult }) {
  return (
    <dl className="rounded-xl border border-line p-4" aria-label="Read back">
      <Row label="Data key">Decrypted by KMS with the key stored beside it ({r.keyArn}), used, then zeroed{r.dataKeyZeroed ? '' : ' (not zeroed!)'}.</Row>
      <Row label="Decrypted">{r.plaintextBytes.toLocaleString('en')} bytes; every chunk’s tag checked</Row>
      <Row label="SHA-256 read back">
        <code className="font-mono break-all">{r.sha256}</code>
      </Row>
      {r.originalSha256 && (
        <Row label="SHA-256 of the original">
          <code className="font-mono break-all">{r.originalSha256}</code> — <strong>{r.matches ? 'identical' : 'DIFFERENT'}</strong>
        </Row>
      )}
    </dl>
  );
}
