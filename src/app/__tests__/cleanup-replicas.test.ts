// The Clean-up lab with multi-Region keys, against the real sandbox through the connection layer's
// clients (here because labs may not import the sandbox, nor one lab another). The keys are made by
// the Multi-Region lab's own steps, as a learner makes them; the inventory and removal run as the
// Cognito guest, as the Clean-up panel does.
import { CreateAliasCommand, DescribeKeyCommand, ReplicateKeyCommand } from '@aws-sdk/client-kms';
import { describe, expect, it } from 'vitest';
import { createBackendRuntime, type SandboxLike } from '../../connection/client-supplier';
import { memoryStorage } from '../../connection/credentials';
import { createInspectorStore } from '../../connection/inspector-store';
import type { ConnectionInfo } from '../../connection/types';
import { loadInventory, removeEverything } from '../../labs/cleanup/api/inventory';
import { createKey, replicate, waitUntilCreated } from '../../labs/multi-region/api/mrk-steps';
import { createSandbox } from '../../sandbox';

const DAY = 86_400_000;

async function lab() {
  const sb = await createSandbox();
  const runtime = createBackendRuntime(
    { backend: 'sandbox', region: 'us-east-1', identity: 'guest' },
    { inspector: createInspectorStore(), storage: memoryStorage(), loadSandbox: async () => sb as unknown as SandboxLike },
  );
  const creds = await runtime.credentials();
  await creds.provider();
  const conn: ConnectionInfo = {
    backend: 'sandbox',
    region: 'us-east-1',
    keyPrefix: ['sandbox', '111122223333', 'us-east-1', 'sandbox:guest'],
    clients: runtime.clients,
    identityId: creds.identityId(),
    sandbox: { now: () => sb.clock.now(), advanceDays: (days) => sb.clock.advanceDays(days).then(() => days) },
  };
  /** The administrator in a Region, to check what happened from outside the learner's view. */
  const admin = (region: string) => runtime.clients.kmsAs!('lab-admin', { region });
  return { sb, conn, admin };
}

/** A multi-Region primary in us-east-1 with a replica in eu-west-1, made by the Multi-Region lab's steps. */
async function primaryWithReplica({ sb, conn }: { sb: Awaited<ReturnType<typeof createSandbox>>; conn: ConnectionInfo }) {
  const primary = (await createKey(conn, true)).key!;
  const replica = (await replicate(conn, primary.KeyId!, 'eu-west-1')).key!;
  expect(replica.KeyState).toBe('Creating');
  // The replica is Creating for a few seconds: each wait moves the simulated clock one second instead.
  const created = await waitUntilCreated(conn, 'eu-west-1', primary.KeyId!, () => sb.clock.advanceDays(1 / 86_400).then(() => undefined));
  expect(created.key?.KeyState).toBe('Enabled');
  return { keyId: primary.KeyId!, primaryArn: primary.Arn!, replicaArn: replica.Arn! };
}

