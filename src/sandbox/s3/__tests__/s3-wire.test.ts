import { describe, expect, it } from 'vitest';
import { HttpRequest } from '@smithy/protocol-http';
import { createHash, createHmac } from 'node:crypto';
import { createSandbox } from '../../index';
import { ADMIN, raw, signer, xmlCode, xmlMessage } from './s3-raw';
import { SSE_C_KEY_B64, SSE_C_KEY_MD5 } from './s3-helpers';
import { readBody } from '../../protocol/body';

async function withObject() {
  const sandbox = await createSandbox();
  expect((await raw(sandbox, { method: 'PUT', path: '/wire-bucket' })).statusCode).toBe(200);
  expect((await raw(sandbox, { method: 'PUT', path: '/wire-bucket/hello.txt', body: 'hello', headers: { 'content-type': 'text/plain' } })).statusCode).toBe(200);
  return sandbox;
}

/** A presigned GET as @aws-sdk/s3-request-presigner makes it (query-string SigV4, UNSIGNED-PAYLOAD). */
async function presign(path: string, expiresIn: number, signingDate = new Date()) {
  const req = new HttpRequest({ method: 'GET', hostname: 's3.us-east-1.amazonaws.com', path, headers: { host: 's3.us-east-1.amazonaws.com', 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' }, query: {} });
  const signed = await signer().presign(req, { expiresIn, signingDate, unsignableHeaders: new Set(['x-amz-content-sha256']) });
  return signed.query as Record<string, string>;
}

describe('S3 on the wire', () => {
  it('answers an unsigned request with 403 AccessDenied in S3\'s XML error shape', async () => {
    const sandbox = await withObject();
    const r = await raw(sandbox, { method: 'GET', path: '/wire-bucket/hello.txt', unsigned: true });
    expect([r.statusCode, xmlCode(r.text), xmlMessage(r.text)]).toEqual([403, 'AccessDenied', 'Access Denied']);
    expect(r.text).toContain('<RequestId>');
  });

  it('accepts UNSIGNED-PAYLOAD and virtual-hosted addressing (bucket.localhost)', async () => {
    const sandbox = await withObject();
    const put = await raw(sandbox, { method: 'PUT', host: 'wire-bucket.localhost', path: '/u.txt', body: 'payload', payloadHash: 'UNSIGNED-PAYLOAD' });
    expect(put.statusCode).toBe(200);
    const get = await raw(sandbox, { method: 'GET', path: '/wire-bucket/u.txt' });
    expect(get.text).toBe('payload');
  });

  it('serves a presigned GET, and refuses it expired (Request has expired) or altered (SignatureDoesNotMatch)', async () => {
    const sandbox = await withObject();
    const q = await presign('/wire-bucket/hello.txt', 60);
    const ok = await raw(sandbox, { method: 'GET', path: '/wire-bucket/hello.txt', query: q, unsigned: true });
    expect([ok.statusCode, ok.text]).toEqual([200, 'hello']);
    const old = await presign('/wire-bucket/hello.txt', 60, new Date(Date.now() - 120_000));
    const expired = await raw(sandbox, { method: 'GET', path: '/wire-bucket/hello.txt', query: old, unsigned: true });
    expect([expired.statusCode, xmlCode(expired.text), xmlMessage(expired.text)]).toEqual([403, 'AccessDenied', 'Request has expired']);
    const altered = await raw(sandbox, { method: 'GET', path: '/wire-bucket/other.txt', query: q, unsigned: true });
    expect([altered.statusCode, xmlCode(altered.text)]).toEqual([403, 'SignatureDoesNotMatch']);
    const week = await raw(sandbox, { method: 'GET', path: '/wire-bucket/hello.txt', query: { ...q, 'X-Amz-Expires': '604801' }, unsigned: true });
    expect([week.statusCode, xmlCode(week.text)]).toEqual([400, 'AuthorizationQueryParametersError']);
  });

  it('refuses SSE-C over plain HTTP and a key whose MD5 does not match, storing nothing', async () => {
    const sandbox = await withObject();
    await raw(sandbox, {
      method: 'PUT', path: '/wire-bucket', query: { encryption: '' },
      body: '<ServerSideEncryptionConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Rule><ApplyServerSideEncryptionByDefault><SSEAlgorithm>AES256</SSEAlgorithm></ApplyServerSideEncryptionByDefault><BlockedEncryptionTypes><EncryptionType>NONE</EncryptionType></BlockedEncryptionTypes></Rule></ServerSideEncryptionConfiguration>',
    });
    const ssec = { 'x-amz-server-side-encryption-customer-algorithm': 'AES256', 'x-amz-server-side-encryption-customer-key': SSE_C_KEY_B64, 'x-amz-server-side-encryption-customer-key-md5': SSE_C_KEY_MD5 };
    const http = await raw(sandbox, { method: 'PUT', path: '/wire-bucket/c', body: 'x', headers: ssec, secure: false });
    expect([http.statusCode, xmlCode(http.text), xmlMessage(http.text)]).toEqual([400, 'InvalidRequest', 'Requests specifying Server Side Encryption with Customer provided keys must be made over a secure connection.']);
    const md5 = await raw(sandbox, { method: 'PUT', path: '/wire-bucket/c', body: 'x', headers: { ...ssec, 'x-amz-server-side-encryption-customer-key-md5': 'AAAAAAAAAAAAAAAAAAAAAA==' } });
    expect([md5.statusCode, xmlCode(md5.text), xmlMessage(md5.text)]).toEqual([400, 'InvalidArgument', 'The calculated MD5 hash of the key did not match the hash that was provided.']);
    expect((await raw(sandbox, { method: 'HEAD', path: '/wire-bucket/c' })).statusCode).toBe(404);
    const https = await raw(sandbox, { method: 'PUT', path: '/wire-bucket/c', body: 'x', headers: ssec, secure: true });
    expect(https.statusCode).toBe(200);
  });

  it('checks each aws-chunked chunk signature and the trailing checksum', async () => {
    const sandbox = await withObject();
    const data = Buffer.from('a'.repeat(70_000));
    const date = new Date();
    const amzDate = date.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
    const day = amzDate.slice(0, 8);
    const scope = `${day}/us-east-1/s3/aws4_request`;
    const headers = {
      'content-encoding': 'aws-chunked',
      'x-amz-decoded-content-length': String(data.length),
      'x-amz-trailer': 'x-amz-checksum-crc32',
    };
    const req = new HttpRequest({
      method: 'PUT', hostname: 's3.us-east-1.amazonaws.com', path: '/wire-bucket/chunked',
      headers: { host: 's3.us-east-1.amazonaws.com', ...headers, 'x-amz-content-sha256': 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER' },
    });
    const signed = await signer().sign(req, { signingDate: date });
    const seed = /Signature=([0-9a-f]{64})/.exec(String(signed.headers['authorization']))![1]!;
    const hmac = (k: Buffer | string, s: string) => createHmac('sha256', k).update(s).digest();
    const key = hmac(hmac(hmac(hmac(`AWS4${ADMIN.secretAccessKey}`, day), 'us-east-1'), 's3'), 'aws4_request');
    const sha = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');
    const chunks = [data.subarray(0, 65536), data.subarray(65536), Buffer.alloc(0)];
    const build = (tamper: boolean, crc: string) => {
      let prev = seed;
      const parts: Buffer[] = [];
      for (const c of chunks) {
        const sig = hmac(key, ['AWS4-HMAC-SHA256-PAYLOAD', amzDate, scope, prev, sha(''), sha(c)].join('\n')).toString('hex');
        prev = sig;
        parts.push(Buffer.from(`${c.length.toString(16)};chunk-signature=${tamper && c.length === 4464 ? '0'.repeat(64) : sig}\r\n`), c, Buffer.from(c.length ? '\r\n' : ''));
      }
      const trailer = `x-amz-checksum-crc32:${crc}\n`;
      const tsig = hmac(key, ['AWS4-HMAC-SHA256-TRAILER', amzDate, scope, prev, sha(trailer)].join('\n')).toString('hex');
      parts.push(Buffer.from(`x-amz-checksum-crc32:${crc}\r\nx-amz-trailer-signature:${tsig}\r\n\r\n`));
      return new Uint8Array(Buffer.concat(parts));
    };
    const lower: Record<string, string> = {};
    for (const [k, v] of Object.entries(signed.headers)) lower[k.toLowerCase()] = String(v);
    const send = (body: Uint8Array) =>
      sandbox.engine.handleHttp({ method: 'PUT', hostname: 's3.us-east-1.amazonaws.com', path: '/wire-bucket/chunked', query: {}, headers: lower, body });
    // CRC-32 of 70,000 'a' bytes, as the SDK would send it.
    const { checksumOf } = await import('../checksums');
    const crc = await checksumOf('CRC32', data, crypto.subtle);
    const bad = await send(build(true, crc));
    expect([bad.statusCode, xmlCode(new TextDecoder().decode(await readBody(bad.body, 1 << 20)))]).toEqual([403, 'SignatureDoesNotMatch']);
    const badCrc = await send(build(false, 'AAAAAA=='));
    expect([badCrc.statusCode, xmlCode(new TextDecoder().decode(await readBody(badCrc.body, 1 << 20)))]).toEqual([400, 'BadDigest']);
    expect((await raw(sandbox, { method: 'HEAD', path: '/wire-bucket/chunked' })).statusCode).toBe(404);
    const ok = await send(build(false, crc));
    expect(ok.statusCode).toBe(200);
    expect(ok.headers['x-amz-checksum-crc32']).toBe(crc);
    const got = await raw(sandbox, { method: 'GET', path: '/wire-bucket/chunked' });
    expect(got.text).toBe(data.toString());
  });

  it('answers MalformedXML for a body that is not XML and MethodNotAllowed for a method S3 lacks', async () => {
    const sandbox = await withObject();
    const r = await raw(sandbox, { method: 'PUT', path: '/wire-bucket', query: { encryption: '' }, body: '<not-closed>' });
    expect([r.statusCode, xmlCode(r.text)]).toEqual([400, 'MalformedXML']);
    const m = await raw(sandbox, { method: 'PATCH', path: '/wire-bucket/x' });
    expect([m.statusCode, xmlCode(m.text)]).toEqual([405, 'MethodNotAllowed']);
    const n = await raw(sandbox, { method: 'GET', path: '/wire-bucket', query: { versioning: '' } });
    expect([n.statusCode, xmlCode(n.text)]).toEqual([501, 'NotImplemented']);
  });
});
