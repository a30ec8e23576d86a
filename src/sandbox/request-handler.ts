/**
 * The protocol shell: the only code that sees HTTP (STYLE.md habit 2). match -> read -> authenticate ->
 * parse -> dispatch -> serialise, each protocol step done by the request's WireProtocol
 * (protocol/wire-protocol.ts), and one CloudTrail record per call.
 *
 * Conventions between the shell and the operations (also in docs/sandbox.md):
 * - Blob members (whatever the SDK's schema types as a blob) reach operations as Uint8Array.
 *   Operations return blobs as Uint8Array; the protocol encodes them (base64 in JSON and XML).
 * - Operations return timestamps as `Date` objects; the shell writes epoch seconds with a fraction
 *   (JSON 1.1) or ISO-8601 (Query/XML). Never return raw epoch numbers for timestamps.
 * - Operations throw ServiceError; anything else thrown becomes a 500 (KMSInternalException for KMS,
 *   InternalFailure elsewhere) with a safe message — nothing ever escapes as a JS exception.
 * - Output `undefined` means "no output": JSON answers `{}`.
 */
import { HttpResponse, type HttpRequest } from '@smithy/protocol-http';
import type { ChecksumConstructor, HttpHandlerOptions } from '@smithy/types';
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
import { verifySigV4, type VerifiedRequest } from './protocol/sigv4';
import { validateInput } from './protocol/validate';
import { appendTrailEvent, buildTrailEvent } from './shared/trail';
import { uuidV4 } from './shared/ids';
import { isRegionName } from './shared/arn';
import { toSandboxBody, toSdkResponseBody } from './protocol/body';
import { fallbackProtocol, intendedService, matchRequest } from './protocol/registry';
import type { SandboxHttpRequest, SandboxHttpResponse, WireCall, WireProtocol } from './protocol/wire-protocol';

export type { SandboxHttpRequest, SandboxHttpResponse } from './protocol/wire-protocol';
export type { SandboxBody } from './protocol/body';

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
  /** The live state of one account (replaced on reset/import, so always read through this). */
  state: (accountId: string) => SandboxState;
  /** Another account's state for a read (a key ARN of that account); undefined when it holds nothing. Never creates it. */
  accountState?: (accountId: string) => SandboxState | undefined;
  /** Every account that holds state. */
  accountIds?: () => string[];
  /** After runDue: what became due is kept even if the call then fails (store/lab.ts). */
  checkpoint?: () => void;
  /**
   * The state runDue scans (every key of every region): the model itself, not the tracked view, so a
   * scan does not make the call's write set every record (store/write-tracker.ts). Default: `state`.
   */
  dueState?: (accountId: string) => SandboxState;
  /** runDue changed something (it recorded a service event): the call's write set covers every record. */
  untracked?: () => void;
  /** Simulated clock, epoch ms. */
  now: () => number;
  cache: Map<string, unknown>;
  /**
   * Runs one call as one transaction: its write set commits when it succeeds and is discarded when it
   * fails. `service` names the called service (the change notice tabs receive says which services changed).
   */
  transact: <T>(mutating: boolean, fn: () => Promise<T>, service?: ServiceName) => Promise<T>;
  onTrailEvent?: (ev: TrailEvent) => void;
  /** The store's blob area (S3 object bodies). */
  blobs?: BlobStore;
  onInternalError?: (err: unknown, where: string) => void;
  /** Request quotas (shared/quotas.ts); calls made on the caller's behalf count too. */
  quotas?: { charge(call: { service: string; operation: string; accountId: string; region: string; at?: number }): void };
}

/** Operations AWS serves without SigV4 (smithy.api#noAuth / botocore signature_version none). */
const UNSIGNED_OPERATIONS: Record<string, ReadonlySet<string>> = {
  'cognito-identity': new Set(['GetId', 'GetCredentialsForIdentity', 'GetOpenIdToken', 'UnlinkIdentity']),
  sts: new Set(['AssumeRoleWithWebIdentity', 'AssumeRoleWithSAML']),
};

export const anonymousPrincipal = (): Principal => ({
  type: 'Anonymous',
  arn: '',
  accountId: SANDBOX_ACCOUNT_ID,
  principalId: '',
  identityPolicies: [],
});

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

