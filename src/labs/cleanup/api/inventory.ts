import {
  DeleteAliasCommand,
  DescribeKeyCommand,
  ListAliasesCommand,
  ListKeyRotationsCommand,
  ListResourceTagsCommand,
  ScheduleKeyDeletionCommand,
  type AliasListEntry,
} from '@aws-sdk/client-kms';
import { DeleteObjectsCommand, HeadObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { listKeys } from '../../../api/list-keys';
import { LAB_OWNER_TAG } from '../../../api/lab-tags';
import type { ConnectionInfo } from '../../../connection/types';
import { keyMonthlyCost, objectsMonthlyCost } from '../lib/cost';

export interface OwnedKey {
  keyId: string;
  arn: string;
  state: string;
  origin: string;
  created: Date | undefined;
  rotations: number;
  aliases: string[];
  monthlyUsd: number;
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
  aliases: string[];
  objects: OwnedObject[];
  bucket: string | undefined;
  monthlyUsd: number;
}

const MAX_KEYS = 200;
const MAX_OBJECTS = 500;

/**
 * Everything this learner created: with a Cognito identity, the keys tagged lab-owner = that
 * identity (the guest policy's own test of ownership) and the objects under its prefix; with
 * static credentials (the sandbox's administrator, an endpoint's keys), every customer managed key.
 */
export async function loadInventory(conn: ConnectionInfo, bucket: string | undefined): Promise<Inventory> {
  const kms = await conn.clients.kms();
  const me = conn.identityId;
  const all = await listKeys(conn);
  const aliasList: AliasListEntry[] = [];
  let marker: string | undefined;
  for (let page = 0; page < 20; page++) {
    const out = await kms.send(new ListAliasesCommand({ Marker: marker }));
    aliasList.push(...(out.Aliases ?? []));
    if (!out.Truncated || !out.NextMarker) break;
    marker = out.NextMarker;
  }
  const keys: OwnedKey[] = [];
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
    let rotations = 0;
    if (meta.KeyState !== 'PendingDeletion') {
      rotations = ((await kms.send(new ListKeyRotationsCommand({ KeyId: entry.KeyId })).catch(() => undefined))?.Rotations ?? []).length;
    }
    const state = meta.KeyState ?? 'Unknown';
    keys.push({
      keyId: entry.KeyId,
      arn: meta.Arn ?? entry.KeyArn ?? entry.KeyId,
      state,
      origin: meta.Origin ?? 'AWS_KMS',
      created: meta.CreationDate,
      rotations,
      aliases: aliasList.filter((a) => a.TargetKeyId === entry.KeyId && a.AliasName).map((a) => a.AliasName!),
      monthlyUsd: keyMonthlyCost({ state, rotations }),
    });
  }
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
    aliases: keys.flatMap((k) => k.aliases),
    objects,
    bucket,
    monthlyUsd,
  };
}

export interface RemovalReport {
  aliasesDeleted: string[];
  keysScheduled: { keyId: string; deletionDate: Date | undefined }[];
  objectsDeleted: number;
  failures: string[];
}

/** Deletes the aliases, schedules the keys for deletion with the shortest window (7 days), deletes the objects. */
export async function removeEverything(conn: ConnectionInfo, inv: Inventory): Promise<RemovalReport> {
  const kms = await conn.clients.kms();
  const report: RemovalReport = { aliasesDeleted: [], keysScheduled: [], objectsDeleted: 0, failures: [] };
  const fail = (what: string, e: unknown) => report.failures.push(`${what}: ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`);
  for (const alias of inv.aliases) {
    try {
      await kms.send(new DeleteAliasCommand({ AliasName: alias }));
      report.aliasesDeleted.push(alias);
    } catch (e) {
      fail(alias, e);
    }
  }
  for (const k of inv.keys) {
    if (k.state === 'PendingDeletion') continue;
    try {
      const out = await kms.send(new ScheduleKeyDeletionCommand({ KeyId: k.keyId, PendingWindowInDays: 7 }));
      report.keysScheduled.push({ keyId: k.keyId, deletionDate: out.DeletionDate });
    } catch (e) {
      fail(k.keyId, e);
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
