import { SignatureV4 } from '@smithy/signature-v4';
import { HttpRequest } from '@smithy/protocol-http';
import { Sha256 } from '@aws-crypto/sha256-js';
import type { Sandbox, SandboxHttpResponse } from '../../index';
import { readBody } from '../../protocol/body';

export interface RawRequest {
  method: string;
  path: string;
  host?: string;
  query?: Record<string, string>;
  headers?: Record<string, string>;
  body?: Uint8Array | string;
  secure?: boolean;
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  /** Leave the request unsigned. */
  unsigned?: boolean;
  /** Sign with this payload hash (UNSIGNED-PAYLOAD, STREAMING-...). */
  payloadHash?: string;
}

export const ADMIN = { accessKeyId: 'test', secretAccessKey: 'test' };

export function signer(credentials = ADMIN) {
  return new SignatureV4({ credentials, region: 'us-east-1', service: 's3', sha256: Sha256, uriEscapePath: false, applyChecksum: true });
}

/** A hand-built S3 request, SigV4-signed as the SDK would, sent straight to the engine. */
export async function raw(sandbox: Sandbox, r: RawRequest): Promise<SandboxHttpResponse & { body: Uint8Array; text: string }> {
  const host = r.host ?? 's3.us-east-1.amazonaws.com';
  const body = typeof r.body === 'string' ? new TextEncoder().encode(r.body) : (r.body ?? new Uint8Array(0));
  const headers: Record<string, string> = { host, ...(r.headers ?? {}) };
  if (r.payloadHash) headers['x-amz-content-sha256'] = r.payloadHash;
  let req = new HttpRequest({ method: r.method, hostname: host, path: r.path, query: r.query ?? {}, headers, body });
  if (!r.unsigned) req = (await signer(r.credentials).sign(req)) as HttpRequest;
  const lower: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) lower[k.toLowerCase()] = String(v);
  const res = await sandbox.engine.handleHttp({
    method: req.method,
    hostname: host,
    path: req.path,
    query: (req.query ?? {}) as Record<string, string>,
    headers: lower,
    body,
    secure: r.secure,
  });
  // Object bodies come back as streams: read them whole (tests only).
  const bytes = await readBody(res.body, Number.MAX_SAFE_INTEGER);
  return { ...res, body: bytes, text: new TextDecoder().decode(bytes) };
}

export const xmlCode = (text: string) => /<Code>([^<]*)<\/Code>/.exec(text)?.[1];
export const xmlMessage = (text: string) => /<Message>([^<]*)<\/Message>/.exec(text)?.[1];
