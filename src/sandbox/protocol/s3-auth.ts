/**
 * The parts of SigV4 that only S3 uses: query-string authentication (presigned URLs, X-Amz-Expires)
 * and aws-chunked bodies, where every chunk carries its own signature chained from the request's
 * (STREAMING-AWS4-HMAC-SHA256-PAYLOAD[-TRAILER]) or none (STREAMING-UNSIGNED-PAYLOAD-TRAILER), and a
 * trailer may carry the body's checksum (x-amz-checksum-crc32 by default in the SDK for JavaScript v3).
 */
import type { ChecksumConstructor } from '@smithy/types';
import { ServiceError } from './service-error';
import { authErrors, parseAmzDate, parseAuthorization, type VerifiedRequest } from './sigv4';
import type { CredentialRecord } from '../shared/principal';
import { fromUtf8, toHex, utf8 } from '../shared/bytes';

const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
export const MAX_PRESIGN_SECONDS = 604800;

const subtle = () => globalThis.crypto.subtle;

async function hmac(key: Uint8Array, data: string): Promise<Uint8Array> {
  const k = await subtle().importKey('raw', key as Uint8Array<ArrayBuffer>, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  return new Uint8Array(await subtle().sign('HMAC', k, utf8(data)));
}

async function sha256Hex(data: Uint8Array | string): Promise<string> {
  const b = typeof data === 'string' ? utf8(data) : data;
  return toHex(new Uint8Array(await subtle().digest('SHA-256', b as Uint8Array<ArrayBuffer>)));
}

async function signingKey(secret: string, date: string, region: string, service: string): Promise<Uint8Array> {
  let k = await hmac(utf8(`AWS4${secret}`), date);
  k = await hmac(k, region);
  k = await hmac(k, service);
  return hmac(k, 'aws4_request');
}

/** RFC 3986 encoding as SigV4 wants it (everything but unreserved characters). */
function uriEncode(s: string): string {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

type Query = Record<string, string | string[] | null>;
const first = (v: string | string[] | null | undefined) => (Array.isArray(v) ? v[0] : (v ?? undefined));

export const isPresigned = (q: Query) => first(q['X-Amz-Signature']) !== undefined || first(q['X-Amz-Credential']) !== undefined;

/** The credential scope of a presigned URL, for routing. */
export function presignScope(q: Query): { service: string } | undefined {
  const c = first(q['X-Amz-Credential']);
  if (!c) return undefined;
  const parts = c.split('/');
  return parts.length === 5 ? { service: parts[3]! } : undefined;
}

export interface PresignedInput {
  method: string;
  path: string;
  query: Query;
  headers: Record<string, string>;
  signingNow: number;
  wallNow: number;
  sha256?: ChecksumConstructor;
  lookup: (accessKeyId: string) => CredentialRecord | undefined;
}

const queryError = (message: string) => new ServiceError('AuthorizationQueryParametersError', message, 400);

/** Verifies a presigned URL: its credential, its lifetime (X-Amz-Expires) and its signature. */
export async function verifyPresigned(req: PresignedInput): Promise<VerifiedRequest> {
  const q = req.query;
  const alg = first(q['X-Amz-Algorithm']);
  const cred = first(q['X-Amz-Credential']);
  const date = first(q['X-Amz-Date']);
  const expires = first(q['X-Amz-Expires']);
  const signedHeaders = first(q['X-Amz-SignedHeaders']);
  const signature = first(q['X-Amz-Signature']);
  if (alg !== 'AWS4-HMAC-SHA256' || !cred || !date || !signedHeaders || !signature) {
    throw queryError(
      'Query-string authentication version 4 requires the X-Amz-Algorithm, X-Amz-Credential, X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders, and X-Amz-Expires parameters.',
    );
  }
  const parts = cred.split('/');
  if (parts.length !== 5 || parts[4] !== 'aws4_request') {
    throw queryError(`Error parsing the X-Amz-Credential parameter; the Credential is mal-formed; expecting "<YOUR-AKID>/YYYYMMDD/REGION/SERVICE/aws4_request".`);
  }
  const [accessKeyId, day, region, service] = parts as [string, string, string, string];
  const reqMs = parseAmzDate(date);
  if (reqMs === undefined) throw queryError(`X-Amz-Date must be in the ISO8601 Long Format "yyyyMMdd'T'HHmmss'Z'"`);
  const exp = expires === undefined ? NaN : Number(expires);
  if (!Number.isInteger(exp) || exp < 0) throw queryError('X-Amz-Expires should be a number');
  if (exp > MAX_PRESIGN_SECONDS) {
    throw queryError('X-Amz-Expires must be less than a week (in seconds) that is, the given X-Amz-Expires must be less than 604800 seconds');
  }
  const record = req.lookup(accessKeyId);
  if (!record) throw authErrors.unknownKey('rest-xml');
  if ((record.sessionToken ?? undefined) !== (first(q['X-Amz-Security-Token']) ?? undefined)) throw authErrors.unknownKey('rest-xml');
  if (record.expiration !== undefined && record.expiration <= req.wallNow) throw authErrors.expired('rest-xml');
  if (req.signingNow > reqMs + exp * 1000) {
    throw new ServiceError('AccessDenied', 'Request has expired', 403, {
      'X-Amz-Expires': String(exp),
      Expires: new Date(reqMs + exp * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z'),
      ServerTime: new Date(req.signingNow).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    });
  }
  const names = signedHeaders.split(';');
  const canonicalHeaders = names.map((h) => `${h}:${(req.headers[h] ?? '').trim().replace(/\s+/g, ' ')}\n`).join('');
  const canonicalQuery = Object.entries(q)
    .filter(([k]) => k !== 'X-Amz-Signature')
    .flatMap(([k, v]) => (Array.isArray(v) ? v : [v ?? '']).map((x) => [uriEncode(k), uriEncode(x)] as const))
    .sort(([a, x], [b, y]) => (a === b ? (x < y ? -1 : 1) : a < b ? -1 : 1))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
  const payload = req.headers['x-amz-content-sha256'] ?? 'UNSIGNED-PAYLOAD';
  const canonical = [req.method.toUpperCase(), req.path.split('?')[0] || '/', canonicalQuery, canonicalHeaders, signedHeaders, payload].join('\n');
  const scope = `${day}/${region}/${service}/aws4_request`;
  const toSign = ['AWS4-HMAC-SHA256', date, scope, await sha256Hex(canonical)].join('\n');
  const expected = toHex(await hmac(await signingKey(record.secretAccessKey, day, region, service), toSign));
  if (expected !== signature) throw authErrors.badSignature('rest-xml');
  return { credentials: record, region, service };
}

// ---------------------------------------------------------------- aws-chunked

const incompleteBody = () => new ServiceError('IncompleteBody', 'The request body terminated unexpectedly', 400);
const chunkSignatureMismatch = () => authErrors.badSignature('rest-xml');

function indexOfCrlf(b: Uint8Array, from: number): number {
  for (let i = from; i + 1 < b.length; i++) if (b[i] === 13 && b[i + 1] === 10) return i;
  return -1;
}

/**
 * The body and headers the operation sees: aws-chunked bodies decoded (each chunk's signature and
 * the trailer's checked), trailing checksums moved into the headers, as S3 does.
 */
export async function decodeS3Body(
  req: { headers: Record<string, string>; body: Uint8Array },
  verified: VerifiedRequest,
  _sha256?: ChecksumConstructor,
): Promise<{ headers: Record<string, string>; body: Uint8Array }> {
  const mode = req.headers['x-amz-content-sha256'] ?? '';
  const chunked = mode.startsWith('STREAMING-') || /(^|,)\s*aws-chunked\s*(,|$)/.test(req.headers['content-encoding'] ?? '');
  if (!chunked) return req;
  const signed = mode.startsWith('STREAMING-AWS4-HMAC-SHA256-PAYLOAD');
  const auth = parseAuthorization(req.headers['authorization']);
  const date = req.headers['x-amz-date'] ?? '';
  let key: Uint8Array | undefined;
  let scope = '';
  let prev = auth?.signature ?? '';
  if (signed) {
    if (!auth) throw authErrors.missing('rest-xml');
    key = await signingKey(verified.credentials.secretAccessKey, auth.date, auth.region, auth.service);
    scope = `${auth.date}/${auth.region}/${auth.service}/aws4_request`;
  }
  const b = req.body;
  const pieces: Uint8Array[] = [];
  let total = 0;
  let pos = 0;
  for (;;) {
    const eol = indexOfCrlf(b, pos);
    if (eol < 0) throw incompleteBody();
    const line = fromUtf8(b.subarray(pos, eol));
    const [sizeHex, ...ext] = line.split(';');
    if (!/^[0-9a-fA-F]{1,16}$/.test(sizeHex ?? '')) throw incompleteBody();
    const size = parseInt(sizeHex!, 16);
    const start = eol + 2;
    if (start + size > b.length) throw incompleteBody();
    const data = b.subarray(start, start + size);
    if (signed) {
      const sig = ext.map((e) => /^chunk-signature=([0-9a-f]{64})$/.exec(e.trim())?.[1]).find(Boolean);
      if (!sig) throw chunkSignatureMismatch();
      const toSign = ['AWS4-HMAC-SHA256-PAYLOAD', date, scope, prev, EMPTY_SHA256, await sha256Hex(data)].join('\n');
      const expected = toHex(await hmac(key!, toSign));
      if (expected !== sig) throw chunkSignatureMismatch();
      prev = sig;
    }
    pos = start + size;
    if (size === 0) break;
    pieces.push(data);
    total += size;
    if (b[pos] !== 13 || b[pos + 1] !== 10) throw incompleteBody();
    pos += 2;
  }
  // Trailer lines until an empty line (or the end).
  const headers = { ...req.headers };
  const trailerLines: string[] = [];
  let trailerSig: string | undefined;
  while (pos < b.length) {
    const eol = indexOfCrlf(b, pos);
    const line = fromUtf8(b.subarray(pos, eol < 0 ? b.length : eol));
    pos = eol < 0 ? b.length : eol + 2;
    if (line === '') {
      if (trailerLines.length || trailerSig) break;
      continue;
    }
    const c = line.indexOf(':');
    if (c < 0) throw incompleteBody();
    const name = line.slice(0, c).trim().toLowerCase();
    const value = line.slice(c + 1).trim();
    if (name === 'x-amz-trailer-signature') trailerSig = value;
    else {
      trailerLines.push(`${name}:${value}`);
      headers[name] = value;
    }
  }
  if (signed && mode.endsWith('-TRAILER')) {
    const toSign = ['AWS4-HMAC-SHA256-TRAILER', date, scope, prev, await sha256Hex(trailerLines.map((l) => `${l}\n`).join(''))].join('\n');
    if (toHex(await hmac(key!, toSign)) !== trailerSig) throw chunkSignatureMismatch();
  }
  const declared = req.headers['x-amz-decoded-content-length'];
  if (declared !== undefined && Number(declared) !== total) throw incompleteBody();
  const body = new Uint8Array(total);
  let o = 0;
  for (const p of pieces) {
    body.set(p, o);
    o += p.length;
  }
  return { headers, body };
}
