/**
 * The engine's side of the browser host: one sandbox per origin, served to every page that connects
 * (a SharedWorker's ports, or the leader tab's dedicated Worker). It answers calls, broadcasts each
 * committed change to every page, and keeps the vended credentials in memory only, handing them to
 * the pages so that a new leader's engine can take them over (docs/sandbox.md, "The browser host").
 */
import { HttpRequest } from '@smithy/protocol-http';
import type { Sandbox } from '../index';
import type { CredentialRegistry } from '../iam/credentials';
import type { CredentialRecord } from '../shared/principal';
import type { TrailEvent } from '../shared/trail-types';
import { isAsyncIterable, toWebStream } from '../protocol/body';
import type {
  HostCall,
  HostError,
  HostEvent,
  HostMessage,
  HostRequest,
  HostStatus,
  SandboxChange,
  QuotaStatus,
  StoreFault,
  WireRequest,
  WireResponse,
} from './messages';

export interface HostPort {
  postMessage(message: HostMessage, transfer: Transferable[]): void;
}

/** What the host needs from a sandbox (src/sandbox/index.ts), plus the hooks the store work adds. */
type HostedSandbox = Pick<Sandbox, 'requestHandler' | 'clock' | 'reset' | 'trail' | 'store' | 'credentials'> & {
  /** The S3 SSE lab's raw-storage view (optional so that hosts over older engines still type-check). */
  inspectS3Object?: Sandbox['inspectS3Object'];
  /** Request quotas (the quotas lab switches to the teaching scale). */
  quotas?: Sandbox['quotas'];
  /** The portable export and its import (docs/sandbox.md "The export format"). */
  exportLab?: Sandbox['exportLab'];
  /** S3's data events for the trail page's separate view (LookupEvents does not return them). */
  s3DataEvents?: Sandbox['s3DataEvents'];
  importState?: Sandbox['importState'];
  /** Called after each committed write (the state store's seam); optional until it lands. */
  subscribe?: (listener: (change: SandboxChange) => void) => () => void;
};

interface FaultInjectable {
  injectFault(fault: StoreFault): void;
}

export interface EngineHostOptions {
  /** Creates the sandbox (createSandbox with the IndexedDB store). Rejects with SandboxStoreError for a bad store. */
  open: () => Promise<HostedSandbox>;
  /** Empties the store without opening a sandbox (the recovery path for a damaged lab). */
  clearStore: () => Promise<void>;
  /** 'shared-worker' or 'leader-worker'. */
  hostKind: string;
  /** Test-only messages (store faults) are answered only when this is true. */
  testHooks?: boolean;
  /** Closes the worker the engine runs in (test-stop; worker.ts passes the worker's own close). */
  stop?: () => void;
}

function hasRegistryHandover(c: unknown): c is CredentialRegistry {
  const r = c as Partial<CredentialRegistry> | undefined;
  return typeof r?.records === 'function' && typeof r.adopt === 'function' && typeof r.onIssue === 'function';
}

function toHostError(e: unknown): HostError {
  const err = e as { name?: unknown; message?: unknown; problem?: unknown };
  return {
    name: typeof err?.name === 'string' ? err.name : 'Error',
    message: typeof err?.message === 'string' ? err.message : String(e),
    ...(typeof err?.problem === 'string' ? { problem: err.problem } : {}),
  };
}

/** A response body crosses by transfer: the engine keeps no reference to it. */
function responseForWire(body: unknown): { body: WireResponse['body']; transfer: Transferable[] } {
  if (body instanceof Uint8Array) {
    const owns = body.byteOffset === 0 && body.byteLength === body.buffer.byteLength && body.buffer instanceof ArrayBuffer;
    const bytes = owns ? body : body.slice();
    return { body: bytes, transfer: [bytes.buffer as ArrayBuffer] };
  }
  if (typeof ReadableStream !== 'undefined' && body instanceof ReadableStream) return { body, transfer: [body] };
  if (typeof Blob !== 'undefined' && body instanceof Blob) return { body, transfer: [] };
  // Where the engine runs in Node (tests), its handler answers a stream as a Node Readable
  // (protocol/body.ts toSdkResponseBody): a web stream is the form that crosses a port.
  if (isAsyncIterable(body)) {
    const stream = toWebStream(body);
    return { body: stream, transfer: [stream] };
  }
  if (typeof body === 'string') return { body: new TextEncoder().encode(body), transfer: [] };
  return { body: new Uint8Array(0), transfer: [] };
}

/** A body that crossed as its chunks, read one chunk after another (SandboxBody takes any async iterable). */
async function* chunksOf(chunks: Uint8Array[]): AsyncGenerator<Uint8Array> {
  for (const c of chunks) yield c;
}

