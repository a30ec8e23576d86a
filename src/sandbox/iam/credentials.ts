import { toBase64 } from '../shared/bytes';
import type { CredentialRecord, Principal } from '../shared/principal';
import { labAdminPrincipal, PARTNER_ADMIN_ACCESS_KEY_ID, PARTNER_ADMIN_SECRET_ACCESS_KEY, partnerAdminPrincipal } from './principals';

/** The static administrator keys (`test` / `test`), as LocalStack and moto accept them. */
export const STATIC_ADMIN_ACCESS_KEY_ID = 'test';
export const STATIC_ADMIN_SECRET_ACCESS_KEY = 'test';

export interface CredentialRegistry {
  /** The record for an access key id, expired or not (the shell judges expiry on the wall clock). */
  lookup(accessKeyId: string): CredentialRecord | undefined;
  /** Temporary credentials (ASIA...) for a principal, valid for durationSeconds of wall-clock time. */
  issue(principal: Principal, durationSeconds: number): CredentialRecord;
  /**
   * The vended records (not test/test), for handing the registry over in memory when the browser's
   * engine moves to another tab (src/sandbox/host). Never persisted.
   */
  records(): CredentialRecord[];
  /** Takes over records another engine vended (the handover's other half). */
  adopt(records: readonly CredentialRecord[]): void;
  /** Called after each issue(), before the call that asked for them answers. */
  onIssue(listener: (record: CredentialRecord) => void): () => void;
}

// Access key ids use AWS's alphabet: upper-case letters and digits 2-7 (base32).
const KEY_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
/** Expired records are kept this long so a late request still gets ExpiredToken, not an unknown key. */
const KEEP_EXPIRED_MS = 24 * 3600_000;

/**
 * Credentials live in memory only: never in SandboxState, never persisted, gone on reload (the
 * SDK's credential provider then asks Cognito again, as it does when they expire).
 */
export function createCredentialRegistry(
  wallNow: () => number,
  randomBytes: (n: number) => Uint8Array,
): CredentialRegistry {
  const records = new Map<string, CredentialRecord>();
  const issueListeners = new Set<(record: CredentialRecord) => void>();
  const admin: CredentialRecord = {
    accessKeyId: STATIC_ADMIN_ACCESS_KEY_ID,
    secretAccessKey: STATIC_ADMIN_SECRET_ACCESS_KEY,
    principal: labAdminPrincipal(),
  };
  // The second account's administrator (docs/accounts.md): static keys as public as test/test.
  const partnerAdmin: CredentialRecord = {
    accessKeyId: PARTNER_ADMIN_ACCESS_KEY_ID,
    secretAccessKey: PARTNER_ADMIN_SECRET_ACCESS_KEY,
    principal: partnerAdminPrincipal(),
  };

  const accessKeyId = (): string => {
    const b = randomBytes(16);
    let s = 'ASIA';
    for (let i = 0; i < 16; i++) s += KEY_ALPHABET[b[i]! & 31];
    return s;
  };
  // 40 characters of base64, like AWS secret keys.
  const secret = (): string => toBase64(randomBytes(30));
  // Session tokens are long opaque base64 strings on AWS; the sandbox's carry only randomness.
  const sessionToken = (): string => `IQoJb3JpZ2luX2VjE${toBase64(randomBytes(189))}`;

  function prune(now: number): void {
    for (const [id, r] of records) {
      if (r.expiration !== undefined && r.expiration + KEEP_EXPIRED_MS < now) records.delete(id);
    }
  }

  return {
    lookup(id) {
      if (id === STATIC_ADMIN_ACCESS_KEY_ID) return admin;
      if (id === PARTNER_ADMIN_ACCESS_KEY_ID) return partnerAdmin;
      return records.get(id);
    },
    issue(principal, durationSeconds) {
      const now = wallNow();
      prune(now);
      let id = accessKeyId();
      while (records.has(id)) id = accessKeyId();
      const record: CredentialRecord = {
        accessKeyId: id,
        secretAccessKey: secret(),
        sessionToken: sessionToken(),
        // Whole seconds, as AWS's Expiration values are.
        expiration: Math.floor((now + durationSeconds * 1000) / 1000) * 1000,
        principal,
      };
      records.set(id, record);
      for (const l of issueListeners) l(record);
      return record;
    },
    records() {
      prune(wallNow());
      return [...records.values()];
    },
    adopt(list) {
      for (const r of list) {
        if (r.accessKeyId !== STATIC_ADMIN_ACCESS_KEY_ID && r.accessKeyId !== PARTNER_ADMIN_ACCESS_KEY_ID && !records.has(r.accessKeyId)) records.set(r.accessKeyId, r);
      }
    },
    onIssue(listener) {
      issueListeners.add(listener);
      return () => void issueListeners.delete(listener);
    },
  };
}
