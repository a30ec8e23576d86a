/**
 * The demo seed: a lab export made by driving a fresh sandbox with the real SDK clients and fixed
 * inputs (`npm run demo-seed` writes it to public/demo-seed.json). Importing it gives a teacher's
 * rehearsal and the class the same key ids, aliases and ciphertext bytes every time.
 *
 * Everything is derived from fixed inputs: the wall clock is pinned and the sandbox's random bytes
 * come from a SHA-256 counter stream, so running the script again writes the same file.
 * Nothing secret beyond the practice keys' own material goes in: no vended credentials (the script
 * uses the static administrator keys), no plaintext data keys (only GenerateDataKeyWithoutPlaintext).
 */
import { CreateAliasCommand, CreateKeyCommand, EnableKeyRotationCommand, EncryptCommand, GenerateDataKeyWithoutPlaintextCommand, KMSClient } from '@aws-sdk/client-kms';
import { sha256 } from '@noble/hashes/sha2.js';
import { createSandbox, GUEST_ROLE_ARN, SANDBOX_ACCOUNT_ID, SANDBOX_ADMIN_CREDENTIALS } from '../index';

/** The instant the seed's keys were made (and the export's dates). */
export const DEMO_SEED_TIME = Date.UTC(2026, 0, 5, 9, 0, 0);

/** One demo ciphertext kept beside the lab (the lab's panels can decrypt it with the same context). */
export interface DemoCiphertext {
  label: string;
  keyId: string;
  aliasName: string;
  encryptionContext: Record<string, string>;
  /** Base64 of the CiphertextBlob. */
  ciphertextBlob: string;
  /** What the blob decrypts to (demo text, not a secret), or the size of a data key it wraps. */
  plaintext?: string;
  dataKeyBytes?: number;
}

export interface DemoSeedSummary {
  keys: { keyId: string; aliasName: string; description: string; keySpec: string }[];
  ciphertexts: DemoCiphertext[];
}

/** Deterministic bytes: SHA-256(seed || counter), block after block. Only for the demo seed. */
function counterStream(seed: string): (n: number) => Uint8Array<ArrayBuffer> {
  const prefix = new TextEncoder().encode(seed);
  let counter = 0;
  let pool = new Uint8Array(0);
  return (n: number) => {
    const out = new Uint8Array(new ArrayBuffer(n));
    let filled = 0;
    while (filled < n) {
      if (pool.length === 0) {
        const block = new Uint8Array(prefix.length + 4);
        block.set(prefix);
        new DataView(block.buffer).setUint32(prefix.length, counter++);
        pool = sha256(block);
      }
      const take = Math.min(pool.length, n - filled);
      out.set(pool.subarray(0, take), filled);
      pool = pool.subarray(take);
      filled += take;
    }
    return out;
  };
}

/**
 * The key policy of a demo key: the account's root (IAM policies decide, as the default policy does)
 * and the lab's guest role as a key user, so a Cognito guest can use the keys the teacher imported
 * (the guest's IAM policy alone only lets it use keys tagged with its own identity).
 */
function demoKeyPolicy(): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Id: 'demo-seed-key-policy',
    Statement: [
      {
        Sid: 'Enable IAM User Permissions',
        Effect: 'Allow',
        Principal: { AWS: `arn:aws:iam::${SANDBOX_ACCOUNT_ID}:root` },
        Action: 'kms:*',
        Resource: '*',
      },
      {
        Sid: 'LabGuestsUseTheDemoKeys',
        Effect: 'Allow',
        Principal: { AWS: GUEST_ROLE_ARN },
        Action: [
          'kms:DescribeKey',
          'kms:Encrypt',
          'kms:Decrypt',
          'kms:ReEncrypt*',
          'kms:GenerateDataKey*',
          'kms:GetKeyPolicy',
          'kms:GetKeyRotationStatus',
          'kms:ListResourceTags',
        ],
        Resource: '*',
      },
    ],
  });
}

