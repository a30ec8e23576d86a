import { ServiceError } from '../protocol/service-error';
import { parseArn } from '../shared/arn';
import type { AuthzRequest, KeyPolicyValidationOptions, RequestContext } from '../shared/context';
import type { PolicyDocument, PolicyStatement, Principal } from '../shared/principal';
import {
  compilePattern,
  evaluateCondition,
  isKnownOperator,
  lazyContextKeys,
  setContextKey,
  type ContextKeys,
  type RawContextValue,
} from './policy-conditions';
import { isValidAwsPrincipal } from './principals';
import type { KmsGrant } from '../kms/kms-models';

/**
 * The one place the sandbox decides authorisation (docs/identity.md). It follows the IAM
 * policy evaluation logic for a single account: an explicit Deny in any policy wins; a KMS key
 * needs its key policy to allow the caller, either directly (the caller's user, role or session
 * ARN, or `*`) or by delegating to IAM (the account root), in which case the identity-based
 * policy must allow too; session policies (the Cognito enhanced flow's scope-down) limit
 * everything but a grant to the session ARN itself.
 */

export type PolicyType = 'identity-based' | 'resource-based' | 'session';

export type Decision =
  | { allowed: true }
  | { allowed: false; explicit: boolean; policyType: PolicyType };

export interface EvaluationInput {
  principal: Principal;
  action: string;
  resource: string;
  /** Parsed resource-based policy (a key policy), if the resource has one. */
  resourcePolicy?: PolicyDocument;
  /** KMS keys: only the key policy can open access (delegating to IAM or not). */
  resourcePolicyRequired: boolean;
  context: ContextKeys;
  /** The account that owns the resource (default: the resource ARN's account field, when it has one). */
  resourceAccount?: string;
}

type PrincipalMatch = 'none' | 'account' | 'direct' | 'session';
const MATCH_RANK: Record<PrincipalMatch, number> = { none: 0, account: 1, direct: 2, session: 3 };
const betterMatch = (a: PrincipalMatch, b: PrincipalMatch): PrincipalMatch => (MATCH_RANK[b] > MATCH_RANK[a] ? b : a);

