/**
 * The inspector's snippets, run for real (issue 13, item 5). A lab is built in-process the way the app
 * builds it (the real sandbox engine, the connection layer's SDK clients as the Cognito guest, the
 * inspector middleware recording and masking each call); the lab is exported in the portable format
 * and the command-line sandbox is started from it (what `npm run sandbox -- --import FILE` runs); then
 * every recorded call is rendered as an AWS CLI command, boto3 code and JavaScript code, and each is run
 * with the installed `aws` (CLI v1), `python3` and `node`, with the environment the settings page tells
 * learners to set (AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_DEFAULT_REGION).
 *
 * The only changes the test makes to a snippet: (1) masked secrets are placeholders the learner fills
 * in, and the test fills exactly those — it writes the CLI's `plaintext.bin`, and replaces the one
 * `plaintext = ...` / `const plaintext = ... undefined;` line by an assignment of the real bytes;
 * (2) it appends one line that prints `response` as JSON, so the outcome can be checked. Everything
 * else runs as printed; a wrong parameter name, blob encoding, region or endpoint fails the run.
 */
import {
  CreateAliasCommand,
  CreateKeyCommand,
  DecryptCommand,
  DescribeKeyCommand,
  EncryptCommand,
  GenerateDataKeyCommand,
  ListAliasesCommand,
  type KMSClient,
} from '@aws-sdk/client-kms';
import { execFile, spawn, type ChildProcessByStdio } from 'node:child_process';
import type { Readable } from 'node:stream';
import { mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSandbox } from '../../sandbox';
import { awsCliEnv } from '../../sandbox/__tests__/helpers/cli-env';
import { createBackendRuntime, type SandboxLike } from '../client-supplier';
import { memoryStorage } from '../credentials';
import { createInspectorStore, type InspectorEntry } from '../inspector-store';
import { renderBoto3, renderCli, renderJs, SANDBOX_SERVER_URL } from '../renderers';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../../../', import.meta.url));

const PLAINTEXT = 'card 4111-1111-1111-1111, exp 12/29';
const CONTEXT = { TenantId: 'Acme', Purpose: 'snippet test' };
const ALIAS = 'alias/lab-snippets';

let dir: string;
let server: ChildProcessByStdio<null, Readable, Readable> | undefined;
let url = '';
let kms: KMSClient;
let keyId = '';
const entries = new Map<string, InspectorEntry>();

/** The environment the settings page prints for the command-line sandbox, and nothing from this machine. */
const env = () => awsCliEnv(dir);

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kms-lab-snippets-'));
  // `import ... from "@aws-sdk/client-kms"` in a snippet resolves from the snippet's folder.
  await symlink(join(root, 'node_modules'), join(dir, 'node_modules'), 'dir');

  // The lab, as the app builds it: sandbox backend, Cognito guest, the inspector middleware.
  const sb = await createSandbox();
  const inspector = createInspectorStore();
  const runtime = createBackendRuntime(
    { backend: 'sandbox', region: 'us-east-1', identity: 'guest' },
    { inspector, storage: memoryStorage(), loadSandbox: async () => sb as unknown as SandboxLike },
  );
  kms = await runtime.clients.kms();
  const creds = await runtime.credentials();
  await creds.provider();
  const identityId = creds.identityId();
  if (!identityId) throw new Error('the guest has no identity id');
  // The guest may only create keys tagged with its identity id, and aliases under alias/lab- (the app's labTags).
  const created = await kms.send(new CreateKeyCommand({ Description: 'snippet test key', Tags: [{ TagKey: 'lab-owner', TagValue: identityId }] }));
  keyId = created.KeyMetadata!.KeyId!;
  await kms.send(new CreateAliasCommand({ AliasName: ALIAS, TargetKeyId: keyId }));
  const enc = await kms.send(new EncryptCommand({ KeyId: ALIAS, Plaintext: new TextEncoder().encode(PLAINTEXT), EncryptionContext: CONTEXT }));
  await kms.send(new DecryptCommand({ CiphertextBlob: enc.CiphertextBlob, EncryptionContext: CONTEXT }));
  await kms.send(new GenerateDataKeyCommand({ KeyId: keyId, KeySpec: 'AES_256', EncryptionContext: CONTEXT }));
  await kms.send(new DescribeKeyCommand({ KeyId: ALIAS }));
  await kms.send(new ListAliasesCommand({}));
  for (const e of inspector.entries()) if (e.service === 'KMS' && e.status === 'ok') entries.set(e.operation, e);

  // "Continue on the command line": the portable export, and the server started from it.
  const file = join(dir, 'kms-study-lab.ndjson');
  // Written piece by piece, as the page's worker writes its Blob.
  await writeFile(file, sb.exportChunks());
  // What `npm run sandbox -- --import FILE --port 0` runs (tsx src/sandbox/server-main.ts), without npm in between.
  const child = spawn(process.execPath, [join(root, 'node_modules/tsx/dist/cli.mjs'), join(root, 'src/sandbox/server-main.ts'), '--port', '0', '--import', file], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  server = child;
  const line = await new Promise<string>((resolve, reject) => {
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      if (out.includes('\n')) resolve(out);
    });
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.once('exit', (code) => reject(new Error(`server exited with ${code}: ${err}`)));
  });
  url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(line)?.[1] ?? '';
  if (!url) throw new Error(`no URL in ${line}`);
  await runAll();
}, 180_000);

