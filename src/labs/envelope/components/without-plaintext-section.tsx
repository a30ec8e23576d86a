import { useGenerateDataKeyWithoutPlaintext } from '../../../api';
import { Button, ErrorExplainer } from '../../../components';

/**
 * GenerateDataKeyWithoutPlaintext: a key for later. A producer that must not hold plaintext keys now
 * (it only files the encrypted key with a record) gets the encrypted copy alone; whoever encrypts
 * later calls Decrypt on it, and needs kms:Decrypt to do so.
 */
export function WithoutPlaintextSection({ keyId }: { keyId: string }) {
  const gen = useGenerateDataKeyWithoutPlaintext();
  return (
    <section aria-labelledby="wop-title" className="space-y-3">
      <h3 id="wop-title" className="text-lg font-semibold break-words">
        A data key for later: GenerateDataKeyWithoutPlaintext
      </h3>
      <p>
        A back-end that prepares keys for devices or batch jobs, and must never hold a plaintext key itself, asks for the encrypted copy
        only. The component that encrypts later sends it to kms:Decrypt, uses the plaintext, and discards it. The call returns no
        Plaintext member at all.
      </p>
      <Button onClick={() => gen.mutate({ KeyId: keyId, KeySpec: 'AES_256' })} busy={gen.isPending} disabled={!keyId}>
        GenerateDataKeyWithoutPlaintext
      </Button>
      {gen.error && <ErrorExplainer error={gen.error} operation="GenerateDataKeyWithoutPlaintext" />}
      {gen.data && (
        <p role="status" className="text-sm">
          Returned: {Object.keys(gen.data).filter((k) => k !== '$metadata').join(', ')} — an encrypted data key of {gen.data.CiphertextBlob?.length}{' '}
          bytes and no plaintext.
        </p>
      )}
    </section>
  );
}
