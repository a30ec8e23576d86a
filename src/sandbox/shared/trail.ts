import type { AuditNotes, ServiceName } from './context';
import type { CredentialRecord, Principal } from './principal';
import type { SandboxState } from './state';
import type { TrailEvent } from './trail-types';

export { TRAIL_MAX_EVENTS, TRAIL_PRUNE_SLACK, TRAIL_RETENTION_DAYS } from './trail-limits';

/** Map members whose keys are data (encryption contexts, tags maps, logins): never re-cased. */
const MAP_MEMBERS: ReadonlySet<string> = new Set([
  'EncryptionContext',
  'SourceEncryptionContext',
  'DestinationEncryptionContext',
  'EncryptionContextSubset',
  'EncryptionContextEquals',
  'Logins',
  'SupportedLoginProviders',
  'IdentityPoolTags',
  'Roles',
  'RoleMappings',
  'PrincipalTags',
  'TagMap',
]);

/** Members whose values are secrets or tokens: never in the trail, even as strings. */
const SECRET_MEMBERS: ReadonlySet<string> = new Set([
  'WebIdentityToken',
  'SAMLAssertion',
  'SessionToken',
  'SecretAccessKey',
  'SecretKey',
  'Password',
  'Token',
]);

const lowerCamel = (k: string): string => (k.length ? k[0]!.toLowerCase() + k.slice(1) : k);

function scrub(v: unknown, depth: number): unknown {
  if (v instanceof Uint8Array || v instanceof ArrayBuffer) return undefined;
  if (Array.isArray(v)) return v.map((x) => scrub(x, depth + 1)).filter((x) => x !== undefined);
  if (v instanceof Date) return v.toISOString();
  if (v !== null && typeof v === 'object') {
    if (depth > 8) return undefined;
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
      if (SECRET_MEMBERS.has(k)) continue;
      if (k === 'Logins' && x !== null && typeof x === 'object') {
        // The provider names are useful; the tokens are secrets.
        out['logins'] = Object.fromEntries(Object.keys(x).map((p) => [p, 'HIDDEN_DUE_TO_SECURITY_REASONS']));
        continue;
      }
      const s = MAP_MEMBERS.has(k) ? x : scrub(x, depth + 1);
      if (s !== undefined) out[lowerCamel(k)] = s;
    }
    return out;
  }
  return v;
}

/** The default requestParameters: the input without blobs or secrets, member names in lower camel case. */
export function defaultRequestParameters(input: unknown): Record<string, unknown> | null {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) return null;
  const out = scrub(input, 0) as Record<string, unknown>;
  return Object.keys(out).length ? out : null;
}

/** Removes secret members (any case) and bytes from what an operation put in responseElements. */
function stripSecrets(v: unknown, depth = 0): unknown {
  if (v instanceof Uint8Array || v instanceof ArrayBuffer || depth > 10) return undefined;
  if (Array.isArray(v)) return v.map((x) => stripSecrets(x, depth + 1)).filter((x) => x !== undefined);
  if (v instanceof Date) return v.toISOString();
  if (v !== null && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
      if (SECRET_MEMBERS.has(k) || SECRET_MEMBERS.has(k[0]!.toUpperCase() + k.slice(1))) continue;
      const c = stripSecrets(x, depth + 1);
      if (c !== undefined) out[k] = c;
    }
    return out;
  }
  return v;
}

const WEB_ID_ATTR = 'cognito-identity.amazonaws.com';

