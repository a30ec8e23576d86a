import { describe, expect, it } from 'vitest';
import { createSandbox } from '../../../sandbox';
import { createBackendRuntime, type SandboxLike } from '../../../connection/client-supplier';
import { memoryStorage } from '../../../connection/credentials';
import { createInspectorStore } from '../../../connection/inspector-store';
import type { ConnectionInfo } from '../../../connection/types';
import { runStep, type StepContext } from '../api/policy-steps';
import { crossAccountPolicy, PARTNER_ROOT_ARN } from '../lib/policies';

/** The panel's cross-account step, run through the connection layer against a real sandbox. */
async function connection(): Promise<ConnectionInfo> {
  const sb = await createSandbox();
  const runtime = createBackendRuntime(
    { backend: 'sandbox', region: 'us-east-1', identity: 'guest' },
    { inspector: createInspectorStore(), storage: memoryStorage(), loadSandbox: async () => sb as unknown as SandboxLike },
  );
  return {
    backend: 'sandbox',
    region: 'us-east-1',
    keyPrefix: ['sandbox', '111122223333', 'us-east-1', 'sandbox:guest'],
    clients: runtime.clients,
    principal: 'self',
    account: '111122223333',
  };
}

describe('Policies and grants: a cross-account use between the two accounts', () => {
  it('fails without the key policy statement, fails without the IAM policy, succeeds with both', async () => {
    const conn = await connection();
    const created = await runStep(conn, { kind: 'create-key' }, {});
    expect(created.result.ok).toBe(true);
    const ctx: StepContext = { keyId: created.keyId, keyArn: created.keyArn };
    const PARTNER = '444455556666';

    const noKeyPolicy = await runStep(conn, { kind: 'cross-account-encrypt', as: 'PartnerAppRole', by: 'arn' }, ctx);
    expect(noKeyPolicy.result).toMatchObject({ ok: false, errorName: 'AccessDeniedException' });
    expect(noKeyPolicy.result.summary).toContain(
      `User: arn:aws:sts::${PARTNER}:assumed-role/PartnerAppRole/kms-study-lab is not authorized to perform: kms:Encrypt on resource: ${ctx.keyArn} because no resource-based policy allows`,
    );

    expect((await runStep(conn, { kind: 'put-policy', as: 'lab-admin', policy: 'cross-account' }, ctx)).result.ok).toBe(true);

    const noIam = await runStep(conn, { kind: 'cross-account-encrypt', as: 'PartnerLocalRole', by: 'arn' }, ctx);
    expect(noIam.result).toMatchObject({ ok: false, errorName: 'AccessDeniedException' });
    expect(noIam.result.summary).toContain('because no identity-based policy allows the kms:Encrypt action');

    const both = await runStep(conn, { kind: 'cross-account-encrypt', as: 'PartnerAppRole', by: 'arn' }, ctx);
    expect(both.result).toMatchObject({ ok: true, as: 'PartnerAppRole' });
    expect(both.result.summary).toContain(ctx.keyArn!);
    expect((await runStep(conn, { kind: 'cross-account-encrypt', as: 'partner-admin', by: 'arn' }, ctx)).result.ok).toBe(true);

    // A bare key id means the caller's own account, where no such key exists.
    const bare = await runStep(conn, { kind: 'cross-account-encrypt', as: 'partner-admin', by: 'key-id' }, ctx);
    expect(bare.result).toMatchObject({ ok: false, errorName: 'NotFoundException' });
    expect(bare.result.summary).toContain(`Key 'arn:aws:kms:us-east-1:${PARTNER}:key/${ctx.keyId}' does not exist`);
  });

  it('the cross-account policy gives the partner use of the key, never its management', () => {
    const partner = crossAccountPolicy().Statement.filter((s) => JSON.stringify(s.Principal).includes(PARTNER_ROOT_ARN));
    expect(partner).toHaveLength(1);
    const actions = [partner[0]!.Action].flat();
    expect(actions).toContain('kms:Decrypt');
    expect(actions.some((a) => /Put|Create|Schedule|Delete|\*$/.test(a) && a !== 'kms:ReEncrypt*' && a !== 'kms:GenerateDataKey*')).toBe(false);
  });
});
