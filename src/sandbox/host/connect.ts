/**
 * Where this page's engine is: the origin's SharedWorker when the browser has one; otherwise a
 * dedicated Worker in one leader tab, elected with navigator.locks, which the other tabs reach over
 * BroadcastChannel. When the leader tab closes its lock is released, the next tab in line starts its
 * own worker, hands it the credentials vended so far (memory only) and announces itself; the other
 * tabs send their unanswered calls again, and the leader answers a call it has seen only once.
 */
import { DEFAULT_ENGINE_WATCH, ENGINE_LOST_MESSAGE, HostClient, LEADER_LOST_MESSAGE, type EngineWatch, type Link } from './host-client';
import { CHANNEL_NAME, LEADER_LOCK, type HostMessage, type HostReply, type HostRequest, type TabMessage } from './messages';

export type HostMode = 'shared-worker' | 'leader' | 'follower' | 'tab-worker';

export interface HostConnection {
  client: HostClient;
  /** Where the engine is from this tab's point of view (tests and the docs). */
  mode(): HostMode;
  close(): void;
}

export interface ConnectOptions {
  /** Test-only store faults are honoured by the worker (its name says so). */
  testHooks?: boolean;
  /** How long a silent engine is waited on (host-client.ts, EngineWatch); the defaults unless a test shortens them. */
  watch?: Pick<EngineWatch, 'everyMs' | 'lostAfterMs'>;
}

const WORKER_NAME = 'kms-study-lab-sandbox';

function workerName(opts: ConnectOptions): string {
  return opts.testHooks ? `${WORKER_NAME}+test` : WORKER_NAME;
}

function isHostMessage(d: unknown): d is HostMessage {
  const t = (d as { t?: unknown } | null)?.t;
  return t === 'reply' || t === 'change' || t === 'credentials';
}

/** Streams cannot cross a BroadcastChannel: a reply's stream body is read into bytes first. */
async function cloneableReply(m: HostReply): Promise<HostReply> {
  if (!m.ok) return m;
  const v = m.value as { body?: unknown } | null;
  if (v && typeof ReadableStream !== 'undefined' && v.body instanceof ReadableStream) {
    return { ...m, value: { ...v, body: new Uint8Array(await new Response(v.body).arrayBuffer()) } };
  }
  return m;
}

/** Watches the client's engine; `restart` runs after every waiting call has failed with the loss. */
function watchEngine(client: HostClient, opts: ConnectOptions, restart: () => void, lostMessage?: () => string | undefined): () => void {
  return client.watch({
    ...(opts.watch ?? DEFAULT_ENGINE_WATCH),
    lostMessage,
    onLost: () => {
      console.warn('[sandbox host] the engine stopped answering; starting a new one');
      restart();
    },
  });
}

/** The credentials this page knows of, for a new engine before any call runs on it (memory only). */
function adoptMessage(client: HostClient): HostRequest | undefined {
  return client.credentials.length ? { op: 'adopt-credentials', records: client.credentials, id: 0 } : undefined;
}

function startSharedWorker(opts: ConnectOptions): HostConnection {
  const client = new HostClient();
  let port: MessagePort | undefined;
  const connect = () => {
    port?.close();
    // The same name and script: the browser gives this page the running instance, or starts one.
    const p = new SharedWorker(new URL('./worker.ts', import.meta.url), { type: 'module', name: workerName(opts) }).port;
    p.addEventListener('message', (ev: MessageEvent) => {
      if (isHostMessage(ev.data)) client.receive(ev.data);
    });
    p.start();
    const adopt = port ? adoptMessage(client) : undefined;
    if (adopt) p.postMessage(adopt);
    port = p;
    client.setLink({ transfers: true, send: (msg, transfer) => p.postMessage(msg, transfer) });
  };
  connect();
  const unwatch = watchEngine(client, opts, connect);
  return {
    client,
    mode: () => 'shared-worker',
    close: () => {
      unwatch();
      port?.close();
    },
  };
}

