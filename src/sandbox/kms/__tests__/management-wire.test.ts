import { CreateKeyCommand, DecryptCommand, EncryptCommand, RotateKeyOnDemandCommand } from '@aws-sdk/client-kms';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rawRequest } from '../../__tests__/helpers/raw';
import { expectAwsError, kmsSandbox } from './helpers/sdk';

describe('key management on the wire', () => {
  it('sends NotAuthorizedException for alias/aws/ with no message member at all', async () => {
    const { sandbox, kms } = await kmsSandbox();
    const { KeyMetadata: md } = await kms.send(new CreateKeyCommand({}));
    const res = await rawRequest(sandbox, {
      target: 'TrentService.CreateAlias',
      body: JSON.stringify({ AliasName: 'alias/aws/mine', TargetKeyId: md!.KeyId }),
    });
    expect(res.status).toBe(400);
    const body = res.json();
    expect(body['__type']).toMatch(/NotAuthorizedException$/);
    expect(body).not.toHaveProperty('message');
    expect(body).not.toHaveProperty('Message');
  });

  it('sends UnsupportedOperationException for on-demand rotation of an RSA key with no message member', async () => {
    const { sandbox, kms } = await kmsSandbox();
    const { KeyMetadata: md } = await kms.send(new CreateKeyCommand({ KeySpec: 'RSA_2048', KeyUsage: 'ENCRYPT_DECRYPT' }));
    const res = await rawRequest(sandbox, { target: 'TrentService.RotateKeyOnDemand', body: JSON.stringify({ KeyId: md!.KeyId }) });
    expect(res.status).toBe(400);
    expect(res.json()['__type']).toMatch(/UnsupportedOperationException$/);
    expect(res.json()).not.toHaveProperty('message');
  });

  it('answers members of the wrong JSON type with SerializationException, not a crash', async () => {
    const { sandbox } = await kmsSandbox();
    for (const [target, body] of [
      ['CreateKey', { Description: 42 }],
      ['ScheduleKeyDeletion', { KeyId: 'x', PendingWindowInDays: 'seven' }],
      ['TagResource', { KeyId: 'x', Tags: 'a=b' }],
      ['ListAliases', { Limit: true }],
    ] as const) {
      const res = await rawRequest(sandbox, { target: `TrentService.${target}`, body: JSON.stringify(body) });
      expect(res.status, target).toBe(400);
      expect(res.json()['__type'], target).toMatch(/SerializationException$/);
    }
  });

  it('writes KeyMetadata dates as epoch seconds', async () => {
    const { sandbox } = await kmsSandbox();
    const res = await rawRequest(sandbox, { target: 'TrentService.CreateKey', body: '{}' });
    const md = res.json()['KeyMetadata'] as Record<string, unknown>;
    expect(typeof md['CreationDate']).toBe('number');
    expect(Math.abs((md['CreationDate'] as number) * 1000 - Date.now())).toBeLessThan(600_000);
    expect(md).not.toHaveProperty('DeletionDate');
  });
});

describe('rotation keeps old ciphertext decryptable', () => {
  it('decrypts ciphertext made before an on-demand rotation and encrypts new data under the new material', async () => {
    const { kms } = await kmsSandbox();
    const { KeyMetadata: md } = await kms.send(new CreateKeyCommand({}));
    const plaintext = new TextEncoder().encode('before rotation');
    const old = await kms.send(new EncryptCommand({ KeyId: md!.KeyId, Plaintext: plaintext }));
    await kms.send(new RotateKeyOnDemandCommand({ KeyId: md!.KeyId }));
    const back = await kms.send(new DecryptCommand({ CiphertextBlob: old.CiphertextBlob }));
    expect(new TextDecoder().decode(back.Plaintext)).toBe('before rotation');
    expect(back.KeyMaterialId).toBe(md!.CurrentKeyMaterialId);
    const fresh = await kms.send(new EncryptCommand({ KeyId: md!.KeyId, Plaintext: plaintext }));
    const back2 = await kms.send(new DecryptCommand({ CiphertextBlob: fresh.CiphertextBlob }));
    expect(back2.KeyMaterialId).not.toBe(md!.CurrentKeyMaterialId);
  });

  it('still decrypts after automatic rotations when the clock moves years ahead', async () => {
    const { kms, sandbox } = await kmsSandbox();
    const { KeyMetadata: md } = await kms.send(new CreateKeyCommand({}));
    const { EnableKeyRotationCommand } = await import('@aws-sdk/client-kms');
    await kms.send(new EnableKeyRotationCommand({ KeyId: md!.KeyId, RotationPeriodInDays: 90 }));
    const old = await kms.send(new EncryptCommand({ KeyId: md!.KeyId, Plaintext: new Uint8Array([1, 2, 3]) }));
    await sandbox.clock.advanceDays(3 * 365);
    const back = await kms.send(new DecryptCommand({ CiphertextBlob: old.CiphertextBlob }));
    expect(Array.from(back.Plaintext!)).toEqual([1, 2, 3]);
  });
});

