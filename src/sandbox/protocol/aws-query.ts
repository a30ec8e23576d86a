import { fromUtf8, toBase64, utf8 } from '../shared/bytes';
import type { NormalizedSchema } from '@smithy/core/schema';
import type { ServiceName } from '../shared/context';
import { readBody } from './body';
import { awsHasOperation, operationModel } from './service-models';
import { credentialScope } from './sigv4';
import type { SandboxHttpResponse, WireProtocol } from './wire-protocol';
import { notImplemented, ServiceError } from './service-error';

/**
 * The AWS Query protocol (STS): a form-encoded body routed by `Action`, XML responses,
 * `<ErrorResponse>` errors. Operations receive the form as a typed object (lists from
 * `X.member.N`, nested structures from `A.B`, numbers and booleans where the SDK's schema types the
 * member so) and return plain objects; the shell writes them as XML (Date -> ISO-8601, Uint8Array -> base64).
 */

export const QUERY_CONTENT_TYPE = 'application/x-www-form-urlencoded';

export const QUERY_NAMESPACES: Record<string, string> = {
  sts: 'https://sts.amazonaws.com/doc/2011-06-15/',
};

export interface QueryRequest {
  action: string | undefined;
  version: string | undefined;
  input: Record<string, unknown>;
}

export function parseQueryBody(body: string): QueryRequest {
  const params = new URLSearchParams(body);
  const input: Record<string, unknown> = {};
  let action: string | undefined;
  let version: string | undefined;
  for (const [k, v] of params) {
    if (k === 'Action') action = v;
    else if (k === 'Version') version = v;
    else setPath(input, k.split('.'), v);
  }
  return { action, version, input: normaliseLists(input) as Record<string, unknown> };
}

function setPath(target: Record<string, unknown>, parts: string[], value: string): void {
  let o = target;
  for (let i = 0; i < parts.length - 1; i++) {
    const p = parts[i]!;
    const next = o[p];
    if (next === null || typeof next !== 'object') o[p] = {};
    o = o[p] as Record<string, unknown>;
  }
  const last = parts[parts.length - 1]!;
  o[last] = value;
}

/** `{ member: { '1': a, '2': b } }` -> `[a, b]`, recursively. */
function normaliseLists(v: unknown): unknown {
  if (v === null || typeof v !== 'object') return v;
  const o = v as Record<string, unknown>;
  const keys = Object.keys(o);
  if (keys.length === 1 && keys[0] === 'member') {
    const m = o['member'];
    if (m !== null && typeof m === 'object') {
      return Object.entries(m as Record<string, unknown>)
        .filter(([i]) => /^\d+$/.test(i))
        .sort(([a], [b]) => Number(a) - Number(b))
        .map(([, x]) => normaliseLists(x));
    }
  }
  const out: Record<string, unknown> = {};
  for (const k of keys) out[k] = normaliseLists(o[k]);
  return out;
}

export const xmlEscape = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');

function xmlValue(v: unknown): string {
  if (v === undefined || v === null) return '';
  if (v instanceof Date) return v.toISOString();
  if (v instanceof Uint8Array) return toBase64(v);
  if (Array.isArray(v)) return v.map((x) => `<member>${xmlValue(x)}</member>`).join('');
  if (typeof v === 'object') {
    return Object.entries(v as Record<string, unknown>)
      .filter(([, x]) => x !== undefined && x !== null)
      .map(([k, x]) => `<${k}>${xmlValue(x)}</${k}>`)
      .join('');
  }
  return xmlEscape(String(v));
}

export function serializeQueryOutput(service: string, action: string, output: unknown, requestId: string): Uint8Array {
  const ns = QUERY_NAMESPACES[service] ?? '';
  const result = output === undefined || output === null ? '' : `<${action}Result>${xmlValue(output)}</${action}Result>`;
  return utf8(
    `<${action}Response xmlns="${ns}">${result}<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${action}Response>`,
  );
}

