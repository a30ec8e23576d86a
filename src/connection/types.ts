import type { KMSClient } from '@aws-sdk/client-kms';
import type { S3Client } from '@aws-sdk/client-s3';
import type { CloudTrailClient } from '@aws-sdk/client-cloudtrail';
import type { CognitoIdentityClient } from '@aws-sdk/client-cognito-identity';
import type { STSClient } from '@aws-sdk/client-sts';
import type { AwsCredentialIdentity } from '@smithy/types';
import type { TrailEvent } from '../sandbox/shared/trail-types';

/** The three backends (DESIGN.md): the embedded sandbox, real AWS, any AWS-compatible endpoint. */
export type BackendKind = 'sandbox' | 'aws' | 'endpoint';

/**
 * The SDK clients for the active backend. Created lazily (the SDK is not in the entry chunk) and
 * cached per backend; panels never construct clients themselves.
 */
export interface LabClients {
  /**
   * KMS in the backend's Region, or with `{ region }` in another one (multi-Region keys: a replica is
   * used through its own Region's endpoint, as on AWS). Same credentials, handler and inspector.
   */
  kms(options?: { region?: string }): Promise<KMSClient>;
  /**
   * KMS as one of the sandbox's demo principals (docs/identity.md): the administrator behind
   * `test`/`test`, or a demo role reached through STS AssumeRole with those keys. Sandbox only
   * (the demo roles do not exist in a real account); undefined on the aws and endpoint backends.
   */
  kmsAs?(principal: DemoPrincipal, options?: { region?: string }): Promise<KMSClient>;
  s3(): Promise<S3Client>;
  /**
   * S3 as the sandbox's administrator (`test`/`test`): bucket-level settings (CreateBucket, bucket
   * policies, default encryption) that the guest role may not touch. Sandbox only; undefined elsewhere.
   */
  s3As?(principal: 'lab-admin'): Promise<S3Client>;
  cloudtrail(): Promise<CloudTrailClient>;
  /** Cognito Identity and STS as the credential flow uses them (unsigned calls); the Identity panel replays the flow with them. */
  cognito?(): Promise<CognitoIdentityClient>;
  sts?(): Promise<STSClient>;
  /** KMS signed with other credentials (the enhanced flow's scoped-down session), for the Identity panel. */
  kmsWith?(credentials: AwsCredentialIdentity): Promise<KMSClient>;
  /** STS as a demo principal (GetCallerIdentity, AssumeRole across accounts). Sandbox only. */
  stsAs?(principal: DemoPrincipal): Promise<STSClient>;
  /**
   * KMS as a demo principal with the SDK's standard retry mode (3 attempts, backoff): the quotas
   * lesson, where the retries are the point. Every attempt is shown in the inspector. Sandbox only.
   */
  kmsRetrying?(principal?: DemoPrincipal): Promise<KMSClient>;
}

/**
 * Who a panel may act as on the sandbox: the lab account's administrator or one of its demo roles,
 * or the second account's administrator and roles (docs/accounts.md).
 */
export type DemoPrincipal =
  | 'lab-admin'
  | 'KeyAdminRole'
  | 'KeyUserRole'
  | 'AppServerRole'
  | 'KMSEncryptionDemoRole'
  | 'partner-admin'
  | 'PartnerAppRole'
  | 'PartnerLocalRole';

/** What the sandbox stores for an S3 object (its raw-storage view): never plaintext, never key material. */
export interface StoredObjectView {
  bucket: string;
  key: string;
  size: number;
  etag: string;
  /** 'AES256' | 'aws:kms' | 'aws:kms:dsse' | 'SSE-C'. */
  mode: string;
  algorithm: string;
  layers: number;
  kmsKeyArn?: string;
  bucketKey: boolean;
  kmsCiphertextBlob?: Uint8Array;
  wrappedDataKey?: Uint8Array;
  encryptionContext?: Record<string, string>;
  customerKeyMd5?: string;
  metadata: Record<string, string>;
  pieces: { storedBytes: number; ciphertext: Uint8Array }[];
}

/** The sandbox's request-quota modes (docs/quotas.md): none, AWS's figures, AWS's figures / 1000. */
export type QuotaMode = 'off' | 'aws' | 'teaching';

export interface QuotaStatusView {
  mode: QuotaMode;
  usage: { family: string; accountId: string; region: string; ratePerSecond: number; available: number; throttled: number; allowed: number }[];
}

/** Sandbox-only controls (the simulated clock, request quotas). Undefined on the aws and endpoint backends. */
export interface SandboxControls {
  /** Simulated time, epoch ms. */
  now(): number;
  advanceDays(days: number): Promise<number>;
  /** S3's data events (object calls), newest first, read from the sandbox itself: LookupEvents does not return them. */
  s3DataEvents?(): Promise<TrailEvent[]>;
  /** The raw-storage view of an S3 object (the S3 SSE lab); undefined when there is no such object. */
  inspectS3Object?(bucket: string, key: string): Promise<StoredObjectView | undefined>;
  /** Reads the request-quota mode and usage, setting the mode first when given (shared by every tab). Absent in hand-made test connections. */
  quotas?(mode?: QuotaMode): Promise<QuotaStatusView>;
}

/** What a panel or question gets from `useConnection()` (src/connection/index.ts). */
export interface ConnectionInfo {
  backend: BackendKind;
  region: string;
  /** Every query key starts with this, so switching backends can never show another backend's data. */
  keyPrefix: readonly [BackendKind, string, string, string];
  clients: LabClients;
  /** Who the calls of `clients` run as (the header's principal switcher; 'self' on aws/endpoint). Absent in hand-made test connections. */
  principal?: import('./principals').PagePrincipal;
  /** The account those calls run in ('-' when static keys name none up front). */
  account?: string;
  /** The Cognito identity id in use, once known. */
  identityId?: string;
  /**
   * The identity pool and guest role of the backend's Cognito basic flow (the sandbox's own pool,
   * or the ones in the settings), so that experiments can replay the flow; undefined when the
   * backend is used with static keys.
   */
  guestPool?: { identityPoolId: string; roleArn: string };
  sandbox?: SandboxControls;
  /** The lab bucket on this backend (the sandbox's, or the one configured for aws/endpoint), when there is one. */
  bucket?: string;
  /**
   * Serves a lab's Web Worker: the worker builds its own KMS and S3 clients with workerClients()
   * (worker-clients.ts) and they use this backend's credentials, handler and inspector. Returns a
   * function that disconnects it. Absent in hand-made test connections.
   */
  connectWorker?(worker: { postMessage(message: unknown, transfer: Transferable[]): void }): Promise<() => void>;
}
