import { fromHex, toHex } from '../shared/bytes';
import { derLength, derLengthSize } from './asymmetric/der';

/**
 * The symmetric ciphertext blob (docs/ciphertext-blob.md). Same bytes, field sizes and CMS
 * envelope as the blobs real AWS KMS returns (kms-behavior.md §6), so a 32-byte data key
 * encrypts to 184 bytes as on AWS:
 *
 *   01 02 03 00 78 | material id (32) | kind (1) | key id (16) | cms length (u32 BE) | CMS EncryptedData
 *
 * Sandbox differs: AWS's 32-byte and 16-byte fields are opaque, key-specific identifiers. Here the
 * 32 bytes are the key material id (the 64 hex of KeyMaterialId) and the 16 bytes the key id (a
 * UUID's 16 bytes, or the 32 hex after `mrk-`; the kind byte says which: 01 UUID, 02 multi-Region).
 * AWS's GCM plaintext holds 11 bytes of its own before the data; the sandbox's 11 bytes are
 * version 01, the simulated time of encryption (u64 BE ms) and the plaintext length (u16 BE).
 */
export const BLOB_MAGIC = Uint8Array.of(0x01, 0x02, 0x03, 0x00, 0x78);
export const HEADER_SIZE = 58;
export const INNER_HEADER_SIZE = 11;
export const NONCE_SIZE = 12;
export const TAG_SIZE = 16;
export const KIND_UUID = 0x01;
export const KIND_MRK = 0x02;
/** KMS's CiphertextBlob limit (API model). */
export const MAX_BLOB_SIZE = 6144;

// DER constants of the CMS envelope: ContentInfo(encryptedData) [0] EncryptedData v0
// EncryptedContentInfo(data, aes256-GCM { nonce, ICVlen 16 }, [0] IMPLICIT content)
const OID_ENCRYPTED_DATA = [0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x06];
const OID_DATA = [0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x01];
// SEQUENCE { OID 2.16.840.1.101.3.4.1.46, SEQUENCE { OCTET STRING(12) nonce, INTEGER 16 } }
const ALG_PREFIX = [0x30, 0x1e, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x01, 0x2e, 0x30, 0x11, 0x04, 0x0c];
const ALG_SUFFIX = [0x02, 0x01, 0x10];
const ALG_SIZE = ALG_PREFIX.length + NONCE_SIZE + ALG_SUFFIX.length; // 32

const tlvSize = (n: number) => 1 + derLengthSize(n) + n;

interface CmsSizes {
  content: number; // the [0] IMPLICIT content octets (GCM ciphertext + tag)
  eci: number; // EncryptedContentInfo content
  ed: number; // EncryptedData content
  explicit: number; // [0] EXPLICIT content
  ci: number; // ContentInfo content
  total: number;
}

function cmsSizes(content: number): CmsSizes {
  const eci = OID_DATA.length + ALG_SIZE + tlvSize(content);
  const ed = 3 + tlvSize(eci);
  const explicit = tlvSize(ed);
  const ci = OID_ENCRYPTED_DATA.length + tlvSize(explicit);
  return { content, eci, ed, explicit, ci, total: tlvSize(ci) };
}

/** Bytes of the CMS envelope before the encrypted content, for a given content size and nonce. */
function cmsPrefix(s: CmsSizes, nonce: Uint8Array): number[] {
  const p: number[] = [0x30, ...derLength(s.ci), ...OID_ENCRYPTED_DATA, 0xa0, ...derLength(s.explicit)];
  p.push(0x30, ...derLength(s.ed), 0x02, 0x01, 0x00, 0x30, ...derLength(s.eci), ...OID_DATA, ...ALG_PREFIX);
  p.push(...nonce, ...ALG_SUFFIX, 0x80, ...derLength(s.content));
  return p;
}

/** Length of the whole blob for a plaintext of n bytes (n = 32 -> 184). */
export const blobSize = (plaintextLength: number): number =>
  HEADER_SIZE + cmsSizes(INNER_HEADER_SIZE + plaintextLength + TAG_SIZE).total;

/** Key id -> kind byte and 16 bytes. */
function keyIdBytes(keyId: string): [number, Uint8Array] {
  return keyId.startsWith('mrk-') ? [KIND_MRK, fromHex(keyId.slice(4))] : [KIND_UUID, fromHex(keyId.replaceAll('-', ''))];
}

function keyIdFromBytes(kind: number, b: Uint8Array): string | undefined {
  const h = toHex(b);
  if (kind === KIND_MRK) return `mrk-${h}`;
  if (kind === KIND_UUID) return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  return undefined;
}

