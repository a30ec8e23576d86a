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
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

export type ChangeListener = (change: SandboxChange, offsetMs: number) => void;

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

  call<T>(call: HostCall, transfer: Transferable[] = []): Promise<T> {
    const id = this.nextId++;
    const msg = { ...call, id } as HostRequest;
    return new Promise<T>((resolve, reject) => {
      const moved = Boolean(this.link?.transfers) && transfer.length > 0;
      this.pending.set(id, { msg, transfer, moved, sentAt: performance.now(), resolve: resolve as (v: unknown) => void, reject });
      this.link?.send(msg, this.link.transfers ? transfer : []);
    });
  }

  /** The calls still waiting for an answer, oldest first, with how long they have waited (diagnostics). */
  unanswered(): { op: string; waitedMs: number }[] {
    const now = performance.now();
    return [...this.pending.values()].map((p) => ({ op: p.msg.op, waitedMs: Math.round(now - p.sentAt) }));
  }

  receive(m: HostMessage): void {
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
