/**
 * The lab's streaming envelope format: a file encrypted locally under one data key, in chunks of
 * AES-256-GCM, so that memory stays flat whatever the file size and any chunk can be checked alone.
 *
 *   object  = header || chunk_0 || chunk_1 || ... || chunk_last
 *   header  = "KSLE" | version (1 byte) | chunk size (uint32 BE) | nonce prefix (8 random bytes)   = 17 bytes
 *   chunk_i = AES-256-GCM(dataKey, iv_i, plaintext_i, aad_i) = ciphertext_i || tag_i (16 bytes)
 *   iv_i    = nonce prefix (8) || i (uint32 BE)                                                     = 12 bytes
 *   aad_i   = header || i (uint32 BE) || final flag (1 byte: 1 on the last chunk, else 0)
 *
 * Why this shape (the STREAM construction of Hoang, Reyhanitabar, Rogaway and Vizár):
 * - Every file gets a fresh data key from GenerateDataKey, and within a file the chunk index never
 *   repeats, so an IV never repeats under one key (GCM's one hard rule).
 * - The index is in the IV and the AAD: a chunk moved to another place fails its tag.
 * - The final flag is in the AAD: cutting the object after any chunk fails, because the chunk that is
 *   now last was sealed with flag 0. Dropping a chunk in the middle shifts every later index.
 * - The header is in every AAD, so a changed chunk size or nonce prefix fails too.
 * Every chunk but the last holds exactly `chunkSize` plaintext bytes; the last holds 0..chunkSize
 * (an empty file is one empty final chunk, which still carries a tag).
 */

export const MAGIC = [0x4b, 0x53, 0x4c, 0x45] as const; // "KSLE"
export const FORMAT_VERSION = 1;
export const HEADER_BYTES = 17;
export const TAG_BYTES = 16;
export const IV_BYTES = 12;
/**
 * Plaintext bytes per chunk. WebCrypto's cost per call is large next to its cost per byte (a 64 KiB call
 * sealed about 1.5x slower per byte than a 512 KiB one in Chromium), and each call's output is a new
 * buffer: 512 KiB stays below the size at which Chromium's allocator maps a buffer fresh from the
 * operating system (960 KiB; 1 MiB calls ran 2-3x slower per byte). 32 chunks make one 16 MiB S3 part (envelope-job.ts PART_SIZE).
 */
export const DEFAULT_CHUNK_SIZE = 512 * 1024;
/**
 * Bytes read from the file at a time (a whole number of chunks, at least one). Below Chromium's 960 KiB
 * as well, for browsers that read a File in slices, each a new buffer (readWindows).
 */
export const DEFAULT_READ_WINDOW = 896 * 1024;
/** Chunk sizes the reader accepts: 1 KiB .. 16 MiB (a bound so a forged header cannot ask for 4 GiB of memory). */
export const MIN_CHUNK_SIZE = 1024;
export const MAX_CHUNK_SIZE = 16 * 1024 * 1024;
const MAX_CHUNKS = 0xffffffff;

export interface EnvelopeHeader {
  chunkSize: number;
  noncePrefix: Uint8Array<ArrayBuffer>;
}

/** The object is not in this format, or was changed: which check failed, in plain words. */
export class EnvelopeIntegrityError extends Error {
  constructor(
    message: string,
    readonly chunkIndex?: number,
  ) {
    super(message);
    this.name = 'EnvelopeIntegrityError';
  }
}

export function newHeader(randomBytes: (n: number) => Uint8Array<ArrayBuffer>, chunkSize = DEFAULT_CHUNK_SIZE): EnvelopeHeader {
  if (!Number.isInteger(chunkSize) || chunkSize < MIN_CHUNK_SIZE || chunkSize > MAX_CHUNK_SIZE) {
    throw new RangeError(`Chunk size must be a whole number of bytes from ${MIN_CHUNK_SIZE} to ${MAX_CHUNK_SIZE}.`);
  }
  return { chunkSize, noncePrefix: randomBytes(8) };
}

export function encodeHeader(h: EnvelopeHeader): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(HEADER_BYTES);
  out.set(MAGIC, 0);
  out[4] = FORMAT_VERSION;
  new DataView(out.buffer).setUint32(5, h.chunkSize);
  out.set(h.noncePrefix, 9);
  return out;
}

