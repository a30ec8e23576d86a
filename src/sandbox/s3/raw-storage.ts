/**
 * The read-only "raw storage" view for the lab: what the sandbox actually holds for an object — the
 * stored ciphertext, how its data key is kept (wrapped under S3's key, a KMS CiphertextBlob, a
 * bucket-level key), the algorithm and the key reference. Never the plaintext, never key material:
 * SSE-C shows only the key's MD5, as S3 itself keeps nothing more useful.
 */
import type { BlobStore } from '../shared/context';
import type { SandboxState } from '../shared/state';
import type { TrailEvent } from '../shared/trail-types';
import type { S3Object } from './s3-models';
import { partBlobKeys } from './s3-segments';

/** How many stored pieces the raw view copies the ciphertext of. */
export const RAW_PIECES_SHOWN = 4;
/** IV and tag around each sealed layer of a segment. */
const SEGMENT_OVERHEAD = 12 + 16;

export interface S3StoredObjectView {
  bucket: string;
  key: string;
  size: number;
  etag: string;
  lastModified: string;
  contentType: string;
  /** User metadata is stored in clear: SSE never covers it. */
  metadata: Record<string, string>;
  mode: S3Object['encryption']['mode'];
  /** Every stored piece is IV (12 bytes) || AES-256-GCM ciphertext || tag. */
  algorithm: 'AES-256-GCM';
  layers: number;
  kmsKeyArn?: string;
  bucketKey: boolean;
  /** The KMS-encrypted data key (SSE-KMS without a bucket key, DSSE) or bucket-level key (with one). */
  kmsCiphertextBlob?: Uint8Array;
  /** The object's data key wrapped under S3's own key or the bucket-level key. */
  wrappedDataKey?: Uint8Array;
  /** The encryption context S3 sends to KMS for this object (aws:s3:arn plus the caller's). */
  encryptionContext?: Record<string, string>;
  customerKeyMd5?: string;
  /**
   * What is stored, blob by blob: each part's sealed segments (up to SEGMENT_BYTES of plaintext each), in order.
   * The ciphertext itself is copied for the first RAW_PIECES_SHOWN pieces only (a 1 GiB object is
   * 1,024 of them); the rest carry their size and an empty `ciphertext`.
   */
  pieces: { storedBytes: number; ciphertext: Uint8Array }[];
}

/** Reads an object's stored form; undefined when there is no such bucket or key. */
export async function inspectS3Object(state: SandboxState, blobs: BlobStore, bucket: string, key: string): Promise<S3StoredObjectView | undefined> {
  const b = state.s3?.buckets[bucket];
  const o = b && Object.hasOwn(b.objects, key) ? b.objects[key] : undefined;
  if (!o) return undefined;
  const e = o.encryption;
  const pieces = [];
  for (const p of o.parts) {
    const keys = partBlobKeys(p);
    for (const [i, k] of keys.entries()) {
      if (pieces.length >= RAW_PIECES_SHOWN) {
        // Sizes without reading: every segment but a part's last is a full one.
        const seg = p.segmentBytes ?? p.size;
        const plain = i < keys.length - 1 ? seg : p.size - seg * (keys.length - 1);
        pieces.push({ storedBytes: plain + SEGMENT_OVERHEAD * (e.mode === 'aws:kms:dsse' ? 2 : 1), ciphertext: new Uint8Array(0) });
        continue;
      }
      const c = (await blobs.get(k)) ?? new Uint8Array(0);
      pieces.push({ storedBytes: c.length, ciphertext: c.slice() });
    }
  }
  const kms = e.mode === 'aws:kms' || e.mode === 'aws:kms:dsse';
  return {
    bucket,
    key,
    size: o.size,
    etag: o.etag,
    lastModified: new Date(o.lastModified).toISOString(),
    contentType: o.contentType,
    metadata: { ...o.metadata },
    mode: e.mode,
    algorithm: 'AES-256-GCM',
    layers: e.mode === 'aws:kms:dsse' ? 2 : 1,
    kmsKeyArn: e.kmsKeyArn,
    bucketKey: e.bucketKeyBlob !== undefined,
    kmsCiphertextBlob: (e.bucketKeyBlob ?? e.kmsDataKeyBlob)?.slice(),
    wrappedDataKey: e.wrappedDataKey?.slice(),
    encryptionContext: kms ? { ...e.userContext, 'aws:s3:arn': e.bucketKeyBlob ? `arn:aws:s3:::${bucket}` : `arn:aws:s3:::${bucket}/${key}` } : undefined,
    customerKeyMd5: e.customerKeyMd5,
    pieces,
  };
}

/** S3's data events (object calls), newest first: CloudTrail's LookupEvents does not return them. */
export function s3DataEvents(state: SandboxState): TrailEvent[] {
  return state.trail.events.filter((e) => e.eventSource === 's3.amazonaws.com' && e.managementEvent === false).reverse();
}
