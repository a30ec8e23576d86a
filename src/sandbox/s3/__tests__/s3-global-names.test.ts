import { describe, expect, it } from 'vitest';
import { CreateBucketCommand, DeleteBucketCommand, GetObjectCommand, ListBucketsCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { createSandbox, LAB_BUCKET, type Sandbox } from '../../index';
import { s3Clients, s3Error } from './s3-helpers';

const OTHER = '444455556666';

/** An administrator of another account (its own IAM policy allows everything in it). */
async function otherAccountClients(sandbox: Sandbox) {
  const creds = sandbox.credentials.issue(
    {
      type: 'IAMUser',
      arn: `arn:aws:iam::${OTHER}:user/partner-admin`,
      accountId: OTHER,
      principalId: 'AIDAPARTNERADMIN0001',
      userName: 'partner-admin',
      identityPolicies: [{ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }],
    },
    3600,
  );
  return s3Clients({ sandbox, credentials: { accessKeyId: creds.accessKeyId, secretAccessKey: creds.secretAccessKey, sessionToken: creds.sessionToken } });
}

describe('bucket names are global across accounts', () => {
  it('a name another account owns is BucketAlreadyExists (409); the owner gets 200 again in us-east-1', async () => {
    const sandbox = await createSandbox();
    const { s3: mine } = await s3Clients({ sandbox });
    const { s3: theirs } = await otherAccountClients(sandbox);
    await mine.send(new CreateBucketCommand({ Bucket: 'shared-name' }));
    const taken = await s3Error(theirs.send(new CreateBucketCommand({ Bucket: 'shared-name' })));
    expect([taken.name, taken.status, taken.message]).toEqual([
      'BucketAlreadyExists',
      409,
      'The requested bucket name is not available. The bucket namespace is shared by all users of the system. Please select a different name and try again.',
    ]);
    // The owner repeating it in us-east-1: 200 (S3's legacy behaviour there).
    expect((await mine.send(new CreateBucketCommand({ Bucket: 'shared-name' }))).$metadata.httpStatusCode).toBe(200);
    // The lab bucket is the lab account's too.
    expect((await s3Error(theirs.send(new CreateBucketCommand({ Bucket: LAB_BUCKET })))).name).toBe('BucketAlreadyExists');
    // The other account lists only its own buckets, and cannot use ours without a grant.
    await theirs.send(new CreateBucketCommand({ Bucket: 'their-bucket' }));
    expect((await theirs.send(new ListBucketsCommand({}))).Buckets!.map((b) => b.Name)).toEqual(['their-bucket']);
    expect((await mine.send(new ListBucketsCommand({}))).Buckets!.map((b) => b.Name)).toEqual([LAB_BUCKET, 'shared-name']);
    const denied = await s3Error(theirs.send(new PutObjectCommand({ Bucket: 'shared-name', Key: 'k', Body: 'x' })));
    expect([denied.name, denied.status]).toEqual(['AccessDenied', 403]);
    expect((await s3Error(theirs.send(new GetObjectCommand({ Bucket: 'nobody-has-this', Key: 'k' })))).name).toBe('NoSuchBucket');
  });

  it('a deleted name is free for any account', async () => {
    const sandbox = await createSandbox();
    const { s3: mine } = await s3Clients({ sandbox });
    const { s3: theirs } = await otherAccountClients(sandbox);
    await mine.send(new CreateBucketCommand({ Bucket: 'passed-on' }));
    await mine.send(new DeleteBucketCommand({ Bucket: 'passed-on' }));
    await theirs.send(new CreateBucketCommand({ Bucket: 'passed-on' }));
    expect((await s3Error(mine.send(new CreateBucketCommand({ Bucket: 'passed-on' })))).name).toBe('BucketAlreadyExists');
  });
});
