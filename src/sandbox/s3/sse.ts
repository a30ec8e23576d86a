/**
 * Which server-side encryption a write gets: one pure function of the request's SSE members, the
 * bucket's default rule, its SSE-C block and the transport (STYLE.md habit 4). AWS's wording and
 * order of checks are in s3-cognito-behavior.md §1.5–1.7.
 */
import { ServiceError } from '../protocol/service-error';
import { fromBase64, fromUtf8, toBase64 } from '../shared/bytes';
import { md5 } from './md5';
import type { BucketEncryptionRule, SseMode } from './s3-models';

export const S3_MANAGED_KMS_ALIAS = 'alias/aws/s3';

export interface SseRequest {
  ServerSideEncryption?: string;
  SSEKMSKeyId?: string;
  SSEKMSEncryptionContext?: string;
  BucketKeyEnabled?: boolean;
  SSECustomerAlgorithm?: string;
  SSECustomerKey?: string;
  SSECustomerKeyMD5?: string;
}

export interface SseDecision {
  mode: SseMode;
  /** As the request or the bucket rule named it (alias, id or ARN); alias/aws/s3 when none. */
  kmsKeyId?: string;
  bucketKey: boolean;
  userContext?: Record<string, string>;
  /** SSE-C: the raw 32-byte key and the MD5 to echo. */
  customerKey?: Uint8Array;
  customerKeyMd5?: string;
}

const invalidArgument = (message: string, name?: string, value?: string) => {
  const extra: Record<string, string> = {};
  if (name !== undefined) extra['ArgumentName'] = name;
  if (value !== undefined) extra['ArgumentValue'] = value;
  return new ServiceError('InvalidArgument', message, 400, extra);
};

export const SSE_C_OVER_HTTP =
  'Requests specifying Server Side Encryption with Customer provided keys must be made over a secure connection.';
export const SSE_C_BLOCKED =
  'This bucket has blocked upload requests that specify Server Side Encryption with Customer provided keys (SSE-C). Please specify a different server-side encryption type';

export interface CustomerKey {
  key: Uint8Array;
  md5: string;
}

/**
 * The SSE-C trio of a request (PutObject, GetObject, HeadObject, UploadPart, copy source), checked
 * in AWS's order; undefined when none of the three is present.
 */
export function checkCustomerKey(
  r: { algorithm?: string; key?: string; keyMd5?: string },
  opts: { secure: boolean; withSse?: string; onRead?: boolean },
): CustomerKey | undefined {
  if (r.algorithm === undefined && r.key === undefined && r.keyMd5 === undefined) return undefined;
  if (opts.withSse !== undefined) {
    throw invalidArgument(
      'Server Side Encryption with Customer provided key is incompatible with the encryption method specified',
      'x-amz-server-side-encryption',
      opts.withSse,
    );
  }
  // Sandbox differs: AWS's code for SSE-C over plain HTTP was not captured; the message is the one S3-compatible services send.
  if (!opts.secure) throw new ServiceError('InvalidRequest', SSE_C_OVER_HTTP, 400);
  if (r.algorithm === undefined) {
    throw invalidArgument(
      'Requests specifying Server Side Encryption with Customer provided keys must provide a valid encryption algorithm.',
      'x-amz-server-side-encryption',
    );
  }
  if (r.algorithm !== 'AES256') {
    throw new ServiceError('InvalidEncryptionAlgorithmError', 'The Encryption request you specified is not valid. Supported value: AES256.', 400, {
      ArgumentName: 'x-amz-server-side-encryption',
      ArgumentValue: r.algorithm,
    });
  }
  if (r.key === undefined || r.key === '') {
    throw invalidArgument(
      'Requests specifying Server Side Encryption with Customer provided keys must provide an appropriate secret key.',
      'x-amz-server-side-encryption',
    );
  }
  const key = fromBase64(r.key);
  if (r.keyMd5 === undefined) {
    throw invalidArgument(
      'Requests specifying Server Side Encryption with Customer provided keys must provide the client calculated MD5 of the secret key.',
      'x-amz-server-side-encryption',
    );
  }
  const actualMd5 = key ? toBase64(md5(key)) : '';
  if (!key || actualMd5 !== r.keyMd5) {
    throw invalidArgument('The calculated MD5 hash of the key did not match the hash that was provided.', 'x-amz-server-side-encryption');
  }
  if (key.length !== 32) {
    // On reads AWS compares the key with the object's before the length (a 403 instead); the caller does that.
    if (opts.onRead) return { key, md5: actualMd5 };
    throw invalidArgument('The secret key was invalid for the specified algorithm.', 'x-amz-server-side-encryption');
  }
  return { key, md5: actualMd5 };
}

