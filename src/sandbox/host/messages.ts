/**
 * The messages between a page and the engine host (a SharedWorker, or the dedicated Worker of the
 * leader tab, reached directly or over BroadcastChannel). Everything here is structured-cloneable.
 */
import type { CredentialRecord } from '../shared/principal';

/**
 * A request body as it crosses to the engine: strings and bytes are copied, streams transferred. An
 * array is one body sent as its chunks, in order (a lab's upload that was never joined: the engine
 * reads the chunks one after another).
 */
export type WireBody = string | Uint8Array | Uint8Array[] | Blob | ReadableStream<Uint8Array> | undefined;

export interface WireRequest {
  method: string;
  protocol?: string;
  hostname: string;
  port?: number;
  path: string;
  query: Record<string, string | string[] | null>;
  headers: Record<string, string>;
  body: WireBody;
  /** When the page sent it (Date.now()): the engine's request quotas count a call at its arrival. */
  sentAt?: number;
}

export interface WireResponse {
  statusCode: number;
  headers: Record<string, string>;
  body: Uint8Array | Blob | ReadableStream<Uint8Array>;
}

/** A committed change to the state, broadcast to every tab (the shape `sandbox.subscribe` gives). */
export interface SandboxChange {
  epoch: number;
  kind: 'commit' | 'reset' | 'clock' | 'import';
  services: string[];
}

/** Test-only faults the store can be told to raise on its next commit. */
export type StoreFault = 'quota' | 'closed' | 'blocked';

export type HostCall =
  | { op: 'handle'; request: WireRequest }
  | { op: 'status' }
  | { op: 'advance'; days: number }
  | { op: 'reset' }
  | { op: 'export-lab' }
  | { op: 's3-data-events' }
  /** The export as text (the demo seed) or a Blob (a File the learner chose): Blobs cross by reference. */
  | { op: 'import-lab'; source: string | Blob }
  | { op: 'clear-store' }
  | { op: 'adopt-credentials'; records: CredentialRecord[] }
  | { op: 'test-fault'; fault: StoreFault }
  /** Answered at once, outside the engine's queue of calls: the page's sign that the engine still runs (host-client.ts, EngineWatch). */
  | { op: 'ping' }
  /** Test-only: the engine's worker closes itself after answering, as when the browser shuts it down. */
  | { op: 'test-stop' }
  /** Read-only: an S3 object's stored form, for the S3 SSE lab's raw-storage view. */
  | { op: 'inspect-s3-object'; bucket: string; key: string }
  /** Reads the request-quota mode, or sets it first ('off' | 'aws' | 'teaching'); answers QuotaStatus. */
  | { op: 'quota-mode'; mode?: 'off' | 'aws' | 'teaching' };

/** The request quotas as the quotas lab shows them (src/sandbox/shared/quotas.ts). */
export interface QuotaStatus {
  mode: 'off' | 'aws' | 'teaching';
  usage: { family: string; accountId: string; region: string; ratePerSecond: number; available: number; throttled: number; allowed: number }[];
}

export interface HostStatus {
  /** The simulated clock's lead over the wall clock. */
  offsetMs: number;
  epoch: number;
  /** 'shared-worker' | 'leader-worker' | 'tab-worker': where the engine runs (tests and the docs). */
  host: string;
}

export type HostRequest = HostCall & { id: number };

export interface HostError {
  name: string;
  message: string;
  /** SandboxStoreError's problem ('corrupt' | 'version' | 'unreadable'). */
  problem?: string;
}

export type HostReply = { t: 'reply'; id: number; ok: true; value: unknown } | { t: 'reply'; id: number; ok: false; error: HostError };

export type HostEvent =
  | { t: 'change'; change: SandboxChange; offsetMs: number }
  /** Every credential record the engine vended so far (memory only): what a new leader hands to its engine. */
  | { t: 'credentials'; records: CredentialRecord[] };

export type HostMessage = HostReply | HostEvent;

/** BroadcastChannel traffic between tabs when there is no SharedWorker. */
export type TabMessage =
  | { k: 'call'; from: string; msg: HostRequest }
  | { k: 'reply'; to: string; msg: HostReply }
  | { k: 'event'; msg: HostEvent }
  /** `newEngine`: the leader started a new engine (its old one stopped): followers send their waiting calls again. */
  | { k: 'leader'; leaderId: string; newEngine?: boolean }
  | { k: 'who' }
  /** A follower's calls went unanswered: the leader checks its engine (a ping) and starts a new one if it is gone. */
  | { k: 'lost' };

export const CHANNEL_NAME = 'kms-study-lab-sandbox';
export const LEADER_LOCK = 'kms-study-lab-sandbox-leader';
