/**
 * What a lab shows that a reload should not forget: ciphertext blobs, ledgers, the key a section
 * used. Never plaintext or data keys (callers store only ciphertext and ids). Kept in localStorage
 * per backend, region and target (the connection's query-key prefix), validated with zod when read
 * back, and cleared by the lab reset (`clearLabState`).
 */
import { useCallback, useSyncExternalStore } from 'react';
import type { z } from 'zod';

const PREFIX = 'kms-lab:lab-state:';
const listeners = new Set<() => void>();
const cache = new Map<string, { raw: string | null; value: unknown }>();

function storage(): Storage | undefined {
  try {
    return globalThis.localStorage ?? undefined;
  } catch {
    return undefined;
  }
}

/** Uint8Array <-> {"$b64": "..."} so blobs survive JSON. */
function replacer(_k: string, v: unknown): unknown {
  if (v instanceof Uint8Array) {
    let s = '';
    for (let i = 0; i < v.length; i += 0x8000) s += String.fromCharCode(...v.subarray(i, i + 0x8000));
    return { $b64: btoa(s) };
  }
  return v;
}

function reviver(_k: string, v: unknown): unknown {
  if (v && typeof v === 'object' && '$b64' in v && typeof (v as { $b64: unknown }).$b64 === 'string') {
    const bin = atob((v as { $b64: string }).$b64);
    const out = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out;
  }
  return v;
}

export function labStateKey(scope: readonly string[], name: string): string {
  return `${PREFIX}${scope.join('|')}:${name}`;
}

function emit() {
  for (const l of listeners) l();
}

function subscribe(l: () => void): () => void {
  listeners.add(l);
  const onStorage = (e: StorageEvent) => {
    if (e.key === null || e.key.startsWith(PREFIX)) l();
  };
  globalThis.addEventListener?.('storage', onStorage);
  return () => {
    listeners.delete(l);
    globalThis.removeEventListener?.('storage', onStorage);
  };
}

function read<T>(key: string, schema: z.ZodType<T>, fallback: T): T {
  const raw = storage()?.getItem(key) ?? null;
  const hit = cache.get(key);
  if (hit && hit.raw === raw) return hit.value as T;
  let value: T = fallback;
  if (raw !== null) {
    try {
      const parsed = schema.safeParse(JSON.parse(raw, reviver));
      if (parsed.success) value = parsed.data;
    } catch {
      // unreadable: start afresh
    }
  }
  cache.set(key, { raw, value });
  return value;
}

/**
 * useState that survives a reload, scoped to the connection (`scope` = conn.keyPrefix). `fallback`
 * must be stable (a module constant) so an empty slot reads the same value each render.
 */
export function useLabState<T>(scope: readonly string[], name: string, schema: z.ZodType<T>, fallback: T): [T, (next: T | ((prev: T) => T)) => void] {
  const key = labStateKey(scope, name);
  const value = useSyncExternalStore(
    subscribe,
    () => read(key, schema, fallback),
    () => fallback,
  );
  const set = useCallback(
    (next: T | ((prev: T) => T)) => {
      const prev = read(key, schema, fallback);
      const v = typeof next === 'function' ? (next as (p: T) => T)(prev) : next;
      try {
        if (v === undefined || (Array.isArray(v) && v.length === 0)) storage()?.removeItem(key);
        else storage()?.setItem(key, JSON.stringify(v, replacer));
      } catch {
        // storage full or unavailable: the value lives for this page only
        cache.set(key, { raw: storage()?.getItem(key) ?? null, value: v });
      }
      emit();
    },
    [key, schema, fallback],
  );
  return [value, set];
}

/** Forgets every lab's kept state (all backends, or those whose scope starts with `scopeStart`). */
export function clearLabState(scopeStart?: string): void {
  const s = storage();
  if (!s) return;
  const doomed: string[] = [];
  for (let i = 0; i < s.length; i++) {
    const k = s.key(i);
    if (k?.startsWith(PREFIX) && (scopeStart === undefined || k.startsWith(`${PREFIX}${scopeStart}`))) doomed.push(k);
  }
  for (const k of doomed) s.removeItem(k);
  cache.clear();
  emit();
}
