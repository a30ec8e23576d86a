import { EMPTY_BODY, readBody, toWebStream } from './body';
import { isKnownS3Operation, parseS3Input, s3Address, s3Operation, serializeS3Error, serializeS3Output } from './rest-xml';
import { decodeS3Body, isPresigned, presignScope, verifyPresigned } from './s3-auth';
import { notImplemented, ServiceError } from './service-error';
import { credentialScope } from './sigv4';
import type { SandboxHttpRequest, SandboxHttpResponse, WireProtocol } from './wire-protocol';

/**
 * The largest body the sandbox reads for one S3 request (AWS's single PUT limit is 5 GiB).
 * Sandbox differs: the body is read into memory whole before the operation runs (the aws-chunked
 * decoder and the signature need it), so a large PUT costs its size in memory; AWS streams it.
 */
export const S3_BODY_LIMIT = 5 * 1024 * 1024 * 1024;

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
    // Read whole (bounded): the signature and the aws-chunked decoder need every byte. Never emptied.
    const bytes = await readBody(req.body, S3_BODY_LIMIT, entityTooLarge);
    return { service: m.service, operation, bytes, route: m.route };
  },
  async authenticate(req, call, ctx) {
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
    return parseS3Input(call.operation, { method: req.method, query: req.query, headers: call.headers ?? req.headers, body: call.bytes ?? EMPTY_BODY }, addr);
  },
  serializeOutput(call, output, requestId) {
    const r = serializeS3Output(call.operation, call.route?.['method'] ?? 'GET', output, requestId);
    // Object bodies (GetObject) reach the SDK as a stream: its stream mixin refuses bytes there.
    const res: SandboxHttpResponse = { statusCode: r.statusCode, headers: r.headers, body: r.streaming ? toWebStream(r.body) : r.body };
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
