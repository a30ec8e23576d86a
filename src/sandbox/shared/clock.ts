
export const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The simulated clock: the wall clock plus an offset that only moves forward. KMS's and S3's own time
 * (creation, rotation, deletion dates, trail event times) read it; signature skew and credential expiry
 * read the wall clock, as the SDK does.
 */
export interface SandboxClock {
  /** Simulated time, epoch ms. */
  now(): number;
  /** Wall clock, epoch ms. */
  wallNow(): number;
  /** How far the simulated clock is ahead of the wall clock. */
  offsetMs(): number;
  /** True when the simulated clock is ahead of the wall clock (the UI says so). */
  isSimulated(): boolean;
  /** Moves the simulated clock forward, runs what became due (rotations, deletions) and persists. */
  advanceDays(days: number): Promise<{ now: string; offsetDays: number }>;
}

export function createClock(
  wallNow: () => number,
  state: () => { clock: { offsetMs: number } },
  advance: (ms: number) => Promise<void>,
): SandboxClock {
  const offsetMs = () => state().clock.offsetMs;
  const clock: SandboxClock = {
    now: () => wallNow() + offsetMs(),
    wallNow,
    offsetMs,
    isSimulated: () => offsetMs() > 0,
    async advanceDays(days: number) {
      if (typeof days !== 'number' || !Number.isFinite(days) || days < 0 || days > 100 * 365) {
        throw new RangeError('advanceDays needs a number of days between 0 and 36500; the simulated clock only moves forward.');
      }
      await advance(Math.round(days * DAY_MS));
      return { now: new Date(clock.now()).toISOString(), offsetDays: offsetMs() / DAY_MS };
    },
  };
  return clock;
}
