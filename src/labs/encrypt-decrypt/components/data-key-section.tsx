import { useEffect, useId, useRef, useState } from 'react';
import { Button, ErrorExplainer } from '../../../components';
import { useDecrypt } from '../../../api';
import { useGenerateDataKey } from '../api/generate-data-key';
import { useGenerateDataKeyWithoutPlaintext } from '../../../api/generate-data-key-without-plaintext';
import { toHex, utf8 } from '../../../lib/bytes';
import { decryptLocally, encryptLocally, type LocalCiphertext } from '../lib/envelope';
import { BlobView } from './blob-view';
import { EnvelopeDiagram } from './envelope-diagram';

interface Props {
  keyId: string;
}

interface Envelope {
  encryptedKey: Uint8Array;
  /** The KMS key that wrapped the data key: Decrypt must name this one, whatever the selector says now. */
  wrappingKeyId: string;
  local: LocalCiphertext;
}

const SAMPLE = 'Quarterly report. '.repeat(400);

export function DataKeySection({ keyId }: Props) {
  const dataId = useId();
  const generate = useGenerateDataKey();
  const generateWithout = useGenerateDataKeyWithoutPlaintext();
  const decryptKey = useDecrypt();
  const [data, setData] = useState(SAMPLE);
  const [discarded, setDiscarded] = useState(false);
  const [envelope, setEnvelope] = useState<Envelope>();
  const [opened, setOpened] = useState<string>();
  const [localError, setLocalError] = useState<string>();
  const [step, setStep] = useState<number>();
  const plaintextKey = generate.data?.Plaintext;
  // Whatever happens (a new key, leaving the page), the previous plaintext key is zeroed.
  const liveKey = useRef<Uint8Array | undefined>(undefined);
  useEffect(() => {
    if (liveKey.current && liveKey.current !== plaintextKey) liveKey.current.fill(0);
    liveKey.current = plaintextKey;
  }, [plaintextKey]);
  useEffect(
    () => () => {
      liveKey.current?.fill(0);
    },
    [],
  );

  function discard() {
    // Zero the only copy of the plaintext data key; the display then shows the zeros.
    plaintextKey?.fill(0);
    setDiscarded(true);
    setStep(2);
  }

  async function sealLocally() {
    if (!plaintextKey || !generate.data?.CiphertextBlob) return;
    setLocalError(undefined);
    try {
      const local = await encryptLocally(plaintextKey, utf8.encode(data));
      setEnvelope({ encryptedKey: generate.data.CiphertextBlob, wrappingKeyId: generate.variables?.KeyId ?? generate.data.KeyId ?? keyId, local });
      setStep(1);
    } catch (e) {
      setLocalError(e instanceof Error ? e.message : String(e));
    } finally {
      discard();
      setStep(3);
    }
  }

  async function open() {
    if (!envelope) return;
    setOpened(undefined);
    setLocalError(undefined);
    const result = await decryptKey.mutateAsync({ CiphertextBlob: envelope.encryptedKey, KeyId: envelope.wrappingKeyId }).catch(() => undefined);
    const key = result?.Plaintext;
    if (!key) return;
    try {
      setOpened(utf8.decode(await decryptLocally(key, envelope.local)));
    } catch (e) {
      setLocalError(e instanceof Error ? e.message : String(e));
    } finally {
      key.fill(0);
    }
  }

  return (
    <section aria-labelledby="data-keys-heading" className="space-y-3">
      <h2 id="data-keys-heading" className="text-lg font-semibold">
        Data keys (envelope encryption)
      </h2>
      <EnvelopeDiagram active={step} />
      <div className="grid gap-3 *:min-w-0 lg:grid-cols-2">
        <div className="space-y-3">
          <div className="flex flex-wrap gap-2">
            <Button
              variant="primary"
              busy={generate.isPending}
              disabled={!keyId}
              onClick={() => {
                setDiscarded(false);
                setEnvelope(undefined);
                setOpened(undefined);
                setStep(0);
                generate.mutate({ KeyId: keyId, KeySpec: 'AES_256' });
              }}
            >
              GenerateDataKey
            </Button>
            <Button busy={generateWithout.isPending} disabled={!keyId} onClick={() => generateWithout.mutate({ KeyId: keyId, KeySpec: 'AES_256' })}>
              GenerateDataKeyWithoutPlaintext
            </Button>
          </div>
          {generate.error && <ErrorExplainer error={generate.error} operation="GenerateDataKey" />}
          {plaintextKey && (
            <div className="space-y-2">
              <h3 className="text-sm font-semibold">Plaintext data key (32 bytes)</h3>
              <p
                aria-label={discarded ? 'Plaintext data key, discarded' : 'Plaintext data key'}
                className={`break-all rounded-md p-2 font-mono text-xs ${discarded ? 'bg-surface-2 text-muted line-through' : 'bg-warn-soft'}`}
              >
                {toHex(plaintextKey)}
              </p>
              <p role="status" className="text-sm">
                {discarded
                  ? 'Discarded: the buffer was overwritten with zeros. Only the encrypted data key remains.'
                  : 'Shown once. Use it to encrypt, then discard it; never store or log it.'}
              </p>
              {!discarded && (
                <>
                  <label htmlFor={dataId} className="block text-sm font-medium">
                    Data to encrypt locally ({utf8.encode(data).length.toLocaleString('en-US')} bytes — more than Encrypt accepts)
                  </label>
                  <textarea
                    id={dataId}
                    rows={3}
                    value={data}
                    onChange={(e) => setData(e.target.value)}
                    className="w-full rounded-lg border border-line bg-surface p-2 text-xs"
                  />
                  <div className="flex flex-wrap gap-2">
                    <Button variant="primary" onClick={() => void sealLocally()}>
                      Encrypt locally, then discard the key
                    </Button>
                    <Button onClick={discard}>Discard the key</Button>
                  </div>
                </>
              )}
              {localError && <p className="text-sm text-danger">{localError}</p>}
            </div>
          )}
        </div>
        <div className="space-y-3">
          {generate.data?.CiphertextBlob && <BlobView blob={generate.data.CiphertextBlob} title="Encrypted data key" />}
          {envelope && (
            <div className="space-y-2 rounded-md border border-line p-3">
              <h3 className="text-sm font-semibold">Stored together</h3>
              <ul className="text-sm">
                <li>encrypted data: {envelope.local.data.length.toLocaleString('en-US')} bytes (AES-256-GCM, 12-byte IV, 16-byte tag)</li>
                <li>encrypted data key: {envelope.encryptedKey.length} bytes</li>
                <li>
                  wrapped under: <span className="break-all font-mono">{envelope.wrappingKeyId}</span>
                </li>
              </ul>
              {envelope.wrappingKeyId !== keyId && (
                <p className="text-sm">
                  The key selector above now shows another key; Decrypt still names the key that wrapped this data key, as your code must (store its
                  ARN beside the data).
                </p>
              )}
              <Button busy={decryptKey.isPending} onClick={() => void open()}>
                Decrypt the data key, then the data
              </Button>
              {decryptKey.error && <ErrorExplainer error={decryptKey.error} operation="Decrypt" />}
              {opened !== undefined && (
                <p role="status" className="rounded-md bg-ok-soft p-2 text-sm">
                  Opened {utf8.encode(opened).length.toLocaleString('en-US')} bytes: “{opened.slice(0, 60)}…”. The data key was zeroed again.
                </p>
              )}
            </div>
          )}
          {generateWithout.error && <ErrorExplainer error={generateWithout.error} operation="GenerateDataKeyWithoutPlaintext" />}
          {generateWithout.data?.CiphertextBlob && (
            <div className="space-y-2">
              <p className="text-sm">
                No plaintext came back: only the encrypted data key. Use this when the component that stores it is not the one that encrypts: the
                encrypting component later calls Decrypt to get the key.
              </p>
              <BlobView blob={generateWithout.data.CiphertextBlob} title="Encrypted data key (without plaintext)" />
            </div>
          )}
        </div>
      </div>
    </section>
  );
}