const statementsOf = (doc: PolicyDocument | undefined): PolicyStatement[] => {
  if (!doc || doc.Statement === undefined || doc.Statement === null) return [];
  return Array.isArray(doc.Statement) ? doc.Statement : [doc.Statement];
};
const listOf = (v: string | string[] | undefined): string[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

function actionMatches(patterns: string[], action: string, ctx: ContextKeys): boolean {
  return patterns.some((p) => compilePattern(p, ctx, { wildcards: true, ignoreCase: true })?.test(action) ?? false);
}

function resourceMatches(patterns: string[], resource: string, ctx: ContextKeys): boolean {
  return patterns.some((p) => compilePattern(p, ctx, { wildcards: true, ignoreCase: false })?.test(resource) ?? false);
}

/** Action/NotAction, Resource/NotResource and Condition: does the statement apply to the request? */
function statementApplies(st: PolicyStatement, action: string, resource: string, ctx: ContextKeys): boolean {
  if (st.Action !== undefined) {
    if (!actionMatches(listOf(st.Action), action, ctx)) return false;
  } else if (st.NotAction !== undefined) {
    if (actionMatches(listOf(st.NotAction), action, ctx)) return false;
  } else return false;
  if (st.Resource !== undefined) {
    if (!resourceMatches(listOf(st.Resource), resource, ctx)) return false;
  } else if (st.NotResource !== undefined) {
    if (resourceMatches(listOf(st.NotResource), resource, ctx)) return false;
  }
  return evaluateCondition(st.Condition, ctx);
}

function principalValues(p: PolicyStatement['Principal']): Record<string, string[]> {
  if (p === undefined) return {};
  if (p === '*') return { AWS: ['*'] };
  const out: Record<string, string[]> = {};
  for (const [k, v] of Object.entries(p)) out[k] = listOf(v);
  return out;
}

/** How a resource policy's Principal names the caller (best match wins). */
function matchPrincipal(spec: PolicyStatement['Principal'], caller: Principal): PrincipalMatch {
  let best: PrincipalMatch = 'none';
  // betterMatch is module-level, not a named closure made per call (tsx's keepNames defines each one's name).
  for (const [type, values] of Object.entries(principalValues(spec))) {
    for (const v of values) {
      if (type === 'AWS') {
        if (v === '*') best = betterMatch(best, 'direct');
        else if (v === caller.accountId || v === `arn:aws:iam::${caller.accountId}:root`) best = betterMatch(best, 'account');
        else if (v === caller.arn) best = betterMatch(best, caller.type === 'AssumedRole' ? 'session' : 'direct');
        else if (caller.roleArn !== undefined && v === caller.roleArn) best = betterMatch(best, 'direct');
      } else if (type === 'Service') {
        if (caller.type === 'AWSService' && v === caller.arn) best = betterMatch(best, 'direct');
      } else if (type === 'Federated') {
        if (caller.webIdentity?.federatedProvider === v) best = betterMatch(best, 'direct');
      }
    }
  }
  return best;
}

interface PolicySetResult {
  allow: boolean;
  deny: boolean;
}

function evaluateIdentityPolicies(docs: PolicyDocument[], action: string, resource: string, ctx: ContextKeys): PolicySetResult {
  let allow = false;
  let deny = false;
  for (const doc of docs) {
    for (const st of statementsOf(doc)) {
      if (!statementApplies(st, action, resource, ctx)) continue;
      if (st.Effect === 'Deny') deny = true;
      else if (st.Effect === 'Allow') allow = true;
    }
  }
  return { allow, deny };
}

function evaluateResourcePolicy(
  doc: PolicyDocument,
  caller: Principal,
  action: string,
  resource: string,
  ctx: ContextKeys,
): { allow: PrincipalMatch; deny: boolean } {
  let allow: PrincipalMatch = 'none';
  let deny = false;
  for (const st of statementsOf(doc)) {
    let m: PrincipalMatch;
    if (st.NotPrincipal !== undefined) m = matchPrincipal(st.NotPrincipal, caller) === 'none' ? 'direct' : 'none';
    else m = matchPrincipal(st.Principal, caller);
    if (m === 'none' || !statementApplies(st, action, resource, ctx)) continue;
    if (st.Effect === 'Deny') deny = true;
    else if (st.Effect === 'Allow' && MATCH_RANK[m] > MATCH_RANK[allow]) allow = m;
  }
  return { allow, deny };
}

/** The decision, without throwing (also used by the lock-out safety check and STS's trust check). */
export function evaluate(input: EvaluationInput): Decision {
  const { principal, action, resource, context } = input;
  const identity = evaluateIdentityPolicies(principal.identityPolicies, action, resource, context);
  // The inline and managed session policies together are one policy type: any of them may allow.
  const session = principal.sessionPolicies
    ? evaluateIdentityPolicies(principal.sessionPolicies, action, resource, context)
    : undefined;
  const res = input.resourcePolicy
    ? evaluateResourcePolicy(input.resourcePolicy, principal, action, resource, context)
    : undefined;

  if (identity.deny) return { allowed: false, explicit: true, policyType: 'identity-based' };
  if (res?.deny) return { allowed: false, explicit: true, policyType: 'resource-based' };
  if (session?.deny) return { allowed: false, explicit: true, policyType: 'session' };

  const sessionAllows = session === undefined || session.allow;
  const viaResource = res?.allow ?? 'none';

  // Across accounts both halves are needed (IAM User Guide, "Cross-account policy evaluation
  // logic"): the resource's policy in the owning account must name the caller or its account, and
  // the caller's own identity-based policies must allow the action on that resource. Naming the
  // caller directly in the resource policy does not spare the IAM half, as it does in one account.
  const owner = input.resourceAccount ?? parseArn(resource)?.account;
  if (owner && owner !== principal.accountId && (input.resourcePolicy || input.resourcePolicyRequired)) {
    if (viaResource === 'none') return { allowed: false, explicit: false, policyType: 'resource-based' };
    if (!identity.allow) return { allowed: false, explicit: false, policyType: 'identity-based' };
    if (!sessionAllows) return { allowed: false, explicit: false, policyType: 'session' };
    return { allowed: true };
  }

  if (input.resourcePolicyRequired && viaResource === 'none') {
    return { allowed: false, explicit: false, policyType: 'resource-based' };
  }
  // A grant to the session's own ARN is not limited by session policies (IAM User Guide, session policies).
  if (viaResource === 'session') return { allowed: true };
  if (viaResource === 'direct') {
    return sessionAllows ? { allowed: true } : { allowed: false, explicit: false, policyType: 'session' };
  }
  // No resource grant, or the account root: the identity-based policy must allow.
  if (!identity.allow) return { allowed: false, explicit: false, policyType: 'identity-based' };
  if (!sessionAllows) return { allowed: false, explicit: false, policyType: 'session' };
  return { allowed: true };
}

/**
 * Grants (KMS Developer Guide, "Grants in AWS KMS"): one more way to be allowed a KMS operation,
 * considered only when no policy denied explicitly. A grant names its grantee (a user, a role —
 * then every session of it —, an assumed-role session, or an account, which then needs its own
 * IAM policy to allow as with a key policy delegating to the account), the operations it allows
 * and, for symmetric keys, an encryption-context constraint: EncryptionContextEquals (the whole
 * context, exactly) or EncryptionContextSubset (these pairs, maybe more), case-sensitive.
 * Constraints are ignored for DescribeKey and RetireGrant, as AWS documents.
 */
export function grantAllows(
  grants: readonly KmsGrant[] | undefined,
  caller: Principal,
  action: string,
  context: Record<string, string> | undefined,
  identityAllows: () => boolean,
): KmsGrant | undefined {
  if (!grants || grants.length === 0 || !action.startsWith('kms:')) return undefined;
  const op = action.slice(4);
  for (const g of grants) {
    if (!(g.operations as string[]).includes(op)) continue;
    const who = granteeMatch(g.granteePrincipal, caller);
    if (who === 'none') continue;
    if (!constraintsHold(g, op, context)) continue;
    if (who === 'account' && !identityAllows()) continue;
    return g;
  }
  return undefined;
}

function granteeMatch(grantee: string, caller: Principal): 'none' | 'direct' | 'account' {
  if (grantee === caller.arn) return 'direct';
  if (caller.roleArn !== undefined && grantee === caller.roleArn) return 'direct';
  if (grantee === `arn:aws:iam::${caller.accountId}:root`) return 'account';
  return 'none';
}

function constraintsHold(g: KmsGrant, op: string, context: Record<string, string> | undefined): boolean {
  const c = g.constraints;
  if (!c || op === 'DescribeKey' || op === 'RetireGrant') return true;
  const ctxPairs = context ?? {};
  if (c.EncryptionContextEquals) {
    const want = Object.entries(c.EncryptionContextEquals);
    if (want.length !== Object.keys(ctxPairs).length) return false;
    if (!want.every(([k, v]) => ctxPairs[k] === v)) return false;
  }
  if (c.EncryptionContextSubset) {
    if (!Object.entries(c.EncryptionContextSubset).every(([k, v]) => ctxPairs[k] === v)) return false;
  }
  return true;
}

/** The request's encryption context, rebuilt from the kms:EncryptionContext:<key> condition keys. */
function contextFromConditions(conditions: AuthzRequest['conditions']): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(conditions ?? {})) {
    if (k.startsWith('kms:EncryptionContext:') && typeof v === 'string') out[k.slice('kms:EncryptionContext:'.length)] = v;
  }
  return out;
}

