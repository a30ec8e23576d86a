/**
 * The client supplier: one set of SDK clients per backend + region + target, built on first use.
 * The SDK and the sandbox are loaded with import(), so neither is in the entry chunk. Panels never
 * build clients; they ask ConnectionInfo.clients.
 */
import type { CloudTrailClient } from '@aws-sdk/client-cloudtrail';
import type { CognitoIdentityClient } from '@aws-sdk/client-cognito-identity';
import type { KMSClient } from '@aws-sdk/client-kms';
import type { S3Client } from '@aws-sdk/client-s3';
import type { STSClient } from '@aws-sdk/client-sts';
import type { HttpHandler } from '@smithy/protocol-http';
import type { HttpHandlerOptions, MetadataBearer, MiddlewareStack } from '@smithy/types';
import {
  browserStorage,
  cognitoBasicCredentials,
  staticCredentials,
  type IdentityCredentials,
  type KeyValueStorage,
} from './credentials';
import { attachInspector } from './inspector-middleware';
import { inspector as defaultInspector, type InspectorStore } from './inspector-store';
import { demoAccount, demoCallerArn, demoSigner, DEMO_SESSION_NAME, LAB_ADMIN_KEYS, type PagePrincipal } from './principals';
import {
  accountFor,
  poolRegion,
  SANDBOX_GUEST_ROLE_ARN,
  SANDBOX_IDENTITY_POOL_ID,
  settingsKey,
  type BackendSettings,
  type StaticCredentials,
} from './settings';
import type { DemoPrincipal, LabClients, QuotaMode, QuotaStatusView, StoredObjectView } from './types';
import type { TrailEvent } from '../sandbox/shared/trail-types';
import { serveWorker, type WireRequest, type WireResponse } from './worker-bridge';

/** A committed change to the sandbox's state, made by this tab or another (src/sandbox/host/messages.ts). */
export interface SandboxChangeLike {
  epoch: number;
  kind: 'commit' | 'reset' | 'clock' | 'import';
  services: string[];
}

/**
 * What the connection layer needs from the embedded sandbox: in the browser the page-side proxy of
 * the one engine per origin (src/sandbox/host/page-sandbox.ts); in Node tests createSandbox() itself.
 */
export interface SandboxLike {
  requestHandler: HttpHandler;
  clock: { now(): number; advanceDays(days: number): Promise<unknown> };
  reset(): unknown;
  /** Changes any tab committed; the panels' queries and the header's date follow them. */
  subscribe?(listener: (change: SandboxChangeLike) => void): () => void;
  /** Test-only (the app's test hooks): makes the engine's store fail its next commit. */
  injectFault?(fault: 'quota' | 'closed' | 'blocked'): Promise<void>;
  /** Test-only: the engine's worker closes itself, as when the browser shuts it down. */
  stopEngine?(): Promise<void>;
  /** Where the engine runs, seen from this tab ('shared-worker', 'leader', 'follower'…). */
  hostMode?(): string;
  /** The engine calls this tab still waits on, oldest first (diagnostics: the bench's state dump). */
  unanswered?(): { op: string; waitedMs: number }[];
  /** The whole lab in the portable export format (docs/sandbox.md), built piece by piece into a Blob. */
  exportLab?(): Promise<Blob>;
  /** The raw-storage view of an S3 object (the S3 SSE lab). */
  inspectS3Object?(bucket: string, key: string): Promise<StoredObjectView | undefined>;
  /** Replaces the lab from an export; rejects with SandboxStoreError for a damaged file (nothing changed). */
  importState?(source: string | Blob): Promise<void>;
  /** S3's data events (object calls), newest first: LookupEvents does not return them. */
  s3DataEvents?(): TrailEvent[] | Promise<TrailEvent[]>;
  /** The browser host's request-quota control (src/sandbox/host/page-sandbox.ts). */
  quotaMode?(mode?: QuotaMode): Promise<QuotaStatusView>;
  /** createSandbox()'s own quota model (Node tests). */
  quotas?: { getMode(): QuotaMode; setMode(mode: QuotaMode): void; usage(): QuotaStatusView['usage'] };
}

