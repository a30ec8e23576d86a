/**
 * Masking for the inspector: every secret becomes a note of its length, so a learner sees that a
 * plaintext data key or a session token travelled, but never its value.
 */

/** Members whose values are secrets wherever they appear (inputs, outputs, JSON bodies, XML bodies). */
export const SECRET_MEMBERS = new Set([
  'Plaintext',
  'PrivateKeyPlaintext',
  'SharedSecret',
  'SecretKey',
  'SecretAccessKey',
  'SessionToken',
  'Token', // Cognito GetOpenIdToken's OpenID token: a bearer credential
  'WebIdentityToken',
  'SSECustomerKey',
  'CopySourceSSECustomerKey',
  'KeyMaterial',
  'Body', // S3 object bodies are payloads
  'Message', // Sign/Verify/GenerateMac payloads
  'Password',
]);

/** Secret members that are text (their length is counted in characters, never decoded as base64). */
const TEXT_SECRETS = new Set(['SecretKey', 'SecretAccessKey', 'SessionToken', 'Token', 'WebIdentityToken', 'Password']);

const SECRET_HEADERS = new Set([
  'x-amz-security-token',
  'x-amz-server-side-encryption-customer-key',
  'x-amz-copy-source-server-side-encryption-customer-key',
  'cookie',
]);

const b64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** Bytes a base64 string decodes to (or its characters when it is not base64). */
function lengthOf(value: string): { n: number; unit: 'bytes' | 'characters' } {
  if (value.length % 4 === 0 && b64.test(value) && value.length > 0) {
    const pad = value.endsWith('==') ? 2 : value.endsWith('=') ? 1 : 0;
    return { n: (value.length / 4) * 3 - pad, unit: 'bytes' };
  }
  return { n: value.length, unit: 'characters' };
}

export function maskNote(n: number, unit: 'bytes' | 'characters' = 'bytes'): string {
  return `<masked: ${thousands(n)} ${unit}>`;
}

/**
 * 12,345: the grouping en-US's toLocaleString gives. Done by hand: the page's first Intl.NumberFormat
 * loads the locale's data, a 100+ ms task on the first recorded call (the guest credentials' masked
 * token), right while a lab opens. The masked figures are lengths: non-negative integers.
 */
export function thousands(n: number): string {
  const digits = String(Math.trunc(Math.abs(n)));
  let out = '';
  for (let end = digits.length; end > 0; end -= 3) out = `${digits.slice(Math.max(0, end - 3), end)}${out ? `,${out}` : ''}`;
  return n < 0 ? `-${out}` : out;
}

export function maskedValue(value: unknown, member?: string): string {
  if (value instanceof Uint8Array) return maskNote(value.byteLength);
  if (typeof value === 'string') {
    if (member && TEXT_SECRETS.has(member)) return maskNote(value.length, 'characters');
    const { n, unit } = lengthOf(value);
    return maskNote(n, unit);
  }
  if (value instanceof Blob) return maskNote(value.size);
  // A body of known length that is neither (an upload part sent as its chunks, chunked-body.ts).
  const length = (value as { byteLength?: unknown } | null)?.byteLength;
  if (typeof length === 'number') return maskNote(length);
  return '<masked>';
}

export function isMaskNote(v: unknown): v is string {
  return typeof v === 'string' && v.startsWith('<masked');
}

/** Blobs that are not secret (CiphertextBlob, PublicKey...) are kept as base64 with their length. */
export interface BytesValue {
  $bytes: string;
  length: number;
}

export function isBytesValue(v: unknown): v is BytesValue {
  return typeof v === 'object' && v !== null && '$bytes' in v && typeof (v as BytesValue).$bytes === 'string';
}

export function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

/**
 * A JSON-safe copy of an SDK input or output with secrets masked: Uint8Arrays become
 * `{ $bytes, length }`, Dates become ISO strings, `$metadata` is dropped.
 */