/** Who makes a call and how it arrived (calls made on its behalf inherit it, `nested` set). */
interface InvokeCall {
  caller: Principal;
  credentials?: CredentialRecord;
  region: string;
  requestId: string;
  sourceIp: string;
  userAgent: string;
  secureTransport: boolean;
  invokedBy?: string;
  nested?: boolean;
  /** Wall-clock arrival of the HTTP request (calls made on its behalf inherit it). */
  receivedAt?: number;
}

export class SandboxEngine {
  constructor(private readonly deps: EngineDeps) {}

  private newId(): string {
    return uuidV4(this.deps.world.randomBytes);
  }

  /** The access-key lookup SigV4 verification uses (one function for the engine's life). */
  private readonly lookupCredential = (id: string): CredentialRecord | undefined => this.deps.credentials.lookup(id);

  /**
   * The signature check a protocol's own authentication calls. Returned from a method rather than made
   * as a named arrow in place: tsx's keepNames costs an Object.defineProperty per named closure (see run).
   */
  private verifier(req: SandboxHttpRequest, protocol: WireProtocol, call: WireCall): () => Promise<VerifiedRequest> {
    return () => verifySigV4(this.verifyInput(req, protocol, call));
  }

  /** What verifySigV4 checks a request against, read when it runs (S3 may have replaced the bytes). */
  private verifyInput(req: SandboxHttpRequest, protocol: WireProtocol, call: WireCall): Parameters<typeof verifySigV4>[0] {
    const { deps } = this;
    return {
      method: req.method,
      hostname: req.hostname,
      port: req.port,
      path: req.path,
      query: req.query,
      headers: req.headers,
      body: call.bytes,
      protocol: protocol.name,
      wallNow: deps.world.now(),
      signingNow: deps.signingClock(),
      sha256: deps.sha256,
      lookup: this.lookupCredential,
    };
  }

  /** Never throws: every failure becomes an AWS-shaped response, in the protocol of the service meant. */
  async handleHttp(req: SandboxHttpRequest): Promise<SandboxHttpResponse> {
    // Request quotas count a call when it arrives, not when the one-at-a-time engine gets to it.
    const now = this.deps.world.now();
    const receivedAt = req.receivedAt !== undefined && req.receivedAt < now ? req.receivedAt : now;
    const requestId = this.newId();
    let protocol: WireProtocol | undefined;
    let service: ServiceName | undefined;
    let call: WireCall | undefined;
    try {
      const found = matchRequest(req);
      if (!found) throw unroutable(req);
      protocol = found.protocol;
      service = found.match.service;
      call = await protocol.read(req, found.match);
      return await this.dispatch(req, protocol, call, requestId, receivedAt);
    } catch (e) {
      if (!protocol || !service) {
        const f = fallbackProtocol(req);
        protocol = f.protocol;
        service = f.service;
      }
      let err: ServiceError;
      if (isServiceError(e)) err = e;
      else {
        this.deps.onInternalError?.(e, `${service}.${call?.operation ?? '?'}`);
        err = internalError(service);
      }
      return protocol.serializeError(service, err, requestId, call, req);
    }
  }

  private async dispatch(req: SandboxHttpRequest, protocol: WireProtocol, call: WireCall, requestId: string, receivedAt: number): Promise<SandboxHttpResponse> {
    const { deps } = this;
    const unsigned = UNSIGNED_OPERATIONS[call.service]?.has(call.operation) ?? false;
    let caller: Principal;
    let credentials: CredentialRecord | undefined;
    let region: string;
    let signedRegion: string | undefined;

    if (unsigned) {
      caller = anonymousPrincipal();
    } else {
      // Protocols with their own authentication (S3: presigned URLs, aws-chunked bodies) verify here.
      const v = protocol.authenticate
        ? await protocol.authenticate(req, call, {
            wallNow: deps.world.now(),
            signingNow: deps.signingClock(),
            sha256: deps.sha256,
            lookup: this.lookupCredential,
            verifySigV4: this.verifier(req, protocol, call),
          })
        : await verifySigV4(this.verifyInput(req, protocol, call));
      if (v.service !== call.service) {
        // A request signed for another service (TrentService.* signed for sts, say) fails as on AWS.
        const msg = `Credential should be scoped to correct service: '${call.service}'. `;
        throw protocol.name === 'json'
          ? new ServiceError('InvalidSignatureException', msg, 400)
          : new ServiceError('SignatureDoesNotMatch', msg, 403);
      }
      caller = v.credentials.principal;
      credentials = v.credentials;
      signedRegion = v.region;
    }

    const module = deps.services[call.service];
    if (!module || !Object.hasOwn(module.operations, call.operation)) {
      if (protocol.knows(call.service, call.operation)) throw notImplemented(call.service, call.operation);
      throw protocol.unknownOperation(call.service, call.operation);
    }
    const input = protocol.parse(call, req);
    if (signedRegion !== undefined) region = signedRegion;
    else {
      region =
        credentialScopeRegion(req) ??
        regionFromHost(req.headers['host'] ?? req.hostname) ??
        regionFromCognitoInput(input) ??
        deps.defaultRegion;
    }

    const output = await this.invoke(module, call.operation, input, {
      caller,
      credentials,
      region,
      requestId,
      sourceIp: req.sourceIp ?? '127.0.0.1',
      userAgent: req.headers['user-agent'] ?? req.headers['x-amz-user-agent'] ?? 'unknown',
      secureTransport: req.secure ?? true,
      receivedAt,
    });
    const res = protocol.serializeOutput(call, output, requestId);
    wipeSecretMembers(output);
    return res;
  }