describe('the clean-up lab and multi-Region replicas', () => {
  it('lists the replica in its own Region with its alias there, and prices it as a key of its own', async () => {
    const { sb, conn, admin } = await lab();
    const { keyId, primaryArn, replicaArn } = await primaryWithReplica({ sb, conn });
    // An alias is regional: the replica's lives in eu-west-1 only.
    await (await admin('eu-west-1')).send(new CreateAliasCommand({ AliasName: 'alias/lab-orders-eu', TargetKeyId: keyId }));

    const inv = await loadInventory(conn, undefined);
    expect(inv.keys.map((k) => [k.arn, k.region, k.multiRegion, k.state])).toEqual([
      [primaryArn, 'us-east-1', 'PRIMARY', 'Enabled'],
      [replicaArn, 'eu-west-1', 'REPLICA', 'Enabled'],
    ]);
    expect(replicaArn).toBe(`arn:aws:kms:eu-west-1:111122223333:key/${keyId}`);
    expect(inv.keys.find((k) => k.multiRegion === 'REPLICA')?.aliases).toEqual(['alias/lab-orders-eu']);
    expect(inv.aliases).toEqual([{ name: 'alias/lab-orders-eu', region: 'eu-west-1' }]);
    // $1 a month each: the primary and the replica are two keys on the bill.
    expect(inv.keys.map((k) => k.monthlyUsd)).toEqual([1, 1]);
    expect(inv.monthlyUsd).toBe(2);
  });

  it('schedules the replica first, then the primary goes to PendingReplicaDeletion; after the replica is deleted the primary’s own 7 days run', async () => {
    const { sb, conn, admin } = await lab();
    const { keyId, primaryArn, replicaArn } = await primaryWithReplica({ sb, conn });
    await (await admin('eu-west-1')).send(new CreateAliasCommand({ AliasName: 'alias/lab-orders-eu', TargetKeyId: keyId }));

    const report = await removeEverything(conn, await loadInventory(conn, undefined));
    expect(report.failures).toEqual([]);
    expect(report.aliasesDeleted).toEqual(['alias/lab-orders-eu (eu-west-1)']);
    expect(report.keysScheduled.map((k) => [k.region, k.state])).toEqual([
      ['eu-west-1', 'PendingDeletion'],
      ['us-east-1', 'PendingReplicaDeletion'],
    ]);
    // The primary has no deletion date yet: its window waits for the replica.
    expect(report.keysScheduled[1]!.deletionDate).toBeUndefined();
    const replica = (await (await admin('eu-west-1')).send(new DescribeKeyCommand({ KeyId: replicaArn }))).KeyMetadata!;
    expect(replica.KeyState).toBe('PendingDeletion');
    const primary = (await (await admin('us-east-1')).send(new DescribeKeyCommand({ KeyId: primaryArn }))).KeyMetadata!;
    expect(primary.KeyState).toBe('PendingReplicaDeletion');
    expect(primary.PendingDeletionWindowInDays).toBe(7);

    // Pending keys cost nothing; the inventory still finds the replica through the primary.
    const waiting = await loadInventory(conn, undefined);
    expect(waiting.keys.map((k) => [k.region, k.state, k.monthlyUsd])).toEqual([
      ['us-east-1', 'PendingReplicaDeletion', 0],
      ['eu-west-1', 'PendingDeletion', 0],
    ]);
    // A second removal schedules nothing again (a pending key would answer KMSInvalidStateException).
    const again = await removeEverything(conn, waiting);
    expect(again).toMatchObject({ keysScheduled: [], failures: [] });

    // Eight simulated days: the replica is gone, and the primary's 7 days have begun.
    await sb.clock.advanceDays(8);
    await expect((await admin('eu-west-1')).send(new DescribeKeyCommand({ KeyId: replicaArn }))).rejects.toMatchObject({ name: 'NotFoundException' });
    const after = (await (await admin('us-east-1')).send(new DescribeKeyCommand({ KeyId: primaryArn }))).KeyMetadata!;
    expect(after.KeyState).toBe('PendingDeletion');
    expect(after.DeletionDate!.getTime()).toBeGreaterThan(sb.clock.now());
    expect(after.DeletionDate!.getTime()).toBeLessThanOrEqual(sb.clock.now() + 7 * DAY);
  });

  it('a replica the learner may not read is still listed and priced, and its refusal is reported, not hidden', async () => {
    const { conn, admin } = await lab();
    const primary = (await createKey(conn, true)).key!;
    // A replica made without the learner's lab-owner tag (tags are not shared with the primary).
    const untagged = (await (await admin('us-east-1')).send(new ReplicateKeyCommand({ KeyId: primary.KeyId!, ReplicaRegion: 'us-west-2' }))).ReplicaKeyMetadata!;
    const inv = await loadInventory(conn, undefined);
    const row = inv.keys.find((k) => k.region === 'us-west-2');
    expect(row).toMatchObject({ arn: untagged.Arn, state: 'Unknown', multiRegion: 'REPLICA', monthlyUsd: 1 });
    expect(row?.unreadable).toMatch(/^AccessDeniedException: /);
    expect(inv.monthlyUsd).toBe(2);
    const report = await removeEverything(conn, inv);
    expect(report.failures).toEqual([expect.stringMatching(/^mrk-[0-9a-f]{32} \(us-west-2\): AccessDeniedException: /)]);
    // The primary is still scheduled, and waits for the replica it could not remove.
    expect(report.keysScheduled.map((k) => [k.region, k.state])).toEqual([['us-east-1', 'PendingReplicaDeletion']]);
  });
});