/** AWS's AccessDenied wording (IAM User Guide, "Access denied error messages"). */
export function accessDeniedMessage(callerArn: string, action: string, resource: string, d: Decision): string {
  if (d.allowed) return '';
  const head = `User: ${callerArn} is not authorized to perform: ${action} on resource: ${resource}`;
  if (d.explicit) return `${head} with an explicit deny in ${d.policyType === 'identity-based' ? 'an' : 'a'} ${d.policyType} policy`;
  return `${head} because no ${d.policyType} policy allows the ${action} action`;
}

function accessDenied(service: RequestContext['service'], message: string): ServiceError {
  // JSON services answer 400 AccessDeniedException; S3 and STS (XML) answer 403 AccessDenied.
  if (service === 's3' || service === 'sts') return new ServiceError('AccessDenied', message, 403);
  return new ServiceError('AccessDeniedException', message, 400);
}

type LookupCtx = Pick<RequestContext, 'state'> & Partial<Pick<RequestContext, 'accountId' | 'accountState'>>;

/** The KMS key an ARN names, if it is one of the sandbox's (in the ARN's account). */
function lookupKmsKey(ctx: LookupCtx, resource: string) {
  const arn = parseArn(resource);
  if (!arn || arn.service !== 'kms' || !arn.resource.startsWith('key/')) return undefined;
  const state = arn.account === ctx.accountId || ctx.accountId === undefined ? ctx.state : ctx.accountState?.(arn.account);
  return state?.kms.regions[arn.region]?.keys[arn.resource.slice(4)];
}

