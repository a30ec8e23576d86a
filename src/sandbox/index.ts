/**
 * The embedded AWS: `createSandbox()` returns an SDK request handler plus the simulated clock, the trail,
 * reset / export / import and a summary. Everything non-deterministic is injected (STYLE.md habit 9).
 */
import { QuotaModel, type QuotaMode } from './shared/quotas';
import type { ChecksumConstructor } from '@smithy/types';
import type { AuthzRequest, RequestContext, SandboxWorld, ServiceModule, ServiceName } from './shared/context';
import { DEFAULT_REGION, SANDBOX_ACCOUNT_ID, SECOND_REGION } from './shared/context';
import { accountView, SCHEMA_VERSION, type LabModel, type SandboxState } from './shared/state';
import type { TrailEvent } from './shared/trail-types';
import { createClock, DAY_MS, type SandboxClock } from './shared/clock';
import type { SandboxTrail } from './shared/trail';
import { createRequestHandler, SandboxEngine, type CredentialRegistryLike, type SandboxRequestHandler } from './request-handler';
import { createMemoryStore } from './store/memory-store';
import { Lab } from './store/lab';
import { encodeExport } from './store/export-format';
import { exportBlob, exportLines, readExport, type ExportSource } from './store/export-stream';
import { blobRefsOf, modelFromRecords } from './store/records';
import type { SandboxStore } from './store/store';
import { kmsService } from './kms/index';
import { cognitoService, initialCognitoState } from './cognito/index';
import { stsService } from './sts/index';
import { cloudtrailService } from './cloudtrail/index';
import { s3Service } from './s3/index';
import { inspectS3Object, type S3StoredObjectView } from './s3/raw-storage';
import { authorize, validateKeyPolicy } from './iam/evaluator';
import { createCredentialRegistry } from './iam/credentials';
import { withNativeAesGcm } from './shared/native-aes-gcm';
import { emptyKmsState } from './kms/kms-models';

export {
  SandboxStoreError,
  StoreCommitError,
  StaleEpochError,
  type SandboxStore,
  type StoreFault,
  type StorageEstimate,
} from './store/store';
export { createMemoryStore } from './store/memory-store';
export { EXPORT_FORMAT, type LabExport } from './store/export-format';
export { EXPORT_LAYOUT, type ExportSource } from './store/export-stream';
export { TRAIL_BATCH_MS } from './store/lab';
export { TRAIL_MAX_EVENTS, TRAIL_RETENTION_DAYS } from './shared/trail';

/**
 * What a store that cannot be opened still holds, in the export format (records that decode, trail
 * events): offered as a download before a reset. undefined when the store cannot be read at all.
 */
export async function exportReadable(store: SandboxStore | undefined): Promise<string | undefined> {
  const r = await store?.readable?.().catch(() => undefined);
  if (!r) return undefined;
  return encodeExport({ epoch: 0, schemaVersion: SCHEMA_VERSION, records: r.records, trail: r.trail }, Date.now());
}

/**
 * The browser's store (IndexedDB via idb), loaded lazily so Node and the first paint never pay for it.
 * The host's worker calls this once and passes the store to createSandbox; it asks for persistent storage.
 */
export async function openIndexedDbStore(dbName?: string): Promise<SandboxStore> {
  const m = await import('./store/indexeddb-store');
  return m.createIndexedDbStore(dbName);
}
export type { SandboxClock } from './shared/clock';
export type { SandboxTrail } from './shared/trail';
export type { TrailEvent } from './shared/trail-types';
export type { S3StoredObjectView } from './s3/raw-storage';
export { LAB_BUCKET } from './s3/s3-state';
export type { SandboxRequestHandler, SandboxHttpRequest, SandboxHttpResponse } from './request-handler';
export { SANDBOX_ACCOUNT_ID, SECOND_ACCOUNT_ID, SANDBOX_ACCOUNTS, DEFAULT_REGION, SECOND_REGION } from './shared/context';
// The lab's fixed identities (docs/sandbox.md): the identity pool, its guest role, the demo roles.
export { LAB_POOL_ID, LAB_POOL_NAME, LAB_POOL_REGION, LAB_GUEST_ROLE_ARN } from './cognito/index';
export { LAB_ADMIN_ARN, GUEST_ROLE_ARN, ROLES as SANDBOX_ROLES, PARTNER_ROLES, PARTNER_ADMIN_ARN, CROSS_ACCOUNT_ROLE_NAME } from './iam/principals';

