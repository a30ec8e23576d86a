/**
 * Errors are named AWS errors, thrown anywhere, serialised once (request-handler.ts).
 * `message` is undefined where AWS sends no message at all (InvalidCiphertextException,
 * KMSInvalidSignatureException, ...): the serializer then omits the member, as AWS does.
 */
export class ServiceError extends Error {
  readonly code: string;
  readonly status: number;
  readonly awsMessage: string | undefined;
  /** 'Sender' for client faults, 'Receiver' for server faults (STS/S3 XML bodies use it). */
  readonly fault: 'Sender' | 'Receiver';
  /** Extra members some protocols put in the error body (S3's BucketName, Key, ...). */
  readonly extra: Record<string, string> | undefined;

  constructor(code: string, message?: string, status = 400, extra?: Record<string, string>) {
    super(message ?? code);
    this.name = code;
    this.code = code;
    this.status = status;
    this.awsMessage = message;
    this.fault = status >= 500 ? 'Receiver' : 'Sender';
    this.extra = extra;
  }
}

export const isServiceError = (e: unknown): e is ServiceError => e instanceof ServiceError;

/** `1 validation error detected: ...` — AWS's framework validation grammar (kms-behavior.md §3). */
export function validationError(message?: string): ServiceError {
  return new ServiceError('ValidationException', message);
}

/** Sandbox differs: AWS has more operations than the sandbox; the missing ones say so, never succeed silently. */
export function notImplemented(service: string, operation: string): ServiceError {
  return new ServiceError(
    'NotImplementedException',
    `The KMS Study Lab sandbox does not implement ${service} ${operation}. Use the aws or endpoint backend for it.`,
    501,
  );
}
