import { GUEST_ROLE_ARN } from '../iam/principals';
import { DEFAULT_REGION } from '../shared/context';
import type { IdentityPool } from './cognito-models';

/** The lab's identity pool: exists from the start, as the infrastructure template deploys it. */
export const LAB_POOL_ID = 'us-east-1:1ab0a7e5-5a4d-4b0c-9d1e-111122223333';
export const LAB_POOL_NAME = 'kms_study_lab';
export const LAB_POOL_REGION = DEFAULT_REGION;
export const LAB_GUEST_ROLE_ARN = GUEST_ROLE_ARN;

/** Fixed creation time (2026-01-01T00:00:00Z) so the initial state is deterministic. */
const LAB_POOL_CREATED_AT = Date.UTC(2026, 0, 1);

export function labPool(): IdentityPool {
  return {
    IdentityPoolId: LAB_POOL_ID,
    IdentityPoolName: LAB_POOL_NAME,
    AllowUnauthenticatedIdentities: true,
    AllowClassicFlow: true,
    Roles: { unauthenticated: LAB_GUEST_ROLE_ARN },
    createdAt: LAB_POOL_CREATED_AT,
    IdentityPoolTags: {},
  };
}
