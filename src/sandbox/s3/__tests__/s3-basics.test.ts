import { describe, expect, it } from 'vitest';
import {
  CreateBucketCommand,
  DeleteBucketCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListBucketsCommand,
  ListObjectsV2Command,
  PutObjectCommand,
} from '@aws-sdk/client-s3';
import { s3Clients, s3Error } from './s3-helpers';

describe('S3 buckets and objects through the real S3Client', () => {
  it('creates a bucket, puts and gets an object (SSE-S3 by default, ETag the MD5)', async () => {
    const { s3 } = await s3Clients();
    await s3.send(new CreateBucketCommand({ Bucket: 'lab-bucket' }));
    const put = await s3.send(new PutObjectCommand({ Bucket: 'lab-bucket', Key: 'a/b.txt', Body: 'test-sse', ContentType: 'text/plain', Metadata: { Owner: 'me' } }));
    expect(put.ETag).toBe('"42832cdec7083e70a9cd6f2d5852e004"');
    expect(put.ServerSideEncryption).toBe('AES256');
    expect(put.SSEKMSKeyId).toBeUndefined();
    const got = await s3.send(new GetObjectCommand({ Bucket: 'lab-bucket', Key: 'a/b.txt' }));
    expect(await got.Body!.transformToString()).toBe('test-sse');
    expect(got.ContentType).toBe('text/plain');
    expect(got.Metadata).toEqual({ owner: 'me' });
    expect(got.ServerSideEncryption).toBe('AES256');
    const head = await s3.send(new HeadObjectCommand({ Bucket: 'lab-bucket', Key: 'a/b.txt' }));
    expect(head.ContentLength).toBe(8);
    const list = await s3.send(new ListObjectsV2Command({ Bucket: 'lab-bucket' }));
    expect(list.Contents?.map((c) => c.Key)).toEqual(['a/b.txt']);
    expect(list.KeyCount).toBe(1);
    const buckets = await s3.send(new ListBucketsCommand({}));
    expect(buckets.Buckets?.map((b) => b.Name)).toEqual(['kms-lab-bucket', 'lab-bucket']);
    await s3.send(new HeadBucketCommand({ Bucket: 'lab-bucket' }));
  });

  it('path-style addressing reaches the same bucket', async () => {
    const { s3, sandbox } = await s3Clients({ forcePathStyle: true });
    await s3.send(new CreateBucketCommand({ Bucket: 'path-bucket' }));
    await s3.send(new PutObjectCommand({ Bucket: 'path-bucket', Key: 'k', Body: 'x' }));
    const { s3: vhost } = await s3Clients({ sandbox });
    const got = await vhost.send(new GetObjectCommand({ Bucket: 'path-bucket', Key: 'k' }));
    expect(await got.Body!.transformToString()).toBe('x');
  });

  it('answers NoSuchBucket, NoSuchKey and BucketNotEmpty as AWS does', async () => {
    const { s3 } = await s3Clients();
    const e1 = await s3Error(s3.send(new GetObjectCommand({ Bucket: 'nope-bucket', Key: 'k' })));
    expect([e1.name, e1.status, e1.message]).toEqual(['NoSuchBucket', 404, 'The specified bucket does not exist']);
    await s3.send(new CreateBucketCommand({ Bucket: 'b-1' }));
    const e2 = await s3Error(s3.send(new GetObjectCommand({ Bucket: 'b-1', Key: 'missing' })));
    expect([e2.name, e2.status, e2.message]).toEqual(['NoSuchKey', 404, 'The specified key does not exist.']);
    const e3 = await s3Error(s3.send(new HeadObjectCommand({ Bucket: 'b-1', Key: 'missing' })));
    expect([e3.name, e3.status]).toEqual(['NotFound', 404]);
    await s3.send(new PutObjectCommand({ Bucket: 'b-1', Key: 'k', Body: 'x' }));
    const e4 = await s3Error(s3.send(new DeleteBucketCommand({ Bucket: 'b-1' })));
    expect([e4.name, e4.status]).toEqual(['BucketNotEmpty', 409]);
    await s3.send(new DeleteObjectCommand({ Bucket: 'b-1', Key: 'k' }));
    await s3.send(new DeleteBucketCommand({ Bucket: 'b-1' }));
    const e5 = await s3Error(s3.send(new HeadBucketCommand({ Bucket: 'b-1' })));
    expect(e5.status).toBe(404);
  });
});
