import { describe, expect, it } from 'vitest';
import { isKeyIdShape, uuidV4 } from '../shared/ids';
import fc from 'fast-check';
import { fromBase64, toBase64, toHex } from '../shared/bytes';

// The Buffer fast path (Node) and the btoa/atob path (browser) must agree on every input.
const viaAtob = (s: string) => Uint8Array.from(atob(s), (c) => c.charCodeAt(0));
const viaBtoa = (b: Uint8Array) => btoa(String.fromCharCode(...b));

describe('base64', () => {
  it('round-trips any bytes and matches btoa/atob', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), (b) => {
        const s = toBase64(b);
        expect(s).toBe(viaBtoa(b));
        expect(fromBase64(s)).toEqual(viaAtob(s));
      }),
      { numRuns: 200 },
    );
  });

  it('encodes a view at an offset, not the whole underlying buffer', () => {
    const whole = new Uint8Array([1, 2, 3, 4, 5, 6]);
    expect(toBase64(whole.subarray(2, 4))).toBe(viaBtoa(new Uint8Array([3, 4])));
  });

  it.each([
    ['ab=', undefined],
    ['a', undefined],
    ['ab$d', undefined],
    ['a=bc', undefined],
    ['YWI', new Uint8Array([0x61, 0x62])],
    ['YWI=', new Uint8Array([0x61, 0x62])],
    ['', new Uint8Array([])],
  ])('is strict about %s', (input, expected) => {
    expect(fromBase64(input)).toEqual(expected);
  });

  it('returns a fresh buffer the caller may wipe without touching other values', () => {
    const a = fromBase64('AAECAw==')!;
    const b = fromBase64('AAECAw==')!;
    a.fill(9);
    expect(b).toEqual(new Uint8Array([0, 1, 2, 3]));
    expect(a.byteOffset).toBe(0);
    expect(a.buffer.byteLength).toBe(4);
  });
});

describe('hex and UUIDs', () => {
  it('toHex writes every byte value as two lowercase digits, as node:crypto does', () => {
    const all = Uint8Array.from({ length: 256 }, (_, i) => i);
    expect(toHex(all)).toBe(Buffer.from(all).toString('hex'));
    expect(toHex(new Uint8Array(0))).toBe('');
    const view = all.subarray(250, 253);
    expect(toHex(view)).toBe('fafbfc');
  });

  it('uuidV4 lays the 16 random bytes out 8-4-4-4-12 with the version and variant bits set', () => {
    const fixed = Uint8Array.from({ length: 16 }, (_, i) => 0xf0 + i);
    const id = uuidV4(() => fixed.slice());
    expect(id).toBe('f0f1f2f3-f4f5-46f7-b8f9-fafbfcfdfeff');
    for (let i = 0; i < 50; i++) {
      const u = uuidV4((n) => crypto.getRandomValues(new Uint8Array(n)));
      expect(u).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(isKeyIdShape(u)).toBe(true);
    }
  });
});
