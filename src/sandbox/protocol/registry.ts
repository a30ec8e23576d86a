import type { ServiceName } from '../shared/context';
import { awsJsonProtocol } from './aws-json';
import { awsQueryProtocol } from './aws-query';
import { restXmlProtocol } from './rest-xml-protocol';
import { credentialScope } from './sigv4';
import type { SandboxHttpRequest, WireMatch, WireProtocol } from './wire-protocol';

/**
 * The wire protocols the engine tries, in order: JSON (it has X-Amz-Target, unambiguous) first, Query
 * (it also claims any form body) last. REST-XML (S3) sits between them: it claims requests signed for s3
 * (header or presigned query) and unsigned ones that are neither JSON nor a form post.
 */
const PROTOCOLS: WireProtocol[] = [awsJsonProtocol, restXmlProtocol, awsQueryProtocol];

/**
 * Adds a protocol ahead of the built-in one of the same name (else before the Query catch-all), so a
 * narrower matcher (the wire tests' echo service) is tried first. Registering twice is a no-op.
 */
export function registerWireProtocol(p: WireProtocol): void {
  if (PROTOCOLS.includes(p)) return;
  const same = PROTOCOLS.findIndex((x) => x.name === p.name);
  PROTOCOLS.splice(same >= 0 ? same : PROTOCOLS.length - 1, 0, p);
}

export const wireProtocols = (): readonly WireProtocol[] => PROTOCOLS;

export function matchRequest(req: SandboxHttpRequest): { protocol: WireProtocol; match: WireMatch } | undefined {
  for (const protocol of PROTOCOLS) {
    const match = protocol.match(req);
    if (match) return { protocol, match };
  }
  return undefined;
}

/** The protocol a service answers in (its errors are serialised there, even before routing). */
export const protocolOfService = (service: string): WireProtocol | undefined =>
  PROTOCOLS.find((p) => (p.services as readonly string[]).includes(service));

/** `s3` from `bucket.s3.us-east-1.amazonaws.com`, `kms` from `kms.eu-west-1.amazonaws.com`. */
function serviceFromHost(host: string | undefined): string | undefined {
  const h = (host ?? '').toLowerCase().replace(/:\d+$/, '');
  if (/(^|\.)s3([.-][a-z0-9-]+)*\.amazonaws\.com$/.test(h)) return 's3';
  const m = /^([a-z0-9-]+)\.(?:[a-z]{2}(?:-gov|-iso[a-z]?)?-[a-z]+-\d{1,2}\.)?amazonaws\.com$/.exec(h);
  return m?.[1];
}

/**
 * Which service a request was meant for when no protocol claimed it (or it failed before routing
 * finished): the SigV4 scope (header, or X-Amz-Credential of a presigned URL), else the AWS host name.
 */
export function intendedService(req: SandboxHttpRequest): string | undefined {
  const scope = credentialScope(req.headers)?.service;
  if (scope) return scope;
  const presigned = req.query['X-Amz-Credential'];
  if (typeof presigned === 'string') {
    const parts = presigned.split('/');
    if (parts.length === 5 && parts[3]) return parts[3];
  }
  return serviceFromHost(req.headers['host'] ?? req.hostname);
}

/** The protocol to answer an unroutable request in: its service's, else JSON (the KMS lab's default). */
export function fallbackProtocol(req: SandboxHttpRequest): { protocol: WireProtocol; service: ServiceName } {
  const svc = intendedService(req);
  const p = svc ? protocolOfService(svc) : undefined;
  if (p && svc) return { protocol: p, service: svc as ServiceName };
  const ct = (req.headers['content-type'] ?? '').toLowerCase();
  if (ct.startsWith('application/x-www-form-urlencoded')) return { protocol: awsQueryProtocol, service: 'sts' };
  return { protocol: awsJsonProtocol, service: 'kms' };
}
