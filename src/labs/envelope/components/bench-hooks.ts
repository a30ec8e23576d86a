/**
 * `npm run bench` (group `envelope`) drives the panel's own worker and code through this hook. It
 * exists only when the app's test hooks are on (an init script; off in production), as
 * `globalThis.__kmsLabEnvelope`.
 */
import { useEffect } from 'react';
import { testHooksEnabled, useConnection, type LabTestHooks } from '../../../connection';
import type { SealInput, SealResult } from '../lib/envelope-job';
import type { BenchTiming, BenchWhat } from '../worker/bench-jobs';
import type { JobState } from './use-envelope-worker';

export interface EnvelopeBenchHooks {
  ready(): boolean;
  /** Times the ceiling or step 2 alone, in the panel's worker. */
  bench(what: BenchWhat, file: Blob): Promise<BenchTiming>;
  /** The panel's whole job (GenerateDataKey, encrypt, upload into S3), timed from the page. */
  seal(input: SealInput): Promise<{ result: SealResult; ms: number }>;
  /** The panel's Encryption SDK side (default suite, the KMS keyring on the app's client), on the page's thread as in the panel. */
  esdk(bytes: Uint8Array, keyArn: string): Promise<{ bytes: number; ms: number; suiteId: number }>;
  /** What the bench prints when a step does not finish: the worker's jobs and the engine calls this tab waits on. */
  state(): Promise<unknown>;
}

interface Worker {
  ready: boolean;
  bench(what: BenchWhat, file: Blob): Promise<BenchTiming>;
  seal(input: SealInput, onState: (s: JobState<SealResult>) => void): () => void;
  jobs(): unknown[];
}

export function useEnvelopeBenchHooks(worker: Worker): void {
  const conn = useConnection();
  useEffect(() => {
    if (!testHooksEnabled()) return;
    const hooks: EnvelopeBenchHooks = {
      ready: () => worker.ready,
      bench: (what, file) => worker.bench(what, file),
      seal: (input) =>
        new Promise((resolve, reject) => {
          const t0 = performance.now();
          worker.seal(input, (s) => {
            if (s.result) resolve({ result: s.result, ms: performance.now() - t0 });
            else if (s.error) reject(Object.assign(new Error(s.error.message), { name: s.error.name }));
          });
        }),
      state: async () => {
        const sandbox = await (globalThis as { __kmsLab?: LabTestHooks }).__kmsLab?.sandbox();
        return {
          workerReady: worker.ready,
          jobs: worker.jobs(),
          hostMode: sandbox?.hostMode?.(),
          unanswered: sandbox?.unanswered?.(),
          visibility: document.visibilityState,
        };
      },
      esdk: async (bytes, keyArn) => {
        const [{ esdkSession }, kms] = await Promise.all([import('../lib/esdk-side'), conn.clients.kms()]);
        const t0 = performance.now();
        const { ciphertext, header } = await esdkSession(kms, keyArn).encrypt(bytes, { purpose: 'bench' });
        const ms = performance.now() - t0;
        if (ciphertext.length <= bytes.length) throw new Error('the Encryption SDK returned less than it was given');
        return { bytes: bytes.length, ms, suiteId: header.suiteId };
      },
    };
    (globalThis as { __kmsLabEnvelope?: EnvelopeBenchHooks }).__kmsLabEnvelope = hooks;
    return () => {
      delete (globalThis as { __kmsLabEnvelope?: EnvelopeBenchHooks }).__kmsLabEnvelope;
    };
  }, [worker, conn.clients]);
}
