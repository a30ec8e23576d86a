/**
 * The protocol shell: the only code that sees HTTP (STYLE.md habit 2). route -> authenticate ->
 * parse -> dispatch -> serialise, and one CloudTrail record per call.
 *
 * Conventions between the shell and the operations (also in docs/sandbox.md):
 * - Blob members (Plaintext, CiphertextBlob, Message, Signature, Mac, PublicKey, ... — the table is
 *   BLOB_MEMBERS in protocol/aws-json.ts) reach operations as Uint8Array. Operations return blobs as
 *   Uint8Array; the shell base64-encodes any Uint8Array it finds in an output.
 * - Operations return timestamps as `Date` objects; the shell writes epoch seconds with a fraction
 *   (JSON 1.1) or ISO-8601 (Query/XML). Never return raw epoch numbers for timestamps.
 * - Operations throw ServiceError; anything else thrown becomes a 500 (KMSInternalException for KMS,
 *   InternalFailure elsewhere) with a safe message — nothing ever escapes as a JS exception.
 * - Output `undefined` means "no output": JSON answers `{}`.
 */
import { HttpResponse, type HttpRequest } from '@smithy/protocol-http';
import type { ChecksumConstructor } from '@smithy/types';
import type { CredentialRecord, Principal } from './shared/principal';
import type {
  AuthzRequest,
  BlobStore,
  RequestContext,
  SandboxWorld,
  ServiceModule,
  ServiceName,
} from './shared/context';
import { SANDBOX_ACCOUNT_ID } from './shared/context';
import type { SandboxState } from './shared/state';
import type { TrailEvent } from './shared/trail-types';
import { isServiceError, notImplemented, ServiceError } from './protocol/service-error';
import {
  JSON_CONTENT_TYPE,
  JSON_TARGETS,
  blobMembersOf,
  decodeBlobs,
  parseJsonBody,
  parseTarget,
  serializeJsonError,
  serializeJsonOutput,
} from './protocol/aws-json';
import {
  QUERY_CONTENT_TYPE,
  invalidAction,
  missingAction,
  parseQueryBody,
  serializeQueryError,
  serializeQueryOutput,
} from './protocol/aws-query';
import { credentialScope, verifySigV4, type AuthProtocol } from './protocol/sigv4';
import { isKnownS3Operation, parseS3Input, s3Address, s3Operation, serializeS3Error, serializeS3Output } from './protocol/rest-xml';
import { decodeS3Body, isPresigned, presignScope, verifyPresigned } from './protocol/s3-auth';
import { KNOWN_OPERATIONS } from './protocol/known-operations';
import { checkJsonInput } from './protocol/shape-check';
import { appendTrailEvent, buildTrailEvent } from './shared/trail';
import { uuidV4 } from './shared/ids';
import { fromUtf8, utf8 } from './shared/bytes';
import { isRegionName } from './shared/arn';

/** A transport-neutral request: what the SDK handler and the Node server both produce. */
export interface SandboxHttpRequest {
  method: string;
  hostname: string;
  port?: number;
  path: string;
  query: Record<string, string | string[] | null>;
  /** Lower-case names. */
  headers: Record<string, string>;
  body: Uint8Array;
  /** The client's address (server only); in the page it is 127.0.0.1. */
  sourceIp?: string;
  /** Came over TLS (aws:SecureTransport). Absent: true (the page). The server's plain-HTTP port sets false. */
  secure?: boolean;
}

export interface SandboxHttpResponse {
  statusCode: number;
  headers: Record<string, string>;
  body: Uint8Array;
  /** The body is a streaming payload (S3 GetObject): the SDK handler hands it over as a stream. */
  streaming?: boolean;
}

export interface CredentialRegistryLike {
  lookup(accessKeyId: string): CredentialRecord | undefined;
  issue(principal: Principal, durationSeconds: number): CredentialRecord;
}

