/**
 * Object bodies at rest, streamed both ways (docs/s3.md "At rest"). A body is cut into segments of
 * SEGMENT_BYTES of plaintext; each is sealed on its own (IV (12) || AES-256-GCM ciphertext || tag,
 * under every layer's key, innermost first) and stored as its own blob `<blobKey>.<index>`. The
 * segment's index and whether it is the last are bound in as AAD, so segments cannot be reordered,
 * dropped or cut off without the read failing. So a 1 GiB PutObject holds one segment in memory, and a
 * ranged GetObject reads and decrypts only the segments the range covers.
 *
 * Bodies written before this format (one blob, the whole body sealed at once, no AAD; their part has
 * no `segments`) are still read.
 */
import { ServiceError } from '../protocol/service-error';
import type { RequestContext } from '../shared/context';
import { concatBytes, utf8 } from '../shared/bytes';
import type { StoredPart } from './s3-models';
import { openPiece } from './s3-crypto';
import { rawAesGcmFor, type RawAesGcm } from '../shared/native-aes-gcm';

type Ctx = Pick<RequestContext, 'subtle' | 'randomBytes' | 'blobs'>;

/**
 * Plaintext bytes per sealed segment (a part records its own, so parts written with 1 MiB segments still
 * read). Below 960 KiB on purpose: Chromium's allocator maps larger buffers fresh from the OS each time,
 * and WebCrypto copies its input and allocates its output at the segment's size, so 1 MiB segments
 * sealed 2-3x slower per byte (docs/s3.md, "Encryption at rest").
 */
export const SEGMENT_BYTES = 896 * 1024;
const IV_LEN = 12;
const TAG_LEN = 16;

export const segmentKey = (blobKey: string, i: number) => `${blobKey}.${i}`;

/** Every blob a stored part occupies. */
export function partBlobKeys(p: StoredPart): string[] {
  if (p.segments === undefined) return [p.blobKey];
  return Array.from({ length: p.segments }, (_, i) => segmentKey(p.blobKey, i));
}

const aadOf = (i: number, last: boolean) => utf8(`s3-segment-v1:${i}:${last ? 1 : 0}`);

const internal = () => new ServiceError('InternalError', 'We encountered an internal error. Please try again.', 500);

function blobs(ctx: Ctx) {
  if (!ctx.blobs) throw internal();
  return ctx.blobs;
}

/**
 * A segment key: in Node, the data key's raw bytes sealed by node:crypto directly (no WebCrypto import
 * per object, which cost more than sealing a small object); in the page, a WebCrypto key. The raw bytes
 * are the caller's, zeroed by it once the body is written or read.
 */
type SegmentKey = { raw: Uint8Array; gcm: RawAesGcm } | { web: CryptoKey };

async function importKeys(ctx: Ctx, keys: Uint8Array[], usage: KeyUsage): Promise<SegmentKey[]> {
  return Promise.all(
    keys.map(async (k): Promise<SegmentKey> => {
      const gcm = rawAesGcmFor(ctx.subtle, k);
      if (gcm) return { raw: k, gcm };
      return { web: await ctx.subtle.importKey('raw', k as Uint8Array<ArrayBuffer>, 'AES-GCM', false, [usage]) };
    }),
  );
}

async function sealWith(ctx: Ctx, key: SegmentKey, iv: Uint8Array, aad: Uint8Array, data: Uint8Array): Promise<Uint8Array> {
  if ('raw' in key) return key.gcm.seal(key.raw, iv, aad, data);
  return new Uint8Array(await ctx.subtle.encrypt({ name: 'AES-GCM', iv: iv as Uint8Array<ArrayBuffer>, additionalData: aad as Uint8Array<ArrayBuffer> }, key.web, data as Uint8Array<ArrayBuffer>));
}

async function openWith(ctx: Ctx, key: SegmentKey, iv: Uint8Array, aad: Uint8Array, sealed: Uint8Array): Promise<Uint8Array> {
  if ('raw' in key) return key.gcm.open(key.raw, iv, aad, sealed);
  return new Uint8Array(await ctx.subtle.decrypt({ name: 'AES-GCM', iv: iv as Uint8Array<ArrayBuffer>, additionalData: aad as Uint8Array<ArrayBuffer> }, key.web, sealed as Uint8Array<ArrayBuffer>));
}