export function decodeHeader(bytes: Uint8Array): EnvelopeHeader {
  if (bytes.length < HEADER_BYTES) throw new EnvelopeIntegrityError('The object is shorter than the envelope header: it is truncated or not an envelope.');
  if (MAGIC.some((b, i) => bytes[i] !== b)) throw new EnvelopeIntegrityError('The object does not start with the envelope marker "KSLE".');
  if (bytes[4] !== FORMAT_VERSION) throw new EnvelopeIntegrityError(`Envelope format version ${bytes[4]} is not one this lab reads (it reads ${FORMAT_VERSION}).`);
  const chunkSize = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(5);
  if (chunkSize < MIN_CHUNK_SIZE || chunkSize > MAX_CHUNK_SIZE) {
    throw new EnvelopeIntegrityError(`The header names a chunk size of ${chunkSize} bytes, outside ${MIN_CHUNK_SIZE}..${MAX_CHUNK_SIZE}.`);
  }
  return { chunkSize, noncePrefix: bytes.slice(9, 17) };
}

export function chunkIv(h: EnvelopeHeader, index: number): Uint8Array<ArrayBuffer> {
  const iv = new Uint8Array(IV_BYTES);
  iv.set(h.noncePrefix, 0);
  new DataView(iv.buffer).setUint32(8, index);
  return iv;
}

export function chunkAad(headerBytes: Uint8Array, index: number, final: boolean): Uint8Array<ArrayBuffer> {
  const aad = new Uint8Array(HEADER_BYTES + 5);
  aad.set(headerBytes.subarray(0, HEADER_BYTES), 0);
  new DataView(aad.buffer).setUint32(HEADER_BYTES, index);
  aad[HEADER_BYTES + 4] = final ? 1 : 0;
  return aad;
}

/** Plaintext bytes -> stored bytes (header + one tag per chunk). */
export function encryptedSize(plaintextBytes: number, chunkSize: number): number {
  const chunks = Math.max(1, Math.ceil(plaintextBytes / chunkSize));
  return HEADER_BYTES + plaintextBytes + chunks * TAG_BYTES;
}

/** Imports the plaintext data key into WebCrypto (non-extractable) and zeroes the caller's buffer. */
export async function importDataKey(
  subtle: SubtleCrypto,
  dataKey: Uint8Array,
  usages: KeyUsage[],
): Promise<CryptoKey> {
  try {
    if (dataKey.length !== 32) throw new RangeError('The envelope format takes a 256-bit (32-byte) data key.');
    return await subtle.importKey('raw', dataKey as Uint8Array<ArrayBuffer>, 'AES-GCM', false, usages);
  } finally {
    dataKey.fill(0);
  }
}

/** A source the encryptor reads: a File or Blob (sliced, so only a window is in memory), or plain bytes. */
export type PlainSource = Blob | Uint8Array;

export interface StreamOptions {
  subtle?: SubtleCrypto;
  signal?: AbortSignal;
  /** Called after each chunk with the plaintext bytes done so far. */
  onProgress?: (doneBytes: number, totalBytes: number) => void;
  /** Chunks encrypted at once (WebCrypto works on its own threads; a few in flight hide its latency). */
  inFlight?: number;
  /** Bytes read from a Blob per slice (a multiple of the chunk size is used). */
  readWindow?: number;
  /** Windows being read at once where a Blob is read in slices (readWindows). */
  readAhead?: number;
}

function checkAbort(signal?: AbortSignal): void {
  if (signal?.aborted) throw signal.reason instanceof Error ? signal.reason : new DOMException('The operation was cancelled.', 'AbortError');
}

/**
 * The source in windows of `windowBytes` (the last may be shorter; an empty source gives none), in order.
 * A window is only valid until the next one is asked for: the reader may read into the same memory again.
 *
 * A Blob is read through its byte stream into one buffer that is reused window after window (a BYOB
 * reader). On the machines the lab was measured on, touching fresh memory costs more than encrypting
 * it: reading a 256 MiB file as 1 MiB slices (`slice().arrayBuffer()`, a new buffer each) took about
 * 1.3 s of the worker's CPU and 1.5 s of the browser process's, against 0.06 s and 0.3 s through one
 * reused buffer (docs/envelope.md, "Where the time goes"). Where a browser's Blob stream is not a byte
 * stream, the Blob is read as slices instead, `readAhead` at once.
 */
