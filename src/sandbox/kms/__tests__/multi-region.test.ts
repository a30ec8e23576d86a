import {
  CancelKeyDeletionCommand,
  CreateKeyCommand,
  DecryptCommand,
  DescribeKeyCommand,
  DisableKeyCommand,
  EnableKeyRotationCommand,
  EncryptCommand,
  GetKeyRotationStatusCommand,
  KMSClient,
  ReplicateKeyCommand,
  RotateKeyOnDemandCommand,
  ScheduleKeyDeletionCommand,
  UpdatePrimaryRegionCommand,
} from '@aws-sdk/client-kms';
import { LookupEventsCommand } from '@aws-sdk/client-cloudtrail';
import { describe, expect, it } from 'vitest';
import { SANDBOX_ADMIN_CREDENTIALS } from '../../index';
import { ACCOUNT, expectAwsError, keyArnOf, kmsSandbox } from './helpers/sdk';

const WEST = 'us-west-2';
const EU = 'eu-west-1';
const enc = (s: string) => new TextEncoder().encode(s);
const dec = (b: Uint8Array | undefined) => new TextDecoder().decode(b);

/** The same sandbox, reached from the primary's Region and from two others (one KMS client per Region, as on AWS). */
async function mrkSandbox() {
  const s = await kmsSandbox();
  const client = (region: string) =>
    new KMSClient({ region, credentials: SANDBOX_ADMIN_CREDENTIALS, requestHandler: s.sandbox.requestHandler, maxAttempts: 1 });
  /** The replica's transient state lasts "a few seconds" on AWS; the simulated clock moves past it. */
  const settle = () => s.sandbox.clock.advanceDays(10 / 86_400);
  return { ...s, west: client(WEST), eu: client(EU), settle };
}

async function primaryKey(kms: KMSClient, input: Record<string, unknown> = {}) {
  const { KeyMetadata } = await kms.send(new CreateKeyCommand({ MultiRegion: true, ...input }));
  return KeyMetadata!;
}

describe('CreateKey with MultiRegion', () => {
  it('makes a primary with an mrk- id and a MultiRegionConfiguration naming itself and no replicas', async () => {
    const s = await mrkSandbox();
    const md = await primaryKey(s.kms);
    expect(md.KeyId).toMatch(/^mrk-[0-9a-f]{32}$/);
    expect(md.Arn).toBe(keyArnOf(md.KeyId!));
    expect(md.MultiRegion).toBe(true);
    expect(md.MultiRegionConfiguration).toEqual({
      MultiRegionKeyType: 'PRIMARY',
      PrimaryKey: { Arn: md.Arn, Region: 'us-east-1' },
      ReplicaKeys: [],
    });
    // A single-Region key has MultiRegion false and no configuration at all (absent, not empty).
    const { KeyMetadata: single } = await s.kms.send(new CreateKeyCommand({}));
    expect(single!.MultiRegion).toBe(false);
    expect(single!).not.toHaveProperty('MultiRegionConfiguration');
  });
});

