import type { ServiceModule } from '../shared/context';
import type { CognitoState } from './cognito-models';
import { cognitoOperations } from './cognito-operations';
import { LAB_POOL_ID, LAB_POOL_REGION, labPool } from './lab-pool';

export { LAB_POOL_ID, LAB_POOL_NAME, LAB_POOL_REGION, LAB_GUEST_ROLE_ARN } from './lab-pool';

export const cognitoService: ServiceModule = {
  name: 'cognito-identity',
  operations: cognitoOperations,
  readOnly: new Set(['DescribeIdentityPool', 'ListIdentityPools', 'GetIdentityPoolRoles']),
};

/** What AWS "provides" at the start: the lab pool in us-east-1 with its guest role. */
export const initialCognitoState = (): CognitoState => ({
  regions: { [LAB_POOL_REGION]: { pools: { [LAB_POOL_ID]: labPool() }, identities: {} } },
});
