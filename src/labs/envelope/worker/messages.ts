import type { BenchTiming, BenchWhat } from './bench-jobs';
import type { AfterAbort, Phase, SealInput, SealResult, VerifyResult } from '../lib/envelope-job';

/** Page -> envelope worker. Files travel as File objects (structured clone shares them, no copy). */
export type JobRequest =
  | { type: 'seal'; jobId: number; input: SealInput }
  | { type: 'verify'; jobId: number; where: { bucket: string; objectKey: string; original?: Blob } }
  | { type: 'cancel'; jobId: number }
  /** Bench only (the app's test hooks on): time the ceiling or step 2 alone (bench-jobs.ts). */
  | { type: 'bench'; jobId: number; what: BenchWhat; file: Blob };

/** Envelope worker -> page. */
export type JobEvent =
  | { type: 'phase'; jobId: number; phase: Phase; detail?: Record<string, unknown> }
  | { type: 'progress'; jobId: number; phase: Phase; done: number; total: number }
  | { type: 'result'; jobId: number; result: SealResult | VerifyResult | BenchTiming }
  | { type: 'error'; jobId: number; error: JobError };

export interface JobError {
  name: string;
  message: string;
  chunkIndex?: number;
  /** After a cancel: what S3 answered about the aborted upload and the object. */
  afterAbort?: AfterAbort;
}
