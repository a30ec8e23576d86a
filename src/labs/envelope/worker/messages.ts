import type { Phase, SealInput, SealResult, VerifyResult } from '../lib/envelope-job';

/** Page -> envelope worker. Files travel as File objects (structured clone shares them, no copy). */
export type JobRequest =
  | { type: 'seal'; jobId: number; input: SealInput }
  | { type: 'verify'; jobId: number; where: { bucket: string; objectKey: string; original?: Blob } }
  | { type: 'cancel'; jobId: number };

/** Envelope worker -> page. */
export type JobEvent =
  | { type: 'phase'; jobId: number; phase: Phase; detail?: Record<string, unknown> }
  | { type: 'progress'; jobId: number; phase: Phase; done: number; total: number }
  | { type: 'result'; jobId: number; result: SealResult | VerifyResult }
  | { type: 'error'; jobId: number; error: { name: string; message: string; chunkIndex?: number } };
