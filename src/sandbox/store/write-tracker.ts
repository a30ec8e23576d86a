import { emptyAccount, type AccountState, type LabModel, type SandboxState } from '../shared/state';
import type { Bucket, S3State } from '../s3/s3-models';
import { GLOBAL, keyString, type RecordKey } from './records';

/**
 * Which records a call may have changed, so that its write set is found by encoding those records only
 * (a call then costs the same with 10 records or 10,000). Services reach the model through the view this
 * hands out: its containers are Proxies that note every record a call reads out of them, writes into them
 * or deletes from them (the record objects themselves are the model's own, never proxied). A record a
 * call changed was necessarily reached through its container during the call, so the noted set is a
 * superset of the changed one; comparing each noted record's JSON form with the committed one gives the
 * exact write set, the same as encoding every record would.
 *
 * A container replaced or removed (a region's first key, a bucket created or deleted) notes the records
 * it held and, at diff time, every record under it (it may have been filled through a plain reference).
 * Anything else that changes the model outside the view (runDue, the clock, reset) sets `all`, and the
 * call falls back to encoding every record.
 */
export class WriteTracker {
  /** Encode every record this call (a change made outside the view). */
  all = false;
  /** Record keys noted this call, by their keyString (kept as tuples: the write set reads records by them). */
  readonly touched = new Map<string, RecordKey>();
  /** Accounts viewed this call: their singleton records (S3-managed key, OpenID signing key) are checked. */
  readonly accounts = new Set<string>();
  /** Containers replaced this call: enumerated at diff time. */
  readonly subtrees: (() => Iterable<RecordKey>)[] = [];
  private readonly proxies = new WeakMap<object, object>();
  /** This call's view of each account (a call and the calls it makes for it share one). */
  private readonly views = new Map<string, SandboxState>();
  private readonly viewed = new WeakMap<SandboxState, object>();
  private readonly raws = new WeakMap<object, object>();

  constructor(private readonly lab: () => LabModel) {}

  reset(): void {
    this.all = false;
    this.views.clear();
    this.touched.clear();
    this.accounts.clear();
    this.subtrees.length = 0;
  }

  /** The record keys this call may have changed, by keyString (the clock record is always among them). */
  candidates(): Map<string, RecordKey> {
    const out = new Map(this.touched);
    out.set(CLOCK[0], CLOCK[1]);
    for (const a of this.accounts) for (const [ks, k] of singletonKeys(a)) out.set(ks, k);
    for (const sub of this.subtrees) for (const k of sub()) out.set(keyString(k), k);
    return out;
  }

  private mark(k: RecordKey): void {
    this.touched.set(keyString(k), k);
  }

  private markAll(keys: Iterable<RecordKey>): void {
    for (const k of keys) this.mark(k);
  }

  /** The view of one account that services use (the tracked twin of shared/state.ts's accountView). */
  view(accountId: string): SandboxState {
    const lab = this.lab();
    const made = this.views.get(accountId);
    // Reused within the call while it still stands for the model's account (a reset between calls
    // clears the cache; a restored account is a new object).
    if (made && lab.accounts[accountId] === this.viewed.get(made) && made.clock === lab.clock && made.trail === lab.trail) return made;
    this.accounts.add(accountId);
    const account = (lab.accounts[accountId] ??= emptyAccount());
    const view = {
      schemaVersion: lab.schemaVersion,
      clock: lab.clock,
      kms: this.serviceProxy(account.kms, accountId, 'kms'),
      cognito: this.serviceProxy(account.cognito, accountId, 'cognito-identity'),
      trail: lab.trail,
    } as SandboxState;
    // Bound methods, not arrow functions in the descriptor: tsx's keepNames would name each arrow with
    // an Object.defineProperty every time a view is made (request-handler.ts, run).
    Object.defineProperty(view, 's3', {
      enumerable: true,
      get: this.readS3.bind(this, account, accountId),
      set: this.writeS3.bind(this, account, accountId),
    });
    this.views.set(accountId, view);
    this.viewed.set(view, account);
    return view;
  }

  private readS3(account: AccountState, accountId: string): S3State | undefined {
    return account.s3 === undefined ? undefined : this.s3Proxy(account.s3, accountId);
  }

