/**
 * The envelope lab's five steps as one job, with the clients it is given (in the panel: a Worker's
 * own clients from the connection layer, so reading, encrypting, hashing and signing stay off the
 * page's thread):
 *   1. GenerateDataKey (AES_256) under the learner's KMS key, with an encryption context;
 *   2. encrypt the file locally in chunks (chunked-format.ts);
 *   3. store the ciphertext in S3, the encrypted data key and the format header beside it;
 *   4. discard the plaintext data key (imported into WebCrypto, then the buffer zeroed);
 *   5. read back: HeadObject, Decrypt the data key, decrypt the chunks, compare SHA-256.
 */
import { DecryptCommand, GenerateDataKeyCommand, type KMSClient } from '@aws-sdk/client-kms';
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListPartsCommand,
  PutObjectCommand,
  UploadPartCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { sha256 } from '@noble/hashes/sha2.js';
import {
  decodeHeader,
  decryptChunks,
  encodeHeader,
  encryptChunks,
  encryptedSize,
  EnvelopeIntegrityError,
  importDataKey,
  newHeader,
  readWindows,
  DEFAULT_READ_WINDOW,
  type EnvelopeHeader,
  type PlainSource,
} from './chunked-format';
import { ChunkedBody } from '../../../connection/chunked-body';
import { ahead, gatherPart, groupParts, type Part } from './pipeline';

/** S3's limit on user-defined metadata: 2 KB of names and values together (UTF-8). */
export const S3_USER_METADATA_LIMIT = 2048;
/**
 * S3's smallest multipart part (but the last) is 5 MiB; the lab uses 16 MiB parts. Every part is a
 * call with costs of its own (signing, the engine's checks, its trail event and commit, and the
 * engine's wait for the part's last segments to be written before it answers), so fewer, larger
 * parts store faster: in alternating runs of a 256 MiB job into the sandbox, 16 MiB parts stored at
 * 42.4 MiB/s against 34.9 for 8 MiB parts, with less CPU (docs/envelope.md, last section).
 */
export const PART_SIZE = 16 * 1024 * 1024;
export const META = {
  key: 'envelope-encrypted-data-key',
  header: 'envelope-header',
  keyArn: 'envelope-kms-key-arn',
  context: 'envelope-encryption-context',
  size: 'envelope-plaintext-bytes',
  manifest: 'envelope-manifest',
} as const;

export type Phase = 'data-key' | 'encrypt' | 'upload' | 'stored' | 'decrypt-key' | 'download' | 'verify';

export interface JobHooks {
  signal?: AbortSignal;
  onPhase?: (phase: Phase, detail?: Record<string, unknown>) => void;
  onProgress?: (phase: Phase, done: number, total: number) => void;
}

export interface SealInput {
  keyId: string;
  bucket: string;
  objectKey: string;
  context: Record<string, string>;
  file: PlainSource;
  chunkSize?: number;
}

export interface SealResult {
  bucket: string;
  objectKey: string;
  keyArn: string;
  plaintextBytes: number;
  storedBytes: number;
  parts: number;
  /** Where the envelope's data key and header live: S3 user metadata, or a manifest object beside it. */
  route: 'metadata' | 'manifest';
  metadataBytes: number;
  manifestKey?: string;
  encryptedDataKeyBytes: number;
  /** The plaintext data key buffer after use: all zero. */
  dataKeyZeroed: boolean;
}

const b64 = (bytes: Uint8Array) => {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
};
const unb64 = (s: string) => Uint8Array.from(atob(s), (c) => c.charCodeAt(0));
const utf8Bytes = (s: string) => new TextEncoder().encode(s).length;

/** S3 counts metadata as the UTF-8 bytes of each name (without x-amz-meta-) and value. */
export function metadataBytes(meta: Record<string, string>): number {
  return Object.entries(meta).reduce((n, [k, v]) => n + utf8Bytes(k) + utf8Bytes(v), 0);
}

function abortError(signal: AbortSignal): Error {
  return signal.reason instanceof Error ? signal.reason : new DOMException('The operation was cancelled.', 'AbortError');
}

/** Parts encrypted ahead of the upload: reading and encrypting overlap the upload, memory stays at a few parts. */
export const PARTS_AHEAD = 2;

