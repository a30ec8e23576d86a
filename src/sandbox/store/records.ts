import { fromBase64, toBase64 } from '../shared/bytes';
import { emptyAccount, type AccountState, type LabModel } from '../shared/state';
import type { Bucket } from '../s3/s3-models';

/**
 * The record model: one stored record per resource, keyed by account, region, service, kind and id.
 * The in-memory LabModel is the working copy the services use; this file maps it to records and back.
 * Empty containers (an account or a region with nothing in it) have no record, so reading a region
 * never creates one in the store.
 */
export type RecordKey = readonly [account: string, region: string, service: string, kind: string, id: string];

export interface StoredRecord {
  k: RecordKey;
  v: unknown;
  /** The value's JSON form (encodeValue), when the caller already has it. */
  e?: string;
}

/** Records that are not a resource of one account and region (the clock) use '' for both. */
export const GLOBAL = '';
const SEP = '\u001f';
export const keyString = (k: RecordKey): string => k.join(SEP);
export const parseKeyString = (s: string): RecordKey => s.split(SEP) as unknown as RecordKey;

/** Every record of the lab, in a stable order. */
export function* recordsOf(lab: LabModel): Generator<StoredRecord> {
  yield { k: [GLOBAL, GLOBAL, 'sandbox', 'clock', 'clock'], v: lab.clock };
  for (const [account, a] of Object.entries(lab.accounts)) {
    for (const [region, r] of Object.entries(a.kms.regions)) {
      for (const [id, key] of Object.entries(r.keys)) yield { k: [account, region, 'kms', 'key', id], v: key };
      for (const [id, alias] of Object.entries(r.aliases)) yield { k: [account, region, 'kms', 'alias', id], v: alias };
    }
    for (const [region, r] of Object.entries(a.cognito.regions)) {
      for (const [id, p] of Object.entries(r.pools)) yield { k: [account, region, 'cognito-identity', 'pool', id], v: p };
      for (const [id, i] of Object.entries(r.identities)) yield { k: [account, region, 'cognito-identity', 'identity', id], v: i };
    }
    if (a.cognito.openIdSigningKeyHex !== undefined) {
      yield { k: [account, GLOBAL, 'cognito-identity', 'openid-signing-key', 'current'], v: a.cognito.openIdSigningKeyHex };
    }
    // S3: the account's S3-managed key, one record per bucket (its configuration), one per object and
    // one per multipart upload in progress, so writing one object writes that object's record only
    // (bodies are blobs the metadata names by blobKey). Bucket names are global, so a bucket's id is its
    // name and an object's is `<bucket>/<key>`.
    if (a.s3 !== undefined) {
      yield { k: [account, GLOBAL, 's3', 'master-key', 'current'], v: a.s3.masterKey };
      for (const [name, b] of Object.entries(a.s3.buckets)) {
        const { objects, uploads, ...meta } = b;
        yield { k: [account, b.region, 's3', 'bucket', name], v: meta };
        for (const [key, o] of Object.entries(objects)) yield { k: [account, b.region, 's3', 'object', `${name}/${key}`], v: o };
        for (const [id, u] of Object.entries(uploads)) yield { k: [account, b.region, 's3', 'upload', `${name}/${id}`], v: u };
      }
    }
  }
}

const account = (lab: LabModel, id: string): AccountState => (lab.accounts[id] ??= emptyAccount());