export interface EngineDeps {
  world: SandboxWorld;
  /** The clock signature skew is judged on (the machine's clock, which the SDK signs with). */
  signingClock: () => number;
  /** SHA-256/HMAC for SigV4 verification (default: pure JS; the Node server passes node:crypto's). */
  sha256?: ChecksumConstructor;
  defaultRegion: string;
  services: Partial<Record<ServiceName, ServiceModule>>;
  credentials: CredentialRegistryLike;
  authorize: (ctx: RequestContext, req: AuthzRequest) => void;
  validateKeyPolicy: (
    ctx: RequestContext,
    policy: string,
    opts: Parameters<RequestContext['validateKeyPolicy']>[1],
  ) => void;
  /** The live state (replaced on reset/import, so always read through this). */
  state: () => SandboxState;
  /** Simulated clock, epoch ms. */
  now: () => number;
  cache: Map<string, unknown>;
  /** Runs one call under the persistence rules (serialised, reloaded on conflict, saved after). */
  transact: <T>(mutating: boolean, fn: () => Promise<T>) => Promise<T>;
  onTrailEvent?: (ev: TrailEvent) => void;
  /** The store's blob area (S3 object bodies). */
  blobs?: BlobStore;
  onInternalError?: (err: unknown, where: string) => void;
}

/** Operations AWS serves without SigV4 (smithy.api#noAuth / botocore signature_version none). */
const UNSIGNED_OPERATIONS: Record<string, ReadonlySet<string>> = {
  'cognito-identity': new Set(['GetId', 'GetCredentialsForIdentity', 'GetOpenIdToken', 'UnlinkIdentity']),
  sts: new Set(['AssumeRoleWithWebIdentity', 'AssumeRoleWithSAML']),
};

/**
 * Sandbox differs: AWS records CloudTrail's own LookupEvents calls as management read events (and shows
 * them minutes later). The lab reads the trail through LookupEvents on every refresh, so recording
 * those reads instantly would bury the learner's own calls; the sandbox leaves them out.
 */
export const UNRECORDED_OPERATIONS: ReadonlySet<string> = new Set(['cloudtrail.LookupEvents']);

export const anonymousPrincipal = (): Principal => ({
  type: 'Anonymous',
  arn: '',
  accountId: SANDBOX_ACCOUNT_ID,
  principalId: '',
  identityPolicies: [],
});

interface Routed {
  protocol: AuthProtocol;
  service: ServiceName;
  operation: string;
  /** For JSON: parsed later (after auth); for Query: the form input. */
  queryInput?: Record<string, unknown>;
}

const internalError = (service: ServiceName) =>
  new ServiceError(
    service === 'kms' ? 'KMSInternalException' : 'InternalFailure',
    'The KMS Study Lab sandbox hit an internal error while handling this request.',
    500,
  );

/** Region from a real AWS host name (kms.us-west-2.amazonaws.com), used for unsigned calls. */
function regionFromHost(host: string | undefined): string | undefined {
  const m = /^[a-z0-9-]+\.([a-z]{2}(?:-gov|-iso[a-z]?)?-[a-z]+-\d{1,2})\.amazonaws\.com/.exec(host ?? '');
  return m?.[1];
}

/** Region from a Cognito id (`us-east-1:...`), used for unsigned Cognito calls to the local server. */
function regionFromCognitoInput(input: Record<string, unknown>): string | undefined {
  for (const k of ['IdentityPoolId', 'IdentityId']) {
    const v = input[k];
    if (typeof v === 'string') {
      const r = v.split(':')[0];
      if (r && isRegionName(r)) return r;
    }
  }
  return undefined;
}

export class SandboxEngine {
  constructor(private readonly deps: EngineDeps) {}

  private newId(): string {
    return uuidV4(this.deps.world.randomBytes);
  }

  /** Never throws: every failure becomes an AWS-shaped response. */
  async handleHttp(req: SandboxHttpRequest): Promise<SandboxHttpResponse> {
    const requestId = this.newId();
    let routed: Routed | undefined;
    try {
      routed = this.route(req);
      return await this.dispatchRouted(req, routed, requestId);
    } catch (e) {
      const protocol = routed?.protocol ?? (req.headers['x-amz-target'] ? 'json' : guessProtocol(req));
      const service = routed?.service ?? (protocol === 'rest-xml' ? 's3' : 'kms');
      let err: ServiceError;
      if (isServiceError(e)) err = e;
      else {
        this.deps.onInternalError?.(e, `${service}.${routed?.operation ?? '?'}`);
        err = internalError(service);
      }
      return this.errorResponse(protocol, service, err, requestId, req.method);
    }
  }

