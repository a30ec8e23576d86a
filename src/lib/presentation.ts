/**
 * How the lab is being presented: the "projector" text size and classroom presenter mode.
 * One small external store (no React context needed), shared by the lab panels (steps, projector
 * type) and the study engine (answers hidden until the teacher reveals them). Kept in
 * sessionStorage only: a teacher's setting for this tab, never a secret.
 */
import { useSyncExternalStore } from 'react';

export interface Presentation {
  /** Projector-sized text (also on whenever presenter mode is on). */
  projector: boolean;
  /** Classroom presenter mode: answers stay hidden until revealed; arrow keys step through a lab. */
  presenter: boolean;
}

const KEY = 'kms-lab:presentation';
const listeners = new Set<() => void>();

function read(): Presentation {
  try {
    const raw = globalThis.sessionStorage?.getItem(KEY);
    if (raw) {
      const v = JSON.parse(raw) as Partial<Presentation>;
      return { projector: v.projector === true, presenter: v.presenter === true };
    }
  } catch {
    // storage unavailable or unreadable: defaults
  }
  return { projector: false, presenter: false };
}

let current: Presentation = read();

export const presentation = {
  get: (): Presentation => current,
  set(patch: Partial<Presentation>): void {
    current = { ...current, ...patch };
    try {
      globalThis.sessionStorage?.setItem(KEY, JSON.stringify(current));
    } catch {
      // not kept across reloads when storage is unavailable
    }
    for (const l of listeners) l();
  },
  subscribe(listener: () => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};

export function usePresentation(): Presentation {
  return useSyncExternalStore(presentation.subscribe, presentation.get, presentation.get);
}
