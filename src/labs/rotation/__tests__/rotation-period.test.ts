import { describe, expect, it } from 'vitest';
import { rotationPeriodProblem } from '../lib/rotation-period';

describe('rotationPeriodProblem', () => {
  it('accepts 90 to 2,560 days', () => {
    expect(rotationPeriodProblem('90')).toBeUndefined();
    expect(rotationPeriodProblem('365')).toBeUndefined();
    expect(rotationPeriodProblem('2560')).toBeUndefined();
  });

  it('refuses values outside the range and non-numbers', () => {
    expect(rotationPeriodProblem('89')).toBe('At least 90 days.');
    expect(rotationPeriodProblem('2561')).toBe('At most 2,560 days.');
    expect(rotationPeriodProblem('1.5')).toBe('Enter a whole number of days.');
    expect(rotationPeriodProblem('')).toBe('Enter a whole number of days.');
  });
});
