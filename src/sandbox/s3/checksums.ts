/**
 * S3's flexible checksums (x-amz-checksum-*): CRC32, CRC32C, CRC64NVME, SHA-1 and SHA-256, each
 * the base64 of its big-endian bytes as S3 sends them. The CRCs are small table-driven
 * implementations (the SDK computes the same values on its side, which the tests compare).
 */
import { sha1 } from '@noble/hashes/legacy.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { toBase64 } from '../shared/bytes';

export const CHECKSUM_ALGORITHMS = ['CRC32', 'CRC32C', 'CRC64NVME', 'SHA1', 'SHA256'] as const;
export type ChecksumAlgorithm = (typeof CHECKSUM_ALGORITHMS)[number];

export const isChecksumAlgorithm = (s: string): s is ChecksumAlgorithm =>
  (CHECKSUM_ALGORITHMS as readonly string[]).includes(s);

/** The header that carries each algorithm's value. */
export const checksumHeader = (a: ChecksumAlgorithm): string => `x-amz-checksum-${a.toLowerCase()}`;
/** The SDK member that carries each algorithm's value (ChecksumCRC32, ...). */
export const checksumMember = (a: ChecksumAlgorithm): string => `Checksum${a}`;

function crc32Table(poly: number): Uint32Array {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ poly : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
}

let T32: Uint32Array | undefined;
let T32C: Uint32Array | undefined;

/** A running CRC-32 (reflected polynomial 0xEDB88320, or 0x82F63B78 for CRC-32C). */
class Crc32 {
  private crc = 0xffffffff;
  constructor(private readonly table: Uint32Array) {}
  update(b: Uint8Array): void {
    let c = this.crc;
    const t = this.table;
    for (let i = 0; i < b.length; i++) c = t[(c ^ b[i]!) & 0xff]! ^ (c >>> 8);
    this.crc = c;
  }
  digest(): Uint8Array {
    const v = (this.crc ^ 0xffffffff) >>> 0;
    return new Uint8Array([v >>> 24, (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff]);
  }
}

let T64: { hi: Uint32Array; lo: Uint32Array } | undefined;
function crc64Table() {
  if (T64) return T64;
  // Reflected CRC-64/NVME polynomial 0x9A6C9329AC4BC9B5, in two 32-bit halves.
  const PH = 0x9a6c9329;
  const PL = 0xac4bc9b5;
  const hi = new Uint32Array(256);
  const lo = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let h = 0;
    let l = n;
    for (let k = 0; k < 8; k++) {
      const bit = l & 1;
      l = ((l >>> 1) | ((h & 1) << 31)) >>> 0;
      h = h >>> 1;
      if (bit) {
        h = (h ^ PH) >>> 0;
        l = (l ^ PL) >>> 0;
      }
    }
    hi[n] = h;
    lo[n] = l;
  }
  T64 = { hi, lo };
  return T64;
}

class Crc64Nvme {
  private h = 0xffffffff;
  private l = 0xffffffff;
  update(b: Uint8Array): void {
    const { hi, lo } = crc64Table();
    let h = this.h;
    let l = this.l;
    for (let i = 0; i < b.length; i++) {
      const idx = (l ^ b[i]!) & 0xff;
      l = (((l >>> 8) | (h << 24)) ^ lo[idx]!) >>> 0;
      h = ((h >>> 8) ^ hi[idx]!) >>> 0;
    }
    this.h = h;
    this.l = l;
  }
  digest(): Uint8Array {
    const h = (this.h ^ 0xffffffff) >>> 0;
    const l = (this.l ^ 0xffffffff) >>> 0;
    const out = new Uint8Array(8);
    new DataView(out.buffer).setUint32(0, h);
    new DataView(out.buffer).setUint32(4, l);
    return out;
  }
}

/** A running checksum over a body as it streams. */
export interface RunningChecksum {
  update(b: Uint8Array): void;
  /** base64 of the digest, as S3 writes it. */
  digest(): Promise<string>;
}

export function newChecksum(a: ChecksumAlgorithm, _subtle?: SubtleCrypto): RunningChecksum {
  // Methods, not arrows in properties: tsx's keepNames would name each with a defineProperty per body.
  if (a === 'CRC32' || a === 'CRC32C') {
    const c = new Crc32(a === 'CRC32' ? (T32 ??= crc32Table(0xedb88320)) : (T32C ??= crc32Table(0x82f63b78)));
    return {
      update(b) {
        c.update(b);
      },
      async digest() {
        return toBase64(c.digest());
      },
    };
  }
  if (a === 'CRC64NVME') {
    const c = new Crc64Nvme();
    return {
      update(b) {
        c.update(b);
      },
      async digest() {
        return toBase64(c.digest());
      },
    };
  }
  // Incremental (a streamed body is never gathered whole): noble's SHA-1 / SHA-256.
  const h = a === 'SHA1' ? sha1.create() : sha256.create();
  return {
    update(b) {
      h.update(b);
    },
    async digest() {
      return toBase64(h.digest());
    },
  };
}

export async function checksumOf(a: ChecksumAlgorithm, data: Uint8Array, subtle: SubtleCrypto): Promise<string> {
  const c = newChecksum(a, subtle);
  c.update(data);
  return c.digest();
}

/** Raw CRC bytes (for composite multipart checksums: the checksum of the parts' checksums). */
export function fromB64Bytes(b64: string): Uint8Array {
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}
