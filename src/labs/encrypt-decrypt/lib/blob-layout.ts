/**
 * Labels the bytes of a KMS ciphertext blob for the byte map. Pure and tolerant: whatever it
 * cannot recognise is labelled as unknown rather than guessed.
 *
 * Two layouts are recognised:
 *  - AWS's current symmetric layout (shared/reference/kms-behavior.md §6, docs/ciphertext-blob.md),
 *    which the sandbox follows: 01 02 03 00 78, a 32-byte key-specific identifier, 01, a 16-byte
 *    field, a 4-byte big-endian length, then a DER CMS EncryptedData (AES-256-GCM, 12-byte nonce,
 *    16-byte tag).
 *  - moto's layout: the key id in clear (36 ASCII bytes), a 12-byte IV, a 16-byte tag, then the
 *    ciphertext (moto/kms/utils.py). Other emulators use other layouts.
 */

export type SegmentKind = 'header' | 'key' | 'field' | 'length' | 'structure' | 'oid' | 'nonce' | 'data' | 'tag' | 'unknown';

export interface BlobSegment {
  /** Byte offset of the first byte. */
  start: number;
  /** Byte offset one past the last byte. */
  end: number;
  label: string;
  detail: string;
  kind: SegmentKind;
}

export interface BlobLayout {
  format: 'aws' | 'moto' | 'unknown';
  description: string;
  segments: BlobSegment[];
}

const AWS_HEADER = [0x01, 0x02, 0x03, 0x00, 0x78];

const OID_NAMES: Record<string, string> = {
  '1.2.840.113549.1.7.1': 'pkcs7-data',
  '1.2.840.113549.1.7.6': 'pkcs7-encryptedData',
  '2.16.840.1.101.3.4.1.46': 'aes256-GCM',
  '2.16.840.1.101.3.4.1.6': 'aes128-GCM',
};

function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join(' ');
}

function decodeOid(bytes: Uint8Array): string {
  if (bytes.length === 0) return '';
  const first = bytes[0] as number;
  const parts: number[] = [Math.floor(first / 40), first % 40];
  let value = 0;
  for (let i = 1; i < bytes.length; i++) {
    const b = bytes[i] as number;
    value = value * 128 + (b & 0x7f);
    if ((b & 0x80) === 0) {
      parts.push(value);
      value = 0;
    }
  }
  return parts.join('.');
}

interface Tlv {
  tag: number;
  headerLength: number;
  length: number;
}

/** One DER tag-length header at `offset`, or undefined when the bytes are not DER. */
function readTlv(bytes: Uint8Array, offset: number, limit: number): Tlv | undefined {
  if (offset + 2 > limit) return undefined;
  const tag = bytes[offset] as number;
  const first = bytes[offset + 1] as number;
  if (first < 0x80) return fitTlv({ tag, headerLength: 2, length: first }, offset, limit);
  const count = first & 0x7f;
  if (count === 0 || count > 3 || offset + 2 + count > limit) return undefined;
  let length = 0;
  for (let i = 0; i < count; i++) length = length * 256 + (bytes[offset + 2 + i] as number);
  return fitTlv({ tag, headerLength: 2 + count, length }, offset, limit);
}

function fitTlv(tlv: Tlv, offset: number, limit: number): Tlv | undefined {
  return offset + tlv.headerLength + tlv.length <= limit ? tlv : undefined;
}

const CONSTRUCTED = 0x20;