const isKmsKeyArn = (resource: string): boolean => {
  const arn = parseArn(resource);
  return arn !== undefined && arn.service === 'kms' && arn.resource.startsWith('key/');
};

/** The request context keys: the caller's global keys, the resource's, and the operation's own. */
export function requestContextKeys(
  ctx: Pick<RequestContext, 'caller' | 'region' | 'wallNow' | 'invokedBy' | 'state' | 'secureTransport'> &
    Partial<Pick<RequestContext, 'accountId' | 'accountState'>>,
  req: Pick<AuthzRequest, 'resource' | 'conditions' | 'resourceTags'>,
): ContextKeys {
  // The time is the request's, taken now, even if the keys are only read later in the evaluation.
  const now = ctx.wallNow();
  return lazyContextKeys((keys) => {
    const p = ctx.caller;
    const entries: Record<string, RawContextValue> = {
      'aws:PrincipalArn': p.roleArn ?? p.arn,
      'aws:PrincipalAccount': p.accountId,
      'aws:PrincipalType': p.type === 'IAMUser' ? 'User' : p.type === 'Root' ? 'Account' : p.type,
      'aws:userid': p.principalId,
      'aws:username': p.type === 'IAMUser' ? p.userName : undefined,
      'aws:CurrentTime': new Date(now).toISOString().replace(/\.\d{3}Z$/, 'Z'),
      'aws:EpochTime': Math.floor(now / 1000),
      'aws:RequestedRegion': ctx.region,
      'aws:SecureTransport': ctx.secureTransport ?? true,
      'kms:CallerAccount': p.accountId,
      'aws:ViaAWSService': ctx.invokedBy !== undefined,
    };
    if (ctx.invokedBy) {
      // invokedBy is the service principal (s3.amazonaws.com) or its regional endpoint.
      const svc = ctx.invokedBy.split('.')[0]!;
      entries['aws:CalledVia'] = [`${svc}.amazonaws.com`];
      entries['aws:CalledViaFirst'] = `${svc}.amazonaws.com`;
      entries['aws:CalledViaLast'] = `${svc}.amazonaws.com`;
      entries['kms:ViaService'] = `${svc}.${ctx.region}.amazonaws.com`;
    }
    if (p.webIdentity) {
      const provider = p.webIdentity.federatedProvider;
      entries[`${provider}:sub`] = p.webIdentity.subject;
      entries[`${provider}:aud`] = p.webIdentity.audience;
      entries[`${provider}:amr`] = p.webIdentity.amr;
    }
    for (const [k, v] of Object.entries(entries)) setContextKey(keys, k, v);
    let tags = req.resourceTags;
    if (!tags && isKmsKeyArn(req.resource)) {
      const key = lookupKmsKey(ctx, req.resource);
      if (key) tags = Object.fromEntries(key.tags.map((t) => [t.TagKey, t.TagValue]));
      if (key) {
        const owner = key.accountId === ctx.accountId ? ctx.state : ctx.accountState?.(key.accountId);
        const aliases = Object.values(owner?.kms.regions[key.region]?.aliases ?? {})
          .filter((a) => a.targetKeyId === key.keyId)
          .map((a) => a.aliasName);
        setContextKey(keys, 'kms:ResourceAliases', aliases);
      }
    }
    for (const [k, v] of Object.entries(tags ?? {})) setContextKey(keys, `aws:ResourceTag/${k}`, v);
    for (const [k, v] of Object.entries(req.conditions ?? {})) setContextKey(keys, k, v);
  });
}

// Key policies are parsed on every call that names the key; the texts repeat, so parse each once.
const parsedPolicies = new Map<string, PolicyDocument | undefined>();
const PARSED_MAX = 500;

function parsePolicy(text: string | undefined): PolicyDocument | undefined {
  if (text === undefined) return undefined;
  if (parsedPolicies.has(text)) return parsedPolicies.get(text);
  let doc: PolicyDocument | undefined;
  try {
    const raw = JSON.parse(text) as unknown;
    doc = raw !== null && typeof raw === 'object' ? (raw as PolicyDocument) : undefined;
  } catch {
    doc = undefined;
  }
  if (parsedPolicies.size >= PARSED_MAX) parsedPolicies.clear();
  parsedPolicies.set(text, doc);
  return doc;
}

