import { describe, expect, it } from 'vitest';
import {
  CopyObjectCommand,
  CreateBucketCommand,
  DeleteBucketEncryptionCommand,
  GetBucketEncryptionCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutBucketEncryptionCommand,
  PutObjectCommand,
} from '@aws-sdk/client-s3';
import { CreateKeyCommand, DescribeKeyCommand, DisableKeyCommand } from '@aws-sdk/client-kms';
import { s3Clients, s3Error, SSE_C_KEY, SSE_C_KEY_B64, SSE_C_KEY_MD5 } from './s3-helpers';
import type { TrailEvent } from '../../index';

const kmsEvents = (events: TrailEvent[]) => events.filter((e) => e.eventSource === 'kms.amazonaws.com' && e.eventName !== 'CreateKey');

async function setup() {
  const c = await s3Clients();
  await c.s3.send(new CreateBucketCommand({ Bucket: 'enc-bucket' }));
  const key = await c.kms.send(new CreateKeyCommand({}));
  return { ...c, keyId: key.KeyMetadata!.KeyId!, keyArn: key.KeyMetadata!.Arn! };
}

describe('SSE-S3', () => {
  it('is the default for new buckets and calls KMS never', async () => {
    const { s3, sandbox } = await setup();
    const put = await s3.send(new PutObjectCommand({ Bucket: 'enc-bucket', Key: 'k', Body: 'hello' }));
    expect(put.ServerSideEncryption).toBe('AES256');
    expect(put.BucketKeyEnabled).toBeUndefined();
    await s3.send(new GetObjectCommand({ Bucket: 'enc-bucket', Key: 'k' }));
    expect(kmsEvents((await sandbox.trail.events()))).toEqual([]);
    const enc = await s3.send(new GetBucketEncryptionCommand({ Bucket: 'enc-bucket' }));
    const rule = enc.ServerSideEncryptionConfiguration!.Rules![0]!;
    expect(rule.ApplyServerSideEncryptionByDefault).toEqual({ SSEAlgorithm: 'AES256' });
    expect(rule.BucketKeyEnabled).toBe(false);
    expect(rule.BlockedEncryptionTypes?.EncryptionType).toEqual(['SSE-C']);
  });
});

