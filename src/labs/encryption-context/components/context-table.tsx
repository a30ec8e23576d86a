import { Button, ErrorExplainer } from '../../../components';
import { useEncryptForTable, useRunVariants } from '../api/context-experiments';
import { OwnVariant } from './own-variant';
import { PAIR_CONTEXT, SINGLE_CONTEXT, VARIANTS, contextJson } from '../lib/variants';

interface Props {
  keyId: string;
}

export function ContextTable({ keyId }: Props) {
  const encrypt = useEncryptForTable();
  const decrypt = useRunVariants();
  const blobs = encrypt.data;
  const outcomes = decrypt.data;

  return (
    <section aria-labelledby="context-table-heading" className="space-y-3">
      <h2 id="context-table-heading" className="text-lg font-semibold">
        Encrypt with a context, then decrypt six ways
      </h2>
      <p className="text-sm">
        The encryption context is additional authenticated data: KMS binds it to the ciphertext but does not store it. Decrypt must send exactly the
        same map again. It is not secret — CloudTrail records it — which makes it useful for auditing which tenant's data was decrypted.
      </p>
      <div className="flex flex-wrap gap-2">
        <Button variant="primary" busy={encrypt.isPending} disabled={!keyId} onClick={() => { decrypt.reset(); encrypt.mutate(keyId); }}>
          Encrypt with {'{'}TenantId: "Acme"{'}'}
        </Button>
        <Button busy={decrypt.isPending} disabled={!blobs} onClick={() => blobs && decrypt.mutate(blobs)}>
          Run the six decrypts
        </Button>
      </div>
      {encrypt.error && <ErrorExplainer error={encrypt.error} operation="Encrypt" />}
      {blobs && (
        <p role="status" className="text-sm">
          Encrypted “Acme invoice 42” twice: with <code>{contextJson(SINGLE_CONTEXT)}</code> ({blobs.single.length} bytes) and, for the order row, with{' '}
          <code>{contextJson(PAIR_CONTEXT)}</code> ({blobs.pair.length} bytes).
        </p>
      )}
      <div className="relative overflow-x-auto">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">Decrypt variants and their outcomes</caption>
          <thead>
            <tr className="border-b border-line">
              <th scope="col" className="py-1 pr-3">Variant</th>
              <th scope="col" className="py-1 pr-3">Context sent to Decrypt</th>
              <th scope="col" className="py-1 pr-3">Why</th>
              <th scope="col" className="py-1">Outcome on this backend</th>
            </tr>
          </thead>
          <tbody>
            {VARIANTS.map((v, i) => {
              const o = outcomes?.[i];
              return (
                <tr key={v.id} className="border-b border-line align-top">
                  <th scope="row" className="py-2 pr-3 font-medium">{v.name}</th>
                  <td className="py-2 pr-3 font-mono text-xs">{contextJson(v.context)}</td>
                  <td className="py-2 pr-3">{v.rule}</td>
                  <td className="py-2">
                    {!o ? (
                      <span className="text-muted">{decrypt.isPending ? 'running…' : 'not run yet'}</span>
                    ) : o.ok ? (
                      <span className="font-semibold text-ok">Decrypted: “{o.plaintext}”</span>
                    ) : (
                      <details>
                        <summary className="cursor-pointer font-semibold text-danger">
                          Failed: {o.error?.name ?? 'error'}
                        </summary>
                        {o.error && <ErrorExplainer error={o.error} operation="Decrypt" expected />}
                      </details>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {decrypt.error && <ErrorExplainer error={decrypt.error} operation="Decrypt" />}
      <OwnVariant keyId={keyId} blob={blobs?.single} />
    </section>
  );
}
