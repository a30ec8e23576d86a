import { readFileSync } from 'node:fs';
import { DecryptCommand, DescribeKeyCommand, ListAliasesCommand, ListKeysCommand, ListResourceTagsCommand } from '@aws-sdk/client-kms';
import { describe, expect, it } from 'vitest';
import { sandboxClients } from '../../__tests__/helpers/clients';
import { buildDemoSeed, type DemoSeedSummary } from '../demo-seed';

const shipped = readFileSync(new URL('../../../../public/demo-seed.json', import.meta.url), 'utf8');
const demo = (JSON.parse(shipped) as { demo: DemoSeedSummary }).demo;

async function importedLab() {
  const c = await sandboxClients();
  await c.sandbox.importState(shipped);
  const keys = (await c.kms.send(new ListKeysCommand({}))).Keys?.map((k) => k.KeyId).sort();
  const aliases = (await c.kms.send(new ListAliasesCommand({}))).Aliases?.filter((a) => a.AliasName?.startsWith('alias/lab-')).map((a) => `${a.AliasName}=${a.TargetKeyId}`).sort();
  return { c, keys, aliases };
}

describe('the demo seed (public/demo-seed.json)', () => {
  it('is what npm run demo-seed writes today (same inputs, same bytes)', async () => {
    const { text } = await buildDemoSeed();
    expect(text).toBe(shipped);
  });

  it('holds no vended credentials and no plaintext data key', () => {
    expect(shipped).not.toMatch(/ASIA[A-Z0-9]{12,}/);
    expect(shipped).not.toMatch(/SessionToken|SecretAccessKey/);
    expect(shipped).not.toMatch(/"Plaintext"/);
    expect(demo.ciphertexts.some((c) => c.dataKeyBytes === 32 && c.plaintext === undefined)).toBe(true);
  });

  it('gives the same key ids and aliases in two fresh sandboxes, and its ciphertexts decrypt there', async () => {
    const a = await importedLab();
    const b = await importedLab();
    expect(a.keys).toEqual(b.keys);
    expect(a.aliases).toEqual(b.aliases);
    expect(a.keys).toEqual(demo.keys.map((k) => k.keyId).sort());
    expect(a.aliases).toEqual(demo.keys.map((k) => `${k.aliasName}=${k.keyId}`).sort());
    expect(a.aliases?.every((x) => x.startsWith('alias/lab-'))).toBe(true);

    for (const lab of [a, b]) {
      const message = demo.ciphertexts.find((x) => x.plaintext !== undefined);
      if (!message) throw new Error('the seed has no demo message');
      const out = await lab.c.kms.send(new DecryptCommand({ CiphertextBlob: Buffer.from(message.ciphertextBlob, 'base64'), EncryptionContext: message.encryptionContext }));
      expect(out.KeyId).toContain(message.keyId);
      expect(new TextDecoder().decode(out.Plaintext)).toBe(message.plaintext);
      const wrapped = demo.ciphertexts.find((x) => x.dataKeyBytes !== undefined);
      if (!wrapped) throw new Error('the seed has no wrapped data key');
      const dk = await lab.c.kms.send(new DecryptCommand({ CiphertextBlob: Buffer.from(wrapped.ciphertextBlob, 'base64'), EncryptionContext: wrapped.encryptionContext }));
      expect(dk.Plaintext?.length).toBe(32);
      dk.Plaintext?.fill(0);
      // The wrong context is refused, as on AWS.
      await expect(
        lab.c.kms.send(new DecryptCommand({ CiphertextBlob: Buffer.from(message.ciphertextBlob, 'base64'), EncryptionContext: { department: 'sales' } })),
      ).rejects.toMatchObject({ name: 'InvalidCiphertextException' });
    }

    const first = demo.keys[0];
    if (!first) throw new Error('no demo keys');
    const d = await a.c.kms.send(new DescribeKeyCommand({ KeyId: first.aliasName }));
    expect(d.KeyMetadata?.Description).toBe(first.description);
    const tags = await a.c.kms.send(new ListResourceTagsCommand({ KeyId: first.keyId }));
    expect(tags.Tags).toContainEqual({ TagKey: 'lab', TagValue: 'demo-seed' });
  });
});
