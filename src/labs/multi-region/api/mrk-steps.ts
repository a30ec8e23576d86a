import {
  CreateKeyCommand,
  DecryptCommand,
  DescribeKeyCommand,
  EncryptCommand,
  ReplicateKeyCommand,
  ScheduleKeyDeletionCommand,
  type KMSClient,
  type KeyMetadata,
} from '@aws-sdk/client-kms';
import { labTags } from '../../../api';
import { logError, logOk, type CallLogEntry } from '../../../components';
import type { ConnectionInfo } from '../../../connection/types';

/**
 * The Multi-Region lab's calls. On the sandbox they run as its administrator (the guest role, like
 * the real lab account's, is denied multi-Region keys: infra/policies/lab-guest-policy.json); on the
 * other backends with the lab's own credentials, so a refusal there is shown as AWS gives it.
 * Each Region gets its own KMS client from the connection layer, as each Region is its own endpoint.
 */

/** Regions the lab offers for the replica (any two Regions of the aws partition would do). */
export const REPLICA_REGIONS = ['us-west-2', 'eu-west-1', 'ap-southeast-2', 'us-east-1'] as const;

/** Each replica is billed as a customer managed key of its own (AWS KMS pricing, checked 2026-12-04). */
export const REPLICA_MONTHLY_USD = 1;

export const CONTEXT = { app: 'orders', purpose: 'multi-region-lab' };
export const MESSAGE = 'order 1042 shipped';

export function defaultReplicaRegion(home: string): string {
  return REPLICA_REGIONS.find((r) => r !== home) ?? 'us-west-2';
}

export async function kmsIn(conn: ConnectionInfo, region: string): Promise<KMSClient> {
  if (conn.backend === 'sandbox' && conn.clients.kmsAs) return conn.clients.kmsAs('lab-admin', { region });
  return conn.clients.kms({ region });
}

/** Who the log says made the call. */
export const where = (conn: ConnectionInfo, region: string) => (conn.backend === 'sandbox' ? `${region}, as lab-admin` : region);

export interface StepOut {
  entry: CallLogEntry;
  key?: KeyMetadata;
  blob?: Uint8Array;
}

async function attempt(conn: ConnectionInfo, region: string, operation: string, body: () => Promise<Omit<StepOut, 'entry'> & { summary: string }>): Promise<StepOut> {
  try {
    const { summary, ...rest } = await body();
    return { entry: logOk(where(conn, region), operation, summary), ...rest };
  } catch (e) {
    return { entry: logError(where(conn, region), operation, e) };
  }
}

export function createKey(conn: ConnectionInfo, multiRegion: boolean): Promise<StepOut> {
  return attempt(conn, conn.region, multiRegion ? 'CreateKey (MultiRegion: true)' : 'CreateKey', async () => {
    const kms = await kmsIn(conn, conn.region);
    const tags = labTags(conn);
    const out = await kms.send(
      new CreateKeyCommand({
        MultiRegion: multiRegion,
        Description: multiRegion ? 'Multi-Region lab: primary' : 'Multi-Region lab: single-Region key',
        ...(tags ? { Tags: tags } : {}),
      }),
    );
    const md = out.KeyMetadata!;
    return { key: md, summary: `${md.KeyId} (${md.MultiRegion ? 'multi-Region primary' : 'single-Region'})` };
  });
}

export function replicate(conn: ConnectionInfo, keyId: string, replicaRegion: string): Promise<StepOut> {
  return attempt(conn, conn.region, `ReplicateKey → ${replicaRegion}`, async () => {
    const kms = await kmsIn(conn, conn.region);
    // Tags are not shared with the primary: the replica needs the lab-owner tag of its own, or the
    // learner's Clean-up (which finds keys by that tag) could neither read nor delete it.
    const tags = labTags(conn);
    const out = await kms.send(
      new ReplicateKeyCommand({ KeyId: keyId, ReplicaRegion: replicaRegion, Description: 'Multi-Region lab: replica', ...(tags ? { Tags: tags } : {}) }),
    );
    const md = out.ReplicaKeyMetadata!;
    return { key: md, summary: `replica ${md.Arn} is ${md.KeyState}` };
  });
}

export function describe(conn: ConnectionInfo, region: string, keyId: string): Promise<StepOut> {
  return attempt(conn, region, 'DescribeKey', async () => {
    const kms = await kmsIn(conn, region);
    const md = (await kms.send(new DescribeKeyCommand({ KeyId: keyId }))).KeyMetadata!;
    const mrc = md.MultiRegionConfiguration;
    const role = mrc ? `${mrc.MultiRegionKeyType}, ${mrc.ReplicaKeys?.length ?? 0} replica(s)` : 'single-Region';
    return { key: md, summary: `${md.KeyState} (${role})` };
  });
}

export function encrypt(conn: ConnectionInfo, keyId: string): Promise<StepOut> {
  return attempt(conn, conn.region, 'Encrypt', async () => {
    const kms = await kmsIn(conn, conn.region);
    const out = await kms.send(new EncryptCommand({ KeyId: keyId, Plaintext: new TextEncoder().encode(MESSAGE), EncryptionContext: CONTEXT }));
    return { blob: out.CiphertextBlob, summary: `${out.CiphertextBlob?.length ?? 0}-byte ciphertext under ${out.KeyId}` };
  });
}

/** Decrypt in `region`; `keyArn` names the key explicitly (the way to pin the key on Decrypt). */
export function decrypt(conn: ConnectionInfo, region: string, blob: Uint8Array, keyArn?: string): Promise<StepOut> {
  return attempt(conn, region, keyArn ? 'Decrypt (KeyId = the key ARN)' : 'Decrypt', async () => {
    const kms = await kmsIn(conn, region);
    const out = await kms.send(new DecryptCommand({ CiphertextBlob: blob, EncryptionContext: CONTEXT, ...(keyArn ? { KeyId: keyArn } : {}) }));
    return { summary: `“${new TextDecoder().decode(out.Plaintext)}” by ${out.KeyId}` };
  });
}

export function scheduleDeletion(conn: ConnectionInfo, region: string, keyId: string): Promise<StepOut> {
  return attempt(conn, region, 'ScheduleKeyDeletion (7 days)', async () => {
    const kms = await kmsIn(conn, region);
    const out = await kms.send(new ScheduleKeyDeletionCommand({ KeyId: keyId, PendingWindowInDays: 7 }));
    return { summary: `${out.KeyState}${out.DeletionDate ? ` until ${out.DeletionDate.toISOString().slice(0, 10)}` : ', waiting for its replicas'}` };
  });
}

/** The replica is Creating for a few seconds: ask until it is not (at most ~20 s). */
export async function waitUntilCreated(conn: ConnectionInfo, region: string, keyId: string, sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))): Promise<StepOut> {
  let last = await describe(conn, region, keyId);
  for (let i = 0; i < 20 && last.key?.KeyState === 'Creating'; i++) {
    await sleep(1000);
    last = await describe(conn, region, keyId);
  }
  return last;
}
