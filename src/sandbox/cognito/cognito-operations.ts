import { COGNITO_UNAUTHED_SESSION_POLICIES } from '../iam/session-policies';
import { assumedRolePrincipal, findRoleByArn, type RoleDefinition } from '../iam/principals';
import { evaluate } from '../iam/evaluator';
import { buildContextKeys } from '../iam/policy-conditions';
import { ServiceError } from '../protocol/service-error';
import type { RequestContext } from '../shared/context';
import { uuidV4 } from '../shared/ids';
import type { Principal } from '../shared/principal';
import { constraintError, maxLength, maxValue, minLength, minValue, pattern } from '../shared/validation';
import type { CognitoRegionState, IdentityPool } from './cognito-models';
import { COGNITO_ISSUER, COGNITO_PROVIDER, OPEN_ID_TOKEN_LIFETIME_SECONDS, signOpenIdToken } from './open-id-token';

/**
 * Cognito Identity (API version 2014-06-30) for guest identities: pools, roles, GetId, and both
 * credential flows (s3-cognito-behavior.md §5.1). GetId, GetOpenIdToken and
 * GetCredentialsForIdentity are unsigned, as on AWS; the management calls are signed and authorised.
 */

const ID_PATTERN = '[\\w-]+:[0-9a-f-]+';
const ID_RE = /^[\w-]+:[0-9a-f-]+$/;
const POOL_NAME_PATTERN = '[\\w\\s+=,.@-]+';
const POOL_NAME_RE = /^[\w\s+=,.@-]+$/;
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

function requireString(input: Record<string, unknown>, member: string): string {
  const v = input[member];
  if (typeof v !== 'string') {
    const camel = member[0]!.toLowerCase() + member.slice(1);
    throw constraintError(undefined, camel, 'Member must not be null');
  }
  return v;
}

function checkId(value: string, member: string): void {
  if (value.length < 1) throw constraintError(value, member, minLength(1));
  if (value.length > 55) throw constraintError(value, member, maxLength(55));
  if (!ID_RE.test(value)) throw constraintError(value, member, pattern(ID_PATTERN));
}

function checkPoolName(value: string): void {
  if (value.length < 1) throw constraintError(value, 'identityPoolName', minLength(1));
  if (value.length > 128) throw constraintError(value, 'identityPoolName', maxLength(128));
  if (!POOL_NAME_RE.test(value)) throw constraintError(value, 'identityPoolName', pattern(POOL_NAME_PATTERN));
}

