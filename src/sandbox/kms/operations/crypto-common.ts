import { kmsErrors } from '../kms-errors';
import type { KeyMaterial, KmsKey } from '../kms-models';

export function keyResource(key: KmsKey) {
  return { ARN: key.arn, accountId: key.accountId, type: 'AWS::KMS::Key' };
}

/** The newest material version (the one new ciphertext and signatures use). */
export function currentMaterial(key: KmsKey): KeyMaterial {
  const m = key.materials[key.materials.length - 1];
  // PendingImport keys have no material; assertUsableForCrypto has refused them already.
  if (!m) throw kmsErrors.pendingImport(key.arn);
  return m;
}

/** DryRun is judged after validation, authorisation and the key checks, before any cryptography. */
export function dryRunIf(dryRun: boolean): void {
  if (dryRun) throw kmsErrors.dryRun();
}
