import { ServiceError } from '../../protocol/service-error';

/**
 * Sandbox differs: AWS accepts a Nitro Enclaves attestation document (Recipient) and answers with
 * CiphertextForRecipient instead of the plaintext. The sandbox has no enclaves and says so rather
 * than silently returning plaintext.
 */
export function noRecipient(recipient: unknown): void {
  if (recipient !== undefined && recipient !== null) {
    throw new ServiceError(
      'UnsupportedOperationException',
      'Recipient (a Nitro Enclaves attestation document) is not available in the KMS Study Lab sandbox.',
    );
  }
}
