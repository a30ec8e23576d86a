import type {
  CreateIdentityPoolCommandInput,
  CreateIdentityPoolCommandOutput,
  DeleteIdentityPoolCommandInput,
  DeleteIdentityPoolCommandOutput,
  DescribeIdentityPoolCommandInput,
  DescribeIdentityPoolCommandOutput,
  GetCredentialsForIdentityCommandInput,
  GetCredentialsForIdentityCommandOutput,
  GetIdCommandInput,
  GetIdCommandOutput,
  GetIdentityPoolRolesCommandInput,
  GetIdentityPoolRolesCommandOutput,
  GetOpenIdTokenCommandInput,
  GetOpenIdTokenCommandOutput,
  IdentityPool as SdkIdentityPool,
  ListIdentityPoolsCommandInput,
  ListIdentityPoolsCommandOutput,
  SetIdentityPoolRolesCommandInput,
  SetIdentityPoolRolesCommandOutput,
  UpdateIdentityPoolCommandInput,
  UpdateIdentityPoolCommandOutput,
} from '@aws-sdk/client-cognito-identity';
import { COGNITO_UNAUTHED_SESSION_POLICIES } from '../iam/session-policies';
import { assumedRolePrincipal, findRoleByArn, type RoleDefinition } from '../iam/principals';
import { evaluate } from '../iam/evaluator';
import { buildContextKeys } from '../iam/policy-conditions';
import { ServiceError } from '../protocol/service-error';
import type { DispatchOperation, Operation, RequestContext } from '../shared/context';
import { uuidV4 } from '../shared/ids';
import type { Principal } from '../shared/principal';
import type { CognitoRegionState, IdentityPool } from './cognito-models';
import { COGNITO_ISSUER, COGNITO_PROVIDER, OPEN_ID_TOKEN_LIFETIME_SECONDS, signOpenIdToken } from './open-id-token';

/**
 * Cognito Identity (API version 2014-06-30) for guest identities: pools, roles, GetId, and both
 * credential flows (s3-cognito-behavior.md §5.1). GetId, GetOpenIdToken and
 * GetCredentialsForIdentity are unsigned, as on AWS; the management calls are signed and authorised.
 */

const ROLE_ARN_RE = /^arn:aws:iam::\d{12}:role\/[\w+=,.@/-]+$/;
/** Enhanced-flow credentials last one hour (Cognito developer guide). */
const ENHANCED_FLOW_SECONDS = 3600;
/** The session name the enhanced flow gives its role sessions. */
export const ENHANCED_FLOW_SESSION_NAME = 'CognitoIdentityCredentials';

type Ctx = RequestContext;

function regionState(ctx: Pick<Ctx, 'state' | 'region'>): CognitoRegionState {
  const regions = ctx.state.cognito.regions;
  return (regions[ctx.region] ??= { pools: {}, identities: {} });
}

const poolArn = (ctx: Ctx, id: string) => `arn:aws:cognito-identity:${ctx.region}:${ctx.accountId}:identitypool/${id}`;

const poolNotFound = (id: string) => new ServiceError('ResourceNotFoundException', `IdentityPool '${id}' not found.`);
const identityNotFound = (id: string) => new ServiceError('ResourceNotFoundException', `Identity '${id}' not found.`);
const unauthNotSupported = () =>
  new ServiceError('NotAuthorizedException', 'Unauthenticated access is not supported for this identity pool.');
const invalidPoolConfiguration = () =>
  new ServiceError(
    'InvalidIdentityPoolConfigurationException',
    'Invalid identity pool configuration. Check assigned IAM roles for this pool.',
  );

function getPool(ctx: Ctx, id: string): IdentityPool {
  const pool = regionState(ctx).pools[id];
  if (!pool) throw poolNotFound(id);
  return pool;
}

/** The IdentityPool shape DescribeIdentityPool, CreateIdentityPool and UpdateIdentityPool return. */
function describe(pool: IdentityPool): SdkIdentityPool {
  return {
    IdentityPoolId: pool.IdentityPoolId,
    IdentityPoolName: pool.IdentityPoolName,
    AllowUnauthenticatedIdentities: pool.AllowUnauthenticatedIdentities,
    AllowClassicFlow: pool.AllowClassicFlow,
    SupportedLoginProviders: pool.SupportedLoginProviders,
    DeveloperProviderName: pool.DeveloperProviderName,
    OpenIdConnectProviderARNs: pool.OpenIdConnectProviderARNs,
    CognitoIdentityProviders: pool.CognitoIdentityProviders,
    SamlProviderARNs: pool.SamlProviderARNs,
    IdentityPoolTags: pool.IdentityPoolTags ?? {},
  };
}