const CONTEXT_MESSAGE =
  "The header 'x-amz-server-side-encryption-context' shall be Base64-encoded UTF-8 string holding JSON which represents a string-string map";

export function parseUserContext(raw: string | undefined): Record<string, string> | undefined {
  if (raw === undefined) return undefined;
  const bytes = fromBase64(raw);
  let parsed: unknown;
  try {
    parsed = bytes ? JSON.parse(fromUtf8(bytes)) : undefined;
  } catch {
    parsed = undefined;
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed) || !Object.values(parsed).every((v) => typeof v === 'string')) {
    // Sandbox differs: AWS's error code here was not captured; the message is AWS's.
    throw invalidArgument(CONTEXT_MESSAGE, 'x-amz-server-side-encryption-context');
  }
  return parsed as Record<string, string>;
}

const MODES = new Set(['AES256', 'aws:kms', 'aws:kms:dsse']);

/** Decides the encryption of a write (PutObject, CopyObject's target, CreateMultipartUpload). */
export function decideEncryption(
  req: SseRequest,
  bucket: { rule?: BucketEncryptionRule; blockSseC: boolean },
  transport: { secure: boolean },
): SseDecision {
  const sse = req.ServerSideEncryption;
  const customer = checkCustomerKey(
    { algorithm: req.SSECustomerAlgorithm, key: req.SSECustomerKey, keyMd5: req.SSECustomerKeyMD5 },
    { secure: transport.secure, withSse: sse },
  );
  if (customer) {
    if (bucket.blockSseC) throw new ServiceError('AccessDenied', SSE_C_BLOCKED, 403);
    return { mode: 'SSE-C', bucketKey: false, customerKey: customer.key, customerKeyMd5: customer.md5 };
  }
  if (sse !== undefined && !MODES.has(sse)) {
    throw invalidArgument('The encryption method specified is not supported', 'x-amz-server-side-encryption', sse);
  }
  if (req.SSEKMSKeyId !== undefined && sse !== 'aws:kms' && sse !== 'aws:kms:dsse') {
    // Sandbox differs: for AES256 plus a key id AWS's message was not captured; the sandbox gives this one.
    throw invalidArgument(
      'Server Side Encryption with AWS KMS managed key requires HTTP header x-amz-server-side-encryption : aws:kms',
      'x-amz-server-side-encryption-aws-kms-key-id',
    );
  }
  const userContext = parseUserContext(req.SSEKMSEncryptionContext);
  const rule = bucket.rule;
  const mode = (sse ?? rule?.sseAlgorithm ?? 'AES256') as Exclude<SseMode, 'SSE-C'>;
  if (mode === 'AES256') return { mode, bucketKey: false };
  const ruleKey = rule && rule.sseAlgorithm === mode ? rule.kmsMasterKeyId : undefined;
  const kmsKeyId = req.SSEKMSKeyId ?? ruleKey ?? S3_MANAGED_KMS_ALIAS;
  // DSSE-KMS does not support bucket keys; SSE-KMS inherits the bucket's flag unless the request says.
  const bucketKey = mode === 'aws:kms' ? (req.BucketKeyEnabled ?? (rule?.sseAlgorithm === 'aws:kms' ? rule.bucketKeyEnabled : false)) : false;
  return { mode, kmsKeyId, bucketKey, userContext };
}
