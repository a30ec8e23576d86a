import { SignatureV4 } from '@smithy/signature-v4';
import { HttpRequest } from '@smithy/protocol-http';
import { Sha256 } from '@aws-crypto/sha256-js';
import type { ChecksumConstructor } from '@smithy/types';
import { nativeSha256 } from './native-sha256';
import { toHex, utf8 } from '../shared/bytes';
import { ServiceError } from './service-error';
import type { CredentialRecord } from '../shared/principal';

/**
 * SigV4 verification: the signature is recomputed with @smithy/signature-v4 over exactly the
 * headers the client listed in SignedHeaders, so the SDK, the AWS CLI (botocore) and boto3 all pass.
 * The payload hash is always recomputed from the body: a tampered body fails the signature.
 */

export type AuthProtocol = 'json' | 'query' | 'rest-xml';

export interface ParsedAuthorization {
  readonly accessKeyId: string;
  readonly date: string; // yyyymmdd
  readonly region: string;
  readonly service: string;
  readonly signedHeaders: readonly string[];
  readonly signature: string;
}

const AUTH_RE =
  /^AWS4-HMAC-SHA256\s+Credential=([^/,\s]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request\s*,\s*SignedHeaders=([^,\s]+)\s*,\s*Signature=([0-9a-f]{64})\s*$/;

/**
 * The last header parsed and what it gave (frozen, so sharing it is safe): one request's header is read
 * three times (routing by registry and protocol, then verification), and each read ran the regular
 * expression again. A pure function of the header text, so a hit is exactly what parsing again would give.
 */
let lastHeader: string | undefined;
let lastParsed: ParsedAuthorization | undefined;

export function parseAuthorization(header: string | undefined): ParsedAuthorization | undefined {
  if (!header) return undefined;
  if (header === lastHeader) return lastParsed;
  const m = AUTH_RE.exec(header.trim());
  const parsed = m
    ? Object.freeze({
        accessKeyId: m[1]!,
        date: m[2]!,
        region: m[3]!,
        service: m[4]!,
        signedHeaders: Object.freeze(m[5]!.split(';')),
        signature: m[6]!,
      })
    : undefined;
  lastHeader = header;
  lastParsed = parsed;
  return parsed;
}

/** The credential scope of a signed request, read without verifying it (routing only). */
export const credentialScope = (headers: Record<string, string>) => parseAuthorization(headers['authorization']);

/** AWS's auth error table (auth-and-trail.md), per protocol. */
export const authErrors = {
  unknownKey(p: AuthProtocol): ServiceError {
    if (p === 'rest-xml')
      return new ServiceError('InvalidAccessKeyId', 'The AWS Access Key Id you provided does not exist in our records.', 403);
    if (p === 'query')
      return new ServiceError('InvalidClientTokenId', 'The security token included in the request is invalid.', 403);
    return new ServiceError('UnrecognizedClientException', 'The security token included in the request is invalid.', 400);
  },
  badSignature(p: AuthProtocol): ServiceError {
    if (p === 'rest-xml')
      return new ServiceError(
        'SignatureDoesNotMatch',
        'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
        403,
      );
    const msg =
      'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.';
    return p === 'query'
      ? new ServiceError('SignatureDoesNotMatch', msg, 403)
      : new ServiceError('InvalidSignatureException', msg, 400);
  },
  expired(p: AuthProtocol): ServiceError {
    if (p === 'rest-xml') return new ServiceError('ExpiredToken', 'The provided token has expired.', 400);
    if (p === 'query') return new ServiceError('ExpiredToken', 'The security token included in the request is expired', 400);
    return new ServiceError('ExpiredTokenException', 'The security token included in the request is expired', 400);
  },
  missing(p: AuthProtocol): ServiceError {
    if (p === 'rest-xml') return new ServiceError('AccessDenied', 'Access Denied', 403);
    if (p === 'query') return new ServiceError('MissingAuthenticationToken', 'Request is missing Authentication Token', 403);
    return new ServiceError('MissingAuthenticationTokenException', 'Missing Authentication Token', 400);
  },
  incomplete(p: AuthProtocol, detail: string): ServiceError {
    // A malformed Authorization header (not missing, not verifiable).
    if (p === 'rest-xml') return new ServiceError('AuthorizationHeaderMalformed', detail, 400);
    return new ServiceError(p === 'query' ? 'IncompleteSignature' : 'IncompleteSignatureException', detail, 400);
  },
  skewed(p: AuthProtocol, amzDate: string, wallNow: number): ServiceError {
    if (p === 'rest-xml')
      return new ServiceError('RequestTimeTooSkewed', 'The difference between the request time and the current time is too large.', 403);
    const reqMs = parseAmzDate(amzDate) ?? 0;
    const now = amzDateOf(wallNow);
    const msg =
      reqMs < wallNow
        ? `Signature expired: ${amzDate} is now earlier than ${amzDateOf(wallNow - SKEW_MS)} (${now} - 5 min.)`
        : `Signature not yet current: ${amzDate} is still later than ${amzDateOf(wallNow + SKEW_MS)} (${now} + 5 min.)`;
    return p === 'query'
      ? new ServiceError('SignatureDoesNotMatch', msg, 400)
      : new ServiceError('InvalidSignatureException', msg, 400);
  },
};

export const SKEW_MS = 5 * 60 * 1000;

/** The last time formatted: requests signed within the same second share it (one per request verified). */
let lastAmzDate = { ms: Number.NaN, text: '' };
export function amzDateOf(ms: number): string {
  if (ms !== lastAmzDate.ms) lastAmzDate = { ms, text: new Date(ms).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '') };
  return lastAmzDate.text;
}

