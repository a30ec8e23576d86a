import type { RequestContext } from '../shared/context';
import type { KeyMaterial, KeySpec } from './kms-models';

/**
 * Generates new key material for a key spec (AES-256 for SYMMETRIC_DEFAULT, RSA/EC key pairs
 * as DER PKCS#8 + SPKI, HMAC secrets). Owned by the KMS cryptography work; the signature is a contract.
 */
export async function generateKeyMaterial(
  spec: KeySpec,
  ctx: Pick<RequestContext, 'randomBytes' | 'subtle' | 'now'>,
): Promise<KeyMaterial> {
  void spec;
  void ctx;
  throw new Error('generateKeyMaterial: not implemented yet');
}