describe('ReplicateKey', () => {
  it('answers a replica in Creating with the default policy, which becomes Enabled a few seconds later', async () => {
    const s = await mrkSandbox();
    const md = await primaryKey(s.kms, { Description: 'primary' });
    const out = await s.kms.send(new ReplicateKeyCommand({ KeyId: md.KeyId, ReplicaRegion: WEST, Tags: [{ TagKey: 'team', TagValue: 'a' }] }));
    const r = out.ReplicaKeyMetadata!;
    expect(r.KeyId).toBe(md.KeyId);
    expect(r.Arn).toBe(keyArnOf(md.KeyId!, WEST));
    expect(r.KeyState).toBe('Creating');
    expect(r.Enabled).toBe(false);
    expect(r.Description).toBe('');
    expect(r).not.toHaveProperty('CurrentKeyMaterialId');
    expect(r.MultiRegionConfiguration).toEqual({
      MultiRegionKeyType: 'REPLICA',
      PrimaryKey: { Arn: md.Arn, Region: 'us-east-1' },
      ReplicaKeys: [{ Arn: r.Arn, Region: WEST }],
    });
    expect(JSON.parse(out.ReplicaPolicy!)).toMatchObject({ Id: 'key-default-1', Statement: [{ Sid: 'Enable IAM User Permissions' }] });
    expect(out.ReplicaTags).toEqual([{ TagKey: 'team', TagValue: 'a' }]);

    // Cryptography waits for the replica to be created; management works meanwhile.
    await expectAwsError(s.west.send(new EncryptCommand({ KeyId: md.KeyId, Plaintext: enc('x') })), 'KMSInvalidStateException', `${r.Arn} is creating.`);
    await s.settle();
    const { KeyMetadata: after } = await s.west.send(new DescribeKeyCommand({ KeyId: md.KeyId }));
    expect(after!.KeyState).toBe('Enabled');
    expect(after!.CurrentKeyMaterialId).toBe(md.CurrentKeyMaterialId);
    const { KeyMetadata: p } = await s.kms.send(new DescribeKeyCommand({ KeyId: md.KeyId }));
    expect(p!.MultiRegionConfiguration!.ReplicaKeys).toEqual([{ Arn: r.Arn, Region: WEST }]);
    expect(p!.Description).toBe('primary');

    const trail = await s.cloudtrail.send(new LookupEventsCommand({ LookupAttributes: [{ AttributeKey: 'EventName', AttributeValue: 'SynchronizeMultiRegionKey' }] }));
    expect(trail.Events?.length).toBeGreaterThan(0);
  });

  it('a replica decrypts the primary ciphertext in its own Region, and the primary decrypts the replica ciphertext', async () => {
    const s = await mrkSandbox();
    const md = await primaryKey(s.kms);
    await s.kms.send(new ReplicateKeyCommand({ KeyId: md.Arn, ReplicaRegion: WEST }));
    await s.settle();
    const ctx = { order: '42' };
    const east = await s.kms.send(new EncryptCommand({ KeyId: md.KeyId, Plaintext: enc('from the east'), EncryptionContext: ctx }));
    const inWest = await s.west.send(new DecryptCommand({ CiphertextBlob: east.CiphertextBlob, EncryptionContext: ctx }));
    expect(dec(inWest.Plaintext)).toBe('from the east');
    expect(inWest.KeyId).toBe(keyArnOf(md.KeyId!, WEST));
    const west = await s.west.send(new EncryptCommand({ KeyId: md.KeyId, Plaintext: enc('from the west') }));
    expect(dec((await s.kms.send(new DecryptCommand({ CiphertextBlob: west.CiphertextBlob }))).Plaintext)).toBe('from the west');
    // The context still binds: a replica is no way around it.
    await expectAwsError(s.west.send(new DecryptCommand({ CiphertextBlob: east.CiphertextBlob })), 'InvalidCiphertextException', null);
  });

  it("trap 7: a single-Region key's ciphertext cannot be decrypted in another Region", async () => {
    const s = await mrkSandbox();
    const { KeyMetadata } = await s.kms.send(new CreateKeyCommand({}));
    const { CiphertextBlob } = await s.kms.send(new EncryptCommand({ KeyId: KeyMetadata!.KeyId, Plaintext: enc('east only') }));
    await expectAwsError(s.west.send(new DecryptCommand({ CiphertextBlob })), 'InvalidCiphertextException', null);
    // Naming the key by its ARN from another Region's client fails before any decryption.
    await expectAwsError(s.west.send(new DecryptCommand({ CiphertextBlob, KeyId: KeyMetadata!.Arn })), 'NotFoundException', 'Invalid arn us-east-1');
    // A single-Region key cannot be replicated.
    await expectAwsError(
      s.kms.send(new ReplicateKeyCommand({ KeyId: KeyMetadata!.KeyId, ReplicaRegion: WEST })),
      'UnsupportedOperationException',
      `${KeyMetadata!.Arn} is not a multi-region primary key.`,
    );
  });

  it("refuses a replica as the source, a Region that already has one, the primary's own Region, a bad Region name, a disabled primary and an unknown key", async () => {
    const s = await mrkSandbox();
    const md = await primaryKey(s.kms);
    await s.kms.send(new ReplicateKeyCommand({ KeyId: md.KeyId, ReplicaRegion: WEST }));
    await expectAwsError(
      s.west.send(new ReplicateKeyCommand({ KeyId: md.KeyId, ReplicaRegion: EU })),
      'UnsupportedOperationException',
      `${keyArnOf(md.KeyId!, WEST)} is not a multi-region primary key.`,
    );
    await expectAwsError(s.kms.send(new ReplicateKeyCommand({ KeyId: md.KeyId, ReplicaRegion: WEST })), 'AlreadyExistsException');
    await expectAwsError(s.kms.send(new ReplicateKeyCommand({ KeyId: md.KeyId, ReplicaRegion: 'us-east-1' })), 'ValidationException');
    await expectAwsError(
      s.kms.send(new ReplicateKeyCommand({ KeyId: md.KeyId, ReplicaRegion: 'Mars' })),
      'ValidationException',
      "1 validation error detected: Value 'Mars' at 'replicaRegion' failed to satisfy constraint: Member must satisfy regular expression pattern: ^([a-z]+-){2,3}\\d+$",
    );
    await s.kms.send(new DisableKeyCommand({ KeyId: md.KeyId }));
    await expectAwsError(s.kms.send(new ReplicateKeyCommand({ KeyId: md.KeyId, ReplicaRegion: EU })), 'DisabledException', `${md.Arn} is disabled.`);
    const missing = `mrk-${'0'.repeat(32)}`;
    await expectAwsError(s.kms.send(new ReplicateKeyCommand({ KeyId: missing, ReplicaRegion: EU })), 'NotFoundException', `Key '${keyArnOf(missing)}' does not exist`);
    // Before replication the other Region does not know the key (recorded).
    await expectAwsError(s.eu.send(new DescribeKeyCommand({ KeyId: md.KeyId })), 'NotFoundException', `Key '${keyArnOf(md.KeyId!, EU)}' does not exist`);
  });

  it('is decided by the primary key policy: a policy without kms:ReplicateKey refuses it', async () => {
    const s = await mrkSandbox();
    const admin = `arn:aws:iam::${ACCOUNT}:user/lab-admin`;
    const policy = JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        { Sid: 'Admin', Effect: 'Allow', Principal: { AWS: admin }, Action: 'kms:*', Resource: '*' },
        { Sid: 'NoReplicas', Effect: 'Deny', Principal: { AWS: admin }, Action: 'kms:ReplicateKey', Resource: '*' },
      ],
    });
    const md = await primaryKey(s.kms, { Policy: policy });
    await expectAwsError(s.kms.send(new ReplicateKeyCommand({ KeyId: md.KeyId, ReplicaRegion: WEST })), 'AccessDeniedException', /kms:ReplicateKey/);
  });
});

