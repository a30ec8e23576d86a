/**
 * S3's operations, typed with the SDK's own input and output member names. They never see HTTP:
 * protocol/rest-xml.ts turns requests into these inputs and the outputs back into headers and XML.
 * Error codes, statuses and messages are AWS's (s3-cognito-behavior.md; docs/s3.md lists where the
 * sandbox knowingly differs).
 */
import { ServiceError } from '../protocol/service-error';
import type { Operation, RequestContext } from '../shared/context';
import { fromBase64, fromHex, toBase64, toHex, utf8 } from '../shared/bytes';
import { isRegionName } from '../shared/arn';
import { checksumHeader, checksumMember, CHECKSUM_ALGORITHMS, isChecksumAlgorithm, newChecksum, type ChecksumAlgorithm, type RunningChecksum } from './checksums';
import { Md5, newMd5, type Md5Like } from './md5';
import type { Bucket, CorsRule, MultipartUpload, S3Object, StoredEncryption, StoredPart } from './s3-models';
import { blobKeyOf, bucketOwner, deleteBodies, getBucket, s3State } from './s3-state';
import { partBlobKeys, readSegments, writeSegments, type Tap } from './s3-segments';
import { bodyChunks, EMPTY_BODY, isAsyncIterable, isBlob, isReadableStream, type SandboxBody } from '../protocol/body';
import { isStreamedPayload } from '../protocol/s3-auth';
import {
  bucketArn,
  customerKeyMatches,
  newEncryption,
  objectArn,
  openDataKeys,
  wipe,
} from './s3-crypto';
import { checkCustomerKey, decideEncryption, type SseRequest } from './sse';

type Ctx = RequestContext;
type In = Record<string, unknown>;

export const S3_OWNER = { ID: '75aa57f09aa0c8caeab4f8c24e99d10f8e7faeebf76c078efc7c6caea54ba06a', DisplayName: 'lab-admin' };

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const bool = (v: unknown): boolean | undefined => (typeof v === 'boolean' ? v : undefined);

/** Whether the request came over TLS (aws:SecureTransport). The page counts as secure. */
export const isSecure = (ctx: Ctx): boolean => ctx.secureTransport !== false;

// ---------------------------------------------------------------- errors in AWS's words

const noSuchKey = (key: string) => new ServiceError('NoSuchKey', 'The specified key does not exist.', 404, { Key: key });
const noSuchUpload = (id: string) =>
  new ServiceError(
    'NoSuchUpload',
    'The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.',
    404,
    { UploadId: id },
  );
const malformedXml = () =>
  new ServiceError('MalformedXML', 'The XML you provided was not well-formed or did not validate against our published schema', 400);
const invalidArgument = (message: string, name?: string, value?: string) => {
  const extra: Record<string, string> = {};
  if (name !== undefined) extra['ArgumentName'] = name;
  if (value !== undefined) extra['ArgumentValue'] = value;
  return new ServiceError('InvalidArgument', message, 400, extra);
};
const NOT_SSE_C = 'The encryption parameters are not applicable to this object.';
const NEEDS_SSE_C = 'The object was stored using a form of Server Side Encryption. The correct parameters must be provided to retrieve the object.';
const WRONG_SSE_C = 'Requests specifying Server Side Encryption with Customer provided keys must provide the correct secret key.';

// ---------------------------------------------------------------- names and limits

/** Bucket naming rules for general purpose buckets (S3 User Guide, "Bucket naming rules"). */
export function isValidBucketName(name: string): boolean {
  if (name.length < 3 || name.length > 63) return false;
  if (!/^[a-z0-9][a-z0-9.-]*[a-z0-9]$/.test(name)) return false;
  if (name.includes('..') || name.includes('.-') || name.includes('-.')) return false;
  if (/^\d+\.\d+\.\d+\.\d+$/.test(name)) return false;
  if (name.startsWith('xn--') || name.startsWith('sthree-') || name.endsWith('-s3alias') || name.endsWith('--ol-s3')) return false;
  return true;
}

export const MAX_KEY_BYTES = 1024;
/** User metadata: keys (without x-amz-meta-) plus values in UTF-8 bytes. Sandbox differs: AWS's exact boundary (2000 or 2048) is not recorded; 2048 is used. */
export const MAX_METADATA_BYTES = 2048;
export const MIN_PART_BYTES = 5 * 1024 * 1024;

function checkKey(key: unknown): string {
  if (typeof key !== 'string' || key.length === 0) throw invalidArgument('A key must be specified', 'key');
  if (utf8(key).length > MAX_KEY_BYTES) throw new ServiceError('KeyTooLongError', 'Your key is too long', 400, { Size: String(utf8(key).length), MaxSizeAllowed: String(MAX_KEY_BYTES) });
  return key;
}

function checkMetadata(raw: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (raw === undefined || raw === null) return out;
  if (typeof raw !== 'object') return out;
  let size = 0;
  for (const [k, v] of Object.entries(raw as Record<string, unknown>)) {
    const val = String(v);
    const key = k.toLowerCase();
    size += utf8(key).length + utf8(val).length;
    out[key] = val;
  }
  if (size > MAX_METADATA_BYTES) {
    throw new ServiceError('MetadataTooLarge', 'Your metadata headers exceed the maximum allowed metadata size.', 400, {
      Size: String(size),
      MaxSizeAllowed: String(MAX_METADATA_BYTES),
    });
  }
  return out;
}

// ---------------------------------------------------------------- authorisation

function authorizeS3(ctx: Ctx, action: string, resource: string, bucket: Bucket | undefined, conditions: Record<string, string | boolean | undefined> = {}): void {
  ctx.authorize({
    action,
    resource,
    resourcePolicy: bucket?.policy,
    conditions: { ...conditions, 'aws:SecureTransport': isSecure(ctx) },
  });
}

function sseConditions(input: In): Record<string, string | undefined> {
  return {
    's3:x-amz-server-side-encryption': str(input['ServerSideEncryption']),
    's3:x-amz-server-side-encryption-aws-kms-key-id': str(input['SSEKMSKeyId']),
  };
}

// ---------------------------------------------------------------- the trail

/** What CloudTrail records of an S3 call: names only, never keys, bodies or SSE-C key material. */
const SECRET_INPUT = new Set(['Body', 'SSECustomerKey', 'CopySourceSSECustomerKey', 'SSEKMSEncryptionContext']);
function auditRequest(ctx: Ctx, input: In): void {
  const p: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(input)) {
    if (SECRET_INPUT.has(k) || v instanceof Uint8Array || v === undefined) continue;
    if (k === 'Bucket') p['bucketName'] = v;
    else if (k === 'Key') p['key'] = v;
    else if (k === 'ServerSideEncryption') p['x-amz-server-side-encryption'] = v;
    else if (k === 'SSEKMSKeyId') p['x-amz-server-side-encryption-aws-kms-key-id'] = v;
    else if (typeof v !== 'object') p[k[0]!.toLowerCase() + k.slice(1)] = v;
  }
  ctx.audit.requestParameters = p;
  const bucket = str(input['Bucket']);
  const key = str(input['Key']);
  if (bucket) {
    ctx.audit.resources = [{ ARN: bucketArn(bucket), accountId: ctx.accountId, type: 'AWS::S3::Bucket' }];
    if (key) ctx.audit.resources.unshift({ ARN: objectArn(bucket, key), accountId: ctx.accountId, type: 'AWS::S3::Object' });
  }
}

