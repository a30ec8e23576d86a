/**
 * Worker side of worker-bridge.ts: the KMS and S3 clients a lab's worker uses, built here in the
 * connection layer with the page's credentials (asked for over the port, kept in memory only),
 * the inspector, and — on the sandbox — the page's request handler.
 */
import { KMSClient } from '@aws-sdk/client-kms';
import { S3Client } from '@aws-sdk/client-s3';
import { HttpRequest, HttpResponse } from '@smithy/protocol-http';
import type { AwsCredentialIdentity } from '@smithy/types';
import { isChunkedBody } from './chunked-body';
import { attachInspector } from './inspector-middleware';
import { acceptConnection, WorkerPort, type WireRequest, type WireResponse, type WorkerClientInit } from './worker-bridge';

export interface WorkerClients {
  init: WorkerClientInit;
  kms: KMSClient;
  s3: S3Client;
  /**
   * Whether an S3 body may be a ChunkedBody (chunked-body.ts): true when requests go to the page's
   * sandbox, which takes the chunks as they are. Over fetch (the aws and endpoint backends) a stream
   * body would need a streaming upload, which browsers allow only over HTTP/2.
   */
  chunkedBodies: boolean;
}

function abortError(): Error {
  return Object.assign(new Error('Request aborted'), { name: 'AbortError' });
}

function forwardingHandler(port: WorkerPort, transfer: boolean) {
  return {
    async handle(request: HttpRequest, options?: { abortSignal?: AbortSignal }): Promise<{ response: HttpResponse }> {
      const signal = options?.abortSignal;
      if (signal?.aborted) throw abortError();
      const wire: WireRequest = {
        method: request.method,
        protocol: request.protocol,
        hostname: request.hostname,
        port: request.port,
        path: request.path,
        query: (request.query ?? {}) as WireRequest['query'],
        headers: { ...request.headers },
        // A body given as its chunks goes as those chunks (chunked-body.ts): no joining copy here.
        body: isChunkedBody(request.body) ? request.body.take() : (request.body as WireRequest['body']),
      };
      const sent = port.request<WireResponse>({ kind: 'http', request: wire }, transfer ? WorkerPort.transferables(wire.body) : []);
      // A cancelled call stops waiting at once (the SDK then reports AbortError); the page's answer is dropped.
      const res = signal
        ? await new Promise<WireResponse>((resolve, reject) => {
            const onAbort = () => reject(abortError());
            signal.addEventListener('abort', onAbort, { once: true });
            sent.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
          })
        : await sent;
      return { response: new HttpResponse({ statusCode: res.statusCode, headers: res.headers, body: res.body }) };
    },
    updateHttpClientConfig() {},
    httpHandlerConfigs() {
      return {};
    },
    destroy() {},
  };
}

/** How the worker's S3 client sends object bodies: the lab that owns the worker chooses (and says why). */
export interface WorkerS3Options {
  /**
   * Sign object bodies as UNSIGNED-PAYLOAD when the request goes over HTTPS (AWS allows it there; TLS
   * protects the bytes in transit), so no SHA-256 of the body is computed by the worker or checked by S3.
   */
  unsignedPayloadOverHttps?: boolean;
  /** The SDK's flexible checksums: on every upload that supports one (its default), or only where required. */
  requestChecksumCalculation?: 'WHEN_SUPPORTED' | 'WHEN_REQUIRED';
}

/** Builds the clients once the page has connected (call it at the worker's start). */
export async function workerClients(scope: Parameters<typeof acceptConnection>[0], s3Options: WorkerS3Options = {}): Promise<WorkerClients> {
  const { init, port } = await acceptConnection(scope);
  let cached: AwsCredentialIdentity | undefined;
  const credentials = async (): Promise<AwsCredentialIdentity> => {
    // Ask the page again a minute before expiry; the page's provider refreshes Cognito credentials itself.
    if (cached && (!cached.expiration || cached.expiration.getTime() - Date.now() > 60_000)) return cached;
    cached = await port.request<AwsCredentialIdentity>({ kind: 'credentials' });
    return cached;
  };
  // One attempt per call means nothing is resent, so request bodies can be handed over rather than copied.
  const transfer = init.maxAttempts === 1;
  const common = {
    region: init.region,
    credentials,
    ...(init.endpoint ? { endpoint: init.endpoint } : {}),
    ...(init.maxAttempts ? { maxAttempts: init.maxAttempts } : {}),
    ...(init.forward ? { requestHandler: forwardingHandler(port, transfer) } : {}),
  };
  const inspector = port.inspector();
  const kms = new KMSClient(common);
  const s3 = new S3Client({
    ...common,
    forcePathStyle: init.forcePathStyle,
    ...(s3Options.requestChecksumCalculation ? { requestChecksumCalculation: s3Options.requestChecksumCalculation } : {}),
  });
  if (s3Options.unsignedPayloadOverHttps) {
    s3.middlewareStack.add(
      (next) => async (args) => {
        const req = args.request as Partial<HttpRequest>;
        // The signer uses a body hash already in this header instead of hashing the body itself.
        if (HttpRequest.isInstance(req) && req.protocol === 'https:' && (req.body instanceof Uint8Array || isChunkedBody(req.body))) {
          req.headers['x-amz-content-sha256'] = 'UNSIGNED-PAYLOAD';
        }
        return next(args);
      },
      { step: 'build', name: 'kmsLabUnsignedPayloadOverHttps' },
    );
  }
  attachInspector(kms, inspector, { backend: init.backend, service: 'KMS', region: init.region, endpoint: init.endpoint });
  attachInspector(s3, inspector, { backend: init.backend, service: 'S3', region: init.region, endpoint: init.endpoint });
  return { init, kms, s3, chunkedBodies: Boolean(init.forward) };
}
