/**
 * The inspector's record of SDK calls: in memory only, newest last, capped. Values in it are
 * already masked (inspector-mask.ts), so nothing secret ever reaches the store.
 */
import type { BackendKind } from './types';

export interface WireMessage {
  method?: string;
  url?: string;
  status?: number;
  headers: Record<string, string>;
  /** Text of the body with secrets masked, or a note such as "(binary, 1,024 bytes)". */
  body?: string;
}

export interface InspectorEntry {
  id: number;
  backend: BackendKind;
  /** The SDK client name: KMS, S3, CognitoIdentity, STS, CloudTrail. */
  service: string;
  operation: string;
  region: string;
  endpoint?: string;
  /** Set when the call ran as a demo principal rather than the learner's identity. */
  principal?: string;
  /** The account the call ran in (the caller's account). */
  account?: string;
  /**
   * Each HTTP attempt when the SDK retried (standard retry mode): status, error code and when it was
   * sent, in ms after the call began. Absent for a call answered at the first attempt.
   */
  attempts?: { status?: number; code?: string; atMs: number }[];
  startedAt: number;
  durationMs?: number;
  status: 'pending' | 'ok' | 'error';
  /** The command input, JSON-safe, secrets masked to their length. */
  input: unknown;
  output?: unknown;
  request?: WireMessage;
  response?: WireMessage;
  error?: { name: string; message: string; httpStatus?: number };
  /** One of the lab's own background reads (its user agent carries LAB_BACKGROUND_MARKER: markBackground), hidden from the inspector by default. */
  background?: boolean;
}

export interface InspectorStore {
  entries(): readonly InspectorEntry[];
  subscribe(listener: () => void): () => void;
  begin(entry: Omit<InspectorEntry, 'id' | 'status'>): number;
  update(id: number, patch: Partial<Omit<InspectorEntry, 'id'>>): void;
  clear(): void;
}

export function createInspectorStore(limit = 200): InspectorStore {
  let list: InspectorEntry[] = [];
  let nextId = 1;
  const listeners = new Set<() => void>();
  const emit = () => listeners.forEach((l) => l());
  return {
    entries: () => list,
    subscribe(l) {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    begin(entry) {
      const id = nextId++;
      const added: InspectorEntry = { ...entry, id, status: 'pending' };
      list = [...list, added].slice(-limit);
      emit();
      return id;
    },
    update(id, patch) {
      let changed = false;
      list = list.map((e) => {
        if (e.id !== id) return e;
        changed = true;
        return { ...e, ...patch };
      });
      if (changed) emit();
    },
    clear() {
      list = [];
      emit();
    },
  };
}

/** The app's one inspector. */
export const inspector = createInspectorStore();
