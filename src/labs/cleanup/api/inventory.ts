import {
  DeleteAliasCommand,
  DescribeKeyCommand,
  ListAliasesCommand,
  ListKeyRotationsCommand,
  ListResourceTagsCommand,
  ScheduleKeyDeletionCommand,
  type AliasListEntry,
  type KeyMetadata,
  type KMSClient,
} from '@aws-sdk/client-kms';
import { DeleteObjectsCommand, HeadObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { listKeys } from '../../../api/list-keys';
import { LAB_OWNER_TAG } from '../../../api/lab-tags';
import type { ConnectionInfo } from '../../../connection/types';
import { keyMonthlyCost, objectsMonthlyCost } from '../lib/cost';

export interface OwnedKey {
  keyId: string;
  arn: string;
  /** The key's Region: a multi-Region key's replicas live in other Regions than the lab's. */
  region: string;
  state: string;
  origin: string;
  created: Date | undefined;
  rotations: number;
  /** The key's aliases (aliases are regional: these are in the key's own Region). */
  aliases: string[];
  monthlyUsd: number;
  /** PRIMARY or REPLICA for a multi-Region key. */
  multiRegion?: 'PRIMARY' | 'REPLICA';
  /** Why the key could not be read (a related Region's key these credentials may not describe). */
  unreadable?: string;
}

export interface OwnedAlias {
  name: string;
  region: string;
}

export interface OwnedObject {
  key: string;
  size: number;
  /** The object's encryption: AES256 (SSE-S3), aws:kms, aws:kms:dsse, SSE-C, or unknown. */
  kind: string;
}

export interface Inventory {
  /** How "mine" was decided, in the learner's words. */
  scope: string;
  keys: OwnedKey[];
  aliases: OwnedAlias[];
  objects: OwnedObject[];
  bucket: string | undefined;
  monthlyUsd: number;
}

const MAX_KEYS = 200;
const MAX_OBJECTS = 500;

async function aliasesIn(kms: KMSClient, keyId?: string): Promise<AliasListEntry[]> {
  const list: AliasListEntry[] = [];
  let marker: string | undefined;
  for (let page = 0; page < 20; page++) {
    const out = await kms.send(new ListAliasesCommand({ Marker: marker, ...(keyId ? { KeyId: keyId } : {}) }));
    list.push(...(out.Aliases ?? []));
    if (!out.Truncated || !out.NextMarker) break;
    marker = out.NextMarker;
  }
  return list;
}

/** A key's row: its rotations (billed), its aliases, its monthly cost. */
async function ownedKey(kms: KMSClient, region: string, meta: KeyMetadata, aliasList: AliasListEntry[]): Promise<OwnedKey> {
  const keyId = meta.KeyId!;
  let rotations = 0;
  if (meta.KeyState !== 'PendingDeletion') {
    rotations = ((await kms.send(new ListKeyRotationsCommand({ KeyId: keyId })).catch(() => undefined))?.Rotations ?? []).length;
  }
  const state = meta.KeyState ?? 'Unknown';
  const type = meta.MultiRegionConfiguration?.MultiRegionKeyType;
  return {
    keyId,
    arn: meta.Arn ?? keyId,
    region,
    state,
    origin: meta.Origin ?? 'AWS_KMS',
    created: meta.CreationDate,
    rotations,
    aliases: aliasList.filter((a) => a.TargetKeyId === keyId && a.AliasName).map((a) => a.AliasName!),
    // A replica is a KMS key of its own on the bill: "AWS KMS pricing and quotas for KMS keys apply to
    // each primary and replica key" (ReplicateKey, AWS KMS API Reference).
    monthlyUsd: keyMonthlyCost({ state, rotations }),
    ...(type === 'PRIMARY' || type === 'REPLICA' ? { multiRegion: type } : {}),
  };
}

/** arn:aws:kms:<region>:<account>:key/<id> -> <region>. */
const regionOfArn = (arn: string) => arn.split(':')[3] ?? '';

/**
 * The other members of a multi-Region key's set (its primary and replicas), each read in its own
 * Region: ListKeys shows only the lab's Region, but every replica is billed and must be deleted too.
 */
async function relatedKeys(conn: ConnectionInfo, meta: KeyMetadata, seen: Set<string>): Promise<OwnedKey[]> {
  const mrc = meta.MultiRegionConfiguration;
  if (!meta.MultiRegion || !mrc) return [];
  const members = [mrc.PrimaryKey, ...(mrc.ReplicaKeys ?? [])].filter((m): m is { Arn: string; Region: string } => !!m?.Arn && !!m.Region);
  const out: OwnedKey[] = [];
  for (const m of members) {
    if (seen.has(m.Arn)) continue;
    seen.add(m.Arn);
    const region = m.Region || regionOfArn(m.Arn);
    const kms = await conn.clients.kms({ region });
    try {
      const related = (await kms.send(new DescribeKeyCommand({ KeyId: m.Arn }))).KeyMetadata;
      if (!related) continue;
      const aliasList = await aliasesIn(kms, related.KeyId).catch(() => [] as AliasListEntry[]);
      out.push(await ownedKey(kms, region, related, aliasList));
    } catch (e) {
      // Still a key on the bill: listed, priced as an enabled key, with the reason it could not be read.
      out.push({
        keyId: meta.KeyId!,
        arn: m.Arn,
        region,
        state: 'Unknown',
        origin: meta.Origin ?? 'AWS_KMS',
        created: undefined,
        rotations: 0,
        aliases: [],
        monthlyUsd: keyMonthlyCost({ state: 'Enabled', rotations: 0 }),
        multiRegion: m.Arn === mrc.PrimaryKey?.Arn ? 'PRIMARY' : 'REPLICA',
        unreadable: e instanceof Error ? `${e.name}: ${e.message}` : String(e),
      });
    }
  }
  return out;
}

/**
 * Everything this learner created: with a Cognito identity, the keys tagged lab-owner = that
 * identity (the guest policy's own test of ownership) and the objects under its prefix; with
 * static credentials (the sandbox's administrator, an endpoint's keys), every customer managed key.
 * A multi-Region key brings its primary and replicas from their own Regions.
 */
export async function loadInventory(conn: ConnectionInfo, bucket: string | undefined): Promise<Inventory> {
  const kms = await conn.clients.kms();
  const me = conn.identityId;
  const all = await listKeys(conn);
  const aliasList = await aliasesIn(kms);
  const keys: OwnedKey[] = [];
  const seen = new Set<string>();
  const owned: KeyMetadata[] = [];
  for (const entry of all.slice(0, MAX_KEYS)) {
    if (!entry.KeyId) continue;
    let meta;
    try {
      meta = (await kms.send(new DescribeKeyCommand({ KeyId: entry.KeyId }))).KeyMetadata;
    } catch {
      continue; // another learner's key: not ours to describe
    }
    if (!meta || meta.KeyManager !== 'CUSTOMER') continue;
    if (me) {
      const tags = (await kms.send(new ListResourceTagsCommand({ KeyId: entry.KeyId })).catch(() => undefined))?.Tags ?? [];
      if (!tags.some((t) => t.TagKey === LAB_OWNER_TAG && t.TagValue === me)) continue;
    }
    seen.add(meta.Arn ?? entry.KeyArn ?? entry.KeyId);
    owned.push(meta);
    keys.push(await ownedKey(kms, conn.region, { ...meta, Arn: meta.Arn ?? entry.KeyArn }, aliasList));
  }
  for (const meta of owned) keys.push(...(await relatedKeys(conn, meta, seen)));
  const objects: OwnedObject[] = [];
  if (bucket) {
    const s3 = await conn.clients.s3();
    const prefix = me ? `${me}/` : undefined;
    const listed = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, MaxKeys: MAX_OBJECTS })).catch(() => undefined);
    for (const o of listed?.Contents ?? []) {
      if (!o.Key) continue;
      const head = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: o.Key })).catch((e: unknown) => e);
      const kind =
        head instanceof Error
          ? // HeadObject without the customer key fails for an SSE-C object (400).
            head.name === 'BadRequest' || /customer/i.test(head.message) ? 'SSE-C' : 'unknown'
          : ((head as { ServerSideEncryption?: string }).ServerSideEncryption ?? 'none');
      objects.push({ key: o.Key, size: o.Size ?? 0, kind });
    }
  }
  const monthlyUsd = keys.reduce((s, k) => s + k.monthlyUsd, 0) + objectsMonthlyCost(objects.reduce((s, o) => s + o.size, 0));
  return {
    scope: me ? `keys tagged ${LAB_OWNER_TAG} = ${me}${bucket ? ` and objects under ${me}/` : ''}` : 'every customer managed key these credentials can see',
    keys,
    aliases: keys.flatMap((k) => k.aliases.map((name) => ({ name, region: k.region }))),
    objects,
    bucket,
    monthlyUsd,
  };
}