afterAll(async () => {
  server?.kill('SIGTERM');
  if (dir) await rm(dir, { recursive: true, force: true });
});

function entry(operation: string): InspectorEntry {
  const e = entries.get(operation);
  if (!e) throw new Error(`no inspector entry for ${operation}`);
  return e;
}

/** Replaces the one line that starts with `prefix` (a placeholder) by `line`; fails if there is not exactly one. */
function fill(code: string, prefix: string, line: string): string {
  const lines = code.split('\n');
  const at = lines.map((l, i) => (l.startsWith(prefix) ? i : -1)).filter((i) => i >= 0);
  if (at.length !== 1) throw new Error(`expected one placeholder line starting ${JSON.stringify(prefix)} in:\n${code}`);
  lines[at[0]!] = line;
  return lines.join('\n');
}

type Json = Record<string, unknown>;
type Runner = 'cli' | 'boto3' | 'js';

/** What each snippet printed (its response as JSON), or why it failed, by language and operation. */
const results = new Map<string, Json | Error>();
const OPERATIONS = ['CreateKey', 'Encrypt', 'Decrypt', 'GenerateDataKey', 'DescribeKey', 'ListAliases'] as const;
/** What the test puts in the masked Plaintext of each language's Encrypt snippet. */
const secretFor = (runner: Runner) => new TextEncoder().encode(`${runner} says hello`);
const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

/** Each CLI command in its own shell, as a learner pastes it; the CLI prints JSON itself. */
async function runCli(operation: string): Promise<Json> {
  const code = renderCli(entry(operation), { sandboxServerUrl: url });
  const cwd = await mkdtemp(join(dir, 'cli-'));
  // The placeholder file the snippet's comment names.
  if (operation === 'Encrypt') await writeFile(join(cwd, 'plaintext.bin'), secretFor('cli'));
  const { stdout } = await run('bash', ['-euo', 'pipefail', '-c', code], { cwd, env: { ...env(), AWS_DEFAULT_OUTPUT: 'json' } });
  return JSON.parse(stdout) as Json;
}

/** One line per snippet, appended: the response as JSON (bytes as base64) after a marker. */
const PY_PRINT = (op: string) =>
  `import json as _json, base64 as _b64; print(${JSON.stringify(`@@${op} `)} + _json.dumps(response, default=lambda v: _b64.b64encode(v).decode() if isinstance(v, bytes) else str(v)))`;
