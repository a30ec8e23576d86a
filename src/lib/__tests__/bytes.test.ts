import { describe, expect, it } from 'vitest';
import { contextFromRows, toBase64, toHex, utf8, utf8Length, utf8Prefix } from '../bytes';

describe('byte helpers', () => {
  it('counts UTF-8 bytes and cuts a prefix that fits without splitting a character', () => {
    const text = 'aé€😀b'; // 1 + 2 + 3 + 4 + 1 bytes
    expect(utf8Length(text)).toBe(utf8.encode(text).length);
    for (let max = 0; max <= 12; max++) {
      const prefix = utf8Prefix(text, max);
      expect(utf8.encode(prefix).length).toBeLessThanOrEqual(max);
      expect(text.startsWith(prefix)).toBe(true);
      // One more character would not fit.
      const next = text.slice(0, prefix.length + (text.codePointAt(prefix.length)! > 0xffff ? 2 : 1));
      if (prefix.length < text.length) expect(utf8.encode(next).length).toBeGreaterThan(max);
    }
    expect(utf8Prefix(text, 6)).toBe('aé€');
    expect(utf8Prefix('x'.repeat(5000), 4096)).toHaveLength(4096);
  });

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
