/**
 * The first thing the page does (src/boot.ts, before the app's own chunk has loaded): when the
 * sandbox is the likely backend, start its engine's worker, which opens the engine as soon as its
 * script has run (src/sandbox/host/worker.ts). The script downloads and compiles on the worker's
 * thread while the page loads, evaluates and renders the app (docs/app-shell.md "Loading, in
 * order"). Small on purpose: only this module and what it imports run before the app.
 */
import { afterFirstContentfulPaint } from '../lib/after-paint';
import { pageConnection } from '../sandbox/host/connect';
import { quickSandboxSettings, SETTINGS_STORAGE_KEY } from './settings';
import { engineConnectOptions } from './test-hooks';

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
 * Starts the engine's worker, which opens the engine (its store, migrations, the lab's state) as soon
 * as it has started; a failure there is reported by the first call. Idempotent (pageConnection keeps
 * one connection).
 */
export function startEngineWorker(): void {
  try {
    pageConnection(engineConnectOptions());
  } catch {
    // No worker could start here: the first call reports it (client-supplier asks again).
  }
}

/** lab-config.json as the page reads it (network first: a teacher replaces it after the build). */
export async function readLabConfig(): Promise<unknown> {
  const res = await fetch(new URL('lab-config.json', document.baseURI), { cache: 'no-cache' });
  return res.ok ? ((await res.json()) as unknown) : undefined;
}

let earlyLabConfig: Promise<unknown> | undefined;

/** The read the entry started, once (the settings code takes it); undefined if there was none. */
export function takeEarlyLabConfig(): Promise<unknown> | undefined {
  const p = earlyLabConfig;
  earlyLabConfig = undefined;
  return p;
}

/**
 * The SDK clients the page's side of a sandbox session needs, loaded (and their modules run) once the
 * page has painted its first content, so their evaluation never delays that paint. The calls that
 * need them import them anyway; this only warms them up.
 */
export function prefetchSdkClients(): Promise<unknown> {
  return Promise.all([import('@aws-sdk/client-kms'), import('@aws-sdk/client-cognito-identity'), import('@aws-sdk/client-sts')]).catch(() => undefined);
}

/**
 * At the page's start: lab-config.json is asked for (the settings need it, whatever the backend).
 * Then, if the saved settings make the sandbox likely, the engine's worker, which opens the engine
 * while the page is still loading the app and reading lab-config.json; the app's own first call then
 * finds it open. The SDK clients the first calls need load after the first paint.
 */
export function startEarly(opts: { panelFirst: boolean }): void {
  earlyLabConfig = readLabConfig();
  // Handled where it is taken; until then a failure must not be reported as unhandled.
  earlyLabConfig.catch(() => undefined);
  if (!sandboxIsLikely(savedSettingsJson(readSaved()))) return;
  afterFirstContentfulPaint(() => void prefetchSdkClients());
  // Opened on a lab, whose panel's first call waits for the engine: at once. On a page that calls
  // nothing itself (the start page), once it has painted: compiling the worker's script on the second
  // core, while the page's own thread laid out and painted the static page, delayed that first paint
  // on these 2-core machines, and the header's guest identity is all that waits here.
  if (opts.panelFirst) startEngineWorker();
  else afterFirstContentfulPaint(startEngineWorker);
}