const JS_PRINT = (op: string) =>
  `console.log(${JSON.stringify(`@@${op} `)} + JSON.stringify(response, (_k, v) => (v instanceof Uint8Array ? Buffer.from(v).toString("base64") : v)));`;

/** Collects the marked lines of a runner's output; a snippet that printed none failed (its error is in stderr). */
function collect(runner: Runner, stdout: string, stderr: string) {
  for (const op of OPERATIONS) {
    const line = stdout.split('\n').find((l) => l.startsWith(`@@${op} `));
    results.set(`${runner}:${op}`, line ? (JSON.parse(line.slice(op.length + 3)) as Json) : new Error(`the ${runner} ${op} snippet printed nothing:\n${stderr}`));
  }
}

/**
 * All boto3 snippets in one Python process (one start-up instead of six): each is compiled and run
 * in fresh globals as a script of its own; one failing does not hide the others.
 */
async function runBoto3All(): Promise<void> {
  const snippets = OPERATIONS.map((op) => {
    let code = renderBoto3(entry(op), { sandboxServerUrl: url });
    if (op === 'Encrypt') code = fill(code, 'plaintext = ...', `plaintext = bytes.fromhex(${JSON.stringify(hex(secretFor('boto3')))})`);
    return `${code}\n${PY_PRINT(op)}\n`;
  });
  await writeFile(join(dir, 'snippets.json'), JSON.stringify(snippets));
  const runner = [
    'import json, sys, traceback',
    'for i, code in enumerate(json.load(open("snippets.json"))):',
    '    try:',
    '        exec(compile(code, f"snippet{i}.py", "exec"), {"__name__": "__main__"})',
    '    except Exception:',
    '        traceback.print_exc()',
  ].join('\n');
  const { stdout, stderr } = await run('python3', ['-c', runner], { cwd: dir, env: env() });
  collect('boto3', stdout, stderr);
}

/** All JavaScript snippets as ES modules of their own, imported in turn by one Node process. */
async function runJsAll(): Promise<void> {
  const files: string[] = [];
  for (const op of OPERATIONS) {
    let code = renderJs(entry(op), { sandboxServerUrl: url });
    if (op === 'Encrypt') code = fill(code, 'const plaintext = ', `const plaintext = Buffer.from(${JSON.stringify(hex(secretFor('js')))}, "hex");`);
    const file = join(dir, `snippet-${op}.mjs`);
    await writeFile(file, `${code}\n${JS_PRINT(op)}\n`);
    files.push(file);
  }
  const runner = `for (const f of ${JSON.stringify(files)}) { try { await import(f); } catch (e) { console.error(f, e); } }`;
  await writeFile(join(dir, 'run-snippets.mjs'), runner);
  const { stdout, stderr } = await run(process.execPath, [join(dir, 'run-snippets.mjs')], { cwd: dir, env: env() });
  collect('js', stdout, stderr);
}

async function runAll(): Promise<void> {
  const cli = OPERATIONS.map(async (op) => {
    results.set(`cli:${op}`, await runCli(op).catch((e: unknown) => (e instanceof Error ? e : new Error(String(e)))));
  });
  await Promise.all([...cli, runBoto3All(), runJsAll()]);
}

function result(runner: Runner, operation: string): Json {
  const r = results.get(`${runner}:${operation}`);
  if (!r) throw new Error(`${runner} ${operation} did not run`);
  if (r instanceof Error) throw r;
  return r;
}

const b64 = (s: unknown) => Buffer.from(String(s), 'base64');

/** Decrypts a ciphertext the command-line sandbox made with the in-process lab: same key material, by import. */
async function decryptHere(blob: Buffer, context: Record<string, string> = CONTEXT): Promise<Uint8Array> {
  const out = await kms.send(new DecryptCommand({ CiphertextBlob: blob, EncryptionContext: context }));
  return out.Plaintext!;
}