// ---------------------------------------------------------------- encryption echo

/** The SSE members of a response, as AWS returns them (s3-cognito-behavior.md §1.2–1.5). */
function sseOutput(enc: StoredEncryption): Record<string, unknown> {
  if (enc.mode === 'SSE-C') return { SSECustomerAlgorithm: 'AES256', SSECustomerKeyMD5: enc.customerKeyMd5 };
  const out: Record<string, unknown> = { ServerSideEncryption: enc.mode };
  if (enc.kmsKeyArn) out['SSEKMSKeyId'] = enc.kmsKeyArn;
  // BucketKeyEnabled is absent when false, never `false`.
  if (enc.bucketKeyBlob) out['BucketKeyEnabled'] = true;
  return out;
}

function sseRequestOf(input: In): SseRequest {
  return {
    ServerSideEncryption: str(input['ServerSideEncryption']),
    SSEKMSKeyId: str(input['SSEKMSKeyId']),
    SSEKMSEncryptionContext: str(input['SSEKMSEncryptionContext']),
    BucketKeyEnabled: bool(input['BucketKeyEnabled']),
    SSECustomerAlgorithm: str(input['SSECustomerAlgorithm']),
    SSECustomerKey: str(input['SSECustomerKey']),
    SSECustomerKeyMD5: str(input['SSECustomerKeyMD5']),
  };
}

/**
 * The read-side SSE checks of GetObject / HeadObject / the copy source: the customer key when the
 * object is SSE-C, and the AWS errors when the request and the object disagree.
 */
async function readKeyFor(
  ctx: Ctx,
  obj: { encryption: StoredEncryption },
  r: { algorithm?: string; key?: string; keyMd5?: string; sse?: string },
): Promise<Uint8Array | undefined> {
  const customer = checkCustomerKey(r, { secure: isSecure(ctx), onRead: true });
  if (r.sse !== undefined) {
    // Sandbox differs: AWS's code for an SSE header on GET/HEAD was not captured (400 Bad Request).
    throw invalidArgument('x-amz-server-side-encryption header is not supported for this operation.', 'x-amz-server-side-encryption', r.sse);
  }
  if (obj.encryption.mode !== 'SSE-C') {
    if (customer) throw new ServiceError('InvalidRequest', NOT_SSE_C, 400);
    return undefined;
  }
  if (!customer) throw new ServiceError('InvalidRequest', NEEDS_SSE_C, 400);
  if (!(await customerKeyMatches(ctx, obj.encryption, customer.key))) throw new ServiceError('AccessDenied', WRONG_SSE_C, 403);
  return customer.key;
}

// ---------------------------------------------------------------- body helpers

/** A request body as the operation reads it: a stream (decoded and checked by the protocol) or bytes. */
interface BodySource {
  chunks: AsyncIterable<Uint8Array>;
  /** Trailing headers, complete once `chunks` has been read to its end. */
  trailers: () => Record<string, string>;
  /** Trailing headers announced before the body (x-amz-trailer). */
  announced: readonly string[];
}

function bodySource(v: unknown): BodySource {
  // Methods, not arrows in properties: tsx's keepNames would name each with a defineProperty per call.
  if (isStreamedPayload(v)) {
    return {
      chunks: v,
      trailers() {
        return v.trailers;
      },
      announced: v.announced,
    };
  }
  let body: SandboxBody = EMPTY_BODY;
  if (v instanceof Uint8Array) body = v;
  else if (typeof v === 'string') body = utf8(v);
  else if (isBlob(v) || isReadableStream(v) || isAsyncIterable(v)) body = v;
  return { chunks: bodyChunks(body), trailers: noTrailers, announced: [] };
}

const noTrailers = (): Record<string, string> => ({});

/** The plaintext of a stored object (or a range of it), decrypted a segment at a time as it is read. */
async function plaintextStream(ctx: Ctx, bucket: string, obj: S3Object, customerKey?: Uint8Array, range?: { start: number; end: number }): Promise<AsyncGenerator<Uint8Array>> {
  // KMS is asked for the data key now, inside the call (and its trail record); the bytes flow later.
  const keys = await openDataKeys(ctx, obj.encryption, bucket, obj.key, customerKey);
  return readSegments(ctx, keys, obj.parts, range);
}

/**
 * Content-MD5 and x-amz-checksum-* (header or trailer) checks, computed while the body streams and
 * decided at its end (BadDigest / InvalidRequest), then the checksum to store. The request's own
 * mistakes that need no body (a malformed Content-MD5, two checksum headers) fail before it is read.
 */
class BodyIntegrity {
  private md5: Md5Like | undefined;
  private readonly running = new Map<ChecksumAlgorithm, RunningChecksum>();
  private readonly contentMd5: string | undefined;
  private readonly declared: ChecksumAlgorithm | undefined;
  readonly taps: Tap[] = [];

  constructor(
    private readonly input: In,
    private readonly src: BodySource,
  ) {
    this.contentMd5 = str(input['ContentMD5']);
    if (this.contentMd5 !== undefined) {
      const given = fromBase64(this.contentMd5);
      if (!given || given.length !== 16) throw new ServiceError('InvalidDigest', 'The Content-MD5 you specified was invalid.', 400, { 'Content-MD5': this.contentMd5 });
      this.wantMd5();
    }
    const inHeaders = CHECKSUM_ALGORITHMS.filter((a) => str(input[checksumMember(a)]) !== undefined);
    if (inHeaders.length > 1) throw new ServiceError('InvalidRequest', 'Expecting a single x-amz-checksum- header. Multiple checksum Types are not allowed.', 400);
    const inTrailer = CHECKSUM_ALGORITHMS.filter((a) => src.announced.includes(checksumHeader(a)));
    const declared = str(input['ChecksumAlgorithm']);
    if (declared !== undefined && !isChecksumAlgorithm(declared) && !inHeaders.length && !inTrailer.length) {
      throw invalidArgument('Checksum algorithm provided is unsupported. Please try again with any of the valid types: [CRC32, CRC32C, CRC64NVME, SHA1, SHA256]', 'x-amz-sdk-checksum-algorithm', declared);
    }
    this.declared = declared !== undefined && isChecksumAlgorithm(declared) ? declared : undefined;
    for (const a of new Set([...inHeaders, ...inTrailer, ...(this.declared ? [this.declared] : [])])) {
      const c = newChecksum(a);
      this.running.set(a, c);
      this.taps.push(c);
    }
  }

  /** The plaintext's MD5 is needed (the ETag of an SSE-S3 object). Call before the body is read. */
  wantMd5(): void {
    if (this.md5) return;
    this.md5 = newMd5();
    this.taps.push(this.md5);
  }

