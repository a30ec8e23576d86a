import { useEffect, useState } from 'react';
import { StudyOverviewView } from '../../study/components/study-overview';
import type { OverviewFigures } from '../../study/overview';
import { LEARNER_STORAGE_KEY, PROGRESS_CHANNEL, PROGRESS_STORAGE_KEY } from '../../study/storage-keys';
import type { OverviewReply, OverviewRequest } from '../study-overview-figures';
import { afterFirstContentfulPaint } from '../../lib/after-paint';

function stored(key: string): string | null {
  try {
    return globalThis.localStorage?.getItem(key) ?? null;
  } catch {
    return null;
  }
}

function request(id: number): OverviewRequest {
  return { id, progress: stored(PROGRESS_STORAGE_KEY), learnerId: stored(LEARNER_STORAGE_KEY), now: Date.now() };
}

/** In this page's thread, where no module worker can start (the same figures, only slower to first input). */
async function inPage(req: OverviewRequest): Promise<OverviewFigures> {
  const { computeOverview } = await import('../study-overview-figures');
  return computeOverview(req);
}

/**
 * The start page's study figures, computed in a worker (src/app/study-overview-worker.ts) so the
 * bank, the SDK its experiments bring, zod and the scheduler never load on the page's thread. They
 * follow progress saved by another tab (storage event) or another panel (the progress channel).
 */
function useOverviewFigures(): OverviewFigures | undefined {
  const [figures, setFigures] = useState<OverviewFigures>();
  useEffect(() => {
    let live = true;
    let next = 0;
    let worker: Worker | undefined;
    let channel: BroadcastChannel | undefined;
    let started = false;
    const settle = (reply: OverviewReply) => {
      if (!live || reply.id !== next) return;
      if ('figures' in reply) setFigures(reply.figures);
      else console.warn(`The study summary could not be computed: ${reply.error}`);
    };
    const fallback = (req: OverviewRequest) =>
      void inPage(req).then(
        (f) => settle({ id: req.id, figures: f }),
        (e: unknown) => settle({ id: req.id, error: String(e) }),
      );
    const start = () => {
      if (!live) return;
      started = true;
      try {
        worker = new Worker(new URL('../study-overview-worker.ts', import.meta.url), { type: 'module', name: 'study-overview' });
        worker.onmessage = (e: MessageEvent<OverviewReply>) => settle(e.data);
        // A worker that cannot load (no module workers) is replaced by the page's own thread.
        worker.onerror = () => {
          worker?.terminate();
          worker = undefined;
          fallback(request(next));
        };
      } catch {
        worker = undefined;
      }
      ask();
      channel = typeof BroadcastChannel === 'undefined' ? undefined : new BroadcastChannel(PROGRESS_CHANNEL);
      if (channel) channel.onmessage = ask;
    };
    const ask = () => {
      const req = request(++next);
      if (worker) worker.postMessage(req);
      else fallback(req);
    };
    const onStorage = (e: StorageEvent) => {
      if (started && (e.key === PROGRESS_STORAGE_KEY || e.key === null)) ask();
    };
    window.addEventListener('storage', onStorage);
    // The worker loads the whole question bank (several hundred kB): after the page's first content
    // is on screen, so its start never competes with that paint (docs/app-shell.md).
    afterFirstContentfulPaint(start);
    return () => {
      live = false;
      window.removeEventListener('storage', onStorage);
      channel?.close();
      worker?.terminate();
    };
  }, []);
  return figures;
}

/** The start page's "Your study" section (nothing until its figures are in). */
export function StartOverview() {
  const figures = useOverviewFigures();
  return figures ? <StudyOverviewView figures={figures} /> : null;
}