/** The optional members of Create/UpdateIdentityPool (their types and constraints were checked by the validation layer). */
function applyOptionalPoolFields(pool: IdentityPool, input: CreateIdentityPoolCommandInput | UpdateIdentityPoolCommandInput): void {
  if (input.AllowClassicFlow !== undefined) pool.AllowClassicFlow = input.AllowClassicFlow;
  if (input.SupportedLoginProviders !== undefined) pool.SupportedLoginProviders = input.SupportedLoginProviders;
  if (input.DeveloperProviderName !== undefined) pool.DeveloperProviderName = input.DeveloperProviderName;
  if (input.OpenIdConnectProviderARNs !== undefined) pool.OpenIdConnectProviderARNs = input.OpenIdConnectProviderARNs;
  if (input.CognitoIdentityProviders !== undefined) pool.CognitoIdentityProviders = input.CognitoIdentityProviders;
  if (input.SamlProviderARNs !== undefined) pool.SamlProviderARNs = input.SamlProviderARNs;
  if (input.IdentityPoolTags !== undefined) pool.IdentityPoolTags = input.IdentityPoolTags;
}

function guestRoleOf(pool: IdentityPool): RoleDefinition {
  const arn = pool.Roles['unauthenticated'];
  const role = arn ? findRoleByArn(arn) : undefined;
  if (!role) throw invalidPoolConfiguration();
  return role;
}

/** The identity a credentials / token call names, with its pool (which must still allow guests). */
function identityAndPool(ctx: Ctx, input: { IdentityId?: string; Logins?: Record<string, string> }): { identityId: string; pool: IdentityPool } {
  const identityId = input.IdentityId!; // required and well-formed: the validation layer checked it
  rejectLogins(input.Logins);
  const identity = regionState(ctx).identities[identityId];
  if (!identity) throw identityNotFound(identityId);
  const pool = regionState(ctx).pools[identity.IdentityPoolId];
  if (!pool) throw identityNotFound(identityId);
  if (!pool.AllowUnauthenticatedIdentities) throw unauthNotSupported();
  return { identityId, pool };
}

function rejectLogins(logins: Record<string, string> | undefined): void {
  if (logins && Object.keys(logins).length > 0) {
    // Sandbox differs: AWS would validate the token with its provider; the sandbox has none.
    throw new ServiceError('NotAuthorizedException', 'The KMS Study Lab sandbox supports guest (unauthenticated) identities only.');
  }
}

function webIdentityOf(pool: IdentityPool, identityId: string): NonNullable<Principal['webIdentity']> {
  return { federatedProvider: COGNITO_PROVIDER, audience: pool.IdentityPoolId, subject: identityId, amr: ['unauthenticated'] };
}

/** Whether the role's trust policy lets this pool's guests assume it (as STS checks for Cognito). */
export function trustAllows(role: RoleDefinition, web: NonNullable<Principal['webIdentity']>, accountId: string): boolean {
  if (!role.trustPolicy) return false;
  const caller: Principal = {
    type: 'Anonymous',
    arn: web.federatedProvider,
    accountId,
    principalId: web.subject,
    identityPolicies: [],
    webIdentity: web,
  };
  const decision = evaluate({
    principal: caller,
    action: 'sts:AssumeRoleWithWebIdentity',
    resource: role.arn,
    resourcePolicy: role.trustPolicy,
    resourcePolicyRequired: true,
    context: buildContextKeys({
      [`${web.federatedProvider}:aud`]: web.audience,
      [`${web.federatedProvider}:sub`]: web.subject,
      [`${web.federatedProvider}:amr`]: web.amr,
    }),
  });
  return decision.allowed;
}

/*
 * The operations take and return the SDK's own types. Required members, lengths, patterns and ranges
 * (IdentityPoolId, IdentityPoolName, MaxResults 1-60, the Roles map's keys) were checked by the validation
 * layer (protocol/validate.ts) before the operation runs; what the model cannot express is checked here.
 */

