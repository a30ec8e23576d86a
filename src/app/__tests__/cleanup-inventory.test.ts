// The Clean-up lab's inventory against a real sandbox (here because labs may not import the sandbox).
import { GetIdCommand, GetOpenIdTokenCommand } from '@aws-sdk/client-cognito-identity';
import { CreateAliasCommand, CreateKeyCommand, DescribeKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import { AssumeRoleWithWebIdentityCommand } from '@aws-sdk/client-sts';
import { describe, expect, it } from 'vitest';
import type { ConnectionInfo } from '../../connection/types';
import { sandboxClients } from '../../sandbox/__tests__/helpers/clients';
import { loadInventory, removeEverything } from '../../labs/cleanup/api/inventory';

const POOL = 'us-east-1:1ab0a7e5-5a4d-4b0c-9d1e-111122223333';
const ROLE = 'arn:aws:iam::111122223333:role/KmsStudyLabGuestRole';

/** A guest of the sandbox's lab pool through the basic flow, as the app's guest is. */
async function guest(setup: Awaited<ReturnType<typeof sandboxClients>>) {
  const { IdentityId } = await setup.cognito.send(new GetIdCommand({ IdentityPoolId: POOL }));
  const { Token } = await setup.cognito.send(new GetOpenIdTokenCommand({ IdentityId }));
  const { Credentials: c } = await setup.sts.send(new AssumeRoleWithWebIdentityCommand({ RoleArn: ROLE, RoleSessionName: 'learner', WebIdentityToken: Token }));
  const kms = new KMSClient({ region: 'us-east-1', requestHandler: setup.sandbox.requestHandler, maxAttempts: 1, credentials: { accessKeyId: c!.AccessKeyId!, secretAccessKey: c!.SecretAccessKey!, sessionToken: c!.SessionToken } });
  const conn = {
    backend: 'sandbox',
    region: 'us-east-1',
    keyPrefix: ['sandbox', 'us-east-1', 'sandbox:guest'],
    identityId: IdentityId!,
    clients: { kms: async () => kms, s3: async () => { throw new Error('no bucket in this test'); }, cloudtrail: async () => { throw new Error('unused'); } },
  } as unknown as ConnectionInfo;
  return { conn, kms, identityId: IdentityId! };
}

describe('the clean-up inventory on the sandbox, as a guest', () => {
  it('lists only the keys tagged as this learner’s, with their aliases, and removes them with the 7-day window', async () => {
    const setup = await sandboxClients();
    const me = await guest(setup);
    const other = await guest(setup);
    const tag = (id: string) => [{ TagKey: 'lab-owner', TagValue: id }];
    const mine = (await me.kms.send(new CreateKeyCommand({ Tags: tag(me.identityId) }))).KeyMetadata!.KeyId!;
    await me.kms.send(new CreateAliasCommand({ AliasName: 'alias/lab-cleanup-test', TargetKeyId: mine }));
    const theirs = (await other.kms.send(new CreateKeyCommand({ Tags: tag(other.identityId) }))).KeyMetadata!.KeyId!;
    await setup.kms.send(new CreateKeyCommand({})); // the administrator's untagged key

    const inv = await loadInventory(me.conn, undefined);
    expect(inv.keys.map((k) => k.keyId)).toEqual([mine]);
    expect(inv.aliases).toEqual([{ name: 'alias/lab-cleanup-test', region: 'us-east-1' }]);
    expect(inv.monthlyUsd).toBe(1);
    expect(inv.scope).toContain(me.identityId);

    const report = await removeEverything(me.conn, inv);
    expect(report.failures).toEqual([]);
    expect(report.aliasesDeleted).toEqual(['alias/lab-cleanup-test']);
    expect(report.keysScheduled).toHaveLength(1);
    const scheduled = (await setup.kms.send(new DescribeKeyCommand({ KeyId: mine }))).KeyMetadata!;
    expect(scheduled.KeyState).toBe('PendingDeletion');
    // Seven days after the (simulated) moment of the request.
    expect(scheduled.DeletionDate!.getTime() - setup.sandbox.clock.now()).toBeGreaterThan(6.9 * 86_400_000);
    expect(scheduled.DeletionDate!.getTime() - setup.sandbox.clock.now()).toBeLessThanOrEqual(7 * 86_400_000);
    expect((await setup.kms.send(new DescribeKeyCommand({ KeyId: theirs }))).KeyMetadata!.KeyState).toBe('Enabled');

    const after = await loadInventory(me.conn, undefined);
    expect(after.keys.map((k) => [k.keyId, k.state, k.monthlyUsd])).toEqual([[mine, 'PendingDeletion', 0]]);
    expect(after.monthlyUsd).toBe(0);
  });
});
