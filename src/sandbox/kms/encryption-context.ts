import { ServiceError } from '../protocol/service-error';
import { utf8 } from '../shared/bytes';

export type EncryptionContext = Record<string, string>;

/**
 * Reads an EncryptionContext member: absent -> {}; anything but a map of strings is refused
 * (the SDK types forbid it; the CLI, boto3 and hand-made requests can still send it).
 */
export function readEncryptionContext(value: unknown, member: string): EncryptionContext {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new ServiceError('SerializationException', `Start of structure or map found where not expected in ${member}.`);
  }
  const entries = Object.entries(value as Record<string, unknown>);
  for (const [, v] of entries) {
    if (typeof v !== 'string') throw new ServiceError('SerializationException', `STRING_VALUE can not be converted to a String in ${member}.`);
  }
  // fromEntries defines own properties, so a context key such as "__proto__" is kept, not swallowed
  // by the prototype setter (which would make {"__proto__": "x"} equal to {}).
  return Object.fromEntries(entries) as EncryptionContext;
}

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}

/**
 * The canonical form authenticated as AAD (docs/ciphertext-blob.md): the pairs sorted by the
 * UTF-8 bytes of their keys, then `count (u32 BE)` and for each pair `keyLen (u32 BE) key
 * valueLen (u32 BE) value`. Length prefixes make it unambiguous; sorting makes it
 * order-insensitive; bytes are compared exactly, so it is case-sensitive. No context and {}
 * encode alike (00 00 00 00), as AWS treats them alike.
 */
export function canonicalContext(ctx: EncryptionContext): Uint8Array<ArrayBuffer> {
  const pairs = Object.entries(ctx).map(([k, v]) => [utf8(k), utf8(v)] as const);
  if (pairs.length > 1) pairs.sort((a, b) => compareBytes(a[0], b[0]));
  let total = 4;
  for (const [k, v] of pairs) total += 8 + k.length + v.length;
  const out = new Uint8Array(total);
  const dv = new DataView(out.buffer);
  dv.setUint32(0, pairs.length);
  let o = 4;
  for (const [k, v] of pairs) {
    dv.setUint32(o, k.length);
    out.set(k, o + 4);
    o += 4 + k.length;
    dv.setUint32(o, v.length);
    out.set(v, o + 4);
    o += 4 + v.length;
  }
  return out;
}

/** Condition keys a key policy can test (kms:EncryptionContext:<key>, kms:EncryptionContextKeys). */
export function contextConditions(ctx: EncryptionContext): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  const keys = Object.keys(ctx);
  for (const k of keys) out[`kms:EncryptionContext:${k}`] = ctx[k]!;
  if (keys.length) out['kms:EncryptionContextKeys'] = keys;
  return out;
}

export const isEmptyContext = (ctx: EncryptionContext): boolean => Object.keys(ctx).length === 0;
