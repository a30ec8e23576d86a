/**
 * The six ways the S3 SSE lab stores the same object, as data: what the request adds, and the
 * facts the comparison table shows beside the live columns (who holds which key, what a reader
 * must supply, what it costs). The live columns (headers returned, KMS calls, raw storage) come
 * from the calls themselves (sse-lab.ts). Prices: us-east-1, as in src/labs/cleanup/lib/cost.ts.
 */
export const MODE_IDS = ['sse-s3', 'sse-kms', 'sse-kms-bucket-key', 'dsse-kms', 'sse-c', 'client-side'] as const;
export type ModeId = (typeof MODE_IDS)[number];

export interface ModeFacts {
  id: ModeId;
  label: string;
  /** The request parameters that select the mode, as the SDK names them. */
  request: string;
  whoHoldsKeys: string;
  readerSupplies: string;
  cost: string;
  /** Whether S3 itself encrypts (false only for client-side, where S3 receives ciphertext). */
  serverSide: boolean;
}

export const MODES: Record<ModeId, ModeFacts> = {
  'sse-s3': {
    id: 'sse-s3',
    label: 'SSE-S3',
    request: 'ServerSideEncryption: "AES256" (or nothing: the default since January 2023)',
    whoHoldsKeys: 'S3 alone: a data key per object, wrapped under a key S3 manages and rotates. You never see either.',
    readerSupplies: 's3:GetObject. Nothing else: S3 decrypts for anyone the bucket lets read.',
    cost: 'No charge for the encryption and no KMS requests.',
    serverSide: true,
  },
  'sse-kms': {
    id: 'sse-kms',
    label: 'SSE-KMS',
    request: 'ServerSideEncryption: "aws:kms", SSEKMSKeyId: <your key>',
    whoHoldsKeys: 'KMS holds the KMS key; S3 stores the object’s data key encrypted under it (context aws:s3:arn = the object ARN).',
    readerSupplies: 's3:GetObject and kms:Decrypt on the KMS key (S3 calls KMS as the reader).',
    cost: 'One KMS request per PUT and one per GET ($0.03 per 10,000 after the free 20,000 a month), plus $1 a month per customer managed key.',
    serverSide: true,
  },
  'sse-kms-bucket-key': {
    id: 'sse-kms-bucket-key',
    label: 'SSE-KMS with a bucket key',
    request: 'ServerSideEncryption: "aws:kms", SSEKMSKeyId, BucketKeyEnabled: true',
    whoHoldsKeys: 'As SSE-KMS, but KMS gives S3 a short-lived bucket-level key (context = the bucket ARN) from which S3 makes each object’s data key.',
    readerSupplies: 's3:GetObject and kms:Decrypt on the KMS key, as for SSE-KMS.',
    cost: 'KMS requests drop by up to 99%: one per bucket key and caller session while it lives, not one per object.',
    serverSide: true,
  },
  'dsse-kms': {
    id: 'dsse-kms',
    label: 'DSSE-KMS',
    request: 'ServerSideEncryption: "aws:kms:dsse", SSEKMSKeyId',
    whoHoldsKeys: 'Two independent layers: one under a KMS-protected data key, one under a key S3 manages.',
    readerSupplies: 's3:GetObject and kms:Decrypt on the KMS key.',
    cost: 'Priced above SSE-KMS (a charge per GB for the second layer) and bucket keys do not apply, so every PUT and GET is a KMS request.',
    serverSide: true,
  },
  'sse-c': {
    id: 'sse-c',
    label: 'SSE-C',
    request: 'SSECustomerAlgorithm: "AES256", SSECustomerKey: <your 256-bit key> (the SDK adds its MD5)',
    whoHoldsKeys: 'You hold the key and send it with every request; S3 uses it, then forgets it, keeping only a salted HMAC to check the next one.',
    readerSupplies: 's3:GetObject and the same key in the request headers, over HTTPS, every time (and on a copy, as the copy source’s key).',
    cost: 'No KMS requests, but you store, rotate and distribute the keys. Blocked on new buckets since April 2026 unless the bucket allows it.',
    serverSide: true,
  },
  'client-side': {
    id: 'client-side',
    label: 'Client-side (data key from GenerateDataKey)',
    request: 'No encryption parameters: the body is already ciphertext; the wrapped data key and IV ride in x-amz-meta-*',
    whoHoldsKeys: 'Your code: it asked KMS for a data key, encrypted in the page, kept only the wrapped copy. S3 never sees a plaintext byte or a usable key.',
    readerSupplies: 's3:GetObject, then kms:Decrypt on the wrapped data key and the decryption in its own code.',
    cost: 'One GenerateDataKey per object and one Decrypt per read, called by your code; S3 still adds SSE-S3 on top at no charge.',
    serverSide: false,
  },
};

/** The object every mode stores: the same bytes, so the table compares like with like. */
export const LAB_OBJECT_TEXT = 'Payroll export 2026-11: the same object under every S3 encryption mode.\n';
