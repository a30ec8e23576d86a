/**
 * The one module that touches S3's storage: the account's `state.s3` (store/records.ts keeps one
 * record per bucket and one for the S3-managed key, committed in the call's write set like KMS keys)
 * and the bodies in the store's blob area (`ctx.blobs`: written before the metadata that names them
 * by blobKey; a failed call's bodies are dropped, deleted ones go when the call commits).
 */
import { ServiceError } from '../protocol/service-error';
import type { RequestContext } from '../shared/context';
import type { Bucket, S3State } from './s3-models';

type Ctx = Pick<RequestContext, 'state' | 'randomBytes' | 'region' | 'now'>;

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
    const lab: Bucket = { name: LAB_BUCKET, region: ctx.region, creationDate: ctx.now(), blockSseC: true, cors: LAB_BUCKET_CORS, objects: {}, uploads: {} };
    s = { buckets: { [LAB_BUCKET]: lab }, masterKey: ctx.randomBytes(32) };
    ctx.state.s3 = s;
  }
  return s;
}

export const noSuchBucket = (name: string) =>
  new ServiceError('NoSuchBucket', 'The specified bucket does not exist', 404, { BucketName: name });

export function findBucket(ctx: Ctx, name: string): Bucket | undefined {
  const s = s3State(ctx);
  return Object.hasOwn(s.buckets, name) ? s.buckets[name] : undefined;
}

export function getBucket(ctx: Ctx, name: string): Bucket {
  const b = findBucket(ctx, name);
  if (!b) throw noSuchBucket(name);
  return b;
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
