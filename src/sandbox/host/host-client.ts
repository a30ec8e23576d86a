/**
 * The page's end of the conversation with the engine: numbered calls, one reply each. The link to
 * the engine may change (a new leader tab): calls not yet answered are sent again on the new link,
 * and a reply to a call already answered is dropped, so no call is lost or answered twice.
 */
import type { CredentialRecord } from '../shared/principal';
import type { HostCall, HostError, HostMessage, HostRequest, SandboxChange } from './messages';

export interface Link {
  /** Whether a call's transferables may be moved over this link (false: they must be clonable). */
  readonly transfers: boolean;
  send(msg: HostRequest, transfer: Transferable[]): void;
}

interface Pending {
  msg: HostRequest;
  transfer: Transferable[];
  /** Its transferables were moved to the engine (a handed-over body): the call cannot be sent again. */
  moved: boolean;
  /** When it was first sent (performance.now()), for `unanswered`. */
  sentAt: number;
  /** The watch's own ping: not a call the page waits on (any other call, a ping included, is). */
  watchPing?: boolean;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

export type ChangeListener = (change: SandboxChange, offsetMs: number) => void;

/**
 * How a page notices an engine that stopped (a SharedWorker the browser shut down answers nothing,
 * and Chromium fires no event on the page's port): while calls wait, a page that has heard nothing
 * from the engine for `everyMs` sends a ping, which the engine answers at once, outside its queue of
 * calls; no answer within `lostAfterMs` of the ping and the engine is taken for lost. Both are
 * generous: a busy engine still answers a ping between two of its steps, within a second or so.
 */
export interface EngineWatch {
  everyMs: number;
  lostAfterMs: number;
  /** Called once per loss, after every waiting call has failed: the connection starts a new engine. */
  onLost(): void;
  /** What the waiting calls fail with, when the connection knows better than ENGINE_LOST_MESSAGE. */
  lostMessage?(): string | undefined;
}

export const DEFAULT_ENGINE_WATCH = { everyMs: 5_000, lostAfterMs: 60_000 } as const;

/** The same, in a tab whose engine runs in another tab (the leader) that stopped answering. */
export const LEADER_LOST_MESSAGE =
  "The tab that runs this lab's sandbox engine stopped answering (it may be frozen, asleep or closing), so this call may or may not have been done. " +
  'Bring that tab back or close it, check what the call was to change, then run it again.';

/** The error every waiting call fails with when its engine is lost (and the page starts a new one). */
export const ENGINE_LOST_MESSAGE =
  "The sandbox's engine stopped answering (the browser shut its worker down), so this call may or may not have been done. " +
  'A new engine has been started on the lab saved in this browser: check what the call was to change, then run it again.';

/** An error the engine reported, rebuilt on this side with its name (SandboxStoreError, QuotaExceededError…). */
export class HostCallError extends Error {
  readonly problem: string | undefined;
  constructor(e: HostError) {
    super(e.message);
    this.name = e.name;
    this.problem = e.problem;
  }
}

export class HostClient {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private link: Link | undefined;
  private readonly changeListeners = new Set<ChangeListener>();
  /** The vended credentials as the engine last reported them: memory only, for a handover. */
  credentials: CredentialRecord[] = [];
  offsetMs = 0;
  /** When the engine was last heard from, or when this page began waiting on it (performance.now()). */
  private lastHeard = 0;
  /** When the ping now unanswered was sent. */
  private pingSentAt: number | undefined;

  get transfers(): boolean {
    return this.link?.transfers ?? false;
  }

  /** Uses a new link; every call still unanswered is sent on it. */
  setLink(link: Link): void {
    this.link = link;
    this.resendPending();
  }

  /** Sends every unanswered call again on the current link (a new leader appeared). */
  resendPending(): void {
    const link = this.link;
    if (!link) return;
    // A new engine (or leader) gets the watch's whole wait from now: it may still be starting.
    this.lastHeard = performance.now();
    this.pingSentAt = undefined;
    for (const [id, p] of this.pending) {
      if (p.moved) {
        // The body went to the engine that is gone, and this page no longer has it (page-sandbox.ts
        // moves a body only when its caller handed it over, for one attempt): fail, never send it empty.
        this.pending.delete(id);
        p.reject(new HostCallError({ name: 'Error', message: "The sandbox's engine changed while it held this request's body; send the request again." }));
        continue;
      }
      link.send(p.msg, link.transfers ? p.transfer : []);
      p.moved = link.transfers && p.transfer.length > 0;
    }
  }

