/**
 * The worker entry: the engine with the IndexedDB store, off the page's main thread (its
 * cryptography and hashing too). Started as a SharedWorker (every tab connects to the one instance)
 * or, where the browser has none, as the leader tab's dedicated Worker (src/sandbox/host/leader.ts).
 * Vite bundles it from `new SharedWorker(new URL('./worker.ts', import.meta.url), { type: 'module' })`.
 */
import '../shared/zod-jitless';
import { createSandbox, openIndexedDbStore } from '../index';
import { EngineHost, type HostPort } from './engine-host';
import type { HostRequest } from './messages';

/** The page puts `+test` in the worker's name when the app runs with its test hooks on. */
const name = (globalThis as { name?: string }).name ?? '';
const testHooks = name.endsWith('+test');
const isShared = 'onconnect' in globalThis;

const host = new EngineHost({
  hostKind: isShared ? 'shared-worker' : 'leader-worker',
  testHooks,
  stop: () => (globalThis as unknown as { close(): void }).close(),
  // The page runs with AWS's request quotas (docs/quotas.md); the quotas lab switches to the teaching scale.
  open: async () => createSandbox({ store: await openIndexedDbStore(), quotas: 'aws' }),
  clearStore: async () => {
    const { createIndexedDbStore } = await import('../store/indexeddb-store');
    const store = await createIndexedDbStore();
    await store.clear();
    await store.close?.();
  },
});

// The page starts this worker only where the sandbox is the likely backend (src/connection/early-start.ts),
// and its first call opens the engine (the store's chunk, IndexedDB, the lab's state). So the worker
// opens it as soon as it has started, without waiting for that call: the call's message arrived
// 40-90 ms after this module had evaluated in Chromium, and the opening runs in that time instead
// (docs/app-shell.md "Loading, in order"). A failure here is not reported: the first call opens the
// engine again and answers with the error (a store that cannot be opened offers its export and a
// reset). In a task of its own: an import() made while this module was still evaluating held that
// evaluation back by 200-400 ms in Chromium, measured with marks on either side of it.
setTimeout(() => host.warmUp(), 0);

function isHostRequest(data: unknown): data is HostRequest {
  const d = data as { id?: unknown; op?: unknown } | null;
  return typeof d === 'object' && d !== null && typeof d.id === 'number' && typeof d.op === 'string';
}

/** A MessagePort, or the dedicated worker's own scope (the lib here is DOM's, not WebWorker's). */
interface Endpoint {
  postMessage(message: unknown, transfer: Transferable[]): void;
  addEventListener(type: 'message', listener: (ev: MessageEvent) => void): void;
  start?(): void;
}

function serve(port: Endpoint): void {
  const hostPort: HostPort = { postMessage: (m, transfer) => port.postMessage(m, transfer) };
  host.addPort(hostPort);
  port.addEventListener('message', (ev: MessageEvent) => {
    if (isHostRequest(ev.data)) void host.handle(hostPort, ev.data);
  });
  port.start?.();
}

if (isShared) {
  globalThis.addEventListener('connect', (ev) => {
    const port = (ev as MessageEvent).ports[0];
    if (port) serve(port);
  });
} else {
  serve(globalThis as unknown as Endpoint);
}
