import { ServiceError } from '../protocol/service-error';

/** KMS's own error texts (kms-behavior.md §3, §4 and Appendix A). All client errors are HTTP 400. */
export const kmsErrors = {
  invalidKeyId: (raw: string) => new ServiceError('NotFoundException', `Invalid keyId '${raw}'`),
  keyDoesNotExist: (arn: string) => new ServiceError('NotFoundException', `Key '${arn}' does not exist`),
  invalidArnRegion: (region: string) => new ServiceError('NotFoundException', `Invalid arn ${region}`),
  aliasNotFound: (aliasArn: string) => new ServiceError('NotFoundException', `Alias ${aliasArn} is not found.`),
  disabled: (arn: string) => new ServiceError('DisabledException', `${arn} is disabled.`),
  pendingDeletion: (arn: string) => new ServiceError('KMSInvalidStateException', `${arn} is pending deletion.`),
  pendingImport: (arn: string) => new ServiceError('KMSInvalidStateException', `${arn} is pending import.`),
  notPendingDeletion: (arn: string) => new ServiceError('KMSInvalidStateException', `${arn} is not pending deletion.`),
  invalidState: (arn: string, what: string) => new ServiceError('KMSInvalidStateException', `${arn} is ${what}.`),
  keyUsage: (arn: string, usage: string, op: string) =>
    new ServiceError('InvalidKeyUsageException', `${arn} key usage is ${usage} which is not valid for ${op}.`),
  algorithmIncompatible: (alg: string, spec: string) =>
    new ServiceError('InvalidKeyUsageException', `Algorithm ${alg} is incompatible with key spec ${spec}.`),
  incorrectKey: () =>
    new ServiceError(
      'IncorrectKeyException',
      'The key ID in the request does not identify a CMK that can perform this operation.',
    ),
  invalidCiphertext: () => new ServiceError('InvalidCiphertextException'),
  invalidSignature: () => new ServiceError('KMSInvalidSignatureException'),
  invalidMac: () => new ServiceError('KMSInvalidMacException'),
  unsupported: (message?: string) => new ServiceError('UnsupportedOperationException', message),
  dryRun: () =>
    new ServiceError('DryRunOperationException', 'The request would have succeeded, but the DryRun option is set.'),
  /** Sandbox differs: AWS offers these key specs; the sandbox does not implement them and says so. */
  specNotInSandbox: (spec: string) =>
    new ServiceError(
      'UnsupportedOperationException',
      `KeySpec ${spec} is not available in the KMS Study Lab sandbox. Real AWS KMS supports it; use the aws backend to try it.`,
    ),
};
