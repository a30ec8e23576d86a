/**
 * The inspector middleware: added to every SDK client the connection layer builds. One part at the
 * initialize step times the call and records input, output and error; one part just outside the HTTP
 * handler records the signed request and the raw response. Everything is masked before it is stored.
 */
import type {
  DeserializeHandler,
  DeserializeHandlerArguments,
  HandlerExecutionContext,
  InitializeHandler,
  InitializeHandlerArguments,
  MetadataBearer,
  MiddlewareStack,
} from '@smithy/types';
import { isLabBackground } from '../sandbox/shared/lab-marker';
import { maskBody, maskHeaders, maskValue } from './inspector-mask';
import type { InspectorStore, WireMessage } from './inspector-store';
import type { BackendKind } from './types';

export interface InspectorMeta {
  backend: BackendKind;
  service: string;
  region: string;
  endpoint?: string;
  /** Who the calls run as, when a panel acts as a demo principal (clients.kmsAs). */
  principal?: string;
  /** The account the calls run in (the caller's account; '-' when unknown up front). */
  account?: string;
}

interface HttpLikeRequest {
  method?: string;
  protocol?: string;
  hostname?: string;
  port?: number;
  path?: string;
  query?: Record<string, string | string[] | null>;
  headers?: Record<string, string>;
  body?: unknown;
}

interface HttpLikeResponse {
  statusCode?: number;
  headers?: Record<string, string>;
  body?: unknown;
}

const ID = Symbol.for('kms-lab.inspector-id');
const STARTED = Symbol.for('kms-lab.inspector-started');
const ATTEMPTS = Symbol.for('kms-lab.inspector-attempts');

type InspectedContext = HandlerExecutionContext & {
  [ID]?: number;
  [STARTED]?: number;
  [ATTEMPTS]?: { status?: number; code?: string; atMs: number }[];
};

/** The error code of a JSON or XML error body (`__type`, `<Code>`), for the attempts list. */
function errorCodeOf(bytes: Uint8Array | undefined, headers: Record<string, string> | undefined): string | undefined {
  const header = headerOf(headers, 'x-amzn-errortype');
  if (header) return header.split(':')[0];
  if (!bytes || bytes.length > 4096) return undefined;
  const text = new TextDecoder().decode(bytes);
  const json = /"__type"\s*:\s*"(?:[^"#]*#)?([^"]+)"/.exec(text);
  if (json) return json[1];
  return /<Code>([^<]+)<\/Code>/.exec(text)?.[1];
}

/** S3 object payloads are the learner's data: their bytes are never recorded. */
const PAYLOAD_OPERATIONS = new Set(['PutObject', 'GetObject', 'UploadPart']);

function operationOf(context: HandlerExecutionContext): string {
  return (context.commandName ?? 'Unknown').replace(/Command$/, '');
}

function urlOf(r: HttpLikeRequest): string {
  const port = r.port ? `:${r.port}` : '';
  const q = r.query
    ? Object.entries(r.query)
        .flatMap(([k, v]) => (v === null ? [k] : (Array.isArray(v) ? v : [v]).map((x) => `${k}=${encodeURIComponent(x)}`)))
        .join('&')
    : '';
  return `${r.protocol ?? 'https:'}//${r.hostname ?? ''}${port}${r.path ?? '/'}${q ? `?${q}` : ''}`;
}

function headerOf(headers: Record<string, string> | undefined, name: string): string | undefined {
  if (!headers) return undefined;
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name);
  return key ? headers[key] : undefined;
}

function bytesOf(body: unknown): Uint8Array | undefined {
  if (body instanceof Uint8Array) return body;
  if (typeof body === 'string') return new TextEncoder().encode(body);
  return undefined;
}

function isStream(body: unknown): body is ReadableStream<Uint8Array> {
  return typeof body === 'object' && body !== null && typeof (body as ReadableStream).getReader === 'function';
}

function errorInfo(e: unknown): { name: string; message: string; httpStatus?: number } {
  const err = e as { name?: string; message?: string; $metadata?: { httpStatusCode?: number } };
  return { name: err?.name ?? 'Error', message: err?.message ?? String(e), httpStatus: err?.$metadata?.httpStatusCode };
}

export function inspectorInitializeMiddleware(store: InspectorStore, meta: InspectorMeta) {
  return <Output extends MetadataBearer>(next: InitializeHandler<object, Output>, context: HandlerExecutionContext) =>
    async (args: InitializeHandlerArguments<object>) => {
      const started = performance.now();
      const id = store.begin({
        backend: meta.backend,
        service: meta.service,
        operation: operationOf(context),
        region: meta.region,
        endpoint: meta.endpoint,
        ...(meta.principal ? { principal: meta.principal } : {}),
        ...(meta.account ? { account: meta.account } : {}),
        startedAt: Date.now(),
        input: maskValue(args.input),
      });
      (context as InspectedContext)[ID] = id;
      (context as InspectedContext)[STARTED] = started;
      try {
        const result = await next(args);
        store.update(id, { status: 'ok', durationMs: performance.now() - started, output: maskValue(result.output) });
        return result;
      } catch (e) {
        store.update(id, { status: 'error', durationMs: performance.now() - started, error: errorInfo(e) });
        throw e;
      }
    };
}