  private errorResponse(protocol: AuthProtocol, service: string, err: ServiceError, requestId: string, method = 'POST'): SandboxHttpResponse {
    if (protocol === 'rest-xml') {
      if (err.code === 'NotImplementedException') err = new ServiceError('NotImplemented', err.awsMessage, 501);
      if (err.code === 'InternalFailure') err = new ServiceError('InternalError', 'We encountered an internal error. Please try again.', 500);
      return serializeS3Error(err, requestId, method);
    }
    if (protocol === 'query') {
      const r = serializeQueryError(service, err, requestId);
      return {
        statusCode: r.status,
        headers: { 'content-type': 'text/xml', 'x-amzn-RequestId': requestId, ...r.headers },
        body: r.body,
      };
    }
    const r = serializeJsonError(err);
    return {
      statusCode: r.status,
      headers: { 'content-type': JSON_CONTENT_TYPE, 'x-amzn-RequestId': requestId, ...r.headers },
      body: r.body,
    };
  }

  private route(req: SandboxHttpRequest): Routed {
    const target = req.headers['x-amz-target'];
    if (target !== undefined) {
      const t = parseTarget(target);
      const service = t ? JSON_TARGETS[t.prefix] : undefined;
      if (!t || !service) {
        // Sandbox differs: AWS answers UnknownOperationException with no message; the sandbox names the target.
        throw new ServiceError('UnknownOperationException', `The KMS Study Lab sandbox does not know the target '${target}'.`);
      }
      return { protocol: 'json', service, operation: t.operation };
    }
    const scope = credentialScope(req.headers);
    const ct = (req.headers['content-type'] ?? '').toLowerCase();
    if (ct.startsWith(QUERY_CONTENT_TYPE) || scope?.service === 'sts') {
      const q = parseQueryBody(fromUtf8(req.body));
      for (const [k, v] of Object.entries(req.query)) {
        if (k === 'Action' && typeof v === 'string') q.action ??= v;
      }
      const service = (scope?.service ?? 'sts') as ServiceName;
      if (!q.action) throw missingAction();
      if (service !== 'sts') throw notImplemented(service, q.action);
      return { protocol: 'query', service, operation: q.action, queryInput: q.input };
    }
    if (isS3Request(req, scope?.service)) {
      const addr = s3Address(req.headers['host'] ?? req.hostname, req.path);
      const operation = s3Operation(req.method, addr, req.query, req.headers);
      if (!operation) throw new ServiceError('MethodNotAllowed', 'The specified method is not allowed against this resource.', 405, { Method: req.method, ResourceType: addr.key === undefined ? 'BUCKET' : 'OBJECT' });
      return { protocol: 'rest-xml', service: 's3', operation };
    }
    if (scope && scope.service !== 'sts') {
      throw notImplemented(scope.service, `${req.method} ${req.path}`);
    }
    throw new ServiceError(
      'UnknownOperationException',
      'The KMS Study Lab sandbox could not tell which AWS operation this request is (no X-Amz-Target, no Action, no SigV4 scope).',
    );
  }

  /** S3: SigV4 in the header or the query (presigned URLs), aws-chunked bodies, REST-XML in and out. */
  private async dispatchRestXml(req: SandboxHttpRequest, r: Routed, requestId: string): Promise<SandboxHttpResponse> {
    const { deps } = this;
    const signingNow = deps.signingClock();
    const verified = isPresigned(req.query)
      ? await verifyPresigned({ ...req, signingNow, wallNow: deps.world.now(), sha256: deps.sha256, lookup: (id) => deps.credentials.lookup(id) })
      : await verifySigV4({
          method: req.method,
          hostname: req.hostname,
          port: req.port,
          path: req.path,
          query: req.query,
          headers: req.headers,
          body: req.body,
          protocol: 'rest-xml',
          wallNow: deps.world.now(),
          signingNow,
          sha256: deps.sha256,
          lookup: (id) => deps.credentials.lookup(id),
        });
    if (verified.service !== 's3') throw new ServiceError('SignatureDoesNotMatch', `Credential should be scoped to correct service: 's3'. `, 403);
    if (!isKnownS3Operation(r.operation) || !deps.services.s3 || !Object.hasOwn(deps.services.s3.operations, r.operation)) {
      throw notImplemented('s3', r.operation);
    }
    const decoded = await decodeS3Body(req, verified, deps.sha256);
    const addr = s3Address(req.headers['host'] ?? req.hostname, req.path);
    const input = parseS3Input(r.operation, { method: req.method, query: req.query, headers: decoded.headers, body: decoded.body }, addr);
    const output = await this.invoke(deps.services.s3, r.operation, input, {
      caller: verified.credentials.principal,
      credentials: verified.credentials,
      region: verified.region,
      requestId,
      sourceIp: req.sourceIp ?? '127.0.0.1',
      userAgent: req.headers['user-agent'] ?? req.headers['x-amz-user-agent'] ?? 'unknown',
      secure: req.secure !== false,
    });
    const res = serializeS3Output(r.operation, req.method, output, requestId);
    return res;
  }

