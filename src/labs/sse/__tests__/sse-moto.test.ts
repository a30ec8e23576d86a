import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMotoServer } from '../../../lib/__tests__/helpers/moto-server';
import { S3Client } from '@aws-sdk/client-s3';
import { KMSClient } from '@aws-sdk/client-kms';
import { CloudTrailClient } from '@aws-sdk/client-cloudtrail';
import {
  createLabKey,
  defaultAndOverride,
  ensureOwnBucket,
  newCustomerKey,
  presignAndOpen,
  sseCAttempts,
  tryKmsOnlyPolicy,
  uploadAllModes,
  type SseEnv,
} from '../lib/sse-lab';
import { LAB_OBJECT_TEXT } from '../lib/modes';

/**
 * The S3 SSE lab's logic on the endpoint backend, pointed at moto's server (S3, KMS and
 * CloudTrail all on moto, as the app does with an endpoint), for what moto supports. Where moto
 * differs from AWS, the assertions pin moto's behaviour and docs/sse.md says what AWS does.
 */
let moto: Awaited<ReturnType<typeof startMotoServer>>;
let env: SseEnv;
let keyArn: string;
const customerKey = newCustomerKey();

beforeAll(async () => {
  moto = await startMotoServer();
  const endpoint = moto.endpoint;
  const common = { region: 'us-east-1', endpoint, credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, maxAttempts: 1 };
  env = {
    backend: 'endpoint',
    s3: new S3Client({ ...common, forcePathStyle: true }),
    kms: new KMSClient(common),
    cloudtrail: new CloudTrailClient(common),
    bucket: 'kms-lab-sse',
    prefix: '',
    ownBucket: true,
    now: () => Date.now(),
  };
  await ensureOwnBucket(env);
  keyArn = await createLabKey(env);
}, 60_000);

afterAll(() => {
  moto?.stop();
});

const row = (rows: Awaited<ReturnType<typeof uploadAllModes>>, mode: string) => rows.find((r) => r.mode === mode)!;

describe('the S3 SSE lab against moto (endpoint backend)', () => {
  it('all six modes upload and read back; the headers agree with AWS for SSE-S3 and SSE-KMS, and differ where docs/sse.md says', async () => {
    const rows = await uploadAllModes(env, keyArn, customerKey);
    for (const r of rows) {
      expect(r.error, r.mode).toBeUndefined();
      expect(r.readBack?.same, r.mode).toBe(true);
      // No raw-storage view off the sandbox, and moto has no KMS events to count.
      expect(r.raw, r.mode).toBeUndefined();
      expect(r.kmsCallsOnPut, r.mode).toBeUndefined();
    }
    expect(row(rows, 'sse-s3').headers).toMatchObject({ ServerSideEncryption: 'AES256' });
    expect(row(rows, 'sse-kms').headers).toMatchObject({ ServerSideEncryption: 'aws:kms', SSEKMSKeyId: keyArn });
    expect(row(rows, 'sse-kms-bucket-key').headers).toMatchObject({ ServerSideEncryption: 'aws:kms', BucketKeyEnabled: 'true' });
    // moto differs: it echoes BucketKeyEnabled false (AWS leaves the field out), ...
    expect(row(rows, 'sse-kms').headers['BucketKeyEnabled']).toBe('false');
    // ... DSSE-KMS without the key ARN, SSE-C without SSECustomerAlgorithm/MD5 (AWS returns both), ...
    expect(row(rows, 'dsse-kms').headers).toMatchObject({ ServerSideEncryption: 'aws:kms:dsse' });
    expect(row(rows, 'dsse-kms').headers['SSEKMSKeyId']).toBeUndefined();
    expect(row(rows, 'sse-c').headers['SSECustomerAlgorithm']).toBeUndefined();
    // ... and no default SSE-S3 on an unconfigured bucket (AWS has applied it to every object since 2023).
    expect(row(rows, 'client-side').headers['ServerSideEncryption']).toBeUndefined();
    // moto stores SSE-C on a brand-new bucket: it has no April 2026 SSE-C block.
    expect(row(rows, 'sse-c').error).toBeUndefined();
  }, 120_000);

  it('moto differs on SSE-C: reads without the key, with another key and a copy without the copy-source key all succeed', async () => {
    const attempts = await sseCAttempts(env, customerKey);
    // AWS: 400 InvalidRequest, 403 AccessDenied, 400 InvalidRequest (the sandbox test pins those).
    expect(attempts.map((a) => [a.label, a.ok])).toEqual([
      ['GetObject without the key', true],
      ['GetObject with another 256-bit key', true],
      ['CopyObject without the copy-source key', true],
      ['CopyObject with CopySourceSSECustomerKey', true],
      ['GetObject with the right key', true],
    ]);
  }, 60_000);

  it('moto differs on the SSE-KMS-only bucket policy: it refuses the SSE-KMS upload too, with a bodiless 403', async () => {
    const attempts = await tryKmsOnlyPolicy(env, keyArn);
    // AWS (and the sandbox): the plain and AES256 uploads are refused, the aws:kms one accepted.
    expect(attempts.map((a) => [a.ok, a.error?.status])).toEqual([
      [false, 403],
      [false, 403],
      [false, 403],
    ]);
  }, 60_000);

  it('a presigned GET and the default-versus-override step work as on AWS', async () => {
    const presigned = await presignAndOpen(env);
    expect(presigned.status).toBe(200);
    expect(presigned.body).toBe(LAB_OBJECT_TEXT);
    const d = await defaultAndOverride(env, keyArn);
    expect(d.inherited).toMatchObject({ ServerSideEncryption: 'aws:kms', SSEKMSKeyId: keyArn, BucketKeyEnabled: 'true' });
    expect(d.overridden).toMatchObject({ ServerSideEncryption: 'AES256' });
  }, 60_000);
});