/** Puts (value) or deletes (undefined) one record in the model. Unknown kinds throw (a corrupt or newer record). */
export function setRecord(lab: LabModel, k: RecordKey, v: unknown): void {
  const [acct, region, service, kind, id] = k;
  const put = <T,>(m: Record<string, T>) => {
    if (v === undefined) delete m[id];
    else m[id] = v as T;
  };
  switch (`${service}/${kind}`) {
    case 'sandbox/clock':
      if (v !== undefined) lab.clock = v as LabModel['clock'];
      return;
    case 'kms/key':
      if (v !== undefined || account(lab, acct).kms.regions[region]) put((account(lab, acct).kms.regions[region] ??= { keys: {}, aliases: {} }).keys);
      return;
    case 'kms/alias':
      if (v !== undefined || account(lab, acct).kms.regions[region]) put((account(lab, acct).kms.regions[region] ??= { keys: {}, aliases: {} }).aliases);
      return;
    case 'cognito-identity/pool':
      put((account(lab, acct).cognito.regions[region] ??= { pools: {}, identities: {} }).pools);
      return;
    case 'cognito-identity/identity':
      put((account(lab, acct).cognito.regions[region] ??= { pools: {}, identities: {} }).identities);
      return;
    case 'cognito-identity/openid-signing-key':
      if (v === undefined) delete account(lab, acct).cognito.openIdSigningKeyHex;
      else account(lab, acct).cognito.openIdSigningKeyHex = v as string;
      return;
    case 's3/master-key': {
      const a = account(lab, acct);
      if (v === undefined) delete a.s3;
      else (a.s3 ??= { buckets: {}, masterKey: v as Uint8Array }).masterKey = v as Uint8Array;
      return;
    }
    case 's3/bucket': {
      const a = account(lab, acct);
      if (v === undefined) {
        if (a.s3) delete a.s3.buckets[id];
      } else {
        // The master-key record may come later in a store's order; a placeholder key stands until it does.
        a.s3 ??= { buckets: {}, masterKey: new Uint8Array(0) };
        // A bucket record holds its configuration; its objects and uploads are records of their own
        // (kept when the bucket record is put again). A record of the earlier format (schema 2 before
        // objects had records) carries them inside and is read as it is: see isLegacyRecord.
        const prev = a.s3.buckets[id];
        const b = v as Partial<Bucket>;
        a.s3.buckets[id] = { ...b, objects: b.objects ?? prev?.objects ?? {}, uploads: b.uploads ?? prev?.uploads ?? {} } as Bucket;
      }
      return;
    }
    case 's3/object':
    case 's3/upload': {
      const a = account(lab, acct);
      const slash = id.indexOf('/');
      const bucketName = id.slice(0, slash);
      const member = id.slice(slash + 1);
      if (slash <= 0) throw new Error(`an ${kind} record id is not <bucket>/<name>`);
      if (v === undefined) {
        const b = a.s3?.buckets[bucketName];
        if (b) delete (kind === 'object' ? b.objects : b.uploads)[member];
        return;
      }
      a.s3 ??= { buckets: {}, masterKey: new Uint8Array(0) };
      // The bucket record may come later in a store's order: a placeholder stands until it does.
      const b = (a.s3.buckets[bucketName] ??= { name: bucketName, region, creationDate: 0, blockSseC: true, objects: {}, uploads: {} });
      if (kind === 'object') b.objects[member] = v as Bucket['objects'][string];
      else b.uploads[member] = v as Bucket['uploads'][string];
      return;
    }
    default:
      throw new Error(`unknown record kind ${service}/${kind}`);
  }
}

/**
 * A map's own member. A module-level function, not a closure made per call: tsx (which runs the
 * server and the tests) keeps function names with esbuild's keepNames, an Object.defineProperty on
 * every named closure it makes, and getRecord runs about ten times per S3 call.
 */
function ownMember<T>(m: Record<string, T> | undefined, name: string): T | undefined {
  return m && Object.hasOwn(m, name) ? m[name] : undefined;
}

/** One record's value as recordsOf yields it; undefined when the model does not hold it. */
export function getRecord(lab: LabModel, k: RecordKey): unknown {
  const [acct, region, service, kind, id] = k;
  if (service === 'sandbox' && kind === 'clock') return lab.clock;
  const a = lab.accounts[acct];
  if (!a) return undefined;
  switch (`${service}/${kind}`) {
    case 'kms/key':
      return ownMember(a.kms.regions[region]?.keys, id);
    case 'kms/alias':
      return ownMember(a.kms.regions[region]?.aliases, id);
    case 'cognito-identity/pool':
      return ownMember(a.cognito.regions[region]?.pools, id);
    case 'cognito-identity/identity':
      return ownMember(a.cognito.regions[region]?.identities, id);
    case 'cognito-identity/openid-signing-key':
      return a.cognito.openIdSigningKeyHex;
    case 's3/master-key':
      return a.s3?.masterKey;
    case 's3/bucket': {
      const b = ownMember(a.s3?.buckets, id);
      if (!b || b.region !== region) return undefined;
      const { objects: _o, uploads: _u, ...meta } = b;
      return meta;
    }
    case 's3/object':
    case 's3/upload': {
      const slash = id.indexOf('/');
      const bucket = slash > 0 ? ownMember(a.s3?.buckets, id.slice(0, slash)) : undefined;
      if (!bucket || bucket.region !== region) return undefined;
      const member = id.slice(slash + 1);
      const m: Record<string, unknown> = kind === 'object' ? bucket.objects : bucket.uploads;
      return Object.hasOwn(m, member) ? m[member] : undefined;
    }
    default:
      return undefined;
  }
}