  async finish(): Promise<{ checksum?: { algorithm: ChecksumAlgorithm; value: string }; md5?: Uint8Array }> {
    const md5 = this.md5?.digest();
    if (this.contentMd5 !== undefined && toBase64(md5!) !== this.contentMd5) {
      throw new ServiceError('BadDigest', 'The Content-MD5 you specified did not match what we received.', 400, {
        ExpectedDigest: this.contentMd5,
        CalculatedDigest: toBase64(md5!),
      });
    }
    const trailers = this.src.trailers();
    let found: { algorithm: ChecksumAlgorithm; value: string } | undefined;
    for (const a of CHECKSUM_ALGORITHMS) {
      const v = str(this.input[checksumMember(a)]) ?? trailers[checksumHeader(a)];
      const running = this.running.get(a);
      // A trailing checksum the client did not announce in x-amz-trailer is not one S3 reads.
      if (v === undefined || !running) continue;
      if (found) throw new ServiceError('InvalidRequest', 'Expecting a single x-amz-checksum- header. Multiple checksum Types are not allowed.', 400);
      if ((await running.digest()) !== v) throw new ServiceError('BadDigest', `The ${a} you specified did not match the calculated checksum.`, 400);
      found = { algorithm: a, value: v };
    }
    if (!found && this.declared) found = { algorithm: this.declared, value: await this.running.get(this.declared)!.digest() };
    return { checksum: found, md5 };
  }
}

function newId(ctx: Ctx): string {
  return toHex(ctx.randomBytes(16));
}

function objectFields(input: In) {
  return {
    contentType: str(input['ContentType']) ?? 'binary/octet-stream',
    cacheControl: str(input['CacheControl']),
    contentDisposition: str(input['ContentDisposition']),
    contentEncoding: str(input['ContentEncoding']),
    contentLanguage: str(input['ContentLanguage']),
    storageClass: str(input['StorageClass']),
    websiteRedirectLocation: str(input['WebsiteRedirectLocation']),
  };
}

/** The blobs of every part of an object. */
const objectBlobKeys = (o: { parts: StoredPart[] }) => o.parts.flatMap(partBlobKeys);

/** Stores a new object version over the old one; the old bodies go once the new metadata is in. */
async function storeObject(ctx: Ctx, bucket: Bucket, obj: S3Object): Promise<void> {
  const old = Object.hasOwn(bucket.objects, obj.key) ? bucket.objects[obj.key] : undefined;
  bucket.objects[obj.key] = obj;
  if (old) await deleteBodies(ctx, objectBlobKeys(old));
}

/**
 * Encrypts `chunks` into the store segment by segment as they arrive (never the whole body in memory),
 * then records the object. The integrity checks are decided when the body has been read: a mismatch
 * fails the call and the segments already written are dropped with it.
 */
async function writeObject(
  ctx: Ctx,
  bucket: Bucket,
  key: string,
  chunks: AsyncIterable<Uint8Array>,
  fields: ReturnType<typeof objectFields> & { metadata: Record<string, string> },
  sse: SseRequest,
  integrity: { taps: Tap[]; wantMd5(): void; finish(): Promise<{ checksum?: { algorithm: ChecksumAlgorithm; value: string }; md5?: Uint8Array }> },
): Promise<S3Object> {
  const decision = decideEncryption(sse, { rule: bucket.encryption, blockSseC: bucket.blockSseC }, { secure: isSecure(ctx) });
  const { enc, keys } = await newEncryption(ctx, decision, bucket.name, key);
  // SSE-S3's ETag is the MD5 of the data; SSE-KMS and SSE-C ETags are not (the MD5 of what is stored).
  if (enc.mode === 'AES256') integrity.wantMd5();
  const storedMd5 = enc.mode === 'AES256' ? undefined : newMd5();
  const id = newId(ctx);
  let written;
  try {
    written = await writeSegments(ctx, keys, blobKeyOf(bucket.name, id, 1), chunks, { plain: integrity.taps, stored: storedMd5 ? [storedMd5] : [] });
  } finally {
    wipe(keys);
  }
  const { checksum, md5: plainMd5 } = await integrity.finish();
  const obj: S3Object = {
    key,
    id,
    size: written.size,
    etag: `"${toHex(storedMd5 ? storedMd5.digest() : plainMd5!)}"`,
    lastModified: ctx.now(),
    ...fields,
    checksum: checksum ? { ...checksum, type: 'FULL_OBJECT' } : undefined,
    encryption: enc,
    parts: [written.part],
  };
  await storeObject(ctx, bucket, obj);
  return obj;
}

const checksumOut = (c: S3Object['checksum'] | undefined): Record<string, string> =>
  c ? { [checksumMember(c.algorithm as ChecksumAlgorithm)]: c.value, ChecksumType: c.type } : {};

// ---------------------------------------------------------------- buckets

function createBucket(input: In, ctx: Ctx) {
  auditRequest(ctx, input);
  const name = str(input['Bucket']) ?? '';
  if (!isValidBucketName(name)) throw new ServiceError('InvalidBucketName', 'The specified bucket is not valid.', 400, { BucketName: name });
  authorizeS3(ctx, 's3:CreateBucket', bucketArn(name), undefined);
  const conf = input['CreateBucketConfiguration'] as { LocationConstraint?: string } | undefined;
  const constraint = conf?.LocationConstraint;
  if (constraint !== undefined && !isRegionName(constraint)) {
    throw new ServiceError('InvalidLocationConstraint', 'The specified location-constraint is not valid', 400, { LocationConstraint: constraint });
  }
  const region = constraint ?? 'us-east-1';
  if (region !== ctx.region) {
    if (constraint === undefined) {
      throw new ServiceError('IllegalLocationConstraintException', 'The unspecified location constraint is incompatible for the region specific endpoint this request was sent to.', 400);
    }
    throw new ServiceError('IllegalLocationConstraintException', `The ${constraint} location constraint is incompatible for the region specific endpoint this request was sent to.`, 400);
  }
  const s = s3State(ctx);
  const owner = bucketOwner(ctx, name);
  if (owner !== undefined && owner !== ctx.accountId) {
    // The bucket namespace is global: a name another account owns is taken.
    throw new ServiceError(
      'BucketAlreadyExists',
      'The requested bucket name is not available. The bucket namespace is shared by all users of the system. Please select a different name and try again.',
      409,
      { BucketName: name },
    );
  }
  const existing = Object.hasOwn(s.buckets, name) ? s.buckets[name] : undefined;
  if (existing) {
    // us-east-1 answers 200 to a repeat CreateBucket by the owner (legacy behaviour); other regions 409.
    if (existing.region === 'us-east-1' && region === 'us-east-1') return { Location: `/${name}` };
    throw new ServiceError('BucketAlreadyOwnedByYou', 'Your previous request to create the named bucket succeeded and you already own it.', 409, { BucketName: name });
  }
  s.buckets[name] = { name, region, creationDate: ctx.now(), blockSseC: true, objects: {}, uploads: {} };
  return { Location: `/${name}`, BucketArn: bucketArn(name) };
}

function headBucket(input: In, ctx: Ctx) {
  auditRequest(ctx, input);
  const b = getBucket(ctx, str(input['Bucket']) ?? '');
  authorizeS3(ctx, 's3:ListBucket', bucketArn(b.name), b);
  return { BucketRegion: b.region, AccessPointAlias: false, BucketArn: bucketArn(b.name) };
}

