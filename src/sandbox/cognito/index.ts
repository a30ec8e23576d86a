import type { ServiceModule } from '../shared/context';
import type { CognitoState } from './cognito-models';

// PLACEHOLDER written by helper A (protocol shell) so createSandbox can wire Cognito. The Cognito helper overwrites this file.
export const cognitoService: ServiceModule = { name: 'cognito-identity', operations: {}, readOnly: new Set() };
export const initialCognitoState = (): CognitoState => ({ regions: {} });