/**
 * Parts sent before the first is answered. On the sandbox the engine stores one call at a time, so
 * the second part waits in its queue; that is the point: with one part in flight the engine sat idle
 * after each answer while it went back to this worker and the next part came (signed and sent) the
 * same way, about a quarter of each part's time (docs/envelope.md, "Two parts in flight"). Real S3
 * stores parts in parallel. Each part in flight holds its body (PART_SIZE) until it is answered.
 */
export const UPLOADS_IN_FLIGHT = 2;

/**
 * Step 2 on its own: the file read in windows, encrypted chunk by chunk and grouped into the parts
 * that are stored, each part's chunks still apart (the upload copies them into one body, once). The
 * bench measures exactly this, with no upload behind it.
 */
export function encryptedParts(key: CryptoKey, header: EnvelopeHeader, file: PlainSource, hooks: JobHooks = {}, partSize = PART_SIZE): AsyncGenerator<Part> {
  const chunks = encryptChunks(key, header, file, { signal: hooks.signal, onProgress: (d, t) => hooks.onProgress?.('encrypt', d, t) });
  return groupParts(chunks, partSize);
}

/** How the job's S3 client can take a part's body (the connection layer says: WorkerClients.chunkedBodies). */
export interface UploadTransport {
  /**
   * The client takes a body as its chunks (ChunkedBody, on the sandbox through the worker bridge), so a
   * part is sent as the encrypted chunks it already is, with no joining copy of a whole part.
   */
  chunkedBodies?: boolean;
}

