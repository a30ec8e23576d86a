import { trustAllows } from '../cognito/cognito-operations';
import { COGNITO_PROVIDER, verifyOpenIdToken } from '../cognito/open-id-token';
import { evaluate, requestContextKeys } from '../iam/evaluator';
import { assumedRolePrincipal, findRoleByArn } from '../iam/principals';
import { MANAGED_SESSION_POLICIES } from '../iam/session-policies';
import { ServiceError } from '../protocol/service-error';
import type { RequestContext } from '../shared/context';
import type { PolicyDocument } from '../shared/principal';
import { constraintMessage, maxLength, maxValue, minLength, minValue, pattern } from '../shared/validation';

/**
 * STS (AWS Query protocol, version 2011-06-15): AssumeRoleWithWebIdentity for the lab's basic
 * (classic) flow and GetCallerIdentity. STS's framework validation errors are `ValidationError`
 * (not ValidationException, as the JSON services say).
 */

const validationError = (value: string | undefined, member: string, constraint: string) =>
  new ServiceError('ValidationError', constraintMessage(value, member, constraint), 400);

function requireString(input: Record<string, unknown>, member: string, camel: string, min: number, max: number): string {
  const v = input[member];
  if (typeof v !== 'string') throw validationError(undefined, camel, 'Member must not be null');
  // Tokens are secrets: AWS leaves them out of the message (as it does blobs).
  const shown = member === 'WebIdentityToken' ? undefined : v;
  if (v.length < min) throw validationError(shown, camel, minLength(min));
  if (v.length > max) throw validationError(shown, camel, maxLength(max));
  return v;
}

const SESSION_NAME_PATTERN = '[\\w+=,.@-]*';
const SESSION_NAME_RE = /^[\w+=,.@-]*$/;
const notAuthorized = () => new ServiceError('AccessDenied', 'Not authorized to perform sts:AssumeRoleWithWebIdentity', 403);

