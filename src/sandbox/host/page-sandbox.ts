/**
 * The page-side proxy of the browser's one engine: a thin SDK request handler that forwards each
 * request to the engine's host (src/sandbox/host/connect.ts), the simulated clock, reset, and the
 * changes other tabs commit. What the app's connection layer sees as its sandbox.
 */
import { HttpResponse, type HttpRequest } from '@smithy/protocol-http';
import type { HttpHandlerOptions } from '@smithy/types';
import { pageConnection, type ConnectOptions, type HostConnection, type HostMode } from './connect';
import { HostCallError, type ChangeListener } from './host-client';
import type { HostStatus, QuotaStatus, StoreFault, WireBody, WireRequest, WireResponse } from './messages';
import type { S3StoredObjectView } from '../s3/raw-storage';
import type { TrailEvent } from '../shared/trail-types';

/**
 * A caller that will not read or resend the request's body after the call (the envelope lab's worker
 * bridge: the body was moved to the page for this one call) says so, and a byte body is then moved to
 * the engine, not copied. The SDK's own calls never say so: a retried request must still have its body.
 */
export type HandOverOptions = HttpHandlerOptions & { transferBody?: boolean };

export interface BrowserSandbox {
  requestHandler: {
    handle(request: HttpRequest, options?: HandOverOptions): Promise<{ response: HttpResponse }>;
    updateHttpClientConfig(key: never, value: never): void;
    httpHandlerConfigs(): Record<string, never>;
    destroy(): void;
  };
  clock: { now(): number; offsetMs(): number; advanceDays(days: number): Promise<HostStatus> };
  reset(): Promise<void>;
  /** The lab in the portable export format (the lines layout), written piece by piece into a Blob by the engine's worker. */
  exportLab(): Promise<Blob>;
  /** S3's data events (object calls), newest first: LookupEvents does not return them. */
  s3DataEvents(): Promise<TrailEvent[]>;
  /** Replaces the lab from an export (text, or a Blob such as a chosen File); a damaged one is refused and changes nothing. */
  importState(source: string | Blob): Promise<void>;
  /** Changes committed by any tab (this one included), after they are durable. */
  subscribe(listener: ChangeListener): () => void;
  /** Where the engine runs, seen from this tab. */
  hostMode(): HostMode;
  /** The engine calls this tab still waits on, oldest first (diagnostics). */
  unanswered(): { op: string; waitedMs: number }[];
  /** Test-only: makes the store fail its next commit (needs the app's test hooks on). */
  injectFault(fault: StoreFault): Promise<void>;
  /** Test-only: the engine's worker closes itself, as when the browser shuts it down (needs the test hooks). */
  stopEngine(): Promise<void>;
  /** Read-only: an S3 object's stored form (ciphertext, wrapped key; never plaintext), or undefined. */
  inspectS3Object(bucket: string, key: string): Promise<S3StoredObjectView | undefined>;
  /** The request-quota mode (shared by every tab: one engine per origin), set first when `mode` is given. */
  quotaMode(mode?: QuotaStatus['mode']): Promise<QuotaStatus>;
}

/** A store error from the engine, with the recovery the app offers (empty the store, start again). */
function rebuildStoreError(e: unknown, conn: HostConnection): unknown {
  if (e instanceof HostCallError && e.name === 'SandboxStoreError') {
    return Object.assign(e, { store: { clear: () => conn.client.call<null>({ op: 'clear-store' }).then(() => undefined) } });
  }
  return e;
}

/**
 * Request bodies: strings and byte arrays are copied (the SDK builds its JSON and Query bodies as
 * strings, and a Uint8Array body is the caller's own buffer, which a transfer would empty under it;
 * a retried request keeps its body), unless the caller hands the body over (`handedOver`, see
 * HandOverOptions): then a Uint8Array that is its whole buffer is transferred where the link allows
 * (no copy of a whole part). A ReadableStream can be read only once, so the SDK never resends one:
 * it is transferred to the engine where the link allows, else read into a Blob (Blobs cross by
 * reference). An array of byte arrays is one body given as its chunks, in order: handed over, each
 * chunk's buffer is moved; otherwise it is cloned.
 */