export class EngineHost {
  private readonly ports = new Set<HostPort>();
  private sandbox: Promise<HostedSandbox> | undefined;
  private epoch = 1;
  private credentialsKnown: CredentialRecord[] = [];
  private unsubscribe: (() => void)[] = [];

  constructor(private readonly opts: EngineHostOptions) {}

  addPort(port: HostPort): void {
    this.ports.add(port);
    // A page that arrives late still learns every vended credential, so it can hand them over later.
    if (this.credentialsKnown.length) port.postMessage({ t: 'credentials', records: this.credentialsKnown }, []);
  }

  removePort(port: HostPort): void {
    this.ports.delete(port);
  }

  private broadcast(ev: HostEvent): void {
    for (const p of this.ports) {
      try {
        p.postMessage(ev, []);
      } catch {
        this.ports.delete(p);
      }
    }
  }

  private offsetMs(sb: HostedSandbox): number {
    return sb.clock.offsetMs();
  }

  private emitChange(sb: HostedSandbox, kind: SandboxChange['kind'], services: string[]): void {
    // The epoch is the lab's generation (it moves on reset and import), as the sandbox counts it.
    if (!sb.subscribe && (kind === 'reset' || kind === 'import')) this.epoch += 1;
    this.broadcast({ t: 'change', change: { epoch: this.epoch, kind, services }, offsetMs: this.offsetMs(sb) });
  }

  /** Opens the engine ahead of the first call (worker.ts); a failure is left for that call to report. */
  warmUp(): void {
    this.engine().catch(() => undefined);
  }

  private engine(): Promise<HostedSandbox> {
    this.sandbox ??= this.opts.open().then(
      (sb) => {
        this.wire(sb);
        return sb;
      },
      (e: unknown) => {
        this.sandbox = undefined; // a store error: let clear-store and a new call try again
        throw e;
      },
    );
    return this.sandbox;
  }

  private wire(sb: HostedSandbox): void {
    for (const u of this.unsubscribe) u();
    this.unsubscribe = [];
    const reg = sb.credentials;
    if (hasRegistryHandover(reg)) {
      if (this.credentialsKnown.length) reg.adopt(this.credentialsKnown);
      // Sent before the call that asked for them answers, so every page knows them first.
      this.unsubscribe.push(
        reg.onIssue(() => {
          this.credentialsKnown = reg.records();
          this.broadcast({ t: 'credentials', records: this.credentialsKnown });
        }),
      );
    }
    // A call that changed a service's state is broadcast. Calls that only added a trail record are
    // not: a tab refreshing its reads would otherwise make every other tab refresh too, for ever.
    if (sb.subscribe) {
      this.unsubscribe.push(
        sb.subscribe((change) => {
          this.epoch = change.epoch;
          if (change.kind === 'commit' && !change.services.some((s) => s !== 'cloudtrail')) return;
          this.emitChange(sb, change.kind, change.services);
        }),
      );
    } else {
      // Without the sandbox's own notices: a successful call CloudTrail counts as a write.
      this.unsubscribe.push(
        sb.trail.subscribe((ev: TrailEvent) => {
          if (ev.readOnly || ev.errorCode !== undefined) return;
          this.emitChange(sb, 'commit', [ev.eventSource.replace(/\.amazonaws\.com$/, '')]);
        }),
      );
    }
  }

  /** Answers one call; never throws (failures become error replies). */
  async handle(port: HostPort, req: HostRequest): Promise<void> {
    try {
      if (req.op === 'handle') {
        const sb = await this.engine();
        const res = await this.forward(sb, req.request);
        const wire = responseForWire(res.body);
        const response: WireResponse = { statusCode: res.statusCode, headers: res.headers, body: wire.body };
        port.postMessage({ t: 'reply', id: req.id, ok: true, value: response }, wire.transfer);
        return;
      }
      const value = await this.control(req);
      port.postMessage({ t: 'reply', id: req.id, ok: true, value }, []);
    } catch (e) {
      port.postMessage({ t: 'reply', id: req.id, ok: false, error: toHostError(e) }, []);
    }
  }

