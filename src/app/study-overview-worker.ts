/**
 * The start page's study-summary worker (src/app/study-overview-figures.ts): one reply per request.
 * zod-jitless comes first, as in every entry point (CSP: no eval probe).
 */
import '../lib/zod-jitless';
import { computeOverview, type OverviewReply, type OverviewRequest } from './study-overview-figures';

const scope = self as unknown as { onmessage: ((e: MessageEvent<OverviewRequest>) => void) | null; postMessage(reply: OverviewReply): void };

scope.onmessage = (e) => {
  const req = e.data;
  computeOverview(req).then(
    (figures) => scope.postMessage({ id: req.id, figures }),
    (err: unknown) => scope.postMessage({ id: req.id, error: err instanceof Error ? err.message : String(err) }),
  );
};