function listBuckets(input: In, ctx: Ctx) {
  auditRequest(ctx, input);
  authorizeS3(ctx, 's3:ListAllMyBuckets', '*', undefined);
  const buckets = Object.values(s3State(ctx).buckets).sort((a, b) => (a.name < b.name ? -1 : 1));
  const prefix = str(input['Prefix']);
  return {
    Buckets: buckets
      .filter((b) => prefix === undefined || b.name.startsWith(prefix))
      .map((b) => ({ Name: b.name, CreationDate: new Date(b.creationDate), BucketRegion: b.region, BucketArn: bucketArn(b.name) })),
    Owner: S3_OWNER,
    Prefix: prefix,
  };
}

function deleteBucket(input: In, ctx: Ctx) {
  auditRequest(ctx, input);
  const b = getBucket(ctx, str(input['Bucket']) ?? '');
  authorizeS3(ctx, 's3:DeleteBucket', bucketArn(b.name), b);
  if (Object.keys(b.objects).length || Object.keys(b.uploads).length) {
    throw new ServiceError('BucketNotEmpty', 'The bucket you tried to delete is not empty', 409, { BucketName: b.name });
  }
  delete s3State(ctx).buckets[b.name];
  return { $status: 204 };
}

function putBucketEncryption(input: In, ctx: Ctx) {
  auditRequest(ctx, input);
  const b = getBucket(ctx, str(input['Bucket']) ?? '');
  authorizeS3(ctx, 's3:PutEncryptionConfiguration', bucketArn(b.name), b);
  const conf = input['ServerSideEncryptionConfiguration'] as { Rules?: unknown } | undefined;
  const rules = conf?.Rules;
  if (!Array.isArray(rules) || rules.length !== 1) throw malformedXml();
  const rule = rules[0] as {
    ApplyServerSideEncryptionByDefault?: { SSEAlgorithm?: string; KMSMasterKeyID?: string };
    BucketKeyEnabled?: boolean;
    BlockedEncryptionTypes?: { EncryptionType?: string[] };
  };
  const def = rule.ApplyServerSideEncryptionByDefault;
  const alg = def?.SSEAlgorithm;
  if (alg !== 'AES256' && alg !== 'aws:kms' && alg !== 'aws:kms:dsse') throw malformedXml();
  if (def?.KMSMasterKeyID !== undefined && alg === 'AES256') {
    throw invalidArgument('a KMSMasterKeyID is not applicable if the default sse algorithm is not aws:kms or aws:kms:dsse', 'ApplyServerSideEncryptionByDefault');
  }
  const blocked = rule.BlockedEncryptionTypes?.EncryptionType;
  if (blocked !== undefined) {
    if (!Array.isArray(blocked) || blocked.some((t) => t !== 'NONE' && t !== 'SSE-C')) throw malformedXml();
  }
  // S3 does not check the KMS key here: a bad key fails at the first PutObject.
  b.encryption = { sseAlgorithm: alg, kmsMasterKeyId: def?.KMSMasterKeyID, bucketKeyEnabled: rule.BucketKeyEnabled === true };
  // Omitting BlockedEncryptionTypes leaves the block as it was.
  if (blocked !== undefined) b.blockSseC = blocked.includes('SSE-C');
  return undefined;
}

function encryptionConfigOf(b: Bucket) {
  const r = b.encryption;
  const def: Record<string, string> = { SSEAlgorithm: r?.sseAlgorithm ?? 'AES256' };
  if (r?.kmsMasterKeyId !== undefined) def['KMSMasterKeyID'] = r.kmsMasterKeyId;
  return {
    Rules: [
      {
        ApplyServerSideEncryptionByDefault: def,
        BucketKeyEnabled: r?.bucketKeyEnabled ?? false,
        BlockedEncryptionTypes: { EncryptionType: [b.blockSseC ? 'SSE-C' : 'NONE'] },
      },
    ],
  };
}

function getBucketEncryption(input: In, ctx: Ctx) {
  auditRequest(ctx, input);
  const b = getBucket(ctx, str(input['Bucket']) ?? '');
  authorizeS3(ctx, 's3:GetEncryptionConfiguration', bucketArn(b.name), b);
  return { ServerSideEncryptionConfiguration: encryptionConfigOf(b) };
}

function deleteBucketEncryption(input: In, ctx: Ctx) {
  auditRequest(ctx, input);
  const b = getBucket(ctx, str(input['Bucket']) ?? '');
  authorizeS3(ctx, 's3:PutEncryptionConfiguration', bucketArn(b.name), b);
  delete b.encryption;
  return { $status: 204 };
}

function putBucketPolicy(input: In, ctx: Ctx) {
  auditRequest(ctx, input);
  const b = getBucket(ctx, str(input['Bucket']) ?? '');
  authorizeS3(ctx, 's3:PutBucketPolicy', bucketArn(b.name), b);
  const text = str(input['Policy']) ?? '';
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    doc = undefined;
  }
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc) || !text.trimStart().startsWith('{')) {
    throw new ServiceError('MalformedPolicy', "Policies must be valid JSON and the first byte must be '{'", 400);
  }
  const st = (doc as { Statement?: unknown }).Statement;
  const statements = Array.isArray(st) ? st : st === undefined ? [] : [st];
  if (statements.length === 0) throw new ServiceError('MalformedPolicy', 'Missing required field Statement', 400);
  for (const s of statements) {
    if (s === null || typeof s !== 'object') throw new ServiceError('MalformedPolicy', 'Statement is not an object', 400);
    const o = s as Record<string, unknown>;
    if (o['Principal'] === undefined && o['NotPrincipal'] === undefined) throw new ServiceError('MalformedPolicy', 'Missing required field Principal', 400);
    if (o['Effect'] !== 'Allow' && o['Effect'] !== 'Deny') throw new ServiceError('MalformedPolicy', 'Invalid effect: ' + String(o['Effect']), 400);
    const res = ([] as unknown[]).concat(o['Resource'] ?? o['NotResource'] ?? []);
    for (const r of res) {
      if (typeof r !== 'string' || !(r === '*' || r === bucketArn(b.name) || r.startsWith(`${bucketArn(b.name)}/`))) {
        throw new ServiceError('MalformedPolicy', 'Policy has invalid resource', 400);
      }
    }
  }
  b.policy = text;
  return { $status: 204 };
}

function getBucketPolicy(input: In, ctx: Ctx) {
  auditRequest(ctx, input);
  const b = getBucket(ctx, str(input['Bucket']) ?? '');
  authorizeS3(ctx, 's3:GetBucketPolicy', bucketArn(b.name), b);
  if (b.policy === undefined) throw new ServiceError('NoSuchBucketPolicy', 'The bucket policy does not exist', 404, { BucketName: b.name });
  return { Policy: b.policy };
}

function deleteBucketPolicy(input: In, ctx: Ctx) {
  auditRequest(ctx, input);
  const b = getBucket(ctx, str(input['Bucket']) ?? '');
  authorizeS3(ctx, 's3:DeleteBucketPolicy', bucketArn(b.name), b);
  delete b.policy;
  return { $status: 204 };
}

const CORS_METHODS = new Set(['GET', 'PUT', 'HEAD', 'POST', 'DELETE']);

