/**
 * The one file of the built app that the service worker does not precache: lab-config.json (a
 * teacher replaces it after the build). The worker reads it network-first into this cache
 * (vite.config.ts); this module fills the cache on the first visit too, when the page is not yet
 * controlled by the worker, so that the next start with the network cut reads the last
 * lab-config.json instead of failing a request.
 */
export const LAB_CONFIG_CACHE = 'lab-config';

export async function keepLabConfigForOffline(registration: ServiceWorkerRegistration | undefined): Promise<void> {
  if (!registration || typeof caches === 'undefined') return;
  await navigator.serviceWorker.ready;
  const url = new URL('lab-config.json', document.baseURI).href;
  const cache = await caches.open(LAB_CONFIG_CACHE);
  if (await cache.match(url)) return;
  const res = await fetch(url, { cache: 'no-cache' });
  // A controlled page's fetch went through the worker, which stored it already.
  if (res.ok && !(await cache.match(url))) await cache.put(url, res);
}
