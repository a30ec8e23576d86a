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
import { sha256 as nobleSha256 } from '@noble/hashes/sha2.js';

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

// ---------------------------------------------------------------- aws-chunked and streamed payloads

const incompleteBody = () => new ServiceError('IncompleteBody', 'The request body terminated unexpectedly', 400);
const chunkSignatureMismatch = () => authErrors.badSignature('rest-xml');
/** The longest chunk header or trailer line read (a line without CRLF in it is a broken body). */
const MAX_LINE = 8192;

/** S3's single-PUT limit; a streamed body past it fails as soon as the limit is passed. */
export const S3_PUT_LIMIT = 5 * 1024 * 1024 * 1024;
const entityTooLarge = (size: number, limit: number) =>
  new ServiceError('EntityTooLarge', 'Your proposed upload exceeds the maximum allowed size', 400, {
    ProposedSize: String(size),
    MaxSizeAllowed: String(limit),
  });

/** An incremental SHA-256 (the engine's, native in Node; pure JS elsewhere). */
function hasher(sha256: ChecksumConstructor | undefined) {
  if (sha256) {
    const h = new sha256();
    // Methods, not arrows in properties: tsx's keepNames would name each with a defineProperty per hash.
    return {
      update(b: Uint8Array) {
        h.update(b);
      },
      async hex() {
        return toHex(await h.digest());
      },
    };
  }
  const h = nobleSha256.create();
  return {
    update(b: Uint8Array) {
      h.update(b);
    },
    async hex() {
      return toHex(h.digest());
    },
  };
}

/**
 * A request body the operation reads as a stream (PutObject, UploadPart): the decoded bytes, checked
 * as they pass (aws-chunked chunk signatures, the x-amz-content-sha256 hash, S3's size limit). Each
 * check that can only be made at the end (the last chunk, the trailer signature, the whole-body hash)
 * fails the iteration there, so the operation fails and nothing it wrote is kept. Trailing headers
 * (x-amz-checksum-crc32 ...) are in `trailers` once the iteration has finished.
 */
export class StreamedPayload implements AsyncIterable<Uint8Array> {
  readonly trailers: Record<string, string> = {};
  private used = false;
  constructor(
    private readonly source: (p: StreamedPayload) => AsyncGenerator<Uint8Array>,
    /** Trailing headers the client announced (x-amz-trailer), lower case: known before the body is read. */
    readonly announced: readonly string[] = [],
  ) {}
  [Symbol.asyncIterator](): AsyncIterator<Uint8Array> {
    // One pass only: a body is never buffered for a second reader.
    if (this.used) throw new Error('a streamed request body can be read once');
    this.used = true;
    return this.source(this);
  }
}

export const isStreamedPayload = (v: unknown): v is StreamedPayload => v instanceof StreamedPayload;

/** Reads from an async iterator of byte chunks: whole lines (small) and runs of data (never concatenated). */
class ChunkReader {
  private pending: Uint8Array = new Uint8Array(0);
  private done = false;
  constructor(private readonly it: AsyncIterator<Uint8Array>) {}

  private async more(): Promise<boolean> {
    if (this.done) return false;
    const r = await this.it.next();
    if (r.done) {
      this.done = true;
      return false;
    }
    const c = r.value;
    if (this.pending.length === 0) this.pending = c;
    else {
      // Only a partial line is ever left over here, so this copy is small.
      const m = new Uint8Array(this.pending.length + c.length);
      m.set(this.pending);
      m.set(c, this.pending.length);
      this.pending = m;
    }
    return true;
  }

  /** The next line without its CRLF; undefined at the very end of the body. */
  async line(): Promise<string | undefined> {
    let from = 0;
    for (;;) {
      const p = this.pending;
      for (let i = Math.max(0, from - 1); i + 1 < p.length; i++) {
        if (p[i] === 13 && p[i + 1] === 10) {
          const text = fromUtf8(p.subarray(0, i));
          this.pending = p.subarray(i + 2);
          return text;
        }
      }
      from = p.length;
      if (p.length > MAX_LINE) throw incompleteBody();
      if (!(await this.more())) {
        if (this.pending.length === 0) return undefined;
        // A last line without CRLF (some clients end the trailer so).
        const text = fromUtf8(this.pending);
        this.pending = new Uint8Array(0);
        return text;
      }
    }
  }

  /** Up to `max` bytes (at least one), as a view of what was received; undefined at the end. */
  async some(max: number): Promise<Uint8Array | undefined> {
    if (this.pending.length === 0 && !(await this.more())) return undefined;
    const out = this.pending.subarray(0, Math.min(max, this.pending.length));
    this.pending = this.pending.subarray(out.length);
    return out;
  }

  async crlf(): Promise<void> {
    while (this.pending.length < 2) if (!(await this.more())) throw incompleteBody();
    if (this.pending[0] !== 13 || this.pending[1] !== 10) throw incompleteBody();
    this.pending = this.pending.subarray(2);
  }
}

export interface PayloadOptions {
  headers: Record<string, string>;
  verified: VerifiedRequest;
  /** Presigned requests sign no payload hash in headers. */
  presigned: boolean;
  sha256?: ChecksumConstructor;
  limit?: number;
}

const isChunked = (headers: Record<string, string>) => {
  const mode = headers['x-amz-content-sha256'] ?? '';
  return mode.startsWith('STREAMING-') || /(^|,)\s*aws-chunked\s*(,|$)/.test(headers['content-encoding'] ?? '');
};

