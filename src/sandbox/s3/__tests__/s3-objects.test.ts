import { describe, expect, it } from 'vitest';
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CopyObjectCommand,
  CreateBucketCommand,
  CreateMultipartUploadCommand,
  DeleteBucketCorsCommand,
  DeleteObjectsCommand,
  GetBucketCorsCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  ListPartsCommand,
  PutBucketCorsCommand,
  PutBucketEncryptionCommand,
  PutObjectCommand,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { CreateKeyCommand } from '@aws-sdk/client-kms';
import { Readable } from 'node:stream';
import { createHash } from 'node:crypto';
import { s3Clients, s3Error } from './s3-helpers';

async function setup() {
  const c = await s3Clients();
  await c.s3.send(new CreateBucketCommand({ Bucket: 'obj-bucket' }));
  return c;
}

describe('object operations', () => {
  it('serves byte ranges with 206 and refuses an unsatisfiable one with 416 InvalidRange', async () => {
    const { s3 } = await setup();
    await s3.send(new PutObjectCommand({ Bucket: 'obj-bucket', Key: 'r', Body: '0123456789' }));
    const a = await s3.send(new GetObjectCommand({ Bucket: 'obj-bucket', Key: 'r', Range: 'bytes=2-5' }));
    expect(await a.Body!.transformToString()).toBe('2345');
    expect(a.ContentRange).toBe('bytes 2-5/10');
    expect(a.$metadata.httpStatusCode).toBe(206);
    const b = await s3.send(new GetObjectCommand({ Bucket: 'obj-bucket', Key: 'r', Range: 'bytes=-3' }));
    expect(await b.Body!.transformToString()).toBe('789');
    const e = await s3Error(s3.send(new GetObjectCommand({ Bucket: 'obj-bucket', Key: 'r', Range: 'bytes=20-' })));
    expect([e.name, e.status, e.message]).toEqual(['InvalidRange', 416, 'The requested range is not satisfiable']);
  });

  it('checks the SDK default CRC32 and returns checksums S3 computes (CRC32C, CRC64NVME, SHA1, SHA256)', async () => {
    const { s3 } = await setup();
    for (const alg of ['CRC32', 'CRC32C', 'CRC64NVME', 'SHA1', 'SHA256'] as const) {
      const put = await s3.send(new PutObjectCommand({ Bucket: 'obj-bucket', Key: `c-${alg}`, Body: 'checksum me', ChecksumAlgorithm: alg }));
      const member = `Checksum${alg}` as const;
      expect(put[member]).toBeTruthy();
      const head = await s3.send(new HeadObjectCommand({ Bucket: 'obj-bucket', Key: `c-${alg}`, ChecksumMode: 'ENABLED' }));
      expect(head[member]).toBe(put[member]);
    }
    const sha = createHash('sha256').update('checksum me').digest('base64');
    const h = await s3.send(new HeadObjectCommand({ Bucket: 'obj-bucket', Key: 'c-SHA256', ChecksumMode: 'ENABLED' }));
    expect(h.ChecksumSHA256).toBe(sha);
  });

  it('refuses a body whose checksum does not match (BadDigest) and stores nothing', async () => {
    const { s3 } = await setup();
    const e = await s3Error(s3.send(new PutObjectCommand({ Bucket: 'obj-bucket', Key: 'bad', Body: 'abc', ChecksumCRC32: 'AAAAAA==' })));
    expect([e.name, e.status, e.message]).toEqual(['BadDigest', 400, 'The CRC32 you specified did not match the calculated checksum.']);
    const e2 = await s3Error(s3.send(new PutObjectCommand({ Bucket: 'obj-bucket', Key: 'bad', Body: 'abc', ContentMD5: Buffer.from(createHash('md5').update('abd').digest()).toString('base64') })));
    expect([e2.name, e2.message]).toEqual(['BadDigest', 'The Content-MD5 you specified did not match what we received.']);
    expect((await s3Error(s3.send(new HeadObjectCommand({ Bucket: 'obj-bucket', Key: 'bad' })))).status).toBe(404);
  });

  it('refuses bad bucket names, keys over 1,024 bytes and metadata over 2 KB', async () => {
    const { s3 } = await setup();
    for (const name of ['Bad_Name', 'ab', 'a..b', '192.168.1.1', '-lead']) {
      const e = await s3Error(s3.send(new CreateBucketCommand({ Bucket: name })));
      expect([e.name, e.status]).toEqual(['InvalidBucketName', 400]);
    }
    const e1 = await s3Error(s3.send(new PutObjectCommand({ Bucket: 'obj-bucket', Key: 'k'.repeat(1025), Body: 'x' })));
    expect([e1.name, e1.message]).toEqual(['KeyTooLongError', 'Your key is too long']);
    const e2 = await s3Error(s3.send(new PutObjectCommand({ Bucket: 'obj-bucket', Key: 'm', Body: 'x', Metadata: { big: 'v'.repeat(2046) } })));
    expect([e2.name, e2.status, e2.message]).toEqual(['MetadataTooLarge', 400, 'Your metadata headers exceed the maximum allowed metadata size.']);
    await s3.send(new PutObjectCommand({ Bucket: 'obj-bucket', Key: 'm', Body: 'x', Metadata: { big: 'v'.repeat(2045) } }));
    const list = await s3.send(new ListObjectsV2Command({ Bucket: 'obj-bucket' }));
    expect(list.Contents?.map((c) => c.Key)).toEqual(['m']);
  });

  it('lists with prefixes, delimiters and continuation tokens; deletes in bulk', async () => {
    const { s3 } = await setup();
    for (const k of ['a/1', 'a/2', 'b/1', 'c', 'd']) await s3.send(new PutObjectCommand({ Bucket: 'obj-bucket', Key: k, Body: k }));
    const l1 = await s3.send(new ListObjectsV2Command({ Bucket: 'obj-bucket', Delimiter: '/' }));
    expect(l1.CommonPrefixes?.map((p) => p.Prefix)).toEqual(['a/', 'b/']);
    expect(l1.Contents?.map((c) => c.Key)).toEqual(['c', 'd']);
    const p1 = await s3.send(new ListObjectsV2Command({ Bucket: 'obj-bucket', MaxKeys: 2 }));
    expect(p1.IsTruncated).toBe(true);
    const p2 = await s3.send(new ListObjectsV2Command({ Bucket: 'obj-bucket', MaxKeys: 10, ContinuationToken: p1.NextContinuationToken }));
    expect([...p1.Contents!, ...p2.Contents!].map((c) => c.Key)).toEqual(['a/1', 'a/2', 'b/1', 'c', 'd']);
    const del = await s3.send(new DeleteObjectsCommand({ Bucket: 'obj-bucket', Delete: { Objects: [{ Key: 'a/1' }, { Key: 'c' }, { Key: 'nope' }] } }));
    expect(del.Deleted?.map((d) => d.Key)).toEqual(['a/1', 'c', 'nope']);
    const l2 = await s3.send(new ListObjectsV2Command({ Bucket: 'obj-bucket', Prefix: 'a/' }));
    expect(l2.Contents?.map((c) => c.Key)).toEqual(['a/2']);
  });

  it('copies with COPY and REPLACE metadata; refuses an unchanged copy onto itself; never inherits SSE-KMS', async () => {
    const c = await setup();
    const { s3 } = c;
    const key = await c.kms.send(new CreateKeyCommand({}));
    await s3.send(new PutObjectCommand({ Bucket: 'obj-bucket', Key: 's', Body: 'data', ContentType: 'text/plain', Metadata: { a: '1' }, ServerSideEncryption: 'aws:kms', SSEKMSKeyId: key.KeyMetadata!.Arn }));
    const e = await s3Error(s3.send(new CopyObjectCommand({ Bucket: 'obj-bucket', Key: 's', CopySource: 'obj-bucket/s' })));
    expect([e.name, e.message]).toEqual([
      'InvalidRequest',
      "This copy request is illegal because it is trying to copy an object to itself without changing the object's metadata, storage class, website redirect location or encryption attributes.",
    ]);
    const cp = await s3.send(new CopyObjectCommand({ Bucket: 'obj-bucket', Key: 't', CopySource: 'obj-bucket/s' }));
    expect(cp.ServerSideEncryption).toBe('AES256');
    const h = await s3.send(new HeadObjectCommand({ Bucket: 'obj-bucket', Key: 't' }));
    expect([h.ContentType, h.Metadata]).toEqual(['text/plain', { a: '1' }]);
    await s3.send(new CopyObjectCommand({ Bucket: 'obj-bucket', Key: 't', CopySource: 'obj-bucket/s', MetadataDirective: 'REPLACE', Metadata: { b: '2' } }));
    const h2 = await s3.send(new HeadObjectCommand({ Bucket: 'obj-bucket', Key: 't' }));
    expect([h2.ContentType, h2.Metadata]).toEqual(['binary/octet-stream', { b: '2' }]);
    const self = await s3.send(new CopyObjectCommand({ Bucket: 'obj-bucket', Key: 's', CopySource: 'obj-bucket/s', ServerSideEncryption: 'AES256' }));
    expect(self.ServerSideEncryption).toBe('AES256');
  });

  it('streams a body (aws-chunked with a trailing CRC32) and reads it back', async () => {
    const { s3 } = await setup();
    const data = Buffer.alloc(200_000, 7);
    await s3.send(new PutObjectCommand({ Bucket: 'obj-bucket', Key: 'stream', Body: Readable.from([data.subarray(0, 100_000), data.subarray(100_000)]), ContentLength: data.length }));
    const got = await s3.send(new GetObjectCommand({ Bucket: 'obj-bucket', Key: 'stream' }));
    expect(Buffer.from(await got.Body!.transformToByteArray()).equals(data)).toBe(true);
  });
});