describe('rotation is shared', () => {
  it("the primary's on-demand rotation reaches the replica, whose own rotation calls are refused", async () => {
    const s = await mrkSandbox();
    const md = await primaryKey(s.kms);
    await s.kms.send(new ReplicateKeyCommand({ KeyId: md.KeyId, ReplicaRegion: WEST }));
    await s.settle();
    await s.kms.send(new EnableKeyRotationCommand({ KeyId: md.KeyId, RotationPeriodInDays: 180 }));
    const status = await s.west.send(new GetKeyRotationStatusCommand({ KeyId: md.KeyId }));
    expect(status.KeyRotationEnabled).toBe(true);
    expect(status.RotationPeriodInDays).toBe(180);
    await s.kms.send(new RotateKeyOnDemandCommand({ KeyId: md.KeyId }));
    const [{ KeyMetadata: p }, { KeyMetadata: r }] = await Promise.all([
      s.kms.send(new DescribeKeyCommand({ KeyId: md.KeyId })),
      s.west.send(new DescribeKeyCommand({ KeyId: md.KeyId })),
    ]);
    expect(p!.CurrentKeyMaterialId).not.toBe(md.CurrentKeyMaterialId);
    expect(r!.CurrentKeyMaterialId).toBe(p!.CurrentKeyMaterialId);
    const after = await s.kms.send(new EncryptCommand({ KeyId: md.KeyId, Plaintext: enc('new material') }));
    expect(dec((await s.west.send(new DecryptCommand({ CiphertextBlob: after.CiphertextBlob }))).Plaintext)).toBe('new material');
    const replicaArn = keyArnOf(md.KeyId!, WEST);
    await expectAwsError(s.west.send(new EnableKeyRotationCommand({ KeyId: md.KeyId })), 'UnsupportedOperationException', `${replicaArn} is not a multi-region primary key.`);
    await expectAwsError(s.west.send(new RotateKeyOnDemandCommand({ KeyId: md.KeyId })), 'UnsupportedOperationException', `${replicaArn} is not a multi-region primary key.`);
  });
});