  private writeS3(account: AccountState, accountId: string, v: S3State | undefined): void {
    if (account.s3) this.markAll(s3Keys(accountId, account.s3));
    account.s3 = v === undefined ? undefined : (this.unwrap(v) as S3State);
    this.subtrees.push(() => (this.lab().accounts[accountId]?.s3 ? s3Keys(accountId, this.lab().accounts[accountId]!.s3!) : []));
  }

  private cached<T extends object>(raw: T, make: () => T): T {
    let p = this.proxies.get(raw) as T | undefined;
    if (!p) {
      p = make();
      this.proxies.set(raw, p);
      this.raws.set(p, raw);
    }
    return p;
  }

  /** A proxy stored back into the model is stored as the object it stands for (one level deep). */
  private unwrap(v: unknown): unknown {
    if (v === null || typeof v !== 'object') return v;
    const raw = this.raws.get(v);
    if (raw) return raw;
    if (Array.isArray(v) || ArrayBuffer.isView(v)) return v;
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
      const r = x !== null && typeof x === 'object' ? this.raws.get(x) : undefined;
      if (r) (v as Record<string, unknown>)[k] = r;
    }
    return v;
  }

  /**
   * A tracked container: `child` may wrap an object read at a property (or give it back as it is), and
   * `changed` hears of every property set or deleted, before the write. What is stored is never a proxy.
   */
  private container<T extends object>(raw: T, child: (t: T, p: string, v: object) => unknown, changed: (t: T, p: string) => void): T {
    return this.cached(raw, () =>
      new Proxy(raw, {
        get: (t, p, r) => {
          const v = Reflect.get(t, p, r) as unknown;
          return typeof p === 'string' && v !== null && typeof v === 'object' ? child(t, p, v) : v;
        },
        set: (t, p, v) => {
          if (typeof p === 'string') changed(t, p);
          return Reflect.set(t, p, this.unwrap(v));
        },
        deleteProperty: (t, p) => {
          if (typeof p === 'string') changed(t, p);
          return Reflect.deleteProperty(t, p);
        },
      }),
    );
  }

  /** An account's kms or cognito state: its `regions` map is tracked; replacing it re-encodes everything. */
  private serviceProxy<T extends object>(raw: T, account: string, service: 'kms' | 'cognito-identity'): T {
    return this.container(
      raw,
      (_, p, v) => (p === 'regions' ? this.regionsProxy(v as Record<string, RegionLike>, account, service) : v),
      (_, p) => {
        if (p === 'regions') this.all = true;
      },
    );
  }

  private regionsProxy(raw: Record<string, RegionLike>, account: string, service: 'kms' | 'cognito-identity'): Record<string, RegionLike> {
    return this.container(
      raw,
      (t, p, v) => (Object.hasOwn(t, p) ? this.regionProxy(v as RegionLike, account, service, p) : v),
      // A region replaced (no named closure for it: see view)
      (_, region) => {
        const old = raw[region];
        if (old) this.markAll(regionKeys(account, service, region, old));
        this.subtrees.push(() => {
          const now = this.lab().accounts[account]?.[service === 'kms' ? 'kms' : 'cognito'].regions[region] as RegionLike | undefined;
          return now ? regionKeys(account, service, region, now) : [];
        });
      },
    );
  }

  private regionProxy(raw: RegionLike, account: string, service: 'kms' | 'cognito-identity', region: string): RegionLike {
    const kinds: Record<string, string> = service === 'kms' ? { keys: 'key', aliases: 'alias' } : { pools: 'pool', identities: 'identity' };
    return this.container(
      raw,
      (_, p, v) => {
        const kind = Object.hasOwn(kinds, p) ? kinds[p] : undefined;
        return kind ? this.recordMap(v as Record<string, unknown>, (id) => [account, region, service, kind, id]) : v;
      },
      (_, p) => {
        if (Object.hasOwn(kinds, p)) this.all = true;
      },
    );
  }

  /** A map whose members are records: reading, writing or deleting one notes its key. */
  private recordMap(raw: Record<string, unknown>, keyOf: (id: string) => RecordKey): Record<string, unknown> {
    return this.cached(raw, () =>
      new Proxy(raw, {
        get: (t, p, r) => {
          if (typeof p === 'string' && Object.hasOwn(t, p)) this.mark(keyOf(p));
          return Reflect.get(t, p, r) as unknown;
        },
        set: (t, p, v) => {
          if (typeof p === 'string') this.mark(keyOf(p));
          return Reflect.set(t, p, this.unwrap(v));
        },
        deleteProperty: (t, p) => {
          if (typeof p === 'string') this.mark(keyOf(p));
          return Reflect.deleteProperty(t, p);
        },
        defineProperty: (t, p, d) => {
          if (typeof p === 'string') this.mark(keyOf(p));
          return Reflect.defineProperty(t, p, d);
        },
      }),
    );
  }

  private s3Proxy(raw: S3State, account: string): S3State {
    return this.container(
      raw,
      (_, p, v) => (p === 'buckets' ? this.bucketsProxy(v as Record<string, Bucket>, account) : v),
      (_, p) => {
        if (p === 'buckets') this.all = true;
      },
    );
  }

  private bucketsProxy(raw: Record<string, Bucket>, account: string): Record<string, Bucket> {
    return this.container(
      raw,
      (t, p, v) => (Object.hasOwn(t, p) ? this.bucketProxy(v as Bucket, account) : v),
      // A bucket replaced (no named closure for it: see view)
      (_, name) => {
        const old = raw[name];
        if (old) this.markAll(bucketKeys(account, old));
        this.subtrees.push(() => {
          const now = this.lab().accounts[account]?.s3?.buckets[name];
          return now ? bucketKeys(account, now) : [];
        });
      },
    );
  }

  /** A bucket: reading it notes its record (its configuration); its objects and uploads are record maps. */
  private bucketProxy(raw: Bucket, account: string): Bucket {
    this.mark([account, raw.region, 's3', 'bucket', raw.name]);
    return this.container(
      raw,
      (t, p, v) => {
        if (p !== 'objects' && p !== 'uploads') return v;
        const kind = p === 'objects' ? 'object' : 'upload';
        return this.recordMap(v as Record<string, unknown>, (id) => [account, t.region, 's3', kind, `${t.name}/${id}`]);
      },
      (t, p) => {
        this.mark([account, t.region, 's3', 'bucket', t.name]);
        // Conservative: a bucket renamed, moved or given new maps re-encodes everything.
        if (p === 'objects' || p === 'uploads' || p === 'name' || p === 'region') this.all = true;
      },
    );
  }
}