  /** Runs one operation (from HTTP or from another service), records its trail event. */
  private async invoke(
    module: ServiceModule,
    operation: string,
    input: Record<string, unknown>,
    call: InvokeCall,
  ): Promise<unknown> {
    const readOnly = module.readOnly.has(operation);
    // Nested calls already run inside the outer call's transaction.
    if (call.nested) return this.run(module, operation, input, call, readOnly);
    return this.deps.transact(!readOnly, () => this.run(module, operation, input, call, readOnly), module.name);
  }

  /** A call made on the caller's behalf by `module` (S3's calls to KMS), recorded as invoked by it. */
  private nestedCaller(module: ServiceModule, call: InvokeCall): RequestContext['callService'] {
    return async <O,>(service: ServiceName, op: string, nestedInput: unknown): Promise<O> => {
      const target = this.deps.services[service];
      if (!target || !Object.hasOwn(target.operations, op)) throw notImplemented(service, op);
      const out = await this.invoke(target, op, (nestedInput ?? {}) as Record<string, unknown>, {
        ...call,
        requestId: this.newId(),
        invokedBy: `${module.name}.amazonaws.com`,
        nested: true,
      });
      return out as O;
    };
  }

  /**
   * One operation inside its transaction: due work, the call, its trail record. The context's
   * functions are methods or made by a method, not arrow functions in properties: tsx (which runs `npm run sandbox` and
   * the tests) compiles with esbuild's keepNames, which names every such closure with an
   * Object.defineProperty each time it is made (four per call here; about 1 µs apiece in a CPU
   * profile of the server). The page's bundle has no keepNames; behaviour is the same either way.
   */
  private async run(
    module: ServiceModule,
    operation: string,
    input: Record<string, unknown>,
    call: InvokeCall,
    readOnly: boolean,
  ): Promise<unknown> {
    const { deps } = this;
    // The caller's account owns the call's state (anonymous calls: the sandbox account).
    const accountId = call.caller.accountId || SANDBOX_ACCOUNT_ID;
    const state = deps.state(accountId);
    if (module.runDue) {
      const events = state.trail.events.length;
      await module.runDue({
        now: deps.now,
        state: deps.dueState?.(accountId) ?? state,
        randomBytes: deps.world.randomBytes,
        subtle: deps.world.subtle,
        cache: deps.cache,
      });
      if (state.trail.events.length !== events) deps.untracked?.();
      if (!call.nested) deps.checkpoint?.();
    }
    const ctx: RequestContext = {
      service: module.name,
      operation,
      region: call.region,
      accountId,
      requestId: call.requestId,
      caller: call.caller,
      credentials: call.credentials,
      now: deps.now,
      wallNow: deps.world.now,
      randomBytes: deps.world.randomBytes,
      subtle: deps.world.subtle,
      state,
      accountState: deps.accountState,
      accountIds: deps.accountIds,
      cache: deps.cache,
      authorize(req) {
        return deps.authorize(ctx, req);
      },
      validateKeyPolicy(policy, opts) {
        return deps.validateKeyPolicy(ctx, policy, opts);
      },
      issueCredentials(principal, seconds) {
        return deps.credentials.issue(principal, seconds);
      },
      callService: this.nestedCaller(module, call),
      invokedBy: call.invokedBy,
      secureTransport: call.secureTransport,
      audit: {},
      blobs: deps.blobs,
    };
    let output: unknown;
    let failure: ServiceError | undefined;
    try {
      // Throttled calls are refused before any work and still recorded in the trail.
      deps.quotas?.charge({ service: module.name, operation, accountId: ctx.accountId, region: call.region, at: call.receivedAt });
      // Framework validation (protocol/validate.ts) runs here, inside the call, so a refused request is
      // recorded in the trail as AWS records it; the operation then receives its SDK input type.
      if (!module.skipModelValidation) validateInput(module.name, operation, input);
      output = await module.operations[operation]!(input as never, ctx);
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
      accountId,
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
    // Every call is recorded, CloudTrail's own LookupEvents included (as AWS records them); the lab's
    // own background reads carry LAB_BACKGROUND_MARKER in userAgent, which the trail page hides by default.
    appendTrailEvent(state, ev);
    deps.onTrailEvent?.(ev);
    if (failure) throw failure;
    return output;
  }
}

/**
 * The Smithy HttpHandler the SDK clients take as `requestHandler`. Request bodies of every kind the SDK
 * sends (bytes, strings, Blobs, streams) reach the engine intact; response bodies are bytes, or a web
 * ReadableStream for streamed members (the SDK's stream mixin refuses bytes there, on both platforms).
 */
export interface SandboxRequestHandler {
  /** `receivedAt`: when the request reached the sandbox, if it waited before this call (the engine host). */
  handle(request: HttpRequest, options?: HttpHandlerOptions & { receivedAt?: number }): Promise<{ response: HttpResponse }>;
  updateHttpClientConfig(key: never, value: never): void;
  httpHandlerConfigs(): Record<string, never>;
  destroy(): void;
}

export function createRequestHandler(engine: SandboxEngine, ready: Promise<unknown>): SandboxRequestHandler {
  return {
    async handle(request: HttpRequest, options?: HttpHandlerOptions & { receivedAt?: number }) {
      await ready;
      const headers: Record<string, string> = {};
      const given = request.headers ?? {};
      for (const k in given) {
        if (!Object.hasOwn(given, k)) continue;
        const v = given[k];
        if (v !== undefined) headers[k.toLowerCase()] = String(v);
      }
      if (headers['host'] === undefined && request.hostname) headers['host'] = request.hostname;
      const res = await engine.handleHttp({
        method: request.method,
        hostname: request.hostname,
        port: request.port,
        path: request.path || '/',
        query: (request.query ?? {}) as Record<string, string | string[] | null>,
        headers,
        body: toSandboxBody(request.body),
        // The page's clients target https endpoints (aws:SecureTransport is true, as on AWS).
        secure: true,
        ...(options?.receivedAt !== undefined ? { receivedAt: options.receivedAt } : {}),
      });
      // The SDK reads some headers by their lower-case names only (x-amzn-requestid on errors).
      const out: Record<string, string> = {};
      for (const k in res.headers) if (Object.hasOwn(res.headers, k)) out[k.toLowerCase()] = res.headers[k]!;
      return { response: new HttpResponse({ statusCode: res.statusCode, headers: out, body: toSdkResponseBody(res.body) }) };
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

const credentialScopeRegion = (req: SandboxHttpRequest): string | undefined => {
  const auth = req.headers['authorization'];
  const m = auth ? /Credential=[^/]+\/\d{8}\/([^/]+)\//.exec(auth) : null;
  return m?.[1];
};

/** No protocol claimed the request: say which service it seemed to be for, or that it could not tell. */
function unroutable(req: SandboxHttpRequest): ServiceError {
  const target = req.headers['x-amz-target'];
  if (target !== undefined) {
    // Sandbox differs: AWS answers UnknownOperationException with no message; the sandbox names the target.
    return new ServiceError('UnknownOperationException', `The KMS Study Lab sandbox does not know the target '${target}'.`);
  }
  const svc = intendedService(req);
  if (svc) return notImplemented(svc, `${req.method} ${req.path}`);
  return new ServiceError(
    'UnknownOperationException',
    'The KMS Study Lab sandbox could not tell which AWS operation this request is (no X-Amz-Target, no Action, no SigV4 scope).',
  );
}
