import { toHex } from './bytes';

/** A random v4 UUID from the injected randomness (KMS key ids, request ids, event ids). */
export function uuidV4(randomBytes: (n: number) => Uint8Array): string {
  const b = randomBytes(16);
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  // One hex string cut once into its groups by the dashes (several per call: request ids, event ids).
  const h = toHex(b);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** 64 lowercase hex characters (key material ids, grant ids). */
export function hex64(randomBytes: (n: number) => Uint8Array): string {
  return toHex(randomBytes(32));
}

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const MRK_RE = /^mrk-[0-9a-f]{32}$/;

/** A well-formed KMS key id: lowercase UUID, or mrk- + 32 hex (kms-behavior.md §2). */
export const isKeyIdShape = (s: string): boolean => UUID_RE.test(s) || MRK_RE.test(s);
