import { z } from 'zod';

/**
 * What an experiment observed on the active backend: a success value the learner can predict
 * (a key state, a byte count, "decrypted") or the name of the AWS error the SDK raised.
 * Never a secret: experiments return labels, not plaintext or key material.
 */
export const outcomeSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('success'),
    value: z.string().min(1).max(200),
    /** Optional extra shown to the learner (e.g. the key ARN that answered). */
    detail: z.string().max(500).optional(),
  }),
  z.object({
    kind: z.literal('error'),
    name: z.string().min(1).max(200),
    message: z.string().max(2000).optional(),
    /** True when a preparation step failed (e.g. CreateKey denied), not the step being predicted. */
    setup: z.boolean().optional(),
  }),
]);
export type Outcome = z.infer<typeof outcomeSchema>;

/** What a prediction option stands for: an error by name, or a success value. */
export const predictedOutcomeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('success'), value: z.string().min(1).max(200) }),
  z.object({ kind: z.literal('error'), name: z.string().min(1).max(200) }),
]);
export type PredictedOutcome = z.infer<typeof predictedOutcomeSchema>;

/**
 * The error name of an experiment that needs the sandbox (its administrator or demo roles): on the
 * aws and endpoint backends it ends ungraded, and the question says so plainly.
 */
export const SANDBOX_ONLY = 'SandboxOnly';

export function outcomeMatches(predicted: PredictedOutcome, actual: Outcome): boolean {
  if (actual.kind === 'error' && actual.setup) return false;
  if (predicted.kind === 'success') return actual.kind === 'success' && actual.value === predicted.value;
  return actual.kind === 'error' && actual.name === predicted.name;
}

export function describeOutcome(outcome: Outcome | PredictedOutcome): string {
  return outcome.kind === 'success' ? `Success: ${outcome.value}` : outcome.name;
}

/**
 * Turns anything thrown into an error outcome. The AWS SDK sets `name` to the AWS error code
 * (ValidationException, InvalidCiphertextException...), on every backend alike.
 */
export function outcomeFromError(error: unknown, setup = false): Outcome {
  let name = 'Error';
  let message: string | undefined;
  if (typeof error === 'object' && error !== null) {
    const candidate = (error as { name?: unknown }).name;
    if (typeof candidate === 'string' && candidate.length > 0) name = candidate;
    const text = (error as { message?: unknown }).message;
    // The JS SDK fills in "UnknownError" when AWS sends no message (InvalidCiphertextException does not).
    if (typeof text === 'string' && text.length > 0 && text !== 'UnknownError') message = text.slice(0, 2000);
  } else if (typeof error === 'string' && error.length > 0) {
    message = error.slice(0, 2000);
  }
  return { kind: 'error', name: name.slice(0, 200), ...(message ? { message } : {}), ...(setup ? { setup: true } : {}) };
}
