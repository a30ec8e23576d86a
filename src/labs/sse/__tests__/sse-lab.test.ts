import { beforeAll, describe, expect, it } from 'vitest';
import { S3Client } from '@aws-sdk/client-s3';
import { KMSClient } from '@aws-sdk/client-kms';
import { CloudTrailClient } from '@aws-sdk/client-cloudtrail';
import { createSandbox, SANDBOX_ADMIN_CREDENTIALS, type Sandbox } from '../../../sandbox';
import {
  countKmsForUploads,
  createLabKey,
  defaultAndOverride,
  ensureOwnBucket,
  newCustomerKey,
  openUrl,
  presignAndOpen,
  setSseCBlocked,
  sseCAttempts,
  tryHttpsOnlyPolicyFromPage,
  tryKmsOnlyPolicy,
  uploadAllModes,
  uploadMode,
  type ModeResult,
  type SseEnv,
} from '../lib/sse-lab';
import { LAB_OBJECT_TEXT } from '../lib/modes';

// The panel's logic against the real sandbox through the real SDK clients, as the page runs it on
// the sandbox backend: the administrator's S3 client on the lab's own bucket.

let sandbox: Sandbox;
let env: SseEnv;
let keyArn: string;
const customerKey = newCustomerKey();

beforeAll(async () => {
  sandbox = await createSandbox();
  const common = { region: 'us-east-1', credentials: SANDBOX_ADMIN_CREDENTIALS, requestHandler: sandbox.requestHandler, maxAttempts: 1 };
  env = {
    backend: 'sandbox',
    s3: new S3Client(common),
    kms: new KMSClient(common),
    cloudtrail: new CloudTrailClient(common),
    bucket: 'sse-lab-test',
    prefix: '',
    ownBucket: true,
    now: () => sandbox.clock.now(),
    inspect: (b, k) => sandbox.inspectS3Object(b, k),
  };
  await ensureOwnBucket(env);
  // Again (a reload of the panel): us-east-1 answers 200 to its owner, other Regions BucketAlreadyOwnedByYou.
  await expect(ensureOwnBucket(env)).resolves.toBeUndefined();
  keyArn = await createLabKey(env);
});

const row = (rows: ModeResult[], mode: string) => rows.find((r) => r.mode === mode)!;