export function parseAmzDate(s: string): number | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(s);
  if (!m) return undefined;
  return Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!);
}

export interface VerifiedRequest {
  credentials: CredentialRecord;
  region: string;
  service: string;
}

export interface VerifyInput {
  method: string;
  hostname: string;
  port?: number;
  path: string;
  query: Record<string, string | string[] | null>;
  /** Lower-case header names. */
  headers: Record<string, string>;
  /**
   * The whole body, when the protocol read it: its hash is recomputed. Undefined for a body that stays
   * a stream (S3 PutObject): the signature then covers the x-amz-content-sha256 the client sent, and the
   * protocol checks the body against it while the stream is consumed.
   */
  body?: Uint8Array;
  protocol: AuthProtocol;
  /** Credential expiry is judged on it. */
  wallNow: number;
  /** Signature skew is judged on it (the clock the SDK signs with). */
  signingNow: number;
  lookup: (accessKeyId: string) => CredentialRecord | undefined;
  /**
   * The SHA-256 / HMAC implementation. Default: Node's native one where the sandbox runs in Node,
   * else @aws-crypto/sha256-js (pure JS, runs everywhere; faster than async WebCrypto for these small inputs).
   */
  sha256?: ChecksumConstructor;
}

const DEFAULT_SHA256: ChecksumConstructor = nativeSha256() ?? Sha256;

/**
 * The canonical request and string to sign come from @smithy/signature-v4's own code (the signer the SDK
 * signs with), reached through a subclass: only the per-request work around it is the sandbox's (no
 * request clone, no credential provider, no Authorization header rebuilt and parsed back).
 */
class Canonicalizer extends SignatureV4 {
  canonicalRequest(request: HttpRequest, canonicalHeaders: Record<string, string>, payloadHash: string): string {
    return this.createCanonicalRequest(request, canonicalHeaders, payloadHash);
  }
}

const canonicalizers = new Map<string, Canonicalizer>();
const hashIds = new WeakMap<ChecksumConstructor, number>();
let nextHashId = 1;
function hashId(sha256: ChecksumConstructor): number {
  let id = hashIds.get(sha256);
  if (id === undefined) {
    id = nextHashId++;
    hashIds.set(sha256, id);
  }
  return id;
}
function canonicalizerFor(uriEscapePath: boolean, sha256: ChecksumConstructor): Canonicalizer {
  const k = `${uriEscapePath}\u0000${hashId(sha256)}`;
  let c = canonicalizers.get(k);
  if (!c) {
    // Credentials and region are never asked for: only the canonical forms are used.
    c = new Canonicalizer({ credentials: { accessKeyId: '', secretAccessKey: '' }, region: 'us-east-1', service: 'kms', sha256, uriEscapePath, applyChecksum: false });
    canonicalizers.set(k, c);
  }
  return c;
}

/**
 * Derived signing keys (HMAC chain of the secret over date, region, service, "aws4_request"), cached
 * per credential and scope: four HMACs a request saved. In memory only, never persisted; an evicted
 * key is zeroed. The secret is part of the cache key, so a key is never used for another secret.
 */
const signingKeys = new Map<string, Uint8Array>();
const SIGNING_KEY_CACHE_MAX = 200;

async function hmac(sha256: ChecksumConstructor, key: Uint8Array | string, data: string): Promise<Uint8Array> {
  const h = new sha256(key);
  h.update(utf8(data));
  return h.digest();
}

async function signingKey(sha256: ChecksumConstructor, c: CredentialRecord, shortDate: string, region: string, service: string): Promise<Uint8Array> {
  const k = `${hashId(sha256)}\u0000${c.accessKeyId}\u0000${c.secretAccessKey}\u0000${shortDate}\u0000${region}\u0000${service}`;
  // A copy for each caller (zeroed after use), so evicting a cached key can never zero one in use.
  const hit = signingKeys.get(k);
  if (hit) return hit.slice();
  let key = await hmac(sha256, `AWS4${c.secretAccessKey}`, shortDate);
  for (const part of [region, service, 'aws4_request']) {
    const next = await hmac(sha256, key, part);
    key.fill(0);
    key = next;
  }
  if (signingKeys.size >= SIGNING_KEY_CACHE_MAX) {
    for (const old of signingKeys.values()) old.fill(0);
    signingKeys.clear();
  }
  signingKeys.set(k, key);
  return key.slice();
}