/** Walks a DER tree and labels each element; the GCM nonce and the encrypted content are named. */
function walkDer(bytes: Uint8Array, start: number, end: number, out: BlobSegment[], path: string[]): boolean {
  let offset = start;
  let previousWasGcmOid = false;
  while (offset < end) {
    const tlv = readTlv(bytes, offset, end);
    if (!tlv) return false;
    const bodyStart = offset + tlv.headerLength;
    const bodyEnd = bodyStart + tlv.length;
    const body = bytes.subarray(bodyStart, bodyEnd);
    if (tlv.tag & CONSTRUCTED) {
      const name = tlv.tag === 0x30 ? 'SEQUENCE' : `[${tlv.tag & 0x1f}]`;
      out.push({
        start: offset,
        end: bodyStart,
        label: `DER ${name} header`,
        detail: `${name} of ${tlv.length} bytes (${path.concat(name).join(' > ')})`,
        kind: 'structure',
      });
      // GCM parameters follow the algorithm OID: SEQUENCE { nonce OCTET STRING, ICV length INTEGER }.
      if (!walkDer(bytes, bodyStart, bodyEnd, out, path.concat(previousWasGcmOid ? 'GCMParameters' : name))) return false;
      previousWasGcmOid = false;
    } else if (tlv.tag === 0x06) {
      const oid = decodeOid(body);
      const name = OID_NAMES[oid] ?? 'object identifier';
      out.push({ start: offset, end: bodyEnd, label: `OID ${name}`, detail: oid, kind: 'oid' });
      previousWasGcmOid = name.endsWith('-GCM');
    } else if (tlv.tag === 0x04 && path.at(-1) === 'GCMParameters') {
      out.push({ start: offset, end: bodyStart, label: 'DER OCTET STRING header', detail: `${tlv.length} bytes follow`, kind: 'structure' });
      out.push({ start: bodyStart, end: bodyEnd, label: `GCM nonce (${tlv.length} bytes)`, detail: 'Random per encryption: the same plaintext never encrypts to the same blob.', kind: 'nonce' });
    } else if (tlv.tag === 0x02) {
      const value = body.reduce((acc, b) => acc * 256 + b, 0);
      const meaning = path.at(-1) === 'GCMParameters' ? `authentication tag length = ${value} bytes` : `version ${value}`;
      out.push({ start: offset, end: bodyEnd, label: 'INTEGER', detail: meaning, kind: 'field' });
    } else if (tlv.tag === 0x80 || tlv.tag === 0x04) {
      out.push({ start: offset, end: bodyStart, label: 'DER encrypted content header', detail: `${tlv.length} bytes follow`, kind: 'structure' });
      const tagStart = Math.max(bodyStart, bodyEnd - 16);
      if (tagStart > bodyStart) {
        out.push({ start: bodyStart, end: tagStart, label: `encrypted data (${tagStart - bodyStart} bytes)`, detail: 'AES-256-GCM ciphertext: as long as the plaintext.', kind: 'data' });
      }
      out.push({ start: tagStart, end: bodyEnd, label: 'GCM tag (16 bytes)', detail: 'Authenticates the data and the encryption context (AAD). Any change makes Decrypt fail.', kind: 'tag' });
    } else {
      out.push({ start: offset, end: bodyEnd, label: `DER element 0x${tlv.tag.toString(16)}`, detail: `${tlv.length} bytes`, kind: 'unknown' });
    }
    offset = bodyEnd;
  }
  return true;
}