describe('multipart uploads', () => {
  it('uploads parts under SSE-KMS with a bucket key, lists them, completes with an ETag of the form <md5>-<n>', async () => {
    const c = await setup();
    const { s3 } = c;
    const key = await c.kms.send(new CreateKeyCommand({}));
    const arn = key.KeyMetadata!.Arn!;
    await s3.send(new PutBucketEncryptionCommand({
      Bucket: 'obj-bucket',
      ServerSideEncryptionConfiguration: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: arn }, BucketKeyEnabled: true }] },
    }));
    const mpu = await s3.send(new CreateMultipartUploadCommand({ Bucket: 'obj-bucket', Key: 'big', ContentType: 'application/octet-stream' }));
    expect([mpu.ServerSideEncryption, mpu.SSEKMSKeyId, mpu.BucketKeyEnabled]).toEqual(['aws:kms', arn, true]);
    const p1 = Buffer.alloc(5 * 1024 * 1024, 1);
    const p2 = Buffer.from('tail');
    const u1 = await s3.send(new UploadPartCommand({ Bucket: 'obj-bucket', Key: 'big', UploadId: mpu.UploadId, PartNumber: 1, Body: p1 }));
    const u2 = await s3.send(new UploadPartCommand({ Bucket: 'obj-bucket', Key: 'big', UploadId: mpu.UploadId, PartNumber: 2, Body: p2 }));
    expect(u1.SSEKMSKeyId).toBe(arn);
    const parts = await s3.send(new ListPartsCommand({ Bucket: 'obj-bucket', Key: 'big', UploadId: mpu.UploadId }));
    expect(parts.Parts?.map((p) => [p.PartNumber, p.Size])).toEqual([[1, p1.length], [2, 4]]);
    const bad = await s3Error(s3.send(new CompleteMultipartUploadCommand({ Bucket: 'obj-bucket', Key: 'big', UploadId: mpu.UploadId, MultipartUpload: { Parts: [{ PartNumber: 2, ETag: u2.ETag }, { PartNumber: 1, ETag: u1.ETag }] } })));
    expect(bad.name).toBe('InvalidPartOrder');
    const done = await s3.send(new CompleteMultipartUploadCommand({ Bucket: 'obj-bucket', Key: 'big', UploadId: mpu.UploadId, MultipartUpload: { Parts: [{ PartNumber: 1, ETag: u1.ETag }, { PartNumber: 2, ETag: u2.ETag }] } }));
    expect(done.ETag).toMatch(/^"[0-9a-f]{32}-2"$/);
    expect(done.BucketKeyEnabled).toBe(true);
    const got = await s3.send(new GetObjectCommand({ Bucket: 'obj-bucket', Key: 'big', Range: `bytes=${p1.length - 2}-` }));
    expect(Buffer.from(await got.Body!.transformToByteArray())).toEqual(Buffer.concat([Buffer.from([1, 1]), p2]));
  });

  it('refuses parts under 5 MiB but the last, and aborts cleanly', async () => {
    const { s3 } = await setup();
    const mpu = await s3.send(new CreateMultipartUploadCommand({ Bucket: 'obj-bucket', Key: 'small' }));
    const u1 = await s3.send(new UploadPartCommand({ Bucket: 'obj-bucket', Key: 'small', UploadId: mpu.UploadId, PartNumber: 1, Body: 'a' }));
    const u2 = await s3.send(new UploadPartCommand({ Bucket: 'obj-bucket', Key: 'small', UploadId: mpu.UploadId, PartNumber: 2, Body: 'b' }));
    const e = await s3Error(s3.send(new CompleteMultipartUploadCommand({ Bucket: 'obj-bucket', Key: 'small', UploadId: mpu.UploadId, MultipartUpload: { Parts: [{ PartNumber: 1, ETag: u1.ETag }, { PartNumber: 2, ETag: u2.ETag }] } })));
    expect([e.name, e.status]).toEqual(['EntityTooSmall', 400]);
    await s3.send(new AbortMultipartUploadCommand({ Bucket: 'obj-bucket', Key: 'small', UploadId: mpu.UploadId }));
    const e2 = await s3Error(s3.send(new ListPartsCommand({ Bucket: 'obj-bucket', Key: 'small', UploadId: mpu.UploadId })));
    expect([e2.name, e2.status]).toEqual(['NoSuchUpload', 404]);
  });
});