const LANGS = [
  { lang: 'AWS CLI', runner: 'cli' },
  { lang: 'boto3', runner: 'boto3' },
  { lang: 'JavaScript', runner: 'js' },
] as const;

describe('the inspector snippets run against npm run sandbox -- --import <the exported lab>', { timeout: 60_000 }, () => {
  it('renders the sandbox snippets for 127.0.0.1:4599 by default, with the import step and the test / test credentials', () => {
    const cli = renderCli(entry('Encrypt'));
    expect(cli).toContain(`--endpoint-url ${SANDBOX_SERVER_URL}`);
    expect(cli).toContain('npm run sandbox -- --import kms-study-lab.ndjson');
    expect(cli).toContain('credentials test / test');
    expect(renderBoto3(entry('Encrypt'))).toContain(`endpoint_url="${SANDBOX_SERVER_URL}"`);
    expect(renderJs(entry('Encrypt'))).toContain(`endpoint: "${SANDBOX_SERVER_URL}"`);
    // The masked plaintext is a placeholder in each language, never the bytes.
    expect(cli).toContain('--plaintext fileb://plaintext.bin');
    expect(renderBoto3(entry('Encrypt'))).toMatch(/^plaintext = \.\.\. {2}# /m);
    expect(renderJs(entry('Encrypt'))).toMatch(/^const plaintext = \/\* .* \*\/ undefined;$/m);
    for (const r of [renderCli, renderBoto3, renderJs]) expect(r(entry('Encrypt'))).not.toContain(Buffer.from(PLAINTEXT).toString('base64'));
  });

  it.each(LANGS)('$lang: DescribeKey by alias and ListAliases find the imported key', async ({ runner }) => {
    const described = result(runner, 'DescribeKey').KeyMetadata as Json;
    expect(described.KeyId).toBe(keyId);
    expect(described.Description).toBe('snippet test key');
    const aliases = result(runner, 'ListAliases').Aliases as Json[];
    expect(aliases.find((a) => a.AliasName === ALIAS)?.TargetKeyId).toBe(keyId);
  });

  it.each(LANGS)('$lang: Decrypt of the lab’s ciphertext gives the plaintext back', async ({ runner }) => {
    const out = result(runner, 'Decrypt');
    expect(b64(out.Plaintext).toString()).toBe(PLAINTEXT);
    expect(out.KeyId).toBe(`arn:aws:kms:us-east-1:111122223333:key/${keyId}`);
  });

  it.each(LANGS)('$lang: Encrypt with the filled-in plaintext makes a ciphertext that decrypts with the context', async ({ runner }) => {
    const out = result(runner, 'Encrypt');
    expect(out.KeyId).toBe(`arn:aws:kms:us-east-1:111122223333:key/${keyId}`);
    expect(Buffer.from(await decryptHere(b64(out.CiphertextBlob))).toString()).toBe(`${runner} says hello`);
    // The context was sent: without it the same ciphertext is refused.
    await expect(decryptHere(b64(out.CiphertextBlob), {})).rejects.toMatchObject({ name: 'InvalidCiphertextException' });
  });

  it.each(LANGS)('$lang: GenerateDataKey returns a 32-byte key whose encrypted copy decrypts to it', async ({ runner }) => {
    const out = result(runner, 'GenerateDataKey');
    const plain = b64(out.Plaintext);
    expect(plain).toHaveLength(32);
    expect(Buffer.from(await decryptHere(b64(out.CiphertextBlob)))).toEqual(plain);
  });

  it.each(LANGS)('$lang: CreateKey makes a new, enabled key on the server with the lab’s description', async ({ runner }) => {
    const meta = result(runner, 'CreateKey').KeyMetadata as Json;
    expect(meta.KeyId).toMatch(/^[0-9a-f-]{36}$/);
    expect(meta.KeyId).not.toBe(keyId);
    expect(meta.Description).toBe('snippet test key');
    expect(meta.KeyState).toBe('Enabled');
  });
});
