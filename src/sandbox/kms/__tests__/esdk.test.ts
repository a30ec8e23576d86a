import { CreateKeyCommand, KMS, type KMSClient } from '@aws-sdk/client-kms';
import { buildClient, CommitmentPolicy, KmsKeyringNode } from '@aws-crypto/client-node';
import { beforeAll, describe, expect, it } from 'vitest';
import { SANDBOX_ADMIN_CREDENTIALS } from '../../index';
import { sandboxClients, type SandboxClients } from '../../__tests__/helpers/clients';

/** The AWS Encryption SDK for JavaScript (Node 4.x) with its KMS keyring talking to the sandbox KMS. */
const { encrypt, decrypt } = buildClient(CommitmentPolicy.REQUIRE_ENCRYPT_REQUIRE_DECRYPT);

let sandbox: SandboxClients['sandbox'];
let kms: KMSClient;
let generatorArn: string;
let secondArn: string;
const calls: string[] = [];

// ESDK parses the region from the key ARN and calls the client's methods, so it needs the aggregated KMS class.
const clientProvider = (region: string) => {
  const client = new KMS({ region: region || 'us-east-1', credentials: SANDBOX_ADMIN_CREDENTIALS, requestHandler: sandbox.requestHandler, maxAttempts: 1 });
  client.middlewareStack.add(
    (next, context) => (args) => {
      calls.push(String(context.commandName));
      return next(args);
    },
    { step: 'initialize' },
  );
  return client;
};

beforeAll(async () => {
  ({ sandbox, kms } = await sandboxClients());
  generatorArn = (await kms.send(new CreateKeyCommand({ Description: 'ESDK generator' }))).KeyMetadata!.Arn!;
  secondArn = (await kms.send(new CreateKeyCommand({ Description: 'ESDK second wrapping key' }))).KeyMetadata!.Arn!;
});

describe('AWS Encryption SDK through the sandbox KMS', () => {
  it('encrypts and decrypts with an encryption context (GenerateDataKey, then Decrypt)', async () => {
    calls.length = 0;
    const keyring = new KmsKeyringNode({ clientProvider, generatorKeyId: generatorArn });
    const plaintext = new TextEncoder().encode('envelope encryption through the sandbox');
    const context = { purpose: 'kms-study-lab', stage: 'test' };
    const { result } = await encrypt(keyring, plaintext, { encryptionContext: context });
    expect(calls).toEqual(['GenerateDataKeyCommand']);
    const { plaintext: out, messageHeader } = await decrypt(keyring, result);
    expect(new TextDecoder().decode(out)).toBe('envelope encryption through the sandbox');
    expect(messageHeader.encryptionContext).toMatchObject(context);
    expect(messageHeader.encryptedDataKeys).toHaveLength(1);
    expect(messageHeader.encryptedDataKeys[0]!.providerInfo).toBe(generatorArn);
    // The encrypted data key is a sandbox blob of AWS's size for a 32-byte key.
    expect(messageHeader.encryptedDataKeys[0]!.encryptedDataKey).toHaveLength(184);
    expect(calls).toEqual(['GenerateDataKeyCommand', 'DecryptCommand']);
  });

  it('wraps the data key under two keys; a keyring holding only the second key still decrypts', async () => {
    calls.length = 0;
    const both = new KmsKeyringNode({ clientProvider, generatorKeyId: generatorArn, keyIds: [secondArn] });
    const { result } = await encrypt(both, new TextEncoder().encode('two wrapping keys'), { encryptionContext: { k: 'v' } });
    expect(calls).toEqual(['GenerateDataKeyCommand', 'EncryptCommand']);
    const onlySecond = new KmsKeyringNode({ clientProvider, keyIds: [secondArn] });
    const { plaintext, messageHeader } = await decrypt(onlySecond, result);
    expect(new TextDecoder().decode(plaintext)).toBe('two wrapping keys');
    expect(messageHeader.encryptedDataKeys.map((k) => k.providerInfo)).toEqual([generatorArn, secondArn]);
  });

  it('refuses to decrypt with a keyring holding an unrelated key', async () => {
    const other = (await kms.send(new CreateKeyCommand({}))).KeyMetadata!.Arn!;
    const { result } = await encrypt(new KmsKeyringNode({ clientProvider, generatorKeyId: generatorArn }), new TextEncoder().encode('x'));
    await expect(decrypt(new KmsKeyringNode({ clientProvider, keyIds: [other] }), result)).rejects.toThrow();
  });
});