describe('UpdatePrimaryRegion', () => {
  it('swaps primary and replica; both are Updating (cryptography still works, DisableKey does not), then Enabled', async () => {
    const s = await mrkSandbox();
    const md = await primaryKey(s.kms);
    await s.kms.send(new ReplicateKeyCommand({ KeyId: md.KeyId, ReplicaRegion: WEST }));
    await s.settle();
    await s.kms.send(new UpdatePrimaryRegionCommand({ KeyId: md.KeyId, PrimaryRegion: WEST }));
    const { KeyMetadata: during } = await s.west.send(new DescribeKeyCommand({ KeyId: md.KeyId }));
    expect(during!.KeyState).toBe('Updating');
    expect(during!.MultiRegionConfiguration!.MultiRegionKeyType).toBe('PRIMARY');
    const { CiphertextBlob } = await s.kms.send(new EncryptCommand({ KeyId: md.KeyId, Plaintext: enc('during the update') }));
    await expectAwsError(s.kms.send(new DisableKeyCommand({ KeyId: md.KeyId })), 'KMSInvalidStateException', `${md.Arn} is updating.`);
    await s.settle();
    const { KeyMetadata: oldPrimary } = await s.kms.send(new DescribeKeyCommand({ KeyId: md.KeyId }));
    expect(oldPrimary!.KeyState).toBe('Enabled');
    expect(oldPrimary!.MultiRegionConfiguration).toEqual({
      MultiRegionKeyType: 'REPLICA',
      PrimaryKey: { Arn: keyArnOf(md.KeyId!, WEST), Region: WEST },
      ReplicaKeys: [{ Arn: md.Arn, Region: 'us-east-1' }],
    });
    expect(dec((await s.west.send(new DecryptCommand({ CiphertextBlob }))).Plaintext)).toBe('during the update');
    // The old primary is a replica now: only the new primary replicates or moves the primary.
    await expectAwsError(s.kms.send(new ReplicateKeyCommand({ KeyId: md.KeyId, ReplicaRegion: EU })), 'UnsupportedOperationException', `${md.Arn} is not a multi-region primary key.`);
    await expectAwsError(s.kms.send(new UpdatePrimaryRegionCommand({ KeyId: md.KeyId, PrimaryRegion: WEST })), 'UnsupportedOperationException');
  });

  it('refuses a Region without a replica', async () => {
    const s = await mrkSandbox();
    const md = await primaryKey(s.kms);
    await expectAwsError(
      s.kms.send(new UpdatePrimaryRegionCommand({ KeyId: md.KeyId, PrimaryRegion: EU })),
      'NotFoundException',
      `Key '${keyArnOf(md.KeyId!, EU)}' does not exist`,
    );
  });
});

describe('deleting a multi-Region key', () => {
  it('a primary with replicas waits in PendingReplicaDeletion; its window starts when the last replica is deleted', async () => {
    const s = await mrkSandbox();
    const md = await primaryKey(s.kms);
    await s.kms.send(new ReplicateKeyCommand({ KeyId: md.KeyId, ReplicaRegion: WEST }));
    await s.settle();
    const out = await s.kms.send(new ScheduleKeyDeletionCommand({ KeyId: md.KeyId, PendingWindowInDays: 7 }));
    expect(out.KeyState).toBe('PendingReplicaDeletion');
    const { KeyMetadata: waiting } = await s.kms.send(new DescribeKeyCommand({ KeyId: md.KeyId }));
    expect(waiting!.KeyState).toBe('PendingReplicaDeletion');
    expect(waiting!.PendingDeletionWindowInDays).toBe(7);
    expect(waiting!).not.toHaveProperty('DeletionDate');
    await expectAwsError(s.kms.send(new EncryptCommand({ KeyId: md.KeyId, Plaintext: enc('x') })), 'KMSInvalidStateException', `${md.Arn} is pending deletion.`);
    // CancelKeyDeletion works in PendingReplicaDeletion (the guide's key-state table and "Deleting multi-Region
    // keys"); this line used to expect KMSInvalidStateException. Pinned in 'a primary waiting for its replicas' below.

    await s.west.send(new ScheduleKeyDeletionCommand({ KeyId: md.KeyId, PendingWindowInDays: 7 }));
    await s.sandbox.clock.advanceDays(8);
    await expectAwsError(s.west.send(new DescribeKeyCommand({ KeyId: md.KeyId })), 'NotFoundException');
    const { KeyMetadata: primary } = await s.kms.send(new DescribeKeyCommand({ KeyId: md.KeyId }));
    expect(primary!.KeyState).toBe('PendingDeletion');
    expect(primary!.DeletionDate).toBeInstanceOf(Date);
    expect(primary!.MultiRegionConfiguration!.ReplicaKeys).toEqual([]);
    await s.sandbox.clock.advanceDays(8);
    await expectAwsError(s.kms.send(new DescribeKeyCommand({ KeyId: md.KeyId })), 'NotFoundException');
  });

  it('a primary waiting for its replicas (PendingReplicaDeletion) can still have its deletion cancelled: it comes back Disabled', async () => {
    const s = await mrkSandbox();
    const md = await primaryKey(s.kms);
    await s.kms.send(new ReplicateKeyCommand({ KeyId: md.KeyId, ReplicaRegion: WEST }));
    await s.settle();
    await s.kms.send(new ScheduleKeyDeletionCommand({ KeyId: md.KeyId, PendingWindowInDays: 7 }));
    expect((await s.kms.send(new CancelKeyDeletionCommand({ KeyId: md.KeyId }))).KeyId).toBe(md.Arn);
    const { KeyMetadata } = await s.kms.send(new DescribeKeyCommand({ KeyId: md.KeyId }));
    expect(KeyMetadata!.KeyState).toBe('Disabled');
    expect(KeyMetadata!).not.toHaveProperty('PendingDeletionWindowInDays');
  });
});