  private async dispatchRouted(req: SandboxHttpRequest, r: Routed, requestId: string): Promise<SandboxHttpResponse> {
    const { deps } = this;
    if (r.protocol === 'rest-xml') return this.dispatchRestXml(req, r, requestId);
    const unsigned = UNSIGNED_OPERATIONS[r.service]?.has(r.operation) ?? false;
    let caller: Principal;
    let credentials: CredentialRecord | undefined;
    let region: string;
    let input: Record<string, unknown>;

    if (unsigned) {
      caller = anonymousPrincipal();
      input = r.queryInput ?? parseJsonBody(req.body);
      region =
        credentialScope(req.headers)?.region ??
        regionFromHost(req.headers['host'] ?? req.hostname) ??
        regionFromCognitoInput(input) ??
        deps.defaultRegion;
    } else {
      const v = await verifySigV4({
        method: req.method,
        hostname: req.hostname,
        port: req.port,
        path: req.path,
        query: req.query,
        headers: req.headers,
        body: req.body,
        protocol: r.protocol,
        wallNow: deps.world.now(),
        signingNow: deps.signingClock(),
        sha256: deps.sha256,
        lookup: (id) => deps.credentials.lookup(id),
      });
      if (v.service !== r.service) {
        // A request signed for another service (TrentService.* signed for sts, say) fails as on AWS.
        const msg = `Credential should be scoped to correct service: '${r.service}'. `;
        throw r.protocol === 'query'
          ? new ServiceError('SignatureDoesNotMatch', msg, 403)
          : new ServiceError('InvalidSignatureException', msg, 400);
      }
      caller = v.credentials.principal;
      credentials = v.credentials;
      region = v.region;
      input = r.queryInput ?? parseJsonBody(req.body);
    }

    const module = deps.services[r.service];
    const op = module?.operations[r.operation];
    if (!module || !op || !Object.hasOwn(module.operations, r.operation)) {
      if (KNOWN_OPERATIONS[r.service]?.has(r.operation)) throw notImplemented(r.service, r.operation);
      if (r.protocol === 'query') throw invalidAction(r.operation);
      // Sandbox differs: AWS sends UnknownOperationException without a message.
      throw new ServiceError('UnknownOperationException', `${r.service} has no operation named '${r.operation}'.`);
    }
    if (r.protocol === 'json') {
      // Types checked against AWS's model (blobs decoded on the way); the table is the fallback.
      const checked = checkJsonInput(r.service, r.operation, input);
      if (checked) input = checked;
      else decodeBlobs(input, blobMembersOf(r.service, r.operation));
    }

    const output = await this.invoke(module, r.operation, input, {
      caller,
      credentials,
      region,
      requestId,
      sourceIp: req.sourceIp ?? '127.0.0.1',
      userAgent: req.headers['user-agent'] ?? req.headers['x-amz-user-agent'] ?? 'unknown',
    });

    if (r.protocol === 'query') {
      return {
        statusCode: 200,
        headers: { 'content-type': 'text/xml', 'x-amzn-RequestId': requestId },
        body: serializeQueryOutput(r.service, r.operation, output, requestId),
      };
    }
    const body = serializeJsonOutput(output);
    wipeSecretMembers(output);
    return {
      statusCode: 200,
      headers: { 'content-type': JSON_CONTENT_TYPE, 'x-amzn-RequestId': requestId },
      body,
    };
  }