/**
 * The KMS operations a principal may call on a key of another account (the API Reference's
 * "Cross-account use: Yes"): cryptography, DescribeKey, GetPublicKey, GetKeyRotationStatus and the
 * grant operations. Every other operation (CreateAlias pointing at the key, PutKeyPolicy,
 * ScheduleKeyDeletion, tagging, ...) works only in the key's own account, whatever the key policy says.
 */
export const CROSS_ACCOUNT_KMS_ACTIONS: ReadonlySet<string> = new Set(
  [
    'CreateGrant', 'Decrypt', 'DeriveSharedSecret', 'DescribeKey', 'Encrypt', 'GenerateDataKey', 'GenerateDataKeyPair',
    'GenerateDataKeyPairWithoutPlaintext', 'GenerateDataKeyWithoutPlaintext', 'GenerateMac', 'GetKeyRotationStatus',
    'GetPublicKey', 'ListGrants', 'ReEncryptFrom', 'ReEncryptTo', 'RetireGrant', 'RevokeGrant', 'Sign', 'Verify', 'VerifyMac',
  ].map((op) => `kms:${op}`),
);

/** Decides a request; throws AccessDeniedException (AccessDenied for S3/STS) in AWS's words. */
export function authorize(ctx: RequestContext, req: AuthzRequest): void {
  const kmsKey = isKmsKeyArn(req.resource);
  if (kmsKey && !CROSS_ACCOUNT_KMS_ACTIONS.has(req.action)) {
    const owner = parseArn(req.resource)?.account;
    if (owner !== undefined && owner !== ctx.caller.accountId) {
      // Sandbox differs: AWS's answer to a same-account-only operation on another account's key was
      // not recorded; the sandbox refuses it as an implicit deny from the key's side, in AWS's form.
      const d: Decision = { allowed: false, explicit: false, policyType: 'resource-based' };
      throw accessDenied(ctx.service, accessDeniedMessage(ctx.caller.arn, req.action, req.resource, d));
    }
  }
  let policyText = req.resourcePolicy;
  if (policyText === undefined && kmsKey) policyText = lookupKmsKey(ctx, req.resource)?.policy;
  const context = requestContextKeys(ctx, req);
  const decision = evaluate({
    principal: ctx.caller,
    action: req.action,
    resource: req.resource,
    // A key policy that cannot be parsed allows nothing (the sandbox never stores one).
    resourcePolicy: parsePolicy(policyText) ?? (kmsKey ? { Statement: [] } : undefined),
    resourcePolicyRequired: kmsKey,
    context,
  });
  if (decision.allowed) return;
  // A grant never overrides an explicit Deny; it can only turn an implicit deny into an allow.
  if (kmsKey && !decision.explicit) {
    const key = lookupKmsKey(ctx, req.resource);
    const viaGrant = grantAllows(key?.grants, ctx.caller, req.action, contextFromConditions(req.conditions), () =>
      evaluateIdentityPolicies(ctx.caller.identityPolicies, req.action, req.resource, context).allow,
    );
    if (viaGrant) return;
  }
  throw accessDenied(ctx.service, accessDeniedMessage(ctx.caller.arn, req.action, req.resource, decision));
}

/** KMS's key policy size limit: 32 KB (AWS KMS quotas, "Key policy document size"). */
export const KEY_POLICY_MAX_BYTES = 32768;

export const INVALID_PRINCIPALS_MESSAGE = 'Policy contains a statement with one or more invalid principals.';
export const LOCKOUT_MESSAGE = 'The new key policy will not allow you to update the key policy in the future.';

// AWS sends MalformedPolicyDocumentException without a message for documents it cannot parse
// (aws/aws-sdk-ruby#1784); the serializer then omits the member, as AWS does.
const malformed = (message?: string) => new ServiceError('MalformedPolicyDocumentException', message);

const isStringList = (v: unknown): boolean =>
  typeof v === 'string' || (Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === 'string'));

