import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { md5, Md5, newMd5 } from '../md5';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const nodeMd5 = (b: Uint8Array) => createHash('md5').update(b).digest('hex');

describe('MD5 (the portable one the browser uses)', () => {
  it('matches RFC 1321 test suite', () => {
    const te = new TextEncoder();
    const suite: [string, string][] = [
      ['', 'd41d8cd98f00b204e9800998ecf8427e'],
      ['a', '0cc175b9c0f1b6a831c399e269772661'],
      ['abc', '900150983cd24fb0d6963f7d28e17f72'],
      ['message digest', 'f96b697d7cb7938d525a2f31aaf161d0'],
      ['abcdefghijklmnopqrstuvwxyz', 'c3fcd3d76192e4007dfb496cca67e13b'],
      ['ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789', 'd174ab98d277d9f5a5611c2c9f419d9f'],
      ['1234567890'.repeat(8), '57edf4a22be3c955ac49da2e2107b67a'],
    ];
    for (const [text, want] of suite) expect(hex(md5(te.encode(text)))).toBe(want);
  });

  it('matches node:crypto at every length around the block and padding boundaries', () => {
    const data = crypto.getRandomValues(new Uint8Array(300));
    for (let n = 0; n <= 300; n++) expect(hex(md5(data.subarray(0, n))), `length ${n}`).toBe(nodeMd5(data.subarray(0, n)));
  });

  it('gives the same digest however the input is split into updates (odd boundaries, empty updates, offsets into a larger buffer)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 700 }), fc.array(fc.nat({ max: 700 }), { maxLength: 12 }), (data, cuts) => {
        const points = [...new Set(cuts.map((c) => c % (data.length + 1)))].sort((a, b) => a - b);
        const h = new Md5();
        let at = 0;
        for (const p of [...points, data.length]) {
          // A view into a larger buffer at offsets 0-3: aligned input is read as words, the rest byte by byte.
          const offset = (at + p) % 4;
          const backing = new Uint8Array(p - at + offset);
          backing.set(data.subarray(at, p), offset);
          h.update(backing.subarray(offset));
          at = p;
        }
        expect(hex(h.digest())).toBe(nodeMd5(data));
      }),
      { numRuns: 300 },
    );
  });

  it('digests a multi-megabyte input in uneven chunks like node:crypto', () => {
    const data = crypto.getRandomValues(new Uint8Array(65536)).slice();
    const big = new Uint8Array(3 * 1024 * 1024 + 17);
    for (let i = 0; i < big.length; i += data.length) big.set(data.subarray(0, Math.min(data.length, big.length - i)), i);
    const h = new Md5();
    for (let i = 0; i < big.length; i += 100_003) h.update(big.subarray(i, i + 100_003));
    expect(hex(h.digest())).toBe(nodeMd5(big));
  });

  it('newMd5() (node:crypto where the platform has it) agrees with the portable one', () => {
    const data = crypto.getRandomValues(new Uint8Array(1000));
    const h = newMd5();
    h.update(data.subarray(0, 333));
    h.update(data.subarray(333));
    expect(hex(h.digest())).toBe(hex(md5(data)));
  });
});
