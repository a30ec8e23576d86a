import { CreateKeyCommand, DecryptCommand, EncryptCommand, type KMSClient } from '@aws-sdk/client-kms';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { sandboxClients } from '../../__tests__/helpers/clients';

/**
 * Properties over the real KMSClient. fast-check prints the seed and path of any failure
 * ("Property failed after N tests { seed: S, path: P }"); replay with FC_SEED=S (and FC_PATH=P).
 */
const replay = {
  ...(process.env.FC_SEED ? { seed: Number(process.env.FC_SEED) } : {}),
  ...(process.env.FC_PATH ? { path: process.env.FC_PATH } : {}),
};

let kms: KMSClient;
let keyId: string;

beforeAll(async () => {
  ({ kms } = await sandboxClients());
  keyId = (await kms.send(new CreateKeyCommand({}))).KeyMetadata!.KeyId!;
});

const contextArb = fc.dictionary(fc.string({ minLength: 1, maxLength: 20, unit: 'grapheme' }), fc.string({ maxLength: 40, unit: 'grapheme' }), {
  maxKeys: 6,
});

async function errorName(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'no error';
  } catch (e) {
    return (e as Error).name;
  }
}

describe('properties of Encrypt / Decrypt', () => {
  it('random plaintexts (1-4096 bytes) and random contexts round-trip', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ minLength: 1, maxLength: 4096 }), contextArb, async (plaintext, EncryptionContext) => {
        const enc = await kms.send(new EncryptCommand({ KeyId: keyId, Plaintext: plaintext, EncryptionContext }));
        // Reversing the insertion order changes nothing: the context is a map.
        const reversed = Object.fromEntries(Object.entries(EncryptionContext).reverse());
        const dec = await kms.send(new DecryptCommand({ CiphertextBlob: enc.CiphertextBlob, EncryptionContext: reversed }));
        expect(Buffer.from(dec.Plaintext!).equals(Buffer.from(plaintext))).toBe(true);
      }),
      { numRuns: 60, ...replay },
    );
  });

  it('any single flipped bit in a blob gives InvalidCiphertextException', async () => {
    const enc = await kms.send(new EncryptCommand({ KeyId: keyId, Plaintext: new TextEncoder().encode('flip me'), EncryptionContext: { a: 'b' } }));
    const blob = enc.CiphertextBlob!;
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: blob.length * 8 - 1 }), async (bit) => {
        const tampered = blob.slice();
        tampered[bit >> 3]! ^= 1 << (bit & 7);
        const name = await errorName(kms.send(new DecryptCommand({ CiphertextBlob: tampered, EncryptionContext: { a: 'b' } })));
        expect(name).toBe('InvalidCiphertextException');
      }),
      { numRuns: 300, ...replay },
    );
  });

  it('any change to the context (a value, a key, an extra or a missing pair) gives InvalidCiphertextException', async () => {
    await fc.assert(
      fc.asyncProperty(
        contextArb.filter((c) => Object.keys(c).length > 0),
        fc.constantFrom('value', 'key', 'extra', 'missing'),
        async (context, change) => {
          const enc = await kms.send(new EncryptCommand({ KeyId: keyId, Plaintext: Uint8Array.of(1), EncryptionContext: context }));
          const [k, v] = Object.entries(context)[0]!;
          const other: Record<string, string> = { ...context };
          if (change === 'value') other[k] = `${v}!`;
          if (change === 'key') {
            delete other[k];
            other[`${k}!`] = v;
          }
          if (change === 'extra') other[`${k}!extra`] = 'x';
          if (change === 'missing') delete other[k];
          fc.pre(JSON.stringify(Object.entries(other).sort()) !== JSON.stringify(Object.entries(context).sort()));
          const name = await errorName(kms.send(new DecryptCommand({ CiphertextBlob: enc.CiphertextBlob, EncryptionContext: other })));
          expect(name).toBe('InvalidCiphertextException');
        },
      ),
      { numRuns: 60, ...replay },
    );
  });
});