function uuidFrom(bytes: Uint8Array): string {
  const h = hex(bytes).replaceAll(' ', '');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

function parseAws(blob: Uint8Array, sandbox: boolean): BlobLayout {
  const segments: BlobSegment[] = [
    { start: 0, end: 5, label: 'header 01 02 03 00 78', detail: 'Format and version bytes: every current symmetric KMS ciphertext starts this way (in base64 they begin "AQIDAH").', kind: 'header' },
  ];
  const push = (length: number, label: string, detail: string, kind: SegmentKind): boolean => {
    const start = segments.at(-1)?.end ?? 0;
    if (start + length > blob.length) return false;
    segments.push({ start, end: start + length, label, detail, kind });
    return true;
  };
  // The sandbox documents what its two identifier fields hold (docs/ciphertext-blob.md); on AWS they are opaque.
  const ok = sandbox
    ? push(32, 'key material id (32 bytes)', `The KeyMaterialId that encrypted this (${hex(blob.subarray(5, 13)).replaceAll(' ', '')}…): after a rotation, Decrypt still finds the old material.`, 'key') &&
      push(1, 'kind byte', blob[37] === 0x02 ? '02: a multi-Region key id follows.' : '01: a key id (UUID) follows.', 'field') &&
      push(16, 'key id (16 bytes)', `Key ${uuidFrom(blob.subarray(38, 54))}: why Decrypt needs no KeyId.`, 'key')
    : push(32, 'key identifier (32 bytes)', 'Names the KMS key and its key material, which is why Decrypt needs no KeyId. It is not the key ID in clear.', 'key') &&
      push(1, 'marker byte', `Value ${hex(blob.subarray(37, 38))}.`, 'field') &&
      push(16, '16-byte identifier', 'Key-specific value; AWS does not document its meaning.', 'field');
  const lengthOk =
    ok && blob.length >= 58 && push(4, 'length (4 bytes, big-endian)', `${new DataView(blob.buffer, blob.byteOffset + 54, 4).getUint32(0)} bytes of CMS follow.`, 'length');
  if (!lengthOk) return unknownTail(blob, segments, 'aws', 'KMS symmetric ciphertext (truncated).');
  const cmsStart = 58;
  const cms: BlobSegment[] = [];
  if (walkDer(blob, cmsStart, blob.length, cms, ['CMS'])) {
    if (sandbox) {
      // Sandbox differs: the GCM plaintext starts with 11 bytes of its own (version, time, length), as AWS's does with its own.
      for (const s of cms) if (s.kind === 'data') s.detail = `AES-256-GCM ciphertext of 11 bytes of sandbox header plus the plaintext (${s.end - s.start - 11} bytes).`;
    }
    segments.push(...mergeDerStructure(cms));
  } else {
    segments.push({ start: cmsStart, end: blob.length, label: 'CMS EncryptedData', detail: 'DER-encoded; not parsed.', kind: 'data' });
  }
  return { format: 'aws', description: 'KMS symmetric ciphertext: header, key identifier, then a CMS EncryptedData (AES-256-GCM).', segments };
}

const STRUCTURAL: ReadonlySet<SegmentKind> = new Set(['structure', 'oid', 'field', 'unknown']);

/**
 * The DER walk yields a dozen small headers; a learner wants to see the parts that matter (nonce,
 * data, tag), so runs of structural elements become one segment whose detail lists what they say.
 */
export function mergeDerStructure(cms: BlobSegment[]): BlobSegment[] {
  const out: BlobSegment[] = [];
  let run: BlobSegment[] = [];
  const flush = () => {
    if (run.length === 0) return;
    const first = run[0] as BlobSegment;
    const last = run[run.length - 1] as BlobSegment;
    const said = run
      .filter((s) => s.kind === 'oid' || s.kind === 'field')
      .map((s) => (s.kind === 'oid' ? s.label.replace(/^OID /, '') : s.detail));
    const beforeNonce = out.length === 0;
    out.push({
      start: first.start,
      end: last.end,
      label: beforeNonce ? `CMS EncryptedData header (DER, ${last.end - first.start} bytes)` : `DER fields (${last.end - first.start} bytes)`,
      detail: said.length > 0 ? said.join('; ') : 'DER tags and lengths.',
      kind: 'structure',
    });
    run = [];
  };
  for (const s of cms) {
    if (STRUCTURAL.has(s.kind)) run.push(s);
    else {
      flush();
      out.push(s);
    }
  }
  flush();
  return out;
}

function unknownTail(blob: Uint8Array, segments: BlobSegment[], format: BlobLayout['format'], description: string): BlobLayout {
  const start = segments.at(-1)?.end ?? 0;
  if (start < blob.length) segments.push({ start, end: blob.length, label: 'not recognised', detail: `${blob.length - start} bytes`, kind: 'unknown' });
  return { format, description, segments };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function parseMoto(blob: Uint8Array): BlobLayout | undefined {
  if (blob.length < 36 + 12 + 16) return undefined;
  const keyId = String.fromCharCode(...blob.subarray(0, 36));
  if (!UUID.test(keyId)) return undefined;
  return {
    format: 'moto',
    description: "moto's own layout, not AWS's: the key id in clear, then IV, tag and ciphertext.",
    segments: [
      { start: 0, end: 36, label: 'key id in clear (36 ASCII bytes)', detail: keyId, kind: 'key' },
      { start: 36, end: 48, label: 'IV (12 bytes)', detail: 'AES-GCM nonce.', kind: 'nonce' },
      { start: 48, end: 64, label: 'GCM tag (16 bytes)', detail: 'Authenticates data and encryption context.', kind: 'tag' },
      ...(blob.length > 64 ? [{ start: 64, end: blob.length, label: `encrypted data (${blob.length - 64} bytes)`, detail: 'AES-GCM ciphertext.', kind: 'data' as const }] : []),
    ],
  };
}

export interface ParseOptions {
  /** The blob came from the embedded sandbox, whose fields are documented (docs/ciphertext-blob.md). */
  sandbox?: boolean;
}

export function parseCiphertextBlob(blob: Uint8Array, options: ParseOptions = {}): BlobLayout {
  if (blob.length >= 5 && AWS_HEADER.every((b, i) => blob[i] === b)) return parseAws(blob, options.sandbox ?? false);
  return parseMoto(blob) ?? {
    format: 'unknown',
    description: 'This backend uses a ciphertext layout the lab does not know; only the size is shown.',
    segments: blob.length > 0 ? [{ start: 0, end: blob.length, label: 'ciphertext blob', detail: `${blob.length} bytes`, kind: 'unknown' }] : [],
  };
}
