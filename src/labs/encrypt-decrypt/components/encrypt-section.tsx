import { useDeferredValue, useId, useState } from 'react';
import { Button, ErrorExplainer, ContextEditor, type ContextRow, KeySelect, type UsableKey } from '../../../components';
import { useEncrypt } from '../../../api';
import { contextFromRows, contextProblems, utf8, utf8Length, utf8Prefix } from '../../../lib/bytes';
import { BlobView } from './blob-view';
import { EnvelopeDiagram } from './envelope-diagram';

export interface Sealed {
  blob: Uint8Array;
  keyId: string;
  context?: Record<string, string>;
}

interface Props {
  keys: UsableKey[];
  keyId: string;
  /** The blob kept from before a reload, shown until the next Encrypt. */
  sealed?: Sealed;
  onKeyId: (keyId: string) => void;
  /** A new blob, or undefined when the latest Encrypt failed (the old blob no longer matches the inputs). */
  onSealed: (sealed: Sealed | undefined) => void;
}

const MAX_FILE = 64 * 1024;
/**
 * Text longer than this is held aside instead of shown in the text box: a browser lays a text box
 * out whole on every keystroke, which takes seconds at 6 MB. Far above Encrypt's 4,096 bytes, so
 * nothing a learner types by hand reaches it.
 */
const LARGE_TEXT = 256 * 1024;