/** Reads or sets the sandbox's request-quota mode, whichever way this sandbox offers it. */
export async function sandboxQuotaMode(sb: SandboxLike, mode?: QuotaMode): Promise<QuotaStatusView> {
  if (sb.quotaMode) return sb.quotaMode(mode);
  if (!sb.quotas) throw new Error('This sandbox has no request quotas.');
  if (mode) sb.quotas.setMode(mode);
  return { mode: sb.quotas.getMode(), usage: sb.quotas.usage() };
}

export interface RuntimeOptions {
  staticCredentials?: StaticCredentials;
  inspector?: InspectorStore;
  storage?: KeyValueStorage;
  /** Loads the sandbox (default: the browser sandbox with its IndexedDB store). */
  loadSandbox?: () => Promise<SandboxLike>;
  /** Tests inject a handler for the aws/endpoint backends instead of fetch. */
  requestHandler?: HttpHandler;
}

export interface BackendRuntime {
  key: string;
  settings: BackendSettings;
  clients: LabClients & { cognito(): Promise<CognitoIdentityClient>; sts(): Promise<STSClient> };
  /**
   * The clients as a page principal (the header's switcher): `self` is `clients`; a demo principal
   * gets its own KMS, S3 and CloudTrail clients signed with its own credentials. Sandbox only.
   */
  clientsAs(principal: PagePrincipal): LabClients;
  credentials(): Promise<IdentityCredentials>;
  /** Sandbox backend only. */
  sandbox?: () => Promise<SandboxLike>;
  /** Serves a lab's worker with this backend's credentials, handler and inspector (worker-bridge.ts). */
  connectWorker(worker: { postMessage(message: unknown, transfer: Transferable[]): void }): Promise<() => void>;
}

async function defaultLoadSandbox(): Promise<SandboxLike> {
  const { loadBrowserSandbox } = await import('./sandbox-loader');
  return loadBrowserSandbox();
}

type AnyClient = { middlewareStack: MiddlewareStack<object, MetadataBearer> };

