import {
  CancelKeyDeletionCommand,
  CreateAliasCommand,
  CreateKeyCommand,
  DescribeKeyCommand,
  DisableKeyCommand,
  EnableKeyCommand,
  ListAliasesCommand,
  ListKeysCommand,
  ScheduleKeyDeletionCommand,
  TagResourceCommand,
  UpdateKeyDescriptionCommand,
} from '@aws-sdk/client-kms';
import { describe, expect, it } from 'vitest';
import { expectAwsError, keyArnOf, kmsSandbox } from './helpers/sdk';

const DAY = 86_400_000;

async function newKey() {
  const s = await kmsSandbox();
  const { KeyMetadata: md } = await s.kms.send(new CreateKeyCommand({}));
  return { ...s, id: md!.KeyId!, arn: md!.Arn! };
}

describe('EnableKey / DisableKey', () => {
  it('flip KeyState and Enabled, and are idempotent', async () => {
    const { kms, id } = await newKey();
    await kms.send(new DisableKeyCommand({ KeyId: id }));
    await kms.send(new DisableKeyCommand({ KeyId: id }));
    let md = (await kms.send(new DescribeKeyCommand({ KeyId: id }))).KeyMetadata!;
    expect(md).toMatchObject({ KeyState: 'Disabled', Enabled: false });
    await kms.send(new EnableKeyCommand({ KeyId: id }));
    await kms.send(new EnableKeyCommand({ KeyId: id }));
    md = (await kms.send(new DescribeKeyCommand({ KeyId: id }))).KeyMetadata!;
    expect(md).toMatchObject({ KeyState: 'Enabled', Enabled: true });
  });

  it('refuse a key pending deletion: `<arn> is pending deletion.`', async () => {
    const { kms, id, arn } = await newKey();
    await kms.send(new ScheduleKeyDeletionCommand({ KeyId: id }));
    await expectAwsError(kms.send(new EnableKeyCommand({ KeyId: id })), 'KMSInvalidStateException', `${arn} is pending deletion.`);
    await expectAwsError(kms.send(new DisableKeyCommand({ KeyId: id })), 'KMSInvalidStateException', `${arn} is pending deletion.`);
  });

  it('refuse a key pending import: `<arn> is pending import.`', async () => {
    const { kms } = await kmsSandbox();
    const { KeyMetadata: md } = await kms.send(new CreateKeyCommand({ Origin: 'EXTERNAL' }));
    await expectAwsError(kms.send(new EnableKeyCommand({ KeyId: md!.KeyId })), 'KMSInvalidStateException', `${md!.Arn} is pending import.`);
  });

  it('answer a key that does not exist with its ARN in the caller region', async () => {
    const { kms } = await kmsSandbox();
    const id = '0b0b0b0b-1111-4222-8333-444444444444';
    await expectAwsError(kms.send(new EnableKeyCommand({ KeyId: id })), 'NotFoundException', `Key '${keyArnOf(id)}' does not exist`);
  });
});