describe('SSE-KMS', () => {
  it('returns the key ARN for a bare key id, an ETag that is not the MD5, and decrypts on GET', async () => {
    const { s3, keyId, keyArn, sandbox } = await setup();
    const put = await s3.send(new PutObjectCommand({ Bucket: 'enc-bucket', Key: 'doc.txt', Body: 'test-sse', ServerSideEncryption: 'aws:kms', SSEKMSKeyId: keyId }));
    expect(put.ServerSideEncryption).toBe('aws:kms');
    expect(put.SSEKMSKeyId).toBe(keyArn);
    expect(put.ETag).not.toBe('"42832cdec7083e70a9cd6f2d5852e004"');
    expect(put.BucketKeyEnabled).toBeUndefined();
    const got = await s3.send(new GetObjectCommand({ Bucket: 'enc-bucket', Key: 'doc.txt' }));
    expect(await got.Body!.transformToString()).toBe('test-sse');
    expect(got.SSEKMSKeyId).toBe(keyArn);
    const kms = kmsEvents((await sandbox.trail.events())).reverse();
    expect(kms.map((e) => e.eventName)).toEqual(['GenerateDataKey', 'Decrypt']);
    for (const e of kms) {
      expect(e.userIdentity['invokedBy']).toBe('s3.amazonaws.com');
      expect(e.userIdentity['arn']).toBe('arn:aws:iam::111122223333:user/lab-admin');
      expect(e.sourceIPAddress).toBe('s3.amazonaws.com');
      expect((e.requestParameters as { encryptionContext: Record<string, string> }).encryptionContext).toEqual({ 'aws:s3:arn': 'arn:aws:s3:::enc-bucket/doc.txt' });
    }
  });

  it('uses the aws/s3 AWS managed key when no key is named, the same for every bucket', async () => {
    const { s3, kms } = await setup();
    await s3.send(new CreateBucketCommand({ Bucket: 'enc-bucket-2' }));
    const a = await s3.send(new PutObjectCommand({ Bucket: 'enc-bucket', Key: 'k', Body: 'x', ServerSideEncryption: 'aws:kms' }));
    const b = await s3.send(new PutObjectCommand({ Bucket: 'enc-bucket-2', Key: 'k', Body: 'x', ServerSideEncryption: 'aws:kms' }));
    expect(a.SSEKMSKeyId).toBe(b.SSEKMSKeyId);
    const d = await kms.send(new DescribeKeyCommand({ KeyId: 'alias/aws/s3' }));
    expect(d.KeyMetadata!.Arn).toBe(a.SSEKMSKeyId);
    expect(d.KeyMetadata!.KeyManager).toBe('AWS');
    expect(d.KeyMetadata!.Description).toBe('Default key that protects my S3 objects when no other key is defined');
  });

  it('with a bucket key: the bucket ARN as context and one GenerateDataKey for many PUTs', async () => {
    const { s3, keyArn, sandbox } = await setup();
    await s3.send(new PutBucketEncryptionCommand({
      Bucket: 'enc-bucket',
      ServerSideEncryptionConfiguration: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: keyArn }, BucketKeyEnabled: true }] },
    }));
    for (let i = 0; i < 5; i++) {
      const put = await s3.send(new PutObjectCommand({ Bucket: 'enc-bucket', Key: `o${i}`, Body: `body ${i}` }));
      expect(put.BucketKeyEnabled).toBe(true);
      expect(put.SSEKMSKeyId).toBe(keyArn);
    }
    for (let i = 0; i < 5; i++) {
      const got = await s3.send(new GetObjectCommand({ Bucket: 'enc-bucket', Key: `o${i}` }));
      expect(await got.Body!.transformToString()).toBe(`body ${i}`);
    }
    const kms = kmsEvents((await sandbox.trail.events()));
    expect(kms.map((e) => e.eventName)).toEqual(['GenerateDataKey']);
    expect((kms[0]!.requestParameters as { encryptionContext: Record<string, string> }).encryptionContext).toEqual({ 'aws:s3:arn': 'arn:aws:s3:::enc-bucket' });
  });

  it('without a bucket key: one GenerateDataKey per PUT and one Decrypt per GET', async () => {
    const { s3, keyArn, sandbox } = await setup();
    await s3.send(new PutBucketEncryptionCommand({
      Bucket: 'enc-bucket',
      ServerSideEncryptionConfiguration: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: keyArn } }] },
    }));
    for (let i = 0; i < 3; i++) await s3.send(new PutObjectCommand({ Bucket: 'enc-bucket', Key: `o${i}`, Body: 'x' }));
    for (let i = 0; i < 3; i++) await s3.send(new GetObjectCommand({ Bucket: 'enc-bucket', Key: `o${i}` }));
    const names = kmsEvents((await sandbox.trail.events())).map((e) => e.eventName);
    expect(names.filter((n) => n === 'GenerateDataKey')).toHaveLength(3);
    expect(names.filter((n) => n === 'Decrypt')).toHaveLength(3);
  });

  it('merges the caller context and refuses a malformed one', async () => {
    const { s3, keyId, sandbox } = await setup();
    const ctx = Buffer.from(JSON.stringify({ project: 'lab' })).toString('base64');
    await s3.send(new PutObjectCommand({ Bucket: 'enc-bucket', Key: 'c', Body: 'x', ServerSideEncryption: 'aws:kms', SSEKMSKeyId: keyId, SSEKMSEncryptionContext: ctx }));
    const gdk = kmsEvents((await sandbox.trail.events())).find((e) => e.eventName === 'GenerateDataKey')!;
    expect((gdk.requestParameters as { encryptionContext: Record<string, string> }).encryptionContext).toEqual({ project: 'lab', 'aws:s3:arn': 'arn:aws:s3:::enc-bucket/c' });
    const bad = await s3Error(s3.send(new PutObjectCommand({ Bucket: 'enc-bucket', Key: 'd', Body: 'x', ServerSideEncryption: 'aws:kms', SSEKMSEncryptionContext: 'not-json' })));
    expect([bad.name, bad.status]).toEqual(['InvalidArgument', 400]);
    expect(bad.message).toBe("The header 'x-amz-server-side-encryption-context' shall be Base64-encoded UTF-8 string holding JSON which represents a string-string map");
  });

  it('reports KMS key errors with the KMS. prefix and stores nothing', async () => {
    const { s3, kms, keyArn, sandbox } = await setup();
    const e1 = await s3Error(s3.send(new PutObjectCommand({ Bucket: 'enc-bucket', Key: 'k', Body: 'x', ServerSideEncryption: 'aws:kms', SSEKMSKeyId: 'fake-key-id' })));
    expect([e1.name, e1.status, e1.message]).toEqual(['KMS.NotFoundException', 400, "Invalid keyId 'fake-key-id'"]);
    await kms.send(new DisableKeyCommand({ KeyId: keyArn }));
    const e2 = await s3Error(s3.send(new PutObjectCommand({ Bucket: 'enc-bucket', Key: 'k', Body: 'x', ServerSideEncryption: 'aws:kms', SSEKMSKeyId: keyArn })));
    expect([e2.name, e2.message]).toEqual(['KMS.DisabledException', `${keyArn} is disabled.`]);
    expect(Object.keys(sandbox.summary()).length).toBeGreaterThan(0);
    const head = await s3Error(s3.send(new HeadObjectCommand({ Bucket: 'enc-bucket', Key: 'k' })));
    expect(head.status).toBe(404);
  });

  it('refuses a KMS key id without aws:kms and an unknown mode', async () => {
    const { s3, keyId } = await setup();
    const e1 = await s3Error(s3.send(new PutObjectCommand({ Bucket: 'enc-bucket', Key: 'k', Body: 'x', SSEKMSKeyId: keyId })));
    expect([e1.name, e1.message]).toEqual(['InvalidArgument', 'Server Side Encryption with AWS KMS managed key requires HTTP header x-amz-server-side-encryption : aws:kms']);
    const e2 = await s3Error(s3.send(new PutObjectCommand({ Bucket: 'enc-bucket', Key: 'k', Body: 'x', ServerSideEncryption: 'AES-256' as 'AES256' })));
    expect([e2.name, e2.message]).toEqual(['InvalidArgument', 'The encryption method specified is not supported']);
  });
});

