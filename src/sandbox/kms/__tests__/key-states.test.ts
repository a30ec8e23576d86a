import { describe, expect, it } from 'vitest';
import {
  CancelKeyDeletionCommand,
  CreateKeyCommand,
  DescribeKeyCommand,
  DisableKeyCommand,
  EnableKeyRotationCommand,
  EncryptCommand,
  GetKeyRotationStatusCommand,
  ScheduleKeyDeletionCommand,
  TagResourceCommand,
} from '@aws-sdk/client-kms';
import { sandboxClients } from '../../__tests__/helpers/clients';
import { KEY_STATE_TABLE, KEY_STATES, keyStateError, type KeyStateOperation, type KeyStateOutcome } from '../key-states';

/**
 * The developer guide's key-state table as the reference transcribes it (kms-behavior.md §4): one row
 * per group of operations, the outcome in the Disabled, PendingDeletion and PendingImport columns.
 * The sandbox's table must agree with every cell.
 */
type DocRow = { ops: KeyStateOperation[]; Disabled: KeyStateOutcome; PendingDeletion: KeyStateOutcome; PendingImport: KeyStateOutcome };
const DOCUMENTED: DocRow[] = [
  {
    ops: ['Encrypt', 'Decrypt', 'ReEncrypt', 'GenerateDataKey', 'GenerateDataKeyWithoutPlaintext', 'GenerateDataKeyPair', 'GenerateDataKeyPairWithoutPlaintext', 'Sign', 'Verify', 'GenerateMac', 'VerifyMac', 'GetPublicKey'],
    Disabled: 'disabled',
    PendingDeletion: 'pendingDeletion',
    PendingImport: 'pendingImport',
  },
  {
    ops: ['DescribeKey', 'GetKeyPolicy', 'ListGrants', 'ListKeyPolicies', 'ListResourceTags', 'ListAliases', 'DeleteAlias', 'RetireGrant', 'RevokeGrant', 'PutKeyPolicy'],
    Disabled: 'ok',
    PendingDeletion: 'ok',
    PendingImport: 'ok',
  },
  { ops: ['EnableKey', 'DisableKey'], Disabled: 'ok', PendingDeletion: 'pendingDeletion', PendingImport: 'pendingImport' },
  { ops: ['ScheduleKeyDeletion'], Disabled: 'ok', PendingDeletion: 'pendingDeletion', PendingImport: 'ok' },
  { ops: ['CancelKeyDeletion'], Disabled: 'notPendingDeletion', PendingDeletion: 'ok', PendingImport: 'notPendingDeletion' },
  { ops: ['CreateAlias'], Disabled: 'ok', PendingDeletion: 'pendingDeletion', PendingImport: 'ok' },
  { ops: ['UpdateAlias'], Disabled: 'ok', PendingDeletion: 'pendingDeletion', PendingImport: 'ok' },
  { ops: ['TagResource', 'UntagResource', 'UpdateKeyDescription'], Disabled: 'ok', PendingDeletion: 'pendingDeletion', PendingImport: 'ok' },
  { ops: ['CreateGrant'], Disabled: 'disabled', PendingDeletion: 'pendingDeletion', PendingImport: 'pendingImport' },
  { ops: ['EnableKeyRotation', 'DisableKeyRotation'], Disabled: 'disabled', PendingDeletion: 'pendingDeletion', PendingImport: 'externalOrigin' },
  { ops: ['GetKeyRotationStatus'], Disabled: 'ok', PendingDeletion: 'ok', PendingImport: 'externalOrigin' },
  { ops: ['RotateKeyOnDemand'], Disabled: 'disabled', PendingDeletion: 'pendingDeletion', PendingImport: 'pendingImport' },
  { ops: ['ReplicateKey'], Disabled: 'disabled', PendingDeletion: 'pendingDeletion', PendingImport: 'pendingImport' },
];

const ARN = 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';

