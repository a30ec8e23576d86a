import { ServiceError } from '../protocol/service-error';
import { fromBase64, fromUtf8, toBase64, toHex, utf8 } from '../shared/bytes';
import type { RequestContext } from '../shared/context';
import type { KmsKey } from './kms-models';

export const GRANT_ID_RE = /^[0-9a-f]{64}$/;

// Sandbox differs: AWS's text for an unusable grant token was not recorded.
export const invalidGrantToken = () => new ServiceError('InvalidGrantTokenException', 'The grant token is not valid.');

// Grant tokens: opaque to callers, not secret (AWS says so too). The sandbox's carry the account,
// region, key and grant they were issued for, and a random part so each CreateGrant returns a new one.

const TOKEN_PREFIX = 'kmsgt1';

export function issueGrantToken(ctx: Pick<RequestContext, 'randomBytes'>, key: KmsKey, grantId: string): string {
  const text = [TOKEN_PREFIX, key.accountId, key.region, key.keyId, grantId, toHex(ctx.randomBytes(16))].join('|');
  return toBase64(utf8(text)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export interface DecodedGrantToken {
  accountId: string;
  region: string;
  keyId: string;
  grantId: string;
}

export function decodeGrantToken(token: string): DecodedGrantToken | undefined {
  const b64 = token.replace(/-/g, '+').replace(/_/g, '/');
  const bytes = fromBase64(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
  if (!bytes) return undefined;
  const parts = fromUtf8(bytes).split('|');
  if (parts.length !== 6 || parts[0] !== TOKEN_PREFIX || !GRANT_ID_RE.test(parts[4]!)) return undefined;
  return { accountId: parts[1]!, region: parts[2]!, keyId: parts[3]!, grantId: parts[4]! };
}

/** GrantTokens on any call: each must be one the sandbox issued (its grant may since be gone). */
export function checkGrantTokens(tokens: readonly unknown[] | undefined): void {
  for (const t of tokens ?? []) {
    if (typeof t !== 'string' || !decodeGrantToken(t)) throw invalidGrantToken();
  }
}