export function inspectorWireMiddleware(store: InspectorStore) {
  return <Output extends object>(next: DeserializeHandler<object, Output>, context: HandlerExecutionContext) =>
    async (args: DeserializeHandlerArguments<object>) => {
      const id = (context as InspectedContext)[ID];
      const payload = PAYLOAD_OPERATIONS.has(operationOf(context));
      const req = args.request as HttpLikeRequest;
      if (id !== undefined && req && typeof req === 'object') {
        const reqBytes = bytesOf(req.body);
        const request: WireMessage = {
          method: req.method,
          url: urlOf(req),
          headers: maskHeaders(req.headers ?? {}),
          body:
            req.body === undefined || req.body === null
              ? undefined
              : reqBytes
                ? maskBody(reqBytes, headerOf(req.headers, 'content-type'), payload)
                : '(streamed body, not recorded)',
        };
        const background = isLabBackground(headerOf(req.headers, 'user-agent')) || isLabBackground(headerOf(req.headers, 'x-amz-user-agent'));
        store.update(id, { request, background });
      }
      const result = await next(args);
      const res = (result as { response?: HttpLikeResponse }).response;
      if (id !== undefined && res && typeof res === 'object') {
        const contentType = headerOf(res.headers, 'content-type');
        let bytes = bytesOf(res.body);
        // Read small textual stream bodies (fetch gives streams) and hand the SDK the same bytes back.
        if (!bytes && isStream(res.body) && !payload && /json|xml|text/.test(contentType ?? '')) {
          bytes = new Uint8Array(await new Response(res.body).arrayBuffer());
          res.body = bytes;
        }
        const response: WireMessage = {
          status: res.statusCode,
          headers: maskHeaders(res.headers ?? {}),
          body: bytes ? maskBody(bytes, contentType, payload) : res.body ? '(streamed body, not recorded)' : undefined,
        };
        store.update(id, { response });
      }
      return result;
    };
}

/**
 * Records each HTTP attempt (the retry middleware sends the same request again through this step).
 * Kept apart from the wire middleware so an attempt that fails before any response is counted too.
 */
function recordAttempt(store: InspectorStore, context: InspectedContext, sentAt: number, res: HttpLikeResponse | undefined) {
  const id = context[ID];
  if (id === undefined) return;
  const list = (context[ATTEMPTS] ??= []);
  list.push({
    status: res?.statusCode,
    code: res && (res.statusCode ?? 200) >= 300 ? errorCodeOf(bytesOf(res.body), res.headers) : undefined,
    atMs: Math.round(sentAt - (context[STARTED] ?? sentAt)),
  });
  // A call answered at its first attempt shows no list; the second attempt shows both.
  if (list.length > 1) store.update(id, { attempts: [...list] });
}

export function inspectorAttemptMiddleware(store: InspectorStore) {
  return <Output extends object>(next: DeserializeHandler<object, Output>, context: HandlerExecutionContext) =>
    async (args: DeserializeHandlerArguments<object>) => {
      const sentAt = performance.now();
      try {
        const result = await next(args);
        recordAttempt(store, context as InspectedContext, sentAt, (result as { response?: HttpLikeResponse }).response);
        return result;
      } catch (e) {
        // The deserializer throws the service's error after reading the response it kept on $response.
        const res = (e as { $response?: HttpLikeResponse }).$response;
        recordAttempt(store, context as InspectedContext, sentAt, res);
        throw e;
      }
    };
}

/** Adds both inspector middlewares to a client's stack. */
export function attachInspector(
  client: { middlewareStack: MiddlewareStack<object, MetadataBearer> },
  store: InspectorStore,
  meta: InspectorMeta,
): void {
  client.middlewareStack.add(inspectorInitializeMiddleware(store, meta), {
    step: 'initialize',
    priority: 'high',
    name: 'kmsLabInspector',
    override: true,
  });
  // Low priority in the deserialize step: innermost, so it sees the signed request and the raw response.
  client.middlewareStack.add(inspectorWireMiddleware(store), {
    step: 'deserialize',
    priority: 'low',
    name: 'kmsLabInspectorWire',
    override: true,
  });
  // Outermost in the deserialize step (inside the retry loop): one record per attempt, errors included.
  client.middlewareStack.add(inspectorAttemptMiddleware(store), {
    step: 'deserialize',
    priority: 'high',
    name: 'kmsLabInspectorAttempts',
    override: true,
  });
}
