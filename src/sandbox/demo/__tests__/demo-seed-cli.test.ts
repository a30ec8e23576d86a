/**
 * "Continue on the command line" with the demo lab: `npm run sandbox -- --import public/demo-seed.json`
 * serves the same keys, so the AWS CLI (v1, installed here) finds the demo alias and decrypts the
 * demo ciphertext with its context, as the inspector's snippets print it.
 */
import { execFile, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DemoSeedSummary } from '../demo-seed';
import { awsCliEnv } from '../../__tests__/helpers/cli-env';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../../../../', import.meta.url));
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kms-lab-demo-cli-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const cliEnv = () => awsCliEnv(dir);

describe('npm run sandbox -- --import public/demo-seed.json', { timeout: 120_000 }, () => {
  it('serves the demo keys to the AWS CLI: describe-key by alias and decrypt with the context', async () => {
    const file = join(root, 'public', 'demo-seed.json');
    const demo = (JSON.parse(await readFile(file, 'utf8')) as { demo: DemoSeedSummary }).demo;
    const message = demo.ciphertexts.find((c) => c.plaintext !== undefined);
    if (!message) throw new Error('the seed has no demo message');
    await writeFile(join(dir, 'ct.bin'), Buffer.from(message.ciphertextBlob, 'base64'));

    const child = spawn(process.execPath, [join(root, 'node_modules/tsx/dist/cli.mjs'), join(root, 'src/sandbox/server-main.ts'), '--port', '0', '--import', file], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      const line = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (c: Buffer) => {
          out += c.toString();
          if (out.includes('\n')) resolve(out);
        });
        child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
      });
      const url = line.trim().split(' ').pop() ?? '';
      const cli = async (...args: string[]) =>
        JSON.parse((await run('aws', ['--endpoint-url', url, '--output', 'json', ...args], { env: cliEnv(), cwd: dir })).stdout) as Record<string, unknown>;
      const described = (await cli('kms', 'describe-key', '--key-id', message.aliasName)) as { KeyMetadata: { KeyId: string } };
      expect(described.KeyMetadata.KeyId).toBe(message.keyId);
      const context = Object.entries(message.encryptionContext)
        .map(([k, v]) => `${k}=${v}`)
        .join(',');
      const out = (await cli('kms', 'decrypt', '--ciphertext-blob', 'fileb://ct.bin', '--encryption-context', context)) as { Plaintext: string; KeyId: string };
      expect(Buffer.from(out.Plaintext, 'base64').toString()).toBe(message.plaintext);
      expect(out.KeyId).toContain(message.keyId);
    } finally {
      child.kill('SIGTERM');
    }
  });
});
