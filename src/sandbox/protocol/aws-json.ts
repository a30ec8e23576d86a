import { fromBase64, toBase64, utf8 } from '../shared/bytes';
import { ServiceError } from './service-error';

/**
 * AWS JSON 1.1 (KMS, Cognito Identity, CloudTrail). Conventions between this shell and the operations
 * (also in docs/sandbox.md):
 * - blob members listed in BLOB_MEMBERS arrive as Uint8Array (decoded from base64 here; invalid base64
 *   is a SerializationException, as AWS answers); any Uint8Array in an output is base64-encoded here;
 * - operations return timestamps as `Date` objects; the shell writes epoch seconds with a fraction;
 * - input timestamps (CloudTrail LookupEvents StartTime/EndTime) arrive as the JSON numbers the client sent.
 */

export const JSON_CONTENT_TYPE = 'application/x-amz-json-1.1';

/** X-Amz-Target prefixes -> service. */
export const JSON_TARGETS: Record<string, 'kms' | 'cognito-identity' | 'cloudtrail'> = {
  TrentService: 'kms',
  AWSCognitoIdentityService: 'cognito-identity',
  // botocore (AWS CLI, boto3) sends the long target prefix, SDK v3 the short one.
  'com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101': 'cloudtrail',
  CloudTrail_20131101: 'cloudtrail',
};

export function parseTarget(target: string | undefined): { prefix: string; operation: string } | undefined {
  if (!target) return undefined;
  const i = target.lastIndexOf('.');
  if (i <= 0) return undefined;
  return { prefix: target.slice(0, i), operation: target.slice(i + 1) };
}

/** Blob members per operation: top-level names, or a dotted path into a nested structure. */
export const BLOB_MEMBERS: Record<string, Record<string, readonly string[]>> = {
  kms: {
    Encrypt: ['Plaintext'],
    Decrypt: ['CiphertextBlob', 'Recipient.AttestationDocument'],
    ReEncrypt: ['CiphertextBlob'],
    GenerateDataKey: ['Recipient.AttestationDocument'],
    GenerateDataKeyPair: ['Recipient.AttestationDocument'],
    GenerateRandom: ['Recipient.AttestationDocument'],
    Sign: ['Message'],
    Verify: ['Message', 'Signature'],
    GenerateMac: ['Message'],
    VerifyMac: ['Message', 'Mac'],
    DeriveSharedSecret: ['PublicKey', 'Recipient.AttestationDocument'],
    ImportKeyMaterial: ['ImportToken', 'EncryptedKeyMaterial'],
  },
};

/** Members that hold secrets even when they are strings: never written to the trail. */
export const SECRET_MEMBERS: ReadonlySet<string> = new Set([
  'WebIdentityToken',
  'SessionToken',
  'SecretAccessKey',
  'SecretKey',
  'Token',
  'Password',
]);

export const blobMembersOf = (service: string, operation: string): readonly string[] =>
  BLOB_MEMBERS[service]?.[operation] ?? [];

const serializationError = (message?: string) => new ServiceError('SerializationException', message);

/** Parses a JSON 1.1 body. Empty body = {}. Anything but a JSON object is AWS's SerializationException. */
export function parseJsonBody(body: Uint8Array): Record<string, unknown> {
  if (body.length === 0) return {};
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    throw serializationError('Request body is not valid UTF-8.');
  }
  if (text.trim() === '') return {};
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    // Sandbox differs: AWS sends no message for malformed JSON; the sandbox names the problem.
    throw serializationError('Request body is not valid JSON.');
  }
  if (v === null || typeof v !== 'object' || Array.isArray(v)) {
    throw serializationError('Request body must be a JSON object.');
  }
  return v as Record<string, unknown>;
}

/** Replaces the listed blob members (base64 strings) with Uint8Array; wrong types are SerializationException. */
export function decodeBlobs(input: Record<string, unknown>, paths: readonly string[]): void {
  for (const path of paths) {
    const parts = path.split('.');
    let holder: Record<string, unknown> | undefined = input;
    for (let i = 0; i < parts.length - 1 && holder; i++) {
      const next: unknown = holder[parts[i]!];
      holder = next !== null && typeof next === 'object' && !Array.isArray(next) ? (next as Record<string, unknown>) : undefined;
    }
    if (!holder) continue;
    const key = parts[parts.length - 1]!;
    const v = holder[key];
    if (v === undefined || v === null) {
      delete holder[key];
      continue;
    }
    if (typeof v !== 'string') {
      throw serializationError(`Expected a base64-encoded string for member ${key}.`);
    }
    const bytes = fromBase64(v);
    if (!bytes) throw serializationError(`Member ${key} is not valid base64.`);
    holder[key] = bytes;
  }
}

/** Output values: Uint8Array -> base64, Date -> epoch seconds (with a fraction), undefined dropped. */
export function toJsonValue(v: unknown): unknown {
  if (v instanceof Uint8Array) return toBase64(v);
  if (v instanceof Date) return v.getTime() / 1000;
  if (Array.isArray(v)) return v.map(toJsonValue);
  if (v !== null && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
      if (x !== undefined) out[k] = toJsonValue(x);
    }
    return out;
  }
  return v;
}

export function serializeJsonOutput(output: unknown): Uint8Array {
  if (output === undefined || output === null) return utf8('{}');
  return utf8(JSON.stringify(toJsonValue(output)));
}

export function serializeJsonError(err: ServiceError): { status: number; headers: Record<string, string>; body: Uint8Array } {
  const body: Record<string, string> = { __type: err.code };
  if (err.awsMessage !== undefined) body['message'] = err.awsMessage;
  return {
    status: err.status,
    headers: { 'x-amzn-ErrorType': err.code },
    body: utf8(JSON.stringify(body)),
  };
}