describe('the key-state table', () => {
  for (const row of DOCUMENTED) {
    for (const op of row.ops) {
      it(`${op} agrees with the documentation's Disabled, PendingDeletion and PendingImport cells`, () => {
        const t = KEY_STATE_TABLE[op];
        expect({ Disabled: t.Disabled, PendingDeletion: t.PendingDeletion, PendingImport: t.PendingImport }).toEqual({
          Disabled: row.Disabled,
          PendingDeletion: row.PendingDeletion,
          PendingImport: row.PendingImport,
        });
      });
    }
  }

  it('every operation is allowed on an Enabled key, except CancelKeyDeletion (the key is not pending deletion)', () => {
    for (const [op, row] of Object.entries(KEY_STATE_TABLE)) {
      expect([op, row.Enabled]).toEqual([op, op === 'CancelKeyDeletion' ? 'notPendingDeletion' : 'ok']);
    }
  });

  it('every row has a cell for each of the eight key states', () => {
    for (const row of Object.values(KEY_STATE_TABLE)) expect(Object.keys(row).sort()).toEqual([...KEY_STATES].sort());
  });

  it("a replica being created, a key being updated and one in a disconnected key store refuse cryptography in AWS's words", () => {
    expect(KEY_STATE_TABLE.Encrypt.Creating).toBe('creating');
    expect(keyStateError('creating', ARN).message).toBe(`${ARN} is creating.`);
    expect(keyStateError('updating', ARN).message).toBe(`${ARN} is updating.`);
    expect(keyStateError('unavailable', ARN).code).toBe('KMSInvalidStateException');
    expect(keyStateError('disabled', ARN)).toMatchObject({ code: 'DisabledException', message: `${ARN} is disabled.` });
    expect(keyStateError('externalOrigin', ARN)).toMatchObject({
      code: 'UnsupportedOperationException',
      message: `${ARN} origin is EXTERNAL which is not valid for this operation.`,
    });
  });
});

describe('operations answer from the table through the real SDK', () => {
  it('a disabled key: Encrypt and EnableKeyRotation refuse with DisabledException, DescribeKey and TagResource work', async () => {
    const { kms } = await sandboxClients();
    const { KeyMetadata } = await kms.send(new CreateKeyCommand({}));
    const arn = KeyMetadata!.Arn!;
    await kms.send(new DisableKeyCommand({ KeyId: arn }));
    await expect(kms.send(new EncryptCommand({ KeyId: arn, Plaintext: new Uint8Array([1]) }))).rejects.toMatchObject({
      name: 'DisabledException',
      message: `${arn} is disabled.`,
    });
    await expect(kms.send(new EnableKeyRotationCommand({ KeyId: arn }))).rejects.toMatchObject({ name: 'DisabledException' });
    await expect(kms.send(new CancelKeyDeletionCommand({ KeyId: arn }))).rejects.toMatchObject({
      name: 'KMSInvalidStateException',
      message: `${arn} is not pending deletion.`,
    });
    expect((await kms.send(new DescribeKeyCommand({ KeyId: arn }))).KeyMetadata?.KeyState).toBe('Disabled');
    await kms.send(new TagResourceCommand({ KeyId: arn, Tags: [{ TagKey: 'k', TagValue: 'v' }] }));
  });

  it('a key pending deletion: TagResource and a second ScheduleKeyDeletion refuse, GetKeyRotationStatus works', async () => {
    const { kms } = await sandboxClients();
    const { KeyMetadata } = await kms.send(new CreateKeyCommand({}));
    const arn = KeyMetadata!.Arn!;
    await kms.send(new ScheduleKeyDeletionCommand({ KeyId: arn, PendingWindowInDays: 7 }));
    const pending = { name: 'KMSInvalidStateException', message: `${arn} is pending deletion.` };
    await expect(kms.send(new TagResourceCommand({ KeyId: arn, Tags: [{ TagKey: 'k', TagValue: 'v' }] }))).rejects.toMatchObject(pending);
    await expect(kms.send(new ScheduleKeyDeletionCommand({ KeyId: arn, PendingWindowInDays: 7 }))).rejects.toMatchObject(pending);
    expect((await kms.send(new GetKeyRotationStatusCommand({ KeyId: arn }))).KeyRotationEnabled).toBe(false);
  });
});