/**
 * Seals one segment under every layer's key, innermost first: each layer is IV || AES-256-GCM
 * ciphertext and tag of the layer inside it. The outermost layer comes back as its two pieces, IV and
 * WebCrypto's output, unjoined: the store keeps them side by side (BlobBody), so putting the IV in
 * front costs no copy of the segment. Inner layers (DSSE-KMS) are joined, since the next layer
 * encrypts them as one input.
 */
async function sealSegment(ctx: Ctx, keys: SegmentKey[], data: Uint8Array, i: number, last: boolean): Promise<[Uint8Array, Uint8Array]> {
  const aad = aadOf(i, last);
  let input = data;
  for (let k = keys.length - 1; ; k--) {
    const iv = ctx.randomBytes(IV_LEN);
    const ct = await sealWith(ctx, keys[k]!, iv, aad, input);
    if (k === 0) return [iv, ct];
    input = concatBytes(iv, ct);
  }
}

async function openSegment(ctx: Ctx, keys: SegmentKey[], sealed: Uint8Array, i: number, last: boolean): Promise<Uint8Array> {
  const aad = aadOf(i, last);
  let out = sealed;
  for (const k of keys) {
    if (out.length < IV_LEN + TAG_LEN) throw internal();
    out = await openWith(ctx, k, out.subarray(0, IV_LEN), aad, out.subarray(IV_LEN));
  }
  return out;
}

/** Something that sees every byte as it passes (MD5, checksums). */
export interface Tap {
  update(b: Uint8Array): unknown;
}

export interface WrittenPart {
  part: StoredPart;
  size: number;
}

/**
 * Sealed segments being written to the store at once: the next segment is sealed while they are
 * written. The IndexedDB store commits the writes waiting behind a running transaction together
 * (indexeddb-store.ts, groupCommit), so more in flight means fewer transactions for a large body;
 * 8 is about 7 MiB held, one batch's worth (BLOB_BATCH_BYTES).
 */
export const WRITES_IN_FLIGHT = 8;

/**
 * Reads `source` to its end, sealing and storing each full segment as it fills. `plain` sees the
 * plaintext, `stored` each sealed segment, in order. A failure mid-way leaves blobs the call's rollback
 * drops (store/lab.ts); every write started has ended before this returns or throws.
 *
 * Each byte is read once in place where it can be: a segment that lies inside one chunk of the source
 * (a body that arrived whole, as the browser's requests do) is sealed from a view of that chunk, with
 * no copy; only a segment spread over several chunks (a stream's small pieces) is gathered into one
 * buffer first. A chunk is never changed after the source yields it (every source here yields fresh
 * buffers), so a view of it can be held until its segment is sealed. The plaintext taps (MD5 for the
 * ETag, checksums) run while WebCrypto seals the same segment on its own thread (in the page; in Node
 * node:crypto seals it first, on this thread), and up to
 * WRITES_IN_FLIGHT sealed segments are written to the store while the next one is sealed.
 */