/** The static administrator credentials (IAM user lab-admin, full permissions). */
// Not frozen: the SDK tags the credentials object it is given ($source).
export const SANDBOX_ADMIN_CREDENTIALS = { accessKeyId: 'test', secretAccessKey: 'test' };
/** The second account's administrator (IAM user partner-admin in 444455556666, full permissions there). */
export const PARTNER_ADMIN_CREDENTIALS = { accessKeyId: '444455556666', secretAccessKey: 'test' };

export interface SandboxOptions {
  /** Wall clock, epoch ms (default Date.now). The simulated clock adds its offset to it. */
  now?: () => number;
  randomBytes?: (n: number) => Uint8Array<ArrayBuffer>;
  subtle?: SubtleCrypto;
  /** Default: a memory store. The browser entry passes an IndexedDB store, the server a JSON file store. */
  store?: SandboxStore;
  defaultRegion?: string;
  /**
   * The clock signature skew is judged on (default Date.now). The SDK signs with the machine's clock,
   * so a test that injects a fixed `now` still signs valid requests.
   */
  signingClock?: () => number;
  /** SHA-256/HMAC used to verify signatures (default pure JS; the Node server passes node:crypto's). */
  sha256?: ChecksumConstructor;
  /** The trail's record cap (default TRAIL_MAX_EVENTS); tests use a small one. */
  trailMaxEvents?: number;
  /** Unexpected (non-AWS) errors inside operations; they answer 500. Default: console.error. */
  onInternalError?: (err: unknown, where: string) => void;
  /** KMS request quotas (shared/quotas.ts): off unless asked for; the browser lab passes 'aws'. */
  quotas?: QuotaMode;
}

export interface SandboxSummary {
  accountId: string;
  defaultRegion: string;
  regions: string[];
  now: string;
  simulated: boolean;
  offsetDays: number;
  keys: {
    region: string;
    keyId: string;
    arn: string;
    keyState: string;
    keySpec: string;
    keyUsage: string;
    keyManager: string;
    description: string;
    aliases: string[];
    deletionDate?: string;
  }[];
  aliases: { region: string; aliasName: string; targetKeyId: string }[];
  identityPools: { region: string; id: string; name: string }[];
  trailEvents: number;
  store: SandboxStore['kind'];
}

/**
 * What changed, told after each committed write (the host broadcasts it so other tabs refresh).
 * `epoch` is the lab's generation: it moves forward on every reset or import and never restarts.
 * `services` names the services whose state changed (`cloudtrail` when only trail records were added).
 */
export interface SandboxChange {
  epoch: number;
  kind: 'commit' | 'reset' | 'clock' | 'import';
  services: string[];
}

