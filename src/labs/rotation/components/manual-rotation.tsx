import { useId, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { listAliasesQueryOptions, useCreateAlias } from '../../../api';
import { Button, ErrorExplainer } from '../../../components';
import { useConnection } from '../../../connection';
import { useRewrapAll, useRotateManually, type Rewrapped, type StoredCiphertext } from '../api/rotation-experiments';

interface Props {
  keyId: string;
  stored: StoredCiphertext[];
  onRewrapped: (rewrapped: Rewrapped[]) => void;
}

/** Manual rotation: new key, alias moved with UpdateAlias, stored ciphertexts re-wrapped with ReEncrypt. */
export function ManualRotation({ keyId, stored, onRewrapped }: Props) {
  const aliasId = useId();
  const conn = useConnection();
  const [alias, setAlias] = useState('alias/lab-rotation-demo');
  const aliases = useQuery(listAliasesQueryOptions(conn));
  const createAlias = useCreateAlias();
  const manual = useRotateManually();
  const rewrap = useRewrapAll();
  const target = aliases.data?.find((a) => a.AliasName === alias)?.TargetKeyId;

  return (
    <section aria-labelledby="manual-heading" className="space-y-3">
      <h2 id="manual-heading" className="text-lg font-semibold">
        Manual rotation
      </h2>
      <p className="text-sm">
        Needed where KMS cannot rotate the key itself (asymmetric and HMAC keys, multi-Region keys with imported material) or when a new key must
        replace the old one. It gives a <strong>new key ID and ARN</strong>, so code must refer to the key through an alias.
      </p>
      <div className="flex flex-wrap items-end gap-2">
        <div>
          <label htmlFor={aliasId} className="block text-sm font-medium">
            Alias the application uses
          </label>
          <input
            id={aliasId}
            value={alias}
            onChange={(e) => setAlias(e.target.value.trim())}
            className="mt-1 w-72 rounded-lg border border-line bg-surface p-2 font-mono text-sm"
          />
        </div>
        <Button
          busy={createAlias.isPending}
          disabled={!keyId || target !== undefined}
          onClick={() => createAlias.mutate({ AliasName: alias, TargetKeyId: keyId })}
        >
          1. Point the alias at this key
        </Button>
        <Button busy={manual.isPending} disabled={target === undefined} onClick={() => manual.mutate(alias)}>
          2. New key, move the alias (UpdateAlias)
        </Button>
        <Button
          busy={rewrap.isPending}
          disabled={!manual.data || stored.length === 0}
          onClick={() => rewrap.mutate({ stored, destination: alias }, { onSuccess: onRewrapped })}
        >
          3. Re-wrap stored ciphertexts (ReEncrypt)
        </Button>
      </div>
      <p className="text-sm" aria-live="polite">
        {target ? (
          <>
            <code>{alias}</code> → key <span className="font-mono text-xs">{target}</span>
            {target === keyId ? ' (the key above)' : ''}
          </>
        ) : (
          <>
            <code>{alias}</code> does not exist yet.
          </>
        )}
      </p>
      {createAlias.error && <ErrorExplainer error={createAlias.error} operation="CreateAlias" />}
      {manual.error && <ErrorExplainer error={manual.error} operation="UpdateAlias" />}
      {manual.data && (
        <p role="status" className="rounded-lg bg-warn-soft p-2 text-sm">
          New key <span className="font-mono text-xs">{manual.data.newKeyId}</span>: a different key ID and ARN. The alias now points to it; the old
          key must stay enabled until every old ciphertext is re-wrapped.
        </p>
      )}
      {rewrap.error && <ErrorExplainer error={rewrap.error} operation="ReEncrypt" />}
      {rewrap.data && (
        <p role="status" className="rounded-lg bg-ok-soft p-2 text-sm">
          Re-wrapped {rewrap.data.length} ciphertexts to <span className="font-mono text-xs">{rewrap.data[0]?.to}</span> without the plaintext leaving
          KMS. Decrypt all again: they now name the new key.
        </p>
      )}
    </section>
  );
}
