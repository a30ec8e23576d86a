import { useState } from 'react';
import { Button, ErrorExplainer, ContextEditor, type ContextRow } from '../../../components';
import { useDecrypt } from '../../../api';
import { contextFromRows, contextProblems, utf8 } from '../../../lib/bytes';
import { contextJson } from '../lib/variants';

interface Props {
  keyId: string;
  blob?: Uint8Array;
}

/** A decrypt with a context the learner writes, against the {TenantId: "Acme"} ciphertext. */
export function OwnVariant({ keyId, blob }: Props) {
  const [rows, setRows] = useState<ContextRow[]>([{ key: 'TenantId', value: 'Acme' }]);
  const decrypt = useDecrypt();
  const context = contextFromRows(rows);
  return (
    <div className="space-y-2 rounded-lg border border-line p-3">
      <h3 className="font-semibold">Your own variant</h3>
      <p className="text-sm">Predict, then decrypt the {'{'}TenantId: "Acme"{'}'} ciphertext with a context you write.</p>
      <ContextEditor legend="Context sent to Decrypt" rows={rows} onChange={setRows} />
      <Button
        busy={decrypt.isPending}
        disabled={!blob || contextProblems(rows).length > 0}
        onClick={() => blob && contextProblems(rows).length === 0 && decrypt.mutate({ KeyId: keyId, CiphertextBlob: blob, EncryptionContext: context })}
      >
        Decrypt with {contextJson(context)}
      </Button>
      {!blob && <p className="text-sm text-muted">Encrypt first (button above).</p>}
      {decrypt.error && <ErrorExplainer error={decrypt.error} operation="Decrypt" expected />}
      {decrypt.data?.Plaintext && (
        <p role="status" className="rounded-lg bg-ok-soft p-2 text-sm">
          Decrypted: “{utf8.decode(decrypt.data.Plaintext)}” with {contextJson(decrypt.variables?.EncryptionContext)}.
        </p>
      )}
    </div>
  );
}
