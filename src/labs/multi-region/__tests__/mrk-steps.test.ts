import { describe, expect, it } from 'vitest';
import { createKey, decrypt, encrypt, replicate, scheduleDeletion, waitUntilCreated, MESSAGE } from '../api/mrk-steps';
import { sandboxConnection } from './sandbox-connection';

// The Multi-Region lab's steps through the real SDK on the sandbox, one KMS client per Region.

describe('multi-Region lab steps', () => {
  it('replicates, waits for Creating to end, and decrypts the primary ciphertext in the replica Region', async () => {
    const { conn, sandbox } = await sandboxConnection();
    const primary = await createKey(conn, true);
    expect(primary.entry.ok).toBe(true);
    const keyId = primary.key!.KeyId!;
    expect(keyId).toMatch(/^mrk-/);
    const made = await replicate(conn, keyId, 'eu-west-1');
    expect(made.key?.KeyState).toBe('Creating');
    // The lab polls DescribeKey; here the simulated clock moves instead of a real wait.
    const after = await waitUntilCreated(conn, 'eu-west-1', keyId, () => sandbox.clock.advanceDays(5 / 86_400).then(() => undefined));
    expect(after.key?.KeyState).toBe('Enabled');
    const sealed = await encrypt(conn, keyId);
    const opened = await decrypt(conn, 'eu-west-1', sealed.blob!);
    expect(opened.entry).toMatchObject({ ok: true, where: 'eu-west-1, as lab-admin' });
    expect(opened.entry.summary).toContain(MESSAGE);
    const del = await scheduleDeletion(conn, 'us-east-1', keyId);
    expect(del.entry.summary).toBe('PendingReplicaDeletion, waiting for its replicas');
  });

  it("shows trap 7: a single-Region key's ciphertext fails in the other Region, with and without its ARN", async () => {
    const { conn } = await sandboxConnection();
    const single = await createKey(conn, false);
    const sealed = await encrypt(conn, single.key!.KeyId!);
    const there = await decrypt(conn, 'us-west-2', sealed.blob!);
    expect(there.entry).toMatchObject({ ok: false, summary: 'InvalidCiphertextException: UnknownError' });
    const byArn = await decrypt(conn, 'us-west-2', sealed.blob!, single.key!.Arn);
    expect(byArn.entry).toMatchObject({ ok: false, summary: 'NotFoundException: Invalid arn us-east-1' });
    expect((await decrypt(conn, 'us-east-1', sealed.blob!)).entry.ok).toBe(true);
  });
});