  /**
   * One call, answered once. A ping sent here is a call like any other, watched like one: a page that
   * wants to know whether its engine still runs (the leader tab, told by a follower) sends one.
   */
  call<T>(call: HostCall, transfer: Transferable[] = []): Promise<T> {
    // The first call after a quiet spell starts the wait the watch measures.
    if (!this.waiting()) this.lastHeard = performance.now();
    return this.send<T>(call, transfer, false);
  }

  private send<T>(call: HostCall, transfer: Transferable[], watchPing: boolean): Promise<T> {
    const id = this.nextId++;
    const msg = { ...call, id } as HostRequest;
    return new Promise<T>((resolve, reject) => {
      const moved = Boolean(this.link?.transfers) && transfer.length > 0;
      this.pending.set(id, { msg, transfer, moved, sentAt: performance.now(), watchPing, resolve: resolve as (v: unknown) => void, reject });
      this.link?.send(msg, this.link.transfers ? transfer : []);
    });
  }

  /** The calls still waiting for an answer, oldest first, with how long they have waited (diagnostics). */
  unanswered(): { op: string; waitedMs: number }[] {
    const now = performance.now();
    return [...this.pending.values()].map((p) => ({ op: p.msg.op, waitedMs: Math.round(now - p.sentAt) }));
  }

  /** Whether a call other than the watch's own ping is waiting for its answer. */
  private waiting(): boolean {
    for (const p of this.pending.values()) if (!p.watchPing) return true;
    return false;
  }

  /**
   * Watches the engine while calls wait (EngineWatch); returns the function that stops watching. The
   * timer only looks at the clock and the waiting calls: an idle page sends nothing.
   */
  watch(w: EngineWatch): () => void {
    const tick = () => {
      if (!this.waiting()) {
        this.pingSentAt = undefined;
        return;
      }
      const now = performance.now();
      if (this.pingSentAt !== undefined && this.lastHeard >= this.pingSentAt) this.pingSentAt = undefined;
      if (this.pingSentAt === undefined) {
        if (now - this.lastHeard < w.everyMs) return;
        this.pingSentAt = now;
        // Answered or failed, the answer itself is what counts (receive notes it); a lost ping fails with the rest.
        this.send<null>({ op: 'ping' }, [], true).catch(() => undefined);
        return;
      }
      if (now - this.pingSentAt < w.lostAfterMs) return;
      this.pingSentAt = undefined;
      this.failWaiting({ name: 'SandboxEngineStopped', message: w.lostMessage?.() ?? ENGINE_LOST_MESSAGE });
      w.onLost();
    };
    const timer = setInterval(tick, Math.max(50, Math.min(w.everyMs, w.lostAfterMs) / 4));
    return () => clearInterval(timer);
  }

  /** Fails every waiting call with `error` (their engine is gone: nothing will answer them). */
  failWaiting(error: HostError): void {
    const calls = [...this.pending.values()];
    this.pending.clear();
    for (const p of calls) p.reject(new HostCallError(error));
  }

  receive(m: HostMessage): void {
    this.lastHeard = performance.now();
    if (m.t === 'reply') {
      const p = this.pending.get(m.id);
      if (!p) return; // already answered (a resent call answered by both leaders)
      this.pending.delete(m.id);
      if (m.ok) p.resolve(m.value);
      else p.reject(new HostCallError(m.error));
    } else if (m.t === 'credentials') {
      this.credentials = m.records;
    } else if (m.t === 'change') {
      this.offsetMs = m.offsetMs;
      for (const l of this.changeListeners) {
        try {
          l(m.change, m.offsetMs);
        } catch (e) {
          console.error('[sandbox host] change listener failed:', e);
        }
      }
    }
  }

  subscribe(listener: ChangeListener): () => void {
    this.changeListeners.add(listener);
    return () => void this.changeListeners.delete(listener);
  }
}
