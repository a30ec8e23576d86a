/**
 * SDK clients inside a Web Worker, from the connection layer (panels still never build clients).
 *
 * A lab that does heavy work (the envelope lab encrypts gigabytes) runs it in a dedicated Worker, and
 * the SDK calls that go with it run there too, so SigV4 signing and payload hashing stay off the
 * page's thread. The page keeps what only it has — the learner's credentials (memory only), the
 * sandbox's request handler, the inspector — and serves them over a MessagePort:
 *
 *   page: connectWorker(worker)  ── { type: 'kms-lab:connect', init, port } ──>  worker: acceptConnection()
 *          serves on the port:  credentials | http (sandbox only) | inspector begin/update
 *
 * On the aws and endpoint backends the worker's clients send their requests with fetch themselves;
 * on the sandbox they are forwarded to the page's sandbox handler. Request bodies are transferred,
 * not copied, when the client makes one attempt per call (nothing will resend them).
 */
import { isAsyncIterable, toWebStream } from '../sandbox/protocol/body';
import type { AwsCredentialIdentity } from '@smithy/types';
import type { InspectorEntry, InspectorStore } from './inspector-store';
import type { BackendKind } from './types';

export const CONNECT_MESSAGE = 'kms-lab:connect';

/** What the worker needs to build its clients: nothing secret. */
export interface WorkerClientInit {
  backend: BackendKind;
  region: string;
  endpoint?: string;
  forcePathStyle: boolean;
  maxAttempts?: number;
  /** True when requests go back to the page (the sandbox runs behind the page's handler). */
  forward: boolean;
}

export interface WireRequest {
  method: string;
  protocol: string;
  hostname: string;
  port?: number;
  path: string;
  query: Record<string, string | string[] | null>;
  headers: Record<string, string>;
  /** An array: a body sent as its chunks, in order (chunked-body.ts), never joined on the way. */
  body?: Uint8Array | Uint8Array[] | ReadableStream<Uint8Array> | Blob;
}

export interface WireResponse {
  statusCode: number;
  headers: Record<string, string>;
  body?: Uint8Array | ReadableStream<Uint8Array> | Blob;
}

export type WorkerToPage =
  | { kind: 'credentials'; id: number }
  | { kind: 'http'; id: number; request: WireRequest }
  | { kind: 'inspector-begin'; id: number; entry: Omit<InspectorEntry, 'id' | 'status'> }
  | { kind: 'inspector-update'; id: number; patch: Partial<Omit<InspectorEntry, 'id'>> };

export type PageToWorker =
  | { kind: 'reply'; id: number; ok: true; value: unknown }
  | { kind: 'reply'; id: number; ok: false; error: { name: string; message: string } };

/** What the page side needs from the active backend runtime. */
export interface BridgeSource {
  init: WorkerClientInit;
  credentials(): Promise<AwsCredentialIdentity>;
  /** The sandbox's handler (forward: true); unused otherwise. */
  handle?(request: WireRequest): Promise<WireResponse>;
  inspector: InspectorStore;
}

const ownsBuffer = (b: Uint8Array): b is Uint8Array<ArrayBuffer> => b.buffer instanceof ArrayBuffer && b.byteOffset === 0 && b.byteLength === b.buffer.byteLength;

function transferables(body: unknown): Transferable[] {
  if (body instanceof Uint8Array && ownsBuffer(body)) return [body.buffer];
  if (Array.isArray(body)) {
    // A body sent as its chunks: each chunk that is its whole buffer moves, others are copied. A buffer
    // listed twice would make postMessage throw, so each is listed once.
    const buffers = new Set<ArrayBuffer>();
    for (const c of body as unknown[]) if (c instanceof Uint8Array && ownsBuffer(c)) buffers.add(c.buffer);
    return [...buffers];
  }
  if (typeof ReadableStream !== 'undefined' && body instanceof ReadableStream) return [body as unknown as Transferable];
  return [];
}

