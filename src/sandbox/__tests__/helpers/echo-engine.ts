import { SandboxEngine } from '../../request-handler';
import { initialState } from '../../index';
import { createCredentialRegistry } from '../../iam/credentials';
import { EMPTY_BODY, type SandboxBody } from '../../protocol/body';
import { registerWireProtocol } from '../../protocol/registry';
import { ServiceError } from '../../protocol/service-error';
import { credentialScope } from '../../protocol/sigv4';
import type { WireProtocol } from '../../protocol/wire-protocol';
import type { ServiceModule } from '../../shared/context';

/**
 * A streamed-body service for the wire tests: `PUT /echo/<name>` signed for `s3` (tried before the
 * real REST-XML protocol, which reads S3 bodies whole for now)
 * answers 200 with the very body it was sent, never buffered (the request stream becomes the
 * response stream). It runs through the real engine (match, read, SigV4, dispatch, trail) with a
 * minimal REST-style protocol, so what is tested is the body plumbing, not a stand-in for it.
 */
export const echoProtocol: WireProtocol = {
  name: 'rest-xml',
  services: ['s3'],
  match(req) {
    if (credentialScope(req.headers)?.service !== 's3' || !req.path.startsWith('/echo/')) return undefined;
    return { service: 's3', operation: 'Echo' };
  },
  async read(req, m) {
    return { service: m.service, operation: m.operation!, stream: req.body };
  },
  knows: (_s, op) => op === 'Echo',
  unknownOperation: (_s, op) => new ServiceError('MethodNotAllowed', `No ${op}`, 405),
  parse: (call) => ({ Body: call.stream ?? EMPTY_BODY }),
  serializeOutput(_call, output, requestId) {
    const body = (output as { Body: SandboxBody }).Body;
    return { statusCode: 200, headers: { 'content-type': 'application/octet-stream', 'x-amz-request-id': requestId }, body };
  },
  serializeError(_service, err, requestId) {
    const xml = `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${err.code}</Code><Message>${err.awsMessage ?? ''}</Message><RequestId>${requestId}</RequestId></Error>`;
    return { statusCode: err.status, headers: { 'content-type': 'application/xml' }, body: new TextEncoder().encode(xml) };
  },
};

const echoService: ServiceModule = {
  name: 's3',
  readOnly: new Set(['Echo']),
  operations: {
    Echo: (input: { Body: SandboxBody }, ctx) => {
      ctx.audit.requestParameters = {};
      return { Body: input.Body };
    },
  },
};

/** A real engine whose `s3` is the echo service above; `internalErrors` collects what would be 500s. */
export function echoEngine(internalErrors: unknown[] = []): SandboxEngine {
  registerWireProtocol(echoProtocol);
  const state = initialState();
  const cache = new Map<string, unknown>();
  const world = { now: () => Date.now(), randomBytes: (n: number) => crypto.getRandomValues(new Uint8Array(n)), subtle: crypto.subtle };
  return new SandboxEngine({
    world,
    signingClock: () => Date.now(),
    defaultRegion: 'us-east-1',
    services: { s3: echoService },
    credentials: createCredentialRegistry(world.now, world.randomBytes),
    authorize: () => {},
    validateKeyPolicy: () => {},
    state: () => state,
    now: world.now,
    cache,
    transact: (_mutating, fn) => fn(),
    onInternalError: (e) => internalErrors.push(e),
  });
}
