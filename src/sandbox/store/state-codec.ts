import { z } from 'zod';
import { fromBase64, toBase64 } from '../shared/bytes';
import { SCHEMA_VERSION, type SandboxState } from '../shared/state';
import { SandboxStoreError, type SandboxStore } from './store';

/**
 * The JSON form of the state (export/import and the JSON file store): bytes become {"$b64": "..."}.
 * The shape is checked with zod at this edge; a file from another schema version is refused clearly.
 */

export function encodeState(state: SandboxState, revision?: number): string {
  const doc = revision === undefined ? state : { revision, state };
  return JSON.stringify(doc, (_k, v: unknown) => (v instanceof Uint8Array ? { $b64: toBase64(v) } : v));
}

const reviver = (_k: string, v: unknown): unknown => {
  if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
    const o = v as Record<string, unknown>;
    const keys = Object.keys(o);
    if (keys.length === 1 && keys[0] === '$b64') {
      const b = typeof o['$b64'] === 'string' ? fromBase64(o['$b64']) : undefined;
      if (!b) throw new Error('a $b64 value is not base64');
      return b;
    }
  }
  return v;
};

const stateSchema = z.looseObject({
  schemaVersion: z.number(),
  clock: z.looseObject({ offsetMs: z.number().min(0) }),
  kms: z.looseObject({ regions: z.record(z.string(), z.looseObject({ keys: z.record(z.string(), z.unknown()), aliases: z.record(z.string(), z.unknown()) })) }),
  cognito: z.looseObject({ regions: z.record(z.string(), z.unknown()) }),
  trail: z.looseObject({ events: z.array(z.looseObject({ eventID: z.string(), eventTime: z.string() })), nextSeq: z.number() }),
});

/** Checks a decoded value is a state of this schema version; throws SandboxStoreError otherwise. */
export function checkState(v: unknown, store?: SandboxStore): SandboxState {
  const version = v !== null && typeof v === 'object' ? (v as Record<string, unknown>)['schemaVersion'] : undefined;
  if (typeof version === 'number' && version !== SCHEMA_VERSION) {
    throw new SandboxStoreError(
      'version',
      `The saved lab was written by another version of the sandbox (schema ${version}; this one reads ${SCHEMA_VERSION}). Export it if you need it, then reset the lab.`,
      store,
    );
  }
  const r = stateSchema.safeParse(v);
  if (!r.success) {
    throw new SandboxStoreError(
      'corrupt',
      `The saved lab is damaged and cannot be loaded (${r.error.issues[0]?.path.join('.') || 'top level'}: ${r.error.issues[0]?.message}). Reset the lab to start again.`,
      store,
    );
  }
  return v as SandboxState;
}

export function decodeState(text: string, store?: SandboxStore): SandboxState {
  return checkState(parseJson(text, store), store);
}

/** The JSON file store's document: { revision, state }. */
export function decodeStored(text: string, store?: SandboxStore): { revision: number; state: SandboxState } {
  const doc = parseJson(text, store);
  const o = doc !== null && typeof doc === 'object' ? (doc as Record<string, unknown>) : {};
  if (typeof o['revision'] !== 'number' || !('state' in o)) {
    throw new SandboxStoreError('corrupt', 'The saved lab file is damaged (no revision or state). Reset the lab to start again.', store);
  }
  return { revision: o['revision'], state: checkState(o['state'], store) };
}

function parseJson(text: string, store?: SandboxStore): unknown {
  try {
    return JSON.parse(text, reviver);
  } catch (e) {
    throw new SandboxStoreError('corrupt', 'The saved lab is not valid JSON and cannot be loaded. Reset the lab to start again.', store, {
      cause: e,
    });
  }
}