export interface RemovalReport {
  aliasesDeleted: string[];
  keysScheduled: { keyId: string; region: string; state: string | undefined; deletionDate: Date | undefined }[];
  objectsDeleted: number;
  failures: string[];
}

/** Replicas first, then the rest: a primary scheduled while replicas remain waits in PendingReplicaDeletion. */
const deletionOrder = (k: OwnedKey) => (k.multiRegion === 'REPLICA' ? 0 : 1);

/**
 * Deletes the aliases, schedules the keys for deletion with the shortest window (7 days), deletes the
 * objects. Each call goes to the key's own Region. A multi-Region set is removed as AWS allows it:
 * the replicas are scheduled first (7 days each); the primary then goes to PendingReplicaDeletion and
 * its own 7 days start when its last replica is deleted.
 */
export async function removeEverything(conn: ConnectionInfo, inv: Inventory): Promise<RemovalReport> {
  const report: RemovalReport = { aliasesDeleted: [], keysScheduled: [], objectsDeleted: 0, failures: [] };
  const fail = (what: string, e: unknown) => report.failures.push(`${what}: ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`);
  const kmsIn = (region: string) => (region === conn.region ? conn.clients.kms() : conn.clients.kms({ region }));
  for (const alias of inv.aliases) {
    try {
      await (await kmsIn(alias.region)).send(new DeleteAliasCommand({ AliasName: alias.name }));
      report.aliasesDeleted.push(alias.region === conn.region ? alias.name : `${alias.name} (${alias.region})`);
    } catch (e) {
      fail(alias.name, e);
    }
  }
  for (const k of [...inv.keys].sort((a, b) => deletionOrder(a) - deletionOrder(b))) {
    if (k.state === 'PendingDeletion' || k.state === 'PendingReplicaDeletion') continue;
    try {
      const out = await (await kmsIn(k.region)).send(new ScheduleKeyDeletionCommand({ KeyId: k.arn, PendingWindowInDays: 7 }));
      report.keysScheduled.push({ keyId: k.keyId, region: k.region, state: out.KeyState, deletionDate: out.DeletionDate });
    } catch (e) {
      fail(k.region === conn.region ? k.keyId : `${k.keyId} (${k.region})`, e);
    }
  }
  if (inv.bucket && inv.objects.length) {
    const s3 = await conn.clients.s3();
    try {
      const out = await s3.send(new DeleteObjectsCommand({ Bucket: inv.bucket, Delete: { Objects: inv.objects.map((o) => ({ Key: o.key })), Quiet: true } }));
      report.objectsDeleted = inv.objects.length - (out.Errors?.length ?? 0);
      for (const err of out.Errors ?? []) report.failures.push(`${err.Key}: ${err.Code}: ${err.Message}`);
    } catch (e) {
      fail(`objects in ${inv.bucket}`, e);
    }
  }
  return report;
}