const DEMO_KEYS = [
  { alias: 'alias/lab-demo-app', description: 'Demo: application data key (symmetric, envelope encryption)', purpose: 'app' },
  { alias: 'alias/lab-demo-payroll', description: 'Demo: payroll records (encryption context required)', purpose: 'payroll' },
  { alias: 'alias/lab-demo-archive', description: 'Demo: archive key, automatic rotation on', purpose: 'archive' },
] as const;

/** Builds the demo lab and returns its export text (pretty-printed JSON) and what is in it. */
export async function buildDemoSeed(): Promise<{ text: string; summary: DemoSeedSummary }> {
  const sandbox = await createSandbox({ now: () => DEMO_SEED_TIME, randomBytes: counterStream('kms-study-lab demo seed v1') });
  const kms = new KMSClient({ region: 'us-east-1', credentials: SANDBOX_ADMIN_CREDENTIALS, requestHandler: sandbox.requestHandler, maxAttempts: 1 });
  const summary: DemoSeedSummary = { keys: [], ciphertexts: [] };
  const policy = demoKeyPolicy();
  for (const k of DEMO_KEYS) {
    const created = await kms.send(
      new CreateKeyCommand({
        Description: k.description,
        Policy: policy,
        Tags: [
          { TagKey: 'lab', TagValue: 'demo-seed' },
          { TagKey: 'purpose', TagValue: k.purpose },
        ],
      }),
    );
    const keyId = created.KeyMetadata?.KeyId;
    if (!keyId) throw new Error('CreateKey returned no key id');
    await kms.send(new CreateAliasCommand({ AliasName: k.alias, TargetKeyId: keyId }));
    if (k.purpose === 'archive') await kms.send(new EnableKeyRotationCommand({ KeyId: keyId }));
    summary.keys.push({ keyId, aliasName: k.alias, description: k.description, keySpec: created.KeyMetadata?.KeySpec ?? '' });
  }
  const [app, payroll] = summary.keys;
  if (!app || !payroll) throw new Error('demo keys missing');

  const message = 'Hello, class: this text was encrypted under alias/lab-demo-payroll.';
  const payrollContext = { department: 'payroll', purpose: 'demo' };
  const enc = await kms.send(new EncryptCommand({ KeyId: payroll.aliasName, Plaintext: new TextEncoder().encode(message), EncryptionContext: payrollContext }));
  summary.ciphertexts.push({
    label: 'Payroll message (decrypt it with the same encryption context)',
    keyId: payroll.keyId,
    aliasName: payroll.aliasName,
    encryptionContext: payrollContext,
    ciphertextBlob: toBase64(enc.CiphertextBlob),
    plaintext: message,
  });
  // A wrapped data key only: the plaintext data key is never asked for, so it is in no file.
  const appContext = { app: 'orders', stage: 'demo' };
  const dk = await kms.send(new GenerateDataKeyWithoutPlaintextCommand({ KeyId: app.aliasName, KeySpec: 'AES_256', EncryptionContext: appContext }));
  summary.ciphertexts.push({
    label: 'Wrapped data key for the orders app (GenerateDataKeyWithoutPlaintext)',
    keyId: app.keyId,
    aliasName: app.aliasName,
    encryptionContext: appContext,
    ciphertextBlob: toBase64(dk.CiphertextBlob),
    dataKeyBytes: 32,
  });

  // The earlier single-document layout: the demo seed is small, and the app reads its `demo` member.
  const doc = JSON.parse(await sandbox.exportState()) as Record<string, unknown>;
  // Pinned so the file does not change when the script runs again.
  doc['exportedAt'] = new Date(DEMO_SEED_TIME).toISOString();
  // Extra member: import ignores it; the app reads it to show the demo ciphertexts.
  doc['demo'] = summary;
  return { text: `${JSON.stringify(doc, null, 2)}\n`, summary };
}

function toBase64(bytes: Uint8Array | undefined): string {
  if (!bytes) throw new Error('no ciphertext returned');
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s);
}