function requireBoolean(input: Record<string, unknown>, member: string): boolean {
  const v = input[member];
  if (typeof v !== 'boolean') {
    const camel = member[0]!.toLowerCase() + member.slice(1);
    throw constraintError(undefined, camel, 'Member must not be null');
  }
  return v;
}

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
function describe(pool: IdentityPool): Record<string, unknown> {
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

function applyOptionalPoolFields(pool: IdentityPool, input: Record<string, unknown>): void {
  if (input['AllowClassicFlow'] !== undefined) {
    if (typeof input['AllowClassicFlow'] !== 'boolean') throw constraintError(undefined, 'allowClassicFlow', 'Member must be a boolean');
    pool.AllowClassicFlow = input['AllowClassicFlow'];
  }
  const copy = <K extends keyof IdentityPool>(k: K) => {
    if (input[k] !== undefined) pool[k] = input[k] as IdentityPool[K];
  };
  copy('SupportedLoginProviders');
  copy('DeveloperProviderName');
  copy('OpenIdConnectProviderARNs');
  copy('CognitoIdentityProviders');
  copy('SamlProviderARNs');
  copy('IdentityPoolTags');
}

function guestRoleOf(pool: IdentityPool): RoleDefinition {
  const arn = pool.Roles['unauthenticated'];
  const role = arn ? findRoleByArn(arn) : undefined;
  if (!role) throw invalidPoolConfiguration();
  return role;
}

/** The identity a credentials / token call names, with its pool (which must still allow guests). */
function identityAndPool(ctx: Ctx, input: Record<string, unknown>): { identityId: string; pool: IdentityPool } {
  const identityId = requireString(input, 'IdentityId');
  checkId(identityId, 'identityId');
  rejectLogins(input);
  const identity = regionState(ctx).identities[identityId];
  if (!identity) throw identityNotFound(identityId);
  const pool = regionState(ctx).pools[identity.IdentityPoolId];
  if (!pool) throw identityNotFound(identityId);
  if (!pool.AllowUnauthenticatedIdentities) throw unauthNotSupported();
  return { identityId, pool };
}

function rejectLogins(input: Record<string, unknown>): void {
  const logins = input['Logins'];
  if (logins && typeof logins === 'object' && Object.keys(logins).length > 0) {
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

export const cognitoOperations = {
  CreateIdentityPool(input: Record<string, unknown>, ctx: Ctx) {
    const name = requireString(input, 'IdentityPoolName');
    checkPoolName(name);
    const allowUnauth = requireBoolean(input, 'AllowUnauthenticatedIdentities');
    ctx.authorize({ action: 'cognito-identity:CreateIdentityPool', resource: `arn:aws:cognito-identity:${ctx.region}:${ctx.accountId}:identitypool/*` });
    const id = `${ctx.region}:${uuidV4(ctx.randomBytes)}`;
    // A pool created without AllowClassicFlow allowed the classic flow in a 2023 report (aws-cli#7652).
    const pool: IdentityPool = {
      IdentityPoolId: id,
      IdentityPoolName: name,
      AllowUnauthenticatedIdentities: allowUnauth,
      AllowClassicFlow: true,
      Roles: {},
      createdAt: ctx.now(),
    };
    applyOptionalPoolFields(pool, input);
    regionState(ctx).pools[id] = pool;
    return describe(pool);
  },

  DescribeIdentityPool(input: Record<string, unknown>, ctx: Ctx) {
    const id = requireString(input, 'IdentityPoolId');
    checkId(id, 'identityPoolId');
    ctx.authorize({ action: 'cognito-identity:DescribeIdentityPool', resource: poolArn(ctx, id) });
    return describe(getPool(ctx, id));
  },

  UpdateIdentityPool(input: Record<string, unknown>, ctx: Ctx) {
    const id = requireString(input, 'IdentityPoolId');
    checkId(id, 'identityPoolId');
    const name = requireString(input, 'IdentityPoolName');
    checkPoolName(name);
    const allowUnauth = requireBoolean(input, 'AllowUnauthenticatedIdentities');
    ctx.authorize({ action: 'cognito-identity:UpdateIdentityPool', resource: poolArn(ctx, id) });
    const pool = getPool(ctx, id);
    pool.IdentityPoolName = name;
    pool.AllowUnauthenticatedIdentities = allowUnauth;
    applyOptionalPoolFields(pool, input);
    return describe(pool);
  },

  ListIdentityPools(input: Record<string, unknown>, ctx: Ctx) {
    const max = input['MaxResults'];
    if (typeof max !== 'number') throw constraintError(undefined, 'maxResults', 'Member must not be null');
    if (max < 1) throw constraintError(String(max), 'maxResults', minValue(1));
    if (max > 60) throw constraintError(String(max), 'maxResults', maxValue(60));
    ctx.authorize({ action: 'cognito-identity:ListIdentityPools', resource: '*' });
    const pools = Object.values(regionState(ctx).pools).sort((a, b) => a.IdentityPoolId.localeCompare(b.IdentityPoolId));
    const token = input['NextToken'];
    let start = 0;
    if (token !== undefined) {
      const n = typeof token === 'string' && /^\d+$/.test(token) ? Number(token) : NaN;
      if (Number.isNaN(n) || n > pools.length) throw new ServiceError('InvalidParameterException', 'Invalid NextToken.');
      start = n;
    }
    const page = pools.slice(start, start + max);
    return {
      IdentityPools: page.map((p) => ({ IdentityPoolId: p.IdentityPoolId, IdentityPoolName: p.IdentityPoolName })),
      NextToken: start + max < pools.length ? String(start + max) : undefined,
    };
  },

  DeleteIdentityPool(input: Record<string, unknown>, ctx: Ctx) {
    const id = requireString(input, 'IdentityPoolId');
    checkId(id, 'identityPoolId');
    ctx.authorize({ action: 'cognito-identity:DeleteIdentityPool', resource: poolArn(ctx, id) });
    getPool(ctx, id);
    const rs = regionState(ctx);
    delete rs.pools[id];
    for (const [iid, identity] of Object.entries(rs.identities)) if (identity.IdentityPoolId === id) delete rs.identities[iid];
    return undefined;
  },

  GetIdentityPoolRoles(input: Record<string, unknown>, ctx: Ctx) {
    const id = requireString(input, 'IdentityPoolId');
    checkId(id, 'identityPoolId');
    ctx.authorize({ action: 'cognito-identity:GetIdentityPoolRoles', resource: poolArn(ctx, id) });
    const pool = getPool(ctx, id);
    return { IdentityPoolId: id, Roles: { ...pool.Roles }, RoleMappings: pool.RoleMappings };
  },

  SetIdentityPoolRoles(input: Record<string, unknown>, ctx: Ctx) {
    const id = requireString(input, 'IdentityPoolId');
    checkId(id, 'identityPoolId');
    const roles = input['Roles'];
    if (roles === null || typeof roles !== 'object' || Array.isArray(roles)) {
      throw constraintError(undefined, 'roles', 'Member must not be null');
    }
    const entries = Object.entries(roles as Record<string, unknown>);
    if (entries.length > 2) throw constraintError(undefined, 'roles', 'Member must have length less than or equal to 2');
    for (const [k, v] of entries) {
      if (k !== 'authenticated' && k !== 'unauthenticated') {
        throw new ServiceError('InvalidParameterException', `Invalid role type: ${k}. Valid role types are authenticated, unauthenticated.`);
      }
      if (typeof v !== 'string' || !ROLE_ARN_RE.test(v)) {
        throw new ServiceError('InvalidParameterException', `Invalid role ARN: ${String(v)}`);
      }
    }
    ctx.authorize({ action: 'cognito-identity:SetIdentityPoolRoles', resource: poolArn(ctx, id) });
    const pool = getPool(ctx, id);
    pool.Roles = Object.fromEntries(entries) as Record<string, string>;
    if (input['RoleMappings'] !== undefined) pool.RoleMappings = input['RoleMappings'] as Record<string, unknown>;
    return undefined;
  },

  GetId(input: Record<string, unknown>, ctx: Ctx) {
    const poolId = requireString(input, 'IdentityPoolId');
    checkId(poolId, 'identityPoolId');
    if (input['AccountId'] !== undefined && input['AccountId'] !== ctx.accountId) {
      // Sandbox differs: the sandbox has one account, so another account's pool cannot exist.
      throw poolNotFound(poolId);
    }
    const pool = getPool(ctx, poolId);
    rejectLogins(input);
    if (!pool.AllowUnauthenticatedIdentities) throw unauthNotSupported();
    const identityId = `${ctx.region}:${uuidV4(ctx.randomBytes)}`;
    regionState(ctx).identities[identityId] = { IdentityId: identityId, IdentityPoolId: poolId, creationDate: ctx.now() };
    ctx.audit.responseElements = { identityId };
    return { IdentityId: identityId };
  },

  async GetOpenIdToken(input: Record<string, unknown>, ctx: Ctx) {
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
  },

  GetCredentialsForIdentity(input: Record<string, unknown>, ctx: Ctx) {
    const { identityId, pool } = identityAndPool(ctx, input);
    if (input['CustomRoleArn'] !== undefined) {
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
  },
};