  /** Runs one operation (from HTTP or from another service), records its trail event. */
  private async invoke(
    module: ServiceModule,
    operation: string,
    input: Record<string, unknown>,
    call: {
      caller: Principal;
      credentials?: CredentialRecord;
      region: string;
      requestId: string;
      sourceIp: string;
      userAgent: string;
      invokedBy?: string;
      nested?: boolean;
      secure?: boolean;
    },
  ): Promise<unknown> {
    const { deps } = this;
    const readOnly = module.readOnly.has(operation);
    const run = async (): Promise<unknown> => {
      const state = deps.state();
      if (module.runDue) {
        await module.runDue({
          now: deps.now,
          state,
          randomBytes: deps.world.randomBytes,
          subtle: deps.world.subtle,
          cache: deps.cache,
        });
      }
      const ctx: RequestContext = {
        service: module.name,
        operation,
        region: call.region,
        accountId: SANDBOX_ACCOUNT_ID,
        requestId: call.requestId,
        caller: call.caller,
        credentials: call.credentials,
        now: deps.now,
        wallNow: deps.world.now,
        randomBytes: deps.world.randomBytes,
        subtle: deps.world.subtle,
        state,
        cache: deps.cache,
        authorize: (req) => deps.authorize(ctx, req),
        validateKeyPolicy: (policy, opts) => deps.validateKeyPolicy(ctx, policy, opts),
        issueCredentials: (principal, seconds) => deps.credentials.issue(principal, seconds),
        callService: async <O,>(service: ServiceName, op: string, nestedInput: unknown): Promise<O> => {
          const target = deps.services[service];
          if (!target || !Object.hasOwn(target.operations, op)) throw notImplemented(service, op);
          const out = await this.invoke(target, op, (nestedInput ?? {}) as Record<string, unknown>, {
            ...call,
            requestId: this.newId(),
            invokedBy: `${module.name}.amazonaws.com`,
            nested: true,
          });
          return out as O;
        },
        invokedBy: call.invokedBy,
        audit: {},
        blobs: deps.blobs,
        secureTransport: call.secure,
      };
      let output: unknown;
      let failure: ServiceError | undefined;
      try {
        output = await module.operations[operation]!(input, ctx);
      } catch (e) {
        if (isServiceError(e)) failure = e;
        else {
          deps.onInternalError?.(e, `${module.name}.${operation}`);
          failure = internalError(module.name);
        }
      }
      const ev = buildTrailEvent({
        service: module.name,
        operation,
        region: call.region,
        accountId: SANDBOX_ACCOUNT_ID,
        requestId: call.requestId,
        eventId: this.newId(),
        time: deps.now(),
        readOnly,
        principal: call.caller,
        credentials: call.credentials,
        invokedBy: call.invokedBy,
        sourceIp: call.sourceIp,
        userAgent: call.userAgent,
        input,
        audit: ctx.audit,
        error: failure ? { code: failure.code, message: failure.awsMessage } : undefined,
        dataEvent: module.dataEvents?.has(operation) ?? false,
      });
      if (!UNRECORDED_OPERATIONS.has(`${module.name}.${operation}`)) {
        appendTrailEvent(state, ev);
        deps.onTrailEvent?.(ev);
      }
      if (failure) throw failure;
      return output;
    };
    // Nested calls already run inside the outer call's transaction.
    return call.nested ? run() : deps.transact(!readOnly, run);
  }
}

function guessProtocol(req: SandboxHttpRequest): AuthProtocol {
  const ct = (req.headers['content-type'] ?? '').toLowerCase();
  if (ct.startsWith(QUERY_CONTENT_TYPE)) return 'query';
  return isS3Request(req, credentialScope(req.headers)?.service) ? 'rest-xml' : 'json';
}

/**
 * S3 requests: signed for s3 (header or presigned query), or carrying no signature at all and not
 * shaped like a JSON or Query call (an anonymous S3 request, which S3 refuses with AccessDenied).
 */
function isS3Request(req: SandboxHttpRequest, scopeService: string | undefined): boolean {
  if (req.headers['x-amz-target'] !== undefined) return false;
  if (scopeService !== undefined) return scopeService === 's3';
  const presigned = presignScope(req.query);
  if (presigned) return presigned.service === 's3';
  return req.method !== 'POST' || Object.keys(req.query).length > 0;
}

/**
 * Request bodies the SDK may hand over: bytes, strings, and for S3 streams (Node Readable, web
 * ReadableStream, Blob). Streams are collected here.
 * TODO(wire): streamed bodies end to end replace this collection.
 */
