import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { startSandboxServer, type SandboxServer } from '../../../sandbox/server';
import { denyPlainHttpPolicy, httpsOnlyCliCommands, shellLine } from '../lib/sse-lab';
import { awsCliEnv } from '../../../sandbox/__tests__/helpers/cli-env';

/**
 * The exact AWS CLI (v1) commands the S3 SSE lab shows for its HTTPS-only bucket policy, run
 * against `npm run sandbox`'s engine with a plain-HTTP and an HTTPS port: refused over HTTP,
 * accepted over HTTPS.
 */
const run = promisify(execFile);
const BUCKET = 'kms-lab-https-only';

let server: SandboxServer;
let dir: string;
beforeAll(async () => {
  server = await startSandboxServer({ port: 0, httpsPort: 0, sandbox: { onInternalError: (e) => console.error(e) } });
  dir = await mkdtemp(join(tmpdir(), 'kms-lab-sse-cli-'));
  await writeFile(join(dir, 'https-only.json'), denyPlainHttpPolicy(BUCKET));
  await writeFile(join(dir, 'report.txt'), 'quarterly report');
});
afterAll(async () => {
  await server?.close();
  await rm(dir, { recursive: true, force: true });
});

const env = () => awsCliEnv(dir);

async function aws(args: string[]): Promise<{ ok: boolean; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run('aws', args, { env: env(), cwd: dir });
    return { ok: true, stdout, stderr };
  } catch (e) {
    const err = e as { stdout?: string; stderr?: string };
    return { ok: false, stdout: err.stdout ?? '', stderr: err.stderr ?? '' };
  }
}

describe('the HTTPS-only bucket policy, met by the AWS CLI', () => {
  it('the shown commands: the put over plain HTTP is denied, the same put over HTTPS is accepted', async () => {
    const cli = httpsOnlyCliCommands(BUCKET, server.url, server.httpsUrl!);
    // What the panel shows is these very arguments, printed as a shell line.
    expect(shellLine(cli.overHttp)).toBe(`aws --endpoint-url ${server.url} s3api put-object --bucket ${BUCKET} --key report.txt --body report.txt`);
    for (const args of cli.setup) {
      const r = await aws(args);
      expect(r.ok, r.stderr).toBe(true);
    }
    const overHttp = await aws(cli.overHttp);
    expect(overHttp.ok).toBe(false);
    expect(overHttp.stderr).toContain('(AccessDenied) when calling the PutObject operation');

    const overHttps = await aws(cli.overHttps);
    expect(overHttps.ok, overHttps.stderr).toBe(true);
    expect(JSON.parse(overHttps.stdout)).toMatchObject({ ServerSideEncryption: 'AES256' });

    // And a read over HTTP is refused as well: the policy covers s3:*.
    const getOverHttp = await aws(['--endpoint-url', server.url, 's3api', 'head-object', '--bucket', BUCKET, '--key', 'report.txt']);
    expect(getOverHttp.ok).toBe(false);
    expect(getOverHttp.stderr).toContain('403');
  }, 240_000);
});
