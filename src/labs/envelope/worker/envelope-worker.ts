/// <reference lib="webworker" />
/**
 * The envelope lab's Worker: reading, chunking, AES-GCM, hashing, SigV4 signing and the S3 upload
 * all run here, so the page stays responsive whatever the file size. Its KMS and S3 clients come
 * from the connection layer (workerClients), served by the page with the active backend.
 */
import '../../../lib/zod-jitless';
import { workerClients } from '../../../connection/worker-clients';
import { readAndVerify, sealAndStore, type AfterAbort, type JobHooks, type Phase, type SealInput } from '../lib/envelope-job';
import { runBench } from './bench-jobs';
import type { JobRequest, JobEvent } from './messages';

declare const self: DedicatedWorkerGlobalScope;

/**
 * How the parts are sent (the panel says so too): UNSIGNED-PAYLOAD over HTTPS and no extra checksum.
 * Every chunk (512 KiB) already carries an AES-GCM tag that the read-back checks, and TLS protects the
 * bytes in transit; signing the payload or adding CRC32 would hash every byte once more here and again
 * in S3 (in the browser sandbox both are plain JavaScript), for no integrity the tags do not give.
 */
const UPLOAD_CHOICES = { unsignedPayloadOverHttps: true, requestChecksumCalculation: 'WHEN_REQUIRED' } as const;

const ready = workerClients(self, UPLOAD_CHOICES);
const running = new Map<number, AbortController>();

function post(ev: JobEvent) {
  self.postMessage(ev);
}

/**
 * How often a phase's progress goes to the page at most. Each update redraws the panel's bars, a new
 * frame, and in headless Chromium (software compositing) a frame cost the compositor about 13 ms of
 * CPU. With 50 ms, the page, its compositor and Chromium's viz thread used about 0.9 s of CPU per
 * 128 MiB stored from the panel; with 250 ms (and the inspector's count batched) about 0.6 s, time
 * given back to the encryption and the store on a two-core machine (docs/envelope.md, "The page during
 * a job"). Four updates a second still move a bar smoothly.
 */
const PROGRESS_EVERY_MS = 250;

function hooksFor(jobId: number, signal: AbortSignal): JobHooks {
  // Per phase: encryption and upload run together, and one must not crowd out the other's updates.
  const last = new Map<Phase, number>();
  return {
    signal,
    onPhase: (phase: Phase, detail?: Record<string, unknown>) => post({ type: 'phase', jobId, phase, detail }),
    onProgress: (phase: Phase, done: number, total: number) => {
      // At most PROGRESS_EVERY_MS apart per phase, and always the last one.
      const now = performance.now();
      if (done < total && now - (last.get(phase) ?? -Infinity) < PROGRESS_EVERY_MS) return;
      last.set(phase, now);
      post({ type: 'progress', jobId, phase, done, total });
    },
  };
}

self.addEventListener('message', (ev: MessageEvent<JobRequest | { type?: string }>) => {
  const msg = ev.data as JobRequest;
  if (msg.type === 'cancel') {
    running.get(msg.jobId)?.abort(new DOMException('Cancelled by the learner.', 'AbortError'));
    return;
  }
  if (msg.type === 'bench') {
    void runBench(msg.what, msg.file).then(
      (result) => post({ type: 'result', jobId: msg.jobId, result }),
      (e: unknown) => post({ type: 'error', jobId: msg.jobId, error: { name: 'Error', message: String(e) } }),
    );
    return;
  }
  if (msg.type !== 'seal' && msg.type !== 'verify') return;
  const ctl = new AbortController();
  running.set(msg.jobId, ctl);
  void (async () => {
    try {
      const { kms, s3, chunkedBodies } = await ready;
      const hooks = hooksFor(msg.jobId, ctl.signal);
      const result =
        msg.type === 'seal'
          ? await sealAndStore(kms, s3, msg.input satisfies SealInput, hooks, { chunkedBodies })
          : await readAndVerify(kms, s3, msg.where, hooks);
      post({ type: 'result', jobId: msg.jobId, result });
    } catch (e) {
      const err = e as { name?: string; message?: string; chunkIndex?: number; afterAbort?: AfterAbort };
      post({
        type: 'error',
        jobId: msg.jobId,
        error: { name: err.name ?? 'Error', message: err.message ?? String(e), ...(err.chunkIndex !== undefined ? { chunkIndex: err.chunkIndex } : {}),
          ...(err.afterAbort ? { afterAbort: err.afterAbort } : {}),
        },
      });
    } finally {
      running.delete(msg.jobId);
    }
  })();
});
