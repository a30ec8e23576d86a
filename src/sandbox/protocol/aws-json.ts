import { toBase64, utf8 } from '../shared/bytes';
import { readBody } from './body';
import { ServiceError } from './service-error';
import { awsHasOperation } from './service-models';
import { checkJsonInput } from './shape-check';
import type { SandboxHttpResponse, WireProtocol } from './wire-protocol';

/**
 * AWS JSON 1.1 (KMS, Cognito Identity, CloudTrail). Conventions between this shell and the operations
 * (also in docs/sandbox.md):
 * - blob members (whatever the SDK's schema types as a blob) arrive as Uint8Array, decoded from base64
 *   by shape-check.ts (invalid base64 is a SerializationException); any Uint8Array in an output is
 *   base64-encoded here;
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

const serializationError = (message?: string) => new ServiceError('SerializationException', message);

/** One decoder for every request: decode() without { stream } keeps no state between calls. */
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** Parses a JSON 1.1 body. Empty body = {}. Anything but a JSON object is AWS's SerializationException. */
export function parseJsonBody(body: Uint8Array): Record<string, unknown> {
  if (body.length === 0) return {};
  let text: string;
  try {
    text = strictUtf8.decode(body);
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

/**
 * Sandbox differs: AWS does not document a request size limit for KMS, Cognito Identity or CloudTrail
 * (their largest legitimate bodies are a few KiB: a 32 KiB key policy, a wrapped RSA-4096 key). The
 * sandbox refuses JSON bodies over 1 MiB before reading further, so a huge body cannot fill memory.
 */
export const JSON_BODY_LIMIT = 1024 * 1024;

function jsonResponse(statusCode: number, requestId: string, body: Uint8Array, extra: Record<string, string> = {}): SandboxHttpResponse {
  return { statusCode, headers: { 'content-type': JSON_CONTENT_TYPE, 'x-amzn-RequestId': requestId, ...extra }, body };
}

/** AWS JSON 1.1: routed on X-Amz-Target, the body is one JSON object, errors are `{__type, message}`. */
export const awsJsonProtocol: WireProtocol = {
  name: 'json',
  services: ['kms', 'cognito-identity', 'cloudtrail'],
  match(req) {
    const t = parseTarget(req.headers['x-amz-target']);
    const service = t ? JSON_TARGETS[t.prefix] : undefined;
    return t && service ? { service, operation: t.operation } : undefined;
  },
  async read(req, m) {
    const bytes = await readBody(req.body, JSON_BODY_LIMIT);
    return { service: m.service, operation: m.operation!, bytes };
  },
  knows: awsHasOperation,
  // Sandbox differs: AWS sends UnknownOperationException without a message.
  unknownOperation: (service, operation) =>
    new ServiceError('UnknownOperationException', `${service} has no operation named '${operation}'.`),
  parse(call) {
    const input = parseJsonBody(call.bytes ?? new Uint8Array(0));
    return checkJsonInput(call.service, call.operation, input) ?? input;
  },
  serializeOutput(_call, output, requestId) {
    return jsonResponse(200, requestId, serializeJsonOutput(output));
  },
  serializeError(_service, err, requestId) {
    const r = serializeJsonError(err);
    return jsonResponse(r.status, requestId, r.body, r.headers);
  },
};
