/**
 * The embedded AWS: `createSandbox()` returns an SDK request handler plus the simulated clock, the trail,
 * reset / export / import and a summary. Everything non-deterministic is injected (STYLE.md habit 9).
 */
import type { ChecksumConstructor } from '@smithy/types';
import type { AuthzRequest, RequestContext, SandboxWorld, ServiceModule, ServiceName } from './shared/context';
import { DEFAULT_REGION, SANDBOX_ACCOUNT_ID, SECOND_REGION } from './shared/context';
import { SCHEMA_VERSION, type SandboxState } from './shared/state';
import type { TrailEvent } from './shared/trail-types';
import { createClock, DAY_MS, type SandboxClock } from './shared/clock';
import type { SandboxTrail } from './shared/trail';
import { createRequestHandler, SandboxEngine, type CredentialRegistryLike, type SandboxRequestHandler } from './request-handler';
import { createMemoryStore } from './store/memory-store';
import { Persistence } from './store/persistence';
import { decodeState, encodeState } from './store/state-codec';
import type { SandboxStore } from './store/store';
import { kmsService } from './kms/index';
import { cognitoService, initialCognitoState } from './cognito/index';
import { stsService } from './sts/index';
import { cloudtrailService } from './cloudtrail/index';
import { s3Service } from './s3/index';
import { inspectS3Object, s3DataEvents, type S3StoredObjectView } from './s3/raw-storage';
import { authorize, validateKeyPolicy } from './iam/evaluator';
import { createCredentialRegistry } from './iam/credentials';
import { emptyKmsState } from './kms/kms-models';

export { SandboxStoreError, StoreConflictError, type SandboxStore } from './store/store';
export { createMemoryStore } from './store/memory-store';

/** The browser's store (IndexedDB via idb), loaded lazily so Node and the first paint never pay for it. */
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
export { SANDBOX_ACCOUNT_ID, DEFAULT_REGION, SECOND_REGION } from './shared/context';
// The lab's fixed identities (docs/sandbox.md): the identity pool, its guest role, the demo roles.
export { LAB_POOL_ID, LAB_POOL_NAME, LAB_POOL_REGION, LAB_GUEST_ROLE_ARN } from './cognito/index';
export { LAB_ADMIN_ARN, GUEST_ROLE_ARN, ROLES as SANDBOX_ROLES } from './iam/principals';

/** The static administrator credentials (IAM user lab-admin, full permissions). */
// Not frozen: the SDK tags the credentials object it is given ($source).
export const SANDBOX_ADMIN_CREDENTIALS = { accessKeyId: 'test', secretAccessKey: 'test' };

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
  /** Unexpected (non-AWS) errors inside operations; they answer 500. Default: console.error. */
  onInternalError?: (err: unknown, where: string) => void;
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

