import type { KmsState } from '../kms/kms-models';
import type { CognitoState } from '../cognito/cognito-models';
import type { TrailEvent } from './trail-types';
import type { S3State } from '../s3/s3-models';

/**
 * Everything the sandbox persists. Structured-clone friendly (Uint8Array allowed, no classes,
 * no functions) so IndexedDB stores it as is; the JSON file store encodes bytes itself.
 * Credentials vended by STS are NOT here: they live in memory only (see RuntimeState).
 * Bump SCHEMA_VERSION on any incompatible change; stores reject other versions clearly.
 */
export const SCHEMA_VERSION = 1;

export interface SandboxState {
  schemaVersion: number;
  /** Simulated clock = wall clock + offsetMs; the offset only moves forward. */
  clock: { offsetMs: number };
  kms: KmsState;
  cognito: CognitoState;
  trail: { events: TrailEvent[]; nextSeq: number };
  /** S3 buckets and object metadata (bodies are in the store's blob area); created on first use. */
  s3?: S3State;
}