function putBucketCors(input: In, ctx: Ctx) {
  auditRequest(ctx, input);
  const b = getBucket(ctx, str(input['Bucket']) ?? '');
  authorizeS3(ctx, 's3:PutBucketCORS', bucketArn(b.name), b);
  const rules = (input['CORSConfiguration'] as { CORSRules?: unknown } | undefined)?.CORSRules;
  if (!Array.isArray(rules) || rules.length === 0 || rules.length > 100) throw malformedXml();
  const out: CorsRule[] = [];
  for (const r of rules as CorsRule[]) {
    if (!Array.isArray(r.AllowedMethods) || !Array.isArray(r.AllowedOrigins) || !r.AllowedMethods.length || !r.AllowedOrigins.length) throw malformedXml();
    for (const m of r.AllowedMethods) {
      if (!CORS_METHODS.has(m)) throw new ServiceError('InvalidRequest', `Found unsupported HTTP method in CORS config. Unsupported method is ${m}`, 400);
    }
    for (const o of [...r.AllowedOrigins, ...(r.AllowedHeaders ?? [])]) {
      if ((o.match(/\*/g) ?? []).length > 1) {
        throw new ServiceError('InvalidRequest', `AllowedOrigin "${o}" can not have more than one wildcard.`, 400);
      }
    }
    out.push({
      ID: r.ID,
      AllowedHeaders: r.AllowedHeaders,
      AllowedMethods: r.AllowedMethods,
      AllowedOrigins: r.AllowedOrigins,
      ExposeHeaders: r.ExposeHeaders,
      MaxAgeSeconds: r.MaxAgeSeconds,
    });
  }
  b.cors = out;
  return undefined;
}

function getBucketCors(input: In, ctx: Ctx) {
  auditRequest(ctx, input);
  const b = getBucket(ctx, str(input['Bucket']) ?? '');
  authorizeS3(ctx, 's3:GetBucketCORS', bucketArn(b.name), b);
  if (!b.cors) throw new ServiceError('NoSuchCORSConfiguration', 'The CORS configuration does not exist', 404, { BucketName: b.name });
  return { CORSRules: b.cors.map((r) => Object.fromEntries(Object.entries(r).filter(([, v]) => v !== undefined))) };
}

function deleteBucketCors(input: In, ctx: Ctx) {
  auditRequest(ctx, input);
  const b = getBucket(ctx, str(input['Bucket']) ?? '');
  authorizeS3(ctx, 's3:PutBucketCORS', bucketArn(b.name), b);
  delete b.cors;
  return { $status: 204 };
}

// ---------------------------------------------------------------- objects

async function putObject(input: In, ctx: Ctx) {
  auditRequest(ctx, input);
  const b = getBucket(ctx, str(input['Bucket']) ?? '');
  const key = checkKey(input['Key']);
  authorizeS3(ctx, 's3:PutObject', objectArn(b.name, key), b, sseConditions(input));
  const metadata = checkMetadata(input['Metadata']);
  const src = bodySource(input['Body']);
  const obj = await writeObject(ctx, b, key, src.chunks, { ...objectFields(input), metadata }, sseRequestOf(input), new BodyIntegrity(input, src));
  return { ETag: obj.etag, ...checksumOut(obj.checksum), ...sseOutput(obj.encryption), Size: obj.size };
}

function findObject(b: Bucket, key: string): S3Object {
  const o = Object.hasOwn(b.objects, key) ? b.objects[key] : undefined;
  if (!o) throw noSuchKey(key);
  return o;
}

/** A Range header: bytes=a-b, bytes=a-, bytes=-n. Undefined when absent or not a single byte range (AWS then ignores it). */
export function parseRange(range: string | undefined, size: number): { start: number; end: number } | undefined | 'unsatisfiable' {
  if (range === undefined) return undefined;
  const m = /^bytes=(\d*)-(\d*)$/.exec(range.trim());
  if (!m || (m[1] === '' && m[2] === '')) return undefined;
  if (m[1] === '') {
    const n = Number(m[2]);
    if (n === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - n), end: size - 1 };
  }
  const start = Number(m[1]);
  const end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  if (m[2] !== '' && Number(m[2]) < start) return undefined;
  if (start >= size) return 'unsatisfiable';
  return { start, end };
}

function objectHeaders(o: S3Object): Record<string, unknown> {
  return {
    ETag: o.etag,
    LastModified: new Date(o.lastModified),
    ContentType: o.contentType,
    Metadata: o.metadata,
    CacheControl: o.cacheControl,
    ContentDisposition: o.contentDisposition,
    ContentEncoding: o.contentEncoding,
    ContentLanguage: o.contentLanguage,
    StorageClass: o.storageClass && o.storageClass !== 'STANDARD' ? o.storageClass : undefined,
    WebsiteRedirectLocation: o.websiteRedirectLocation,
    AcceptRanges: 'bytes',
    PartsCount: o.partsCount,
    ...sseOutput(o.encryption),
  };
}

function readSse(input: In) {
  return {
    algorithm: str(input['SSECustomerAlgorithm']),
    key: str(input['SSECustomerKey']),
    keyMd5: str(input['SSECustomerKeyMD5']),
    sse: str(input['ServerSideEncryption']),
  };
}

async function getObject(input: In, ctx: Ctx) {
  auditRequest(ctx, input);
  const b = getBucket(ctx, str(input['Bucket']) ?? '');
  const key = checkKey(input['Key']);
  authorizeS3(ctx, 's3:GetObject', objectArn(b.name, key), b);
  const o = findObject(b, key);
  const customerKey = await readKeyFor(ctx, o, readSse(input));
  const range = parseRange(str(input['Range']), o.size);
  if (range === 'unsatisfiable') {
    throw new ServiceError('InvalidRange', 'The requested range is not satisfiable', 416, { RangeRequested: str(input['Range']) ?? '', ActualObjectSize: String(o.size) });
  }
  // The body streams from the store, decrypted a segment at a time as the client reads it.
  const body = await plaintextStream(ctx, b.name, o, customerKey, range);
  const length = range ? range.end - range.start + 1 : o.size;
  const out: Record<string, unknown> = { ...objectHeaders(o), Body: body, ContentLength: length };
  if (range) {
    out['ContentRange'] = `bytes ${range.start}-${range.end}/${o.size}`;
    out['$status'] = 206;
  } else if (str(input['ChecksumMode']) === 'ENABLED') Object.assign(out, checksumOut(o.checksum));
  return out;
}

async function headObject(input: In, ctx: Ctx) {
  auditRequest(ctx, input);
  const b = getBucket(ctx, str(input['Bucket']) ?? '');
  const key = checkKey(input['Key']);
  authorizeS3(ctx, 's3:GetObject', objectArn(b.name, key), b);
  const o = findObject(b, key);
  await readKeyFor(ctx, o, readSse(input));
  const out: Record<string, unknown> = { ...objectHeaders(o), ContentLength: o.size };
  if (str(input['ChecksumMode']) === 'ENABLED') Object.assign(out, checksumOut(o.checksum));
  return out;
}

async function deleteObject(input: In, ctx: Ctx) {
  auditRequest(ctx, input);
  const b = getBucket(ctx, str(input['Bucket']) ?? '');
  const key = checkKey(input['Key']);
  authorizeS3(ctx, 's3:DeleteObject', objectArn(b.name, key), b);
  const o = Object.hasOwn(b.objects, key) ? b.objects[key] : undefined;
  if (o) {
    delete b.objects[key];
    await deleteBodies(ctx, objectBlobKeys(o));
  }
  return { $status: 204 };
}