describe('DSSE-KMS', () => {
  it('echoes aws:kms:dsse with the key ARN and reads back', async () => {
    const { s3, keyArn } = await setup();
    const put = await s3.send(new PutObjectCommand({ Bucket: 'enc-bucket', Key: 'd', Body: 'two layers', ServerSideEncryption: 'aws:kms:dsse', SSEKMSKeyId: keyArn, BucketKeyEnabled: true }));
    expect(put.ServerSideEncryption).toBe('aws:kms:dsse');
    expect(put.SSEKMSKeyId).toBe(keyArn);
    expect(put.BucketKeyEnabled).toBeUndefined();
    const got = await s3.send(new GetObjectCommand({ Bucket: 'enc-bucket', Key: 'd' }));
    expect(await got.Body!.transformToString()).toBe('two layers');
  });
});

describe('bucket default encryption', () => {
  it('validates rules as AWS does and DeleteBucketEncryption goes back to SSE-S3', async () => {
    const { s3, keyId } = await setup();
    const e1 = await s3Error(s3.send(new PutBucketEncryptionCommand({ Bucket: 'enc-bucket', ServerSideEncryptionConfiguration: { Rules: [] } })));
    expect([e1.name, e1.status]).toEqual(['MalformedXML', 400]);
    const e2 = await s3Error(s3.send(new PutBucketEncryptionCommand({
      Bucket: 'enc-bucket',
      ServerSideEncryptionConfiguration: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256', KMSMasterKeyID: keyId } }] },
    })));
    expect([e2.name, e2.message]).toEqual(['InvalidArgument', 'a KMSMasterKeyID is not applicable if the default sse algorithm is not aws:kms or aws:kms:dsse']);
    await s3.send(new PutBucketEncryptionCommand({
      Bucket: 'enc-bucket',
      ServerSideEncryptionConfiguration: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: keyId } }] },
    }));
    const got = await s3.send(new GetBucketEncryptionCommand({ Bucket: 'enc-bucket' }));
    expect(got.ServerSideEncryptionConfiguration!.Rules![0]!.ApplyServerSideEncryptionByDefault!.KMSMasterKeyID).toBe(keyId);
    await s3.send(new DeleteBucketEncryptionCommand({ Bucket: 'enc-bucket' }));
    const put = await s3.send(new PutObjectCommand({ Bucket: 'enc-bucket', Key: 'k', Body: 'x' }));
    expect(put.ServerSideEncryption).toBe('AES256');
  });
});

const ssec = { SSECustomerAlgorithm: 'AES256', SSECustomerKey: SSE_C_KEY_B64, SSECustomerKeyMD5: SSE_C_KEY_MD5 };

async function allowSseC(s3: Awaited<ReturnType<typeof setup>>['s3']) {
  await s3.send(new PutBucketEncryptionCommand({
    Bucket: 'enc-bucket',
    ServerSideEncryptionConfiguration: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' }, BlockedEncryptionTypes: { EncryptionType: ['NONE'] } }] },
  }));
}

