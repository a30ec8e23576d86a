import { KMSClient } from '@aws-sdk/client-kms';
import { createSandbox, SANDBOX_ADMIN_CREDENTIALS, type Sandbox } from '../../../sandbox';
import type { ConnectionInfo, DemoPrincipal } from '../../../connection/types';

/**
 * A ConnectionInfo on a fresh in-page sandbox with the real KMSClient, one client per Region, signed
 * as the sandbox administrator (also for kmsAs('lab-admin')). For the labs' api tests.
 */
export async function sandboxConnection(): Promise<{ conn: ConnectionInfo; sandbox: Sandbox }> {
  const sandbox = await createSandbox();
  const clients = new Map<string, KMSClient>();
  const kms = (region = 'us-east-1') => {
    let c = clients.get(region);
    if (!c) {
      c = new KMSClient({ region, credentials: SANDBOX_ADMIN_CREDENTIALS, requestHandler: sandbox.requestHandler, maxAttempts: 1 });
      clients.set(region, c);
    }
    return Promise.resolve(c);
  };
  const unused = () => Promise.reject(new Error('not used here'));
  const conn: ConnectionInfo = {
    backend: 'sandbox',
    region: 'us-east-1',
    keyPrefix: ['sandbox', '111122223333', 'us-east-1', 'test'],
    clients: {
      kms: (o) => kms(o?.region),
      kmsAs: (_who: DemoPrincipal, o) => kms(o?.region),
      s3: unused,
      cloudtrail: unused,
    },
    sandbox: { now: () => sandbox.clock.now(), advanceDays: async (d) => (await sandbox.clock.advanceDays(d), sandbox.clock.now()) },
  };
  return { conn, sandbox };
}
