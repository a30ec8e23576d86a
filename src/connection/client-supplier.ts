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
import type { MetadataBearer, MiddlewareStack } from '@smithy/types';
import {
  browserStorage,
  cognitoBasicCredentials,
  staticCredentials,
  type IdentityCredentials,
  type KeyValueStorage,
} from './credentials';
import { attachInspector } from './inspector-middleware';
import { inspector as defaultInspector, type InspectorStore } from './inspector-store';
import {
  poolRegion,
  SANDBOX_ACCOUNT_ID,
  SANDBOX_GUEST_ROLE_ARN,
  SANDBOX_IDENTITY_POOL_ID,
  settingsKey,
  type BackendSettings,
  type StaticCredentials,
} from './settings';
import type { DemoPrincipal, LabClients } from './types';
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
  /** Where the engine runs, seen from this tab ('shared-worker', 'leader', 'follower'…). */
  hostMode?(): string;
  /** The whole lab in the portable export format (docs/sandbox.md). */
  exportLab?(): Promise<string>;
  /** Replaces the lab from an export; rejects with SandboxStoreError for a damaged file (nothing changed). */
  importState?(json: string): Promise<void>;
  /** S3's data events (object calls), newest first: LookupEvents does not return them. */
  s3DataEvents?(): TrailEvent[] | Promise<TrailEvent[]>;
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
  credentials(): Promise<IdentityCredentials>;
  /** Sandbox backend only. */
  sandbox?: () => Promise<SandboxLike>;
  /** Serves a lab's worker with this backend's credentials, handler and inspector (worker-bridge.ts). */
  connectWorker(worker: { postMessage(message: unknown, transfer: Transferable[]): void }): Promise<() => void>;
}

const SANDBOX_ADMIN = { accessKeyId: 'test', secretAccessKey: 'test' };

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
  async function baseConfig(clientRegion: string) {
    const requestHandler = sandbox ? (await sandbox()).requestHandler : opts.requestHandler;
    return {
      region: clientRegion,
      ...(endpoint ? { endpoint } : {}),
      ...(requestHandler ? { requestHandler } : {}),
      // One request per call on the sandbox, so the inspector and trail show exactly what happened.
      ...(sandbox ? { maxAttempts: 1 } : {}),
    };
  }

  function withInspector<C extends object>(client: C, service: string, clientRegion: string, principal?: string): C {
    attachInspector(client as unknown as AnyClient, store, {
      backend: settings.backend,
      service,
      region: clientRegion,
      endpoint,
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
      identity = staticCredentials(SANDBOX_ADMIN, 'test (administrator)', `arn:aws:iam::${SANDBOX_ACCOUNT_ID}:user/lab-admin`);
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
  ): Promise<C> {
    return cached(name, async () => {
      const base = await baseConfig(region);
      return withInspector(make({ ...base, credentials: credentialProvider }), name, region);
    });
  }

  const clients: BackendRuntime['clients'] = {
    kms: () =>
      import('@aws-sdk/client-kms').then(({ KMSClient }) => signedClient<KMSClient>('KMS', (c) => new KMSClient(c))),
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
    ...(sandbox ? { kmsAs: (who: DemoPrincipal) => kmsAs(who) } : {}),
    // A KMS client signed with credentials other than the lab's own (the Identity panel's
    // enhanced-flow session), recorded in the inspector like every other call. Not cached.
    kmsWith: async (credentials) => {
      const [{ KMSClient }, base] = await Promise.all([import('@aws-sdk/client-kms'), baseConfig(region)]);
      return withInspector(new KMSClient({ ...base, credentials }), 'KMS', region);
    },
  };

  /**
   * The sandbox's demo principals: `test`/`test` is public there, so the page may act as the
   * administrator, and through STS AssumeRole (signed with those keys, shown in the inspector) as
   * any demo role whose trust policy admits the account. Credentials stay in memory.
   */
  function kmsAs(who: DemoPrincipal): Promise<KMSClient> {
    return cached(`KMS as ${who}`, async () => {
      const [{ KMSClient }, { STSClient, AssumeRoleCommand }, base] = await Promise.all([
        import('@aws-sdk/client-kms'),
        import('@aws-sdk/client-sts'),
        baseConfig(region),
      ]);
      if (who === 'lab-admin') return withInspector(new KMSClient({ ...base, credentials: SANDBOX_ADMIN }), 'KMS', region, 'lab-admin');
      const adminSts = withInspector(new STSClient({ ...base, credentials: SANDBOX_ADMIN }), 'STS', region, 'lab-admin');
      let current: { accessKeyId: string; secretAccessKey: string; sessionToken: string; expiration: Date } | undefined;
      const provider = async () => {
        if (current && current.expiration.getTime() - Date.now() > 5 * 60_000) return current;
        const out = await adminSts.send(
          new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${SANDBOX_ACCOUNT_ID}:role/${who}`, RoleSessionName: 'kms-study-lab' }),
        );
        const c = out.Credentials!;
        current = { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken!, expiration: c.Expiration! };
        return current;
      };
      return withInspector(new KMSClient({ ...base, credentials: provider }), 'KMS', region, who);
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
            const { response } = await handler.handle(new HttpRequest(req));
            return {
              statusCode: response.statusCode,
              headers: response.headers,
              body: response.body as WireResponse['body'],
            };
          }
        : undefined,
    });
  }

  return { key: settingsKey(settings), settings, clients, credentials, sandbox, connectWorker };
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
