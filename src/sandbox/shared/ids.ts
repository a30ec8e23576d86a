import { HEX_BYTE, toHex } from './bytes';

/** A random v4 UUID from the injected randomness (KMS key ids, request ids, event ids). */
export function uuidV4(randomBytes: (n: number) => Uint8Array): string {
  const b = randomBytes(16);
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  // Written byte by byte (several per call: request ids, event ids), not as one hex string sliced five times.
  const h = (i: number) => HEX_BYTE[b[i]!]!;
  return `${h(0)}${h(1)}${h(2)}${h(3)}-${h(4)}${h(5)}-${h(6)}${h(7)}-${h(8)}${h(9)}-${h(10)}${h(11)}${h(12)}${h(13)}${h(14)}${h(15)}`;
}

/** 64 lowercase hex characters (key material ids, grant ids). */
export function hex64(randomBytes: (n: number) => Uint8Array): string {
  return toHex(randomBytes(32));
}

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const MRK_RE = /^mrk-[0-9a-f]{32}$/;

/** A well-formed KMS key id: lowercase UUID, or mrk- + 32 hex (kms-behavior.md §2). */
export const isKeyIdShape = (s: string): boolean => UUID_RE.test(s) || MRK_RE.test(s);
