import { describe, expect, it } from 'vitest';
import { CreateBucketCommand, DeleteBucketPolicyCommand, GetBucketPolicyCommand, GetObjectCommand, ListObjectsV2Command, PutBucketPolicyCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { GetIdCommand, GetOpenIdTokenCommand } from '@aws-sdk/client-cognito-identity';
import { AssumeRoleWithWebIdentityCommand } from '@aws-sdk/client-sts';
import { CreateKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import { sandboxClients } from '../../__tests__/helpers/clients';
import { s3Clients, s3Error } from './s3-helpers';
import { raw, xmlCode } from './s3-raw';

const POOL = 'us-east-1:1ab0a7e5-5a4d-4b0c-9d1e-111122223333';
const GUEST_ROLE = 'arn:aws:iam::111122223333:role/KmsStudyLabGuestRole';

async function guest() {
  const admin = await sandboxClients();
  const { IdentityId } = await admin.cognito.send(new GetIdCommand({ IdentityPoolId: POOL }));
  const { Token } = await admin.cognito.send(new GetOpenIdTokenCommand({ IdentityId }));
  const { Credentials: c } = await admin.sts.send(new AssumeRoleWithWebIdentityCommand({ RoleArn: GUEST_ROLE, RoleSessionName: 'learner', WebIdentityToken: Token }));
  const credentials = { accessKeyId: c!.AccessKeyId!, secretAccessKey: c!.SecretAccessKey!, sessionToken: c!.SessionToken };
  const common = { region: 'us-east-1', credentials, requestHandler: admin.sandbox.requestHandler, maxAttempts: 1 };
  return { s3: new S3Client(common), kms: new KMSClient(common), identityId: IdentityId!, sandbox: admin.sandbox };
}

const DENY_NOT_KMS = (bucket: string) =>
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      { Sid: 'DenyNotKms', Effect: 'Deny', Principal: '*', Action: 's3:PutObject', Resource: `arn:aws:s3:::${bucket}/*`, Condition: { StringNotEquals: { 's3:x-amz-server-side-encryption': 'aws:kms' } } },
      { Sid: 'DenyPlainHttp', Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: [`arn:aws:s3:::${bucket}`, `arn:aws:s3:::${bucket}/*`], Condition: { Bool: { 'aws:SecureTransport': 'false' } } },
    ],
  });

describe('bucket policies, evaluated by the one policy evaluator', () => {
  it('stores, returns and deletes a policy; refuses one that is not JSON', async () => {
    const { s3 } = await s3Clients();
    await s3.send(new CreateBucketCommand({ Bucket: 'pol-bucket' }));
    const e0 = await s3Error(s3.send(new GetBucketPolicyCommand({ Bucket: 'pol-bucket' })));
    expect([e0.name, e0.status, e0.message]).toEqual(['NoSuchBucketPolicy', 404, 'The bucket policy does not exist']);
    const e1 = await s3Error(s3.send(new PutBucketPolicyCommand({ Bucket: 'pol-bucket', Policy: 'nope' })));
    expect([e1.name, e1.status]).toEqual(['MalformedPolicy', 400]);
    await s3.send(new PutBucketPolicyCommand({ Bucket: 'pol-bucket', Policy: DENY_NOT_KMS('pol-bucket') }));
    expect((await s3.send(new GetBucketPolicyCommand({ Bucket: 'pol-bucket' }))).Policy).toBe(DENY_NOT_KMS('pol-bucket'));
    await s3.send(new DeleteBucketPolicyCommand({ Bucket: 'pol-bucket' }));
    expect((await s3Error(s3.send(new GetBucketPolicyCommand({ Bucket: 'pol-bucket' })))).status).toBe(404);
  });

  it('"deny uploads that are not SSE-KMS" (s3:x-amz-server-side-encryption) runs, not just reads', async () => {
    const { s3 } = await s3Clients();
    await s3.send(new CreateBucketCommand({ Bucket: 'pol-bucket' }));
    await s3.send(new PutBucketPolicyCommand({ Bucket: 'pol-bucket', Policy: DENY_NOT_KMS('pol-bucket') }));
    const e = await s3Error(s3.send(new PutObjectCommand({ Bucket: 'pol-bucket', Key: 'k', Body: 'x' })));
    expect([e.name, e.status]).toEqual(['AccessDenied', 403]);
    expect(e.message).toBe('User: arn:aws:iam::111122223333:user/lab-admin is not authorized to perform: s3:PutObject on resource: arn:aws:s3:::pol-bucket/k with an explicit deny in a resource-based policy');
    const ok = await s3.send(new PutObjectCommand({ Bucket: 'pol-bucket', Key: 'k', Body: 'x', ServerSideEncryption: 'aws:kms' }));
    expect(ok.ServerSideEncryption).toBe('aws:kms');
  });

  it('"deny plain HTTP" (aws:SecureTransport) refuses a request that did not come over TLS', async () => {
    const { s3, sandbox } = await s3Clients();
    await s3.send(new CreateBucketCommand({ Bucket: 'pol-bucket' }));
    await s3.send(new PutObjectCommand({ Bucket: 'pol-bucket', Key: 'k', Body: 'x' }));
    await s3.send(new PutBucketPolicyCommand({ Bucket: 'pol-bucket', Policy: DENY_NOT_KMS('pol-bucket') }));
    const plain = await raw(sandbox, { method: 'GET', path: '/pol-bucket/k', secure: false });
    expect([plain.statusCode, xmlCode(plain.text)]).toEqual([403, 'AccessDenied']);
    const tls = await raw(sandbox, { method: 'GET', path: '/pol-bucket/k', secure: true });
    expect([tls.statusCode, tls.text]).toEqual([200, 'x']);
  });
});

