import { createContext, startTransition, use, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { clearLabState } from '../lib/lab-state';
import { useQueryClient } from '@tanstack/react-query';
import { readMayHaveChanged } from './change-scope';
import { ClientSupplier, sandboxQuotaMode, type BackendRuntime } from './client-supplier';
import { browserStorage } from './credentials';
import {
  DEFAULT_SETTINGS,
  keyPrefixFor,
  guestPoolOf,
  labBucketOf,
  quickSandboxSettings,
  SETTINGS_STORAGE_KEY,
  type BackendSettings,
  type StaticCredentials,
} from './settings';
import type { ConnectionInfo } from './types';
import { demoCallerArn, principalInfo, type PagePrincipal } from './principals';
import { exposeTestHooks } from './test-hooks';
import { prefetchSdkClients, readLabConfig, sandboxIsLikely, savedSettingsJson, startEngineWorker, takeEarlyLabConfig } from './early-start';
import { afterFirstContentfulPaint } from '../lib/after-paint';

export interface SandboxProblem {
  message: string;
  /** What can still be read, in the export format (undefined when nothing can be). */
  exportReadable(): Promise<string | undefined>;
  /** Empties the saved sandbox and starts again. */
  recover(): Promise<void>;
}

export interface ConnectionControls {
  /** undefined until lab-config.json, saved settings and the URL have been read. */
  settings: BackendSettings | undefined;
  info: ConnectionInfo | undefined;
  notices: readonly string[];
  dismissNotice(index: number): void;
  identityId: string | undefined;
  principalArn: string | undefined;
  /** Who the page's calls run as (the principal switcher; always 'self' on aws/endpoint). */
  principal: PagePrincipal;
  /** Switches the principal (sandbox only: elsewhere it stays 'self'). */
  setPrincipal(principal: PagePrincipal): void;
  /** The ARN the calls run as, for the header (the chosen principal's, or the identity's). */
  callerArn: string | undefined;
  /** The account the calls run in. */
  callerAccount: string | undefined;
  /** Simulated time on the sandbox (epoch ms), once the sandbox has loaded. */
  simulatedNow: number | undefined;
  /** Why the credentials could not be obtained, if they could not. */
  identityError: string | undefined;
  sandboxProblem: SandboxProblem | undefined;
  hasStaticCredentials: boolean;
  apply(settings: BackendSettings, staticCredentials?: StaticCredentials): void;
  advanceDays(days: number): Promise<void>;
  resetSandbox(): Promise<void>;
  /** Sandbox only: the lab as an export file's text. */
  exportLab(): Promise<Blob>;
  /** Sandbox only: replaces the lab from an export file's text (other tabs follow). */
  importLab(source: string | Blob): Promise<void>;
}

interface Ctx extends ConnectionControls {
  ready: Promise<ConnectionInfo>;
}

const ConnectionContext = createContext<Ctx | null>(null);

function useCtx(): Ctx {
  const ctx = useContext(ConnectionContext);
  if (!ctx) throw new Error('useConnection needs <ConnectionProvider> above it.');
  return ctx;
}

/** The active backend. Suspends (inside a Suspense boundary) until the settings are known. */
export function useConnection(): ConnectionInfo {
  const ctx = useCtx();
  return ctx.info ?? use(ctx.ready);
}

/** Every query key starts with the connection's key prefix (keyPrefixFor: backend, account, region, scope). */
const KEY_PREFIX_LENGTH = 4;

/** Settings, identity, clock and recovery, for the header and the settings page. Never suspends. */
export function useConnectionControls(): ConnectionControls {
  return useCtx();
}

function deferred<T>() {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

function isStoreError(e: unknown): e is Error & { store?: { clear(): Promise<void> } } {
  return (e as { name?: string })?.name === 'SandboxStoreError';
}

function describeError(e: unknown): string {
  const err = e as { name?: string; message?: string };
  return `${err?.name ?? 'Error'}: ${err?.message ?? String(e)}`;
}

const defaultSupplier = new ClientSupplier();

interface InitialConnection {
  settings: BackendSettings;
  notices: string[];
}

async function resolveInitial(): Promise<InitialConnection> {
  const storage = browserStorage();
  const saved = storage.getItem(SETTINGS_STORAGE_KEY);
  const search = location.search;
  // The entry (src/boot.ts) asked for lab-config.json already; a second read asks again.
  let early: Promise<unknown> | undefined = takeEarlyLabConfig();
  const fetchLabConfig = async () => {
    const first = early;
    early = undefined;
    return first ?? readLabConfig();
  };
  // The common case (a plain sandbox, nothing in the URL) is checked without zod; anything else
  // loads the full validation lazily.
  const urlSaysNothing = !/[?&][^=&]*(backend|region|identity|pool|role|bucket|endpoint|secret|token|key|password|session|credential)/i.test(search);
  const savedJson = savedSettingsJson(saved);
  const savedQuick = savedJson === undefined ? undefined : quickSandboxSettings(savedJson);
  // The sandbox is the likely backend: its engine's worker started with the page (src/boot.ts; again
  // here for a page whose entry did not, which costs nothing: one connection per page), and it opens
  // the engine itself, which the page never imports. The SDK clients load once the page has painted.
  if (sandboxIsLikely(savedJson)) {
    startEngineWorker();
    // The page's side of the engine's link and its SDK request handler, fetched alongside the settings.
    void import('./sandbox-loader').catch(() => undefined);
    afterFirstContentfulPaint(() => void prefetchSdkClients());
  }
  if (urlSaysNothing && (savedJson === undefined || savedQuick)) {
    const json = await fetchLabConfig().catch(() => 'unreadable' as const);
    const fromConfig = json === undefined ? DEFAULT_SETTINGS : quickSandboxSettings(json);
    if (fromConfig) return { settings: savedQuick ?? fromConfig, notices: [] };
  }
  const { resolveSettings } = await import('./config');
  const resolved = await resolveSettings({ fetchLabConfig, saved, search });
  if (resolved.consumedParams.length) {
    // Keep the address bar free of settings (and of any refused secret).
    const url = new URL(location.href);
    for (const p of resolved.consumedParams) url.searchParams.delete(p);
    history.replaceState(history.state, '', url);
  }
  return { settings: resolved.settings, notices: resolved.notices };
}

let initial: Promise<InitialConnection> | undefined;
/** Settles once the page's startup work for the backend (the sandbox's engine, the first credentials) is over, however it went. */
let warmedUp: Promise<void> | undefined;

/**
 * Reads lab-config.json, saved settings and the URL, once per page, and starts loading the backend
 * (sandbox, guest credentials) at once, so the first panel call finds them ready. Never rejects.
 */
export function startConnection(): Promise<InitialConnection> {
  initial ??= resolveInitial()
    .catch((e: unknown) => ({ settings: DEFAULT_SETTINGS as BackendSettings, notices: [`Settings could not be read (${describeError(e)}); using the sandbox.`] }))
    .then((r) => {
      const rt = defaultSupplier.get(r.settings);
      // Failures here are shown by the provider, which asks again.
      const sandbox = rt.sandbox?.().catch(() => undefined);
      const creds = rt
        .credentials()
        .then((c) => c.provider())
        .catch(() => undefined);
      warmedUp = Promise.all([sandbox, creds]).then(() => undefined);
      return r;
    });
  return initial;
}

/**
 * Resolves once the page's startup work for its backend is over (settings read, the sandbox's engine
 * open, the first credentials obtained or refused). Work that can wait (the service worker's
 * precaching) waits for it, so it never competes with the first panel's first call. Never rejects.
 */
export async function connectionSettled(): Promise<void> {
  await startConnection();
  await warmedUp;
}

export interface ConnectionProviderProps {
  children: ReactNode;
  /** Tests pass a supplier with injected handlers; the app uses the default. */
  supplier?: ClientSupplier;
  /** Skip reading lab-config.json and the URL (tests). */
  initialSettings?: BackendSettings;
}

export function ConnectionProvider({ children, supplier: injected, initialSettings }: ConnectionProviderProps) {
  const queryClient = useQueryClient();
  const supplier = injected ?? defaultSupplier;
  const storage = useMemo(() => browserStorage(), []);
  const readyRef = useRef(deferred<ConnectionInfo>());
  const [settings, setSettings] = useState<BackendSettings | undefined>(initialSettings);
  const [staticCreds, setStaticCreds] = useState<StaticCredentials | undefined>();
  const [notices, setNotices] = useState<string[]>([]);
  const [identityId, setIdentityId] = useState<string | undefined>();
  const [principalArn, setPrincipalArn] = useState<string | undefined>();
  const [identityError, setIdentityError] = useState<string | undefined>();
  const [simulatedNow, setSimulatedNow] = useState<number | undefined>();
  const [storeError, setStoreError] = useState<(Error & { store?: { clear(): Promise<void> } }) | undefined>();
  const [generation, setGeneration] = useState(0);
  // Memory only: a reload starts as the learner's own identity again.
  const [pagePrincipal, setPagePrincipal] = useState<PagePrincipal>('self');
  const principal: PagePrincipal = settings?.backend === 'sandbox' ? pagePrincipal : 'self';
  /** True while this tab resets: its own reset rebuilds the runtime once, not again on the broadcast. */
  const resettingRef = useRef(false);

  // Settings are resolved once per page (startConnection, called by main.tsx before the first render).
  useEffect(() => {
    if (initialSettings) return;
    let cancelled = false;
    void startConnection().then((r) => {
      if (cancelled) return;
      // These render the whole app again: as a transition, in slices that leave the page responsive.
      startTransition(() => {
        setNotices(r.notices);
        setSettings(r.settings);
      });
    });
    return () => {
      cancelled = true;
    };
  }, [initialSettings]);

  const runtime: BackendRuntime | undefined = useMemo(
    () => (settings ? supplier.get(settings, staticCreds) : undefined),
    // generation: a sandbox reset builds a fresh runtime.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [settings, staticCreds, supplier, generation],
  );

  // Warm up after the first paint: load the sandbox and get the guest identity, so the header shows
  // it and the first panel call does not wait for it.
  useEffect(() => {
    if (!runtime) return;
    let cancelled = false;
    setIdentityId(undefined);
    setPrincipalArn(undefined);
    setIdentityError(undefined);
    setSimulatedNow(undefined);
    let unsubscribe = () => {};
    let unsubscribeChanges = () => {};
    let invalidateTimer: ReturnType<typeof setTimeout> | undefined;
    const changedServices = new Set<string>();
    exposeTestHooks(runtime);
    // Right away (the first paint is done by now): the first panel call then finds it ready.
    {
      void (async () => {
        try {
          if (runtime.sandbox) {
            const sb = await runtime.sandbox();
            if (cancelled) return;
            startTransition(() => setSimulatedNow(sb.clock.now()));
            let shownOffset = sb.clock.now() - Date.now();
            // Another tab's writes (or this tab's): open panels refetch, the header's date follows.
            unsubscribeChanges =
              sb.subscribe?.((change) => {
                if (cancelled) return;
                // Only a clock move (days at a time) changes the simulated date: an ordinary commit
                // keeps it, and setting it anyway would render every panel again for each write.
                const offset = sb.clock.now() - Date.now();
                if (Math.abs(offset - shownOffset) > 1000) {
                  shownOffset = offset;
                  setSimulatedNow(sb.clock.now());
                }
                if (change.kind === 'reset' || change.kind === 'import') {
                  if (resettingRef.current) return;
                  supplier.forget(runtime.settings);
                  queryClient.removeQueries({ queryKey: [runtime.settings.backend] });
                  setGeneration((g) => g + 1);
                  return;
                }
                // Coalesced: a burst of commits refreshes the open panels once, and only the reads the
                // changed services can affect (change-scope.ts: an S3 upload leaves the key lists alone).
                for (const s of change.services) changedServices.add(s);
                if (change.services.length === 0) changedServices.add('*');
                invalidateTimer ??= setTimeout(() => {
                  invalidateTimer = undefined;
                  const services = changedServices.has('*') ? [] : [...changedServices];
                  changedServices.clear();
                  // A fetch already on its way (this tab's own mutation refreshing) is kept, not restarted.
                  if (!cancelled) {
                    void queryClient.invalidateQueries(
                      { queryKey: [runtime.settings.backend], predicate: (q) => readMayHaveChanged(q.queryKey, KEY_PREFIX_LENGTH, services) },
                      { cancelRefetch: false },
                    );
                  }
                }, 50);
              }) ?? (() => {});
          }
          const creds = await runtime.credentials();
          // A new identity renders every panel again (the connection's value changes): as a transition.
          const sync = () => {
            if (cancelled) return;
            startTransition(() => {
              setIdentityId(creds.identityId());
              setPrincipalArn(creds.principalArn());
            });
          };
          unsubscribe = creds.subscribe(sync);
          sync();
          await creds.provider();
          sync();
        } catch (e) {
          if (cancelled) return;
          if (isStoreError(e)) setStoreError(e);
          else setIdentityError(describeError(e));
        }
      })();
    }
    return () => {
      cancelled = true;
      unsubscribe();
      unsubscribeChanges();
      if (invalidateTimer !== undefined) clearTimeout(invalidateTimer);
    };
  }, [runtime, supplier, queryClient]);

  const info: ConnectionInfo | undefined = useMemo(() => {
    if (!runtime || !settings) return undefined;
    const own = keyPrefixFor(settings);
    const account = principal === 'self' ? own[1] : principalInfo(principal).account;
    return {
      backend: settings.backend,
      region: settings.region,
      // Each principal has its own query keys: one principal's reads are never shown as another's.
      keyPrefix: principal === 'self' ? own : ([own[0], account, own[2], `${own[3]}|as:${principal}`] as const),
      clients: runtime.clientsAs(principal),
      principal,
      account,
      connectWorker: runtime.connectWorker,
      bucket: labBucketOf(settings),
      identityId,
      guestPool: guestPoolOf(settings),
      sandbox: runtime.sandbox
        ? {
            now: () => simulatedNow ?? Date.now(),
            advanceDays: async (days: number) => {
              const sb = await runtime.sandbox!();
              await sb.clock.advanceDays(days);
              const t = sb.clock.now();
              setSimulatedNow(t);
              await queryClient.invalidateQueries({ queryKey: keyPrefixFor(settings).slice(0, 3) });
              return t;
            },
            inspectS3Object: async (bucket: string, key: string) => {
              const sb = await runtime.sandbox!();
              if (!sb.inspectS3Object) throw new Error('This sandbox has no raw-storage view.');
              return sb.inspectS3Object(bucket, key);
            },
            s3DataEvents: async () => {
              const sb = await runtime.sandbox!();
              return sb.s3DataEvents ? await sb.s3DataEvents() : [];
            },
            quotas: async (mode) => sandboxQuotaMode(await runtime.sandbox!(), mode),
          }
        : undefined,
    };
  }, [runtime, settings, identityId, simulatedNow, queryClient, principal]);

  useEffect(() => {
    if (info) readyRef.current.resolve(info);
  }, [info]);

  const apply = useCallback(
    (next: BackendSettings, creds?: StaticCredentials) => {
      storage.setItem(SETTINGS_STORAGE_KEY, JSON.stringify(next));
      if (creds) supplier.forget(next);
      setStaticCreds(creds);
      setSettings(next);
    },
    [storage, supplier],
  );

  const resetSandbox = useCallback(async () => {
    if (!runtime?.sandbox || !settings) return;
    const sb = await runtime.sandbox();
    resettingRef.current = true;
    try {
      await sb.reset();
    } finally {
      resettingRef.current = false;
    }
    // The labs' kept ciphertexts and ledgers name keys that no longer exist.
    clearLabState(settings.backend);
    supplier.forget(settings);
    queryClient.removeQueries({ queryKey: [settings.backend] });
    setGeneration((g) => g + 1);
  }, [runtime, settings, supplier, queryClient]);

  const exportLab = useCallback(async () => {
    const sb = runtime?.sandbox ? await runtime.sandbox() : undefined;
    if (!sb?.exportLab) throw new Error('Only the sandbox backend has a lab to export.');
    return sb.exportLab();
  }, [runtime]);

  const importLab = useCallback(
    async (source: string | Blob) => {
      const sb = runtime?.sandbox ? await runtime.sandbox() : undefined;
      if (!sb?.importState || !settings) throw new Error('Only the sandbox backend can import a lab.');
      await sb.importState(source);
      supplier.forget(settings);
      queryClient.removeQueries({ queryKey: [settings.backend] });
      setGeneration((g) => g + 1);
    },
    [runtime, settings, supplier, queryClient],
  );

  const sandboxProblem: SandboxProblem | undefined = useMemo(() => {
    if (!storeError) return undefined;
    return {
      message: storeError.message,
      exportReadable: async () => {
        const { exportReadable } = await import('../sandbox');
        return exportReadable(storeError.store as Parameters<typeof exportReadable>[0]);
      },
      recover: async () => {
        if (storeError.store) await storeError.store.clear();
        else await (await import('./sandbox-loader')).clearBrowserSandboxStore();
        if (settings) supplier.forget(settings);
        queryClient.removeQueries({ queryKey: ['sandbox'] });
        setStoreError(undefined);
        setGeneration((g) => g + 1);
      },
    };
  }, [storeError, settings, supplier, queryClient]);

  const value: Ctx = {
    settings,
    info,
    ready: readyRef.current.promise,
    notices,
    dismissNotice: (i) => setNotices((n) => n.filter((_, j) => j !== i)),
    identityId,
    principalArn,
    principal,
    setPrincipal: setPagePrincipal,
    callerArn: principal === 'self' ? principalArn : demoCallerArn(principal),
    callerAccount: info?.account,
    simulatedNow,
    identityError,
    sandboxProblem,
    hasStaticCredentials: staticCreds !== undefined,
    apply,
    advanceDays: async (days) => {
      await info?.sandbox?.advanceDays(days);
    },
    resetSandbox,
    exportLab,
    importLab,
  };

  return <ConnectionContext value={value}>{children}</ConnectionContext>;
}
