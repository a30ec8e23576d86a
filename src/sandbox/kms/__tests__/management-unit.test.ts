import { describe, expect, it, vi } from 'vitest';
import { MAX_CATCH_UP_ROTATIONS } from '../run-due';
import { fakeKms } from './helpers/fake-ctx';

// Only the key-management operations are under test here; the cryptographic ones are helper C's.
vi.mock('../operations/crypto', () => ({ cryptoOperations: {} }));

describe('key management on a fake context (fast checks of the operation logic)', () => {
  it('CreateKey then DescribeKey, ListKeys, the default policy', async () => {
    const k = fakeKms();
    const { KeyMetadata: md } = await k.call('CreateKey', { Description: 'x' });
    expect(md.KeyState).toBe('Enabled');
    expect(md.CurrentKeyMaterialId).toMatch(/^[0-9a-f]{64}$/);
    const d = await k.call('DescribeKey', { KeyId: md.Arn });
    expect(d.KeyMetadata.KeyId).toBe(md.KeyId);
    const l = await k.call('ListKeys', {});
    expect(l.Keys).toHaveLength(1);
    expect(l.Truncated).toBe(false);
    const p = await k.call('GetKeyPolicy', { KeyId: md.KeyId });
    expect(p.Policy).toContain('"Sid" : "Enable IAM User Permissions"');
  });

  it('deletion and rotation happen when the clock passes their dates', async () => {
    const k = fakeKms();
    const { KeyMetadata: a } = await k.call('CreateKey', {});
    const { KeyMetadata: b } = await k.call('CreateKey', {});
    await k.call('EnableKeyRotation', { KeyId: b.KeyId, RotationPeriodInDays: 90 });
    await k.call('ScheduleKeyDeletion', { KeyId: a.KeyId, PendingWindowInDays: 7 });
    k.clock.t += 200 * 86_400_000;
    await k.runDue();
    expect(Object.keys(k.state.kms.regions['us-east-1']!.keys)).toEqual([b.KeyId]);
    const r = await k.call('ListKeyRotations', { KeyId: b.KeyId });
    expect(r.Rotations.map((x: any) => x.RotationType)).toEqual(['AUTOMATIC', 'AUTOMATIC']);
    expect(k.state.trail.events.map((e) => e.eventName).sort()).toEqual(['DeleteKey', 'RotateKey', 'RotateKey']);
  });

  it('Sandbox differs: a clock jump beyond MAX_CATCH_UP_ROTATIONS periods skips the older rotations', async () => {
    const k = fakeKms();
    const { KeyMetadata: md } = await k.call('CreateKey', {});
    await k.call('EnableKeyRotation', { KeyId: md.KeyId, RotationPeriodInDays: 90 });
    k.clock.t += (MAX_CATCH_UP_ROTATIONS * 90 + 500) * 86_400_000;
    await k.runDue();
    const key = k.state.kms.regions['us-east-1']!.keys[md.KeyId]!;
    expect(key.rotations).toHaveLength(MAX_CATCH_UP_ROTATIONS);
    expect(key.rotation.nextRotationDate!).toBeGreaterThan(k.clock.t);
    expect(key.rotation.nextRotationDate! - k.clock.t).toBeLessThanOrEqual(90 * 86_400_000);
  });

  it('does not rotate a disabled key; the overdue rotation happens once it is enabled again', async () => {
    const k = fakeKms();
    const { KeyMetadata: md } = await k.call('CreateKey', {});
    await k.call('EnableKeyRotation', { KeyId: md.KeyId, RotationPeriodInDays: 90 });
    await k.call('DisableKey', { KeyId: md.KeyId });
    k.clock.t += 100 * 86_400_000;
    await k.runDue();
    const key = k.state.kms.regions['us-east-1']!.keys[md.KeyId]!;
    expect(key.rotations).toHaveLength(0);
    await k.call('EnableKey', { KeyId: md.KeyId });
    await k.runDue();
    expect(key.rotations).toHaveLength(1);
  });

  it('authorises with the key policy and records the key in the trail resources', async () => {
    const k = fakeKms();
    const { KeyMetadata: md } = await k.call('CreateKey', { Tags: [{ TagKey: 'team', TagValue: 'a' }] });
    expect(k.authz.map((a) => a.action)).toEqual(['kms:CreateKey', 'kms:TagResource']);
    expect(k.authz[0]!.conditions).toMatchObject({
      'kms:KeySpec': 'SYMMETRIC_DEFAULT',
      'kms:KeyUsage': 'ENCRYPT_DECRYPT',
      'kms:KeyOrigin': 'AWS_KMS',
      'kms:MultiRegion': false,
      'aws:RequestTag/team': 'a',
      'aws:TagKeys': ['team'],
    });
    await k.call('DescribeKey', { KeyId: md.Arn });
    const last = k.authz[k.authz.length - 1]!;
    expect(last).toMatchObject({ action: 'kms:DescribeKey', resource: md.Arn });
    expect(last.resourcePolicy).toContain('key-default-1');
    expect(k.lastAudit()!.resources).toEqual([{ ARN: md.Arn, accountId: '111122223333', type: 'AWS::KMS::Key' }]);
  });
});
