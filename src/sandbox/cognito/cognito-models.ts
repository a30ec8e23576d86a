import type { CognitoIdentityProvider, RoleMapping } from '@aws-sdk/client-cognito-identity';

/** Cognito Identity state, per region. Owned by the identity work (docs/identity.md). */
export interface IdentityPool {
  IdentityPoolId: string;
  IdentityPoolName: string;
  AllowUnauthenticatedIdentities: boolean;
  AllowClassicFlow: boolean;
  /** { unauthenticated?: roleArn, authenticated?: roleArn } */
  Roles: Record<string, string>;
  createdAt: number;
  SupportedLoginProviders?: Record<string, string>;
  DeveloperProviderName?: string;
  OpenIdConnectProviderARNs?: string[];
  CognitoIdentityProviders?: CognitoIdentityProvider[];
  SamlProviderARNs?: string[];
  IdentityPoolTags?: Record<string, string>;
  /** Kept as given (GetIdentityPoolRoles returns it); the sandbox has no authenticated identities to map. */
  RoleMappings?: Record<string, RoleMapping>;
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
  /**
   * Hex HMAC key that signs GetOpenIdToken's tokens and that STS verifies them with. Made on first
   * use and persisted, so a token stays valid across a reload, as AWS's do for their 10 minutes.
   */
  openIdSigningKeyHex?: string;
}