export function serializeQueryError(
  service: string,
  err: ServiceError,
  requestId: string,
): { status: number; headers: Record<string, string>; body: Uint8Array } {
  const ns = QUERY_NAMESPACES[service] ?? '';
  const msg = err.awsMessage !== undefined ? `<Message>${xmlEscape(err.awsMessage)}</Message>` : '';
  return {
    status: err.status,
    headers: {},
    body: utf8(
      `<ErrorResponse xmlns="${ns}"><Error><Type>${err.fault}</Type><Code>${err.code}</Code>${msg}</Error><RequestId>${requestId}</RequestId></ErrorResponse>`,
    ),
  };
}

/** Query requests with no or unknown Action. */
export const missingAction = () =>
  new ServiceError('MissingAction', 'Missing Action', 400);
export const invalidAction = (action: string) =>
  new ServiceError('InvalidAction', `Could not find operation ${action} for version 2011-06-15`, 400);

/**
 * Query values arrive as text; members the SDK's schema types as numbers or booleans become numbers
 * and booleans when they read as one (anything else stays text, for the operation's validation to refuse).
 */
function coerce(value: unknown, schema: NormalizedSchema, depth: number): unknown {
  if (depth > 20) return value;
  if (typeof value === 'string') {
    if (schema.isNumericSchema() && /^-?\d+(\.\d+)?$/.test(value)) return Number(value);
    if (schema.isBooleanSchema() && (value === 'true' || value === 'false')) return value === 'true';
    return value;
  }
  if (Array.isArray(value)) {
    return schema.isListSchema() ? value.map((x) => coerce(x, schema.getValueSchema(), depth + 1)) : value;
  }
  if (value !== null && typeof value === 'object' && schema.isStructSchema()) {
    const o = value as Record<string, unknown>;
    for (const [name, member] of schema.structIterator()) {
      if (Object.hasOwn(o, name)) o[name] = coerce(o[name], member, depth + 1);
    }
  }
  return value;
}

/**
 * Sandbox differs: STS documents no request size limit; its largest legitimate bodies (a 20,000-
 * character web identity token, a 2,048-character session policy) are far below the 1 MiB the sandbox reads.
 */
export const QUERY_BODY_LIMIT = 1024 * 1024;

function xmlResponse(statusCode: number, requestId: string, body: Uint8Array): SandboxHttpResponse {
  return { statusCode, headers: { 'content-type': 'text/xml', 'x-amzn-RequestId': requestId }, body };
}

/** AWS Query: a form body (or query string) routed by Action, XML answers and `<ErrorResponse>` errors. */
export const awsQueryProtocol: WireProtocol = {
  name: 'query',
  services: ['sts'],
  match(req) {
    const scope = credentialScope(req.headers);
    const ct = (req.headers['content-type'] ?? '').toLowerCase();
    if (ct.startsWith(QUERY_CONTENT_TYPE) || scope?.service === 'sts') {
      return { service: (scope?.service ?? 'sts') as ServiceName };
    }
    return undefined;
  },
  async read(req, m) {
    const bytes = await readBody(req.body, QUERY_BODY_LIMIT);
    const q = parseQueryBody(fromUtf8(bytes));
    const fromUrl = req.query['Action'];
    if (typeof fromUrl === 'string') q.action ??= fromUrl;
    if (!q.action) throw missingAction();
    // Other Query services (IAM, SQS, ...) are recognised by their scope and answered in Query's shape.
    if (!this.services.includes(m.service)) throw notImplemented(m.service, q.action);
    return { service: m.service, operation: q.action, bytes, preparsed: q.input };
  },
  knows: awsHasOperation,
  unknownOperation: (_service, operation) => invalidAction(operation),
  parse(call) {
    const input = call.preparsed ?? {};
    const schema = operationModel(call.service, call.operation)?.input;
    return schema ? (coerce(input, schema, 0) as Record<string, unknown>) : input;
  },
  serializeOutput(call, output, requestId) {
    return xmlResponse(200, requestId, serializeQueryOutput(call.service, call.operation, output, requestId));
  },
  serializeError(service, err, requestId) {
    const r = serializeQueryError(service, err, requestId);
    return xmlResponse(r.status, requestId, r.body);
  },
};
