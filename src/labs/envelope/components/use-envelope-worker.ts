import { useCallback, useEffect, useRef, useState } from 'react';
import { useConnection } from '../../../connection';
import type { SealInput, SealResult, VerifyResult } from '../lib/envelope-job';
import { JobTable, type JobState } from '../lib/job-table';
import type { BenchTiming, BenchWhat } from '../worker/bench-jobs';
import type { JobEvent, JobRequest } from '../worker/messages';

export type { JobState } from '../lib/job-table';

/** What a job still running hears when its worker is torn down (a backend change, the panel closed). */
const WORKER_STOPPED =
  'The envelope worker was stopped (the backend changed or the panel closed) before this job finished. Run it again; a multipart upload it had started stays in S3, unfinished, until it is aborted.';

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
  /** The running jobs, each with its listener, kind and last event (lib/job-table.ts). */
  const table = useRef(new JobTable());
  const [ready, setReady] = useState(false);
  const [workerError, setWorkerError] = useState<string>();

  useEffect(() => {
    if (!connectWorker) {
      setWorkerError('This connection cannot serve a worker.');
      return;
    }
    const jobs = table.current;
    const w = new Worker(new URL('../worker/envelope-worker.ts', import.meta.url), { type: 'module', name: 'envelope-lab' });
    worker.current = w;
    const route = (ev: MessageEvent<JobEvent>) => jobs.route(ev.data);
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
      jobs.failAll({ name: 'Error', message: WORKER_STOPPED });
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
      const jobId = table.current.start(request.type, onState);
      if (!w) {
        table.current.fail(jobId, { name: 'Error', message: 'The envelope worker is not running.' });
        return () => undefined;
      }
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
  const jobs = useCallback(() => table.current.list(), []);
  return { ready, workerError, seal, verify, bench, jobs };
}