  private async forward(sb: HostedSandbox, r: WireRequest) {
    const request = new HttpRequest({
      method: r.method,
      protocol: r.protocol ?? 'https:',
      hostname: r.hostname,
      port: r.port,
      path: r.path,
      query: r.query,
      headers: r.headers,
      // As they crossed: bytes, a Blob or a stream (protocol/body.ts reads them); a body sent as its
      // chunks is read as a stream of those chunks, never joined here.
      body: Array.isArray(r.body) ? chunksOf(r.body) : r.body,
    });
    // The engine runs calls one at a time and this worker may be busy: the page's send time is the arrival.
    const { response } = await sb.requestHandler.handle(request, r.sentAt !== undefined ? { receivedAt: r.sentAt } : undefined);
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(response.headers ?? {})) if (v !== undefined) headers[k] = String(v);
    return { statusCode: response.statusCode, headers, body: response.body as unknown };
  }

  private async control(call: Exclude<HostCall, { op: 'handle' }>): Promise<unknown> {
    switch (call.op) {
      case 'ping':
        return null;
      case 'test-stop': {
        if (!this.opts.testHooks) throw Object.assign(new Error('Test hooks are off.'), { name: 'TestHooksOff' });
        const stop = this.opts.stop;
        if (!stop) throw Object.assign(new Error('This host cannot stop its worker.'), { name: 'NotSupported' });
        // After the answer has gone out: the page is told, then hears nothing more.
        setTimeout(stop, 50);
        return null;
      }
      case 'status': {
        const sb = await this.engine();
        return { offsetMs: this.offsetMs(sb), epoch: this.epoch, host: this.opts.hostKind } satisfies HostStatus;
      }
      case 'advance': {
        const sb = await this.engine();
        await sb.clock.advanceDays(call.days);
        if (!sb.subscribe) this.emitChange(sb, 'clock', ['kms']);
        return { offsetMs: this.offsetMs(sb), epoch: this.epoch, host: this.opts.hostKind } satisfies HostStatus;
      }
      case 'reset': {
        const sb = await this.engine();
        await sb.reset();
        if (!sb.subscribe) this.emitChange(sb, 'reset', []);
        return { offsetMs: this.offsetMs(sb), epoch: this.epoch, host: this.opts.hostKind } satisfies HostStatus;
      }
      case 's3-data-events': {
        const sb = await this.engine();
        return (await sb.s3DataEvents?.()) ?? [];
      }
      case 'export-lab': {
        const sb = await this.engine();
        if (!sb.exportLab) throw Object.assign(new Error('This sandbox cannot export its lab.'), { name: 'NotSupported' });
        // A Blob built piece by piece in the worker; it crosses to the page by reference.
        return await sb.exportLab();
      }
      case 'import-lab': {
        const sb = await this.engine();
        if (!sb.importState) throw Object.assign(new Error('This sandbox cannot import a lab.'), { name: 'NotSupported' });
        // A damaged or newer file throws SandboxStoreError before anything changes.
        await sb.importState(call.source);
        if (!sb.subscribe) this.emitChange(sb, 'import', []);
        return { offsetMs: this.offsetMs(sb), epoch: this.epoch, host: this.opts.hostKind } satisfies HostStatus;
      }
      case 'clear-store': {
        // Only reached when the store could not be opened: nothing else holds it.
        const current = this.sandbox;
        this.sandbox = undefined;
        const sb = await current?.catch(() => undefined);
        await (sb ? sb.store.clear() : this.opts.clearStore());
        const fresh = await this.engine();
        this.emitChange(fresh, 'reset', []);
        return null;
      }
      case 'adopt-credentials': {
        const merged = new Map(this.credentialsKnown.map((r) => [r.accessKeyId, r]));
        for (const r of call.records) merged.set(r.accessKeyId, r);
        this.credentialsKnown = [...merged.values()];
        const sb = await this.sandbox?.catch(() => undefined);
        if (sb && hasRegistryHandover(sb.credentials)) sb.credentials.adopt(call.records);
        return null;
      }
      case 'inspect-s3-object': {
        const sb = await this.engine();
        if (!sb.inspectS3Object) throw Object.assign(new Error('This sandbox has no raw-storage view.'), { name: 'NotSupported' });
        return (await sb.inspectS3Object(call.bucket, call.key)) ?? null;
      }
      case 'quota-mode': {
        const sb = await this.engine();
        if (!sb.quotas) throw Object.assign(new Error('This sandbox has no request quotas.'), { name: 'NotSupported' });
        if (call.mode !== undefined) sb.quotas.setMode(call.mode);
        return { mode: sb.quotas.getMode(), usage: sb.quotas.usage() } satisfies QuotaStatus;
      }
      case 'test-fault': {
        if (!this.opts.testHooks) throw Object.assign(new Error('Test hooks are off.'), { name: 'TestHooksOff' });
        const sb = await this.engine();
        const store = sb.store as unknown as Partial<FaultInjectable>;
        if (typeof store.injectFault !== 'function') {
          throw Object.assign(new Error(`The ${sb.store.kind} store has no fault injection.`), { name: 'NoFaultInjection' });
        }
        store.injectFault(call.fault);
        return null;
      }
    }
  }
}
