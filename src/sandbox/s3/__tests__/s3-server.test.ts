import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { startSandboxServer, type SandboxServer } from '../../server';
import { awsCliEnv } from '../../__tests__/helpers/cli-env';

/** The AWS CLI (v1) and boto3 against `npm run sandbox`'s engine, over HTTP and HTTPS. */
const run = promisify(execFile);
const here = fileURLToPath(new URL('.', import.meta.url));

let server: SandboxServer;
let dir: string;
beforeAll(async () => {
  server = await startSandboxServer({ port: 0, httpsPort: 0, sandbox: { onInternalError: (e) => console.error(e) } });
  dir = await mkdtemp(join(tmpdir(), 'kms-lab-s3-'));
});
afterAll(async () => {
  await server?.close();
  await rm(dir, { recursive: true, force: true });
});

const env = () => awsCliEnv(dir);

async function aws(url: string, ...args: string[]): Promise<string> {
  const extra = url.startsWith('https') ? ['--no-verify-ssl'] : [];
  const { stdout } = await run('aws', ['--endpoint-url', url, ...extra, ...args], { env: env(), cwd: dir });
  return stdout;
}

describe('the AWS CLI and boto3 against the sandbox S3', () => {
  it('aws s3 mb, aws s3 cp --sse aws:kms and back, aws s3api head-object', async () => {
    await aws(server.url, 's3', 'mb', 's3://cli-bucket');
    await writeFile(join(dir, 'in.txt'), 'from the CLI');
    await aws(server.url, 's3', 'cp', 'in.txt', 's3://cli-bucket/in.txt', '--sse', 'aws:kms');
    const head = JSON.parse(await aws(server.url, 's3api', 'head-object', '--bucket', 'cli-bucket', '--key', 'in.txt')) as Record<string, string>;
    expect(head['ServerSideEncryption']).toBe('aws:kms');
    expect(head['SSEKMSKeyId']).toMatch(/^arn:aws:kms:us-east-1:111122223333:key\//);
    await aws(server.url, 's3', 'cp', 's3://cli-bucket/in.txt', 'out.txt');
    expect(await readFile(join(dir, 'out.txt'), 'utf8')).toBe('from the CLI');
    const ls = await aws(server.url, 's3', 'ls', 's3://cli-bucket/');
    expect(ls).toContain('in.txt');
  }, 240_000);

  it('SSE-C with put-object works over HTTPS (--no-verify-ssl) and is refused over plain HTTP', async () => {
    await aws(server.url, 's3', 'mb', 's3://ssec-bucket');
    await aws(server.url, 's3api', 'put-bucket-encryption', '--bucket', 'ssec-bucket', '--server-side-encryption-configuration',
      '{"Rules":[{"ApplyServerSideEncryptionByDefault":{"SSEAlgorithm":"AES256"},"BlockedEncryptionTypes":{"EncryptionType":["NONE"]}}]}');
    await writeFile(join(dir, 'c.txt'), 'customer keyed');
    const key = '1234567890abcdef1234567890abcdef';
    const args = ['s3api', 'put-object', '--bucket', 'ssec-bucket', '--key', 'c.txt', '--body', 'c.txt', '--sse-customer-algorithm', 'AES256', '--sse-customer-key', key];
    const out = JSON.parse(await aws(server.httpsUrl!, ...args)) as Record<string, string>;
    expect(out['SSECustomerAlgorithm']).toBe('AES256');
    expect(out['SSECustomerKeyMD5']).toBe('JMwgiexXqwuPqIPjYFmIZQ==');
    const err = await aws(server.url, ...args).then(() => '', (e: { stderr: string }) => e.stderr);
    expect(err).toContain('InvalidRequest');
    expect(err).toContain('must be made over a secure connection');
  }, 240_000);

  it('boto3: a multipart upload_file under SSE-KMS and a presigned GET', async () => {
    const { stdout } = await run('python3', [join(here, 'fixtures', 'boto3_s3_check.py'), server.url], { env: env(), maxBuffer: 1 << 20 });
    const r = JSON.parse(stdout.trim().split('\n').pop()!) as Record<string, unknown>;
    expect(r['sse']).toBe('aws:kms');
    expect(r['etag']).toMatch(/^"[0-9a-f]{32}-3"$/);
    expect(r['length']).toBe(12 * 1024 * 1024);
    expect(r['same']).toBe(true);
    expect(r['presigned']).toBe('presigned hello');
  }, 240_000);
});
