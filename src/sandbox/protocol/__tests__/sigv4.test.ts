import { describe, expect, it } from 'vitest';
import { SignatureV4 } from '@smithy/signature-v4';
import { HttpRequest } from '@smithy/protocol-http';
import { Sha256 } from '@aws-crypto/sha256-js';
import { amzDateOf, verifySigV4, type AuthProtocol } from '../sigv4';
import type { CredentialRecord } from '../../shared/principal';
import { isServiceError } from '../service-error';

/**
 * verifySigV4 recomputes signatures with the SDK signer's own canonical forms and a per-credential cache
 * of derived signing keys. Requests signed by @smithy/signature-v4 (what the SDK sends) must verify,
 * whatever their path, query and headers, and any change to them, or a different secret, must not.
 */

const principal = { type: 'IAMUser', arn: 'arn:aws:iam::111122223333:user/t', accountId: '111122223333', principalId: 'AIDA', identityPolicies: [] } as const;
const cred = (secretAccessKey: string, sessionToken?: string): CredentialRecord =>
  ({ accessKeyId: 'AKIATEST', secretAccessKey, sessionToken, principal }) as unknown as CredentialRecord;

async function signed(o: {
  secret: string;
  token?: string;
  service: string;
  path: string;
  query?: Record<string, string | string[]>;
  headers?: Record<string, string>;
  body: string;
  uriEscapePath: boolean;
  now: number;
}): Promise<HttpRequest> {
  const signer = new SignatureV4({
    credentials: { accessKeyId: 'AKIATEST', secretAccessKey: o.secret, sessionToken: o.token },
    region: 'eu-west-1',
    service: o.service,
    sha256: Sha256,
    uriEscapePath: o.uriEscapePath,
  });
  return (await signer.sign(
    new HttpRequest({ method: 'POST', hostname: '127.0.0.1', port: 4599, path: o.path, query: o.query ?? {}, headers: { host: '127.0.0.1:4599', ...o.headers }, body: o.body }),
    { signingDate: new Date(o.now) },
  )) as HttpRequest;
}

async function verdict(req: HttpRequest, record: CredentialRecord, protocol: AuthProtocol, now: number, body?: string): Promise<string> {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) headers[k.toLowerCase()] = v;
  try {
    const v = await verifySigV4({
      method: req.method,
      hostname: req.hostname,
      port: req.port,
      path: req.path,
      query: req.query as Record<string, string | string[]>,
      headers,
      body: new TextEncoder().encode(body ?? (req.body as string)),
      protocol,
      wallNow: now,
      signingNow: now,
      lookup: (id) => (id === record.accessKeyId ? record : undefined),
    });
    return `ok ${v.region} ${v.service}`;
  } catch (e) {
    if (isServiceError(e)) return e.code;
    throw e;
  }
}

describe('verifySigV4 against the SDK signer', () => {
  const now = Date.parse('2026-12-05T01:00:00Z');
  interface Case {
    name: string;
    service: string;
    protocol: AuthProtocol;
    uriEscapePath: boolean;
    path: string;
    query?: Record<string, string | string[]>;
    headers?: Record<string, string>;
  }
  const cases: Case[] = [
    { name: 'JSON call', service: 'kms', protocol: 'json', uriEscapePath: true, path: '/', headers: { 'x-amz-target': 'TrentService.Encrypt', 'content-type': 'application/x-amz-json-1.1' } },
    {
      name: 'path with spaces and unicode, repeated query keys, folded header whitespace',
      service: 'kms',
      protocol: 'json',
      uriEscapePath: true,
      path: '/a b/ü/./c',
      query: { z: 'last', a: ['2', '1'], 'k y': 'v=1&2' },
      headers: { 'x-amz-meta-note': '  two   spaces\tand tab  ' },
    },
    { name: 'S3 path (not double-encoded)', service: 's3', protocol: 'rest-xml', uriEscapePath: false, path: '/bucket/key%20with%20space', query: { 'list-type': '2' } },
  ];
  for (const c of cases) {
    it(`${c.name}: verifies; another secret, a changed body or a changed header does not`, async () => {
      for (const token of [undefined, 'session-token-1']) {
        const record = cred('secret-one', token);
        const req = await signed({ secret: 'secret-one', token, service: c.service, path: c.path, query: c.query, headers: c.headers, body: '{"a":1}', uriEscapePath: c.uriEscapePath, now });
        expect(await verdict(req, record, c.protocol, now)).toBe(`ok eu-west-1 ${c.service}`);
        // Twice: the second time the derived key comes from the cache.
        expect(await verdict(req, record, c.protocol, now)).toBe(`ok eu-west-1 ${c.service}`);
        // Same access key id, another secret (the cache is keyed by the secret too).
        expect(await verdict(req, cred('secret-two', token), c.protocol, now)).toMatch(/InvalidSignatureException|SignatureDoesNotMatch/);
        expect(await verdict(req, record, c.protocol, now, '{"a":2}')).toMatch(/InvalidSignatureException|SignatureDoesNotMatch/);
        const changed = HttpRequest.clone(req);
        changed.headers['host'] = '127.0.0.1:4600';
        expect(await verdict(changed, record, c.protocol, now)).toMatch(/InvalidSignatureException|SignatureDoesNotMatch/);
      }
    });
  }

  it('a request signed on another day verifies with that day\'s key, not a cached one', async () => {
    const record = cred('secret-one');
    for (const day of [now, now - 86_400_000, now]) {
      const req = await signed({ secret: 'secret-one', service: 'kms', path: '/', body: '{}', uriEscapePath: true, now: day });
      expect(req.headers['x-amz-date']).toBe(amzDateOf(day));
      expect(await verdict(req, record, 'json', day)).toBe('ok eu-west-1 kms');
    }
  });
});
