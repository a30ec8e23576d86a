import { useEffect, useState } from 'react';
import { connectionSettled } from '../connection/connection-provider';
import { keepLabConfigForOffline } from '../lib/offline';

/** Longest wait for an idle moment once the page has started (a busy page still gets its service worker). */
const IDLE_WAIT_MS = 2000;

/**
 * When the service worker may be registered: after the page's load event, its backend's startup
 * (the sandbox's engine open, the first credentials) and then an idle moment. Its installation
 * downloads every built file (about 4.5 MB) into the cache, and Chromium compiles each cached script
 * for its code cache on the worker's thread: registered at the first render, that work competed with
 * the engine's start and the first panel's first call on a two-core machine (docs/app-shell.md).
 */
async function pageHasSettled(): Promise<void> {
  if (document.readyState !== 'complete') await new Promise<void>((r) => window.addEventListener('load', () => r(), { once: true }));
  await connectionSettled();
  await new Promise<void>((r) => {
    if (typeof requestIdleCallback === 'function') requestIdleCallback(() => r(), { timeout: IDLE_WAIT_MS });
    else setTimeout(r, 0);
  });
}

/**
 * Registers the service worker (vite-plugin-pwa, built app only) once the page has settled and, when
 * a new version of the lab has been deployed and downloaded, offers to reload into it. Nothing is
 * reloaded unasked: a learner may be in the middle of an experiment.
 */
export function UpdatePrompt() {
  const [update, setUpdate] = useState<((reload?: boolean) => Promise<void>) | undefined>();
  useEffect(() => {
    if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
    let cancelled = false;
    void pageHasSettled()
      .then(() => import('virtual:pwa-register'))
      .then(({ registerSW }) => {
        if (cancelled) return;
        const updateSW = registerSW({
          onNeedRefresh: () => setUpdate(() => updateSW),
          // Offline starts then read the last lab-config.json from the cache (src/lib/offline.ts).
          onRegisteredSW: (_url, registration) => void keepLabConfigForOffline(registration).catch(() => undefined),
        });
      });
    return () => {
      cancelled = true;
    };
  }, []);
  if (!update) return null;
  return (
    <div role="status" className="flex flex-wrap items-center gap-3 border-t border-line bg-surface-2 px-6 py-2">
      <span>A new version of the lab is ready.</span>
      <button type="button" onClick={() => void update(true)} className="rounded-lg border border-line bg-surface px-3 py-1 hover:bg-surface-2">
        Reload to update
      </button>
      <button type="button" onClick={() => setUpdate(undefined)} className="rounded-lg px-3 py-1 hover:bg-surface">
        Later
      </button>
    </div>
  );
}