describe('the S3 SSE lab on the sandbox', () => {
  it('a new bucket refuses SSE-C (April 2026) until its rule says BlockedEncryptionTypes NONE', async () => {
    const blocked = await uploadMode(env, 'sse-c', keyArn, customerKey);
    expect(blocked.error).toMatchObject({ name: 'AccessDenied', status: 403 });
    expect(blocked.error?.message).toContain('blocked upload requests that specify Server Side Encryption with Customer provided keys');
    await setSseCBlocked(env, false);
  });

  it('uploads the same object under all six modes and fills every column from the live calls', async () => {
    const rows = await uploadAllModes(env, keyArn, customerKey);
    expect(rows.map((r) => r.mode)).toEqual(['sse-s3', 'sse-kms', 'sse-kms-bucket-key', 'dsse-kms', 'sse-c', 'client-side']);
    for (const r of rows) {
      expect(r.error, r.mode).toBeUndefined();
      expect(r.readBack?.same, r.mode).toBe(true);
      expect(r.raw?.plaintextVisible, r.mode).toBe(false);
    }

    const s3 = row(rows, 'sse-s3');
    expect(s3.headers).toMatchObject({ ServerSideEncryption: 'AES256' });
    expect(s3.headers['SSEKMSKeyId']).toBeUndefined();
    expect(s3.kmsCallsOnPut).toEqual([]);
    expect(s3.readBack?.kmsCalls).toEqual([]);
    expect(s3.raw).toMatchObject({ mode: 'AES256', layers: 1, bucketKey: false });
    expect(s3.raw?.kmsBlobBytes).toBeUndefined();

    const kms = row(rows, 'sse-kms');
    expect(kms.headers).toMatchObject({ ServerSideEncryption: 'aws:kms', SSEKMSKeyId: keyArn });
    expect(kms.headers['BucketKeyEnabled']).toBeUndefined();
    expect(kms.kmsCallsOnPut!.map((c) => [c.eventName, c.invokedBy, c.s3Arn])).toEqual([['GenerateDataKey', 's3.amazonaws.com', 'arn:aws:s3:::sse-lab-test/sse-lab/sse-kms.txt']]);
    expect(kms.readBack?.kmsCalls!.map((c) => c.eventName)).toEqual(['Decrypt']);
    expect(kms.raw?.context).toEqual({ 'aws:s3:arn': 'arn:aws:s3:::sse-lab-test/sse-lab/sse-kms.txt' });
    expect(kms.raw?.kmsBlobBytes).toBeGreaterThan(0);

    const bk = row(rows, 'sse-kms-bucket-key');
    expect(bk.headers).toMatchObject({ ServerSideEncryption: 'aws:kms', SSEKMSKeyId: keyArn, BucketKeyEnabled: 'true' });
    expect(bk.kmsCallsOnPut!.map((c) => [c.eventName, c.s3Arn])).toEqual([['GenerateDataKey', 'arn:aws:s3:::sse-lab-test']]);
    expect(bk.raw).toMatchObject({ bucketKey: true, context: { 'aws:s3:arn': 'arn:aws:s3:::sse-lab-test' } });

    const dsse = row(rows, 'dsse-kms');
    expect(dsse.headers).toMatchObject({ ServerSideEncryption: 'aws:kms:dsse', SSEKMSKeyId: keyArn });
    expect(dsse.kmsCallsOnPut!.map((c) => c.eventName)).toEqual(['GenerateDataKey']);
    expect(dsse.raw?.layers).toBe(2);

    const ssec = row(rows, 'sse-c');
    expect(ssec.headers['ServerSideEncryption']).toBeUndefined();
    expect(ssec.headers).toMatchObject({ SSECustomerAlgorithm: 'AES256' });
    expect(ssec.headers['SSECustomerKeyMD5']).toBe(ssec.raw?.customerKeyMd5);
    expect(ssec.kmsCallsOnPut).toEqual([]);
    // Trap 8: the page sent the plaintext; S3 did the encrypting with the key that came along.
    expect(ssec.sentIsPlaintext).toBe(true);

    const cse = row(rows, 'client-side');
    expect(cse.sentIsPlaintext).toBe(false);
    expect(cse.headers).toMatchObject({ ServerSideEncryption: 'AES256' });
    expect(cse.kmsCallsOnPut!.map((c) => [c.eventName, c.invokedBy])).toEqual([['GenerateDataKey', undefined]]);
    expect(cse.readBack?.kmsCalls!.map((c) => [c.eventName, c.invokedBy])).toEqual([['Decrypt', undefined]]);
    expect(Object.keys(cse.raw?.metadata ?? {}).sort()).toEqual(['iv', 'kms-key-id', 'wrapped-key']);
  });

  it('SSE-C without its key, with another key and copied without the copy-source key fail as on AWS', async () => {
    const a = await sseCAttempts(env, customerKey);
    const [noKey, wrongKey, copyNoKey, copyWithKey, rightKey] = [a[0]!, a[1]!, a[2]!, a[3]!, a[4]!];
    expect(noKey.error).toEqual({
      name: 'InvalidRequest',
      status: 400,
      message: 'The object was stored using a form of Server Side Encryption. The correct parameters must be provided to retrieve the object.',
    });
    expect(wrongKey.error).toEqual({
      name: 'AccessDenied',
      status: 403,
      message: 'Requests specifying Server Side Encryption with Customer provided keys must provide the correct secret key.',
    });
    expect(copyNoKey.error).toMatchObject({ name: 'InvalidRequest', status: 400 });
    expect(copyNoKey.error?.message).toBe(noKey.error?.message);
    // Without target SSE-C headers the copy takes the bucket default (SSE-S3), never the source's mode.
    expect(copyWithKey).toMatchObject({ ok: true, detail: 'the copy is stored as AES256' });
    expect(rightKey.ok).toBe(true);
  });

  it('a bucket policy that demands SSE-KMS refuses a plain and an AES256 upload and accepts an SSE-KMS one', async () => {
    const p = await tryKmsOnlyPolicy(env, keyArn);
    const [plain, aes, kms] = [p[0]!, p[1]!, p[2]!];
    expect(plain.error).toMatchObject({ name: 'AccessDenied', status: 403 });
    expect(aes.error).toMatchObject({ name: 'AccessDenied', status: 403 });
    expect(kms).toMatchObject({ ok: true, detail: 'stored as aws:kms' });
  });

  it('the HTTPS-only policy lets the page (a secure transport) through', async () => {
    expect(await tryHttpsOnlyPolicyFromPage(env)).toMatchObject({ ok: true });
  });

  it('a presigned GET opens with no credentials but its signature; a tampered one is refused', async () => {
    const out = await presignAndOpen(env);
    expect(out.status).toBe(200);
    expect(out.body).toBe(LAB_OBJECT_TEXT);
    expect(out.url).toContain('X-Amz-Signature=');
    expect(out.url).toContain('X-Amz-Expires=300');
    const tampered = out.url.replace('sse-s3.txt', 'sse-kms.txt');
    const refused = await openUrl(env, tampered);
    expect(refused.status).toBe(403);
    expect(refused.body).toContain('<Code>SignatureDoesNotMatch</Code>');
  });

  it('bucket default SSE-KMS with a bucket key is inherited, and a per-object AES256 overrides it', async () => {
    const out = await defaultAndOverride(env, keyArn);
    expect(out.defaultRule).toContain('aws:kms');
    expect(out.defaultRule).toContain('bucket key on');
    expect(out.inherited).toMatchObject({ ServerSideEncryption: 'aws:kms', SSEKMSKeyId: keyArn, BucketKeyEnabled: 'true' });
    expect(out.overridden).toMatchObject({ ServerSideEncryption: 'AES256' });
    expect(out.overridden['SSEKMSKeyId']).toBeUndefined();
  });

  it('ten SSE-KMS uploads: ten GenerateDataKey calls without a bucket key, one with a fresh key and a bucket key', async () => {
    expect(await countKmsForUploads(env, keyArn, 10, false)).toBe(10);
    const fresh = await createLabKey(env);
    expect(await countKmsForUploads(env, fresh, 10, true)).toBe(1);
  });
});
