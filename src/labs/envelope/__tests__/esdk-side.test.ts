import { beforeAll, describe, expect, it } from 'vitest';
import { CreateKeyCommand, type KMSClient } from '@aws-sdk/client-kms';
import { sandboxClients } from '../../../sandbox/__tests__/helpers/clients';

// The browser Encryption SDK finds WebCrypto on `self` (util-locate-window); Node has it on globalThis.
(globalThis as { self?: unknown }).self ??= globalThis;
const { esdkSession, ESDK_MAX_BYTES } = await import('../lib/esdk-side');

let kms: KMSClient;
let keyArn: string;

beforeAll(async () => {
  ({ kms } = await sandboxClients());
  keyArn = (await kms.send(new CreateKeyCommand({ Description: 'envelope lab ESDK' }))).KeyMetadata!.Arn!;
});

describe('the Encryption SDK side of the envelope lab, through the real sandbox KMS', () => {
  it('encrypts with the default committing, signed suite and shows the decoded header', async () => {
    const s = esdkSession(kms, keyArn);
    const plain = globalThis.crypto.getRandomValues(new Uint8Array(10_000));
    const { ciphertext, header } = await s.encrypt(plain.subarray(3), { file: 'report.pdf' });
    expect(header.suiteId).toBe(0x0578);
    expect(header.messageFormat).toBe(2);
    expect(header.encryptionContext).toMatchObject({ file: 'report.pdf' });
    // The signed suite adds the public key to the context that KMS sees.
    expect(Object.keys(header.encryptionContext)).toContain('aws-crypto-public-key');
    expect(header.encryptedDataKeys).toEqual([{ providerId: 'aws-kms', providerInfo: keyArn, bytes: 184 }]);
    expect(header.frameLength).toBe(4096);
    expect(s.counter).toEqual({ GenerateDataKey: 1, Encrypt: 0, Decrypt: 0 });
    const back = await s.decrypt(ciphertext);
    // A view that does not start at offset 0 still round-trips (the module copies it first).
    expect(back.plaintext).toEqual(plain.subarray(3));
    expect(s.counter.Decrypt).toBe(1);
  });

  it('data key caching: five messages cost one GenerateDataKey instead of five', async () => {
    const plain = new TextEncoder().encode('small message');
    const uncached = esdkSession(kms, keyArn);
    const cached = esdkSession(kms, keyArn, { maxAgeMs: 60_000, maxMessages: 10 });
    for (let i = 0; i < 5; i++) {
      await uncached.encrypt(plain, { n: 'x' });
      await cached.encrypt(plain, { n: 'x' });
    }
    expect(uncached.counter.GenerateDataKey).toBe(5);
    expect(cached.counter.GenerateDataKey).toBe(1);
  });

  it('refuses a file over the stated size before any KMS call', async () => {
    const s = esdkSession(kms, keyArn);
    await expect(s.encrypt(new Uint8Array(ESDK_MAX_BYTES + 1), {})).rejects.toThrow(/no streaming API/);
    expect(s.counter.GenerateDataKey).toBe(0);
  });
});
