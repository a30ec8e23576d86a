import { SignatureV4 } from '@smithy/signature-v4';
import { HttpRequest } from '@smithy/protocol-http';
import { Sha256 } from '@aws-crypto/sha256-js';
import type { Sandbox } from '../../index';

/** Raw requests for what the SDK never sends (bad JSON, unknown targets, unsigned calls). */
export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  text: string;
  json: () => Record<string, unknown>;
}

export interface RawOptions {
  target?: string;
  body?: string | Uint8Array;
  contentType?: string;
  service?: string;
  region?: string;
  sign?: boolean;
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  signingDate?: Date;
  extraHeaders?: Record<string, string>;
}

export async function rawRequest(sandbox: Sandbox, o: RawOptions): Promise<RawResponse> {
  const region = o.region ?? 'us-east-1';
  const service = o.service ?? 'kms';
  const headers: Record<string, string> = {
    host: `${service}.${region}.amazonaws.com`,
    'content-type': o.contentType ?? 'application/x-amz-json-1.1',
    ...(o.target ? { 'x-amz-target': o.target } : {}),
    ...o.extraHeaders,
  };
  let req = new HttpRequest({
    method: 'POST',
    protocol: 'https:',
    hostname: headers.host!,
    path: '/',
    headers,
    body: o.body ?? '{}',
  });
  if (o.sign !== false) {
    const signer = new SignatureV4({
      credentials: o.credentials ?? { accessKeyId: 'test', secretAccessKey: 'test' },
      region,
      service,
      sha256: Sha256,
    });
    req = (await signer.sign(req, { signingDate: o.signingDate })) as HttpRequest;
  }
  const { response } = await sandbox.requestHandler.handle(req);
  const body = response.body as Uint8Array;
  expectBytes(body);
  const text = new TextDecoder().decode(body);
  return {
    status: response.statusCode,
    headers: Object.fromEntries(Object.entries(response.headers).map(([k, v]) => [k.toLowerCase(), v])),
    text,
    json: () => JSON.parse(text) as Record<string, unknown>,
  };
}

function expectBytes(b: unknown): asserts b is Uint8Array {
  if (!(b instanceof Uint8Array)) throw new Error('response bodies must be Uint8Array');
}
