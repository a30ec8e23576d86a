import type {
  AssumeRoleCommandInput,
  AssumeRoleCommandOutput,
  AssumeRoleWithWebIdentityCommandInput,
  AssumeRoleWithWebIdentityCommandOutput,
  GetCallerIdentityCommandInput,
  GetCallerIdentityCommandOutput,
} from '@aws-sdk/client-sts';
import { trustAllows } from '../cognito/cognito-operations';
import { COGNITO_PROVIDER, verifyOpenIdToken } from '../cognito/open-id-token';
import { evaluate, requestContextKeys } from '../iam/evaluator';
import { assumedRolePrincipal, findRoleByArn } from '../iam/principals';
import { MANAGED_SESSION_POLICIES } from '../iam/session-policies';
import { ServiceError } from '../protocol/service-error';
import type { DispatchOperation, Operation } from '../shared/context';
import type { PolicyDocument } from '../shared/principal';
import { constraintProblem, maxLength, validationFailure } from '../shared/validation';

/**
 * STS (AWS Query protocol, version 2011-06-15): AssumeRoleWithWebIdentity for the lab's basic
 * (classic) flow, AssumeRole and GetCallerIdentity. The operations take and return the SDK's own types.
 * Framework validation (required members, the lengths of RoleArn, RoleSessionName and WebIdentityToken,
 * the session name's pattern, DurationSeconds 900-43200, Policy's length) ran before them in the one
 * validation layer (protocol/validate.ts), which answers STS's own code, `ValidationError` (not
 * ValidationException, as the JSON services say); what the model cannot express is checked here.
 */

const notAuthorized = () => new ServiceError('AccessDenied', 'Not authorized to perform sts:AssumeRoleWithWebIdentity', 403);
const DEFAULT_DURATION_SECONDS = 3600;
/** At most ten managed session policies (IAM User Guide); botocore's model gives the list no length. */
const MAX_POLICY_ARNS = 10;
const exceedsMaxSession = () =>
  new ServiceError('ValidationError', 'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.', 400);

/** The session policies a web-identity call passes: an inline JSON document and managed policy ARNs. */
function sessionPoliciesOf(input: AssumeRoleWithWebIdentityCommandInput): PolicyDocument[] {
  const out: PolicyDocument[] = [];
  if (input.Policy !== undefined) {
    let doc: PolicyDocument;
    try {
      doc = JSON.parse(input.Policy) as PolicyDocument;
    } catch {
      throw new ServiceError('MalformedPolicyDocument', 'The policy is not in the valid JSON format.', 400);
    }
    if (doc === null || typeof doc !== 'object' || doc.Statement === undefined) {
      throw new ServiceError('MalformedPolicyDocument', 'Syntax errors in policy.', 400);
    }
    out.push(doc);
  }
  const arns = input.PolicyArns ?? [];
  if (arns.length > MAX_POLICY_ARNS) {
    throw validationFailure([constraintProblem(undefined, 'policyArns', maxLength(MAX_POLICY_ARNS))], 'ValidationError');
  }
  for (const { arn } of arns) {
    const doc = arn !== undefined ? MANAGED_SESSION_POLICIES[arn] : undefined;
    // Sandbox differs: it knows one managed policy; the wording for an unknown one is its own.
    if (!doc) throw new ServiceError('MalformedPolicyDocument', `Policy ${String(arn)} does not exist or is not attachable.`, 400);
    out.push(doc);
  }
  return out;
}

/**
 * A role session's credentials, as both assume-role operations answer them, and what the trail
 * records of them (the access key id and expiry, never the secret or the token).
 */
function issueSession(ctx: Parameters<Operation<AssumeRoleCommandInput, AssumeRoleCommandOutput>>[1], principal: ReturnType<typeof assumedRolePrincipal>, duration: number) {
  const creds = ctx.issueCredentials(principal, duration);
  const expiration = new Date(creds.expiration!);
  return {
    audit: {
      credentials: { accessKeyId: creds.accessKeyId, expiration: expiration.toISOString() },
      assumedRoleUser: { assumedRoleId: principal.principalId, arn: principal.arn },
    },
    output: {
      Credentials: { AccessKeyId: creds.accessKeyId, SecretAccessKey: creds.secretAccessKey, SessionToken: creds.sessionToken, Expiration: expiration },
      AssumedRoleUser: { AssumedRoleId: principal.principalId, Arn: principal.arn },
    },
  };
}