/** Shape checks of one key policy statement; throws MalformedPolicyDocumentException. */
function checkStatementShape(st: unknown): PolicyStatement {
  if (st === null || typeof st !== 'object' || Array.isArray(st)) throw malformed();
  const s = st as Record<string, unknown>;
  if (s['Effect'] !== 'Allow' && s['Effect'] !== 'Deny') throw malformed();
  if ((s['Action'] === undefined) === (s['NotAction'] === undefined)) throw malformed();
  const action = s['Action'] ?? s['NotAction'];
  if (!isStringList(action)) throw malformed();
  if (s['Resource'] !== undefined && !isStringList(s['Resource'])) throw malformed();
  if (s['NotResource'] !== undefined && !isStringList(s['NotResource'])) throw malformed();
  if (s['Resource'] === undefined && s['NotResource'] === undefined) throw malformed();
  // Key policies are resource-based: each statement names its principals.
  if ((s['Principal'] === undefined) === (s['NotPrincipal'] === undefined)) throw malformed();
  const cond = s['Condition'];
  if (cond !== undefined) {
    if (cond === null || typeof cond !== 'object' || Array.isArray(cond)) throw malformed();
    for (const [op, entries] of Object.entries(cond as Record<string, unknown>)) {
      if (!isKnownOperator(op) || entries === null || typeof entries !== 'object' || Array.isArray(entries)) throw malformed();
    }
  }
  return s as unknown as PolicyStatement;
}

function checkPrincipals(spec: unknown): void {
  if (spec === '*') return;
  if (spec === null || typeof spec !== 'object' || Array.isArray(spec)) throw malformed(INVALID_PRINCIPALS_MESSAGE);
  const entries = Object.entries(spec as Record<string, unknown>);
  if (entries.length === 0) throw malformed(INVALID_PRINCIPALS_MESSAGE);
  for (const [type, raw] of entries) {
    if (!isStringList(raw)) throw malformed(INVALID_PRINCIPALS_MESSAGE);
    for (const v of listOf(raw as string | string[])) {
      const ok =
        type === 'AWS'
          ? isValidAwsPrincipal(v)
          : type === 'Service'
            ? /^[a-z0-9][a-z0-9.-]*\.amazonaws\.com(\.cn)?$/.test(v)
            : type === 'Federated'
              ? v.length > 0
              : false;
      if (!ok) throw malformed(INVALID_PRINCIPALS_MESSAGE);
    }
  }
}

/**
 * Validates a key policy before KMS stores it (CreateKey, PutKeyPolicy): size, JSON and shape,
 * principals that exist, and — unless BypassPolicyLockoutSafetyCheck — that the caller could
 * still call PutKeyPolicy under the new policy.
 */
export function validateKeyPolicy(ctx: RequestContext, policyText: string, opts: KeyPolicyValidationOptions): void {
  if (new TextEncoder().encode(policyText).length > KEY_POLICY_MAX_BYTES) {
    // Sandbox differs: the text of AWS's LimitExceededException here was not recorded.
    throw new ServiceError('LimitExceededException', `Key policy document size exceeds the limit of ${KEY_POLICY_MAX_BYTES} bytes.`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(policyText);
  } catch {
    throw malformed();
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw malformed();
  const doc = parsed as Record<string, unknown>;
  const rawStatements = doc['Statement'];
  const statements = Array.isArray(rawStatements) ? rawStatements : rawStatements === undefined ? [] : [rawStatements];
  if (statements.length === 0) throw malformed();
  if (doc['Version'] !== undefined && doc['Version'] !== '2012-10-17' && doc['Version'] !== '2008-10-17') throw malformed();
  const checked = statements.map(checkStatementShape);
  for (const st of checked) checkPrincipals(st.Principal ?? st.NotPrincipal);

  if (opts.bypassLockoutSafetyCheck) return;
  const resourceTags = opts.tags ? Object.fromEntries(opts.tags.map((t) => [t.TagKey, t.TagValue])) : undefined;
  const decision = evaluate({
    principal: ctx.caller,
    action: 'kms:PutKeyPolicy',
    resource: opts.keyArn,
    resourcePolicy: doc as unknown as PolicyDocument,
    resourcePolicyRequired: true,
    context: requestContextKeys(ctx, {
      resource: opts.keyArn,
      resourceTags,
      conditions: { 'kms:BypassPolicyLockoutSafetyCheck': false },
    }),
  });
  if (!decision.allowed) throw malformed(LOCKOUT_MESSAGE);
}