describe('ScheduleKeyDeletion', () => {
  it('defaults to 30 days and answers KeyId (ARN), DeletionDate, KeyState and PendingWindowInDays', async () => {
    const { kms, sandbox, id, arn } = await newKey();
    const before = sandbox.clock.now();
    const out = await kms.send(new ScheduleKeyDeletionCommand({ KeyId: id }));
    expect(out.KeyId).toBe(arn);
    expect(out.KeyState).toBe('PendingDeletion');
    expect(out.PendingWindowInDays).toBe(30);
    expect(out.DeletionDate!.getTime() - before).toBeGreaterThanOrEqual(30 * DAY - 1000);
    expect(out.DeletionDate!.getTime() - before).toBeLessThanOrEqual(30 * DAY + 60_000);
    const md = (await kms.send(new DescribeKeyCommand({ KeyId: id }))).KeyMetadata!;
    expect(md).toMatchObject({ KeyState: 'PendingDeletion', Enabled: false });
    expect(md.DeletionDate!.getTime()).toBe(out.DeletionDate!.getTime());
    const ev = (await sandbox.trail.events()).find((e) => e.eventName === 'ScheduleKeyDeletion')!;
    expect(ev.responseElements).toMatchObject({ keyId: arn, keyState: 'PendingDeletion', pendingWindowInDays: 30 });
    expect(ev.requestParameters).toEqual({ keyId: id, pendingWindowInDays: 30 });
  });

  it.each([1, 6, 31, 365])('refuses PendingWindowInDays %i: `PendingWindowInDays must be between 7 and 30`', async (days) => {
    const { kms, id } = await newKey();
    await expectAwsError(
      kms.send(new ScheduleKeyDeletionCommand({ KeyId: id, PendingWindowInDays: days })),
      'ValidationException',
      'PendingWindowInDays must be between 7 and 30',
    );
  });

  it('reports values outside the model range 1-365 with the framework message first', async () => {
    const { kms, id } = await newKey();
    await expectAwsError(
      kms.send(new ScheduleKeyDeletionCommand({ KeyId: id, PendingWindowInDays: 0 })),
      'ValidationException',
      "1 validation error detected: Value '0' at 'pendingWindowInDays' failed to satisfy constraint: Member must have value greater than or equal to 1",
    );
    await expectAwsError(
      kms.send(new ScheduleKeyDeletionCommand({ KeyId: id, PendingWindowInDays: 366 })),
      'ValidationException',
      "1 validation error detected: Value '366' at 'pendingWindowInDays' failed to satisfy constraint: Member must have value less than or equal to 365",
    );
  });

  it('validates before looking the key up', async () => {
    const { kms } = await kmsSandbox();
    await expectAwsError(
      kms.send(new ScheduleKeyDeletionCommand({ KeyId: 'not-a-key', PendingWindowInDays: 400 })),
      'ValidationException',
      /at 'pendingWindowInDays'/,
    );
  });

  it('refuses a second schedule: `<arn> is pending deletion.`', async () => {
    const { kms, id, arn } = await newKey();
    await kms.send(new ScheduleKeyDeletionCommand({ KeyId: id, PendingWindowInDays: 7 }));
    await expectAwsError(
      kms.send(new ScheduleKeyDeletionCommand({ KeyId: id, PendingWindowInDays: 7 })),
      'KMSInvalidStateException',
      `${arn} is pending deletion.`,
    );
  });

  it('refuses description and tag changes while pending deletion', async () => {
    const { kms, id, arn } = await newKey();
    await kms.send(new ScheduleKeyDeletionCommand({ KeyId: id }));
    await expectAwsError(
      kms.send(new UpdateKeyDescriptionCommand({ KeyId: id, Description: 'x' })),
      'KMSInvalidStateException',
      `${arn} is pending deletion.`,
    );
    await expectAwsError(
      kms.send(new TagResourceCommand({ KeyId: id, Tags: [{ TagKey: 'a', TagValue: 'b' }] })),
      'KMSInvalidStateException',
      `${arn} is pending deletion.`,
    );
  });

  it('deletes the key and its aliases for good once the simulated clock passes DeletionDate', async () => {
    const { kms, sandbox, id } = await newKey();
    await kms.send(new CreateAliasCommand({ AliasName: 'alias/doomed', TargetKeyId: id }));
    await kms.send(new ScheduleKeyDeletionCommand({ KeyId: id, PendingWindowInDays: 7 }));
    await sandbox.clock.advanceDays(6);
    expect((await kms.send(new DescribeKeyCommand({ KeyId: id }))).KeyMetadata!.KeyState).toBe('PendingDeletion');
    await sandbox.clock.advanceDays(2);
    await expectAwsError(kms.send(new DescribeKeyCommand({ KeyId: id })), 'NotFoundException', `Key '${keyArnOf(id)}' does not exist`);
    const keys = await kms.send(new ListKeysCommand({}));
    expect(keys.Keys!.map((k) => k.KeyId)).not.toContain(id);
    const aliases = await kms.send(new ListAliasesCommand({}));
    expect(aliases.Aliases!.map((a) => a.AliasName)).not.toContain('alias/doomed');
    expect((await sandbox.trail.events()).some((e) => e.eventName === 'DeleteKey')).toBe(true);
  });
});

describe('CancelKeyDeletion', () => {
  it('brings the key back Disabled (not Enabled) and removes DeletionDate', async () => {
    const { kms, id, arn } = await newKey();
    await kms.send(new ScheduleKeyDeletionCommand({ KeyId: id }));
    const out = await kms.send(new CancelKeyDeletionCommand({ KeyId: id }));
    expect(out.KeyId).toBe(arn);
    const md = (await kms.send(new DescribeKeyCommand({ KeyId: id }))).KeyMetadata!;
    expect(md).toMatchObject({ KeyState: 'Disabled', Enabled: false });
    expect(md).not.toHaveProperty('DeletionDate');
  });

  it('returns a key that never had material to PendingImport, not Disabled', async () => {
    const { kms } = await kmsSandbox();
    const { KeyMetadata: md } = await kms.send(new CreateKeyCommand({ Origin: 'EXTERNAL' }));
    await kms.send(new ScheduleKeyDeletionCommand({ KeyId: md!.KeyId, PendingWindowInDays: 7 }));
    await kms.send(new CancelKeyDeletionCommand({ KeyId: md!.KeyId }));
    expect((await kms.send(new DescribeKeyCommand({ KeyId: md!.KeyId }))).KeyMetadata!.KeyState).toBe('PendingImport');
  });

  it('refuses a key that is not pending deletion: `<arn> is not pending deletion.`', async () => {
    const { kms, id, arn } = await newKey();
    await expectAwsError(kms.send(new CancelKeyDeletionCommand({ KeyId: id })), 'KMSInvalidStateException', `${arn} is not pending deletion.`);
    await kms.send(new DisableKeyCommand({ KeyId: id }));
    await expectAwsError(kms.send(new CancelKeyDeletionCommand({ KeyId: id })), 'KMSInvalidStateException', `${arn} is not pending deletion.`);
  });
});
