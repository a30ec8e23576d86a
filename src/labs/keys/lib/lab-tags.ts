import type { Tag } from '@aws-sdk/client-kms';
import type { ConnectionInfo } from '../../../connection/types';

/**
 * The lab guest role may only create keys tagged lab-owner = its Cognito identity id
 * (infra/policies/lab-guest-policy.json), and aliases under alias/lab-.
 */
export function labTags(conn: ConnectionInfo): Tag[] | undefined {
  return conn.identityId ? [{ TagKey: 'lab-owner', TagValue: conn.identityId }] : undefined;
}