export async function* readWindows(source: PlainSource, windowBytes: number, readAhead = 2): AsyncGenerator<Uint8Array<ArrayBuffer>> {
  const total = source instanceof Uint8Array ? source.length : source.size;
  if (source instanceof Uint8Array) {
    for (let o = 0; o < total; o += windowBytes) yield source.subarray(o, Math.min(total, o + windowBytes)) as Uint8Array<ArrayBuffer>;
    return;
  }
  let reader: ReadableStreamBYOBReader | undefined;
  try {
    reader = source.stream().getReader({ mode: 'byob' });
  } catch {
    reader = undefined; // not a byte stream here: slices below
  }
  if (reader) {
    const byob = reader;
    let buf = new ArrayBuffer(Math.min(windowBytes, Math.max(total, 1)));
    let seen = 0;
    try {
      for (;;) {
        let filled = 0;
        let ended = false;
        while (filled < buf.byteLength) {
          const { done, value } = await byob.read(new Uint8Array(buf, filled, buf.byteLength - filled));
          // The buffer was handed to the stream and comes back in `value` (same memory, a new ArrayBuffer object).
          if (value) buf = value.buffer as ArrayBuffer;
          if (done) {
            ended = true;
            break;
          }
          filled += value.length;
        }
        seen += filled;
        // The chunk count and the final flag were fixed from the size: a file that changed while it was
        // read must not be sealed with the wrong final chunk.
        if (seen > total || (ended && seen !== total)) throw new Error(`The file changed while it was read: ${seen} bytes read, ${total} expected.`);
        if (filled > 0) yield new Uint8Array(buf, 0, filled);
        if (ended) return;
      }
    } finally {
      // Stopped early: the stream is cancelled (its file handle let go); at the end this is a no-op.
      await byob.cancel().catch(() => undefined);
      byob.releaseLock();
    }
  }
  const reads: Promise<Uint8Array<ArrayBuffer>>[] = [];
  let next = 0;
  const fill = () => {
    while (reads.length < readAhead && next < total) {
      const end = Math.min(total, next + windowBytes);
      reads.push(source.slice(next, end).arrayBuffer().then((b) => new Uint8Array(b)));
      next = end;
    }
  };
  try {
    while (next < total || reads.length > 0) {
      fill();
      const window = await reads.shift()!;
      // The next windows are read while this one is encrypted: the browser reads the file on its own threads.
      fill();
      yield window;
    }
  } finally {
    // Stopped early: reads already started are let settle unobserved.
    for (const r of reads) r.catch(() => undefined);
  }
}

/**
 * Encrypts `source` and yields the stored object piece by piece: first the header, then one
 * encrypted chunk (ciphertext || tag) per yield, in order. Memory held: one read window (`readAhead`
 * where the file is read in slices) plus the chunks in flight.
 */
export async function* encryptChunks(
  key: CryptoKey,
  header: EnvelopeHeader,
  source: PlainSource,
  opts: StreamOptions = {},
): AsyncGenerator<Uint8Array<ArrayBuffer>> {
  const subtle = opts.subtle ?? globalThis.crypto.subtle;
  const headerBytes = encodeHeader(header);
  const { chunkSize } = header;
  const total = source instanceof Uint8Array ? source.length : source.size;
  const chunks = Math.max(1, Math.ceil(total / chunkSize));
  if (chunks > MAX_CHUNKS) throw new RangeError('The file needs more chunks than the format can number; use a larger chunk size.');
  const inFlight = Math.max(1, opts.inFlight ?? 4);
  const windowChunks = Math.max(1, Math.floor((opts.readWindow ?? DEFAULT_READ_WINDOW) / chunkSize));
  const readAhead = Math.max(1, opts.readAhead ?? 2);
  // A copy: what is yielded may be handed over (its buffer moved to the page on upload), and every
  // chunk's AAD is built from these header bytes afterwards.
  yield headerBytes.slice();

  const seal = (index: number, plain: Uint8Array<ArrayBuffer>) =>
    subtle
      .encrypt({ name: 'AES-GCM', iv: chunkIv(header, index), additionalData: chunkAad(headerBytes, index, index === chunks - 1) }, key, plain)
      .then((buf) => new Uint8Array(buf));

  let done = 0;
  const pending: Promise<Uint8Array<ArrayBuffer>>[] = [];
  const windows = readWindows(source, windowChunks * chunkSize, readAhead);
  let nextWindow: Promise<IteratorResult<Uint8Array<ArrayBuffer>>> | undefined = windows.next();
  try {
    let first = 0;
    for (;;) {
      checkAbort(opts.signal);
      const r: IteratorResult<Uint8Array<ArrayBuffer>> = await nextWindow;
      nextWindow = undefined;
      if (r.done) break;
      const window = r.value;
      const last = Math.min(chunks, first + windowChunks);
      // Every chunk of the window is handed to WebCrypto, which takes its own copy of its input when
      // called; so the next window is read (into the same buffer) while these are encrypted.
      for (let i = first; i < last; i++) {
        const off = (i - first) * chunkSize;
        pending.push(seal(i, window.subarray(off, Math.min(window.length, off + chunkSize))));
      }
      first = last;
      nextWindow = windows.next();
      while (pending.length >= inFlight) {
        const out = await pending.shift()!;
        done += out.length - TAG_BYTES;
        opts.onProgress?.(done, total);
        checkAbort(opts.signal);
        yield out;
      }
    }
    // An empty source gives no window, and still one (empty, final) chunk.
    if (first === 0) pending.push(seal(0, new Uint8Array(0)));
  } finally {
    // Stopped early (a cancel, a failure downstream): a read under way is let finish, the reader is
    // closed, and encryptions started are let settle unobserved.
    for (const p of pending) p.catch(() => undefined);
    await nextWindow?.catch(() => undefined);
    await windows.return(undefined);
  }
  while (pending.length > 0) {
    const out = await pending.shift()!;
    done += out.length - TAG_BYTES;
    opts.onProgress?.(done, total);
    yield out;
  }
}