export function maskValue(value: unknown, depth = 0): unknown {
  if (depth > 12) return '…';
  if (value === null || value === undefined) return value;
  if (value instanceof Uint8Array) return { $bytes: toBase64(value), length: value.byteLength } satisfies BytesValue;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'bigint') return value.toString();
  if (Array.isArray(value)) return value.map((v) => maskValue(v, depth + 1));
  if (typeof value === 'object') {
    // Streams and blobs (S3 bodies) are payloads; their content is never recorded.
    if (typeof (value as { getReader?: unknown }).getReader === 'function' || value instanceof Blob) return '<stream>';
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      if (k === '$metadata' || v === undefined || typeof v === 'function') continue;
      out[k] = SECRET_MEMBERS.has(k) ? maskedValue(v, k) : maskValue(v, depth + 1);
    }
    return out;
  }
  return value;
}

/** `Signature=<hex>` in an Authorization header becomes a length note; the rest stays readable. */
export function maskHeaders(headers: Record<string, string | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    const lower = name.toLowerCase();
    if (lower === 'authorization') {
      out[name] = value.replace(/Signature=([0-9a-fA-F]+)/, (_m, sig: string) => `Signature=${maskNote(sig.length, 'characters')}`);
    } else if (SECRET_HEADERS.has(lower)) {
      out[name] = maskNote(value.length, 'characters');
    } else {
      out[name] = value;
    }
  }
  return out;
}

function maskJsonText(text: string): string {
  try {
    const parsed: unknown = JSON.parse(text);
    return JSON.stringify(maskJsonTree(parsed), null, 2);
  } catch {
    return maskLoose(text);
  }
}

function maskJsonTree(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(maskJsonTree);
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    // An error body's Message is AWS's explanation, not a payload.
    const isError = '__type' in v || 'code' in v;
    for (const [k, val] of Object.entries(v as Record<string, unknown>))
      out[k] = SECRET_MEMBERS.has(k) && !(isError && k === 'Message') ? maskedValue(val, k) : maskJsonTree(val);
    return out;
  }
  return v;
}

/** XML (<SecretAccessKey>…</SecretAccessKey>) and form bodies (WebIdentityToken=…). */
function maskLoose(text: string): string {
  let t = text.replace(/<([A-Za-z]+)>([^<]*)<\/\1>/g, (m, tag: string, inner: string) =>
    SECRET_MEMBERS.has(tag) && tag !== 'Message' ? `<${tag}>${maskedValue(inner, tag)}</${tag}>` : m,
  );
  t = t.replace(/(^|&)([A-Za-z.]+)=([^&]*)/g, (m, sep: string, name: string, value: string) => {
    const last = name.split('.').pop() ?? name;
    if (!SECRET_MEMBERS.has(last)) return m;
    let decoded = value;
    try {
      decoded = decodeURIComponent(value.replace(/\+/g, ' '));
    } catch {
      /* keep the raw value for the length */
    }
    return `${sep}${name}=${maskedValue(decoded, last)}`;
  });
  return t;
}

const MAX_BODY = 64 * 1024;

/** A wire body as text for the inspector, with secrets masked. */
export function maskBody(bytes: Uint8Array | undefined, contentType: string | undefined, isPayload = false): string | undefined {
  if (!bytes || bytes.byteLength === 0) return undefined;
  if (isPayload) return `(object body, ${thousands(bytes.byteLength)} bytes, not recorded)`;
  const ct = (contentType ?? '').toLowerCase();
  const textual = /json|xml|x-www-form-urlencoded|text\//.test(ct) || ct === '';
  if (!textual) return `(binary body, ${thousands(bytes.byteLength)} bytes, not recorded)`;
  if (bytes.byteLength > MAX_BODY) return `(body of ${thousands(bytes.byteLength)} bytes, not recorded)`;
  const text = new TextDecoder().decode(bytes);
  if (ct === '' && !/^[\s{<[]|=/.test(text)) return `(binary body, ${thousands(bytes.byteLength)} bytes, not recorded)`;
  return /json/.test(ct) || /^\s*[{[]/.test(text) ? maskJsonText(text) : maskLoose(text);
}