function startDedicatedWorker(opts: ConnectOptions, onMessage: (m: HostMessage) => void): Worker {
  const worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: workerName(opts) });
  worker.addEventListener('message', (ev: MessageEvent) => {
    if (isHostMessage(ev.data)) onMessage(ev.data);
  });
  worker.addEventListener('error', (ev) => console.error('[sandbox host] the sandbox worker failed:', ev.message));
  return worker;
}

/** Relayed calls carry ids from their own tab; the leader numbers them apart from its own calls. */
const RELAY_ID_BASE = 2 ** 40;
/** How many answered relayed calls the leader remembers, to answer a resent call without running it again. */
const REMEMBERED_REPLIES = 512;

function startLeaderElection(opts: ConnectOptions, locks: LockManager): HostConnection {
  const client = new HostClient();
  const tabId = globalThis.crypto.randomUUID();
  const channel = new BroadcastChannel(CHANNEL_NAME);
  let mode: HostMode = 'follower';
  let leaderId: string | undefined;
  let worker: Worker | undefined;
  let closed = false;
  let release: (() => void) | undefined;

  const post = (m: TabMessage) => channel.postMessage(m);

  // As a follower: calls go over the channel (bodies cloned), answers come back addressed to this tab.
  client.setLink({ transfers: false, send: (msg) => post({ k: 'call', from: tabId, msg }) });

  // As the leader: relayed calls by `${from}:${id}`, and relay ids back to the asking tab.
  let relayNext = RELAY_ID_BASE;
  const relayed = new Map<number, { from: string; id: number }>();
  const seen = new Map<string, HostReply | 'running'>();

  function becomeLeader(): void {
    mode = 'leader';
    leaderId = tabId;
    startLeaderWorker();
    post({ k: 'leader', leaderId: tabId });
  }

  /** The leader's engine: at election, and again when the one it had stopped answering. */
  function startLeaderWorker(): void {
    worker?.terminate();
    relayed.clear();
    for (const [key, v] of seen) if (v === 'running') seen.delete(key);
    worker = startDedicatedWorker(opts, (m) => {
      if (m.t !== 'reply') {
        client.receive(m);
        post({ k: 'event', msg: m });
        return;
      }
      const origin = relayed.get(m.id);
      if (!origin) {
        client.receive(m);
        return;
      }
      relayed.delete(m.id);
      void cloneableReply({ ...m, id: origin.id }).then((reply) => {
        const key = `${origin.from}:${origin.id}`;
        seen.set(key, reply);
        while (seen.size > REMEMBERED_REPLIES) seen.delete(seen.keys().next().value as string);
        post({ k: 'reply', to: origin.from, msg: reply });
      });
    });
    const w = worker;
    // The credentials the old engine vended, before any call runs on the new one.
    const adopt = adoptMessage(client);
    if (adopt) w.postMessage(adopt);
    client.setLink({ transfers: true, send: (msg, transfer) => w.postMessage(msg, transfer) });
  }

  function relay(from: string, msg: HostRequest): void {
    const key = `${from}:${msg.id}`;
    const known = seen.get(key);
    if (known === 'running') return;
    if (known) {
      post({ k: 'reply', to: from, msg: known });
      return;
    }
    seen.set(key, 'running');
    const id = relayNext++;
    relayed.set(id, { from, id: msg.id });
    worker?.postMessage({ ...msg, id });
  }

  channel.addEventListener('message', (ev: MessageEvent<TabMessage>) => {
    const m = ev.data;
    switch (m.k) {
      case 'call':
        if (mode === 'leader') relay(m.from, m.msg);
        break;
      case 'reply':
        if (m.to === tabId) client.receive(m.msg);
        break;
      case 'event':
        if (mode !== 'leader') client.receive(m.msg);
        break;
      case 'leader':
        if (mode !== 'leader' && (m.leaderId !== leaderId || m.newEngine)) {
          leaderId = m.leaderId;
          client.resendPending();
        }
        break;
      case 'lost':
        if (mode === 'leader') checkEngine();
        break;
      case 'who':
        if (mode === 'leader') {
          post({ k: 'leader', leaderId: tabId });
          if (client.credentials.length) post({ k: 'event', msg: { t: 'credentials', records: client.credentials } });
        }
        break;
    }
  });

  // A lost engine: the leader starts its worker again; a follower tells the leader (whose own watch
  // sees only its own calls) and asks who leads now. A leader tab that stopped answering while it
  // holds the lock cannot be replaced from another tab.
  const unwatch = watchEngine(
    client,
    opts,
    () => {
      if (mode === 'leader') restartLeaderWorker();
      else {
        post({ k: 'lost' });
        post({ k: 'who' });
      }
    },
    () => (mode === 'leader' ? undefined : LEADER_LOST_MESSAGE),
  );

  /** A new engine in place of one that stopped; the followers' calls it never answered are sent to it again. */
  function restartLeaderWorker(): void {
    startLeaderWorker();
    post({ k: 'leader', leaderId: tabId, newEngine: true });
  }

  /**
   * A follower's calls went unanswered: ping this tab's engine at once, and start a new one if the
   * ping is not answered within the watch's limit. Sooner than the watch itself would (it pings only
   * after a quiet spell), so the new engine is up before a follower's next call is given up on.
   */
  let checking = false;
  function checkEngine(): void {
    if (checking) return;
    checking = true;
    const { lostAfterMs } = opts.watch ?? DEFAULT_ENGINE_WATCH;
    const timer = setTimeout(() => {
      checking = false;
      if (mode !== 'leader' || closed) return;
      console.warn('[sandbox host] the engine stopped answering another tab; starting a new one');
      client.failWaiting({ name: 'SandboxEngineStopped', message: ENGINE_LOST_MESSAGE });
      restartLeaderWorker();
    }, lostAfterMs);
    client.call<null>({ op: 'ping' }).then(
      () => {
        clearTimeout(timer);
        checking = false;
      },
      () => undefined,
    );
  }

  void locks
    .request(LEADER_LOCK, () => {
      if (closed) return undefined;
      becomeLeader();
      // Held for the life of the tab: closing it releases the lock and the next tab takes over.
      return new Promise<void>((r) => (release = r));
    })
    .catch((e: unknown) => console.error('[sandbox host] leader election failed:', e));
  post({ k: 'who' });

  return {
    client,
    mode: () => mode,
    close() {
      closed = true;
      unwatch();
      worker?.terminate();
      release?.();
      channel.close();
    },
  };
}

