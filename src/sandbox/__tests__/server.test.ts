import 'fake-indexeddb/auto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { CreateKeyCommand, DecryptCommand, EncryptCommand, KMSClient, ListKeysCommand } from '@aws-sdk/client-kms';
import { startSandboxServer, type SandboxServer } from '../server';
import { awsCliEnv } from './helpers/cli-env';

const run = promisify(execFile);
const here = fileURLToPath(new URL('.', import.meta.url));
const fixtures = join(here, 'fixtures');
const root = join(here, '..', '..', '..');

let server: SandboxServer;
let dir: string;
beforeAll(async () => {
  server = await startSandboxServer({ port: 0, sandbox: { onInternalError: (e) => console.error(e) } });
  dir = await mkdtemp(join(tmpdir(), 'kms-lab-server-'));
});
afterAll(async () => {
  await server?.close();
  await rm(dir, { recursive: true, force: true });
});

/** The AWS CLI (v1, botocore) against the server, with the admin keys and no user config. */
async function aws(...args: string[]): Promise<Record<string, unknown>> {
  const { stdout } = await run('aws', ['--endpoint-url', server.url, '--output', 'json', ...args], {
    env: cliEnv(),
    cwd: dir,
  });
  return stdout.trim() ? (JSON.parse(stdout) as Record<string, unknown>) : {};
}

const cliEnv = () => awsCliEnv(dir);

async function awsError(...args: string[]): Promise<string> {
  try {
    await aws(...args);
  } catch (e) {
    return String((e as { stderr?: string }).stderr);
  }
  throw new Error('expected the CLI to fail');
}

// A test that times out never reaches its `finally`: every spawned server is also stopped here.
const children = new Set<ChildProcess>();
afterEach(() => {
  for (const c of children) c.kill('SIGTERM');
  children.clear();
});