export async function sealAndStore(kms: KMSClient, s3: S3Client, input: SealInput, hooks: JobHooks = {}, transport: UploadTransport = {}): Promise<SealResult> {
  const { signal } = hooks;
  const total = input.file instanceof Uint8Array ? input.file.length : input.file.size;

  hooks.onPhase?.('data-key');
  const dk = await kms.send(new GenerateDataKeyCommand({ KeyId: input.keyId, KeySpec: 'AES_256', EncryptionContext: input.context }), { abortSignal: signal });
  const plaintextKey = dk.Plaintext!;
  const key = await importDataKey(globalThis.crypto.subtle, plaintextKey, ['encrypt']);
  const dataKeyZeroed = plaintextKey.every((b) => b === 0);
  const header = newHeader((n) => globalThis.crypto.getRandomValues(new Uint8Array(n)), input.chunkSize);

  const meta: Record<string, string> = {
    [META.key]: b64(dk.CiphertextBlob!),
    [META.header]: b64(encodeHeader(header)),
    [META.keyArn]: dk.KeyId!,
    [META.context]: JSON.stringify(input.context),
    [META.size]: String(total),
  };
  let route: SealResult['route'] = 'metadata';
  let manifestKey: string | undefined;
  let objectMeta = meta;
  // A large encryption context can push the envelope past S3's 2 KB of user metadata: then the envelope
  // goes in a small manifest object beside the data, and the data's metadata only points to it.
  if (metadataBytes(meta) > S3_USER_METADATA_LIMIT) {
    route = 'manifest';
    manifestKey = `${input.objectKey}.envelope.json`;
    await s3.send(
      new PutObjectCommand({ Bucket: input.bucket, Key: manifestKey, Body: JSON.stringify(meta), ContentType: 'application/json' }),
      { abortSignal: signal },
    );
    objectMeta = { [META.manifest]: manifestKey };
  }

  const stored = encryptedSize(total, header.chunkSize);
  hooks.onPhase?.('encrypt');
  let partCount = 0;
  if (stored <= PART_SIZE) {
    const [part] = await collect(encryptedParts(key, header, input.file, hooks, Number.MAX_SAFE_INTEGER));
    const body = gatherPart(part!);
    hooks.onPhase?.('upload');
    await s3.send(
      new PutObjectCommand({ Bucket: input.bucket, Key: input.objectKey, Body: body, Metadata: objectMeta, ContentType: 'application/octet-stream' }),
      { abortSignal: signal },
    );
    partCount = 1;
  } else {
    const mpu = await s3.send(
      new CreateMultipartUploadCommand({ Bucket: input.bucket, Key: input.objectKey, Metadata: objectMeta, ContentType: 'application/octet-stream' }),
      { abortSignal: signal },
    );
    const uploadId = mpu.UploadId!;
    const done: { PartNumber: number; ETag: string }[] = [];
    /** Parts sent and not answered yet (at most UPLOADS_IN_FLIGHT). */
    const sending = new Set<Promise<void>>();
    let failed: { error: unknown } | undefined;
    try {
      let uploaded = 0;
      let n = 0;
      hooks.onPhase?.('upload');
      // Encryption runs PARTS_AHEAD parts ahead of the upload, and UPLOADS_IN_FLIGHT parts are sent at
      // once, so the next part is already waiting when S3 answers one (UPLOADS_IN_FLIGHT says why).
      for await (const part of ahead(encryptedParts(key, header, input.file, hooks), PARTS_AHEAD)) {
        if (signal?.aborted) throw abortError(signal);
        if (failed) throw failed.error;
        const partNumber = ++n;
        // Read before the send: on the sandbox the body's buffers are transferred to the page, not copied.
        const partBytes = part.bytes;
        // As its chunks where the client takes them (ContentLength given, as for any stream body), else joined once.
        const body = transport.chunkedBodies ? new ChunkedBody(part.chunks.splice(0)) : gatherPart(part);
        const send: Promise<void> = s3
          .send(
            new UploadPartCommand({ Bucket: input.bucket, Key: input.objectKey, UploadId: uploadId, PartNumber: partNumber, Body: body, ContentLength: partBytes }),
            { abortSignal: signal },
          )
          .then(
            (r) => {
              uploaded += partBytes;
              hooks.onProgress?.('upload', uploaded, stored);
              done[partNumber - 1] = { PartNumber: partNumber, ETag: r.ETag! };
            },
            (error: unknown) => {
              failed ??= { error };
            },
          )
          .finally(() => sending.delete(send));
        sending.add(send);
        if (sending.size >= UPLOADS_IN_FLIGHT) await Promise.race(sending);
      }
      await Promise.all(sending);
      if (failed) throw failed.error;
      await s3.send(
        new CompleteMultipartUploadCommand({ Bucket: input.bucket, Key: input.objectKey, UploadId: uploadId, MultipartUpload: { Parts: done } }),
      );
      partCount = done.length;
    } catch (e) {
      // Every part sent has been answered before the abort, so none can be stored after it.
      await Promise.all(sending);
      // Nothing half-stored: the upload's parts are discarded (and the manifest, if one was written).
      await s3.send(new AbortMultipartUploadCommand({ Bucket: input.bucket, Key: input.objectKey, UploadId: uploadId })).catch(() => undefined);
      if (manifestKey) await deleteQuietly(s3, input.bucket, manifestKey);
      // On a cancel, ask S3 itself that nothing is left, so the learner sees it rather than being told.
      if (signal?.aborted && e !== null && typeof e === 'object') {
        Object.assign(e, { afterAbort: await checkNothingStored(s3, input.bucket, input.objectKey, uploadId) });
      }
      throw e;
    }
  }
  hooks.onPhase?.('stored');
  return {
    bucket: input.bucket,
    objectKey: input.objectKey,
    keyArn: dk.KeyId!,
    plaintextBytes: total,
    storedBytes: stored,
    parts: partCount,
    route,
    metadataBytes: metadataBytes(meta),
    manifestKey,
    encryptedDataKeyBytes: dk.CiphertextBlob!.length,
    dataKeyZeroed,
  };
}

/** What S3 answered, after a cancelled upload was aborted, about the upload and the object. */
export interface AfterAbort {
  uploadId: string;
  /** ListParts on the aborted upload: 'NoSuchUpload' when the upload and its parts are gone. */
  listParts: string;
  /** HeadObject on the object's key: 'NotFound' when no object was stored. */
  headObject: string;
}

async function checkNothingStored(s3: S3Client, bucket: string, key: string, uploadId: string): Promise<AfterAbort> {
  const outcome = (p: Promise<unknown>) =>
    p.then(
      () => 'found',
      (err: unknown) => (err as { name?: string } | null)?.name ?? 'Error',
    );
  return {
    uploadId,
    listParts: await outcome(s3.send(new ListPartsCommand({ Bucket: bucket, Key: key, UploadId: uploadId }))),
    headObject: await outcome(s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }))),
  };
}

async function deleteQuietly(s3: S3Client, bucket: string, key: string) {
  const { DeleteObjectCommand } = await import('@aws-sdk/client-s3');
  await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: key })).catch(() => undefined);
}

async function collect<T>(gen: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of gen) out.push(x);
  return out;
}

