import { describe, expect, it } from 'vitest';
import { JobTable, type JobState } from '../lib/job-table';

/** Every state a job's listener heard, in order. */
function recorder<R>() {
  const states: JobState<R>[] = [];
  return { states, on: (s: JobState<R>) => void states.push(s) };
}

describe('the page’s envelope jobs', () => {
  it('turns a job’s events into the states its panel shows, and forgets it once it ends', () => {
    let t = 1000;
    const table = new JobTable(() => t);
    const seal = recorder<{ parts: number }>();
    const id = table.start('seal', seal.on);
    expect(seal.states[0]).toEqual({ running: true, phases: [], progressBy: {} });

    table.route({ type: 'phase', jobId: id, phase: 'encrypt' });
    table.route({ type: 'progress', jobId: id, phase: 'encrypt', done: 32, total: 64 });
    t += 250;
    table.route({ type: 'progress', jobId: id, phase: 'upload', done: 16, total: 64 });
    expect(table.list()).toEqual([{ id, type: 'seal', runningMs: 250, last: 'progress upload', sinceLastMs: 0 }]);
    const mid = seal.states.at(-1)!;
    expect(mid.phases).toEqual(['encrypt']);
    expect(mid.progress).toEqual({ phase: 'upload', done: 16, total: 64 });
    // Both bars keep their own latest value while the two phases run together.
    expect(mid.progressBy).toEqual({ encrypt: { done: 32, total: 64 }, upload: { done: 16, total: 64 } });

    table.route({ type: 'result', jobId: id, result: { parts: 4 } as never });
    expect(seal.states.at(-1)).toMatchObject({ running: false, result: { parts: 4 } });
    expect(table.list()).toEqual([]);
    // A late event for the ended job changes nothing.
    table.route({ type: 'progress', jobId: id, phase: 'upload', done: 64, total: 64 });
    expect(seal.states).toHaveLength(5);
  });

  it('ends every running job with an error when their worker goes away, and only those', () => {
    const table = new JobTable();
    const done = recorder();
    const a = recorder();
    const b = recorder();
    const finished = table.start('verify', done.on);
    table.route({ type: 'result', jobId: finished, result: { ok: true } as never });
    const idA = table.start('seal', a.on);
    const idB = table.start('bench', b.on);
    table.route({ type: 'phase', jobId: idA, phase: 'upload' });

    table.failAll({ name: 'Error', message: 'The envelope worker was stopped.' });
    for (const r of [a, b]) expect(r.states.at(-1)).toMatchObject({ running: false, error: { message: 'The envelope worker was stopped.' } });
    expect(a.states.at(-1)!.phases).toEqual(['upload']);
    expect(done.states.at(-1)).toMatchObject({ running: false, result: { ok: true } });
    expect(done.states.at(-1)!.error).toBeUndefined();
    expect(table.list()).toEqual([]);
    // Nothing is failed twice, and an answer that comes after the failure is dropped.
    table.failAll({ name: 'Error', message: 'again' });
    table.route({ type: 'result', jobId: idB, result: { ms: 1 } as never });
    expect(b.states).toHaveLength(2);
  });

  it('numbers jobs apart, so one job’s events never reach another', () => {
    const table = new JobTable();
    const a = recorder();
    const b = recorder();
    const idA = table.start('seal', a.on);
    const idB = table.start('seal', b.on);
    expect(idB).not.toBe(idA);
    table.route({ type: 'error', jobId: idB, error: { name: 'AbortError', message: 'cancelled' } });
    expect(a.states).toHaveLength(1);
    expect(b.states.at(-1)).toMatchObject({ running: false, error: { name: 'AbortError' } });
    expect(table.list().map((j) => j.id)).toEqual([idA]);
  });
});
