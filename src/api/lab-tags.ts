import type { Tag } from '@aws-sdk/client-kms';
import type { ConnectionInfo } from '../connection/types';

/** The tag the lab's guest policy keys on (infra/policies/lab-guest-policy.json). */
export const LAB_OWNER_TAG = 'lab-owner';
/** The guest policy allows aliases only under this prefix (infra/policies/lab-guest-policy.json). */
export const LAB_ALIAS_PREFIX = 'alias/lab-';

const COGNITO_IDENTITY_ID = /^[a-z]{2}(-[a-z]+)+-\d+:[0-9a-f-]{36}$/;

/**
 * The lab guest role may only create keys tagged lab-owner = its Cognito identity id
 * (infra/policies/lab-guest-policy.json), and aliases under alias/lab-. Static credentials
 * (the sandbox administrator, an endpoint's keys) need no tag.
 */
export function labTags(conn: ConnectionInfo): Tag[] | undefined {
  return conn.identityId && COGNITO_IDENTITY_ID.test(conn.identityId) ? [{ TagKey: LAB_OWNER_TAG, TagValue: conn.identityId }] : undefined;
}
