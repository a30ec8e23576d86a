import { describe, expect, it } from 'vitest';
import { formatUsd, keyMonthlyCost, objectsMonthlyCost, proratedKeyCost, requestsCost } from '../lib/cost';

describe('the clean-up cost model', () => {
  it('a key is $1 a month, the first two rotations add $1 each, later ones nothing; pending deletion costs nothing', () => {
    expect(keyMonthlyCost({ state: 'Enabled', rotations: 0 })).toBe(1);
    expect(keyMonthlyCost({ state: 'Disabled', rotations: 1 })).toBe(2);
    expect(keyMonthlyCost({ state: 'Enabled', rotations: 2 })).toBe(3);
    expect(keyMonthlyCost({ state: 'Enabled', rotations: 9 })).toBe(3);
    expect(keyMonthlyCost({ state: 'PendingDeletion', rotations: 2 })).toBe(0);
  });
  it('prorated by the hour: a day of one key is 1/730 × 24 dollars', () => {
    expect(proratedKeyCost(1, 24)).toBeCloseTo(24 / 730, 10);
    expect(proratedKeyCost(1, -5)).toBe(0);
  });
  it('requests are free up to 20,000 a month, then $0.03 per 10,000', () => {
    expect(requestsCost(19_999)).toBe(0);
    expect(requestsCost(30_000)).toBeCloseTo(0.03, 10);
    expect(requestsCost(10_000, 20_000)).toBeCloseTo(0.03, 10);
  });
  it('S3 Standard is $0.023 per GB-month', () => {
    expect(objectsMonthlyCost(1024 ** 3)).toBeCloseTo(0.023, 10);
    expect(formatUsd(objectsMonthlyCost(4096))).toBe('< $0.01');
    expect(formatUsd(0)).toBe('$0.00');
    expect(formatUsd(3)).toBe('$3.00');
  });
});
