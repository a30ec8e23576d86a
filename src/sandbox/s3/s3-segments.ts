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
import { utf8 } from '../shared/bytes';
import type { StoredPart } from './s3-models';
import { openPiece } from './s3-crypto';

type Ctx = Pick<RequestContext, 'subtle' | 'randomBytes' | 'blobs'>;

/** Plaintext bytes per sealed segment. */
export const SEGMENT_BYTES = 1024 * 1024;
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

async function importKeys(ctx: Ctx, keys: Uint8Array[], usage: KeyUsage): Promise<CryptoKey[]> {
  return Promise.all(keys.map((k) => ctx.subtle.importKey('raw', k as Uint8Array<ArrayBuffer>, 'AES-GCM', false, [usage])));
}

async function sealSegment(ctx: Ctx, keys: CryptoKey[], data: Uint8Array, i: number, last: boolean): Promise<Uint8Array> {
  const aad = aadOf(i, last);
  let out = data;
  for (let k = keys.length - 1; k >= 0; k--) {
    const iv = ctx.randomBytes(IV_LEN);
    const ct = new Uint8Array(await ctx.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: aad }, keys[k]!, out as Uint8Array<ArrayBuffer>));
    const sealed = new Uint8Array(IV_LEN + ct.length);
    sealed.set(iv);
    sealed.set(ct, IV_LEN);
    out = sealed;
  }
  return out;
}

async function openSegment(ctx: Ctx, keys: CryptoKey[], sealed: Uint8Array, i: number, last: boolean): Promise<Uint8Array> {
  const aad = aadOf(i, last);
  let out = sealed;
  for (const k of keys) {
    if (out.length < IV_LEN + TAG_LEN) throw internal();
    const pt = await ctx.subtle.decrypt(
      { name: 'AES-GCM', iv: out.subarray(0, IV_LEN) as Uint8Array<ArrayBuffer>, additionalData: aad },
      k,
      out.subarray(IV_LEN) as Uint8Array<ArrayBuffer>,
    );
    out = new Uint8Array(pt);
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
 * Reads `source` to its end, sealing and storing each full segment as it fills (one segment of
 * plaintext is held at a time). `plain` sees the plaintext, `stored` each sealed segment, in order.
 * A failure mid-way leaves blobs the call's rollback drops (store/lab.ts).
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
  // The segment buffer grows with the body, up to SEGMENT_BYTES: a 1 KiB object does not allocate and
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
  const flush = async (last: boolean) => {
    const sealed = await sealSegment(ctx, cryptoKeys, buf.subarray(0, fill), index, last);
    for (const t of taps.stored ?? []) t.update(sealed);
    await store.put(segmentKey(blobKey, index), sealed);
    index++;
    fill = 0;
  };
  try {
    for await (const chunk of source) {
      for (const t of taps.plain ?? []) t.update(chunk);
      size += chunk.length;
      let o = 0;
      while (o < chunk.length) {
        // A full segment is sealed only once more data arrives: the last one is marked as last.
        if (fill === SEGMENT_BYTES) await flush(false);
        const n = Math.min(SEGMENT_BYTES - fill, chunk.length - o);
        room(fill + n);
        buf.set(chunk.subarray(o, o + n), fill);
        fill += n;
        if (fill > highWater) highWater = fill;
        o += n;
      }
    }
    await flush(true);
  } finally {
    buf.fill(0, 0, highWater);
  }
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