const createIdentityPool: Operation<CreateIdentityPoolCommandInput, CreateIdentityPoolCommandOutput> = (input, ctx) => {
  ctx.authorize({ action: 'cognito-identity:CreateIdentityPool', resource: `arn:aws:cognito-identity:${ctx.region}:${ctx.accountId}:identitypool/*` });
  const id = `${ctx.region}:${uuidV4(ctx.randomBytes)}`;
  // A pool created without AllowClassicFlow allowed the classic flow in a 2023 report (aws-cli#7652).
  const pool: IdentityPool = {
    IdentityPoolId: id,
    IdentityPoolName: input.IdentityPoolName!,
    AllowUnauthenticatedIdentities: input.AllowUnauthenticatedIdentities!,
    AllowClassicFlow: true,
    Roles: {},
    createdAt: ctx.now(),
  };
  applyOptionalPoolFields(pool, input);
  regionState(ctx).pools[id] = pool;
  return describe(pool);
};

const describeIdentityPool: Operation<DescribeIdentityPoolCommandInput, DescribeIdentityPoolCommandOutput> = (input, ctx) => {
  const id = input.IdentityPoolId!;
  ctx.authorize({ action: 'cognito-identity:DescribeIdentityPool', resource: poolArn(ctx, id) });
  return describe(getPool(ctx, id));
};

const updateIdentityPool: Operation<UpdateIdentityPoolCommandInput, UpdateIdentityPoolCommandOutput> = (input, ctx) => {
  const id = input.IdentityPoolId!;
  ctx.authorize({ action: 'cognito-identity:UpdateIdentityPool', resource: poolArn(ctx, id) });
  const pool = getPool(ctx, id);
  pool.IdentityPoolName = input.IdentityPoolName!;
  pool.AllowUnauthenticatedIdentities = input.AllowUnauthenticatedIdentities!;
  applyOptionalPoolFields(pool, input);
  return describe(pool);
};

const listIdentityPools: Operation<ListIdentityPoolsCommandInput, ListIdentityPoolsCommandOutput> = (input, ctx) => {
  const max = input.MaxResults!;
  ctx.authorize({ action: 'cognito-identity:ListIdentityPools', resource: '*' });
  const pools = Object.values(regionState(ctx).pools).sort((a, b) => a.IdentityPoolId.localeCompare(b.IdentityPoolId));
  const token = input.NextToken;
  let start = 0;
  if (token !== undefined) {
    // The model allows any non-blank token; only the sandbox's own page numbers mean something.
    const n = /^\d+$/.test(token) ? Number(token) : NaN;
    if (Number.isNaN(n) || n > pools.length) throw new ServiceError('InvalidParameterException', 'Invalid NextToken.');
    start = n;
  }
  const page = pools.slice(start, start + max);
  return {
    IdentityPools: page.map((p) => ({ IdentityPoolId: p.IdentityPoolId, IdentityPoolName: p.IdentityPoolName })),
    NextToken: start + max < pools.length ? String(start + max) : undefined,
  };
};

const deleteIdentityPool: Operation<DeleteIdentityPoolCommandInput, DeleteIdentityPoolCommandOutput> = (input, ctx) => {
  const id = input.IdentityPoolId!;
  ctx.authorize({ action: 'cognito-identity:DeleteIdentityPool', resource: poolArn(ctx, id) });
  getPool(ctx, id);
  const rs = regionState(ctx);
  delete rs.pools[id];
  for (const [iid, identity] of Object.entries(rs.identities)) if (identity.IdentityPoolId === id) delete rs.identities[iid];
  return {};
};

const getIdentityPoolRoles: Operation<GetIdentityPoolRolesCommandInput, GetIdentityPoolRolesCommandOutput> = (input, ctx) => {
  const id = input.IdentityPoolId!;
  ctx.authorize({ action: 'cognito-identity:GetIdentityPoolRoles', resource: poolArn(ctx, id) });
  const pool = getPool(ctx, id);
  return { IdentityPoolId: id, Roles: { ...pool.Roles }, RoleMappings: pool.RoleMappings };
};

