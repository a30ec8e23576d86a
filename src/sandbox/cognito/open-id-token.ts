import { fromBase64, fromHex, fromUtf8, toBase64, toHex, utf8 } from '../shared/bytes';
import type { RequestContext } from '../shared/context';

/**
 * The OpenID Connect tokens GetOpenIdToken returns and STS AssumeRoleWithWebIdentity verifies.
 * Sandbox differs: AWS signs them with RS512 under keys published at
 * https://cognito-identity.amazonaws.com/.well-known/jwks_uri; the sandbox signs with HS256
 * under a key kept in its own state (nothing outside the sandbox needs to verify them).
 */

export const COGNITO_ISSUER = 'https://cognito-identity.amazonaws.com';
export const COGNITO_PROVIDER = 'cognito-identity.amazonaws.com';
/** Basic-flow tokens are valid for 10 minutes (s3-cognito-behavior.md §5.1). */
export const OPEN_ID_TOKEN_LIFETIME_SECONDS = 600;

export interface OpenIdClaims {
  iss: string;
  sub: string;
  aud: string;
  amr: string[];
  iat: number;
  exp: number;
}

const b64url = (b: Uint8Array): string => toBase64(b).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

function fromB64url(s: string): Uint8Array<ArrayBuffer> | undefined {
  if (!/^[A-Za-z0-9_-]*$/.test(s)) return undefined;
  const std = s.replace(/-/g, '+').replace(/_/g, '/');
  return fromBase64(std + '='.repeat((4 - (std.length % 4)) % 4));
}

type KeyCtx = Pick<RequestContext, 'state' | 'subtle' | 'randomBytes'>;

async function signingKey(ctx: KeyCtx, create: boolean): Promise<CryptoKey | undefined> {
  let hex = ctx.state.cognito.openIdSigningKeyHex;
  if (!hex) {
    if (!create) return undefined;
    hex = toHex(ctx.randomBytes(32));
    ctx.state.cognito.openIdSigningKeyHex = hex;
  }
  return ctx.subtle.importKey('raw', fromHex(hex), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']);
}

const HEADER = b64url(utf8(JSON.stringify({ kid: 'kms-study-lab-sandbox-1', typ: 'JWT', alg: 'HS256' })));

export async function signOpenIdToken(ctx: KeyCtx, claims: OpenIdClaims): Promise<string> {
  const key = (await signingKey(ctx, true))!;
  const payload = b64url(utf8(JSON.stringify(claims)));
  const sig = new Uint8Array(await ctx.subtle.sign('HMAC', key, utf8(`${HEADER}.${payload}`)));
  return `${HEADER}.${payload}.${b64url(sig)}`;
}

export type TokenCheck =
  | { ok: true; claims: OpenIdClaims }
  | { ok: false; reason: 'malformed' | 'issuer' | 'signature' };

/** Parses and verifies a token's signature; the caller judges expiry and audience. */
export async function verifyOpenIdToken(ctx: KeyCtx, token: string): Promise<TokenCheck> {
  const parts = token.split('.');
  if (parts.length !== 3) return { ok: false, reason: 'malformed' };
  const [h, p, s] = parts as [string, string, string];
  const payloadBytes = fromB64url(p);
  const sig = fromB64url(s);
  const headerBytes = fromB64url(h);
  if (!payloadBytes || !sig || !headerBytes) return { ok: false, reason: 'malformed' };
  let claims: OpenIdClaims;
  try {
    JSON.parse(fromUtf8(headerBytes));
    claims = JSON.parse(fromUtf8(payloadBytes)) as OpenIdClaims;
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  if (claims === null || typeof claims !== 'object') return { ok: false, reason: 'malformed' };
  if (claims.iss !== COGNITO_ISSUER) return { ok: false, reason: 'issuer' };
  const key = await signingKey(ctx, false);
  if (!key) return { ok: false, reason: 'signature' };
  const valid = await ctx.subtle.verify('HMAC', key, sig, utf8(`${h}.${p}`));
  if (!valid) return { ok: false, reason: 'signature' };
  if (typeof claims.sub !== 'string' || typeof claims.aud !== 'string' || typeof claims.exp !== 'number') {
    return { ok: false, reason: 'malformed' };
  }
  return { ok: true, claims: { ...claims, amr: Array.isArray(claims.amr) ? claims.amr.map(String) : [] } };
}
