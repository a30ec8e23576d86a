import { useState } from 'react';
import { Button, ErrorExplainer } from '../../../components';
import { useEncrypt } from '../../../api';

const DIRECT_BYTES = 4097;

/** Trap 1 with the learner's own file: kms:Encrypt takes at most 4,096 bytes of plaintext. */
export function DirectEncryptSection({ file, keyId }: { file?: File; keyId: string }) {
  const encrypt = useEncrypt();
  const [sent, setSent] = useState<number>();
  async function run() {
    if (!file || !keyId) return;
    // Only the first 4,097 bytes: sending the whole file would only make the SDK base64 gigabytes to get the same refusal.
    const head = new Uint8Array(await file.slice(0, DIRECT_BYTES).arrayBuffer());
    setSent(head.length);
    encrypt.mutate({ KeyId: keyId, Plaintext: head });
  }
  return (
    <section aria-labelledby="direct-title" className="space-y-3">
      <h3 id="direct-title" className="text-lg font-semibold break-words">
        Why not just call kms:Encrypt on the file?
      </h3>
      <p>
        This sends the file’s first {DIRECT_BYTES.toLocaleString('en')} bytes straight to KMS. KMS refuses any plaintext over 4,096 bytes, which is
        why large data is always encrypted with a data key.
      </p>
      <Button onClick={run} busy={encrypt.isPending} disabled={!file || !keyId || (file?.size ?? 0) < DIRECT_BYTES}>
        kms:Encrypt the first {DIRECT_BYTES.toLocaleString('en')} bytes
      </Button>
      {file && file.size < DIRECT_BYTES && <p className="text-sm text-muted">Pick a file of at least {DIRECT_BYTES.toLocaleString('en')} bytes.</p>}
      {encrypt.error && <ErrorExplainer error={encrypt.error} operation="Encrypt" expected />}
      {encrypt.data && <p role="status">KMS accepted {sent} bytes (unexpected: AWS refuses more than 4,096).</p>}
    </section>
  );
}
