import { describe, expect, it } from 'vitest';
import { contextFromRows, toBase64, toHex, utf8 } from '../bytes';

describe('byte helpers', () => {
  it('encodes bytes as base64 and hex', () => {
    const bytes = utf8.encode('KMS!');
    expect(toBase64(bytes)).toBe('S01TIQ==');
    expect(toHex(bytes)).toBe('4b 4d 53 21');
    expect(toHex(bytes, '')).toBe('4b4d5321');
    expect(utf8.decode(bytes)).toBe('KMS!');
  });

  it('base64-encodes blobs longer than one 32 KiB chunk', () => {
    const big = new Uint8Array(0x8000 + 3).fill(0xff);
    expect(toBase64(big)).toBe(btoa(String.fromCharCode(...big)));
  });

  it('turns context rows into a map, dropping empty keys, and sends no context when none is left', () => {
    expect(contextFromRows([{ key: 'tenant', value: 'a' }, { key: '', value: 'x' }])).toEqual({ tenant: 'a' });
    expect(contextFromRows([{ key: '', value: 'x' }])).toBeUndefined();
    expect(contextFromRows([])).toBeUndefined();
  });
});