/** CloudTrail's userIdentity element (CloudTrail user guide, "userIdentity element"). */
export function userIdentityOf(
  principal: Principal,
  credentials: CredentialRecord | undefined,
  invokedBy: string | undefined,
  sessionCreated?: string,
): Record<string, unknown> {
  const base: Record<string, unknown> = {};
  switch (principal.type) {
    case 'IAMUser':
      Object.assign(base, {
        type: 'IAMUser',
        principalId: principal.principalId,
        arn: principal.arn,
        accountId: principal.accountId,
        accessKeyId: credentials?.accessKeyId,
        userName: principal.userName,
      });
      break;
    case 'AssumedRole': {
      const sessionContext: Record<string, unknown> = {
        sessionIssuer: {
          type: 'Role',
          principalId: principal.principalId.split(':')[0],
          arn: principal.roleArn,
          accountId: principal.accountId,
          userName: principal.roleName,
        },
        attributes: { creationDate: sessionCreated, mfaAuthenticated: 'false' },
      };
      if (principal.webIdentity) {
        sessionContext['webIdFederationData'] = {
          federatedProvider: principal.webIdentity.federatedProvider,
          attributes: {
            [`${WEB_ID_ATTR}:aud`]: principal.webIdentity.audience,
            [`${WEB_ID_ATTR}:amr`]: JSON.stringify(principal.webIdentity.amr),
            [`${WEB_ID_ATTR}:sub`]: principal.webIdentity.subject,
          },
        };
      }
      Object.assign(base, {
        type: 'AssumedRole',
        principalId: principal.principalId,
        arn: principal.arn,
        accountId: principal.accountId,
        accessKeyId: credentials?.accessKeyId,
        sessionContext,
      });
      break;
    }
    case 'Root':
      Object.assign(base, {
        type: 'Root',
        principalId: principal.accountId,
        arn: principal.arn,
        accountId: principal.accountId,
        accessKeyId: credentials?.accessKeyId,
      });
      break;
    case 'AWSService':
      Object.assign(base, { type: 'AWSService', invokedBy: principal.arn });
      break;
    default:
      // Unsigned calls (Cognito GetId, STS AssumeRoleWithWebIdentity): CloudTrail names no principal.
      Object.assign(base, { type: 'Unknown', principalId: '', accountId: principal.accountId });
  }
  if (invokedBy) base['invokedBy'] = invokedBy;
  for (const k of Object.keys(base)) if (base[k] === undefined) delete base[k];
  return base;
}

export interface RecordInput {
  service: ServiceName;
  operation: string;
  region: string;
  accountId: string;
  requestId: string;
  eventId: string;
  time: number;
  readOnly: boolean;
  principal: Principal;
  credentials?: CredentialRecord;
  invokedBy?: string;
  sourceIp: string;
  userAgent: string;
  input: unknown;
  audit: AuditNotes;
  error?: { code: string; message: string | undefined };
  /** S3 object calls: a data event (managementEvent false, eventCategory Data). */
  dataEvent?: boolean;
}

export function buildTrailEvent(r: RecordInput): TrailEvent {
  const requestParameters =
    r.audit.requestParameters !== undefined
      ? (stripSecrets(r.audit.requestParameters) as Record<string, unknown> | null)
      : defaultRequestParameters(r.input);
  const ev: TrailEvent = {
    eventVersion: '1.08',
    userIdentity: userIdentityOf(r.principal, r.credentials, r.invokedBy),
    eventTime: new Date(r.time).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    eventSource: `${r.service}.amazonaws.com`,
    eventName: r.operation,
    awsRegion: r.region,
    sourceIPAddress: r.invokedBy ?? r.sourceIp,
    userAgent: r.invokedBy ?? r.userAgent.slice(0, 1024),
    requestParameters,
    responseElements: r.error ? null : ((stripSecrets(r.audit.responseElements ?? null) as Record<string, unknown> | null) ?? null),
    requestID: r.requestId,
    eventID: r.eventId,
    readOnly: r.readOnly,
    eventType: 'AwsApiCall',
    managementEvent: !r.dataEvent,
    recipientAccountId: r.accountId,
    eventCategory: r.dataEvent ? 'Data' : 'Management',
  };
  if (r.error) {
    ev.errorCode = r.error.code;
    if (r.error.message !== undefined) ev.errorMessage = r.error.message;
  }
  if (r.audit.additionalEventData) ev.additionalEventData = stripSecrets(r.audit.additionalEventData) as Record<string, unknown>;
  if (r.audit.resources?.length) ev.resources = r.audit.resources;
  return ev;
}

/** Appends to the trail (oldest first in memory; LookupEvents reads newest first). Retention: store/lab.ts. */
export function appendTrailEvent(state: SandboxState, ev: TrailEvent): void {
  const t = state.trail;
  t.events.push(ev);
  t.nextSeq += 1;
}

/** What createSandbox exposes as `trail`: the records, newest first, and change notifications. */
export interface SandboxTrail {
  /** Every record in the trail store, newest first (read a page at a time from the store). */
  events(): Promise<TrailEvent[]>;
  subscribe(listener: (ev: TrailEvent) => void): () => void;
}
