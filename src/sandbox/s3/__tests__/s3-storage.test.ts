import { describe, expect, it } from 'vitest';
import { CreateBucketCommand, PutBucketEncryptionCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { CreateKeyCommand } from '@aws-sdk/client-kms';
import { CloudTrailClient, LookupEventsCommand } from '@aws-sdk/client-cloudtrail';
import { SANDBOX_ADMIN_CREDENTIALS } from '../../index';
import { s3Clients } from './s3-helpers';

const PLAIN = 'the plaintext the learner uploaded';
const contains = (hay: Uint8Array, needle: string) => Buffer.from(hay).includes(Buffer.from(needle));

describe('the raw storage view', () => {
  it('shows ciphertext, the wrapped key and the key reference per mode — never the plaintext', async () => {
    const { s3, kms, sandbox } = await s3Clients();
    await s3.send(new CreateBucketCommand({ Bucket: 'raw-bucket' }));
    const key = await kms.send(new CreateKeyCommand({}));
    await s3.send(new PutObjectCommand({ Bucket: 'raw-bucket', Key: 's3', Body: PLAIN, Metadata: { iv: 'clear-text-metadata' } }));
    await s3.send(new PutObjectCommand({ Bucket: 'raw-bucket', Key: 'kms', Body: PLAIN, ServerSideEncryption: 'aws:kms', SSEKMSKeyId: key.KeyMetadata!.Arn }));
    await s3.send(new PutObjectCommand({ Bucket: 'raw-bucket', Key: 'bk', Body: PLAIN, ServerSideEncryption: 'aws:kms', SSEKMSKeyId: key.KeyMetadata!.Arn, BucketKeyEnabled: true }));

    const s3v = (await sandbox.inspectS3Object('raw-bucket', 's3'))!;
    expect([s3v.mode, s3v.algorithm, s3v.kmsKeyArn, s3v.kmsCiphertextBlob]).toEqual(['AES256', 'AES-256-GCM', undefined, undefined]);
    expect(s3v.wrappedDataKey!.length).toBe(12 + 32 + 16);
    expect(s3v.pieces[0]!.storedBytes).toBe(12 + PLAIN.length + 16);
    expect(contains(s3v.pieces[0]!.ciphertext, PLAIN)).toBe(false);
    expect(s3v.metadata).toEqual({ iv: 'clear-text-metadata' });

    const kv = (await sandbox.inspectS3Object('raw-bucket', 'kms'))!;
    expect([kv.mode, kv.kmsKeyArn, kv.bucketKey]).toEqual(['aws:kms', key.KeyMetadata!.Arn, false]);
    expect(kv.kmsCiphertextBlob!.length).toBeGreaterThan(32);
    expect(kv.encryptionContext).toEqual({ 'aws:s3:arn': 'arn:aws:s3:::raw-bucket/kms' });
    expect(contains(kv.pieces[0]!.ciphertext, PLAIN)).toBe(false);

    const bv = (await sandbox.inspectS3Object('raw-bucket', 'bk'))!;
    expect([bv.bucketKey, bv.encryptionContext]).toEqual([true, { 'aws:s3:arn': 'arn:aws:s3:::raw-bucket' }]);
    expect(await sandbox.inspectS3Object('raw-bucket', 'missing')).toBeUndefined();
    expect(JSON.stringify((await sandbox.exportState()))).not.toContain(PLAIN);
  });
});

describe('S3 data events', () => {
  it('are kept out of LookupEvents (as on AWS) and listed apart; bucket calls and S3\'s KMS calls stay in', async () => {
    const { s3, sandbox } = await s3Clients();
    await s3.send(new CreateBucketCommand({ Bucket: 'ev-bucket' }));
    await s3.send(new PutBucketEncryptionCommand({ Bucket: 'ev-bucket', ServerSideEncryptionConfiguration: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms' } }] } }));
    await s3.send(new PutObjectCommand({ Bucket: 'ev-bucket', Key: 'k', Body: 'x' }));
    const ct = new CloudTrailClient({ region: 'us-east-1', credentials: SANDBOX_ADMIN_CREDENTIALS, requestHandler: sandbox.requestHandler, maxAttempts: 1 });
    const all = await ct.send(new LookupEventsCommand({ MaxResults: 50 }));
    const names = all.Events!.map((e) => `${e.EventSource}:${e.EventName}`);
    expect(names).toContain('s3.amazonaws.com:CreateBucket');
    expect(names).toContain('s3.amazonaws.com:PutBucketEncryption');
    expect(names).toContain('kms.amazonaws.com:GenerateDataKey');
    expect(names).not.toContain('s3.amazonaws.com:PutObject');
    const data = await sandbox.s3DataEvents();
    expect(data.map((e) => e.eventName)).toEqual(['PutObject']);
    expect(data[0]!.eventCategory).toBe('Data');
    expect(data[0]!.resources?.[0]?.ARN).toBe('arn:aws:s3:::ev-bucket/k');
  });
});
