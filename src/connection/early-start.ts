/**
 * The first thing the page does (src/boot.ts, before the app's own chunk has loaded): when the
 * sandbox is the likely backend, start its engine's worker and open its engine. Its script then downloads and compiles
 * on the worker's thread while the page loads, evaluates and renders the app (docs/app-shell.md
 * "Loading, in order"). Small on purpose: only this module and what it imports run before the app.
 */
import { pageConnection } from '../sandbox/host/connect';
import { quickSandboxSettings, SETTINGS_STORAGE_KEY } from './settings';
import { testHooksEnabled } from './test-hooks';

/** The saved settings as parsed JSON: undefined when nothing is saved, null when they cannot be read. */
export function savedSettingsJson(saved: string | null): unknown {
  if (!saved) return undefined;
  try {
    return JSON.parse(saved) as unknown;
  } catch {
    return null;
  }
}

/** Nothing saved, or a plain sandbox setting: the sandbox is the likely backend. */
export function sandboxIsLikely(savedJson: unknown): boolean {
  return savedJson === undefined || quickSandboxSettings(savedJson) !== undefined;
}

function readSaved(): string | null {
  try {
    return globalThis.localStorage?.getItem(SETTINGS_STORAGE_KEY) ?? null;
  } catch {
    return null; // storage blocked: the settings code reports it
  }
}

/**
 * Starts the engine's worker. Nothing is opened: the engine and its store open on the first call,
 * made once the settings have said "sandbox". Idempotent (pageConnection keeps one connection).
 */
export function startEngineWorker(): void {
  try {
    pageConnection({ testHooks: testHooksEnabled() });
  } catch {
    // No worker could start here: the first call reports it (client-supplier asks again).
  }
}

/**
 * At the page's start: the worker, if the saved settings make the sandbox likely, and a first call
 * that opens its engine (the store, its migrations, the lab's state) as soon as the worker has
 * started, while the page is still loading the app and reading lab-config.json. The app's own first
 * call then finds the engine open. A failure here is not reported: the app's first call opens the
 * engine again and shows what went wrong (a store that cannot be opened offers its export and a reset).
 */
export function startEngineIfLikely(): void {
  if (!sandboxIsLikely(savedSettingsJson(readSaved()))) return;
  startEngineWorker();
  try {
    void pageConnection({ testHooks: testHooksEnabled() })
      .client.call({ op: 'status' })
      .catch(() => undefined);
  } catch {
    // No worker: as above.
  }
}