/** No SharedWorker and no navigator.locks: each tab runs its own worker on the shared store. */
function startTabWorker(opts: ConnectOptions): HostConnection {
  const client = new HostClient();
  let worker: Worker | undefined;
  const start = () => {
    worker?.terminate();
    const w = startDedicatedWorker(opts, (m) => client.receive(m));
    const adopt = worker ? adoptMessage(client) : undefined;
    if (adopt) w.postMessage(adopt);
    worker = w;
    const link: Link = { transfers: true, send: (msg, transfer) => w.postMessage(msg, transfer) };
    client.setLink(link);
  };
  start();
  const unwatch = watchEngine(client, opts, start);
  return {
    client,
    mode: () => 'tab-worker',
    close: () => {
      unwatch();
      worker?.terminate();
    },
  };
}

export function connectToHost(opts: ConnectOptions = {}): HostConnection {
  if (typeof SharedWorker === 'function') return startSharedWorker(opts);
  const locks = globalThis.navigator?.locks;
  if (locks && typeof BroadcastChannel === 'function') return startLeaderElection(opts, locks);
  return startTabWorker(opts);
}

let shared: { key: string; conn: HostConnection } | undefined;

/**
 * The page's one connection to the engine, whatever number of runtimes the app builds over it
 * (page-sandbox.ts proxies it). The first call starts the engine's worker: its script downloads and
 * compiles on the worker's own thread, and nothing is opened until the first call arrives, so the
 * app calls this as early as it can (src/connection/connection-provider.tsx, at the entry's start).
 */
export function pageConnection(opts: ConnectOptions = {}): HostConnection {
  const key = JSON.stringify(opts);
  if (!shared || shared.key !== key) {
    shared?.conn.close();
    shared = { key, conn: connectToHost(opts) };
  }
  return shared.conn;
}
