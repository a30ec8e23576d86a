import { useCallback, useEffect, useRef, useState } from 'react';
import { useConnection } from '../../../connection';
import type { Phase, SealInput, SealResult, VerifyResult } from '../lib/envelope-job';
import type { BenchTiming, BenchWhat } from '../worker/bench-jobs';
import type { JobError, JobEvent, JobRequest } from '../worker/messages';

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

const idle = <R,>(): JobState<R> => ({ running: false, phases: [], progressBy: {} });

/**
 * One envelope worker per panel, connected to the active backend through the connection layer.
 * Recreated when the backend changes; terminated when the panel goes away (which also cancels).
 */
export function useEnvelopeWorker() {
  // Only the runtime's connectWorker matters here. The connection info as a whole changes on every
  // committed change (the simulated clock moves with each S3 write the worker itself makes), and
  // rebuilding the worker on those would terminate the very job that caused them.
  const { connectWorker } = useConnection();
  const worker = useRef<Worker | undefined>(undefined);
  const nextId = useRef(1);
  /** Each running job: its listener, and its kind and last event (diagnostics: the bench's state dump). */
  const listeners = useRef(new Map<number, { on(ev: JobEvent): void; type: string; startedAt: number; last: string; lastAt: number }>());
  const [ready, setReady] = useState(false);
  const [workerError, setWorkerError] = useState<string>();

  useEffect(() => {
    if (!connectWorker) {
      setWorkerError('This connection cannot serve a worker.');
      return;
    }
    const jobListeners = listeners.current;
    const w = new Worker(new URL('../worker/envelope-worker.ts', import.meta.url), { type: 'module', name: 'envelope-lab' });
    worker.current = w;
    const route = (ev: MessageEvent<JobEvent>) => listeners.current.get(ev.data.jobId)?.on(ev.data);
    w.addEventListener('message', route);
    w.addEventListener('error', () => setWorkerError('The envelope worker failed to start.'));
    let disconnect: (() => void) | undefined;
    let cancelled = false;
    void connectWorker(w).then(
      (d) => {
        if (cancelled) d();
        else {
          disconnect = d;
          setReady(true);
        }
      },
      (e: unknown) => setWorkerError(e instanceof Error ? e.message : String(e)),
    );
    return () => {
      cancelled = true;
      setReady(false);
      disconnect?.();
      w.terminate();
      worker.current = undefined;
      // A job of this worker can no longer answer: say so, instead of leaving it running for ever.
      for (const [jobId, job] of [...jobListeners]) {
        job.on({ type: 'error', jobId, error: { name: 'Error', message: 'The envelope worker was stopped (the backend changed or the panel closed) before this job finished. Run it again; a multipart upload it had started stays in S3, unfinished, until it is aborted.' } });
      }
    };
  }, [connectWorker]);

  const start = useCallback(
    <R,>(
      request:
        | { type: 'seal'; input: SealInput }
        | { type: 'verify'; where: { bucket: string; objectKey: string; original?: Blob } }
        | { type: 'bench'; what: BenchWhat; file: Blob },
      onState: (s: JobState<R>) => void,
    ) => {
      const w = worker.current;
      const jobId = nextId.current++;
      let state: JobState<R> = { ...idle<R>(), running: true };
      onState(state);
      if (!w) {
        onState({ ...state, running: false, error: { name: 'Error', message: 'The envelope worker is not running.' } });
        return () => undefined;
      }
      const t0 = performance.now();
      const job = {
        type: request.type,
        startedAt: t0,
        last: 'sent',
        lastAt: t0,
        on(ev: JobEvent): void {
          job.last = ev.type === 'phase' || ev.type === 'progress' ? `${ev.type} ${ev.phase}` : ev.type;
          job.lastAt = performance.now();
          switch (ev.type) {
            case 'phase':
              state = { ...state, phase: ev.phase, phases: [...state.phases, ev.phase] };
              break;
            case 'progress':
              state = {
                ...state,
                progress: { phase: ev.phase, done: ev.done, total: ev.total },
                progressBy: { ...state.progressBy, [ev.phase]: { done: ev.done, total: ev.total } },
              };
              break;
            case 'result':
              state = { ...state, running: false, result: ev.result as R };
              listeners.current.delete(jobId);
              break;
            case 'error':
              state = { ...state, running: false, error: ev.error };
              listeners.current.delete(jobId);
              break;
          }
          onState(state);
        },
      };
      listeners.current.set(jobId, job);
      w.postMessage({ ...request, jobId } as JobRequest);
      return () => w.postMessage({ type: 'cancel', jobId } satisfies JobRequest);
    },
    [],
  );

  const seal = useCallback((input: SealInput, onState: (s: JobState<SealResult>) => void) => start<SealResult>({ type: 'seal', input }, onState), [start]);
  const verify = useCallback(
    (where: { bucket: string; objectKey: string; original?: Blob }, onState: (s: JobState<VerifyResult>) => void) =>
      start<VerifyResult>({ type: 'verify', where }, onState),
    [start],
  );
  /** Bench only (the app's test hooks on): times the ceiling or step 2 alone in this same worker. */
  const bench = useCallback(
    (what: BenchWhat, file: Blob) =>
      new Promise<BenchTiming>((resolve, reject) => {
        start<BenchTiming>({ type: 'bench', what, file }, (s) => {
          if (s.result) resolve(s.result);
          else if (s.error) reject(Object.assign(new Error(s.error.message), { name: s.error.name }));
        });
      }),
    [start],
  );
  /** The jobs still running, with their last event and how long ago it came (ms). */
  const jobs = useCallback(() => {
    const t = performance.now();
    return [...listeners.current].map(([id, r]) => ({ id, type: r.type, runningMs: Math.round(t - r.startedAt), last: r.last, sinceLastMs: Math.round(t - r.lastAt) }));
  }, []);
  return { ready, workerError, seal, verify, bench, jobs };
}
