import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fromBase64, toBase64 } from '../shared/bytes';

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
