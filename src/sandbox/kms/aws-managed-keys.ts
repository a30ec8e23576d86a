import type { RequestContext } from '../shared/context';
import type { KmsKey } from './kms-models';

/**
 * Creates the AWS managed key behind `alias/aws/<service>` (s3, lambda, ...) the first time it is
 * named, as AWS does; returns undefined for any other alias. Owned by the KMS key-management work.
 */
export async function ensureAwsManagedKey(
  ctx: Pick<RequestContext, 'state' | 'region' | 'accountId' | 'now' | 'randomBytes' | 'subtle' | 'cache'>,
  aliasName: string,
): Promise<KmsKey | undefined> {
  void ctx;
  void aliasName;
  return undefined;
}
