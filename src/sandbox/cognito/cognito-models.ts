/** Cognito Identity state, per region. The Cognito helper owns and extends these shapes. */
export interface IdentityPool {
  IdentityPoolId: string;
  IdentityPoolName: string;
  AllowUnauthenticatedIdentities: boolean;
  AllowClassicFlow: boolean;
  /** { unauthenticated?: roleArn, authenticated?: roleArn } */
  Roles: Record<string, string>;
  createdAt: number;
}

export interface CognitoIdentity {
  IdentityId: string;
  IdentityPoolId: string;
  creationDate: number;
}

export interface CognitoRegionState {
  pools: Record<string, IdentityPool>;
  identities: Record<string, CognitoIdentity>;
}

export interface CognitoState {
  regions: Record<string, CognitoRegionState>;
}
