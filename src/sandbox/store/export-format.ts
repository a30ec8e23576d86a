import { z } from 'zod';
import { SCHEMA_VERSION } from '../shared/state';
import type { TrailEvent } from '../shared/trail-types';
import { EXPORT_FORMAT, migrate, MigrationError } from './migrations';
import { decodeValue, encodeValue, GLOBAL, reviveBytes, type RecordKey, type StoredRecord } from './records';
import { SandboxStoreError, type LabSnapshot, type SandboxStore } from './store';

export { EXPORT_FORMAT } from './migrations';

/**
 * The portable export of a whole lab (docs/sandbox.md "Export format"): the settings page writes and
 * reads it, `npm run sandbox -- --import FILE` starts from it. Versioned like the store: any landed
 * schema imports (store/migrations.ts). Bytes are {"$b64": "..."}; object bodies travel in `blobs`.
 */
export interface LabExport {
  format: typeof EXPORT_FORMAT;
  schemaVersion: number;
  exportedAt: string;
  /** Simulated time when exported (the clock record holds the offset). */
  simulatedNow: string;
  records: { account: string; region: string; service: string; kind: string; id: string; value: unknown }[];
  /** Oldest first. */
  trail: TrailEvent[];
  blobs: { key: string; bytes: Uint8Array }[];
}

const recordSchema = z.object({
  account: z.string(),
  region: z.string(),
  service: z.string().min(1),
  kind: z.string().min(1),
  id: z.string().min(1),
  value: z.unknown(),
});
export const trailEventSchema = z.looseObject({ eventID: z.string(), eventTime: z.string(), eventName: z.string(), eventSource: z.string() });
const exportSchema = z.object({
  format: z.literal(EXPORT_FORMAT),
  schemaVersion: z.literal(SCHEMA_VERSION),
  records: z.array(recordSchema),
  trail: z.array(trailEventSchema),
  blobs: z.array(z.object({ key: z.string().min(1), bytes: z.instanceof(Uint8Array) })).default([]),
});

/** The shape each record kind must have (a record that fails is corrupt). */
const valueSchemas: Record<string, z.ZodType> = {
  'sandbox/clock': z.looseObject({ offsetMs: z.number().min(0) }),
  'kms/key': z.looseObject({
    keyId: z.string(),
    arn: z.string(),
    keyState: z.string(),
    keySpec: z.string(),
    keyUsage: z.string(),
    policy: z.string(),
    tags: z.array(z.unknown()),
    materials: z.array(z.looseObject({ id: z.string() })),
    rotation: z.looseObject({ enabled: z.boolean() }),
    rotations: z.array(z.unknown()),
  }),
  'kms/alias': z.looseObject({ aliasName: z.string(), targetKeyId: z.string() }),
  'cognito-identity/pool': z.looseObject({ IdentityPoolId: z.string(), IdentityPoolName: z.string() }),
  'cognito-identity/identity': z.looseObject({ IdentityId: z.string(), IdentityPoolId: z.string() }),
  'cognito-identity/openid-signing-key': z.string(),
  's3/master-key': z.instanceof(Uint8Array).refine((b) => b.length === 32, 'must be 32 bytes'),
  // objects/uploads: only in records of the earlier format (they are records of their own now).
  's3/bucket': z.looseObject({ name: z.string(), region: z.string(), objects: z.record(z.string(), z.unknown()).optional(), uploads: z.record(z.string(), z.unknown()).optional() }),
  's3/object': z.looseObject({ key: z.string(), id: z.string(), size: z.number().min(0), etag: z.string(), encryption: z.looseObject({ mode: z.string() }), parts: z.array(z.looseObject({ blobKey: z.string(), size: z.number().min(0) })) }),
  's3/upload': z.looseObject({ uploadId: z.string(), key: z.string(), encryption: z.looseObject({ mode: z.string() }), parts: z.record(z.string(), z.unknown()) }),
};

/** Checks one record; returns a reason when it is corrupt. */
export function recordProblem(k: RecordKey, v: unknown): string | undefined {
  const schema = valueSchemas[`${k[2]}/${k[3]}`];
  if (!schema) return `unknown record kind ${k[2]}/${k[3]}`;
  const r = schema.safeParse(v);
  if (!r.success) return `${k.filter((x) => x !== GLOBAL).join('/')}: ${r.error.issues[0]?.path.join('.') || 'value'} ${r.error.issues[0]?.message}`;
  return undefined;
}

export function encodeExport(snap: LabSnapshot, simNow: number, blobs: LabExport['blobs'] = []): string {
  const doc: LabExport = {
    format: EXPORT_FORMAT,
    schemaVersion: SCHEMA_VERSION,
    exportedAt: new Date().toISOString(),
    simulatedNow: new Date(simNow).toISOString(),
    records: snap.records.map((r) => ({ account: r.k[0], region: r.k[1], service: r.k[2], kind: r.k[3], id: r.k[4], value: r.v })),
    trail: snap.trail,
    blobs,
  };
  return encodeValue(doc);
}

export const damaged = (why: string, store?: SandboxStore) =>
  new SandboxStoreError('corrupt', `The lab export is damaged and cannot be imported (${why}). Nothing was changed.`, store);

/** Parses an export (or an older document: a schema-1 state, a schema-1 JSON file store) into records. */
export function parseExport(text: string, store?: SandboxStore): { records: StoredRecord[]; trail: TrailEvent[]; blobs: LabExport['blobs'] } {
  let raw: unknown;
  try {
    raw = JSON.parse(text, reviveBytes);
  } catch (e) {
    throw new SandboxStoreError('corrupt', 'The lab export is not valid JSON and cannot be imported. Nothing was changed.', store, { cause: e });
  }
  return parseDocument(raw, store);
}

/** An export document (already parsed JSON, any landed schema) checked and migrated into records. */
export function parseDocument(raw: unknown, store?: SandboxStore): { records: StoredRecord[]; trail: TrailEvent[]; blobs: LabExport['blobs'] } {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw damaged('not a JSON object', store);
  let doc = raw as Record<string, unknown>;
  // The schema-1 JSON file store wrapped the state as { revision, state }.
  if (typeof doc['revision'] === 'number' && doc['state'] !== null && typeof doc['state'] === 'object') doc = doc['state'] as Record<string, unknown>;
  try {
    doc = migrate(doc);
  } catch (e) {
    if (e instanceof MigrationError) throw new SandboxStoreError(e.kind === 'newer' ? 'version' : 'corrupt', e.message, store);
    throw e;
  }
  const r = exportSchema.safeParse(doc);
  if (!r.success) throw damaged(`${r.error.issues[0]?.path.join('.') || 'top level'}: ${r.error.issues[0]?.message}`, store);
  const records: StoredRecord[] = [];
  for (const x of r.data.records) {
    const k: RecordKey = [x.account, x.region, x.service, x.kind, x.id];
    const problem = recordProblem(k, x.value);
    if (problem) throw damaged(problem, store);
    records.push({ k, v: x.value });
  }
  return { records, trail: r.data.trail as unknown as TrailEvent[], blobs: r.data.blobs };
}

export { decodeValue };