export interface VerifyResult {
  plaintextBytes: number;
  sha256: string;
  /** SHA-256 of the original file, when it was given. */
  originalSha256?: string;
  matches?: boolean;
  keyArn: string;
  dataKeyZeroed: boolean;
}

const hex = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');

/** SHA-256 of a Blob or bytes, streamed (WebCrypto has no incremental digest). */
export async function sha256Of(source: PlainSource, hooks: JobHooks = {}): Promise<string> {
  const h = sha256.create();
  if (source instanceof Uint8Array) h.update(source);
  else {
    let done = 0;
    // One reused buffer, not a new one per piece (readWindows says why); each window is hashed before the next is read.
    for await (const piece of readWindows(source, DEFAULT_READ_WINDOW)) {
      if (hooks.signal?.aborted) throw abortError(hooks.signal);
      h.update(piece);
      done += piece.length;
      hooks.onProgress?.('verify', done, source.size);
    }
  }
  return hex(h.digest());
}

/** Step 5: read the object back, Decrypt the data key (with the key ARN and context stored beside it), decrypt, hash. */
export async function readAndVerify(
  kms: KMSClient,
  s3: S3Client,
  where: { bucket: string; objectKey: string; original?: PlainSource },
  hooks: JobHooks = {},
): Promise<VerifyResult> {
  const { signal } = hooks;
  const head = await s3.send(new HeadObjectCommand({ Bucket: where.bucket, Key: where.objectKey }), { abortSignal: signal });
  let meta = head.Metadata ?? {};
  if (meta[META.manifest]) {
    const m = await s3.send(new GetObjectCommand({ Bucket: where.bucket, Key: meta[META.manifest] }), { abortSignal: signal });
    meta = JSON.parse(await m.Body!.transformToString()) as Record<string, string>;
  }
  const wrapped = meta[META.key];
  const keyArn = meta[META.keyArn];
  if (!wrapped || !keyArn || !meta[META.header]) {
    throw new EnvelopeIntegrityError('The object carries no envelope metadata (encrypted data key, key ARN and header): it was not stored by this lab.');
  }
  decodeHeader(unb64(meta[META.header]!));
  hooks.onPhase?.('decrypt-key');
  const context = JSON.parse(meta[META.context] ?? '{}') as Record<string, string>;
  // The key that wrapped the data key is named explicitly: the one stored with it, never the panel's current choice.
  const d = await kms.send(new DecryptCommand({ CiphertextBlob: unb64(wrapped), KeyId: keyArn, EncryptionContext: context }), { abortSignal: signal });
  const plaintextKey = d.Plaintext!;
  const key = await importDataKey(globalThis.crypto.subtle, plaintextKey, ['decrypt']);
  const dataKeyZeroed = plaintextKey.every((b) => b === 0);

  hooks.onPhase?.('download');
  const size = Number(head.ContentLength ?? 0);
  const expected = Number(meta[META.size] ?? NaN);
  const h = sha256.create();
  let plainBytes = 0;
  const ranged = async function* (): AsyncGenerator<Uint8Array> {
    // Ranged GETs of one part each: memory stays at one part whatever the object's size.
    for (let off = 0; off < size || off === 0; off += PART_SIZE) {
      const end = Math.min(size, off + PART_SIZE) - 1;
      if (end < off) return;
      const r = await s3.send(new GetObjectCommand({ Bucket: where.bucket, Key: where.objectKey, Range: `bytes=${off}-${end}` }), { abortSignal: signal });
      yield await r.Body!.transformToByteArray();
      hooks.onProgress?.('download', end + 1, size);
    }
  };
  for await (const plain of decryptChunks(key, ranged(), { signal })) {
    h.update(plain);
    plainBytes += plain.length;
  }
  if (Number.isFinite(expected) && expected !== plainBytes) {
    throw new EnvelopeIntegrityError(`The object decrypts to ${plainBytes} bytes, but ${expected} were stored.`);
  }
  const digest = hex(h.digest());
  let originalSha256: string | undefined;
  if (where.original) {
    hooks.onPhase?.('verify');
    originalSha256 = await sha256Of(where.original, hooks);
  }
  return {
    plaintextBytes: plainBytes,
    sha256: digest,
    originalSha256,
    matches: originalSha256 === undefined ? undefined : originalSha256 === digest,
    keyArn,
    dataKeyZeroed,
  };
}