describe('npm run sandbox', { timeout: 120_000 }, () => {
  it('prints exactly one line with its URL when ready, on a port it picks', async () => {
    const child = spawn(process.execPath, [join(root, 'node_modules/tsx/dist/cli.mjs'), join(root, 'src/sandbox/server-main.ts'), '--port', '0'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.add(child);
    try {
      const line = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (c: Buffer) => {
          out += c.toString();
          if (out.includes('\n')) resolve(out);
        });
        child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
      });
      expect(line).toMatch(/^KMS Study Lab sandbox listening on http:\/\/127\.0\.0\.1:\d+\n$/);
      const url = line.trim().split(' ').pop()!;
      const state = (await (await fetch(`${url}/_sandbox/state`)).json()) as { accountId: string };
      expect(state.accountId).toBe('111122223333');
    } finally {
      child.kill('SIGTERM');
    }
  });

  it('the AWS CLI creates a key, encrypts, decrypts and generates a data key', async () => {
    const created = (await aws('kms', 'create-key', '--description', 'from the CLI')) as { KeyMetadata: { KeyId: string; Arn: string } };
    expect(created.KeyMetadata.Arn).toMatch(/^arn:aws:kms:us-east-1:111122223333:key\/[0-9a-f-]{36}$/);
    await writeFile(join(dir, 'plain.txt'), 'hello from the CLI');
    const enc = (await aws(
      'kms', 'encrypt', '--key-id', created.KeyMetadata.KeyId, '--plaintext', 'fileb://plain.txt', '--encryption-context', 'purpose=test',
    )) as { CiphertextBlob: string; KeyId: string };
    expect(enc.KeyId).toBe(created.KeyMetadata.Arn);
    await writeFile(join(dir, 'cipher.bin'), Buffer.from(enc.CiphertextBlob, 'base64'));
    const dec = (await aws('kms', 'decrypt', '--ciphertext-blob', 'fileb://cipher.bin', '--encryption-context', 'purpose=test')) as {
      Plaintext: string;
    };
    expect(Buffer.from(dec.Plaintext, 'base64').toString()).toBe('hello from the CLI');
    const gdk = (await aws('kms', 'generate-data-key', '--key-id', created.KeyMetadata.KeyId, '--key-spec', 'AES_256')) as {
      Plaintext: string;
      CiphertextBlob: string;
    };
    expect(Buffer.from(gdk.Plaintext, 'base64')).toHaveLength(32);
    expect(Buffer.from(gdk.CiphertextBlob, 'base64')).toHaveLength(184);
    const err = await awsError('kms', 'decrypt', '--ciphertext-blob', 'fileb://cipher.bin');
    expect(err).toContain('InvalidCiphertextException');
  });

  it('the AWS CLI gets AWS-shaped auth errors and reads the trail through CloudTrail', async () => {
    const { stderr } = await run('aws', ['--endpoint-url', server.url, 'kms', 'list-keys'], {
      env: { ...cliEnv(), AWS_ACCESS_KEY_ID: 'AKIAUNKNOWNKEY000000' },
    }).catch((e: { stderr: string }) => ({ stderr: e.stderr }));
    expect(stderr).toContain('UnrecognizedClientException');
    const trail = (await aws('cloudtrail', 'lookup-events', '--lookup-attributes', 'AttributeKey=EventName,AttributeValue=CreateKey', '--max-results', '1')) as {
      Events: { EventName: string; Username: string }[];
    };
    expect(trail.Events[0]).toMatchObject({ EventName: 'CreateKey', Username: 'lab-admin' });
  });

  it('boto3 works unchanged', async () => {
    const { stdout } = await run('python3', [join(fixtures, 'boto3_check.py'), server.url], { env: { PATH: process.env.PATH, HOME: dir } });
    const r = JSON.parse(stdout) as Record<string, unknown>;
    expect(r).toMatchObject({
      creationDateType: 'datetime',
      plaintext: 'boto3 secret',
      dataKeyLength: 32,
      dataKeyBlobLength: 184,
      wrongContext: ['InvalidCiphertextException', 400],
      unknownKey: ['UnrecognizedClientException', 'The security token included in the request is invalid.'],
      callerArn: 'arn:aws:iam::111122223333:user/lab-admin',
    });
    expect(r.encryptKeyId).toBe(r.keyArn);
  });

  it("the guide's own Python Lambda handler runs against it with AWS_ENDPOINT_URL", async () => {
    const key = (await aws('kms', 'create-key', '--description', 'KMSEncryptionDemo')) as { KeyMetadata: { KeyId: string; Arn: string } };
    await aws('kms', 'create-alias', '--alias-name', 'alias/app-encryption-key', '--target-key-id', key.KeyMetadata.KeyId);
    const { stdout } = await run('python3', [join(fixtures, 'run_lambda.py')], {
      env: { ...cliEnv(), AWS_ENDPOINT_URL: server.url },
    });
    const [enc, dec, gdk] = stdout.trim().split('\n').map((l) => JSON.parse(l) as { statusCode: number; body: string });
    expect(JSON.parse(enc!.body)).toMatchObject({ message: 'Data encrypted successfully', keyId: key.KeyMetadata.Arn });
    expect(JSON.parse(dec!.body)).toEqual({ message: 'Data decrypted successfully', plaintext: 'My secret credit card number' });
    expect(JSON.parse(gdk!.body).message).toBe('Data key generated (envelope encryption)');
    expect(Buffer.from(JSON.parse(gdk!.body).encryptedKey, 'base64')).toHaveLength(184);
  });

  it('the SDK works over HTTP with its default handler', async () => {
    const kms = new KMSClient({ region: 'us-west-2', endpoint: server.url, credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, maxAttempts: 1 });
    const key = await kms.send(new CreateKeyCommand({}));
    expect(key.KeyMetadata!.Arn).toContain(':us-west-2:');
    const enc = await kms.send(new EncryptCommand({ KeyId: key.KeyMetadata!.KeyId!, Plaintext: new Uint8Array([4, 2]) }));
    const dec = await kms.send(new DecryptCommand({ CiphertextBlob: enc.CiphertextBlob }));
    expect([...dec.Plaintext!]).toEqual([4, 2]);
    expect(dec.$metadata.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers CORS preflights as KMS does and exposes the request id', async () => {
    const r = await fetch(server.url, {
      method: 'OPTIONS',
      headers: { Origin: 'http://localhost:5173', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type,x-amz-target,authorization' },
    });
    expect(r.status).toBe(200);
    expect(r.headers.get('access-control-allow-origin')).toBe('*');
    expect(r.headers.get('access-control-allow-headers')).toBe('content-type,x-amz-target,authorization');
    expect(r.headers.get('access-control-max-age')).toBe('172800');
    const post = await fetch(server.url, { method: 'POST', headers: { 'x-amz-target': 'TrentService.ListKeys', 'content-type': 'application/x-amz-json-1.1' }, body: '{}' });
    expect(post.status).toBe(400);
    expect(post.headers.get('access-control-expose-headers')).toContain('x-amzn-RequestId');
    expect(await post.json()).toEqual({ __type: 'MissingAuthenticationTokenException', message: 'Missing Authentication Token' });
  });

  it('control endpoints: move the clock, read the state, reset', async () => {
    const before = (await (await fetch(`${server.url}/_sandbox/state`)).json()) as { keys: unknown[]; offsetDays: number };
    expect(before.keys.length).toBeGreaterThan(0);
    const json = { 'content-type': 'application/json' };
    const moved = await fetch(`${server.url}/_sandbox/clock`, { method: 'POST', headers: json, body: JSON.stringify({ advanceDays: 2 }) });
    const m = (await moved.json()) as { now: string; offsetDays: number };
    expect(m.offsetDays).toBe(before.offsetDays + 2);
    expect(Date.parse(m.now)).toBeGreaterThan(Date.now() + 2 * 86400_000 - 60_000);
    const bad = await fetch(`${server.url}/_sandbox/clock`, { method: 'POST', headers: json, body: '{"advanceDays": -1}' });
    expect(bad.status).toBe(400);
    expect(((await (await fetch(`${server.url}/_sandbox/reset`, { method: 'POST', headers: json })).json()) as { reset: boolean }).reset).toBe(true);
    const after = (await (await fetch(`${server.url}/_sandbox/state`)).json()) as { keys: unknown[]; offsetDays: number };
    expect(after).toMatchObject({ keys: [], offsetDays: 0 });
  });

  it('--https-port serves the same engine over HTTPS with a self-signed certificate', async () => {
    const s = await startSandboxServer({ port: 0, httpsPort: 0 });
    try {
      expect(s.httpsUrl).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
      const { request } = await import('node:https');
      const body = await new Promise<string>((resolve, reject) => {
        const req = request(`${s.httpsUrl}/_sandbox/state`, { ca: s.certificatePem }, (res) => {
          let b = '';
          res.on('data', (c: Buffer) => (b += c.toString()));
          res.on('end', () => resolve(b));
        });
        req.on('error', reject);
        req.end();
      });
      expect(JSON.parse(body).accountId).toBe('111122223333');
    } finally {
      await s.close();
    }
  });

  it('--data keeps the lab across restarts', async () => {
    const file = join(dir, 'lab');
    const s1 = await startSandboxServer({ port: 0, dataFile: file });
    const kms1 = new KMSClient({ region: 'us-east-1', endpoint: s1.url, credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, maxAttempts: 1 });
    const key = await kms1.send(new CreateKeyCommand({ Description: 'kept' }));
    await s1.close();
    // One record per resource, appended as a line per commit (store/file-store.ts), never one document.
    const log = await readFile(join(file, 'log.jsonl'), 'utf8');
    expect(log).toContain(`"${key.KeyMetadata!.KeyId}"`);
    expect(log.trim().split('\n').length).toBeGreaterThan(1);
    const s2 = await startSandboxServer({ port: 0, dataFile: file });
    try {
      const kms2 = new KMSClient({ region: 'us-east-1', endpoint: s2.url, credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, maxAttempts: 1 });
      const keys = await kms2.send(new ListKeysCommand({}));
      expect(keys.Keys!.map((k) => k.KeyId)).toContain(key.KeyMetadata!.KeyId);
    } finally {
      await s2.close();
    }
  });
});

describe('npm run sandbox -- --import FILE', { timeout: 120_000 }, () => {
  it("starts from a lab the page exported (IndexedDB store), and the AWS CLI uses its keys", async () => {
    const { createIndexedDbStore } = await import('../store/indexeddb-store');
    const { createSandbox, SANDBOX_ADMIN_CREDENTIALS } = await import('../index');
    const { CreateAliasCommand } = await import('@aws-sdk/client-kms');
    const page = await createSandbox({ store: await createIndexedDbStore('server-import-test') });
    const kms = new KMSClient({ region: 'us-east-1', credentials: SANDBOX_ADMIN_CREDENTIALS, requestHandler: page.requestHandler, maxAttempts: 1 });
    const key = (await kms.send(new CreateKeyCommand({ Description: 'from the page' }))).KeyMetadata!.KeyId!;
    await kms.send(new CreateAliasCommand({ AliasName: 'alias/carried', TargetKeyId: key }));
    const ct = (await kms.send(new EncryptCommand({ KeyId: 'alias/carried', Plaintext: new TextEncoder().encode('to the command line') }))).CiphertextBlob!;
    const file = join(dir, 'lab-export.json');
    await writeFile(file, page.exportChunks());
    await writeFile(join(dir, 'ct.bin'), ct);

    const child = spawn(process.execPath, [join(root, 'node_modules/tsx/dist/cli.mjs'), join(root, 'src/sandbox/server-main.ts'), '--port', '0', '--import', file], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.add(child);
    try {
      const line = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (c: Buffer) => {
          out += c.toString();
          if (out.includes('\n')) resolve(out);
        });
        child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
      });
      const url = line.trim().split(' ').pop()!;
      const cli = async (...args: string[]) =>
        JSON.parse((await run('aws', ['--endpoint-url', url, '--output', 'json', ...args], { env: cliEnv(), cwd: dir })).stdout) as Record<string, unknown>;
      const described = (await cli('kms', 'describe-key', '--key-id', 'alias/carried')) as { KeyMetadata: { KeyId: string; Description: string } };
      expect(described.KeyMetadata).toMatchObject({ KeyId: key, Description: 'from the page' });
      const out = (await cli('kms', 'decrypt', '--ciphertext-blob', 'fileb://ct.bin')) as { Plaintext: string; KeyId: string };
      expect(Buffer.from(out.Plaintext, 'base64').toString()).toBe('to the command line');
      expect(out.KeyId).toContain(key);
    } finally {
      child.kill('SIGTERM');
    }
  });
});