export const stsOperations = {
  async AssumeRoleWithWebIdentity(input: Record<string, unknown>, ctx: RequestContext) {
    const roleArn = requireString(input, 'RoleArn', 'roleArn', 20, 2048);
    const sessionName = requireString(input, 'RoleSessionName', 'roleSessionName', 2, 64);
    if (!SESSION_NAME_RE.test(sessionName)) throw validationError(sessionName, 'roleSessionName', pattern(SESSION_NAME_PATTERN));
    const token = requireString(input, 'WebIdentityToken', 'webIdentityToken', 4, 20000);
    const rawDuration = input['DurationSeconds'];
    let duration = 3600;
    if (rawDuration !== undefined) {
      if (typeof rawDuration !== 'number' || !Number.isInteger(rawDuration)) {
        throw validationError(String(rawDuration), 'durationSeconds', 'Member must be an integer');
      }
      if (rawDuration < 900) throw validationError(String(rawDuration), 'durationSeconds', minValue(900));
      if (rawDuration > 43200) throw validationError(String(rawDuration), 'durationSeconds', maxValue(43200));
      duration = rawDuration;
    }
    let sessionPolicy: PolicyDocument | undefined;
    if (input['Policy'] !== undefined) {
      const text = input['Policy'];
      if (typeof text !== 'string' || text.length < 1) throw validationError(undefined, 'policy', minLength(1));
      if (text.length > 2048) throw validationError(undefined, 'policy', maxLength(2048));
      try {
        sessionPolicy = JSON.parse(text) as PolicyDocument;
      } catch {
        throw new ServiceError('MalformedPolicyDocument', 'The policy is not in the valid JSON format.', 400);
      }
      if (sessionPolicy === null || typeof sessionPolicy !== 'object' || sessionPolicy.Statement === undefined) {
        throw new ServiceError('MalformedPolicyDocument', 'Syntax errors in policy.', 400);
      }
    }
    const policyArns = input['PolicyArns'];
    const managed: PolicyDocument[] = [];
    if (policyArns !== undefined) {
      const list = Array.isArray(policyArns) ? policyArns : [];
      if (list.length > 10) throw validationError(undefined, 'policyArns', 'Member must have length less than or equal to 10');
      for (const entry of list) {
        const arn = (entry as { arn?: unknown } | null)?.arn;
        const doc = typeof arn === 'string' ? MANAGED_SESSION_POLICIES[arn] : undefined;
        // Sandbox differs: it knows one managed policy; the wording for an unknown one is its own.
        if (!doc) throw new ServiceError('MalformedPolicyDocument', `Policy ${String(arn)} does not exist or is not attachable.`, 400);
        managed.push(doc);
      }
    }
    // The trail keeps the role and session, never the token.
    ctx.audit.requestParameters = {
      roleArn,
      roleSessionName: sessionName,
      ...(rawDuration !== undefined ? { durationSeconds: duration } : {}),
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
    if (duration > role.maxSessionDurationSeconds) {
      throw new ServiceError('ValidationError', 'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.', 400);
    }

    // Basic flow: the role's own permissions, limited only by a session policy the caller passes.
    const principal = assumedRolePrincipal(role, sessionName, {
      webIdentity: web,
      ...(sessionPolicy || managed.length ? { sessionPolicies: [...(sessionPolicy ? [sessionPolicy] : []), ...managed] } : {}),
    });
    const creds = ctx.issueCredentials(principal, duration);
    const expiration = new Date(creds.expiration!);
    ctx.audit.responseElements = {
      credentials: { accessKeyId: creds.accessKeyId, expiration: expiration.toISOString() },
      subjectFromWebIdentityToken: claims.sub,
      assumedRoleUser: { assumedRoleId: principal.principalId, arn: principal.arn },
      provider: COGNITO_PROVIDER,
      audience: claims.aud,
    };
    return {
      Credentials: {
        AccessKeyId: creds.accessKeyId,
        SecretAccessKey: creds.secretAccessKey,
        SessionToken: creds.sessionToken,
        Expiration: expiration,
      },
      SubjectFromWebIdentityToken: claims.sub,
      AssumedRoleUser: { AssumedRoleId: principal.principalId, Arn: principal.arn },
      Provider: COGNITO_PROVIDER,
      Audience: claims.aud,
    };
  },

  /**
   * AssumeRole for the sandbox's demo roles. The role's trust policy must allow the caller (naming
   * it, or its account, in which case the caller's IAM policies must allow sts:AssumeRole too), as
   * on AWS; a role that does not exist is refused with the same AccessDenied, so nothing leaks.
   */
  AssumeRole(input: Record<string, unknown>, ctx: RequestContext) {
    const roleArn = requireString(input, 'RoleArn', 'roleArn', 20, 2048);
    const sessionName = requireString(input, 'RoleSessionName', 'roleSessionName', 2, 64);
    if (!SESSION_NAME_RE.test(sessionName)) throw validationError(sessionName, 'roleSessionName', pattern(SESSION_NAME_PATTERN));
    const rawDuration = input['DurationSeconds'];
    let duration = 3600;
    if (rawDuration !== undefined) {
      if (typeof rawDuration !== 'number' || !Number.isInteger(rawDuration)) {
        throw validationError(String(rawDuration), 'durationSeconds', 'Member must be an integer');
      }
      if (rawDuration < 900) throw validationError(String(rawDuration), 'durationSeconds', minValue(900));
      if (rawDuration > 43200) throw validationError(String(rawDuration), 'durationSeconds', maxValue(43200));
      duration = rawDuration;
    }
    ctx.audit.requestParameters = { roleArn, roleSessionName: sessionName, ...(rawDuration !== undefined ? { durationSeconds: duration } : {}) };
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
    if (duration > max) {
      throw new ServiceError('ValidationError', 'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.', 400);
    }
    const principal = assumedRolePrincipal(role, sessionName);
    const creds = ctx.issueCredentials(principal, duration);
    const expiration = new Date(creds.expiration!);
    ctx.audit.responseElements = {
      credentials: { accessKeyId: creds.accessKeyId, expiration: expiration.toISOString() },
      assumedRoleUser: { assumedRoleId: principal.principalId, arn: principal.arn },
    };
    return {
      Credentials: {
        AccessKeyId: creds.accessKeyId,
        SecretAccessKey: creds.secretAccessKey,
        SessionToken: creds.sessionToken,
        Expiration: expiration,
      },
      AssumedRoleUser: { AssumedRoleId: principal.principalId, Arn: principal.arn },
    };
  },

  /** No permission is needed to call it, as on AWS. */
  GetCallerIdentity(_input: Record<string, unknown>, ctx: RequestContext) {
    return { UserId: ctx.caller.principalId, Account: ctx.caller.accountId, Arn: ctx.caller.arn };
  },
};