export async function writeSegments(
  ctx: Ctx,
  keys: Uint8Array[],
  blobKey: string,
  source: AsyncIterable<Uint8Array>,
  taps: { plain?: Tap[]; stored?: Tap[] } = {},
): Promise<WrittenPart> {
  const store = blobs(ctx);
  const cryptoKeys = await importKeys(ctx, keys, 'encrypt');
  // The gathering buffer grows with the body, up to SEGMENT_BYTES: a 1 KiB object does not allocate and
  // zero a whole segment (that was a PutObject's largest single cost).
  let buf = new Uint8Array(0);
  let fill = 0;
  let highWater = 0;
  const room = (need: number) => {
    if (need <= buf.length) return;
    const next = new Uint8Array(Math.min(SEGMENT_BYTES, Math.max(need, buf.length * 2, 4096)));
    next.set(buf.subarray(0, fill));
    buf.fill(0);
    buf = next;
  };
  let index = 0;
  let size = 0;
  const writing: Promise<void>[] = [];
  let failed: { error: unknown } | undefined;
  const write = async (key: string, sealed: [Uint8Array, Uint8Array]) => {
    const w = store.put(key, sealed).catch((error: unknown) => {
      failed ??= { error };
    });
    writing.push(w);
    if (writing.length > WRITES_IN_FLIGHT) await writing.shift();
    if (failed) throw failed.error;
  };
  /** Seals one whole segment (a view of a chunk, or the gathering buffer) and starts its write. */
  const flush = async (segment: Uint8Array, last: boolean) => {
    const sealing = sealSegment(ctx, cryptoKeys, segment, index, last);
    // The same bytes, read while WebCrypto encrypts them (it took its own copy when called).
    for (const t of taps.plain ?? []) t.update(segment);
    const sealed = await sealing;
    for (const t of taps.stored ?? []) for (const piece of sealed) t.update(piece);
    await write(segmentKey(blobKey, index), sealed);
    index++;
  };
  /** A whole segment not sealed yet: whether it is the last is known only when more data arrives or none does. */
  let held: Uint8Array | undefined;
  try {
    for await (const chunk of source) {
      size += chunk.length;
      let o = 0;
      while (o < chunk.length) {
        if (held) {
          await flush(held, false);
          // A segment gathered in the buffer is sealed now (WebCrypto is done with it): the buffer is free again.
          if (held.buffer === buf.buffer) fill = 0;
          held = undefined;
        }
        if (fill === 0 && chunk.length - o >= SEGMENT_BYTES) {
          held = chunk.subarray(o, o + SEGMENT_BYTES);
          o += SEGMENT_BYTES;
          continue;
        }
        const n = Math.min(SEGMENT_BYTES - fill, chunk.length - o);
        room(fill + n);
        buf.set(chunk.subarray(o, o + n), fill);
        fill += n;
        if (fill > highWater) highWater = fill;
        o += n;
        if (fill === SEGMENT_BYTES) held = buf.subarray(0, fill);
      }
    }
    await flush(held ?? buf.subarray(0, fill), true);
  } finally {
    await Promise.all(writing);
    buf.fill(0, 0, highWater);
  }
  if (failed) throw failed.error;
  return { part: { blobKey, size, segments: index, segmentBytes: SEGMENT_BYTES }, size };
}

/**
 * The plaintext of a stored body, from `start` to `end` inclusive (the whole body by default), read
 * and decrypted one segment at a time. `keys` are the body's data keys (outermost first): they are
 * zeroed when the stream ends, fails or is cancelled.
 */
export async function* readSegments(
  ctx: Ctx,
  keys: Uint8Array[],
  parts: StoredPart[],
  range?: { start: number; end: number },
): AsyncGenerator<Uint8Array> {
  const store = blobs(ctx);
  try {
    const cryptoKeys = await importKeys(ctx, keys, 'decrypt');
    const total = parts.reduce((n, p) => n + p.size, 0);
    const start = range?.start ?? 0;
    const end = range?.end ?? total - 1;
    let base = 0;
    for (const p of parts) {
      const pStart = base;
      base += p.size;
      if (pStart + p.size <= start || pStart > end) continue;
      if (p.segments === undefined) {
        // The earlier format: the whole part sealed at once.
        const sealed = await store.get(p.blobKey);
        if (!sealed) throw internal();
        const pt = await openPiece(ctx as RequestContext, keys, sealed);
        yield pt.subarray(Math.max(0, start - pStart), Math.min(p.size, end - pStart + 1));
        continue;
      }
      const seg = p.segmentBytes ?? SEGMENT_BYTES;
      const first = Math.floor(Math.max(0, start - pStart) / seg);
      const last = Math.min(p.segments - 1, Math.floor((Math.min(end, pStart + p.size - 1) - pStart) / seg));
      for (let i = first; i <= last; i++) {
        const sealed = await store.get(segmentKey(p.blobKey, i));
        if (!sealed) throw internal();
        const pt = await openSegment(ctx, cryptoKeys, sealed, i, i === p.segments - 1);
        const segStart = pStart + i * seg;
        const from = Math.max(0, start - segStart);
        const to = Math.min(pt.length, end - segStart + 1);
        if (to > from) yield pt.subarray(from, to);
      }
    }
  } finally {
    for (const k of keys) k.fill(0);
  }
}