export function EncryptSection({ keys, keyId, sealed, onKeyId, onSealed }: Props) {
  const ids = { text: useId(), file: useId() };
  const [mode, setMode] = useState<'text' | 'file'>('text');
  const [text, setText] = useState('My secret credit card number');
  const [file, setFile] = useState<{ name: string; bytes: Uint8Array<ArrayBuffer> }>();
  const [context, setContext] = useState<ContextRow[]>([{ key: 'purpose', value: 'lab' }]);
  const encrypt = useEncrypt();
  // The text is encoded only when Encrypt runs, and its size counted on a deferred copy: a 6 MB
  // paste stays responsive because no keystroke re-encodes it.
  const deferredText = useDeferredValue(text);
  const textBytes = utf8Length(deferredText);
  const hasPlaintext = mode === 'text' ? text !== '' : file !== undefined;
  const problems = contextProblems(context);
  const tooBig = encrypt.error?.name === 'ValidationException' && (encrypt.variables?.Plaintext?.length ?? 0) > 4096;

  function run() {
    const plaintext = mode === 'text' ? utf8.encode(text) : file?.bytes;
    if (!plaintext || !keyId || problems.length > 0) return;
    const EncryptionContext = contextFromRows(context);
    encrypt.mutate(
      { KeyId: keyId, Plaintext: plaintext, EncryptionContext },
      {
        onSuccess: (r) => r.CiphertextBlob && onSealed({ blob: r.CiphertextBlob, keyId, context: EncryptionContext }),
        onError: () => onSealed(undefined),
      },
    );
  }

  return (
    <section aria-labelledby="encrypt-heading" className="space-y-3">
      <h2 id="encrypt-heading" className="text-lg font-semibold">
        Encrypt
      </h2>
      <p className="text-sm">
        Encrypt sends the plaintext to KMS, which encrypts it under the KMS key and returns a ciphertext blob. KMS takes at most 4,096 bytes this way.
      </p>
      <div className="grid gap-3 *:min-w-0 lg:grid-cols-2">
        <div className="space-y-3">
          <KeySelect label="KMS key" keys={keys} value={keyId} onChange={onKeyId} />
          <fieldset className="flex gap-4 text-sm">
            <legend className="sr-only">Plaintext source</legend>
            <label className="inline-flex items-center gap-2">
              <input type="radio" name={`${ids.text}-mode`} checked={mode === 'text'} onChange={() => setMode('text')} />
              Text
            </label>
            <label className="inline-flex items-center gap-2">
              <input type="radio" name={`${ids.text}-mode`} checked={mode === 'file'} onChange={() => setMode('file')} />
              Small file
            </label>
          </fieldset>
          {mode === 'text' ? (
            <div>
              {text.length > LARGE_TEXT ? (
                <p className="block text-sm font-medium">Plaintext</p>
              ) : (
                <label htmlFor={ids.text} className="block text-sm font-medium">
                  Plaintext
                </label>
              )}
              {text.length > LARGE_TEXT ? (
                <div role="group" aria-label="Plaintext, held aside" className="mt-1 space-y-2 rounded-lg border border-line bg-surface p-2 text-sm">
                  <p>
                    Text this long is held aside rather than shown: a text box slows to seconds per keystroke at this size. Encrypt sends it as it
                    is.
                  </p>
                  <div className="flex flex-wrap gap-2">
                    <Button size="sm" onClick={() => setText(utf8Prefix(text, 4096))}>
                      Keep the first 4,096 bytes
                    </Button>
                    <Button size="sm" onClick={() => setText('')}>
                      Clear the text
                    </Button>
                  </div>
                </div>
              ) : (
                <textarea
                  id={ids.text}
                  rows={3}
                  value={text}
                  onChange={(e) => setText(e.target.value)}
                  onPaste={(e) => {
                    // A huge paste never enters the text box: held aside at once, it costs no layout.
                    const pasted = e.clipboardData.getData('text/plain');
                    if (text.length + pasted.length <= LARGE_TEXT) return;
                    e.preventDefault();
                    const el = e.currentTarget;
                    setText(text.slice(0, el.selectionStart) + pasted + text.slice(el.selectionEnd));
                  }}
                  className="mt-1 w-full rounded-lg border border-line bg-surface p-2 text-sm"
                />
              )}
              <p className={`text-sm ${textBytes > 4096 ? 'text-warn' : 'text-muted'}`} aria-live="polite">
                <span>{textBytes.toLocaleString('en-US')} bytes</span>
                {textBytes > 4096 ? <span> — more than the 4,096 Encrypt takes (try it: KMS will refuse)</span> : null}
              </p>
              <Button size="sm" onClick={() => setText('x'.repeat(4097))}>
                Fill with 4,097 bytes
              </Button>
            </div>
          ) : (
            <div>
              <label htmlFor={ids.file} className="block text-sm font-medium">
                File to encrypt
              </label>
              <input
                id={ids.file}
                type="file"
                className="mt-1 block text-sm"
                onChange={async (e) => {
                  const f = e.target.files?.[0];
                  if (!f) return setFile(undefined);
                  // Read at most a little more than KMS accepts: enough to show the limit, never a huge file.
                  const bytes = new Uint8Array(await f.slice(0, MAX_FILE).arrayBuffer());
                  setFile({ name: f.name, bytes });
                }}
              />
              {file && (
                <p className="text-xs">
                  {file.name}: {file.bytes.length.toLocaleString('en-US')} bytes{file.bytes.length === MAX_FILE ? ' (first 64 KiB)' : ''}
                </p>
              )}
            </div>
          )}
          <ContextEditor legend="Encryption context (optional)" rows={context} onChange={setContext} />
          <Button variant="primary" busy={encrypt.isPending} disabled={!hasPlaintext || !keyId || problems.length > 0} onClick={run}>
            Encrypt
          </Button>
        </div>
        <div className="space-y-3">
          {/* With Trap 1's box below, the error box keeps to what AWS said: the advice is given once. */}
          {encrypt.error && <ErrorExplainer error={encrypt.error} operation="Encrypt" brief={tooBig} />}
          {tooBig && (
            <div role="note" className="space-y-2 rounded-md border border-warn bg-warn-soft p-3 text-sm">
              <p className="font-semibold">Trap 1: KMS Encrypt takes at most 4 KB.</p>
              <p>
                For anything larger, use envelope encryption: ask KMS for a data key (GenerateDataKey), encrypt the data locally with it, and store the
                encrypted data key beside the data. Try it in “Data keys” below.
              </p>
              <EnvelopeDiagram active={0} />
            </div>
          )}
          {encrypt.data?.CiphertextBlob && (
            <div role="status" className="space-y-2">
              <p className="text-sm">
                Encrypted {encrypt.variables?.Plaintext?.length ?? 0} bytes under <span className="break-all font-mono text-xs">{encrypt.data.KeyId}</span>{' '}
                ({encrypt.data.EncryptionAlgorithm}). Encrypt again: the blob changes every time (random nonce).
              </p>
              <BlobView blob={encrypt.data.CiphertextBlob} title="Ciphertext blob" />
            </div>
          )}
          {!encrypt.data && !encrypt.error && sealed && (
            <div className="space-y-2">
              <p className="text-sm">
                Kept from before the reload: the last ciphertext blob, under <span className="break-all font-mono">{sealed.keyId}</span> (the
                plaintext was never stored).
              </p>
              <BlobView blob={sealed.blob} title="Ciphertext blob" />
            </div>
          )}
        </div>
      </div>
    </section>
  );
}