async function collectBody(body: unknown): Promise<Uint8Array> {
  if (body === undefined || body === null || body instanceof Uint8Array || typeof body === 'string' || body instanceof ArrayBuffer || ArrayBuffer.isView(body)) {
    return toBytes(body);
  }
  if (typeof Blob !== 'undefined' && body instanceof Blob) return new Uint8Array(await body.arrayBuffer());
  const chunks: Uint8Array[] = [];
  if (typeof ReadableStream !== 'undefined' && body instanceof ReadableStream) {
    const reader = (body as ReadableStream<Uint8Array>).getReader();
    for (;;) {
      const r = await reader.read();
      if (r.done) break;
      chunks.push(toBytes(r.value));
    }
  } else if (typeof (body as AsyncIterable<unknown>)[Symbol.asyncIterator] === 'function') {
    for await (const c of body as AsyncIterable<unknown>) chunks.push(toBytes(c));
  } else return new Uint8Array(0);
  let n = 0;
  for (const c of chunks) n += c.length;
  const out = new Uint8Array(n);
  let o = 0;
  for (const c of chunks) {
    out.set(c, o);
    o += c.length;
  }
  return out;
}

/**
 * A streaming response body as the SDK's runtime expects it: a Node Readable in Node (found through
 * process.getBuiltinModule, nothing imported), a web ReadableStream in the browser.
 */
function toResponseStream(body: Uint8Array): unknown {
  const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  const stream = proc?.getBuiltinModule?.('node:stream') as { Readable: { from(x: Iterable<Uint8Array>): unknown } } | undefined;
  if (stream) return stream.Readable.from(body.length ? [body] : []);
  return new ReadableStream<Uint8Array>({
    start(c) {
      if (body.length) c.enqueue(body);
      c.close();
    },
  });
}

function toBytes(body: unknown): Uint8Array {
  if (body === undefined || body === null) return new Uint8Array(0);
  if (body instanceof Uint8Array) return body;
  if (typeof body === 'string') return utf8(body);
  if (body instanceof ArrayBuffer) return new Uint8Array(body);
  if (ArrayBuffer.isView(body)) return new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
  return new Uint8Array(0);
}

/** The Smithy HttpHandler the SDK clients take as `requestHandler`. Response bodies are Uint8Array (never strings). */
export interface SandboxRequestHandler {
  handle(request: HttpRequest): Promise<{ response: HttpResponse }>;
  updateHttpClientConfig(key: never, value: never): void;
  httpHandlerConfigs(): Record<string, never>;
  destroy(): void;
}

export function createRequestHandler(engine: SandboxEngine, ready: Promise<unknown>): SandboxRequestHandler {
  return {
    async handle(request: HttpRequest) {
      await ready;
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(request.headers ?? {})) if (v !== undefined) headers[k.toLowerCase()] = String(v);
      if (headers['host'] === undefined && request.hostname) headers['host'] = request.hostname;
      const res = await engine.handleHttp({
        method: request.method,
        hostname: request.hostname,
        port: request.port,
        path: request.path || '/',
        query: (request.query ?? {}) as Record<string, string | string[] | null>,
        headers,
        body: await collectBody(request.body),
      });
      // The SDK reads some headers by their lower-case names only (x-amzn-requestid on errors).
      const out: Record<string, string> = {};
      for (const [k, v] of Object.entries(res.headers)) out[k.toLowerCase()] = v;
      const body = res.streaming ? toResponseStream(res.body) : res.body;
      return { response: new HttpResponse({ statusCode: res.statusCode, headers: out, body }) };
    },
    updateHttpClientConfig() {},
    httpHandlerConfigs() {
      return {};
    },
    destroy() {},
  };
}

/**
 * Plaintext members of a response (data keys, decrypted data, private keys, shared secrets) are zeroed
 * once serialised: the sandbox keeps no plaintext key buffer after the call. Service-to-service calls
 * (callService) keep theirs, since the calling service still needs them.
 */
const SECRET_OUTPUT_MEMBERS = ['Plaintext', 'PrivateKeyPlaintext', 'SharedSecret'] as const;
function wipeSecretMembers(output: unknown): void {
  if (output === null || typeof output !== 'object') return;
  const o = output as Record<string, unknown>;
  for (const m of SECRET_OUTPUT_MEMBERS) {
    const v = o[m];
    if (v instanceof Uint8Array) v.fill(0);
  }
}