type RegionLike = Record<string, Record<string, unknown>>;

const keyed = (k: RecordKey): [string, RecordKey] => [keyString(k), k];
const CLOCK = keyed([GLOBAL, GLOBAL, 'sandbox', 'clock', 'clock']);

/** An account's singleton records (S3-managed key, OpenID signing key), keyed; made once per account. */
const singletons = new Map<string, [string, RecordKey][]>();
function singletonKeys(account: string): [string, RecordKey][] {
  let ks = singletons.get(account);
  if (!ks) {
    ks = [keyed([account, GLOBAL, 's3', 'master-key', 'current']), keyed([account, GLOBAL, 'cognito-identity', 'openid-signing-key', 'current'])];
    // Accounts are few (the lab's and the partner's); the bound only guards against growth.
    if (singletons.size > 100) singletons.clear();
    singletons.set(account, ks);
  }
  return ks;
}

function* regionKeys(account: string, service: 'kms' | 'cognito-identity', region: string, r: RegionLike): Generator<RecordKey> {
  const kinds: [string, string][] = service === 'kms' ? [['keys', 'key'], ['aliases', 'alias']] : [['pools', 'pool'], ['identities', 'identity']];
  for (const [member, kind] of kinds) for (const id of Object.keys(r[member] ?? {})) yield [account, region, service, kind, id];
}

function* bucketKeys(account: string, b: Bucket): Generator<RecordKey> {
  yield [account, b.region, 's3', 'bucket', b.name];
  for (const k of Object.keys(b.objects ?? {})) yield [account, b.region, 's3', 'object', `${b.name}/${k}`];
  for (const id of Object.keys(b.uploads ?? {})) yield [account, b.region, 's3', 'upload', `${b.name}/${id}`];
}

function* s3Keys(account: string, s3: S3State): Generator<RecordKey> {
  yield [account, GLOBAL, 's3', 'master-key', 'current'];
  for (const b of Object.values(s3.buckets)) yield* bucketKeys(account, b);
}
