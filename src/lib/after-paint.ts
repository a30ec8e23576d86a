/**
 * Runs work once the page has shown something: after its first contentful paint, not merely after
 * the first frame. A requestAnimationFrame callback runs before the first frame even when that frame
 * is still empty (React has not committed yet), so work scheduled that way competed with the first
 * render it meant to wait for (docs/app-shell.md "Speed").
 */

/** Longest wait for the paint: a page that never paints text (or a browser without paint timing) still gets the work done. */
const PAINT_WAIT_MS = 3000;

type PaintWaiter = () => void;

let painted = false;
let waiting: PaintWaiter[] = [];

function flush(): void {
  if (painted) return;
  painted = true;
  const run = waiting;
  waiting = [];
  // After the paint's own task: each piece of work gets a task of its own.
  for (const fn of run) setTimeout(fn, 0);
}

let watching = false;

function watch(): void {
  if (watching) return;
  watching = true;
  const Observer = globalThis.PerformanceObserver;
  const supported = typeof Observer === 'function' && (Observer.supportedEntryTypes ?? []).includes('paint');
  if (!supported) {
    setTimeout(flush, 0);
    return;
  }
  if (performance.getEntriesByName('first-contentful-paint').length > 0) {
    flush();
    return;
  }
  const obs = new Observer((list) => {
    if (list.getEntriesByName('first-contentful-paint').length > 0) {
      obs.disconnect();
      flush();
    }
  });
  obs.observe({ type: 'paint', buffered: true });
  setTimeout(() => {
    obs.disconnect();
    flush();
  }, PAINT_WAIT_MS);
}

/** Calls fn in a task of its own after the first contentful paint (or after PAINT_WAIT_MS at the latest). */
export function afterFirstContentfulPaint(fn: () => void): void {
  if (painted) {
    setTimeout(fn, 0);
    return;
  }
  waiting.push(fn);
  watch();
}
