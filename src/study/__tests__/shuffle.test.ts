import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { optionSeed, shuffleOptions } from '../shuffle';

const options = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `o${i}`, correct: i === 0 }));

describe('option shuffling', () => {
  it('is a permutation of the options', () => {
    fc.assert(
      fc.property(fc.string(), fc.integer({ min: 1, max: 8 }), (seed, n) => {
        const input = options(n);
        const out = shuffleOptions(input, seed);
        expect(out).toHaveLength(n);
        expect([...out].map((o) => o.id).sort()).toEqual(input.map((o) => o.id).sort());
      }),
    );
  });

  it('is stable for one seed (a reload shows the same order)', () => {
    fc.assert(
      fc.property(fc.string(), (seed) => {
        expect(shuffleOptions(options(5), seed)).toEqual(shuffleOptions(options(5), seed));
      }),
    );
  });

  it('differs across seeds', () => {
    const orders = new Set<string>();
    for (let i = 0; i < 200; i++) orders.add(shuffleOptions(options(4), optionSeed(`l-${i}`, 'q')).map((o) => o.id).join(','));
    // 24 orders exist; 200 learners should see nearly all of them.
    expect(orders.size).toBeGreaterThanOrEqual(20);
  });

  it('spreads the correct option evenly over the positions', () => {
    const seeds = 4000;
    const counts = [0, 0, 0, 0];
    for (let i = 0; i < seeds; i++) {
      const pos = shuffleOptions(options(4), optionSeed(`learner-${i}`, 'keys-alias-rules')).findIndex((o) => o.correct);
      counts[pos]! += 1;
    }
    // Each position near a quarter: a chi-square under 16.3 (p = 0.001, three degrees of freedom).
    const expected = seeds / 4;
    const chi = counts.reduce((sum, c) => sum + (c - expected) ** 2 / expected, 0);
    expect(chi).toBeLessThan(16.3);
  });

  it('keeps pinned options last, in written order', () => {
    fc.assert(
      fc.property(fc.string(), (seed) => {
        const input = [...options(4), { id: 'both', correct: false, pinLast: true }, { id: 'none', correct: false, pinLast: true }];
        const out = shuffleOptions(input, seed);
        expect(out.slice(-2).map((o) => o.id)).toEqual(['both', 'none']);
      }),
    );
  });
});
