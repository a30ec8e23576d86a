import { bodyChunks, EMPTY_BODY, readBody, toWebStream } from './body';
import { isKnownS3Operation, parseS3Input, s3Address, s3Operation, serializeS3Error, serializeS3Output } from './rest-xml';
import { decodeS3Body, isPresigned, presignScope, S3_PUT_LIMIT, streamS3Payload, verifyPresigned } from './s3-auth';
import { notImplemented, ServiceError } from './service-error';
import { credentialScope } from './sigv4';
import type { SandboxHttpRequest, SandboxHttpResponse, WireProtocol } from './wire-protocol';

/** AWS's single-PUT limit (5 GiB): object bodies past it fail with EntityTooLarge as soon as it is passed. */
export const S3_BODY_LIMIT = S3_PUT_LIMIT;

/**
 * Operations whose body is object data: it is never read whole, but handed to the operation as a
 * stream (decoded and checked as it passes: s3-auth.ts `streamS3Payload`), so a 1 GiB PutObject
 * costs a few MiB of memory. Every other S3 body is a small XML document, read whole (bounded).
 */
const STREAMED_BODY_OPERATIONS: ReadonlySet<string> = new Set(['PutObject', 'UploadPart']);
/** XML request bodies (CompleteMultipartUpload lists up to 10,000 parts; policies up to 20 KB). */
const XML_BODY_LIMIT = 8 * 1024 * 1024;

const entityTooLarge = (size: number, limit: number) =>
  new ServiceError('EntityTooLarge', 'Your proposed upload exceeds the maximum allowed size', 400, {
    ProposedSize: String(size),
    MaxSizeAllowed: String(limit),
  });

const FORM = 'application/x-www-form-urlencoded';

/**
 * S3 requests: signed for s3 (header or presigned query), or carrying no signature at all and not
 * shaped like a JSON or Query call (an anonymous S3 request, which S3 refuses with AccessDenied).
 */
function isS3Request(req: SandboxHttpRequest): boolean {
  if (req.headers['x-amz-target'] !== undefined) return false;
  const scope = credentialScope(req.headers)?.service;
  if (scope !== undefined) return scope === 's3';
  const presigned = presignScope(req.query);
  if (presigned) return presigned.service === 's3';
  if ((req.headers['content-type'] ?? '').toLowerCase().startsWith(FORM)) return false;
  return req.method !== 'POST' || Object.keys(req.query).length > 0;
}

const hostOf = (req: SandboxHttpRequest) => req.headers['host'] ?? req.hostname;

/** S3's REST-XML: routed by method, bucket (host or path), key and sub-resource; XML in and out. */
export const restXmlProtocol: WireProtocol = {
  name: 'rest-xml',
  services: ['s3'],
  match(req) {
    if (!isS3Request(req)) return undefined;
    return { service: 's3', route: { method: req.method.toUpperCase() } };
  },
  async read(req, m) {
    const addr = s3Address(hostOf(req), req.path);
    const operation = s3Operation(req.method, addr, req.query, req.headers);
    if (!operation) {
      throw new ServiceError('MethodNotAllowed', 'The specified method is not allowed against this resource.', 405, {
        Method: req.method,
        ResourceType: addr.key === undefined ? 'BUCKET' : 'OBJECT',
      });
    }
    // Object data stays a stream; XML bodies are read whole (bounded). Never emptied.
    if (STREAMED_BODY_OPERATIONS.has(operation)) return { service: m.service, operation, stream: req.body, route: m.route };
    const bytes = await readBody(req.body, XML_BODY_LIMIT, entityTooLarge);
    return { service: m.service, operation, bytes, route: m.route };
  },
  async authenticate(req, call, ctx) {
    if (call.stream !== undefined && !isPresigned(req.query) && req.headers['authorization'] !== undefined && req.headers['x-amz-content-sha256'] === undefined) {
      // A streamed body is checked against the hash the client signed, so S3 needs it named.
      // Sandbox differs: S3 requires this header on every SigV4 request; the sandbox asks for it only
      // where the body streams (for XML bodies it hashes the bytes it has read).
      throw new ServiceError('InvalidRequest', 'Missing required header for this request: x-amz-content-sha256', 400);
    }
    const verified = isPresigned(req.query)
      ? await verifyPresigned({
          method: req.method,
          path: req.path,
          query: req.query,
          headers: req.headers,
          signingNow: ctx.signingNow,
          wallNow: ctx.wallNow,
          sha256: ctx.sha256,
          lookup: ctx.lookup,
        })
      : await ctx.verifySigV4();
    if (verified.service !== 's3') return verified;
    if (call.stream !== undefined) {
      // Checked while the operation reads it: chunk signatures chained from the seed signature just
      // verified, or the body's SHA-256 against the signed x-amz-content-sha256.
      call.stream = streamS3Payload(bodyChunks(call.stream), {
        headers: req.headers,
        verified,
        presigned: isPresigned(req.query),
        sha256: ctx.sha256,
        limit: S3_BODY_LIMIT,
      });
      return verified;
    }
    // aws-chunked: each chunk's signature chains from the seed signature just verified.
    const decoded = await decodeS3Body({ headers: req.headers, body: call.bytes ?? EMPTY_BODY }, verified, ctx.sha256);
    call.bytes = decoded.body;
    call.headers = decoded.headers;
    return verified;
  },
  knows: (_service, operation) => isKnownS3Operation(operation),
  unknownOperation: (service, operation) => notImplemented(service, operation),
  parse(call, req) {
    const addr = s3Address(hostOf(req), req.path);
    return parseS3Input(call.operation, { method: req.method, query: req.query, headers: call.headers ?? req.headers, body: call.bytes ?? EMPTY_BODY, stream: call.stream }, addr);
  },
  serializeOutput(call, output, requestId) {
    const r = serializeS3Output(call.operation, call.route?.['method'] ?? 'GET', output, requestId);
    // Object bodies (GetObject) stay the operation's async iterable: the SDK handler makes it the stream
    // the SDK's stream mixin wants (request-handler.ts, toSdkResponseBody: a Node Readable in Node, a web
    // stream in the page), and the Node server writes its chunks straight to the socket.
    // Bytes in a streamed member (none today) still become a stream, which the mixin accepts.
    const res: SandboxHttpResponse = { statusCode: r.statusCode, headers: r.headers, body: r.streaming && r.body instanceof Uint8Array ? toWebStream(r.body) : r.body };
    return res;
  },
  serializeError(_service, err, requestId, call, req) {
    let e = err;
    if (e.code === 'NotImplementedException') e = new ServiceError('NotImplemented', e.awsMessage, 501);
    if (e.code === 'InternalFailure') e = new ServiceError('InternalError', 'We encountered an internal error. Please try again.', 500);
    const r = serializeS3Error(e, requestId, req?.method ?? call?.route?.['method'] ?? 'GET');
    return { statusCode: r.statusCode, headers: r.headers, body: r.body };
  },
};