const setIdentityPoolRoles: Operation<SetIdentityPoolRolesCommandInput, SetIdentityPoolRolesCommandOutput> = (input, ctx) => {
  const id = input.IdentityPoolId!;
  // The map's size (at most 2) and keys (`(un)?authenticated`) were checked by the validation layer; the
  // model gives the values only a length, so the ARN's form is checked here.
  const entries = Object.entries(input.Roles!);
  for (const [, v] of entries) {
    if (!ROLE_ARN_RE.test(v)) throw new ServiceError('InvalidParameterException', `Invalid role ARN: ${v}`);
  }
  ctx.authorize({ action: 'cognito-identity:SetIdentityPoolRoles', resource: poolArn(ctx, id) });
  const pool = getPool(ctx, id);
  pool.Roles = Object.fromEntries(entries);
  if (input.RoleMappings !== undefined) pool.RoleMappings = input.RoleMappings;
  return {};
};

const getId: Operation<GetIdCommandInput, GetIdCommandOutput> = (input, ctx) => {
  const poolId = input.IdentityPoolId!;
  if (input.AccountId !== undefined && input.AccountId !== ctx.accountId) {
    // Sandbox differs: the sandbox has one account, so another account's pool cannot exist.
    throw poolNotFound(poolId);
  }
  const pool = getPool(ctx, poolId);
  rejectLogins(input.Logins);
  if (!pool.AllowUnauthenticatedIdentities) throw unauthNotSupported();
  const identityId = `${ctx.region}:${uuidV4(ctx.randomBytes)}`;
  regionState(ctx).identities[identityId] = { IdentityId: identityId, IdentityPoolId: poolId, creationDate: ctx.now() };
  ctx.audit.responseElements = { identityId };
  return { IdentityId: identityId };
};

const getOpenIdToken: Operation<GetOpenIdTokenCommandInput, GetOpenIdTokenCommandOutput> = async (input, ctx) => {
  const { identityId, pool } = identityAndPool(ctx, input);
  if (!pool.AllowClassicFlow) {
    throw new ServiceError('InvalidParameterException', 'Basic (classic) flow is not enabled, please use enhanced flow.');
  }
  const iat = Math.floor(ctx.wallNow() / 1000);
  const token = await signOpenIdToken(ctx, {
    iss: COGNITO_ISSUER,
    sub: identityId,
    aud: pool.IdentityPoolId,
    amr: ['unauthenticated'],
    iat,
    exp: iat + OPEN_ID_TOKEN_LIFETIME_SECONDS,
  });
  ctx.audit.responseElements = { identityId };
  return { IdentityId: identityId, Token: token };
};

const getCredentialsForIdentity: Operation<GetCredentialsForIdentityCommandInput, GetCredentialsForIdentityCommandOutput> = (input, ctx) => {
  const { identityId, pool } = identityAndPool(ctx, input);
  if (input.CustomRoleArn !== undefined) {
    // Custom roles are for authenticated identities with role mappings; guests have none.
    throw new ServiceError('InvalidParameterException', 'CustomRoleArn is only supported for authenticated identities.');
  }
  const role = guestRoleOf(pool);
  const web = webIdentityOf(pool, identityId);
  // Cognito assumes the role through STS, so the role's trust policy must accept this pool.
  if (!trustAllows(role, web, ctx.accountId)) throw invalidPoolConfiguration();
  const principal = assumedRolePrincipal(role, ENHANCED_FLOW_SESSION_NAME, {
    sessionPolicies: COGNITO_UNAUTHED_SESSION_POLICIES,
    webIdentity: web,
  });
  const creds = ctx.issueCredentials(principal, ENHANCED_FLOW_SECONDS);
  // The trail never holds secrets or session tokens.
  ctx.audit.responseElements = {
    identityId,
    credentials: { accessKeyId: creds.accessKeyId, expiration: new Date(creds.expiration!).toISOString() },
  };
  return {
    IdentityId: identityId,
    Credentials: {
      AccessKeyId: creds.accessKeyId,
      SecretKey: creds.secretAccessKey,
      SessionToken: creds.sessionToken,
      Expiration: new Date(creds.expiration!),
    },
  };
};

export const cognitoOperations: Record<string, DispatchOperation> = {
  CreateIdentityPool: createIdentityPool,
  DescribeIdentityPool: describeIdentityPool,
  UpdateIdentityPool: updateIdentityPool,
  ListIdentityPools: listIdentityPools,
  DeleteIdentityPool: deleteIdentityPool,
  GetIdentityPoolRoles: getIdentityPoolRoles,
  SetIdentityPoolRoles: setIdentityPoolRoles,
  GetId: getId,
  GetOpenIdToken: getOpenIdToken,
  GetCredentialsForIdentity: getCredentialsForIdentity,
};
