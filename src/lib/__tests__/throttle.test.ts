import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { atMostEvery } from '../throttle';

describe('atMostEvery', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('runs a lone call at once, and the calls that follow within the interval once at its end', () => {
    let runs = 0;
    const t = atMostEvery(1000, () => runs++, () => Date.now());
    t.call();
    expect(runs).toBe(1);
    t.call();
    t.call();
    t.call();
    expect(runs).toBe(1);
    vi.advanceTimersByTime(999);
    expect(runs).toBe(1);
    vi.advanceTimersByTime(1);
    expect(runs).toBe(2);
    // Quiet for longer than the interval: the next call runs at once again.
    vi.advanceTimersByTime(5000);
    t.call();
    expect(runs).toBe(3);
  });

  it('cancel drops the pending run', () => {
    let runs = 0;
    const t = atMostEvery(1000, () => runs++, () => Date.now());
    t.call();
    t.call();
    t.cancel();
    vi.advanceTimersByTime(2000);
    expect(runs).toBe(1);
  });
});