/** Stored bytes, arriving in pieces of any size, re-cut into whole encrypted chunks. */
async function* storedChunks(
  source: AsyncIterable<Uint8Array>,
): AsyncGenerator<{ header: Uint8Array; headerInfo: EnvelopeHeader } | { chunk: Uint8Array<ArrayBuffer>; last: boolean }> {
  let buf = new Uint8Array(0);
  let headerInfo: EnvelopeHeader | undefined;
  let stored = 0;
  let held: Uint8Array<ArrayBuffer> | undefined;
  const take = (n: number): Uint8Array<ArrayBuffer> => {
    const out = buf.slice(0, n);
    buf = buf.subarray(n);
    return out;
  };
  for await (const piece of source) {
    if (piece.length === 0) continue;
    const merged = new Uint8Array(buf.length + piece.length);
    merged.set(buf, 0);
    merged.set(piece, buf.length);
    buf = merged;
    if (!headerInfo) {
      if (buf.length < HEADER_BYTES) continue;
      const header = take(HEADER_BYTES);
      headerInfo = decodeHeader(header);
      stored = headerInfo.chunkSize + TAG_BYTES;
      yield { header, headerInfo };
    }
    while (buf.length >= stored) {
      if (held) yield { chunk: held, last: false };
      held = take(stored);
    }
  }
  if (!headerInfo) throw new EnvelopeIntegrityError('The object is shorter than the envelope header: it is truncated or not an envelope.');
  if (buf.length > 0) {
    if (held) yield { chunk: held, last: false };
    if (buf.length < TAG_BYTES) throw new EnvelopeIntegrityError('The last chunk is shorter than its tag: the object was cut.');
    yield { chunk: buf.slice(), last: true };
  } else if (held) {
    yield { chunk: held, last: true };
  } else {
    throw new EnvelopeIntegrityError('The object has a header but no chunk: it was cut after the header.');
  }
}

/**
 * Checks and decrypts a stored object, yielding plaintext chunk by chunk. Throws
 * EnvelopeIntegrityError naming the first chunk that fails (changed, moved, dropped, or the object cut).
 */
export async function* decryptChunks(
  key: CryptoKey,
  source: AsyncIterable<Uint8Array>,
  opts: Pick<StreamOptions, 'subtle' | 'signal'> = {},
): AsyncGenerator<Uint8Array<ArrayBuffer>> {
  const subtle = opts.subtle ?? globalThis.crypto.subtle;
  let header: Uint8Array | undefined;
  let info: EnvelopeHeader | undefined;
  let index = 0;
  for await (const item of storedChunks(source)) {
    checkAbort(opts.signal);
    if ('header' in item) {
      header = item.header;
      info = item.headerInfo;
      continue;
    }
    if (!header || !info) throw new EnvelopeIntegrityError('The envelope header is missing.');
    if (item.chunk.length - TAG_BYTES > info.chunkSize) throw new EnvelopeIntegrityError('A chunk is longer than the header allows.', index);
    let plain: ArrayBuffer;
    try {
      plain = await subtle.decrypt(
        { name: 'AES-GCM', iv: chunkIv(info, index), additionalData: chunkAad(header, index, item.last) },
        key,
        item.chunk,
      );
    } catch {
      throw new EnvelopeIntegrityError(
        item.last
          ? `Chunk ${index} failed its check as the last chunk: the object was cut short, reordered, or changed.`
          : `Chunk ${index} failed its check: it was changed, moved from another position, or sealed under another key.`,
        index,
      );
    }
    index++;
    yield new Uint8Array(plain);
  }
}

/** Reads a Blob (or a ReadableStream) as an async iterable of byte pieces, `window` bytes at a time for a Blob. */
export async function* readPieces(source: Blob | ReadableStream<Uint8Array>, window = 4 * 1024 * 1024): AsyncGenerator<Uint8Array> {
  if (source instanceof Blob) {
    for (let off = 0; off < source.size; off += window) {
      yield new Uint8Array(await source.slice(off, Math.min(source.size, off + window)).arrayBuffer());
    }
    return;
  }
  const reader = source.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    reader.releaseLock();
  }
}