/**
 * A stored record in a format the model reads but no longer writes (a bucket record with its objects
 * inside, from before objects had records of their own). Opening a store marks these as changed, so the
 * first commit rewrites them in the current form together with the records split out of them.
 */
export function isLegacyRecord(k: RecordKey, v: unknown): boolean {
  if (k[2] !== 's3' || k[3] !== 'bucket' || v === null || typeof v !== 'object') return false;
  return Object.hasOwn(v, 'objects') || Object.hasOwn(v, 'uploads');
}

/** Drops empty regions and accounts from memory (they have no records; reads may have made them). */
export function pruneEmpty(lab: LabModel): void {
  for (const [id, a] of Object.entries(lab.accounts)) {
    for (const [r, k] of Object.entries(a.kms.regions)) {
      if (!Object.keys(k.keys).length && !Object.keys(k.aliases).length) delete a.kms.regions[r];
    }
    for (const [r, c] of Object.entries(a.cognito.regions)) {
      if (!Object.keys(c.pools).length && !Object.keys(c.identities).length) delete a.cognito.regions[r];
    }
    if (!Object.keys(a.kms.regions).length && !Object.keys(a.cognito.regions).length && a.cognito.openIdSigningKeyHex === undefined && a.s3 === undefined) {
      delete lab.accounts[id];
    }
  }
}

/** Builds a model from records (opening a store, importing an export). */
export function modelFromRecords(records: Iterable<StoredRecord>, schemaVersion: number): LabModel {
  const lab: LabModel = { schemaVersion, clock: { offsetMs: 0 }, accounts: {}, trail: { events: [], nextSeq: 1 } };
  for (const r of records) setRecord(lab, r.k, r.v);
  return lab;
}

/**
 * The JSON form of a record value: bytes become {"$b64": "..."}. Used to tell which records a call
 * changed (compare with the committed form) and to restore them when it fails, and by the Node store
 * and the export format. Base64 of immutable byte arrays is cached by identity: key material is never
 * changed in place (a new version is a new array).
 */
const b64Cache = new WeakMap<Uint8Array, string>();
const replacer = (_k: string, v: unknown): unknown => {
  if (v instanceof Uint8Array) {
    let s = b64Cache.get(v);
    if (s === undefined) {
      s = toBase64(v);
      b64Cache.set(v, s);
    }
    return { $b64: s };
  }
  return v;
};
export const encodeValue = (v: unknown): string => JSON.stringify(v, replacer) ?? 'null';

export const reviveBytes = (_k: string, v: unknown): unknown => {
  if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
    const o = v as Record<string, unknown>;
    const keys = Object.keys(o);
    if (keys.length === 1 && keys[0] === '$b64') {
      const b = typeof o['$b64'] === 'string' ? fromBase64(o['$b64']) : undefined;
      if (!b) throw new Error('a $b64 value is not base64');
      return b;
    }
  }
  return v;
};
export const decodeValue = (s: string): unknown => JSON.parse(s, reviveBytes);

/**
 * The bodies a record references: strings in a `blobKey` member or a `blobRefs` list anywhere in its
 * value (the S3 issue's object versions name their body this way). Bodies nobody references are
 * collected when a store opens.
 */
export function blobRefsOf(v: unknown, out: Set<string> = new Set(), depth = 0): Set<string> {
  if (depth > 12 || v === null || typeof v !== 'object' || v instanceof Uint8Array) return out;
  if (Array.isArray(v)) {
    for (const x of v) blobRefsOf(x, out, depth + 1);
    return out;
  }
  for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
    if (k === 'blobKey' && typeof x === 'string') {
      // A body stored in sealed segments occupies the blobs `<blobKey>.0` .. `<blobKey>.<segments - 1>`.
      const segments = (v as Record<string, unknown>)['segments'];
      if (typeof segments === 'number' && Number.isInteger(segments) && segments >= 0) {
        for (let i = 0; i < segments; i++) out.add(`${x}.${i}`);
      } else out.add(x);
    } else if (k === 'blobRefs' && Array.isArray(x)) {
      for (const s of x) if (typeof s === 'string') out.add(s);
    } else {
      blobRefsOf(x, out, depth + 1);
    }
  }
  return out;
}
