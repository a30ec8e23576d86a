import { useEffect, useState } from 'react';
import { keepLabConfigForOffline } from '../lib/offline';

/**
 * Registers the service worker (vite-plugin-pwa, built app only) and, when a new version of the
 * lab has been deployed and downloaded, offers to reload into it. Nothing is reloaded unasked: a
 * learner may be in the middle of an experiment.
 */
export function UpdatePrompt() {
  const [update, setUpdate] = useState<((reload?: boolean) => Promise<void>) | undefined>();
  useEffect(() => {
    if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
    let cancelled = false;
    void import('virtual:pwa-register').then(({ registerSW }) => {
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
