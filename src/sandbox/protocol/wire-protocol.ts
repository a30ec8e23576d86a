import type { ServiceName } from '../shared/context';
import type { SandboxBody } from './body';
import type { ServiceError } from './service-error';
import type { AuthProtocol, VerifiedRequest } from './sigv4';
import type { ChecksumConstructor } from '@smithy/types';
import type { CredentialRecord } from '../shared/principal';

/** A transport-neutral request: what the SDK handler, the Node server and the worker host all produce. */
export interface SandboxHttpRequest {
  method: string;
  hostname: string;
  port?: number;
  path: string;
  query: Record<string, string | string[] | null>;
  /** Lower-case names. */
  headers: Record<string, string>;
  /** Bytes, a Blob, a web ReadableStream or a Node Readable (any async iterable of bytes). Never emptied. */
  body: SandboxBody;
  /** The client's address (server only); in the page it is 127.0.0.1. */
  sourceIp?: string;
  /**
   * Whether the request came over TLS (aws:SecureTransport): true in the page (the SDK targets an
   * https endpoint) and on the server's HTTPS port, false on plain HTTP. Absent means true.
   */
  secure?: boolean;
  /**
   * When the request reached the sandbox (wall clock, ms): in the page, when the page handed it to the
   * engine's worker, which may be busy with earlier calls. Request quotas count a call at its arrival.
   * Absent: when handleHttp starts.
   */
  receivedAt?: number;
}

export interface SandboxHttpResponse {
  statusCode: number;
  headers: Record<string, string>;
  /** Bytes for JSON and XML answers; a stream for object bodies (REST-XML GetObject). */
  body: SandboxBody;
}

/** What `match` learns from the method, path, host and headers alone (the body is not read yet). */
export interface WireMatch {
  service: ServiceName;
  /** Known without the body (JSON: X-Amz-Target; REST-XML: method + path + query); Query learns it in `read`. */
  operation?: string;
  /** Protocol-specific routing facts (S3: bucket and key from the host or the path). */
  route?: Record<string, string>;
}

/** What a protocol's own authentication step gets from the engine. */
export interface AuthenticateContext {
  wallNow: number;
  signingNow: number;
  sha256?: ChecksumConstructor;
  lookup: (accessKeyId: string) => CredentialRecord | undefined;
  /** The engine's generic header SigV4 check (over `call.bytes`). */
  verifySigV4: () => Promise<VerifiedRequest>;
}

/** A request the protocol has routed: the operation is known, the body read as far as the protocol needs. */
export interface WireCall {
  service: ServiceName;
  operation: string;
  /**
   * The whole body when the protocol read it (the signature then hashes it); undefined when the body
   * stays a stream (REST-XML PutObject), in which case the signature uses x-amz-content-sha256 and the
   * protocol checks the hash while the stream is consumed.
   */
  bytes?: Uint8Array;
  /** The body left unread for the operation (streamed protocols only). */
  stream?: SandboxBody;
  /** Input already decoded while routing (Query's form), handed to `parse`. */
  preparsed?: Record<string, unknown>;
  route?: Record<string, string>;
  /** Headers as the operation sees them, when authentication changed them (S3: aws-chunked trailers). */
  headers?: Record<string, string>;
}

/**
 * One wire protocol (AWS JSON 1.1, AWS Query, REST-XML). The engine runs, for each request:
 * `match` (cheap, no body) -> `read` (routing that needs the body; body limits) -> SigV4 ->
 * `parse` (the operation's typed input, checked against the SDK's schema) -> the operation ->
 * `serializeOutput`; any ServiceError on the way goes through `serializeError` of the protocol of the
 * service the request was for, also when it is raised before routing is complete.
 */
export interface WireProtocol {
  readonly name: AuthProtocol;
  /** Services answered in this protocol (an error for one of them is serialised here). */
  readonly services: readonly ServiceName[];
  /** Claims a request from its headers, path and host; undefined if it is not this protocol's. */
  match(req: SandboxHttpRequest): WireMatch | undefined;
  /** Reads the body as far as routing needs (bounded by the protocol's size limit) and names the operation. */
  read(req: SandboxHttpRequest, match: WireMatch): Promise<WireCall>;
  /**
   * Whether the operation exists in AWS's model of the service (from the SDK's own schemas): an
   * operation AWS has but the sandbox lacks answers NotImplementedException; one AWS lacks answers
   * this protocol's unknown-operation error (`unknownOperation`).
   */
  knows(service: ServiceName, operation: string): boolean;
  unknownOperation(service: ServiceName, operation: string): ServiceError;
  /** The operation's input as the service receives it: blobs decoded, members type-checked. */
  /**
   * Optional protocol-specific authentication used instead of the generic SigV4 check (S3: presigned
   * query-string auth, aws-chunked bodies whose chunk signatures chain from the seed signature). It may
   * decode the body in place (`call.bytes`, `call.headers`) for `parse`.
   */
  authenticate?(req: SandboxHttpRequest, call: WireCall, ctx: AuthenticateContext): Promise<VerifiedRequest>;
  parse(call: WireCall, req: SandboxHttpRequest): Record<string, unknown>;
  serializeOutput(call: WireCall, output: unknown, requestId: string): SandboxHttpResponse;
  serializeError(service: ServiceName, err: ServiceError, requestId: string, call?: WireCall, req?: SandboxHttpRequest): SandboxHttpResponse;
}