export interface Sandbox {
  requestHandler: SandboxRequestHandler;
  clock: SandboxClock;
  trail: SandboxTrail;
  /** Back to the empty start (the lab pool and roles stay, as AWS provides them). */
  reset(): Promise<void>;
  /** The whole state as JSON (bytes as {"$b64": ...}); no vended credentials in it. */
  exportState(): string;
  /** Replaces the state; throws SandboxStoreError for a damaged or other-version document. */
  importState(json: string): Promise<void>;
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
  /** Read-only: what the sandbox stores for an S3 object (ciphertext, wrapped key, algorithm; never plaintext). */
  inspectS3Object(bucket: string, key: string): Promise<S3StoredObjectView | undefined>;
  /** S3 data events (object calls), newest first; LookupEvents leaves them out as AWS does. */
  s3DataEvents(): TrailEvent[];
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

export function initialState(): SandboxState {
  return {
    schemaVersion: SCHEMA_VERSION,
    clock: { offsetMs: 0 },
    kms: emptyKmsState(),
    cognito: initialCognitoState(),
    trail: { events: [], nextSeq: 1 },
  };
}

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
    subtle: options.subtle ?? globalThis.crypto.subtle,
  };
  const defaultRegion = options.defaultRegion ?? DEFAULT_REGION;
  const onInternalError =
    options.onInternalError ?? ((err: unknown, where: string) => console.error(`[sandbox] internal error in ${where}:`, err));
  const store = options.store ?? createMemoryStore();
  const cache = new Map<string, unknown>();
  const persistence = new Persistence(
    store,
    initialState(),
    (e) => onInternalError(e, 'store'),
    () => cache.clear(),
  );
  const ready = persistence.open(initialState);
  await ready;

  const simNow = () => world.now() + persistence.state.clock.offsetMs;
  const listeners = new Set<(ev: TrailEvent) => void>();
  const credentials = createCredentialRegistry(world.now, world.randomBytes);
  const services: Partial<Record<ServiceName, ServiceModule>> = {};
  for (const [k, v] of Object.entries(SERVICES)) if (v) services[k as ServiceName] = v;

  const runAllDue = async () => {
    for (const m of Object.values(services)) {
      await m.runDue?.({ now: simNow, state: persistence.state, randomBytes: world.randomBytes, subtle: world.subtle, cache });
    }
  };

  const engine = new SandboxEngine({
    world,
    signingClock: options.signingClock ?? (() => Date.now()),
    sha256: options.sha256,
    defaultRegion,
    services,
    credentials,
    authorize: (ctx: RequestContext, req: AuthzRequest) => authorize(ctx, req),
    validateKeyPolicy: (ctx, policy, opts) => validateKeyPolicy(ctx, policy, opts),
    state: () => persistence.state,
    now: simNow,
    cache,
    transact: (mutating, fn) => persistence.run(mutating, fn),
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
    blobs: {
      put: (key, bytes) => store.putBlob(key, bytes),
      get: (key) => store.getBlob(key),
      delete: (key) => store.deleteBlob(key),
    },
  });

  const clock = createClock(world.now, () => persistence.state, (ms) =>
    persistence.run(true, async () => {
      persistence.state.clock.offsetMs += ms;
      await runAllDue();
    }),
  );

  const trail: SandboxTrail = {
    events: () => persistence.state.trail.events.slice().reverse(),
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };

  return {
    requestHandler: createRequestHandler(engine, ready),
    clock,
    trail,
    async reset() {
      cache.clear();
      await persistence.reset(initialState());
    },
    exportState: () => encodeState(persistence.state),
    async importState(json: string) {
      const next = decodeState(json);
      cache.clear();
      await persistence.replace(next);
    },
    summary: () => summarise(persistence.state, simNow(), defaultRegion, store.kind),
    ready,
    flush: () => persistence.flush(),
    engine,
    store,
    credentials,
    inspectS3Object: (bucket, key) =>
      inspectS3Object(persistence.state, { put: (k, b) => store.putBlob(k, b), get: (k) => store.getBlob(k), delete: (k) => store.deleteBlob(k) }, bucket, key),
    s3DataEvents: () => s3DataEvents(persistence.state),
  };
}

function summarise(state: SandboxState, now: number, defaultRegion: string, storeKind: SandboxStore['kind']): SandboxSummary {
  const keys: SandboxSummary['keys'] = [];
  const aliases: SandboxSummary['aliases'] = [];
  const regions = new Set<string>([defaultRegion, SECOND_REGION]);
  for (const [region, r] of Object.entries(state.kms.regions)) {
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
  const identityPools: SandboxSummary['identityPools'] = [];
  for (const [region, r] of Object.entries(state.cognito.regions)) {
    for (const p of Object.values(r.pools)) identityPools.push({ region, id: p.IdentityPoolId, name: p.IdentityPoolName });
  }
  return {
    accountId: SANDBOX_ACCOUNT_ID,
    defaultRegion,
    regions: [...regions],
    now: new Date(now).toISOString(),
    simulated: state.clock.offsetMs > 0,
    offsetDays: state.clock.offsetMs / DAY_MS,
    keys,
    aliases,
    identityPools,
    trailEvents: state.trail.events.length,
    store: storeKind,
  };
}
