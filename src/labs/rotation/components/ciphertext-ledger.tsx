import { Button, ErrorExplainer } from '../../../components';
import type { DecryptOutcome, StoredCiphertext } from '../api/rotation-experiments';
import { shortId } from './rotation-history';

interface Props {
  stored: StoredCiphertext[];
  outcomes?: DecryptOutcome[];
  onEncrypt: () => void;
  encrypting: boolean;
  onDecryptAll: () => void;
  decrypting: boolean;
  encryptError: Error | null;
  canEncrypt: boolean;
}

/** Ciphertexts made at each step, and whether each still decrypts. */
export function CiphertextLedger({ stored, outcomes, onEncrypt, encrypting, onDecryptAll, decrypting, encryptError, canEncrypt }: Props) {
  const outcomeOf = (id: number) => outcomes?.find((o) => o.id === id);
  const allOk = outcomes !== undefined && outcomes.length === stored.length && outcomes.every((o) => o.ok);
  return (
    <section aria-labelledby="ledger-heading" className="space-y-2">
      <h3 id="ledger-heading" className="font-semibold">
        Ciphertexts made along the way
      </h3>
      <div className="flex flex-wrap gap-2">
        <Button busy={encrypting} disabled={!canEncrypt} onClick={onEncrypt}>
          Encrypt a sample now
        </Button>
        <Button variant="primary" busy={decrypting} disabled={stored.length === 0} onClick={onDecryptAll}>
          Decrypt all
        </Button>
      </div>
      {encryptError && <ErrorExplainer error={encryptError} operation="Encrypt" />}
      {stored.length === 0 ? (
        <p className="text-sm">Encrypt a sample before rotating; each rotation below adds another.</p>
      ) : (
        <div className="relative overflow-x-auto">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Stored ciphertexts and their decrypt outcomes</caption>
            <thead>
              <tr className="border-b border-line">
                <th scope="col" className="py-1 pr-3">Sample</th>
                <th scope="col" className="py-1 pr-3">Made</th>
                <th scope="col" className="py-1 pr-3">Key material at the time</th>
                <th scope="col" className="py-1">Decrypt</th>
              </tr>
            </thead>
            <tbody>
              {stored.map((c) => {
                const o = outcomeOf(c.id);
                return (
                  <tr key={c.id} className="border-b border-line align-top">
                    <th scope="row" className="py-1 pr-3 font-medium">#{c.id}</th>
                    <td className="py-1 pr-3">{c.label}</td>
                    <td className="py-1 pr-3 font-mono text-xs">{shortId(c.madeWith)}</td>
                    <td className="py-1">
                      {!o ? (
                        <span className="text-muted">{decrypting ? 'decrypting…' : '—'}</span>
                      ) : o.ok ? (
                        <span className="text-ok">
                          Decrypted “{o.text}”{o.keyMaterialId ? ` with material ${shortId(o.keyMaterialId)}` : ''}
                        </span>
                      ) : (
                        <details>
                          <summary className="cursor-pointer text-danger">Failed: {o.error?.name}</summary>
                          <ErrorExplainer error={o.error} operation="Decrypt" />
                        </details>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {allOk && (
        <p role="status" className="rounded-lg bg-ok-soft p-2 text-sm">
          All {stored.length} ciphertexts decrypt: KMS keeps every earlier key material version and picks the right one from the blob.
        </p>
      )}
    </section>
  );
}