/** Page side: hands the worker a port and serves it. Returns a function that closes the port. */
export function serveWorker(target: { postMessage(message: unknown, transfer: Transferable[]): void }, source: BridgeSource): () => void {
  const channel = new MessageChannel();
  const port = channel.port1;
  const inspectorIds = new Map<number, number>();
  const reply = (msg: PageToWorker, transfer: Transferable[] = []) => port.postMessage(msg, transfer);
  port.onmessage = (ev: MessageEvent<WorkerToPage>) => {
    const msg = ev.data;
    switch (msg.kind) {
      case 'inspector-begin':
        inspectorIds.set(msg.id, source.inspector.begin(msg.entry));
        return;
      case 'inspector-update': {
        const id = inspectorIds.get(msg.id);
        if (id !== undefined) source.inspector.update(id, msg.patch);
        if (msg.patch.status && msg.patch.status !== 'pending') inspectorIds.delete(msg.id);
        return;
      }
      case 'credentials':
        source.credentials().then(
          // Memory to memory over a MessagePort of this origin; never stored.
          (c) => reply({ kind: 'reply', id: msg.id, ok: true, value: c }),
          (e: unknown) => reply({ kind: 'reply', id: msg.id, ok: false, error: errorShape(e) }),
        );
        return;
      case 'http':
        if (!source.handle) {
          reply({ kind: 'reply', id: msg.id, ok: false, error: { name: 'Error', message: 'This backend sends requests from the worker itself.' } });
          return;
        }
        source.handle(msg.request).then(
          (res) => {
            // In Node the sandbox's handler answers a stream as a Node Readable (the SDK's own form
            // there): what crosses the port is a web stream.
            const body: unknown = res.body;
            const wire = isAsyncIterable(body) ? { ...res, body: toWebStream(body) } : res;
            reply({ kind: 'reply', id: msg.id, ok: true, value: wire }, transferables(wire.body));
          },
          (e: unknown) => reply({ kind: 'reply', id: msg.id, ok: false, error: errorShape(e) }),
        );
        return;
    }
  };
  target.postMessage({ type: CONNECT_MESSAGE, init: source.init, port: channel.port2 }, [channel.port2]);
  return () => port.close();
}

function errorShape(e: unknown): { name: string; message: string } {
  return e instanceof Error ? { name: e.name, message: e.message } : { name: 'Error', message: String(e) };
}

/** Worker side: a request/response channel over the port the page handed over. */
export class WorkerPort {
  private nextId = 1;
  private readonly waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();

  constructor(readonly port: MessagePort) {
    port.onmessage = (ev: MessageEvent<PageToWorker>) => {
      const msg = ev.data;
      const w = this.waiting.get(msg.id);
      if (!w) return;
      this.waiting.delete(msg.id);
      if (msg.ok) w.resolve(msg.value);
      else w.reject(Object.assign(new Error(msg.error.message), { name: msg.error.name }));
    };
  }

  request<T>(msg: { kind: 'credentials' } | { kind: 'http'; request: WireRequest }, transfer: Transferable[] = []): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.waiting.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.port.postMessage({ ...msg, id }, transfer);
    });
  }

  /** Inspector entries made in the worker, recorded in the page's inspector. */
  inspector(): InspectorStore {
    let next = 1;
    return {
      entries: () => [],
      subscribe: () => () => undefined,
      begin: (entry) => {
        const id = next++;
        this.port.postMessage({ kind: 'inspector-begin', id, entry } satisfies WorkerToPage);
        return id;
      },
      update: (id, patch) => this.port.postMessage({ kind: 'inspector-update', id, patch } satisfies WorkerToPage),
      clear: () => undefined,
    };
  }

  static transferables = transferables;
}

/** Worker side: waits for the page's connect message. */
export function acceptConnection(scope: { addEventListener(type: 'message', l: (ev: MessageEvent) => void): void }): Promise<{ init: WorkerClientInit; port: WorkerPort }> {
  return new Promise((resolve) => {
    scope.addEventListener('message', (ev: MessageEvent) => {
      const d = ev.data as { type?: string; init?: WorkerClientInit; port?: MessagePort };
      if (d?.type === CONNECT_MESSAGE && d.init && d.port) resolve({ init: d.init, port: new WorkerPort(d.port) });
    });
  });
}
