/**
 * S3's persisted model (docs/s3.md). Buckets and object metadata are JSON-able records in
 * `state.s3`; object bodies are ciphertext blobs in the store's blob area, written before the
 * metadata that references them. Nothing here ever holds plaintext or an unwrapped key.
 */

export type SseMode = 'AES256' | 'aws:kms' | 'aws:kms:dsse' | 'SSE-C';

/** One default-encryption rule as PutBucketEncryption stored it (KMSMasterKeyID echoed as given). */
export interface BucketEncryptionRule {
  sseAlgorithm: 'AES256' | 'aws:kms' | 'aws:kms:dsse';
  kmsMasterKeyId?: string;
  bucketKeyEnabled: boolean;
}

export interface CorsRule {
  ID?: string;
  AllowedHeaders?: string[];
  AllowedMethods: string[];
  AllowedOrigins: string[];
  ExposeHeaders?: string[];
  MaxAgeSeconds?: number;
}

/** How one stored body (an object, or one part of it) is encrypted at rest. */
export interface StoredEncryption {
  mode: SseMode;
  /** Key ARN (SSE-KMS, DSSE-KMS). */
  kmsKeyArn?: string;
  /** The user's extra KMS context (base64 JSON as sent), re-sent to KMS on every read. */
  userContext?: Record<string, string>;
  /** SSE-KMS with a bucket key: the KMS CiphertextBlob of the bucket-level key (bucket ARN context). */
  bucketKeyBlob?: Uint8Array;
  /** SSE-KMS without a bucket key, DSSE: the KMS CiphertextBlob of the object's data key. */
  kmsDataKeyBlob?: Uint8Array;
  /** The object's data key wrapped (AES-GCM) under the S3 master key, the bucket key, or (SSE-C) nothing. */
  wrappedDataKey?: Uint8Array;
  /** DSSE's second layer: its data key wrapped under the S3 master key. */
  secondLayerKey?: Uint8Array;
  /** SSE-C: base64 MD5 of the customer key (returned as SSECustomerKeyMD5) and a salted HMAC to check it. */
  customerKeyMd5?: string;
  customerKeyHmac?: Uint8Array;
  customerKeySalt?: Uint8Array;
}

export interface StoredPart {
  /** The body's blob (earlier format), or the stem of its segment blobs `<blobKey>.<i>` (s3-segments.ts). */
  blobKey: string;
  size: number;
  /** How many sealed segments; absent for a body stored whole in one blob (the earlier format). */
  segments?: number;
  /** Plaintext bytes per segment (the last may be shorter). */
  segmentBytes?: number;
}

export interface S3Object {
  key: string;
  /** Unique per write: the blob keys hang off it. */
  id: string;
  size: number;
  etag: string; // with quotes
  lastModified: number;
  contentType: string;
  metadata: Record<string, string>;
  cacheControl?: string;
  contentDisposition?: string;
  contentEncoding?: string;
  contentLanguage?: string;
  storageClass?: string;
  websiteRedirectLocation?: string;
  checksum?: { algorithm: string; value: string; type: 'FULL_OBJECT' | 'COMPOSITE' };
  encryption: StoredEncryption;
  /** One entry per stored body piece (one for PutObject, one per part for multipart). */
  parts: StoredPart[];
  partsCount?: number;
}

export interface UploadPart {
  partNumber: number;
  etag: string;
  size: number;
  blobKey: string;
  segments?: number;
  segmentBytes?: number;
  lastModified: number;
  checksum?: string;
}

export interface MultipartUpload {
  uploadId: string;
  key: string;
  initiated: number;
  contentType: string;
  metadata: Record<string, string>;
  checksumAlgorithm?: string;
  encryption: StoredEncryption;
  parts: Record<string, UploadPart>;
}

export interface Bucket {
  name: string;
  region: string;
  creationDate: number;
  /** The explicit default-encryption rule; absent means AWS's default (SSE-S3). */
  encryption?: BucketEncryptionRule;
  /** Since April 2026 new buckets block SSE-C writes; PutBucketEncryption's BlockedEncryptionTypes changes it. */
  blockSseC: boolean;
  policy?: string;
  cors?: CorsRule[];
  objects: Record<string, S3Object>;
  uploads: Record<string, MultipartUpload>;
}

export interface S3State {
  buckets: Record<string, Bucket>;
  /**
   * The S3-managed master key (SSE-S3 and DSSE's second layer). Sandbox differs: AWS keeps its
   * SSE-S3 keys in its own systems, rotated regularly; the sandbox keeps one per sandbox.
   */
  masterKey: Uint8Array;
}
