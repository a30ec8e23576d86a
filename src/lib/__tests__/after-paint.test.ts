import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

type PaintCallback = (list: { getEntriesByName(name: string): unknown[] }) => void;

/** Node has no paint timing: a stand-in observer the test can feed a paint entry, as Chromium would. */
class PaintObserver {
  static supportedEntryTypes = ['paint'];
  static instances: PaintObserver[] = [];
  disconnected = false;
  constructor(private readonly callback: PaintCallback) {
    PaintObserver.instances.push(this);
  }
  observe(): void {}
  disconnect(): void {
    this.disconnected = true;
  }
  paint(name: string): void {
    if (!this.disconnected) this.callback({ getEntriesByName: (n) => (n === name ? [{ name }] : []) });
  }
}

/** A fresh module each time: it remembers that the page has painted. */
async function load() {
  vi.resetModules();
  return import('../after-paint');
}

describe('afterFirstContentfulPaint', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    PaintObserver.instances = [];
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('waits for the first contentful paint, not for the first paint, then runs each callback in a task of its own', async () => {
    vi.stubGlobal('PerformanceObserver', PaintObserver);
    const { afterFirstContentfulPaint } = await load();
    const ran: string[] = [];
    afterFirstContentfulPaint(() => ran.push('a'));
    afterFirstContentfulPaint(() => ran.push('b'));
    expect(PaintObserver.instances).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(100);
    PaintObserver.instances[0]!.paint('first-paint');
    await vi.advanceTimersByTimeAsync(100);
    expect(ran).toEqual([]);
    PaintObserver.instances[0]!.paint('first-contentful-paint');
    expect(ran).toEqual([]); // not inside the observer's callback
    await vi.advanceTimersByTimeAsync(1);
    expect(ran).toEqual(['a', 'b']);
    expect(PaintObserver.instances[0]!.disconnected).toBe(true);
    // After the paint, later work runs at once (in its own task).
    afterFirstContentfulPaint(() => ran.push('c'));
    await vi.advanceTimersByTimeAsync(1);
    expect(ran).toEqual(['a', 'b', 'c']);
    // The fallback timer does not run anything twice.
    await vi.advanceTimersByTimeAsync(5000);
    expect(ran).toEqual(['a', 'b', 'c']);
  });

  it('runs the work after 3 s at the latest when no contentful paint comes (a hidden tab)', async () => {
    vi.stubGlobal('PerformanceObserver', PaintObserver);
    const { afterFirstContentfulPaint } = await load();
    let ran = 0;
    afterFirstContentfulPaint(() => ran++);
    await vi.advanceTimersByTimeAsync(2999);
    expect(ran).toBe(0);
    await vi.advanceTimersByTimeAsync(1);
    await vi.advanceTimersByTimeAsync(1); // the work's own task, queued by the fallback
    expect(ran).toBe(1);
  });

  it('runs the work in the next task where the browser has no paint timing', async () => {
    vi.stubGlobal('PerformanceObserver', undefined);
    const { afterFirstContentfulPaint } = await load();
    let ran = 0;
    afterFirstContentfulPaint(() => ran++);
    expect(ran).toBe(0);
    await vi.advanceTimersByTimeAsync(2); // the fallback's task, then the work's own
    expect(ran).toBe(1);
  });
});
