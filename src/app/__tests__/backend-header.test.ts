import { describe, expect, it } from 'vitest';
import { formatSimulatedDate } from '../backend-header';

describe("the header's simulated date", () => {
  it('reads day, short month and year in UTC, whatever the local time zone', () => {
    expect(formatSimulatedDate(Date.UTC(2026, 11, 4, 23, 59))).toBe('4 Dec 2026');
    expect(formatSimulatedDate(Date.UTC(2027, 8, 30, 0, 0))).toBe('30 Sep 2027');
    expect(formatSimulatedDate(Date.UTC(2028, 0, 1))).toBe('1 Jan 2028');
  });
});
