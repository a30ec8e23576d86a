import { DeleteObjectCommand, GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { DisableKeyCommand } from '@aws-sdk/client-kms';
import { kmsExperiment, success } from '../../study/experiment-kit';
import type { ConnectionInfo } from '../../connection/types';
import { countKmsForUploads, type SseEnv } from './lib/sse-lab';

// Experiments for the S3 SSE questions. They run as the learner (the guest on the sandbox and on
// AWS), under the learner's own prefix in the lab bucket, which is all the guest policy allows.

export const UPLOADS = 10;
export const countsLabel = (without: number, withKey: number) => `${without} without a bucket key, ${withKey} with one`;
export const READ_BACK = 'the object is returned';

async function guestEnv(conn: ConnectionInfo, kms: SseEnv['kms']): Promise<SseEnv> {
  const [s3, cloudtrail] = await Promise.all([conn.clients.s3(), conn.clients.cloudtrail()]);
  return {
    backend: conn.backend,
    s3,
    kms,
    cloudtrail,
    bucket: conn.bucket ?? 'kms-lab-bucket',
    prefix: `${conn.identityId ?? 'kms-study-lab'}/`,
    ownBucket: false,
    now: () => conn.sandbox?.now() ?? Date.now(),
    identityId: conn.identityId,
  };
}

/**
 * Ten SSE-KMS uploads without a bucket key (one key), ten with a bucket key (a second, fresh key,
 * so no bucket key is cached), KMS calls counted from LookupEvents. Sandbox only: on AWS, CloudTrail
 * delivers events minutes later, so a count taken at once would be wrong.
 */
export const countBucketKeyCalls = kmsExperiment(async (lab) => {
  const env = await lab.setup(async () => {
    if (lab.conn.backend !== 'sandbox') throw Object.assign(new Error('CloudTrail on AWS delivers events minutes later: run this on the sandbox.'), { name: 'SandboxOnly' });
    return guestEnv(lab.conn, lab.kms);
  });
  const [first, second] = [await lab.createKey(), await lab.createKey()];
  // S3 takes a key id as well as an ARN.
  const without = await countKmsForUploads(env, first, UPLOADS, false);
  const withKey = await countKmsForUploads(env, second, UPLOADS, true);
  return success(countsLabel(without, withKey));
});

/** An SSE-KMS object whose KMS key is then disabled, read back with GetObject. */
export const getWithDisabledKey = kmsExperiment(async (lab) => {
  const env = await lab.setup(() => guestEnv(lab.conn, lab.kms));
  const keyId = await lab.createKey();
  const Key = `${env.prefix}sse-lab/experiment-disabled-key.txt`;
  await lab.setup(async () => {
    await env.s3.send(new PutObjectCommand({ Bucket: env.bucket, Key, Body: new TextEncoder().encode('disabled key'), ServerSideEncryption: 'aws:kms', SSEKMSKeyId: keyId }));
    await lab.kms.send(new DisableKeyCommand({ KeyId: keyId }));
  });
  try {
    const out = await env.s3.send(new GetObjectCommand({ Bucket: env.bucket, Key }));
    await out.Body?.transformToByteArray();
    return success(READ_BACK);
  } finally {
    await env.s3.send(new DeleteObjectCommand({ Bucket: env.bucket, Key })).catch(() => undefined);
  }
});
