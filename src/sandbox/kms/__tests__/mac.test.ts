import { CreateKeyCommand, GenerateMacCommand, VerifyMacCommand, type KMSClient, type MacAlgorithmSpec } from '@aws-sdk/client-kms';
import { createHmac } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { sandboxClients, type SandboxClients } from '../../__tests__/helpers/clients';
import { bytes, expectAwsError } from './crypto-test-helpers';

let kms: KMSClient;
let sandbox: SandboxClients['sandbox'];
const keys: Record<string, string> = {};
let symArn: string;
let signArn: string;

const SPECS = [
  ['HMAC_224', 'HMAC_SHA_224', 28],
  ['HMAC_256', 'HMAC_SHA_256', 32],
  ['HMAC_384', 'HMAC_SHA_384', 48],
  ['HMAC_512', 'HMAC_SHA_512', 64],
] as const;

beforeAll(async () => {
  ({ kms, sandbox } = await sandboxClients());
  for (const [spec] of SPECS) {
    keys[spec] = (await kms.send(new CreateKeyCommand({ KeySpec: spec, KeyUsage: 'GENERATE_VERIFY_MAC' }))).KeyMetadata!.Arn!;
  }
  symArn = (await kms.send(new CreateKeyCommand({}))).KeyMetadata!.Arn!;
  signArn = (await kms.send(new CreateKeyCommand({ KeySpec: 'ECC_NIST_P256', KeyUsage: 'SIGN_VERIFY' }))).KeyMetadata!.Arn!;
});

describe('GenerateMac / VerifyMac', () => {
  it.each(SPECS)('%s with %s: a %i-byte MAC that VerifyMac accepts and a changed message refuses', async (spec, alg, len) => {
    const Message = bytes('some important message');
    const g = await kms.send(new GenerateMacCommand({ KeyId: keys[spec], Message, MacAlgorithm: alg }));
    expect(g.Mac).toHaveLength(len);
    expect(g.KeyId).toBe(keys[spec]);
    expect(g.MacAlgorithm).toBe(alg);
    // HMAC is deterministic.
    const again = await kms.send(new GenerateMacCommand({ KeyId: keys[spec], Message, MacAlgorithm: alg }));
    expect(Buffer.from(again.Mac!).equals(Buffer.from(g.Mac!))).toBe(true);
    const v = await kms.send(new VerifyMacCommand({ KeyId: keys[spec], Message, MacAlgorithm: alg, Mac: g.Mac }));
    expect(v).toMatchObject({ KeyId: keys[spec], MacValid: true, MacAlgorithm: alg });
    await expectAwsError(
      kms.send(new VerifyMacCommand({ KeyId: keys[spec], Message: bytes('some different important message'), MacAlgorithm: alg, Mac: g.Mac })),
      'KMSInvalidMacException',
      null,
    );
  });

  it.each(SPECS)('%s: the MAC equals an independent HMAC (node:crypto) over the stored key material', async (spec, alg) => {
    const keyId = keys[spec]!.split('/')[1]!;
    const lab = JSON.parse((await sandbox.exportState())) as {
      records: { region: string; kind: string; id: string; value: { materials: { secret: { $b64: string } }[] } }[];
    };
    const record = lab.records.find((r) => r.kind === 'key' && r.region === 'us-east-1' && r.id === keyId)!;
    const secret = Buffer.from(record.value.materials[0]!.secret.$b64, 'base64');
    expect(secret).toHaveLength(Number(spec.slice(5)) / 8);
    const Message = bytes('independent check');
    const g = await kms.send(new GenerateMacCommand({ KeyId: keys[spec], Message, MacAlgorithm: alg }));
    const expected = createHmac(`sha${alg.slice(-3)}`, secret).update(Message).digest();
    expect(Buffer.from(g.Mac!).equals(expected)).toBe(true);
  });

  it.each([
    ['HMAC_224', 'HMAC_SHA_256'],
    ['HMAC_256', 'HMAC_SHA_512'],
  ] as const)('%s with %s -> Algorithm ... is incompatible with key spec ...', async (spec, alg) => {
    const text = `Algorithm ${alg} is incompatible with key spec ${spec}.`;
    await expectAwsError(kms.send(new GenerateMacCommand({ KeyId: keys[spec], Message: bytes('m'), MacAlgorithm: alg })), 'InvalidKeyUsageException', text);
    await expectAwsError(
      kms.send(new VerifyMacCommand({ KeyId: keys[spec], Message: bytes('m'), MacAlgorithm: alg, Mac: new Uint8Array(32) })),
      'InvalidKeyUsageException',
      text,
    );
  });

  it('unknown MacAlgorithm -> the recorded enum message', async () => {
    const text =
      "1 validation error detected: Value 'INVALID' at 'macAlgorithm' failed to satisfy constraint: Member must satisfy enum value set: [HMAC_SHA_384, HMAC_SHA_256, HMAC_SHA_224, HMAC_SHA_512]";
    await expectAwsError(
      kms.send(new GenerateMacCommand({ KeyId: keys.HMAC_256, Message: bytes('m'), MacAlgorithm: 'INVALID' as MacAlgorithmSpec })),
      'ValidationException',
      text,
    );
    await expectAwsError(
      kms.send(new VerifyMacCommand({ KeyId: keys.HMAC_256, Message: bytes('m'), MacAlgorithm: 'INVALID' as MacAlgorithmSpec, Mac: new Uint8Array(32) })),
      'ValidationException',
      text,
    );
  });

  it("malformed key id -> Invalid keyId 'key_id'", async () => {
    await expectAwsError(
      kms.send(new GenerateMacCommand({ KeyId: 'key_id', Message: bytes('m'), MacAlgorithm: 'HMAC_SHA_256' })),
      'NotFoundException',
      "Invalid keyId 'key_id'",
    );
    await expectAwsError(
      kms.send(new VerifyMacCommand({ KeyId: 'key_id', Message: bytes('m'), MacAlgorithm: 'HMAC_SHA_256', Mac: new Uint8Array(32) })),
      'NotFoundException',
      "Invalid keyId 'key_id'",
    );
  });

  it('refuses keys of other usages in AWS words', async () => {
    await expectAwsError(
      kms.send(new GenerateMacCommand({ KeyId: symArn, Message: bytes('m'), MacAlgorithm: 'HMAC_SHA_256' })),
      'InvalidKeyUsageException',
      `${symArn} key usage is ENCRYPT_DECRYPT which is not valid for GenerateMac.`,
    );
    await expectAwsError(
      kms.send(new VerifyMacCommand({ KeyId: signArn, Message: bytes('m'), MacAlgorithm: 'HMAC_SHA_256', Mac: new Uint8Array(32) })),
      'InvalidKeyUsageException',
      `${signArn} key usage is SIGN_VERIFY which is not valid for VerifyMac.`,
    );
  });

  it('DryRun -> DryRunOperationException', async () => {
    await expectAwsError(
      kms.send(new GenerateMacCommand({ KeyId: keys.HMAC_256, Message: bytes('m'), MacAlgorithm: 'HMAC_SHA_256', DryRun: true })),
      'DryRunOperationException',
    );
  });
});