describe('SSE-C', () => {
  it('is blocked on new buckets (403 AccessDenied) until BlockedEncryptionTypes says NONE', async () => {
    const { s3 } = await setup();
    const e = await s3Error(s3.send(new PutObjectCommand({ Bucket: 'enc-bucket', Key: 'c', Body: 'x', ...ssec })));
    expect([e.name, e.status]).toEqual(['AccessDenied', 403]);
    await allowSseC(s3);
    const put = await s3.send(new PutObjectCommand({ Bucket: 'enc-bucket', Key: 'c', Body: 'secret', ...ssec }));
    expect(put.SSECustomerAlgorithm).toBe('AES256');
    expect(put.SSECustomerKeyMD5).toBe(SSE_C_KEY_MD5);
    expect(put.ServerSideEncryption).toBeUndefined();
  });

  it('needs the key to read, and the right one', async () => {
    const { s3 } = await setup();
    await allowSseC(s3);
    await s3.send(new PutObjectCommand({ Bucket: 'enc-bucket', Key: 'c', Body: 'secret', ...ssec }));
    const got = await s3.send(new GetObjectCommand({ Bucket: 'enc-bucket', Key: 'c', ...ssec }));
    expect(await got.Body!.transformToString()).toBe('secret');
    const e1 = await s3Error(s3.send(new GetObjectCommand({ Bucket: 'enc-bucket', Key: 'c' })));
    expect([e1.name, e1.status, e1.message]).toEqual(['InvalidRequest', 400, 'The object was stored using a form of Server Side Encryption. The correct parameters must be provided to retrieve the object.']);
    const other = Buffer.from('abcdefghijklmnopqrstuvwxyz012345');
    const e2 = await s3Error(s3.send(new GetObjectCommand({ Bucket: 'enc-bucket', Key: 'c', SSECustomerAlgorithm: 'AES256', SSECustomerKey: other.toString('base64') })));
    expect([e2.name, e2.status, e2.message]).toEqual(['AccessDenied', 403, 'Requests specifying Server Side Encryption with Customer provided keys must provide the correct secret key.']);
    const e3 = await s3Error(s3.send(new HeadObjectCommand({ Bucket: 'enc-bucket', Key: 'c' })));
    expect(e3.status).toBe(400);
  });

  it('checks algorithm, key length and MD5, storing nothing on error', async () => {
    const { s3 } = await setup();
    await allowSseC(s3);
    const e1 = await s3Error(s3.send(new PutObjectCommand({ Bucket: 'enc-bucket', Key: 'c', Body: 'x', ...ssec, SSECustomerAlgorithm: 'AES128' })));
    expect([e1.name, e1.message]).toEqual(['InvalidEncryptionAlgorithmError', 'The Encryption request you specified is not valid. Supported value: AES256.']);
    const short = Buffer.from('0123456789');
    const e2 = await s3Error(s3.send(new PutObjectCommand({ Bucket: 'enc-bucket', Key: 'c', Body: 'x', SSECustomerAlgorithm: 'AES256', SSECustomerKey: short.toString('base64') })));
    expect([e2.name, e2.message]).toEqual(['InvalidArgument', 'The secret key was invalid for the specified algorithm.']);
    // (A wrong MD5 cannot be sent through the SDK, which computes it itself: s3-wire.test.ts sends one.)
    const e4 = await s3Error(s3.send(new PutObjectCommand({ Bucket: 'enc-bucket', Key: 'c', Body: 'x', ...ssec, ServerSideEncryption: 'AES256' })));
    expect([e4.name, e4.message]).toEqual(['InvalidArgument', 'Server Side Encryption with Customer provided key is incompatible with the encryption method specified']);
    expect((await s3Error(s3.send(new HeadObjectCommand({ Bucket: 'enc-bucket', Key: 'c' })))).status).toBe(404);
    expect(SSE_C_KEY).toHaveLength(32);
  });

  it('copy from an SSE-C source needs the copy-source key; without target SSE-C the copy is SSE-S3 with an MD5 ETag', async () => {
    const { s3 } = await setup();
    await allowSseC(s3);
    await s3.send(new PutObjectCommand({ Bucket: 'enc-bucket', Key: 'src', Body: 'test_data', ...ssec }));
    const e = await s3Error(s3.send(new CopyObjectCommand({ Bucket: 'enc-bucket', Key: 'dst', CopySource: 'enc-bucket/src' })));
    expect(e.name).toBe('InvalidRequest');
    const c = await s3.send(new CopyObjectCommand({
      Bucket: 'enc-bucket', Key: 'dst', CopySource: 'enc-bucket/src',
      CopySourceSSECustomerAlgorithm: 'AES256', CopySourceSSECustomerKey: SSE_C_KEY_B64, CopySourceSSECustomerKeyMD5: SSE_C_KEY_MD5,
    }));
    expect(c.CopyObjectResult!.ETag).toBe('"6af8307c2460f2d208ad254f04be4b0d"');
    expect(c.ServerSideEncryption).toBe('AES256');
  });
});
