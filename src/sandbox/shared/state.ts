import type { KmsState } from '../kms/kms-models';
import type { CognitoState } from '../cognito/cognito-models';
import type { TrailEvent } from './trail-types';
import type { TrailPage, TrailQuery } from './trail-query';
import type { S3State } from '../s3/s3-models';

/**
 * The schema of what the sandbox stores. 1: one document per lab (regions only, the account fixed).
 * 2: one record per resource keyed by account, region, service, kind and id (store/records.ts), the
 * trail in its own store. Bump it with a step in store/migrations.ts; never refuse an older lab.
 */
export const SCHEMA_VERSION = 2;

/** One account's services. Plain data (structured-clone friendly): IndexedDB stores records of it as they are. */
export interface AccountState {
  kms: KmsState;
  cognito: CognitoState;
  /** S3's buckets and object metadata (created on first use); object bodies live in the store's blob area. */
  s3?: S3State;
}

/**
 * The whole lab in memory: every account, the simulated clock and the trail. What is persisted is its
 * records (store/records.ts) and the trail's events; vended credentials are never here.
 */
export interface LabModel {
  schemaVersion: number;
  /** Simulated clock = wall clock + offsetMs; the offset only moves forward. */
  clock: { offsetMs: number };
  accounts: Record<string, AccountState>;
  trail: TrailLog;
}

/**
 * The trail as a call sees it. The records live in the store's trail store (store/lab.ts); `events`
 * holds only those not yet committed there (oldest first), so memory does not grow with the trail.
 * `lookup` reads the store (committing those first); without a store behind the model (unit tests of
 * operations on `initialState()`), `events` is the whole trail and LookupEvents reads it.
 */
export interface TrailLog {
  events: TrailEvent[];
  nextSeq: number;
  lookup?: (q: TrailQuery) => Promise<TrailPage>;
}

/**
 * What operations see as `ctx.state`: ONE account's services plus the shared clock and trail (a view
 * over the LabModel, so `ctx.state.kms.regions[region]` is the caller's account's region).
 */
export interface SandboxState {
  schemaVersion: number;
  clock: { offsetMs: number };
  kms: KmsState;
  cognito: CognitoState;
  trail: TrailLog;
  /** S3 buckets and object metadata (bodies are in the store's blob area); created on first use. */
  s3?: S3State;
}

export const emptyAccount = (): AccountState => ({ kms: { regions: {} }, cognito: { regions: {} } });

/**
 * The view of one account. The account is created in memory if absent; it is stored only once it
 * holds a resource (records), so a read never creates an account or a region in the store.
 */
export function accountView(lab: LabModel, accountId: string): SandboxState {
  const acct = (lab.accounts[accountId] ??= emptyAccount());
  // An accessor in the literal, not arrow functions in a descriptor: tsx's keepNames names each such
  // arrow with an Object.defineProperty every time a view is made (request-handler.ts, run).
  const view = {
    schemaVersion: lab.schemaVersion,
    clock: lab.clock,
    kms: acct.kms,
    cognito: acct.cognito,
    trail: lab.trail,
    get s3(): S3State | undefined {
      return acct.s3;
    },
    set s3(v: S3State | undefined) {
      acct.s3 = v;
    },
  } as SandboxState;
  return view;
}