describe('Sandbox differs (pinned)', () => {
  it('refuses the custom-key-store origins with an explicit UnsupportedOperationException', async () => {
    const { kms } = await kmsSandbox();
    await expectAwsError(
      kms.send(new CreateKeyCommand({ Origin: 'AWS_CLOUDHSM' })),
      'UnsupportedOperationException',
      /Origin AWS_CLOUDHSM needs a custom key store, which the KMS Study Lab sandbox does not provide/,
    );
  });

  it('has no custom key stores, so any CustomKeyStoreId is not found', async () => {
    const { kms } = await kmsSandbox();
    await expectAwsError(
      kms.send(new CreateKeyCommand({ CustomKeyStoreId: 'cks-1234567890abcdef0' })),
      'CustomKeyStoreNotFoundException',
    );
  });
});

const MANAGEMENT_OPERATIONS = [
  'CreateKey', 'DescribeKey', 'ListKeys', 'UpdateKeyDescription', 'EnableKey', 'DisableKey', 'ScheduleKeyDeletion',
  'CancelKeyDeletion', 'CreateAlias', 'UpdateAlias', 'DeleteAlias', 'ListAliases', 'EnableKeyRotation',
  'DisableKeyRotation', 'GetKeyRotationStatus', 'RotateKeyOnDemand', 'ListKeyRotations', 'TagResource',
  'UntagResource', 'ListResourceTags', 'GetKeyPolicy', 'PutKeyPolicy', 'ListKeyPolicies',
  'GetParametersForImport', 'ImportKeyMaterial', 'DeleteImportedKeyMaterial',
];
const MEMBERS = [
  'KeyId', 'Description', 'KeySpec', 'KeyUsage', 'Origin', 'Tags', 'TagKeys', 'Limit', 'Marker', 'AliasName',
  'TargetKeyId', 'PendingWindowInDays', 'RotationPeriodInDays', 'IncludeKeyMaterial', 'Policy', 'PolicyName',
  'MultiRegion', 'WrappingAlgorithm', 'WrappingKeySpec', 'ExpirationModel', 'ValidTo', 'GrantTokens',
];

describe('malformed management requests (property)', () => {
  it('always get an AWS-shaped client error or a success, never a 500', async () => {
    const { sandbox, kms } = await kmsSandbox();
    const { KeyMetadata: md } = await kms.send(new CreateKeyCommand({}));
    const value = fc.oneof(
      fc.constant(md!.KeyId!),
      fc.constant(md!.Arn!),
      fc.constant('alias/aws/s3'),
      fc.string(),
      fc.integer({ min: -5, max: 100_000 }),
      fc.boolean(),
      fc.constant(null),
      fc.array(fc.record({ TagKey: fc.string(), TagValue: fc.oneof(fc.string(), fc.integer()) }), { maxLength: 3 }),
      fc.array(fc.string(), { maxLength: 3 }),
      fc.dictionary(fc.string(), fc.string(), { maxKeys: 2 }),
    );
    const body = fc.dictionary(fc.constantFrom(...MEMBERS), value, { maxKeys: 4 });
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...MANAGEMENT_OPERATIONS), body, async (op, input) => {
        // Never schedule the probe key's deletion or change its policy: later runs still need it usable.
        if (op === 'ScheduleKeyDeletion' || op === 'PutKeyPolicy') delete input['KeyId'];
        const res = await rawRequest(sandbox, { target: `TrentService.${op}`, body: JSON.stringify(input) });
        expect(res.status, `${op} ${JSON.stringify(input)} -> ${res.text}`).toBeLessThan(500);
        if (res.status >= 400) expect(typeof res.json()['__type']).toBe('string');
      }),
      { numRuns: 300 },
    );
  });
});

describe('key management state survives export and import', () => {
  it('keeps materials, rotations, aliases, tags and schedules across exportState / importState', async () => {
    const { sandbox, kms } = await kmsSandbox();
    const { KeyMetadata: md } = await kms.send(new CreateKeyCommand({ Tags: [{ TagKey: 't', TagValue: 'v' }] }));
    const { CreateAliasCommand, EnableKeyRotationCommand, GetKeyRotationStatusCommand, ListKeyRotationsCommand, ListResourceTagsCommand } =
      await import('@aws-sdk/client-kms');
    await kms.send(new CreateAliasCommand({ AliasName: 'alias/persisted', TargetKeyId: md!.KeyId }));
    await kms.send(new EnableKeyRotationCommand({ KeyId: md!.KeyId, RotationPeriodInDays: 90 }));
    const old = await kms.send(new EncryptCommand({ KeyId: 'alias/persisted', Plaintext: new Uint8Array([4, 2]) }));
    await kms.send(new RotateKeyOnDemandCommand({ KeyId: md!.KeyId }));
    const json = (await sandbox.exportState());

    const other = await kmsSandbox();
    await other.sandbox.importState(json);
    const back = await other.kms.send(new DecryptCommand({ CiphertextBlob: old.CiphertextBlob }));
    expect(Array.from(back.Plaintext!)).toEqual([4, 2]);
    expect((await other.kms.send(new ListKeyRotationsCommand({ KeyId: md!.KeyId }))).Rotations).toHaveLength(1);
    expect((await other.kms.send(new GetKeyRotationStatusCommand({ KeyId: md!.KeyId }))).RotationPeriodInDays).toBe(90);
    expect((await other.kms.send(new ListResourceTagsCommand({ KeyId: md!.KeyId }))).Tags).toEqual([{ TagKey: 't', TagValue: 'v' }]);
  });
});