export async function wireBody(body: unknown, transfers: boolean, handedOver = false): Promise<{ body: WireBody; transfer: Transferable[] }> {
  if (body === undefined || body === null) return { body: undefined, transfer: [] };
  if (body instanceof Uint8Array && handedOver && transfers && wholeBuffer(body)) return { body, transfer: [body.buffer] };
  if (isChunkList(body)) {
    // One body as its chunks (the worker bridge's ChunkedBody): moved like a whole byte body when handed
    // over, each chunk's buffer once; otherwise cloned, chunks and all.
    if (!(handedOver && transfers)) return { body, transfer: [] };
    return { body, transfer: [...new Set(body.filter(wholeBuffer).map((c) => c.buffer))] };
  }
  if (typeof body === 'string' || body instanceof Uint8Array || body instanceof Blob) return { body, transfer: [] };
  if (body instanceof ReadableStream) {
    if (transfers) return { body: body as ReadableStream<Uint8Array>, transfer: [body] };
    return { body: await new Response(body).blob(), transfer: [] };
  }
  if (body instanceof ArrayBuffer) return { body: new Uint8Array(body.slice(0)), transfer: [] };
  if (ArrayBuffer.isView(body)) return { body: new Uint8Array(body.buffer, body.byteOffset, body.byteLength), transfer: [] };
  throw new TypeError(`The sandbox cannot send a request body of type ${Object.prototype.toString.call(body)}.`);
}

const isChunkList = (b: unknown): b is Uint8Array[] => Array.isArray(b) && b.every((c) => c instanceof Uint8Array);

/** A byte array that is its whole (non-shared) buffer: moving the buffer moves exactly the body. */
function wholeBuffer(b: Uint8Array): b is Uint8Array<ArrayBuffer> {
  return b.buffer instanceof ArrayBuffer && b.byteOffset === 0 && b.byteLength === b.buffer.byteLength;
}

export async function connectBrowserSandbox(opts: ConnectOptions = {}): Promise<BrowserSandbox> {
  return proxySandbox(pageConnection(opts));
}

/** The proxy over any connection to an engine host (the browser's, or a MessageChannel in tests). */
export async function proxySandbox(conn: HostConnection): Promise<BrowserSandbox> {
  const client = conn.client;
  const status = async () => {
    try {
      const s = await client.call<HostStatus>({ op: 'status' });
      client.offsetMs = s.offsetMs;
      return s;
    } catch (e) {
      throw rebuildStoreError(e, conn);
    }
  };
  // Opens the engine (and its store): a damaged store is reported here, as createSandbox reports it.
  await status();

  return {
    requestHandler: {
      async handle(request, options) {
        if (options?.abortSignal?.aborted) {
          throw Object.assign(new Error('Request aborted'), { name: 'AbortError' });
        }
        const sentAt = Date.now();
        const headers: Record<string, string> = {};
        for (const [k, v] of Object.entries(request.headers ?? {})) if (v !== undefined) headers[k] = String(v);
        const { body, transfer } = await wireBody(request.body, client.transfers, options?.transferBody === true);
        const wire: WireRequest = {
          method: request.method,
          protocol: request.protocol,
          hostname: request.hostname,
          port: request.port,
          path: request.path || '/',
          query: (request.query ?? {}) as WireRequest['query'],
          headers,
          body,
          sentAt,
        };
        let res: WireResponse;
        try {
          res = await client.call<WireResponse>({ op: 'handle', request: wire }, transfer);
        } catch (e) {
          throw rebuildStoreError(e, conn);
        }
        return { response: new HttpResponse({ statusCode: res.statusCode, headers: res.headers, body: res.body }) };
      },
      updateHttpClientConfig() {},
      httpHandlerConfigs() {
        return {};
      },
      destroy() {},
    },
    clock: {
      now: () => Date.now() + client.offsetMs,
      offsetMs: () => client.offsetMs,
      async advanceDays(days: number) {
        const s = await client.call<HostStatus>({ op: 'advance', days });
        client.offsetMs = s.offsetMs;
        return s;
      },
    },
    async reset() {
      const s = await client.call<HostStatus>({ op: 'reset' });
      client.offsetMs = s.offsetMs;
    },
    exportLab: () => client.call<Blob>({ op: 'export-lab' }),
    s3DataEvents: () => client.call<TrailEvent[]>({ op: 's3-data-events' }),
    async importState(source: string | Blob) {
      const s = await client.call<HostStatus>({ op: 'import-lab', source });
      client.offsetMs = s.offsetMs;
    },
    subscribe: (listener) => client.subscribe(listener),
    hostMode: () => conn.mode(),
    unanswered: () => client.unanswered(),
    injectFault: (fault) => client.call<null>({ op: 'test-fault', fault }).then(() => undefined),
    stopEngine: () => client.call<null>({ op: 'test-stop' }).then(() => undefined),
    inspectS3Object: (bucket, key) =>
      client.call<S3StoredObjectView | null>({ op: 'inspect-s3-object', bucket, key }).then((v) => v ?? undefined),
    quotaMode: (mode) => client.call<QuotaStatus>({ op: 'quota-mode', ...(mode ? { mode } : {}) }),
  };
}
