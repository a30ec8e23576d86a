/**
 * The page's account of its envelope jobs (no React here: the hook in use-envelope-worker.ts owns one
 * per worker). Each job's events from the worker become the state its panel shows; a job ends with
 * its result or its error, and a worker that goes away ends every job still running with an error,
 * so that none is left "running" for ever.
 */
import type { Phase } from './envelope-job';
import type { JobError, JobEvent } from '../worker/messages';

export interface JobState<R> {
  running: boolean;
  phase?: Phase;
  /** The latest progress of any phase, when known. */
  progress?: { phase: Phase; done: number; total: number };
  /** The latest progress of each phase (encryption and upload run at the same time). */
  progressBy: Partial<Record<Phase, { done: number; total: number }>>;
  phases: Phase[];
  result?: R;
  error?: JobError;
}

export const idleJob = <R>(): JobState<R> => ({ running: false, phases: [], progressBy: {} });

/** A running job as diagnostics show it (the bench's state dump, a failed e2e test). */
export interface JobSummary {
  id: number;
  type: string;
  runningMs: number;
  /** Its last event ('phase upload', 'progress encrypt'…), or 'sent' before the first. */
  last: string;
  sinceLastMs: number;
}

interface Running {
  type: string;
  startedAt: number;
  last: string;
  lastAt: number;
  on(ev: JobEvent): void;
}

/** The state after one event (a pure step: the table calls it, and so can a test). */
export function nextJobState<R>(state: JobState<R>, ev: JobEvent): JobState<R> {
  switch (ev.type) {
    case 'phase':
      return { ...state, phase: ev.phase, phases: [...state.phases, ev.phase] };
    case 'progress':
      return {
        ...state,
        progress: { phase: ev.phase, done: ev.done, total: ev.total },
        progressBy: { ...state.progressBy, [ev.phase]: { done: ev.done, total: ev.total } },
      };
    case 'result':
      return { ...state, running: false, result: ev.result as R };
    case 'error':
      return { ...state, running: false, error: ev.error };
  }
}

export class JobTable {
  private nextId = 1;
  private readonly running = new Map<number, Running>();

  constructor(private readonly now: () => number = () => performance.now()) {}

  /** A new job of `type`: its id, after `onState` has heard it is running. */
  start<R>(type: string, onState: (s: JobState<R>) => void): number {
    const jobId = this.nextId++;
    let state: JobState<R> = { ...idleJob<R>(), running: true };
    const t0 = this.now();
    const job: Running = {
      type,
      startedAt: t0,
      last: 'sent',
      lastAt: t0,
      on: (ev) => {
        job.last = ev.type === 'phase' || ev.type === 'progress' ? `${ev.type} ${ev.phase}` : ev.type;
        job.lastAt = this.now();
        state = nextJobState(state, ev);
        if (!state.running) this.running.delete(jobId);
        onState(state);
      },
    };
    this.running.set(jobId, job);
    onState(state);
    return jobId;
  }

  /** An event from the worker; one for a job that has ended (or was never started here) is dropped. */
  route(ev: JobEvent): void {
    this.running.get(ev.jobId)?.on(ev);
  }

  /** Ends one running job with `error` (the worker never got it, say). */
  fail(jobId: number, error: JobError): void {
    this.route({ type: 'error', jobId, error });
  }

  /** Ends every running job with `error`: their worker is gone and nothing will answer them. */
  failAll(error: JobError): void {
    for (const jobId of [...this.running.keys()]) this.fail(jobId, error);
  }

  /** The jobs still running, oldest first. */
  list(): JobSummary[] {
    const t = this.now();
    return [...this.running].map(([id, r]) => ({ id, type: r.type, runningMs: Math.round(t - r.startedAt), last: r.last, sinceLastMs: Math.round(t - r.lastAt) }));
  }
}
