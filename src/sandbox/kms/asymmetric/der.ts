/**
 * Just enough DER for what KMS cryptography needs: CMS EncryptedData around ciphertext blobs,
 * PKCS#8 / SPKI for secp256k1 (WebCrypto has no such curve), and ECDSA (r, s) signatures.
 */

/** DER length octets: short form below 128, long form (0x81.., 0x82..) above. */
export function derLength(n: number): Uint8Array<ArrayBuffer> {
  if (n < 0x80) return Uint8Array.of(n);
  if (n < 0x100) return Uint8Array.of(0x81, n);
  if (n < 0x10000) return Uint8Array.of(0x82, n >> 8, n & 0xff);
  return Uint8Array.of(0x83, n >> 16, (n >> 8) & 0xff, n & 0xff);
}

/** Size of the length octets for a content of n bytes. */
export const derLengthSize = (n: number): number => (n < 0x80 ? 1 : n < 0x100 ? 2 : n < 0x10000 ? 3 : 4);

export function tlv(tag: number, ...content: Uint8Array[]): Uint8Array<ArrayBuffer> {
  const len = content.reduce((n, c) => n + c.length, 0);
  const l = derLength(len);
  const out = new Uint8Array(1 + l.length + len);
  out[0] = tag;
  out.set(l, 1);
  let o = 1 + l.length;
  for (const c of content) {
    out.set(c, o);
    o += c.length;
  }
  return out;
}

export const seq = (...c: Uint8Array[]) => tlv(0x30, ...c);
export const octets = (b: Uint8Array) => tlv(0x04, b);
export const bitString = (b: Uint8Array) => tlv(0x03, Uint8Array.of(0), b);

/** OID from dotted text. */
export function oid(dotted: string): Uint8Array<ArrayBuffer> {
  const parts = dotted.split('.').map(Number);
  const body: number[] = [parts[0]! * 40 + parts[1]!];
  for (const p of parts.slice(2)) {
    const stack = [p & 0x7f];
    let v = Math.floor(p / 128);
    while (v > 0) {
      stack.unshift((v & 0x7f) | 0x80);
      v = Math.floor(v / 128);
    }
    body.push(...stack);
  }
  return tlv(0x06, Uint8Array.from(body));
}

/** A DER INTEGER from unsigned big-endian bytes (adds the sign octet, strips leading zeros). */
export function uintBytes(b: Uint8Array): Uint8Array<ArrayBuffer> {
  let i = 0;
  while (i < b.length - 1 && b[i] === 0) i++;
  const v = b.subarray(i);
  return v[0]! & 0x80 ? tlv(0x02, Uint8Array.of(0), v) : tlv(0x02, v);
}

export const smallInt = (n: number) => tlv(0x02, Uint8Array.of(n));

export interface DerNode {
  tag: number;
  /** Offset of the content within the parsed buffer. */
  start: number;
  end: number;
}

/** Reads one TLV at `pos` (definite lengths only); undefined when malformed. */
export function readTlv(b: Uint8Array, pos: number, limit = b.length): DerNode | undefined {
  if (pos + 2 > limit) return undefined;
  const tag = b[pos]!;
  let len = b[pos + 1]!;
  let p = pos + 2;
  if (len & 0x80) {
    const n = len & 0x7f;
    if (n === 0 || n > 3 || p + n > limit) return undefined;
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + b[p + i]!;
    p += n;
  }
  if (p + len > limit) return undefined;
  return { tag, start: p, end: p + len };
}

/** ECDSA: raw r||s (IEEE P1363, what WebCrypto produces) -> DER SEQUENCE { r, s } (what KMS returns). */
export function ecdsaRawToDer(raw: Uint8Array): Uint8Array<ArrayBuffer> {
  const h = raw.length / 2;
  return seq(uintBytes(raw.subarray(0, h)), uintBytes(raw.subarray(h)));
}

/** ECDSA: DER -> raw r||s of 2 x `size` bytes; undefined when not a well-formed signature. */
export function ecdsaDerToRaw(der: Uint8Array, size: number): Uint8Array<ArrayBuffer> | undefined {
  const s = readTlv(der, 0);
  if (!s || s.tag !== 0x30 || s.end !== der.length) return undefined;
  const out = new Uint8Array(size * 2);
  let pos = s.start;
  for (let k = 0; k < 2; k++) {
    const n = readTlv(der, pos, s.end);
    if (!n || n.tag !== 0x02) return undefined;
    let v = der.subarray(n.start, n.end);
    while (v.length > 1 && v[0] === 0) v = v.subarray(1);
    if (v.length > size) return undefined;
    out.set(v, k * size + size - v.length);
    pos = n.end;
  }
  return pos === s.end ? out : undefined;
}

export const OID_EC_PUBLIC_KEY = '1.2.840.10045.2.1';
export const OID_SECP256K1 = '1.3.132.0.10';
