/**
 * The one module that touches S3's storage: the account's `state.s3` (store/records.ts keeps one
 * record per bucket and one for the S3-managed key, committed in the call's write set like KMS keys)
 * and the bodies in the store's blob area (`ctx.blobs`: written before the metadata that names them
 * by blobKey; a failed call's bodies are dropped, deleted ones go when the call commits).
 */
import { ServiceError } from '../protocol/service-error';
import { SANDBOX_ACCOUNT_ID, type RequestContext } from '../shared/context';
import type { Bucket, S3State } from './s3-models';

type Ctx = Pick<RequestContext, 'state' | 'randomBytes' | 'region' | 'now' | 'accountId'> & Partial<Pick<RequestContext, 'accountState' | 'accountIds'>>;

/** The lab bucket the guest role may use (its own prefix only), as the teacher's template creates it. */
export const LAB_BUCKET = 'kms-lab-bucket';

/** The lab bucket's CORS, as the template sets it (s3-cognito-behavior.md 4.1). */
const LAB_BUCKET_CORS = [
  {
    AllowedOrigins: ['*'],
    AllowedMethods: ['GET', 'PUT', 'HEAD', 'POST', 'DELETE'],
    AllowedHeaders: ['*'],
    ExposeHeaders: [
      'ETag', 'x-amz-version-id', 'x-amz-request-id', 'x-amz-server-side-encryption', 'x-amz-server-side-encryption-aws-kms-key-id',
      'x-amz-server-side-encryption-bucket-key-enabled', 'x-amz-server-side-encryption-customer-algorithm',
      'x-amz-server-side-encryption-customer-key-MD5', 'x-amz-checksum-crc32',
    ],
    MaxAgeSeconds: 3000,
  },
];

export function s3State(ctx: Ctx): S3State {
  let s = ctx.state.s3;
  if (!s) {
    s = { buckets: {}, masterKey: ctx.randomBytes(32) };
    // The lab bucket belongs to the lab's own account (bucket names are global: one owner).
    if (ctx.accountId === SANDBOX_ACCOUNT_ID) {
      s.buckets[LAB_BUCKET] = { name: LAB_BUCKET, region: ctx.region, creationDate: ctx.now(), blockSseC: true, cors: LAB_BUCKET_CORS, objects: {}, uploads: {} };
    }
    ctx.state.s3 = s;
  }
  return s;
}

/**
 * The account that owns a bucket name, whichever it is: S3's bucket namespace is global, shared by all
 * accounts. undefined when no account has it.
 */
export function bucketOwner(ctx: Ctx, name: string): string | undefined {
  if (findBucket(ctx, name)) return ctx.accountId;
  const ids = ctx.accountIds?.() ?? [];
  for (const id of ids) {
    if (id === ctx.accountId) continue;
    const other = ctx.accountState?.(id)?.s3;
    // The lab bucket exists from the start in the lab's account, before its S3 state is first made.
    if (other ? Object.hasOwn(other.buckets, name) : id === SANDBOX_ACCOUNT_ID && name === LAB_BUCKET) return id;
  }
  if (name === LAB_BUCKET && ctx.accountId !== SANDBOX_ACCOUNT_ID && !ids.includes(SANDBOX_ACCOUNT_ID)) return SANDBOX_ACCOUNT_ID;
  return undefined;
}

export const noSuchBucket = (name: string) =>
  new ServiceError('NoSuchBucket', 'The specified bucket does not exist', 404, { BucketName: name });

export function findBucket(ctx: Ctx, name: string): Bucket | undefined {
  const s = s3State(ctx);
  return Object.hasOwn(s.buckets, name) ? s.buckets[name] : undefined;
}

export function getBucket(ctx: Ctx, name: string): Bucket {
  const b = findBucket(ctx, name);
  if (b) return b;
  // Sandbox differs: S3 serves another account's bucket when its bucket policy (and the caller's IAM
  // policy) allow it; the sandbox serves a bucket to its own account only, and answers another
  // account's callers as S3 does when no bucket policy grants them anything (403 AccessDenied).
  if (bucketOwner(ctx, name) !== undefined) throw new ServiceError('AccessDenied', 'Access Denied', 403);
  throw noSuchBucket(name);
}

export const blobKeyOf = (bucket: string, objectId: string, part: number) => `s3/${bucket}/${objectId}/${part}`;

function blobs(ctx: Pick<RequestContext, 'blobs'>) {
  if (!ctx.blobs) throw new ServiceError('InternalError', 'We encountered an internal error. Please try again.', 500);
  return ctx.blobs;
}

export async function putBody(ctx: Pick<RequestContext, 'blobs'>, key: string, bytes: Uint8Array): Promise<void> {
  await blobs(ctx).put(key, bytes);
}

export async function getBody(ctx: Pick<RequestContext, 'blobs'>, key: string): Promise<Uint8Array> {
  const b = await blobs(ctx).get(key);
  if (!b) throw new ServiceError('InternalError', 'We encountered an internal error. Please try again.', 500);
  return b;
}

export async function deleteBodies(ctx: Pick<RequestContext, 'blobs'>, keys: string[]): Promise<void> {
  for (const k of keys) await blobs(ctx).delete(k);
}
