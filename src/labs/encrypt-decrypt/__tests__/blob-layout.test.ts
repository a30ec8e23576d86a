import { describe, expect, it } from 'vitest';
import { parseCiphertextBlob } from '../lib/blob-layout';

function der(tag: number, body: number[]): number[] {
  if (body.length < 0x80) return [tag, body.length, ...body];
  return [tag, 0x81, body.length, ...body];
}
const oid = (bytes: number[]) => der(0x06, bytes);
const AES256_GCM = [0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x01, 0x2e];
const PKCS7_DATA = [0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x01];

function awsLikeBlob(plaintextLength: number): Uint8Array {
  const nonce = Array.from({ length: 12 }, (_, i) => 0xa0 + i);
  const content = Array.from({ length: plaintextLength + 16 }, (_, i) => i & 0xff);
  const cms = der(0x30, [
    ...der(0x02, [0x00]),
    ...der(0x30, [
      ...oid(PKCS7_DATA),
      ...der(0x30, [...oid(AES256_GCM), ...der(0x30, [...der(0x04, nonce), ...der(0x02, [0x10])])]),
      ...der(0x80, content),
    ]),
  ]);
  const len = cms.length;
  return Uint8Array.from([
    0x01, 0x02, 0x03, 0x00, 0x78,
    ...new Array(32).fill(0x11),
    0x01,
    ...new Array(16).fill(0x22),
    (len >>> 24) & 0xff, (len >>> 16) & 0xff, (len >>> 8) & 0xff, len & 0xff,
    ...cms,
  ]);
}

describe('parseCiphertextBlob', () => {
  it('labels the AWS layout down to nonce, data and tag', () => {
    const blob = awsLikeBlob(32);
    const layout = parseCiphertextBlob(blob);
    expect(layout.format).toBe('aws');
    const byKind = (k: string) => layout.segments.filter((s) => s.kind === k);
    expect(byKind('header')[0]).toMatchObject({ start: 0, end: 5 });
    expect(byKind('key')[0]).toMatchObject({ start: 5, end: 37 });
    expect(byKind('length')[0]).toMatchObject({ start: 54, end: 58 });
    const size = (k: string) => byKind(k)[0]!.end - byKind(k)[0]!.start;
    expect(size('nonce')).toBe(12);
    expect(blob.subarray(byKind('nonce')[0]!.start, byKind('nonce')[0]!.end)[0]).toBe(0xa0);
    expect(size('data')).toBe(32);
    expect(byKind('tag')[0]).toMatchObject({ end: blob.length });
    const cmsHeader = layout.segments.find((s) => s.label.startsWith('CMS EncryptedData header'));
    expect(cmsHeader?.detail).toBe('version 0; pkcs7-data; aes256-GCM');
    expect(layout.segments.find((s) => s.label.startsWith('DER fields'))?.detail).toBe('authentication tag length = 16 bytes');
    // header, 32, 1, 16, length, CMS header, nonce, DER fields, data, tag
    expect(layout.segments).toHaveLength(10);
  });

  it('names the sandbox fields when the blob came from the sandbox', () => {
    const blob = awsLikeBlob(32);
    blob.set([0x0e, 0x5c, 0x7a, 0x10, 0x00, 0x00, 0x4a, 0x00, 0x80, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01], 38);
    const layout = parseCiphertextBlob(blob, { sandbox: true });
    expect(layout.segments[1]?.label).toBe('key material id (32 bytes)');
    expect(layout.segments[3]?.detail).toContain('0e5c7a10-0000-4a00-8000-000000000001');
    expect(layout.segments.find((s) => s.kind === 'data')?.detail).toContain('(21 bytes)');
  });

  it('labels a truncated header as not recognised instead of throwing', () => {
    const layout = parseCiphertextBlob(awsLikeBlob(8).slice(0, 56));
    expect(layout.segments.at(-1)).toMatchObject({ label: 'not recognised', start: 54, end: 56 });
  });

  it('covers every byte exactly once, in order', () => {
    const blob = awsLikeBlob(200);
    const { segments } = parseCiphertextBlob(blob);
    let at = 0;
    for (const s of segments) {
      expect(s.start).toBe(at);
      expect(s.end).toBeGreaterThan(s.start);
      at = s.end;
    }
    expect(at).toBe(blob.length);
  });

  it('falls back to one labelled block when the DER is damaged', () => {
    const blob = awsLikeBlob(8).slice(0, 70);
    const layout = parseCiphertextBlob(blob);
    expect(layout.format).toBe('aws');
    expect(layout.segments.at(-1)).toMatchObject({ label: 'CMS EncryptedData', end: 70 });
  });

  it("recognises moto's key-id-in-clear layout", () => {
    const id = '3f1c56f0-4cd5-4f66-814b-9d85cb0168ad';
    const blob = Uint8Array.from([...id].map((c) => c.charCodeAt(0)).concat(new Array(12 + 16 + 5).fill(7)));
    const layout = parseCiphertextBlob(blob);
    expect(layout.format).toBe('moto');
    expect(layout.segments[0]?.detail).toBe(id);
    expect(layout.segments.at(-1)).toMatchObject({ start: 64, end: 69, kind: 'data' });
  });

  it('labels an unknown layout only by its size', () => {
    const layout = parseCiphertextBlob(new Uint8Array([9, 9, 9]));
    expect(layout.format).toBe('unknown');
    expect(layout.segments).toEqual([{ start: 0, end: 3, label: 'ciphertext blob', detail: '3 bytes', kind: 'unknown' }]);
  });
});
