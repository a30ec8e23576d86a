/** The two lowercase hex digits of each byte value (a table: toString(16) and padStart per byte cost 5x more). */
export const HEX_BYTE: readonly string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
const HEX_CODE = Array.from('0123456789abcdef', (c) => c.charCodeAt(0));
/** Character codes of short hex strings, written then turned into one flat string (no chain of 2-character pieces). */
const hexCodes = new Uint16Array(128);

export function toHex(b: Uint8Array): string {
  if (b.length <= 64) {
    for (let i = 0; i < b.length; i++) {
      hexCodes[2 * i] = HEX_CODE[b[i]! >> 4]!;
      hexCodes[2 * i + 1] = HEX_CODE[b[i]! & 15]!;
    }
    const out = String.fromCharCode.apply(null, hexCodes.subarray(0, 2 * b.length) as unknown as number[]);
    // Nothing of the bytes stays behind in the scratch buffer (some are secrets' digests).
    hexCodes.fill(0, 0, 2 * b.length);
    return out;
  }
  let s = '';
  for (let i = 0; i < b.length; i++) s += HEX_BYTE[b[i]!]!;
  return s;
}

export function fromHex(h: string): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(h.length >> 1);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(h.slice(i * 2, i * 2 + 2), 16);
  return out;
}

const enc = new TextEncoder();
const dec = new TextDecoder();
export const utf8 = (s: string): Uint8Array<ArrayBuffer> => enc.encode(s) as Uint8Array<ArrayBuffer>;
export const fromUtf8 = (b: Uint8Array): string => dec.decode(b);

interface BufferLike {
  from(data: ArrayBufferLike, byteOffset: number, length: number): { toString(enc: 'base64'): string };
  from(data: string, enc: 'base64'): Uint8Array;
}
/** Node's Buffer when the sandbox runs in Node (several times faster than btoa/atob there); feature-detected, not imported. */
const NodeBuffer = (globalThis as { Buffer?: BufferLike }).Buffer;

/** Base64 of bytes (Buffer where there is one, btoa in the browser). */
export function toBase64(b: Uint8Array): string {
  if (NodeBuffer) return NodeBuffer.from(b.buffer, b.byteOffset, b.byteLength).toString('base64');
  let s = '';
  const CH = 0x8000;
  for (let i = 0; i < b.length; i += CH) s += String.fromCharCode(...b.subarray(i, i + CH));
  return btoa(s);
}

const BASE64_RE = /^[A-Za-z0-9+/]*={0,2}$/;

/** Strict base64 decoding; returns undefined for text that is not base64. */
export function fromBase64(s: string): Uint8Array<ArrayBuffer> | undefined {
  if (s.length % 4 === 1 || !BASE64_RE.test(s)) return undefined;
  // Padding is only valid on a whole number of quanta (atob's rule; Buffer alone would be lenient).
  if (s.length % 4 !== 0 && s.endsWith('=')) return undefined;
  if (NodeBuffer) {
    const buf = NodeBuffer.from(s, 'base64');
    // A fresh copy: Buffer may hand out a view into its shared pool.
    return new Uint8Array(buf) as Uint8Array<ArrayBuffer>;
  }
  try {
    const bin = atob(s);
    const out = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out;
  } catch {
    return undefined;
  }
}

export function concatBytes(...parts: Uint8Array[]): Uint8Array<ArrayBuffer> {
  const total = parts.reduce((n, p) => n + p.length, 0);
  const out = new Uint8Array(total);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/** Constant-time comparison for MACs and tags. */
export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let d = 0;
  for (let i = 0; i < a.length; i++) d |= a[i]! ^ b[i]!;
  return d === 0;
}

/** Zero a plaintext key buffer after use (the brief: no plaintext key buffers left behind). */
export function wipe(...bufs: (Uint8Array | undefined)[]): void {
  for (const b of bufs) b?.fill(0);
}

/** The pieces of a blob body (BlobBody in context.ts) as a list, and their total length. */
export function bodyPieces(body: Uint8Array | readonly Uint8Array[]): { pieces: readonly Uint8Array[]; length: number } {
  const pieces = body instanceof Uint8Array ? [body] : body;
  return { pieces, length: pieces.reduce((n, p) => n + p.byteLength, 0) };
}

/** A blob body as one buffer: the buffer itself when it is one piece, else the pieces joined (one copy). */
export function joinBody(body: Uint8Array | readonly Uint8Array[]): Uint8Array {
  if (body instanceof Uint8Array) return body;
  return body.length === 1 ? body[0]! : concatBytes(...body);
}
