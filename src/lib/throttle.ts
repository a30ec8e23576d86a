/**
 * `fn` run at most once every `ms`: a call after a quiet `ms` runs at once; calls that come sooner are
 * run together, once, when the `ms` since the last run have passed. `cancel` drops a pending run.
 * Used where each run is a new frame for the browser to draw (the inspector's call count).
 */
export function atMostEvery(ms: number, fn: () => void, now: () => number = () => performance.now()): { call(): void; cancel(): void } {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let ranAt = -Infinity;
  const run = () => {
    timer = undefined;
    ranAt = now();
    fn();
  };
  return {
    call() {
      if (timer !== undefined) return;
      const wait = ranAt + ms - now();
      if (wait <= 0) run();
      else timer = setTimeout(run, wait);
    },
    cancel() {
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
    },
  };
}
