/** Timing helpers for the bench (never used by tests). */

export interface RoundsResult {
  /** Operations per second of the median round. */
  median: number;
  /** Operations per second of each round, in the order run. */
  rounds: number[];
  /** Total operations timed (warm-up excluded). */
  ops: number;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

export function round1(n: number): number {
  return Math.round(n * 10) / 10;
}

export function round3(n: number): number {
  return Math.round(n * 1000) / 1000;
}

/**
 * Runs `op` sequentially (one await after another): a warm-up of `warmupMs` (and at least
 * `minWarmupOps` calls), then `rounds` rounds of about `roundMs` each. Returns ops/s per round.
 */
export async function measureRounds(
  op: () => Promise<void>,
  opts: { warmupMs: number; minWarmupOps: number; rounds: number; roundMs: number },
): Promise<RoundsResult> {
  const warmStart = performance.now();
  let warmOps = 0;
  while (warmOps < opts.minWarmupOps || performance.now() - warmStart < opts.warmupMs) {
    await op();
    warmOps++;
  }
  const rates: number[] = [];
  let total = 0;
  for (let r = 0; r < opts.rounds; r++) {
    const t0 = performance.now();
    let n = 0;
    let elapsed = 0;
    do {
      await op();
      n++;
      elapsed = performance.now() - t0;
    } while (elapsed < opts.roundMs);
    rates.push((n * 1000) / elapsed);
    total += n;
  }
  return { median: median(rates), rounds: rates, ops: total };
}