describe('the guest role: the lab bucket and the learner\'s own prefix only', () => {
  it('puts, gets and lists under its own identity id, and nothing else', async () => {
    const { s3, identityId } = await guest();
    const put = await s3.send(new PutObjectCommand({ Bucket: 'kms-lab-bucket', Key: `${identityId}/note.txt`, Body: 'mine' }));
    expect(put.ServerSideEncryption).toBe('AES256');
    const got = await s3.send(new GetObjectCommand({ Bucket: 'kms-lab-bucket', Key: `${identityId}/note.txt` }));
    expect(await got.Body!.transformToString()).toBe('mine');
    const list = await s3.send(new ListObjectsV2Command({ Bucket: 'kms-lab-bucket', Prefix: `${identityId}/` }));
    expect(list.Contents?.map((c) => c.Key)).toEqual([`${identityId}/note.txt`]);
    const e1 = await s3Error(s3.send(new PutObjectCommand({ Bucket: 'kms-lab-bucket', Key: 'us-east-1:someone-else/x', Body: 'x' })));
    expect([e1.name, e1.status]).toEqual(['AccessDenied', 403]);
    const e2 = await s3Error(s3.send(new ListObjectsV2Command({ Bucket: 'kms-lab-bucket' })));
    expect(e2.status).toBe(403);
    const e3 = await s3Error(s3.send(new CreateBucketCommand({ Bucket: 'guest-bucket' })));
    expect(e3.status).toBe(403);
  });

  it('uses its own KMS key through S3: the trail shows the guest session, invokedBy s3.amazonaws.com', async () => {
    const { s3, kms, identityId, sandbox } = await guest();
    const key = await kms.send(new CreateKeyCommand({ Tags: [{ TagKey: 'lab-owner', TagValue: identityId }] }));
    await s3.send(new PutObjectCommand({ Bucket: 'kms-lab-bucket', Key: `${identityId}/k.txt`, Body: 'x', ServerSideEncryption: 'aws:kms', SSEKMSKeyId: key.KeyMetadata!.Arn }));
    const gdk = (await sandbox.trail.events()).find((e) => e.eventName === 'GenerateDataKey')!;
    expect(gdk.userIdentity['type']).toBe('AssumedRole');
    expect(gdk.userIdentity['invokedBy']).toBe('s3.amazonaws.com');
    const put = (await sandbox.trail.events()).find((e) => e.eventName === 'PutObject')!;
    expect([put.managementEvent, put.eventCategory]).toEqual([false, 'Data']);
  });
});
