import type { ConnectionInfo } from '../../../connection';
import type { SseEnv } from '../lib/sse-lab';

/** The lab's own bucket where it may change bucket-level settings (the sandbox, an endpoint). */
export const SSE_LAB_BUCKET = 'kms-lab-sse';
/** The bucket the AWS CLI example creates on `npm run sandbox`. */
export const CLI_BUCKET = 'kms-lab-https-only';

/**
 * Where and as whom the lab runs on each backend:
 * - sandbox: as the sandbox administrator, in its own bucket (the guest role may not create buckets
 *   or write bucket policies);
 * - endpoint (moto, LocalStack): with the endpoint's credentials, in its own bucket;
 * - aws: as the learner's guest identity, under `<identity id>/` in the lab bucket, which the guest
 *   policy allows; bucket-level steps are not available there.
 */
export async function sseEnvFor(conn: ConnectionInfo): Promise<SseEnv> {
  const onAws = conn.backend === 'aws';
  if (onAws && (!conn.bucket || !conn.identityId)) {
    throw new Error('On AWS this lab needs the lab bucket (lab-config.json) and a guest identity; neither is known yet.');
  }
  const [s3, kms, cloudtrail] = await Promise.all([
    conn.clients.s3As ? conn.clients.s3As('lab-admin') : conn.clients.s3(),
    conn.clients.kmsAs ? conn.clients.kmsAs('lab-admin') : conn.clients.kms(),
    conn.clients.cloudtrail(),
  ]);
  const inspect = conn.sandbox?.inspectS3Object;
  return {
    backend: conn.backend,
    s3,
    kms,
    cloudtrail,
    bucket: onAws ? conn.bucket! : SSE_LAB_BUCKET,
    prefix: onAws ? `${conn.identityId}/` : '',
    ownBucket: !onAws,
    now: () => conn.sandbox?.now() ?? Date.now(),
    identityId: conn.identityId,
    ...(inspect ? { inspect: (b: string, k: string) => inspect(b, k) } : {}),
  };
}
