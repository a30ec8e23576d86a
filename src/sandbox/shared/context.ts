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

/**
 * A body as it is handed to the blob store: one buffer, or pieces that are stored and read back as
 * their concatenation (a sealed segment is its IV and the AES-GCM output, kept apart so that putting
 * the IV in front is not one more copy of the segment). The store may keep the pieces' buffers: the
 * caller does not change them afterwards.
 */
export type BlobBody = Uint8Array | readonly Uint8Array[];

/** The store's blob area as operations see it (keys are the service's own, e.g. `s3/<bucket>/<version id>`). */
export interface BlobStore {
  put(key: string, bytes: BlobBody): Promise<void>;
  get(key: string): Promise<Uint8Array | undefined>;
  delete(key: string): Promise<void>;
}

export type ServiceName = 'kms' | 'cognito-identity' | 'sts' | 'cloudtrail' | 's3';

/** An operation's answer: the SDK's output type without the `$metadata` the SDK adds on the client side. */
export type OperationOutput<O> = O extends { $metadata: unknown } ? Omit<O, '$metadata'> : O;

/**
 * An operation, typed with the SDK's own `XxxCommandInput` / `XxxCommandOutput`. Its input has passed
 * the protocol's deserialiser (member types, blobs as Uint8Array) and the validation layer
 * (protocol/validate.ts: required members, lengths, ranges, patterns, enums), so it reads members as
 * the SDK types them; what the model cannot express it checks itself.
 */
export type Operation<I = never, O = unknown> = (input: I, ctx: RequestContext) => Promise<OperationOutput<O>> | OperationOutput<O>;

/**
 * A dispatch table entry: any operation, whatever its input type (`never` accepts them all). Only the
 * engine calls it, with an input the validation layer has checked against that operation's schema.
 */
export type DispatchOperation = Operation;

export interface ServiceModule {
  name: ServiceName;
  /** Dispatch table keyed by the exact AWS operation name. */
  operations: Record<string, DispatchOperation>;
  /** Operations that change nothing (the CloudTrail record's readOnly flag). */
  readOnly: ReadonlySet<string>;
  /** Operations CloudTrail records as data events (S3 object calls): LookupEvents does not return them. */
  dataEvents?: ReadonlySet<string>;
  /**
   * Test doubles of a service (the shell's own tests) set this to skip the model's validation layer,
   * which belongs to the real service's contract, not to the shell under test.
   */
  skipModelValidation?: boolean;
  /** Runs what became due on the simulated clock (rotations, deletions). Called before each request and after clock moves. */
  runDue?: (ctx: Pick<RequestContext, 'now' | 'state' | 'randomBytes' | 'subtle' | 'cache'>) => Promise<void> | void;
}