/** The 58 header bytes (authenticated as part of the AAD) for a blob holding `plaintextLength` bytes. */
export function blobHeader(materialId: string, keyId: string, plaintextLength: number): Uint8Array<ArrayBuffer> {
  const h = new Uint8Array(HEADER_SIZE);
  h.set(BLOB_MAGIC, 0);
  h.set(fromHex(materialId), 5);
  const [kind, id] = keyIdBytes(keyId);
  h[37] = kind;
  h.set(id, 38);
  new DataView(h.buffer).setUint32(54, cmsSizes(INNER_HEADER_SIZE + plaintextLength + TAG_SIZE).total);
  return h;
}

/** The GCM plaintext: 11 sandbox bytes, then the caller's plaintext. */
export function innerPlaintext(plaintext: Uint8Array, now: number): Uint8Array<ArrayBuffer> {
  const inner = new Uint8Array(INNER_HEADER_SIZE + plaintext.length);
  const dv = new DataView(inner.buffer);
  inner[0] = 0x01;
  dv.setBigUint64(1, BigInt(Math.max(0, Math.floor(now))));
  dv.setUint16(9, plaintext.length);
  inner.set(plaintext, INNER_HEADER_SIZE);
  return inner;
}

/** The caller's plaintext inside a decrypted inner buffer, or undefined if the inner header is wrong. */
export function unwrapInner(inner: Uint8Array): Uint8Array | undefined {
  if (inner.length < INNER_HEADER_SIZE || inner[0] !== 0x01) return undefined;
  const len = (inner[9]! << 8) | inner[10]!;
  if (len !== inner.length - INNER_HEADER_SIZE) return undefined;
  return inner.subarray(INNER_HEADER_SIZE);
}

/** Header + CMS envelope around the GCM output (ciphertext || 16-byte tag). */
export function assembleBlob(header: Uint8Array, nonce: Uint8Array, sealed: Uint8Array): Uint8Array<ArrayBuffer> {
  const s = cmsSizes(sealed.length);
  const prefix = cmsPrefix(s, nonce);
  const out = new Uint8Array(HEADER_SIZE + s.total);
  out.set(header, 0);
  out.set(prefix, HEADER_SIZE);
  out.set(sealed, HEADER_SIZE + prefix.length);
  return out;
}

export interface ParsedBlob {
  /** The 58 header bytes (a view into the blob). */
  header: Uint8Array;
  materialId: string;
  keyId: string;
  nonce: Uint8Array;
  /** GCM ciphertext || tag (a view into the blob). */
  sealed: Uint8Array;
}

/**
 * Parses a blob strictly: every envelope byte must be exactly what the encoder writes, so a
 * flipped bit anywhere outside the nonce and the sealed bytes is caught here, and inside them by
 * the GCM tag. Undefined means "not a sandbox symmetric blob" (InvalidCiphertextException).
 */
export function parseBlob(blob: Uint8Array): ParsedBlob | undefined {
  if (blob.length < HEADER_SIZE + 2 || blob.length > MAX_BLOB_SIZE) return undefined;
  for (let i = 0; i < BLOB_MAGIC.length; i++) if (blob[i] !== BLOB_MAGIC[i]) return undefined;
  const keyId = keyIdFromBytes(blob[37]!, blob.subarray(38, 54));
  if (!keyId) return undefined;
  const cmsLen = new DataView(blob.buffer, blob.byteOffset, blob.byteLength).getUint32(54);
  if (HEADER_SIZE + cmsLen !== blob.length) return undefined;
  // The envelope costs 67..77 bytes; find the content size that gives exactly cmsLen.
  let sizes: CmsSizes | undefined;
  for (let c = Math.max(0, cmsLen - 80); c <= cmsLen; c++) {
    const s = cmsSizes(c);
    if (s.total === cmsLen) {
      sizes = s;
      break;
    }
    if (s.total > cmsLen) break;
  }
  if (!sizes || sizes.content < INNER_HEADER_SIZE + TAG_SIZE) return undefined;
  const prefixLen = cmsLen - sizes.content;
  const nonceAt = HEADER_SIZE + prefixLen - 1 - derLengthSize(sizes.content) - ALG_SUFFIX.length - NONCE_SIZE;
  const nonce = blob.subarray(nonceAt, nonceAt + NONCE_SIZE);
  const expected = cmsPrefix(sizes, nonce);
  if (expected.length !== prefixLen) return undefined;
  for (let i = 0; i < prefixLen; i++) if (blob[HEADER_SIZE + i] !== expected[i]) return undefined;
  return {
    header: blob.subarray(0, HEADER_SIZE),
    materialId: toHex(blob.subarray(5, 37)),
    keyId,
    nonce,
    sealed: blob.subarray(HEADER_SIZE + prefixLen),
  };
}
