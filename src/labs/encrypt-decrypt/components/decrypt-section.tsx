import { useEffect, useMemo, useState } from 'react';
import { Button, ErrorExplainer, KeySelect, type UsableKey } from '../../../components';
import { useDecrypt, useReEncrypt } from '../../../api';
import { isUtf8, toHex, utf8 } from '../../../lib/bytes';
import { BlobView } from './blob-view';
import type { Sealed } from './encrypt-section';

interface Props {
  keys: UsableKey[];
  sealed?: Sealed;
}

interface OutcomeProps {
  title: string;
  plaintext?: Uint8Array;
  keyId?: string;
  error: Error | null;
  expected?: boolean;
}

/** A download link for bytes that are not text (a file's plaintext), revoked when it goes away. */
function useDownloadUrl(bytes: Uint8Array | undefined): string | undefined {
  const url = useMemo(() => (bytes ? URL.createObjectURL(new Blob([bytes.slice()], { type: 'application/octet-stream' })) : undefined), [bytes]);
  useEffect(() => () => (url ? URL.revokeObjectURL(url) : undefined), [url]);
  return url;
}

function Outcome({ title, plaintext, keyId, error, expected }: OutcomeProps) {
  const text = useMemo(() => (plaintext && isUtf8(plaintext) ? true : false), [plaintext]);
  const download = useDownloadUrl(plaintext && !text ? plaintext : undefined);
  if (error) return <ErrorExplainer error={error} operation="Decrypt" expected={expected} />;
  if (!plaintext) return null;
  if (!text) {
    // Not UTF-8: decoding would print replacement characters, so show the bytes themselves.
    return (
      <div role="status" className="space-y-1 rounded-md bg-ok-soft p-2 text-sm">
        <p>
          {title}: {plaintext.length.toLocaleString('en-US')} bytes that are not UTF-8 text — decrypted by{' '}
          <span className="break-all font-mono">{keyId}</span>
        </p>
        <p aria-label={`${title}: plaintext as hex`} className="break-all font-mono">
          {toHex(plaintext.subarray(0, 64))}
          {plaintext.length > 64 ? ' …' : ''}
        </p>
        {download && (
          <a className="underline" href={download} download="decrypted.bin">
            Download the {plaintext.length.toLocaleString('en-US')} bytes
          </a>
        )}
      </div>
    );
  }
  return (
    <p role="status" className="rounded-md bg-ok-soft p-2 text-sm">
      {title}: “<span className="break-all font-mono">{utf8.decode(plaintext.subarray(0, 200))}</span>
      {plaintext.length > 200 ? '…' : ''}” — decrypted by <span className="break-all font-mono">{keyId}</span>
    </p>
  );
}

export function DecryptSection({ keys, sealed }: Props) {
  const withoutKeyId = useDecrypt();
  const withKeyId = useDecrypt();
  const wrongKey = useDecrypt();
  const reEncrypt = useReEncrypt();
  const others = keys.filter((k) => k.keyId !== sealed?.keyId);
  const [otherKey, setOtherKey] = useState('');
  const [destination, setDestination] = useState('');
  const other = others.some((k) => k.keyId === otherKey) ? otherKey : (others[0]?.keyId ?? '');
  const dest = others.some((k) => k.keyId === destination) ? destination : (others[0]?.keyId ?? '');

  if (!sealed) {
    return (
      <section aria-labelledby="decrypt-heading" className="space-y-2">
        <h2 id="decrypt-heading" className="text-lg font-semibold">
          Decrypt and ReEncrypt
        </h2>
        <p className="text-sm">Encrypt something first; its ciphertext blob appears here. A failed Encrypt clears what came from the earlier one.</p>
      </section>
    );
  }
  const base = { CiphertextBlob: sealed.blob, EncryptionContext: sealed.context };
  return (
    <section aria-labelledby="decrypt-heading" className="space-y-3">
      <h2 id="decrypt-heading" className="text-lg font-semibold">
        Decrypt and ReEncrypt
      </h2>
      <p className="text-sm">
        A symmetric blob names its key, so Decrypt works without a KeyId. Passing the KeyId anyway is best practice: KMS then refuses a blob made
        under any other key.
      </p>
      <div className="grid gap-3 *:min-w-0 md:grid-cols-3">
        <div className="space-y-2">
          <Button busy={withoutKeyId.isPending} onClick={() => withoutKeyId.mutate(base)}>
            Decrypt without KeyId
          </Button>
          <Outcome title="Without KeyId" plaintext={withoutKeyId.data?.Plaintext} keyId={withoutKeyId.data?.KeyId} error={withoutKeyId.error} />
        </div>
        <div className="space-y-2">
          <Button busy={withKeyId.isPending} onClick={() => withKeyId.mutate({ ...base, KeyId: sealed.keyId })}>
            Decrypt with its KeyId
          </Button>
          <Outcome title="With KeyId" plaintext={withKeyId.data?.Plaintext} keyId={withKeyId.data?.KeyId} error={withKeyId.error} />
        </div>
        <div className="space-y-2">
          <KeySelect label="Another key" keys={others} value={other} onChange={setOtherKey} />
          <Button variant="danger" busy={wrongKey.isPending} disabled={!other} onClick={() => wrongKey.mutate({ ...base, KeyId: other })}>
            Decrypt with the wrong key
          </Button>
          <Outcome title="With another key" plaintext={wrongKey.data?.Plaintext} keyId={wrongKey.data?.KeyId} error={wrongKey.error} expected />
        </div>
      </div>
      <div className="space-y-2 border-t border-line pt-3">
        <h3 className="font-semibold">ReEncrypt to another key</h3>
        <p className="text-sm">KMS decrypts and re-encrypts inside the service: the plaintext never reaches your code.</p>
        <div className="flex flex-wrap items-end gap-2">
          <KeySelect label="Destination key" keys={others} value={dest} onChange={setDestination} />
          <Button
            busy={reEncrypt.isPending}
            disabled={!dest}
            onClick={() =>
              reEncrypt.mutate({
                CiphertextBlob: sealed.blob,
                SourceKeyId: sealed.keyId,
                SourceEncryptionContext: sealed.context,
                DestinationKeyId: dest,
                DestinationEncryptionContext: sealed.context,
              })
            }
          >
            ReEncrypt
          </Button>
        </div>
        {reEncrypt.error && <ErrorExplainer error={reEncrypt.error} operation="ReEncrypt" />}
        {reEncrypt.data?.CiphertextBlob && (
          <div role="status" className="space-y-2">
            <p className="text-sm">
              From <span className="break-all font-mono text-xs">{reEncrypt.data.SourceKeyId}</span> to{' '}
              <span className="break-all font-mono text-xs">{reEncrypt.data.KeyId}</span>.
            </p>
            <BlobView blob={reEncrypt.data.CiphertextBlob} title="Re-encrypted blob" />
          </div>
        )}
      </div>
    </section>
  );
}