export function createBackendRuntime(settings: BackendSettings, opts: RuntimeOptions = {}): BackendRuntime {
  const store = opts.inspector ?? defaultInspector;
  const storage = opts.storage ?? browserStorage();
  const region = settings.region;

  let sandboxPromise: Promise<SandboxLike> | undefined;
  const sandbox =
    settings.backend === 'sandbox'
      ? () => {
          sandboxPromise ??= (opts.loadSandbox ?? defaultLoadSandbox)().catch((e: unknown) => {
            sandboxPromise = undefined; // let a retry (after a reset) load it again
            throw e;
          });
          return sandboxPromise;
        }
      : undefined;

  const endpoint = settings.backend === 'endpoint' ? settings.endpoint : undefined;

  /** Region, endpoint, handler and retries shared by every client of this backend. */
  async function baseConfig(clientRegion: string, retrying = false) {
    const requestHandler = sandbox ? (await sandbox()).requestHandler : opts.requestHandler;
    return {
      region: clientRegion,
      ...(endpoint ? { endpoint } : {}),
      ...(requestHandler ? { requestHandler } : {}),
      // One request per call on the sandbox, so the inspector and trail show exactly what happened;
      // the quotas lesson asks for the SDK's standard retries (3 attempts with backoff) on purpose.
      ...(retrying ? { maxAttempts: 3, retryMode: 'standard' } : sandbox ? { maxAttempts: 1 } : {}),
    };
  }

  const ownAccount = accountFor(settings);
  function withInspector<C extends object>(client: C, service: string, clientRegion: string, principal?: string, account = ownAccount): C {
    attachInspector(client as unknown as AnyClient, store, {
      backend: settings.backend,
      service,
      region: clientRegion,
      endpoint,
      account,
      ...(principal ? { principal } : {}),
    });
    return client;
  }

  const cache = new Map<string, Promise<unknown>>();
  function cached<T>(name: string, make: () => Promise<T>): Promise<T> {
    let p = cache.get(name) as Promise<T> | undefined;
    if (!p) {
      p = make().catch((e: unknown) => {
        cache.delete(name);
        throw e;
      });
      cache.set(name, p);
    }
    return p;
  }

  const credsRegion =
    settings.backend === 'sandbox'
      ? poolRegion(SANDBOX_IDENTITY_POOL_ID)
      : 'identityPoolId' in settings && settings.identityPoolId
        ? poolRegion(settings.identityPoolId)
        : region;

  // Cognito's GetId/GetOpenIdToken and STS AssumeRoleWithWebIdentity are unsigned: no credentials.
  const cognito = () =>
    cached('cognito', async () => {
      const [{ CognitoIdentityClient }, base] = await Promise.all([import('@aws-sdk/client-cognito-identity'), baseConfig(credsRegion)]);
      return withInspector(new CognitoIdentityClient(base), 'CognitoIdentity', credsRegion);
    });
  const sts = () =>
    cached('sts', async () => {
      const [{ STSClient }, base] = await Promise.all([import('@aws-sdk/client-sts'), baseConfig(credsRegion)]);
      return withInspector(new STSClient(base), 'STS', credsRegion);
    });

  let identity: IdentityCredentials | undefined;
  function credentials(): Promise<IdentityCredentials> {
    if (identity) return Promise.resolve(identity);
    const scope = settingsKey(settings);
    if (settings.backend === 'sandbox' && settings.identity === 'admin') {
      identity = staticCredentials({ ...LAB_ADMIN_KEYS }, 'test (administrator)', demoCallerArn('lab-admin'));
    } else if (settings.backend === 'endpoint' && settings.auth === 'static') {
      const sc = opts.staticCredentials;
      identity = sc
        ? staticCredentials(sc, `static key ${sc.accessKeyId.slice(0, 4)}…`)
        : {
            provider: () =>
              Promise.reject(
                Object.assign(new Error('No credentials: enter an access key on the settings page (kept in memory only).'), {
                  name: 'CredentialsProviderError',
                }),
              ),
            identityId: () => undefined,
            principalArn: () => undefined,
            subscribe: () => () => undefined,
          };
    } else {
      const pool =
        settings.backend === 'sandbox'
          ? { identityPoolId: SANDBOX_IDENTITY_POOL_ID, roleArn: SANDBOX_GUEST_ROLE_ARN }
          : { identityPoolId: settings.identityPoolId ?? '', roleArn: settings.roleArn ?? '' };
      identity = cognitoBasicCredentials({ ...pool, cognito, sts, storage, storageKey: `kms-lab:identity:${scope}` });
    }
    return Promise.resolve(identity);
  }

  const credentialProvider = async () => (await credentials()).provider();

  function signedClient<C extends object>(
    name: string,
    make: (config: Awaited<ReturnType<typeof baseConfig>> & { credentials: typeof credentialProvider }) => C,
    clientRegion = region,
  ): Promise<C> {
    // The backend's own Region keeps the plain name; other Regions get their own cached client.
    return cached(clientRegion === region ? name : `${name}@${clientRegion}`, async () => {
      const base = await baseConfig(clientRegion);
      return withInspector(make({ ...base, credentials: credentialProvider }), name, clientRegion);
    });
  }

  const clients: BackendRuntime['clients'] = {
    kms: (options) =>
      import('@aws-sdk/client-kms').then(({ KMSClient }) =>
        signedClient<KMSClient>('KMS', (c) => new KMSClient(c), options?.region ?? region),
      ),
    s3: () =>
      import('@aws-sdk/client-s3').then(({ S3Client }) =>
        // Path-style for endpoints (moto, the sandbox server): no wildcard DNS on 127.0.0.1.
        signedClient<S3Client>('S3', (c) => new S3Client({ ...c, ...(endpoint ? { forcePathStyle: true } : {}) })),
      ),
    cloudtrail: () =>
      import('@aws-sdk/client-cloudtrail').then(({ CloudTrailClient }) =>
        signedClient<CloudTrailClient>('CloudTrail', (c) => new CloudTrailClient(c)),
      ),
    cognito,
    sts,
    ...(sandbox
      ? {
          kmsAs: (who: DemoPrincipal, options?: { region?: string }) => kmsAs(who, options?.region ?? region),
          stsAs: (who: DemoPrincipal) => stsAs(who),
          kmsRetrying: (who?: DemoPrincipal) => kmsRetrying(who),
          s3As: () => s3AsAdmin(),
        }
      : {}),
    // A KMS client signed with credentials other than the lab's own (the Identity panel's
    // enhanced-flow session), recorded in the inspector like every other call. Not cached.
    kmsWith: async (credentials) => {
      const [{ KMSClient }, base] = await Promise.all([import('@aws-sdk/client-kms'), baseConfig(region)]);
      return withInspector(new KMSClient({ ...base, credentials }), 'KMS', region);
    },
  };

  /**
   * The sandbox's demo principals: `test`/`test` (and the second account's `444455556666`/`test`)
   * are public there, so the page may act as either administrator, and through STS AssumeRole
   * (signed with the administrator's keys of the role's account, shown in the inspector) as any
   * demo role whose trust policy admits that account. Credentials stay in memory.
   */
  type Creds = { accessKeyId: string; secretAccessKey: string; sessionToken?: string; expiration?: Date };
  function demoCredentials(who: DemoPrincipal): () => Promise<Creds> {
    const { keys, roleArn, signer } = demoSigner(who);
    if (!roleArn) return () => Promise.resolve({ ...keys });
    let current: Creds | undefined;
    return async () => {
      if (current?.expiration && current.expiration.getTime() - Date.now() > 5 * 60_000) return current;
      const [{ STSClient, AssumeRoleCommand }, base] = await Promise.all([import('@aws-sdk/client-sts'), baseConfig(region)]);
      const adminSts = withInspector(new STSClient({ ...base, credentials: keys }), 'STS', region, signer, demoAccount(signer));
      const out = await adminSts.send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: DEMO_SESSION_NAME }));
      const c = out.Credentials!;
      current = { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken!, expiration: c.Expiration! };
      return current;
    };
  }
  const demoProviders = new Map<DemoPrincipal, () => Promise<Creds>>();
  const providerFor = (who: DemoPrincipal) => {
    let p = demoProviders.get(who);
    if (!p) demoProviders.set(who, (p = demoCredentials(who)));
    return p;
  };

  /** KMS as a demo principal, in the lab's Region or another (the multi-Region lab): one cached client each. */
  function kmsAs(who: DemoPrincipal, clientRegion: string = region): Promise<KMSClient> {
    return cached(clientRegion === region ? `KMS as ${who}` : `KMS as ${who}@${clientRegion}`, async () => {
      const [{ KMSClient }, base] = await Promise.all([import('@aws-sdk/client-kms'), baseConfig(clientRegion)]);
      return withInspector(new KMSClient({ ...base, credentials: providerFor(who) }), 'KMS', clientRegion, who, demoAccount(who));
    });
  }
  function stsAs(who: DemoPrincipal): Promise<STSClient> {
    return cached(`STS as ${who}`, async () => {
      const [{ STSClient }, base] = await Promise.all([import('@aws-sdk/client-sts'), baseConfig(region)]);
      return withInspector(new STSClient({ ...base, credentials: providerFor(who) }), 'STS', region, who, demoAccount(who));
    });
  }
  function kmsRetrying(who?: DemoPrincipal): Promise<KMSClient> {
    return cached(`KMS retrying as ${who ?? 'self'}`, async () => {
      const [{ KMSClient }, base] = await Promise.all([import('@aws-sdk/client-kms'), baseConfig(region, true)]);
      const credentials = who ? providerFor(who) : credentialProvider;
      return withInspector(new KMSClient({ ...base, credentials }), 'KMS', region, who, who ? demoAccount(who) : ownAccount);
    });
  }

  /** The clients as a page principal; cached per principal, so each keeps its own credentials. */
  const asClients = new Map<PagePrincipal, LabClients>();
  function clientsAs(principal: PagePrincipal): LabClients {
    if (principal === 'self' || !sandbox) return clients;
    let set = asClients.get(principal);
    if (set) return set;
    const who: DemoPrincipal = principal;
    const signed = <C extends object>(name: string, make: (c: Awaited<ReturnType<typeof baseConfig>> & { credentials: () => Promise<Creds> }) => C) =>
      cached(`${name} as ${who}`, async () => {
        const base = await baseConfig(region);
        return withInspector(make({ ...base, credentials: providerFor(who) }), name, region, who, demoAccount(who));
      });
    set = {
      ...clients,
      kms: () => import('@aws-sdk/client-kms').then(({ KMSClient }) => signed<KMSClient>('KMS', (c) => new KMSClient(c))),
      s3: () => import('@aws-sdk/client-s3').then(({ S3Client }) => signed<S3Client>('S3', (c) => new S3Client(c))),
      cloudtrail: () =>
        import('@aws-sdk/client-cloudtrail').then(({ CloudTrailClient }) => signed<CloudTrailClient>('CloudTrail', (c) => new CloudTrailClient(c))),
    };
    asClients.set(principal, set);
    return set;
  }

  /** S3 as the sandbox administrator (`test`/`test` is public there): bucket-level settings for the S3 SSE lab. */
  function s3AsAdmin(): Promise<S3Client> {
    return cached('S3 as lab-admin', async () => {
      const [{ S3Client }, base] = await Promise.all([import('@aws-sdk/client-s3'), baseConfig(region)]);
      return withInspector(new S3Client({ ...base, credentials: { ...LAB_ADMIN_KEYS } }), 'S3', region, 'lab-admin', demoAccount('lab-admin'));
    });
  }

  async function connectWorker(worker: { postMessage(message: unknown, transfer: Transferable[]): void }): Promise<() => void> {
    const handler = sandbox ? (await sandbox()).requestHandler : undefined;
    const [{ HttpRequest }] = await Promise.all([import('@smithy/protocol-http')]);
    return serveWorker(worker, {
      init: {
        backend: settings.backend,
        region,
        ...(endpoint ? { endpoint } : {}),
        forcePathStyle: Boolean(endpoint),
        ...(sandbox ? { maxAttempts: 1 } : {}),
        forward: Boolean(handler),
      },
      credentials: credentialProvider,
      inspector: store,
      handle: handler
        ? async (req: WireRequest): Promise<WireResponse> => {
            // The body came over the port for this one call, and nothing here reads or resends it: it is
            // handed to the sandbox, which then moves a whole part to its engine instead of copying it.
            const handOver: HttpHandlerOptions & { transferBody: boolean } = { transferBody: true };
            const { response } = await handler.handle(new HttpRequest(req), handOver);
            return {
              statusCode: response.statusCode,
              headers: response.headers,
              body: response.body as WireResponse['body'],
            };
          }
        : undefined,
    });
  }

  return { key: settingsKey(settings), settings, clients, clientsAs, credentials, sandbox, connectWorker };
}

/** One runtime per backend + region + target, shared by every caller. */
export class ClientSupplier {
  private readonly runtimes = new Map<string, BackendRuntime>();
  constructor(private readonly opts: RuntimeOptions = {}) {}

  get(settings: BackendSettings, staticCreds?: StaticCredentials): BackendRuntime {
    const key = settingsKey(settings) + (staticCreds ? `|${staticCreds.accessKeyId}` : '');
    let rt = this.runtimes.get(key);
    if (!rt) {
      rt = createBackendRuntime(settings, { ...this.opts, staticCredentials: staticCreds ?? this.opts.staticCredentials });
      this.runtimes.set(key, rt);
    }
    return rt;
  }

  /** Drops a runtime (after new static keys, or a sandbox reset) so the next get() builds it afresh. */
  forget(settings: BackendSettings): void {
    const prefix = settingsKey(settings);
    for (const k of [...this.runtimes.keys()]) if (k === prefix || k.startsWith(`${prefix}|`)) this.runtimes.delete(k);
  }
}
