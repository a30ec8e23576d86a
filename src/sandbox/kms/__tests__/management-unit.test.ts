import { describe, expect, it, vi } from 'vitest';
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
});
