import {
  CreateKeyCommand,
  DescribeKeyCommand,
  DisableKeyCommand,
  DisableKeyRotationCommand,
  EnableKeyRotationCommand,
  GetKeyRotationStatusCommand,
  ListKeyRotationsCommand,
  RotateKeyOnDemandCommand,
  ScheduleKeyDeletionCommand,
  type IncludeKeyMaterial,
} from '@aws-sdk/client-kms';
import { describe, expect, it } from 'vitest';
import { ON_DEMAND_ROTATION_LIMIT } from '../operations/rotation';
import { expectAwsError, keyArnOf, kmsSandbox } from './helpers/sdk';

const DAY = 86_400_000;

async function newKey() {
  const s = await kmsSandbox();
  const { KeyMetadata: md } = await s.kms.send(new CreateKeyCommand({}));
  return { ...s, id: md!.KeyId!, arn: md!.Arn!, material: md!.CurrentKeyMaterialId! };
}

describe('EnableKeyRotation / DisableKeyRotation / GetKeyRotationStatus', () => {
  it('omits the period and next date while rotation is off', async () => {
    const { kms, id, arn } = await newKey();
    const out = await kms.send(new GetKeyRotationStatusCommand({ KeyId: id }));
    expect(out.KeyRotationEnabled).toBe(false);
    expect(out.KeyId).toBe(arn);
    expect(out).not.toHaveProperty('RotationPeriodInDays');
    expect(out).not.toHaveProperty('NextRotationDate');
  });

  it('defaults to 365 days and reports RotationPeriodInDays and NextRotationDate', async () => {
    const { kms, sandbox, id } = await newKey();
    await kms.send(new EnableKeyRotationCommand({ KeyId: id }));
    const out = await kms.send(new GetKeyRotationStatusCommand({ KeyId: id }));
    expect(out).toMatchObject({ KeyRotationEnabled: true, RotationPeriodInDays: 365 });
    const delta = out.NextRotationDate!.getTime() - sandbox.clock.now();
    expect(delta).toBeGreaterThan(364 * DAY);
    expect(delta).toBeLessThanOrEqual(365 * DAY);
    await kms.send(new DisableKeyRotationCommand({ KeyId: id }));
    const off = await kms.send(new GetKeyRotationStatusCommand({ KeyId: id }));
    expect(off.KeyRotationEnabled).toBe(false);
    expect(off).not.toHaveProperty('NextRotationDate');
  });

  it.each([
    [89, "1 validation error detected: Value '89' at 'rotationPeriodInDays' failed to satisfy constraint: Member must have value greater than or equal to 90"],
    [2561, "1 validation error detected: Value '2561' at 'rotationPeriodInDays' failed to satisfy constraint: Member must have value less than or equal to 2560"],
  ])('refuses RotationPeriodInDays %i', async (days, message) => {
    const { kms, id } = await newKey();
    await expectAwsError(kms.send(new EnableKeyRotationCommand({ KeyId: id, RotationPeriodInDays: days })), 'ValidationException', message);
  });

  it('refuses asymmetric and HMAC keys with UnsupportedOperationException', async () => {
    const { kms } = await kmsSandbox();
    for (const [KeySpec, KeyUsage] of [['RSA_2048', 'SIGN_VERIFY'], ['HMAC_256', 'GENERATE_VERIFY_MAC']] as const) {
      const md = (await kms.send(new CreateKeyCommand({ KeySpec, KeyUsage }))).KeyMetadata!;
      await expectAwsError(kms.send(new EnableKeyRotationCommand({ KeyId: md.KeyId })), 'UnsupportedOperationException', /not valid for this operation\.$/);
      const st = await kms.send(new GetKeyRotationStatusCommand({ KeyId: md.KeyId }));
      expect(st.KeyRotationEnabled).toBe(false);
    }
  });

  it('refuses a disabled key (DisabledException) and a key pending deletion', async () => {
    const { kms, id, arn } = await newKey();
    await kms.send(new DisableKeyCommand({ KeyId: id }));
    await expectAwsError(kms.send(new EnableKeyRotationCommand({ KeyId: id })), 'DisabledException', `${arn} is disabled.`);
    await kms.send(new ScheduleKeyDeletionCommand({ KeyId: id }));
    await expectAwsError(kms.send(new DisableKeyRotationCommand({ KeyId: id })), 'KMSInvalidStateException', `${arn} is pending deletion.`);
    // GetKeyRotationStatus still answers for disabled and pending-deletion keys.
    expect((await kms.send(new GetKeyRotationStatusCommand({ KeyId: id }))).KeyRotationEnabled).toBe(false);
  });

  it('refuses keys with imported material (origin EXTERNAL)', async () => {
    const { kms } = await kmsSandbox();
    const md = (await kms.send(new CreateKeyCommand({ Origin: 'EXTERNAL' }))).KeyMetadata!;
    await expectAwsError(
      kms.send(new EnableKeyRotationCommand({ KeyId: md.KeyId })),
      'UnsupportedOperationException',
      `${md.Arn} origin is EXTERNAL which is not valid for this operation.`,
    );
  });

  it('rotates automatically when the simulated clock passes NextRotationDate, and keeps the schedule', async () => {
    const { kms, sandbox, id, material } = await newKey();
    await kms.send(new EnableKeyRotationCommand({ KeyId: id, RotationPeriodInDays: 90 }));
    const next = (await kms.send(new GetKeyRotationStatusCommand({ KeyId: id }))).NextRotationDate!;
    await sandbox.clock.advanceDays(91);
    const md = (await kms.send(new DescribeKeyCommand({ KeyId: id }))).KeyMetadata!;
    expect(md.CurrentKeyMaterialId).toMatch(/^[0-9a-f]{64}$/);
    expect(md.CurrentKeyMaterialId).not.toBe(material);
    const st = await kms.send(new GetKeyRotationStatusCommand({ KeyId: id }));
    expect(st.NextRotationDate!.getTime()).toBe(next.getTime() + 90 * DAY);
    const rot = await kms.send(new ListKeyRotationsCommand({ KeyId: id }));
    expect(rot.Rotations).toHaveLength(1);
    expect(rot.Rotations![0]).toMatchObject({ KeyId: id, KeyMaterialId: md.CurrentKeyMaterialId, KeyMaterialState: 'CURRENT', RotationType: 'AUTOMATIC' });
    expect(rot.Rotations![0]!.RotationDate!.getTime()).toBe(next.getTime());
    const ev = (await sandbox.trail.events()).find((e) => e.eventName === 'RotateKey')!;
    expect(ev).toMatchObject({
      eventType: 'AwsServiceEvent',
      userIdentity: { accountId: '111122223333', invokedBy: 'AWS Internal' },
      requestParameters: null,
      responseElements: null,
      serviceEventDetails: {
        rotationType: 'AUTOMATIC',
        keyOrigin: 'AWS_KMS',
        previousKeyMaterialId: material,
        currentKeyMaterialId: md.CurrentKeyMaterialId,
        keyId: id,
      },
    });
    expect(new Date(ev.eventTime).getTime()).toBe(Math.floor(next.getTime() / 1000) * 1000);
  });

  it('catches up one rotation per elapsed period when the clock jumps far', async () => {
    const { kms, sandbox, id } = await newKey();
    await kms.send(new EnableKeyRotationCommand({ KeyId: id, RotationPeriodInDays: 100 }));
    await sandbox.clock.advanceDays(350);
    const rot = await kms.send(new ListKeyRotationsCommand({ KeyId: id }));
    expect(rot.Rotations!.map((r) => r.RotationType)).toEqual(['AUTOMATIC', 'AUTOMATIC', 'AUTOMATIC']);
  });
});

