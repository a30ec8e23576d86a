import { SANDBOX_ACCOUNT_ID } from '../shared/context';
import { SCHEMA_VERSION } from '../shared/state';

/**
 * Schema migrations, one step per version, applied in a chain to the export document form (the same
 * form the stores open and the settings page imports). A learner's keys, ciphertexts and trail survive
 * every step; nothing is ever refused for being older. Tested from a fixture of each landed format
 * (store/__tests__/fixtures/schema-1-lab.json).
 */
type Doc = Record<string, unknown>;

/** 1 -> 2: one document per lab (regions only, the account fixed) becomes records keyed by account. */
function v1ToV2(doc: Doc): Doc {
  const kms = (doc['kms'] ?? {}) as { regions?: Record<string, { keys?: Record<string, unknown>; aliases?: Record<string, unknown> }> };
  const cognito = (doc['cognito'] ?? {}) as {
    regions?: Record<string, { pools?: Record<string, unknown>; identities?: Record<string, unknown> }>;
    openIdSigningKeyHex?: string;
  };
  const trail = (doc['trail'] ?? {}) as { events?: unknown[] };
  const records: Doc[] = [];
  const a = SANDBOX_ACCOUNT_ID;
  records.push({ account: '', region: '', service: 'sandbox', kind: 'clock', id: 'clock', value: doc['clock'] ?? { offsetMs: 0 } });
  for (const [region, r] of Object.entries(kms.regions ?? {})) {
    for (const [id, v] of Object.entries(r.keys ?? {})) records.push({ account: a, region, service: 'kms', kind: 'key', id, value: v });
    for (const [id, v] of Object.entries(r.aliases ?? {})) records.push({ account: a, region, service: 'kms', kind: 'alias', id, value: v });
  }
  for (const [region, r] of Object.entries(cognito.regions ?? {})) {
    for (const [id, v] of Object.entries(r.pools ?? {})) records.push({ account: a, region, service: 'cognito-identity', kind: 'pool', id, value: v });
    for (const [id, v] of Object.entries(r.identities ?? {})) {
      records.push({ account: a, region, service: 'cognito-identity', kind: 'identity', id, value: v });
    }
  }
  if (typeof cognito.openIdSigningKeyHex === 'string') {
    records.push({ account: a, region: '', service: 'cognito-identity', kind: 'openid-signing-key', id: 'current', value: cognito.openIdSigningKeyHex });
  }
  if (doc['s3'] !== undefined) records.push({ account: a, region: '', service: 's3', kind: 'state', id: 'state', value: doc['s3'] });
  return { format: EXPORT_FORMAT, schemaVersion: 2, records, trail: Array.isArray(trail.events) ? trail.events : [], blobs: [] };
}

export const EXPORT_FORMAT = 'kms-study-lab/sandbox-export';

/** MIGRATIONS[n] upgrades a document of schema n to schema n + 1. */
export const MIGRATIONS: Record<number, (doc: Doc) => Doc> = {
  1: v1ToV2,
};

export class MigrationError extends Error {
  constructor(
    readonly kind: 'newer' | 'unknown',
    message: string,
  ) {
    super(message);
    this.name = 'MigrationError';
  }
}

/** Brings a document of any landed schema to SCHEMA_VERSION. */
export function migrate(doc: Doc): Doc {
  let version = doc['schemaVersion'];
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    throw new MigrationError('unknown', 'The lab has no schema version the sandbox knows.');
  }
  if (version > SCHEMA_VERSION) {
    throw new MigrationError(
      'newer',
      `The lab was written by a newer version of the sandbox (schema ${version}; this one reads up to ${SCHEMA_VERSION}). Use the newer app, or export it there.`,
    );
  }
  let out = doc;
  while (version < SCHEMA_VERSION) {
    const step = MIGRATIONS[version];
    if (!step) throw new MigrationError('unknown', `No migration from schema ${version}.`);
    out = step(out);
    version += 1;
    out['schemaVersion'] = version;
  }
  return out;
}