describe('bucket CORS', () => {
  it('stores, returns and deletes the rules; refuses unknown methods', async () => {
    const { s3 } = await setup();
    const e0 = await s3Error(s3.send(new GetBucketCorsCommand({ Bucket: 'obj-bucket' })));
    expect([e0.name, e0.status, e0.message]).toEqual(['NoSuchCORSConfiguration', 404, 'The CORS configuration does not exist']);
    const rules = [{ AllowedOrigins: ['http://localhost:5173'], AllowedMethods: ['GET', 'PUT'], AllowedHeaders: ['*'], ExposeHeaders: ['ETag'], MaxAgeSeconds: 3000 }];
    await s3.send(new PutBucketCorsCommand({ Bucket: 'obj-bucket', CORSConfiguration: { CORSRules: rules } }));
    const got = await s3.send(new GetBucketCorsCommand({ Bucket: 'obj-bucket' }));
    expect(got.CORSRules).toEqual(rules);
    const e = await s3Error(s3.send(new PutBucketCorsCommand({ Bucket: 'obj-bucket', CORSConfiguration: { CORSRules: [{ AllowedOrigins: ['*'], AllowedMethods: ['MYMETHOD'] }] } })));
    expect([e.name, e.message]).toEqual(['InvalidRequest', 'Found unsupported HTTP method in CORS config. Unsupported method is MYMETHOD']);
    await s3.send(new DeleteBucketCorsCommand({ Bucket: 'obj-bucket' }));
    expect((await s3Error(s3.send(new GetBucketCorsCommand({ Bucket: 'obj-bucket' })))).status).toBe(404);
  });
});
