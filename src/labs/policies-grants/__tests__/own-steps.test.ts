import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KMSClient } from '@aws-sdk/client-kms';
import { createSandbox, SANDBOX_ADMIN_CREDENTIALS } from '../../../sandbox';
import { startMotoServer } from '../../../lib/__tests__/helpers/moto-server';
import { createOwnKey, describeGrant, grantToOwnAccount, listKeyGrants, readKeyPolicy, revokeOwnGrant } from '../api/own-steps';

/**
 * The Policies and grants lab's own-identity steps (what it runs on an endpoint), against moto's
 * server and against the sandbox, whose answers are AWS's. The same calls, the same outcomes:
 * the default policy delegates to IAM, a grant with its constraint is listed, revoking removes it.
 */
let moto: Awaited<ReturnType<typeof startMotoServer>>;
const targets: { name: string; kms: () => Promise<KMSClient> }[] = [
  {
    name: 'moto',
    kms: async () =>
      new KMSClient({ region: 'us-east-1', endpoint: moto.endpoint, credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, maxAttempts: 1 }),
  },
  {
    name: 'the sandbox',
    kms: async () => {
      const sb = await createSandbox();
      return new KMSClient({ region: 'us-east-1', credentials: SANDBOX_ADMIN_CREDENTIALS, requestHandler: sb.requestHandler, maxAttempts: 1 });
    },
  },
];

beforeAll(async () => {
  moto = await startMotoServer();
}, 60_000);

afterAll(() => moto?.stop());

describe.each(targets)('own-identity policy and grant steps on $name', ({ kms: make }) => {
  it('the default policy delegates to IAM; a constrained grant is listed, then revoked', async () => {
    const kms = await make();
    const key = await createOwnKey(kms, undefined);
    expect(key.keyArn).toBe(`arn:aws:kms:us-east-1:${key.account}:key/${key.keyId}`);

    const reading = await readKeyPolicy(kms, key);
    expect(reading.delegatesToIam).toBe(true);
    expect(JSON.parse(reading.policy).Statement[0]).toMatchObject({ Sid: 'Enable IAM User Permissions', Action: 'kms:*' });

    const g = await grantToOwnAccount(kms, key, { tenant: 'blue' });
    expect(g.grantId).toMatch(/^[0-9a-f]+$/);
    expect(g.tokenLength).toBeGreaterThan(0);
    const listed = await listKeyGrants(kms, key);
    expect(listed).toHaveLength(1);
    expect(describeGrant(listed[0]!)).toBe(
      `orders-blue-tenant: arn:aws:iam::${key.account}:root may Encrypt, Decrypt when the context equals {"tenant":"blue"}`,
    );

    await revokeOwnGrant(kms, key, g.grantId);
    expect(await listKeyGrants(kms, key)).toEqual([]);
  });

  it('a policy that is not the default is read as not delegating', async () => {
    const kms = await make();
    const key = await createOwnKey(kms, undefined);
    const { PutKeyPolicyCommand } = await import('@aws-sdk/client-kms');
    const admin = `arn:aws:iam::${key.account}:root`;
    // Still lets the account root manage the key (the lock-out check passes), but not with kms:*.
    const policy = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: admin }, Action: ['kms:PutKeyPolicy', 'kms:GetKeyPolicy', 'kms:DescribeKey'], Resource: '*' }] };
    await kms.send(new PutKeyPolicyCommand({ KeyId: key.keyId, PolicyName: 'default', Policy: JSON.stringify(policy) }));
    expect((await readKeyPolicy(kms, key)).delegatesToIam).toBe(false);
  });
});