export interface Sandbox {
  requestHandler: SandboxRequestHandler;
  /** Calls listener after each committed write, reset, clock move or import; returns the unsubscribe. */
  subscribe(listener: (change: SandboxChange) => void): () => void;
  clock: SandboxClock;
  trail: SandboxTrail;
  /** Back to the empty start (the lab pool and roles stay, as AWS provides them). */
  reset(): Promise<void>;
  /**
   * The lab as one JSON document of the earlier layout (records and trail, no object bodies): small
   * labs only (the demo seed, tests). No vended credentials in it.
   */
  exportState(): Promise<string>;
  /**
   * The whole lab in the portable export format (docs/sandbox.md: the lines layout, object bodies
   * included), written piece by piece: never the whole lab as one string.
   */
  exportChunks(): AsyncIterable<Uint8Array<ArrayBuffer>>;
  /** The same as a Blob, built piece by piece (what the settings page downloads). */
  exportLab(): Promise<Blob>;
  /**
   * Replaces the lab from an export of any layout and landed schema, read line by line. All of it is
   * checked before anything changes: a damaged, truncated or newer file throws SandboxStoreError.
   */
  importState(source: ExportSource): Promise<void>;
  /** The lab's generation: moves forward on every reset and import, never restarts. */
  epoch(): number;
  /**
   * Records encoded so far to find calls' write sets: a cost measure that counts, never times (tests and
   * the bench show it does not grow with the lab's size; store/write-tracker.ts).
   */
  writeSetEncodes(): number;
  summary(): SandboxSummary;
  /** Resolved once the store is loaded (createSandbox already awaits it). */
  ready: Promise<void>;
  /** Waits for background saves (tests, server shutdown). */
  flush(): Promise<void>;
  /** The transport-neutral engine (the HTTP server uses it). */
  engine: SandboxEngine;
  store: SandboxStore;
  /** The credentials the sandbox accepts (test/test and what its STS vended; memory only). */
  credentials: CredentialRegistryLike;
  /** Request quotas: the mode can change at run time (the quotas lab's teaching scale). */
  quotas: QuotaModel;
  /** Read-only: what the sandbox stores for an S3 object (ciphertext, wrapped key, algorithm; never plaintext). */
  inspectS3Object(bucket: string, key: string): Promise<S3StoredObjectView | undefined>;
  /** S3 data events (object calls), newest first; LookupEvents leaves them out as AWS does. */
  s3DataEvents(): Promise<TrailEvent[]>;
}

/**
 * The default randomness: small requests (ids, nonces, data keys) come from a pool refilled 4 KiB at
 * a time, because each getRandomValues call has a fixed cost that dominated per-request work; bytes
 * handed out are zeroed in the pool at once. Large requests are filled in 64 KiB slices (the API's cap).
 */
const POOL_SIZE = 4096;
const POOLED_MAX = 256;
let pool = new Uint8Array(0);
let poolPos = 0;
function defaultRandomBytes(n: number): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(n);
  if (n <= POOLED_MAX) {
    if (poolPos + n > pool.length) {
      pool = globalThis.crypto.getRandomValues(new Uint8Array(POOL_SIZE));
      poolPos = 0;
    }
    const slice = pool.subarray(poolPos, poolPos + n);
    out.set(slice);
    slice.fill(0);
    poolPos += n;
    return out;
  }
  for (let o = 0; o < n; o += 65536) globalThis.crypto.getRandomValues(out.subarray(o, Math.min(n, o + 65536)));
  return out;
}

/** A fresh lab: the sandbox account with the lab's identity pool (as AWS provides it). */
export function initialLab(): LabModel {
  return {
    schemaVersion: SCHEMA_VERSION,
    clock: { offsetMs: 0 },
    accounts: { [SANDBOX_ACCOUNT_ID]: { kms: emptyKmsState(), cognito: initialCognitoState() } },
    trail: { events: [], nextSeq: 1 },
  };
}

/** A fresh lab as operations see it (ctx.state of the sandbox account): for unit tests of operations. */
export const initialState = (): SandboxState => accountView(initialLab(), SANDBOX_ACCOUNT_ID);

const SERVICES: Record<ServiceName, ServiceModule | undefined> = {
  kms: kmsService,
  'cognito-identity': cognitoService,
  sts: stsService,
  cloudtrail: cloudtrailService,
  s3: s3Service,
};