const assumeRoleWithWebIdentity: Operation<AssumeRoleWithWebIdentityCommandInput, AssumeRoleWithWebIdentityCommandOutput> = async (input, ctx) => {
  const roleArn = input.RoleArn!;
  const sessionName = input.RoleSessionName!;
  const token = input.WebIdentityToken!;
  const duration = input.DurationSeconds ?? DEFAULT_DURATION_SECONDS;
  const sessionPolicies = sessionPoliciesOf(input);
  // The trail keeps the role and session, never the token.
  ctx.audit.requestParameters = {
    roleArn,
    roleSessionName: sessionName,
    ...(input.DurationSeconds !== undefined ? { durationSeconds: duration } : {}),
  };

  const check = await verifyOpenIdToken(ctx, token);
  if (!check.ok) {
    if (check.reason === 'issuer') {
      // AWS's text, double space included, for a provider it cannot fetch keys from.
      throw new ServiceError(
        'InvalidIdentityToken',
        "Couldn't retrieve verification key from your identity provider,  please reference AssumeRoleWithWebIdentity documentation for requirements",
        400,
      );
    }
    // Sandbox differs: the wording of AWS's InvalidIdentityToken for a bad Cognito token was not recorded.
    throw new ServiceError(
      'InvalidIdentityToken',
      check.reason === 'malformed' ? 'The web identity token is not a valid JWT.' : 'The web identity token signature could not be verified.',
      400,
    );
  }
  const claims = check.claims;
  const nowSeconds = Math.floor(ctx.wallNow() / 1000);
  if (claims.exp <= nowSeconds) {
    throw new ServiceError(
      'ExpiredTokenException',
      `Token expired: current date/time ${nowSeconds} must be before the expiration date/time ${claims.exp}`,
      400,
    );
  }

  const role = findRoleByArn(roleArn);
  const web = { federatedProvider: COGNITO_PROVIDER, audience: claims.aud, subject: claims.sub, amr: claims.amr };
  if (!role || !trustAllows(role, web, ctx.accountId)) throw notAuthorized();
  if (duration > role.maxSessionDurationSeconds) throw exceedsMaxSession();

  // Basic flow: the role's own permissions, limited only by a session policy the caller passes.
  const principal = assumedRolePrincipal(role, sessionName, {
    webIdentity: web,
    ...(sessionPolicies.length > 0 ? { sessionPolicies } : {}),
  });
  const session = issueSession(ctx, principal, duration);
  ctx.audit.responseElements = {
    // In the order CloudTrail records them.
    credentials: session.audit.credentials,
    subjectFromWebIdentityToken: claims.sub,
    assumedRoleUser: session.audit.assumedRoleUser,
    provider: COGNITO_PROVIDER,
    audience: claims.aud,
  };
  return {
    ...session.output,
    SubjectFromWebIdentityToken: claims.sub,
    Provider: COGNITO_PROVIDER,
    Audience: claims.aud,
  };
};

/**
 * AssumeRole for the sandbox's demo roles. The role's trust policy must allow the caller (naming
 * it, or its account, in which case the caller's IAM policies must allow sts:AssumeRole too), as
 * on AWS; a role that does not exist is refused with the same AccessDenied, so nothing leaks.
 */
const assumeRole: Operation<AssumeRoleCommandInput, AssumeRoleCommandOutput> = (input, ctx) => {
  const roleArn = input.RoleArn!;
  const sessionName = input.RoleSessionName!;
  const duration = input.DurationSeconds ?? DEFAULT_DURATION_SECONDS;
  ctx.audit.requestParameters = { roleArn, roleSessionName: sessionName, ...(input.DurationSeconds !== undefined ? { durationSeconds: duration } : {}) };
  const role = findRoleByArn(roleArn);
  const denied = () =>
    new ServiceError('AccessDenied', `User: ${ctx.caller.arn} is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`, 403);
  if (!role?.trustPolicy) throw denied();
  const decision = evaluate({
    principal: ctx.caller,
    action: 'sts:AssumeRole',
    resource: role.arn,
    resourcePolicy: role.trustPolicy,
    resourcePolicyRequired: true,
    context: requestContextKeys(ctx, { resource: role.arn }),
  });
  if (!decision.allowed) throw denied();
  // Role chaining caps the session at one hour (IAM User Guide, "Role chaining").
  const max = ctx.caller.type === 'AssumedRole' ? 3600 : role.maxSessionDurationSeconds;
  if (duration > max) throw exceedsMaxSession();
  const principal = assumedRolePrincipal(role, sessionName);
  const session = issueSession(ctx, principal, duration);
  ctx.audit.responseElements = session.audit;
  return session.output;
};

/** No permission is needed to call it, as on AWS. */
const getCallerIdentity: Operation<GetCallerIdentityCommandInput, GetCallerIdentityCommandOutput> = (_input, ctx) => ({
  UserId: ctx.caller.principalId,
  Account: ctx.caller.accountId,
  Arn: ctx.caller.arn,
});

export const stsOperations: Record<string, DispatchOperation> = {
  AssumeRoleWithWebIdentity: assumeRoleWithWebIdentity,
  AssumeRole: assumeRole,
  GetCallerIdentity: getCallerIdentity,
};
