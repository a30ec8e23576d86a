import type { SandboxState } from '../shared/state';
import { StoreConflictError, type SandboxStore } from './store';

/**
 * The persistence rules for calls. One call at a time in this process (a promise queue). With a
 * shared store (IndexedDB: several tabs) each call runs under the cross-tab lock, reloads first if
 * another tab saved, and saves before answering; a revision conflict reloads and runs the call again.
 * With an unshared store, mutating calls wait for their save and read-only calls (which only add a
 * trail record) let the save happen behind them, coalesced. The memory store keeps a reference to the
 * live state, so the Encrypt/Decrypt hot path never serialises anything.
 */
export class Persistence {
  state: SandboxState;
  revision = 0;
  private queue: Promise<unknown> = Promise.resolve();
  private saveChain: Promise<void> = Promise.resolve();
  private dirty = false;

  constructor(
    readonly store: SandboxStore,
    initial: SandboxState,
    private readonly onError: (e: unknown) => void,
    private readonly onReload: () => void = () => {},
  ) {
    this.state = initial;
  }

  /** Loads the stored state, or saves the initial one. Throws SandboxStoreError for a bad store. */
  async open(fresh: () => SandboxState): Promise<void> {
    const stored = await this.store.load();
    if (stored) {
      this.state = stored.state;
      this.revision = stored.revision;
    } else {
      this.state = fresh();
      this.revision = await this.store.save(this.state, 0);
    }
  }

  private async reload(): Promise<void> {
    const stored = await this.store.load();
    if (stored) {
      this.state = stored.state;
      this.revision = stored.revision;
      this.onReload();
    }
  }

  /** Serialises fn with every other call; saves according to the store's kind. */
  run<T>(mutating: boolean, fn: () => Promise<T>): Promise<T> {
    const task = () => (this.store.shared ? this.runShared(fn) : this.runLocal(mutating, fn));
    const p = this.queue.then(task, task);
    this.queue = p.catch(() => undefined);
    return p;
  }

  private async runLocal<T>(mutating: boolean, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } finally {
      if (this.store.kind !== 'memory') {
        const saved = this.requestSave();
        if (mutating) await saved;
      }
    }
  }

  private async runShared<T>(fn: () => Promise<T>): Promise<T> {
    const attempt = async (): Promise<T> => {
      for (let i = 0; ; i++) {
        const head = await this.store.revision();
        if (head !== undefined && head !== this.revision) await this.reload();
        let result: { ok: true; value: T } | { ok: false; error: unknown };
        try {
          result = { ok: true, value: await fn() };
        } catch (error) {
          result = { ok: false, error };
        }
        try {
          this.revision = await this.store.save(this.state, this.revision);
        } catch (e) {
          if (e instanceof StoreConflictError && i < 20) {
            await this.reload();
            continue;
          }
          this.onError(e);
        }
        if (result.ok) return result.value;
        throw result.error;
      }
    };
    return this.store.exclusive ? this.store.exclusive(attempt) : attempt();
  }

  /** Coalesced background save (unshared stores). Resolves once the state as of now is written. */
  requestSave(): Promise<void> {
    this.dirty = true;
    const p = this.saveChain.then(async () => {
      if (!this.dirty) return;
      this.dirty = false;
      try {
        this.revision = await this.store.save(this.state, this.revision);
      } catch (e) {
        this.onError(e);
      }
    });
    this.saveChain = p;
    return p;
  }

  /** Replaces the whole state (reset, import) and saves it. */
  replace(next: SandboxState): Promise<void> {
    return this.run(true, async () => {
      this.state = next;
      if (this.store.kind === 'memory') this.revision = await this.store.save(next, this.revision);
    });
  }

  /** Empties the store (state and blobs) and starts again from `fresh`. */
  reset(fresh: SandboxState): Promise<void> {
    return this.run(true, async () => {
      await this.store.clear();
      this.state = fresh;
      this.revision = await this.store.save(fresh, 0);
    });
  }

  /** Waits for pending background saves (tests, server shutdown). */
  async flush(): Promise<void> {
    await this.queue;
    await this.saveChain;
  }
}
