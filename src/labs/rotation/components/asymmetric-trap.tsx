import { Button, ErrorExplainer } from '../../../components';
import { useCreateRsaKey, useEnableRotationOn } from '../api/rotation-experiments';

/** Trap 4, live: automatic rotation is for symmetric encryption keys only. */
export function AsymmetricTrap() {
  const create = useCreateRsaKey();
  const enable = useEnableRotationOn();
  const rsaKey = create.data;
  return (
    <section aria-labelledby="asym-heading" className="space-y-3">
      <h2 id="asym-heading" className="text-lg font-semibold">
        An asymmetric key refuses automatic rotation (trap 4)
      </h2>
      <p className="text-sm">
        Automatic rotation exists only for symmetric encryption keys with KMS-made material. On-demand rotation also covers a single-Region
        symmetric key with imported material, once new material has been imported (since mid-2025). RSA, ECC and HMAC keys are rotated manually:
        a new key and a moved alias.
      </p>
      <div className="flex flex-wrap gap-2">
        <Button busy={create.isPending} onClick={() => { enable.reset(); create.mutate(); }}>
          Create an RSA_2048 key
        </Button>
        <Button variant="danger" busy={enable.isPending} disabled={!rsaKey} onClick={() => rsaKey && enable.mutate(rsaKey)}>
          Try EnableKeyRotation on it
        </Button>
      </div>
      {create.error && <ErrorExplainer error={create.error} operation="CreateKey" />}
      {rsaKey && (
        <p className="text-sm">
          RSA key <span className="font-mono text-xs">{rsaKey}</span> created (RSA_2048, ENCRYPT_DECRYPT).
        </p>
      )}
      {enable.error && <ErrorExplainer error={enable.error} operation="EnableKeyRotation" expected />}
      {enable.isSuccess && (
        <p role="status" className="rounded-lg bg-warn-soft p-2 text-sm">
          This backend accepted it. Real AWS refuses with UnsupportedOperationException.
        </p>
      )}
    </section>
  );
}