async function sha256Hex(body: Uint8Array, sha256: ChecksumConstructor): Promise<string> {
  const h = new sha256();
  h.update(body);
  return toHex(await h.digest());
}

/** A header value as the SDK's signer canonicalises it: line breaks to spaces, runs of blanks to one, no blank at either end. */
const NEEDS_TRIM = /[\r\n\t]| {2}|^ | $/;
const canonicalValue = (v: string): string =>
  NEEDS_TRIM.test(v) ? v.replace(/[\r\n]/g, ' ').replace(/[ \t]+/g, ' ').replace(/^ | $/g, '') : v;

/**
 * The canonical headers of a request: exactly what @smithy/signature-v4's getCanonicalHeaders gives
 * for the request rebuilt with its signed headers only (the signer's own Authorization and Date
 * dropped; X-Amz-Date, the payload hash and the credential's session token put in), every other header
 * unsignable. Built straight from the SignedHeaders list: rebuilding a request, two sets of names and
 * three regular-expression replacements per header cost more than the signature's hashes.
 */
function canonicalHeaders(
  headers: Record<string, string>,
  signedHeaders: readonly string[],
  own: { longDate: string; payloadHash: string; sessionToken: string | undefined },
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of signedHeaders) {
    let v: string | undefined;
    if (name === 'authorization' || name === 'date' || name === '__proto__') continue;
    if (name === 'x-amz-date') v = own.longDate;
    else if (name === 'x-amz-content-sha256') v = own.payloadHash;
    else if (name === 'x-amz-security-token' && own.sessionToken) v = own.sessionToken;
    else v = Object.hasOwn(headers, name) ? headers[name] : undefined;
    if (v !== undefined) out[name] = canonicalValue(v);
  }
  return out;
}

/** Verifies a signed request; throws AWS's auth errors. Order follows AWS: key, token, time, signature. */
export async function verifySigV4(req: VerifyInput): Promise<VerifiedRequest> {
  const p = req.protocol;
  const rawAuth = req.headers['authorization'];
  if (rawAuth === undefined) throw authErrors.missing(p);
  const auth = parseAuthorization(rawAuth);
  if (!auth) {
    throw authErrors.incomplete(
      p,
      `Authorization header requires 'Credential', 'Signature' and 'SignedHeaders' parameters of an AWS4-HMAC-SHA256 signature.`,
    );
  }
  const cred = req.lookup(auth.accessKeyId);
  if (!cred) throw authErrors.unknownKey(p);
  const token = req.headers['x-amz-security-token'];
  if ((cred.sessionToken ?? undefined) !== (token ?? undefined)) throw authErrors.unknownKey(p);
  if (cred.expiration !== undefined && cred.expiration <= req.wallNow) throw authErrors.expired(p);

  const amzDate = req.headers['x-amz-date'] ?? '';
  const reqMs = parseAmzDate(amzDate);
  if (reqMs === undefined) {
    throw authErrors.incomplete(p, `Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.`);
  }
  if (Math.abs(reqMs - req.signingNow) > SKEW_MS) throw authErrors.skewed(p, amzDate, req.signingNow);

  // The payload hash comes from the body itself (or the claim a streamed body is checked against later).
  const claimed = req.headers['x-amz-content-sha256'];
  let payloadHash: string;
  if (claimed === 'UNSIGNED-PAYLOAD' || claimed?.startsWith('STREAMING-')) {
    payloadHash = claimed;
  } else if (req.body === undefined) {
    if (claimed === undefined || !/^[0-9a-f]{64}$/.test(claimed)) throw authErrors.badSignature(p);
    payloadHash = claimed;
  } else {
    const actual = await sha256Hex(req.body, req.sha256 ?? DEFAULT_SHA256);
    if (claimed !== undefined && claimed !== actual) throw authErrors.badSignature(p);
    payloadHash = actual;
  }
  // As the SDK's signer does: the date comes from X-Amz-Date (normalised), the session token from the
  // credential, and both are signed only when the client listed them.
  const longDate = amzDateOf(reqMs);
  const sha256 = req.sha256 ?? DEFAULT_SHA256;
  const c = canonicalizerFor(p !== 'rest-xml', sha256);
  const shortDate = longDate.slice(0, 8);
  const canonical = c.canonicalRequest(
    { method: req.method, path: req.path, query: req.query } as HttpRequest,
    canonicalHeaders(req.headers, auth.signedHeaders, { longDate, payloadHash, sessionToken: cred.sessionToken ?? undefined }),
    payloadHash,
  );
  const stringToSign = `AWS4-HMAC-SHA256\n${longDate}\n${shortDate}/${auth.region}/${auth.service}/aws4_request\n${await sha256Hex(utf8(canonical), sha256)}`;
  const key = await signingKey(sha256, cred, shortDate, auth.region, auth.service);
  const got = toHex(await hmac(sha256, key, stringToSign));
  key.fill(0);
  if (got !== auth.signature) throw authErrors.badSignature(p);
  return { credentials: cred, region: auth.region, service: auth.service };
}