async function deleteObjects(input: In, ctx: Ctx) {
  auditRequest(ctx, input);
  const b = getBucket(ctx, str(input['Bucket']) ?? '');
  const del = input['Delete'] as { Objects?: { Key?: string }[]; Quiet?: boolean } | undefined;
  const objects = del?.Objects;
  if (!Array.isArray(objects) || objects.length === 0 || objects.length > 1000) throw malformedXml();
  const Deleted: { Key: string }[] = [];
  const Errors: { Key: string; Code: string; Message: string }[] = [];
  for (const { Key } of objects) {
    const key = String(Key ?? '');
    try {
      authorizeS3(ctx, 's3:DeleteObject', objectArn(b.name, key), b);
      const o = Object.hasOwn(b.objects, key) ? b.objects[key] : undefined;
      if (o) {
        delete b.objects[key];
        await deleteBodies(ctx, objectBlobKeys(o));
      }
      if (!del?.Quiet) Deleted.push({ Key: key });
    } catch (e) {
      if (!(e instanceof ServiceError)) throw e;
      Errors.push({ Key: key, Code: e.code, Message: e.awsMessage ?? e.code });
    }
  }
  return { Deleted: Deleted.length ? Deleted : undefined, Errors: Errors.length ? Errors : undefined };
}

function listObjectsV2(input: In, ctx: Ctx) {
  auditRequest(ctx, input);
  const b = getBucket(ctx, str(input['Bucket']) ?? '');
  const prefix = str(input['Prefix']) ?? '';
  authorizeS3(ctx, 's3:ListBucket', bucketArn(b.name), b, { 's3:prefix': prefix, 's3:delimiter': str(input['Delimiter']) });
  const delimiter = str(input['Delimiter']) || undefined;
  const maxKeys = typeof input['MaxKeys'] === 'number' ? Math.max(0, Math.min(1000, input['MaxKeys'])) : 1000;
  const token = str(input['ContinuationToken']);
  let after = str(input['StartAfter']) ?? '';
  if (token !== undefined) {
    const decoded = fromBase64(token);
    if (!decoded) throw invalidArgument('The continuation token provided is incorrect', 'continuation-token');
    after = new TextDecoder().decode(decoded);
  }
  const keys = Object.keys(b.objects).filter((k) => k.startsWith(prefix) && k > after).sort();
  const Contents: Record<string, unknown>[] = [];
  const prefixes: string[] = [];
  let last = '';
  let truncated = false;
  for (const k of keys) {
    if (Contents.length + prefixes.length >= maxKeys) {
      truncated = true;
      break;
    }
    if (delimiter) {
      const i = k.indexOf(delimiter, prefix.length);
      if (i >= 0) {
        const cp = k.slice(0, i + delimiter.length);
        if (!prefixes.includes(cp)) {
          prefixes.push(cp);
        }
        last = k;
        continue;
      }
    }
    const o = b.objects[k]!;
    Contents.push({
      Key: k,
      LastModified: new Date(o.lastModified),
      ETag: o.etag,
      Size: o.size,
      StorageClass: o.storageClass ?? 'STANDARD',
      ChecksumAlgorithm: o.checksum ? [o.checksum.algorithm] : undefined,
      ChecksumType: o.checksum?.type,
    });
    last = k;
  }
  if (truncated && delimiter) {
    // Skip past the last common prefix so the next page does not repeat it.
    const lp = prefixes[prefixes.length - 1];
    if (lp && last.startsWith(lp)) last = lp + '\uffff';
  }
  return {
    Name: b.name,
    Prefix: prefix,
    Delimiter: delimiter,
    MaxKeys: maxKeys,
    KeyCount: Contents.length + prefixes.length,
    IsTruncated: truncated,
    Contents: Contents.length ? Contents : undefined,
    CommonPrefixes: prefixes.length ? prefixes.map((p) => ({ Prefix: p })) : undefined,
    ContinuationToken: token,
    NextContinuationToken: truncated ? toBase64(utf8(last)) : undefined,
    StartAfter: str(input['StartAfter']),
    EncodingType: str(input['EncodingType']),
  };
}

function parseCopySource(raw: unknown): { bucket: string; key: string } {
  const s = str(raw);
  if (!s) throw invalidArgument('Copy Source must mention the source bucket and key: sourcebucket/sourcekey', 'x-amz-copy-source');
  let v = s.split('?')[0]!;
  try {
    v = decodeURIComponent(v);
  } catch {
    throw invalidArgument('Invalid copy source encoding', 'x-amz-copy-source', s);
  }
  if (v.startsWith('/')) v = v.slice(1);
  const i = v.indexOf('/');
  if (i <= 0 || i === v.length - 1) throw invalidArgument('Copy Source must mention the source bucket and key: sourcebucket/sourcekey', 'x-amz-copy-source', s);
  return { bucket: v.slice(0, i), key: v.slice(i + 1) };
}

async function copyObject(input: In, ctx: Ctx) {
  auditRequest(ctx, input);
  const b = getBucket(ctx, str(input['Bucket']) ?? '');
  const key = checkKey(input['Key']);
  const src = parseCopySource(input['CopySource']);
  const sb = getBucket(ctx, src.bucket);
  authorizeS3(ctx, 's3:GetObject', objectArn(sb.name, src.key), sb);
  authorizeS3(ctx, 's3:PutObject', objectArn(b.name, key), b, sseConditions(input));
  const so = findObject(sb, src.key);
  const sourceKey = await readKeyFor(ctx, so, {
    algorithm: str(input['CopySourceSSECustomerAlgorithm']),
    key: str(input['CopySourceSSECustomerKey']),
    keyMd5: str(input['CopySourceSSECustomerKeyMD5']),
  });
  const sse = sseRequestOf(input);
  const directive = str(input['MetadataDirective']) ?? 'COPY';
  if (directive !== 'COPY' && directive !== 'REPLACE') throw invalidArgument('Unknown metadata directive.', 'x-amz-metadata-directive', directive);
  const changesSomething =
    directive === 'REPLACE' ||
    sse.ServerSideEncryption !== undefined ||
    sse.SSECustomerAlgorithm !== undefined ||
    input['StorageClass'] !== undefined ||
    input['WebsiteRedirectLocation'] !== undefined ||
    // The quirk AWS shows: an explicitly configured bucket default makes the in-place copy legal.
    b.encryption !== undefined;
  if (sb.name === b.name && src.key === key && !changesSomething) {
    throw new ServiceError(
      'InvalidRequest',
      "This copy request is illegal because it is trying to copy an object to itself without changing the object's metadata, storage class, website redirect location or encryption attributes.",
      400,
    );
  }
  const fields =
    directive === 'REPLACE'
      ? { ...objectFields(input), metadata: checkMetadata(input['Metadata']) }
      : {
          contentType: so.contentType,
          cacheControl: so.cacheControl,
          contentDisposition: so.contentDisposition,
          contentEncoding: so.contentEncoding,
          contentLanguage: so.contentLanguage,
          storageClass: str(input['StorageClass']) ?? so.storageClass,
          websiteRedirectLocation: str(input['WebsiteRedirectLocation']),
          metadata: { ...so.metadata },
        };
  const declared = str(input['ChecksumAlgorithm']);
  const alg = declared && isChecksumAlgorithm(declared) ? declared : (so.checksum?.algorithm as ChecksumAlgorithm | undefined);
  // The source streams out of its segments into the target's, decrypted and re-encrypted on the way.
  const plaintext = await plaintextStream(ctx, sb.name, so, sourceKey);
  const integrity = new BodyIntegrity(alg ? { ChecksumAlgorithm: alg } : {}, { chunks: plaintext, trailers: () => ({}), announced: [] });
  // Copies never inherit the source's encryption or context: the target is decided afresh.
  let obj: S3Object;
  try {
    obj = await writeObject(ctx, b, key, plaintext, fields, sse, integrity);
  } finally {
    // Ends the source stream even when the write failed before reading it (its keys are zeroed then).
    await plaintext.return(undefined);
  }
  return {
    CopyObjectResult: { ETag: obj.etag, LastModified: new Date(obj.lastModified), ...(obj.checksum ? { [checksumMember(obj.checksum.algorithm as ChecksumAlgorithm)]: obj.checksum.value, ChecksumType: obj.checksum.type } : {}) },
    ...sseOutput(obj.encryption),
  };
}

