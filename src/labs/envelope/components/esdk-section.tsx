import { useState } from 'react';
import { Button, ErrorExplainer } from '../../../components';
import { useConnection } from '../../../connection';
import type { EsdkHeaderView, KmsCallCounter } from '../lib/esdk-side';

const LIMIT_MIB = 64;

interface Outcome {
  header: EsdkHeaderView;
  ciphertextBytes: number;
  plaintextBytes: number;
  roundTrip: boolean;
  counter: KmsCallCounter;
}

interface CachingOutcome {
  messages: number;
  withoutCache: number;
  withCache: number;
}

/** The same file through the AWS Encryption SDK for browsers: what a library does for you, and what it costs in KMS calls. */
export function EsdkSection({ file, keyArn, context }: { file?: File; keyArn: string; context: Record<string, string> }) {
  const conn = useConnection();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [outcome, setOutcome] = useState<Outcome>();
  const [caching, setCaching] = useState<CachingOutcome>();
  const tooBig = file !== undefined && file.size > LIMIT_MIB * 1048576;

  async function run() {
    if (!file || !keyArn) return;
    setBusy(true);
    setError(undefined);
    setOutcome(undefined);
    try {
      const [{ esdkSession }, kms] = await Promise.all([import('../lib/esdk-side'), conn.clients.kms()]);
      const s = esdkSession(kms, keyArn);
      const plain = new Uint8Array(await file.arrayBuffer());
      const { ciphertext, header } = await s.encrypt(plain, context);
      const back = await s.decrypt(ciphertext);
      const same = back.plaintext.length === plain.length && back.plaintext.every((b, i) => b === plain[i]);
      setOutcome({ header, ciphertextBytes: ciphertext.length, plaintextBytes: plain.length, roundTrip: same, counter: { ...s.counter } });
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  async function runCaching() {
    if (!keyArn) return;
    setBusy(true);
    setError(undefined);
    try {
      const [{ esdkSession }, kms] = await Promise.all([import('../lib/esdk-side'), conn.clients.kms()]);
      const plain = new TextEncoder().encode('one small record');
      const messages = 10;
      const without = esdkSession(kms, keyArn);
      const cached = esdkSession(kms, keyArn, { maxAgeMs: 5 * 60_000, maxMessages: 100 });
      for (let i = 0; i < messages; i++) await without.encrypt(plain, context);
      for (let i = 0; i < messages; i++) await cached.encrypt(plain, context);
      setCaching({ messages, withoutCache: without.counter.GenerateDataKey, withCache: cached.counter.GenerateDataKey });
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="esdk-title" className="space-y-3">
      <h3 id="esdk-title" className="text-lg font-semibold break-words">
        The same file through the AWS Encryption SDK
      </h3>
      <p>
        The Encryption SDK does the five steps for you and writes one self-describing message: a header with the algorithm suite, the
        encryption context and the encrypted data keys, then framed ciphertext, then a signature. Its keyring here calls the same KMS as
        the panel above. In the browser it has no streaming interface and keeps about three copies of the data in memory, so this
        side takes files up to {LIMIT_MIB} MiB; the chunked envelope above has no such limit.
      </p>
      <div className="flex flex-wrap gap-2">
        <Button onClick={run} busy={busy} disabled={!file || !keyArn || tooBig}>
          Encrypt the file with the Encryption SDK
        </Button>
        <Button onClick={runCaching} busy={busy} disabled={!keyArn}>
          Compare data key caching (10 messages)
        </Button>
      </div>
      {tooBig && <p className="text-sm text-warn">This file is over {LIMIT_MIB} MiB: the browser Encryption SDK would need several times its size in memory.</p>}
      {Boolean(error) && <ErrorExplainer error={error} operation="AWS Encryption SDK" />}
      {outcome && (
        <dl className="rounded-xl border border-line p-4 text-sm" aria-label="Encryption SDK message header">
          <div className="py-1">
            <dt className="font-medium">Algorithm suite</dt>
            <dd>
              0x{outcome.header.suiteId.toString(16).padStart(4, '0')} — {outcome.header.suiteName} (message format {outcome.header.messageFormat})
            </dd>
          </div>
          <div className="py-1">
            <dt className="font-medium">Encryption context in the header</dt>
            <dd className="break-all font-mono">{JSON.stringify(outcome.header.encryptionContext)}</dd>
          </div>
          <div className="py-1">
            <dt className="font-medium">Encrypted data keys</dt>
            <dd>
              {outcome.header.encryptedDataKeys.map((k) => (
                <span key={k.providerInfo} className="block break-all font-mono">
                  {k.providerId}: {k.providerInfo} ({k.bytes} bytes)
                </span>
              ))}
            </dd>
          </div>
          <div className="py-1">
            <dt className="font-medium">Frame length</dt>
            <dd>{outcome.header.frameLength.toLocaleString('en')} bytes</dd>
          </div>
          <div className="py-1">
            <dt className="font-medium">Sizes and calls</dt>
            <dd>
              {outcome.plaintextBytes.toLocaleString('en')} bytes became a {outcome.ciphertextBytes.toLocaleString('en')}-byte message; decrypted{' '}
              {outcome.roundTrip ? 'back to the same bytes' : 'to DIFFERENT bytes'}. KMS calls: GenerateDataKey {outcome.counter.GenerateDataKey}, Decrypt{' '}
              {outcome.counter.Decrypt}.
            </dd>
          </div>
        </dl>
      )}
      {caching && (
        <p className="rounded-xl border border-line p-4 text-sm" role="status">
          {caching.messages} messages: {caching.withoutCache} GenerateDataKey calls without caching, {caching.withCache} with the caching
          materials manager. Caching trades fewer KMS requests (cost, quota) for one data key protecting several messages.
        </p>
      )}
    </section>
  );
}