describe('RotateKeyOnDemand', () => {
  it('answers the key ARN, changes CurrentKeyMaterialId at once and leaves NextRotationDate alone', async () => {
    const { kms, id, arn, material } = await newKey();
    await kms.send(new EnableKeyRotationCommand({ KeyId: id }));
    const before = (await kms.send(new GetKeyRotationStatusCommand({ KeyId: id }))).NextRotationDate!;
    const out = await kms.send(new RotateKeyOnDemandCommand({ KeyId: id }));
    expect(out.KeyId).toBe(arn);
    // Sandbox differs: AWS completes on-demand rotation asynchronously; the sandbox at once.
    const md = (await kms.send(new DescribeKeyCommand({ KeyId: id }))).KeyMetadata!;
    expect(md.CurrentKeyMaterialId).not.toBe(material);
    const st = await kms.send(new GetKeyRotationStatusCommand({ KeyId: id }));
    expect(st.NextRotationDate!.getTime()).toBe(before.getTime());
    expect(st).not.toHaveProperty('OnDemandRotationStartDate');
  });

  it('records the completed rotation as a RotateKey service event (rotationType ON_DEMAND)', async () => {
    const { kms, sandbox, id, material } = await newKey();
    await kms.send(new RotateKeyOnDemandCommand({ KeyId: id }));
    const names = (await sandbox.trail.events()).map((e) => e.eventName);
    expect(names).toContain('RotateKeyOnDemand');
    const ev = (await sandbox.trail.events()).find((e) => e.eventName === 'RotateKey')!;
    expect(ev.eventType).toBe('AwsServiceEvent');
    expect(ev.serviceEventDetails).toMatchObject({ rotationType: 'ON_DEMAND', previousKeyMaterialId: material, keyId: id });
  });

  it('works with automatic rotation off', async () => {
    const { kms, id } = await newKey();
    await kms.send(new RotateKeyOnDemandCommand({ KeyId: id }));
    const rot = await kms.send(new ListKeyRotationsCommand({ KeyId: id }));
    expect(rot.Rotations!.map((r) => r.RotationType)).toEqual(['ON_DEMAND']);
  });

  it('refuses a non-symmetric key with UnsupportedOperationException and no message', async () => {
    const { kms, sandbox } = await kmsSandbox();
    const md = (await kms.send(new CreateKeyCommand({ KeySpec: 'ECC_NIST_P256', KeyUsage: 'SIGN_VERIFY' }))).KeyMetadata!;
    await expectAwsError(kms.send(new RotateKeyOnDemandCommand({ KeyId: md.KeyId })), 'UnsupportedOperationException', null);
    const ev = (await sandbox.trail.events()).find((e) => e.eventName === 'RotateKeyOnDemand')!;
    expect(ev.errorCode).toBe('UnsupportedOperationException');
    expect(ev).not.toHaveProperty('errorMessage');
  });

  it('checks a disabled key before its spec, even for an RSA key', async () => {
    const { kms } = await kmsSandbox();
    const md = (await kms.send(new CreateKeyCommand({ KeySpec: 'RSA_2048', KeyUsage: 'SIGN_VERIFY' }))).KeyMetadata!;
    await kms.send(new DisableKeyCommand({ KeyId: md.KeyId }));
    await expectAwsError(kms.send(new RotateKeyOnDemandCommand({ KeyId: md.KeyId })), 'DisabledException', `${md.Arn} is disabled.`);
  });

  it('answers an unknown key with `Key <arn> does not exist` and an EXTERNAL key without material as pending import', async () => {
    const { kms } = await kmsSandbox();
    const missing = '99999999-8888-4777-8666-555555555555';
    await expectAwsError(kms.send(new RotateKeyOnDemandCommand({ KeyId: missing })), 'NotFoundException', `Key '${keyArnOf(missing)}' does not exist`);
    const ext = (await kms.send(new CreateKeyCommand({ Origin: 'EXTERNAL' }))).KeyMetadata!;
    await expectAwsError(kms.send(new RotateKeyOnDemandCommand({ KeyId: ext.KeyId })), 'KMSInvalidStateException', `${ext.Arn} is pending import.`);
  });

  it(`stops after ${ON_DEMAND_ROTATION_LIMIT} rotations with the recorded LimitExceededException`, async () => {
    const { kms, id, arn } = await newKey();
    for (let i = 0; i < ON_DEMAND_ROTATION_LIMIT; i++) await kms.send(new RotateKeyOnDemandCommand({ KeyId: id }));
    await expectAwsError(
      kms.send(new RotateKeyOnDemandCommand({ KeyId: id })),
      'LimitExceededException',
      `The on-demand rotations limit has been reached for the given keyId. No more on-demand rotations can be performed for this key: ${arn}`,
    );
  });
});