// ---------------------------------------------------------------- multipart

function getUpload(b: Bucket, id: string, key: string): MultipartUpload {
  const u = Object.hasOwn(b.uploads, id) ? b.uploads[id] : undefined;
  if (!u || u.key !== key) throw noSuchUpload(id);
  return u;
}

async function createMultipartUpload(input: In, ctx: Ctx) {
  auditRequest(ctx, input);
  const b = getBucket(ctx, str(input['Bucket']) ?? '');
  const key = checkKey(input['Key']);
  authorizeS3(ctx, 's3:PutObject', objectArn(b.name, key), b, sseConditions(input));
  const metadata = checkMetadata(input['Metadata']);
  const decision = decideEncryption(sseRequestOf(input), { rule: b.encryption, blockSseC: b.blockSseC }, { secure: isSecure(ctx) });
  const { enc, keys } = await newEncryption(ctx, decision, b.name, key);
  wipe(keys);
  const uploadId = toBase64(ctx.randomBytes(48)).replace(/\+/g, '.').replace(/\//g, '_').replace(/=+$/, '');
  const alg = str(input['ChecksumAlgorithm']);
  if (alg !== undefined && !isChecksumAlgorithm(alg)) throw invalidArgument('Checksum algorithm provided is unsupported.', 'x-amz-checksum-algorithm', alg);
  b.uploads[uploadId] = {
    uploadId,
    key,
    initiated: ctx.now(),
    contentType: str(input['ContentType']) ?? 'binary/octet-stream',
    metadata,
    checksumAlgorithm: alg,
    encryption: enc,
    parts: {},
  };
  return { Bucket: b.name, Key: key, UploadId: uploadId, ChecksumAlgorithm: alg, ChecksumType: alg ? 'COMPOSITE' : undefined, ...sseOutput(enc) };
}

async function partKeys(ctx: Ctx, input: In, b: Bucket, u: MultipartUpload): Promise<{ keys: Uint8Array[]; customer?: Uint8Array }> {
  const r = { algorithm: str(input['SSECustomerAlgorithm']), key: str(input['SSECustomerKey']), keyMd5: str(input['SSECustomerKeyMD5']) };
  const customer = checkCustomerKey(r, { secure: isSecure(ctx) });
  const MISMATCH = 'The multipart upload initiate requested encryption. Subsequent part requests must include the appropriate encryption parameters.';
  if (u.encryption.mode === 'SSE-C') {
    if (!customer) throw new ServiceError('InvalidRequest', MISMATCH, 400);
    if (!(await customerKeyMatches(ctx, u.encryption, customer.key))) {
      throw new ServiceError('InvalidRequest', 'The provided encryption parameters did not match the ones used originally.', 400);
    }
    return { keys: [customer.key], customer: customer.key };
  }
  if (customer) throw new ServiceError('InvalidRequest', MISMATCH, 400);
  return { keys: await openDataKeys(ctx, u.encryption, b.name, u.key) };
}

async function uploadPart(input: In, ctx: Ctx) {
  auditRequest(ctx, input);
  const b = getBucket(ctx, str(input['Bucket']) ?? '');
  const key = checkKey(input['Key']);
  authorizeS3(ctx, 's3:PutObject', objectArn(b.name, key), b);
  const n = input['PartNumber'];
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 1 || n > 10000) {
    throw invalidArgument('Part number must be an integer between 1 and 10000, inclusive', 'partNumber', String(n));
  }
  const u = getUpload(b, str(input['UploadId']) ?? '', key);
  const src = bodySource(input['Body']);
  const integrity = new BodyIntegrity(input, src);
  const { keys, customer } = await partKeys(ctx, input, b, u);
  if (u.encryption.mode === 'AES256') integrity.wantMd5();
  const storedMd5 = u.encryption.mode === 'AES256' ? undefined : newMd5();
  const blobKey = blobKeyOf(b.name, `${u.uploadId}-${n}-${newId(ctx)}`, n);
  let written;
  try {
    written = await writeSegments(ctx, keys, blobKey, src.chunks, { plain: integrity.taps, stored: storedMd5 ? [storedMd5] : [] });
  } finally {
    wipe(keys, customer);
    customer?.fill(0);
  }
  const { checksum, md5: plainMd5 } = await integrity.finish();
  const old = u.parts[String(n)];
  const etag = `"${toHex(storedMd5 ? storedMd5.digest() : plainMd5!)}"`;
  u.parts[String(n)] = {
    partNumber: n,
    etag,
    size: written.size,
    blobKey,
    segments: written.part.segments,
    segmentBytes: written.part.segmentBytes,
    lastModified: ctx.now(),
    checksum: checksum?.value,
  };
  if (old) await deleteBodies(ctx, partBlobKeys(old));
  const out: Record<string, unknown> = { ETag: etag, ...sseOutput(u.encryption) };
  if (checksum) out[checksumMember(checksum.algorithm)] = checksum.value;
  return out;
}