/**
 * Wraps a request body as the operation reads it: aws-chunked decoded with each chunk's signature
 * checked (chained from the seed signature), or a plain body hashed against x-amz-content-sha256
 * when that is a hex digest (XAmzContentSHA256Mismatch otherwise), and S3's size limit.
 */
export function streamS3Payload(body: AsyncIterable<Uint8Array>, o: PayloadOptions): StreamedPayload {
  const limit = o.limit ?? S3_PUT_LIMIT;
  const mode = o.headers['x-amz-content-sha256'] ?? '';
  const announced = (o.headers['x-amz-trailer'] ?? '').split(',').map((t) => t.trim().toLowerCase()).filter(Boolean);
  if (isChunked(o.headers)) return new StreamedPayload((p) => decodeChunked(body, o, p, limit), announced);
  const claimed = !o.presigned && /^[0-9a-f]{64}$/.test(mode) ? mode : undefined;
  return new StreamedPayload(async function* () {
    const h = claimed ? hasher(o.sha256) : undefined;
    let total = 0;
    for await (const c of body) {
      total += c.length;
      if (total > limit) throw entityTooLarge(total, limit);
      h?.update(c);
      yield c;
    }
    if (h && claimed) {
      const actual = await h.hex();
      if (actual !== claimed) {
        throw new ServiceError('XAmzContentSHA256Mismatch', "The provided 'x-amz-content-sha256' header does not match what was computed.", 400, {
          ClientComputedContentSHA256: claimed,
          S3ComputedContentSHA256: actual,
        });
      }
    }
  });
}

async function* decodeChunked(body: AsyncIterable<Uint8Array>, o: PayloadOptions, p: StreamedPayload, limit: number): AsyncGenerator<Uint8Array> {
  const mode = o.headers['x-amz-content-sha256'] ?? '';
  const signed = mode.startsWith('STREAMING-AWS4-HMAC-SHA256-PAYLOAD');
  const auth = parseAuthorization(o.headers['authorization']);
  const date = o.headers['x-amz-date'] ?? '';
  let key: Uint8Array | undefined;
  let scope = '';
  let prev = auth?.signature ?? '';
  if (signed) {
    if (!auth) throw authErrors.missing('rest-xml');
    key = await signingKey(o.verified.credentials.secretAccessKey, auth.date, auth.region, auth.service);
    scope = `${auth.date}/${auth.region}/${auth.service}/aws4_request`;
  }
  const r = new ChunkReader(body[Symbol.asyncIterator]());
  let total = 0;
  for (;;) {
    const line = await r.line();
    if (line === undefined) throw incompleteBody();
    const [sizeHex, ...ext] = line.split(';');
    if (!/^[0-9a-fA-F]{1,16}$/.test(sizeHex ?? '')) throw incompleteBody();
    const size = parseInt(sizeHex!, 16);
    total += size;
    if (total > limit) throw entityTooLarge(total, limit);
    const h = signed ? hasher(o.sha256) : undefined;
    let left = size;
    while (left > 0) {
      const piece = await r.some(left);
      if (!piece) throw incompleteBody();
      left -= piece.length;
      h?.update(piece);
      // Passed on before the chunk's signature is checked: a bad one fails the iteration just after,
      // and the operation's writes are discarded with the call.
      yield piece;
    }
    if (signed) {
      const sig = ext.map((e) => /^chunk-signature=([0-9a-f]{64})$/.exec(e.trim())?.[1]).find(Boolean);
      if (!sig) throw chunkSignatureMismatch();
      const toSign = ['AWS4-HMAC-SHA256-PAYLOAD', date, scope, prev, EMPTY_SHA256, await h!.hex()].join('\n');
      if (toHex(await hmac(key!, toSign)) !== sig) throw chunkSignatureMismatch();
      prev = sig;
    }
    if (size === 0) break;
    await r.crlf();
  }
  // Trailer lines until an empty line (or the end).
  const trailerLines: string[] = [];
  let trailerSig: string | undefined;
  for (;;) {
    const line = await r.line();
    if (line === undefined) break;
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
      p.trailers[name] = value;
    }
  }
  if (signed && mode.endsWith('-TRAILER')) {
    const toSign = ['AWS4-HMAC-SHA256-TRAILER', date, scope, prev, await sha256Hex(trailerLines.map((l) => `${l}\n`).join(''))].join('\n');
    if (toHex(await hmac(key!, toSign)) !== trailerSig) throw chunkSignatureMismatch();
  }
  const declared = o.headers['x-amz-decoded-content-length'];
  if (declared !== undefined && Number(declared) !== total) throw incompleteBody();
}

/**
 * The whole decoded body and the headers the operation sees (trailing checksums moved into the
 * headers, as S3 does), for requests whose body is read whole (XML bodies). Same decoder as streams.
 */
export async function decodeS3Body(
  req: { headers: Record<string, string>; body: Uint8Array },
  verified: VerifiedRequest,
  sha256?: ChecksumConstructor,
): Promise<{ headers: Record<string, string>; body: Uint8Array }> {
  if (!isChunked(req.headers)) return req;
  const one = (async function* () {
    if (req.body.length) yield req.body;
  })();
  const payload = streamS3Payload(one, { headers: req.headers, verified, presigned: false, sha256 });
  const pieces: Uint8Array[] = [];
  let total = 0;
  for await (const c of payload) {
    pieces.push(c);
    total += c.length;
  }
  const body = new Uint8Array(total);
  let o = 0;
  for (const c of pieces) {
    body.set(c, o);
    o += c.length;
  }
  return { headers: { ...req.headers, ...payload.trailers }, body };
}