describe('ListKeyRotations', () => {
  it('is empty for a fresh key', async () => {
    const { kms, id } = await newKey();
    const out = await kms.send(new ListKeyRotationsCommand({ KeyId: id }));
    expect(out).toMatchObject({ Rotations: [], Truncated: false });
  });

  it('lists the initial material as NON_CURRENT without date or type with ALL_KEY_MATERIAL', async () => {
    const { kms, id, material } = await newKey();
    await kms.send(new RotateKeyOnDemandCommand({ KeyId: id }));
    const only = await kms.send(new ListKeyRotationsCommand({ KeyId: id }));
    expect(only.Rotations).toHaveLength(1);
    expect(only.Rotations![0]).toMatchObject({ KeyMaterialState: 'CURRENT', RotationType: 'ON_DEMAND' });
    const all = await kms.send(new ListKeyRotationsCommand({ KeyId: id, IncludeKeyMaterial: 'ALL_KEY_MATERIAL' }));
    expect(all.Rotations).toHaveLength(2);
    expect(all.Rotations![0]).toEqual({ KeyId: id, KeyMaterialId: material, KeyMaterialState: 'NON_CURRENT' });
    expect(all.Rotations![1]).toMatchObject({ KeyMaterialState: 'CURRENT', RotationType: 'ON_DEMAND' });
  });

  it('pages with Limit and Marker', async () => {
    const { kms, id } = await newKey();
    for (let i = 0; i < 3; i++) await kms.send(new RotateKeyOnDemandCommand({ KeyId: id }));
    const p1 = await kms.send(new ListKeyRotationsCommand({ KeyId: id, Limit: 2 }));
    expect(p1.Rotations).toHaveLength(2);
    expect(p1.Truncated).toBe(true);
    const p2 = await kms.send(new ListKeyRotationsCommand({ KeyId: id, Limit: 2, Marker: p1.NextMarker }));
    expect(p2.Rotations).toHaveLength(1);
    expect(p2.Truncated).toBe(false);
  });

  it('refuses IncludeKeyMaterial for non-symmetric keys and bad values', async () => {
    const { kms } = await kmsSandbox();
    const md = (await kms.send(new CreateKeyCommand({ KeySpec: 'HMAC_256', KeyUsage: 'GENERATE_VERIFY_MAC' }))).KeyMetadata!;
    await expectAwsError(
      kms.send(new ListKeyRotationsCommand({ KeyId: md.KeyId, IncludeKeyMaterial: 'ROTATIONS_ONLY' })),
      'ValidationException',
      'Input parameter includeKeyMaterial can only be used with symmetric keys.',
    );
    await expectAwsError(
      kms.send(new ListKeyRotationsCommand({ KeyId: md.KeyId, IncludeKeyMaterial: 'INVALID_VALUE' as IncludeKeyMaterial })),
      'ValidationException',
      "1 validation error detected: Value 'INVALID_VALUE' at 'includeKeyMaterial' failed to satisfy constraint: Member must satisfy enum value set: [ALL_KEY_MATERIAL, ROTATIONS_ONLY]",
    );
  });

  it('works for disabled and pending-deletion keys', async () => {
    const { kms, id } = await newKey();
    await kms.send(new RotateKeyOnDemandCommand({ KeyId: id }));
    await kms.send(new DisableKeyCommand({ KeyId: id }));
    expect((await kms.send(new ListKeyRotationsCommand({ KeyId: id }))).Rotations).toHaveLength(1);
    await kms.send(new ScheduleKeyDeletionCommand({ KeyId: id }));
    expect((await kms.send(new ListKeyRotationsCommand({ KeyId: id }))).Rotations).toHaveLength(1);
  });
});
