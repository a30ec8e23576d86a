import type { CredentialRecord, Principal } from './principal';

/** The world injected into createSandbox: everything non-deterministic comes from here. */
export interface SandboxWorld {
  /** Wall clock, epoch ms. Signature skew and credential expiry are judged on it. */
  now: () => number;
  randomBytes: (n: number) => Uint8Array<ArrayBuffer>;
  subtle: SubtleCrypto;
}

export const SANDBOX_ACCOUNT_ID = '111122223333';
/** The second account (docs/accounts.md): a partner that uses the lab account's keys across accounts. */
export const SECOND_ACCOUNT_ID = '444455556666';
/** Every account the sandbox knows (its IAM principals exist; any other account's users and roles do not). */
export const SANDBOX_ACCOUNTS: readonly string[] = [SANDBOX_ACCOUNT_ID, SECOND_ACCOUNT_ID];
export const DEFAULT_REGION = 'us-east-1';
export const SECOND_REGION = 'us-west-2';
export const PARTITION = 'aws';

/** A CloudTrail resource entry (`resources[]` in a record). */
export interface TrailResource {
  ARN: string;
  accountId: string;
  type?: string; // AWS::KMS::Key
}

/** What an operation adds to the CloudTrail record of its own call. */
export interface AuditNotes {
  /** Overrides the default requestParameters (the input with blobs removed, lower camel case). */
  requestParameters?: Record<string, unknown> | null;
  responseElements?: Record<string, unknown> | null;
  additionalEventData?: Record<string, unknown>;
  resources?: TrailResource[];
}

/** validateKeyPolicy's options. `tags`: the key's tags when it does not exist yet (CreateKey's Tags). */
export interface KeyPolicyValidationOptions {
  bypassLockoutSafetyCheck: boolean;
  keyArn: string;
  tags?: { TagKey: string; TagValue: string }[];
}

export interface AuthzRequest {
  /** e.g. kms:Encrypt */
  action: string;
  /** The resource ARN, or '*' (CreateKey, ListKeys, ...). */
  resource: string;
  /** The resource-based policy text (a KMS key policy) when the resource has one. */
  resourcePolicy?: string;
  /** Request condition keys (kms:EncryptionContext:..., kms:KeySpec, aws:RequestTag/..., ...). */
  conditions?: Record<string, string | string[] | boolean | number | undefined>;
  /**
   * The resource's tags (aws:ResourceTag/<key>). Optional: for KMS keys the evaluator reads them
   * from the state itself when absent.
   */
  resourceTags?: Record<string, string>;
}

/**
 * What every operation receives besides its typed input. Operations never see HTTP:
 * request-handler.ts builds this, dispatches, and serialises the result or the ServiceError.
 */
export interface RequestContext {
  service: ServiceName;
  operation: string;
  region: string;
  accountId: string;
  requestId: string;
  caller: Principal;
  /** The credentials used to sign (absent for unsigned calls such as Cognito GetId). */
  credentials?: CredentialRecord;
  /** Simulated clock, epoch ms: KMS's and S3's own time (creation, rotation, deletion dates). */
  now: () => number;
  /** Wall clock, epoch ms. */
  wallNow: () => number;
  randomBytes: (n: number) => Uint8Array<ArrayBuffer>;
  subtle: SubtleCrypto;
  /** The caller's account's state (a view: its services plus the shared clock and trail); services read and mutate their own part. */
  state: import('./state').SandboxState;
  /** Another account's state, for reads by ARN (undefined when that account holds nothing; never creates it). */
  accountState?: (accountId: string) => import('./state').SandboxState | undefined;
  /** Every account that holds state (S3 bucket names are global: CreateBucket looks in all of them). */
  accountIds?: () => string[];
  /** Process-local caches (imported CryptoKeys and such): never persisted. */
  cache: Map<string, unknown>;
  /** Decide authorisation; throws AccessDeniedException in AWS's words. */
  authorize: (req: AuthzRequest) => void;
  /** Validate a key policy before storing it (MalformedPolicyDocumentException, lock-out check). */
  validateKeyPolicy: (policy: string, opts: KeyPolicyValidationOptions) => void;
  /** STS: issue temporary credentials (ASIA...) for a principal; held in memory only, never persisted. */
  issueCredentials: (principal: Principal, durationSeconds: number) => CredentialRecord;
  /** Call another service through its API (S3 -> KMS), recorded in the trail with invokedBy. */
  callService: <O = unknown>(service: ServiceName, operation: string, input: unknown) => Promise<O>;
  /** Set when this call is made by a service on the caller's behalf (e.g. s3.amazonaws.com). */
  invokedBy?: string;
  /** aws:SecureTransport: false only for requests that came over plain HTTP to the local server. */
  secureTransport?: boolean;
  audit: AuditNotes;
  /**
   * Large bodies (S3 objects) kept outside the JSON state, in the store's blob area. Written through
   * at once (not rolled back with the call); absent only in hand-made test contexts.
   */
  blobs?: BlobStore;
}

/** The store's blob area as operations see it (keys are the service's own, e.g. `s3/<bucket>/<version id>`). */
export interface BlobStore {
  put(key: string, bytes: Uint8Array): Promise<void>;
  get(key: string): Promise<Uint8Array | undefined>;
  delete(key: string): Promise<void>;
}

export type ServiceName = 'kms' | 'cognito-identity' | 'sts' | 'cloudtrail' | 's3';

// Operations take the SDK's JSON shape as input; they validate it themselves (the SDK is not
// the only client: the AWS CLI, boto3 and hostile requests reach the HTTP server too).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Operation = (input: any, ctx: RequestContext) => Promise<unknown> | unknown;

export interface ServiceModule {
  name: ServiceName;
  /** Dispatch table keyed by the exact AWS operation name. */
  operations: Record<string, Operation>;
  /** Operations that change nothing (the CloudTrail record's readOnly flag). */
  readOnly: ReadonlySet<string>;
  /** Operations CloudTrail records as data events (S3 object calls): LookupEvents does not return them. */
  dataEvents?: ReadonlySet<string>;
  /** Runs what became due on the simulated clock (rotations, deletions). Called before each request and after clock moves. */
  runDue?: (ctx: Pick<RequestContext, 'now' | 'state' | 'randomBytes' | 'subtle' | 'cache'>) => Promise<void> | void;
}