async function completeMultipartUpload(input: In, ctx: Ctx) {
  auditRequest(ctx, input);
  const b = getBucket(ctx, str(input['Bucket']) ?? '');
  const key = checkKey(input['Key']);
  authorizeS3(ctx, 's3:PutObject', objectArn(b.name, key), b);
  const u = getUpload(b, str(input['UploadId']) ?? '', key);
  const listed = (input['MultipartUpload'] as { Parts?: { PartNumber?: number; ETag?: string }[] } | undefined)?.Parts;
  if (!Array.isArray(listed) || listed.length === 0) throw malformedXml();
  let prev = 0;
  const chosen: MultipartUpload['parts'][string][] = [];
  for (const p of listed) {
    const n = Number(p.PartNumber);
    if (!(n > prev)) {
      throw new ServiceError('InvalidPartOrder', 'The list of parts was not in ascending order. Parts must be ordered by part number.', 400, { UploadId: u.uploadId });
    }
    prev = n;
    const have = u.parts[String(n)];
    const etag = (p.ETag ?? '').replace(/^"?/, '"').replace(/"?$/, '"');
    if (!have || have.etag !== etag) {
      throw new ServiceError(
        'InvalidPart',
        "One or more of the specified parts could not be found.  The part may not have been uploaded, or the specified entity tag may not match the part's entity tag.",
        400,
        { UploadId: u.uploadId, PartNumber: String(n), ETag: p.ETag ?? '' },
      );
    }
    chosen.push(have);
  }
  for (let i = 0; i < chosen.length - 1; i++) {
    if (chosen[i]!.size < MIN_PART_BYTES) {
      throw new ServiceError('EntityTooSmall', 'Your proposed upload is smaller than the minimum allowed size', 400, {
        ProposedSize: String(chosen[i]!.size),
        MinSizeAllowed: String(MIN_PART_BYTES),
        PartNumber: String(chosen[i]!.partNumber),
        ETag: chosen[i]!.etag,
      });
    }
  }
  const h = new Md5();
  for (const p of chosen) h.update(fromHex(p.etag.replace(/"/g, '')));
  const etag = `"${toHex(h.digest())}-${chosen.length}"`;
  let checksum: S3Object['checksum'];
  if (u.checksumAlgorithm && isChecksumAlgorithm(u.checksumAlgorithm) && chosen.every((p) => p.checksum)) {
    const c = newChecksum(u.checksumAlgorithm, ctx.subtle);
    for (const p of chosen) c.update(fromBase64(p.checksum!) ?? new Uint8Array());
    checksum = { algorithm: u.checksumAlgorithm, value: `${await c.digest()}-${chosen.length}`, type: 'COMPOSITE' };
  }
  const obj: S3Object = {
    key,
    id: u.uploadId,
    size: chosen.reduce((n, p) => n + p.size, 0),
    etag,
    lastModified: ctx.now(),
    contentType: u.contentType,
    metadata: u.metadata,
    checksum,
    encryption: u.encryption,
    parts: chosen.map((p) => ({ blobKey: p.blobKey, size: p.size, segments: p.segments, segmentBytes: p.segmentBytes })),
    partsCount: chosen.length,
  };
  const unused = Object.values(u.parts).filter((p) => !chosen.includes(p));
  delete b.uploads[u.uploadId];
  await storeObject(ctx, b, obj);
  await deleteBodies(ctx, unused.flatMap(partBlobKeys));
  const out: Record<string, unknown> = {
    Location: `https://${b.name}.s3.${b.region}.amazonaws.com/${encodeURIComponent(key).replace(/%2F/g, '/')}`,
    Bucket: b.name,
    Key: key,
    ETag: etag,
    ...checksumOut(checksum),
  };
  // CompleteMultipartUpload does not echo SSE-C fields.
  if (obj.encryption.mode !== 'SSE-C') Object.assign(out, sseOutput(obj.encryption));
  return out;
}

async function abortMultipartUpload(input: In, ctx: Ctx) {
  auditRequest(ctx, input);
  const b = getBucket(ctx, str(input['Bucket']) ?? '');
  const key = checkKey(input['Key']);
  authorizeS3(ctx, 's3:AbortMultipartUpload', objectArn(b.name, key), b);
  const u = getUpload(b, str(input['UploadId']) ?? '', key);
  delete b.uploads[u.uploadId];
  await deleteBodies(ctx, Object.values(u.parts).flatMap(partBlobKeys));
  return { $status: 204 };
}

function listParts(input: In, ctx: Ctx) {
  auditRequest(ctx, input);
  const b = getBucket(ctx, str(input['Bucket']) ?? '');
  const key = checkKey(input['Key']);
  authorizeS3(ctx, 's3:ListMultipartUploadParts', objectArn(b.name, key), b);
  const u = getUpload(b, str(input['UploadId']) ?? '', key);
  const max = typeof input['MaxParts'] === 'number' ? Math.max(0, Math.min(1000, input['MaxParts'])) : 1000;
  const marker = Number(str(input['PartNumberMarker']) ?? input['PartNumberMarker'] ?? 0) || 0;
  const all = Object.values(u.parts).filter((p) => p.partNumber > marker).sort((x, y) => x.partNumber - y.partNumber);
  const page = all.slice(0, max);
  const truncated = all.length > page.length;
  return {
    Bucket: b.name,
    Key: key,
    UploadId: u.uploadId,
    PartNumberMarker: String(marker),
    NextPartNumberMarker: page.length ? String(page[page.length - 1]!.partNumber) : undefined,
    MaxParts: max,
    IsTruncated: truncated,
    Parts: page.map((p) => ({
      PartNumber: p.partNumber,
      LastModified: new Date(p.lastModified),
      ETag: p.etag,
      Size: p.size,
      ...(p.checksum && u.checksumAlgorithm ? { [checksumMember(u.checksumAlgorithm as ChecksumAlgorithm)]: p.checksum } : {}),
    })),
    Initiator: { ID: ctx.caller.arn, DisplayName: S3_OWNER.DisplayName },
    Owner: S3_OWNER,
    StorageClass: 'STANDARD',
    ChecksumAlgorithm: u.checksumAlgorithm,
    ...(u.encryption.mode === 'SSE-C' ? { SSECustomerAlgorithm: 'AES256', SSECustomerKeyMD5: u.encryption.customerKeyMd5 } : {}),
  };
}

export const s3Operations: Record<string, Operation> = {
  CreateBucket: createBucket,
  HeadBucket: headBucket,
  ListBuckets: listBuckets,
  DeleteBucket: deleteBucket,
  PutBucketEncryption: putBucketEncryption,
  GetBucketEncryption: getBucketEncryption,
  DeleteBucketEncryption: deleteBucketEncryption,
  PutBucketPolicy: putBucketPolicy,
  GetBucketPolicy: getBucketPolicy,
  DeleteBucketPolicy: deleteBucketPolicy,
  PutBucketCors: putBucketCors,
  GetBucketCors: getBucketCors,
  DeleteBucketCors: deleteBucketCors,
  PutObject: putObject,
  GetObject: getObject,
  HeadObject: headObject,
  DeleteObject: deleteObject,
  DeleteObjects: deleteObjects,
  ListObjectsV2: listObjectsV2,
  CopyObject: copyObject,
  CreateMultipartUpload: createMultipartUpload,
  UploadPart: uploadPart,
  CompleteMultipartUpload: completeMultipartUpload,
  AbortMultipartUpload: abortMultipartUpload,
  ListParts: listParts,
};

/** Object-level calls are CloudTrail data events; LookupEvents does not return them (docs/s3.md). */
export const S3_DATA_EVENTS: ReadonlySet<string> = new Set([
  'PutObject', 'GetObject', 'HeadObject', 'DeleteObject', 'DeleteObjects', 'CopyObject',
  'CreateMultipartUpload', 'UploadPart', 'CompleteMultipartUpload', 'AbortMultipartUpload', 'ListParts', 'ListObjectsV2',
]);

export const S3_READ_ONLY: ReadonlySet<string> = new Set([
  'HeadBucket', 'ListBuckets', 'GetBucketEncryption', 'GetBucketPolicy', 'GetBucketCors', 'GetObject', 'HeadObject', 'ListObjectsV2', 'ListParts',
]);

export { checksumHeader };