export async function createSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const world: SandboxWorld = {
    now: options.now ?? (() => Date.now()),
    randomBytes: options.randomBytes ?? defaultRandomBytes,
    // In Node, AES-GCM by node:crypto (shared/native-aes-gcm.ts); in the browser, its WebCrypto.
    subtle: options.subtle ?? withNativeAesGcm(globalThis.crypto.subtle),
  };
  const defaultRegion = options.defaultRegion ?? DEFAULT_REGION;
  const onInternalError =
    options.onInternalError ?? ((err: unknown, where: string) => console.error(`[sandbox] internal error in ${where}:`, err));
  const store = options.store ?? createMemoryStore();
  const cache = new Map<string, unknown>();
  const changeListeners = new Set<(change: SandboxChange) => void>();
  const notify = (kind: SandboxChange['kind'], services: string[]) => {
    const change: SandboxChange = { epoch: lab.epoch, kind, services };
    for (const l of changeListeners) {
      try {
        l(change);
      } catch (e) {
        onInternalError(e, 'change listener');
      }
    }
  };
  const lab: Lab = new Lab(store, {
    simNow: () => world.now() + lab.model.clock.offsetMs,
    trailMaxEvents: options.trailMaxEvents,
    onError: (e) => onInternalError(e, 'store'),
    onChange: notify,
  });
  const ready = lab.open(initialLab);
  await ready;

  const simNow = () => world.now() + lab.model.clock.offsetMs;
  const listeners = new Set<(ev: TrailEvent) => void>();
  const credentials = createCredentialRegistry(world.now, world.randomBytes);
  const services: Partial<Record<ServiceName, ServiceModule>> = {};
  for (const [k, v] of Object.entries(SERVICES)) if (v) services[k as ServiceName] = v;

  const runAllDue = async () => {
    for (const account of Object.keys(lab.model.accounts)) {
      for (const m of Object.values(services)) {
        await m.runDue?.({ now: simNow, state: accountView(lab.model, account), randomBytes: world.randomBytes, subtle: world.subtle, cache });
      }
    }
  };

  // Quotas run on the wall clock: moving the simulated clock forward refills nothing.
  const quotas = new QuotaModel(options.quotas ?? 'off', world.now);
  const engine = new SandboxEngine({
    quotas,
    world,
    signingClock: options.signingClock ?? (() => Date.now()),
    sha256: options.sha256,
    defaultRegion,
    services,
    credentials,
    authorize: (ctx: RequestContext, req: AuthzRequest) => authorize(ctx, req),
    validateKeyPolicy: (ctx, policy, opts) => validateKeyPolicy(ctx, policy, opts),
    state: (accountId) => lab.view(accountId),
    dueState: (accountId) => accountView(lab.model, accountId),
    untracked: () => lab.untracked(),
    accountState: (accountId) => (lab.model.accounts[accountId] ? lab.view(accountId) : undefined),
    accountIds: () => Object.keys(lab.model.accounts),
    checkpoint: () => lab.checkpoint(),
    now: simNow,
    cache,
    transact: (mutating, fn, service) => lab.run(mutating, fn, service ? [service] : []),
    onTrailEvent: (ev) => {
      for (const l of listeners) {
        try {
          l(ev);
        } catch (e) {
          onInternalError(e, 'trail listener');
        }
      }
    },
    onInternalError,
    blobs: lab.blobs(),
  });

  const clock = createClock(world.now, () => lab.model, async (ms) => {
    await lab.runClock(async () => {
      lab.model.clock.offsetMs += ms;
      await runAllDue();
    });
  });

  async function* exportChunks(): AsyncGenerator<Uint8Array<ArrayBuffer>> {
    await lab.flush();
    const records = lab.records();
    const refs = new Set<string>();
    for (const r of records) blobRefsOf(r.v, refs);
    yield* exportLines({
      records,
      simNow: simNow(),
      trail: store.readTrail(),
      blobKeys: [...refs].sort(),
      blobPieces: (key) => store.blobPieces(key),
    });
  }

  const trail: SandboxTrail = {
    events: () => lab.allTrail({}),
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };

  return {
    requestHandler: createRequestHandler(engine, ready),
    subscribe(listener) {
      changeListeners.add(listener);
      return () => changeListeners.delete(listener);
    },
    clock,
    trail,
    async reset() {
      cache.clear();
      await lab.flush();
      await store.clear();
      await lab.replace(initialLab(), 'reset');
    },
    async exportState() {
      const records = lab.records();
      const trail = (await lab.allTrail({})).reverse();
      return encodeExport({ epoch: lab.epoch, schemaVersion: SCHEMA_VERSION, records, trail }, simNow());
    },
    exportChunks,
    exportLab: () => exportBlob(exportChunks()),
    async importState(source: ExportSource) {
      // Everything is read and checked first (bodies too): a bad file changes nothing.
      const plan = await readExport(source);
      cache.clear();
      await lab.flush();
      const before = blobRefsOf(lab.records().map((r) => r.v));
      // Bodies before the records that name them; the old lab's bodies go once it is replaced (those the
      // new records name too stay: a lab imported back into itself from a file without bodies keeps them).
      for await (const b of plan.bodies()) await store.putBlob(b.key, b.bytes);
      const named = blobRefsOf(plan.records.map((r) => r.v));
      const model = modelFromRecords(plan.records, SCHEMA_VERSION);
      model.trail.events = plan.trail;
      model.trail.nextSeq = plan.trail.length + 1;
      await lab.replace(model, 'import');
      for (const k of before) if (!named.has(k)) await store.deleteBlob(k).catch((e: unknown) => onInternalError(e, 'store'));
    },
    epoch: () => lab.epoch,
    writeSetEncodes: () => lab.encodes,
    summary: () => summarise(lab.model, simNow(), defaultRegion, store.kind, lab.trailCount()),
    ready,
    flush: () => lab.flush(),
    engine,
    store,
    credentials,
    quotas,
    async inspectS3Object(bucket, key) {
      // Bucket names are global: the account that owns the bucket holds its objects.
      const owner = Object.keys(lab.model.accounts).find((a) => lab.model.accounts[a]?.s3?.buckets[bucket] !== undefined);
      if (owner === undefined) return undefined;
      return inspectS3Object(accountView(lab.model, owner), { put: (k, b) => store.putBlob(k, b), get: (k) => store.getBlob(k), delete: (k) => store.deleteBlob(k) }, bucket, key);
    },
    // LookupEvents leaves data events out; the trail page shows them from here (EventSource index).
    s3DataEvents: () =>
      lab.allTrail({ attribute: { key: 'EventSource', value: 's3.amazonaws.com' }, skip: (e) => e.managementEvent !== false }),
  };
}

