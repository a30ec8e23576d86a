/** Timing helpers for the bench (never used by tests). */
import { cpus, loadavg } from 'node:os';

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

/** Runs `op` sequentially for about `ms` (at least `minOps` calls); returns ops/s and the count. */
export async function timeFor(op: () => Promise<void>, ms: number, minOps = 1): Promise<{ rate: number; ops: number }> {
  const t0 = performance.now();
  let n = 0;
  let elapsed = 0;
  do {
    await op();
    n++;
    elapsed = performance.now() - t0;
  } while (elapsed < ms || n < minOps);
  return { rate: (n * 1000) / elapsed, ops: n };
}

/**
 * Interleaved rounds: after each op's warm-up, round r runs every op once for about `roundMs`
 * (A B C D, A B C D, ...), so a change in the machine's load hits all of them alike. An op that
 * throws is dropped (its error kept) and the others go on.
 */
export async function measureInterleaved(
  ops: readonly { label: string; op: () => Promise<void> }[],
  opts: { warmupMs: number; minWarmupOps: number; rounds: number; roundMs: number },
): Promise<Map<string, RoundsResult | Error>> {
  const out = new Map<string, RoundsResult | Error>();
  const rates = new Map<string, number[]>();
  const counts = new Map<string, number>();
  for (const { label, op } of ops) {
    try {
      await timeFor(op, opts.warmupMs, opts.minWarmupOps);
      rates.set(label, []);
      counts.set(label, 0);
    } catch (e) {
      out.set(label, e instanceof Error ? e : new Error(String(e)));
    }
  }
  for (let r = 0; r < opts.rounds; r++) {
    for (const { label, op } of ops) {
      const list = rates.get(label);
      if (!list) continue;
      try {
        const { rate, ops: n } = await timeFor(op, opts.roundMs);
        list.push(rate);
        counts.set(label, (counts.get(label) ?? 0) + n);
      } catch (e) {
        rates.delete(label);
        out.set(label, e instanceof Error ? e : new Error(String(e)));
      }
    }
  }
  for (const [label, list] of rates) out.set(label, { median: median(list), rounds: list, ops: counts.get(label) ?? 0 });
  return out;
}

/** a / b to three places, or null when either figure is missing (a backend that did not start). */
export function ratio(a: number | null | undefined, b: number | null | undefined): number | null {
  return typeof a === 'number' && typeof b === 'number' && b > 0 ? round3(a / b) : null;
}

/** What every bench line says of the machine: cores, model, Node, and the 1-minute load at start and end. */
export function machineInfo(loadAtStart: number) {
  return { cpus: cpus().length, cpu_model: cpus()[0]?.model ?? 'unknown', node: process.version, shared_vm: true, loadavg_1m: { start: loadAtStart, end: round1(loadavg()[0] ?? 0) } };
}
