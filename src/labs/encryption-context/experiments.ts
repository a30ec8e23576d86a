import { DecryptCommand, EncryptCommand } from '@aws-sdk/client-kms';
import { fromUtf8, kmsExperiment, success, utf8 } from '../../study/experiment-kit';

// Experiments for the Encryption context questions: encrypt with one context, decrypt with a
// variant. Each creates its own key when the learner presses Run and schedules it for deletion
// (7 days) when it ends.

export const DECRYPTED = 'decrypted';

type Context = Record<string, string>;

/** Encrypts with `encryptWith`, then decrypts the blob with `decryptWith` (undefined: no context at all). */
export function contextRoundTrip(encryptWith: Context, decryptWith: Context | undefined) {
  return kmsExperiment(async (lab) => {
    const keyId = await lab.createKey();
    const { CiphertextBlob } = await lab.setup(() =>
      lab.kms.send(new EncryptCommand({ KeyId: keyId, Plaintext: utf8('tenant secret'), EncryptionContext: encryptWith })),
    );
    const { Plaintext } = await lab.kms.send(
      new DecryptCommand({ CiphertextBlob, KeyId: keyId, ...(decryptWith ? { EncryptionContext: decryptWith } : {}) }),
    );
    return success(fromUtf8(Plaintext) === 'tenant secret' ? DECRYPTED : 'decrypted to different bytes');
  });
}

export const ACME = { TenantId: 'Acme' };

export const keyCaseChanged = contextRoundTrip(ACME, { tenantId: 'Acme' });
export const valueCaseChanged = contextRoundTrip(ACME, { TenantId: 'acme' });
export const contextMissing = contextRoundTrip(ACME, undefined);
export const extraPair = contextRoundTrip(ACME, { TenantId: 'Acme', Purpose: 'billing' });
export const pairsReordered = contextRoundTrip(
  { TenantId: 'Acme', Purpose: 'billing' },
  { Purpose: 'billing', TenantId: 'Acme' },
);
/** The Lambda console helper's context, encrypted for one function and decrypted under another's name. */
export const lambdaOtherFunction = contextRoundTrip({ LambdaFunctionName: 'orders-api' }, { LambdaFunctionName: 'billing-api' });