function summarise(lab: LabModel, now: number, defaultRegion: string, storeKind: SandboxStore['kind'], trailEvents: number): SandboxSummary {
  const keys: SandboxSummary['keys'] = [];
  const aliases: SandboxSummary['aliases'] = [];
  const regions = new Set<string>([defaultRegion, SECOND_REGION]);
  const identityPools: SandboxSummary['identityPools'] = [];
  // The summary shows the sandbox account (the page's lab); other accounts are reached through their ARNs.
  const account = lab.accounts[SANDBOX_ACCOUNT_ID];
  for (const [region, r] of Object.entries(account?.kms.regions ?? {})) {
    regions.add(region);
    const byKey = new Map<string, string[]>();
    for (const a of Object.values(r.aliases)) {
      aliases.push({ region, aliasName: a.aliasName, targetKeyId: a.targetKeyId });
      byKey.set(a.targetKeyId, [...(byKey.get(a.targetKeyId) ?? []), a.aliasName]);
    }
    for (const k of Object.values(r.keys)) {
      keys.push({
        region,
        keyId: k.keyId,
        arn: k.arn,
        keyState: k.keyState,
        keySpec: k.keySpec,
        keyUsage: k.keyUsage,
        keyManager: k.keyManager,
        description: k.description,
        aliases: byKey.get(k.keyId) ?? [],
        deletionDate: k.deletionDate !== undefined ? new Date(k.deletionDate).toISOString() : undefined,
      });
    }
  }
  for (const [region, r] of Object.entries(account?.cognito.regions ?? {})) {
    for (const p of Object.values(r.pools)) identityPools.push({ region, id: p.IdentityPoolId, name: p.IdentityPoolName });
  }
  return {
    accountId: SANDBOX_ACCOUNT_ID,
    defaultRegion,
    regions: [...regions],
    now: new Date(now).toISOString(),
    simulated: lab.clock.offsetMs > 0,
    offsetDays: lab.clock.offsetMs / DAY_MS,
    keys,
    aliases,
    identityPools,
    trailEvents,
    store: storeKind,
  };
}
