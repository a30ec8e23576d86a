/** The claims of a JWT (the Cognito OpenID token), read for display only: the signature is not checked here. */
export interface TokenClaims {
  header: Record<string, unknown>;
  claims: Record<string, unknown>;
}

function base64UrlJson(part: string): Record<string, unknown> {
  const b64 = part.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(part.length / 4) * 4, '=');
  const bin = atob(b64);
  const bytes = Uint8Array.from(bin, (c) => c.charCodeAt(0));
  const value: unknown = JSON.parse(new TextDecoder().decode(bytes));
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new Error('not a JSON object');
  return value as Record<string, unknown>;
}

/** Precondition: a compact JWS has three dot-separated parts. */
export function decodeJwt(token: string): TokenClaims {
  const parts = token.split('.');
  if (parts.length !== 3) throw new Error('A JWT has three dot-separated parts.');
  return { header: base64UrlJson(parts[0] as string), claims: base64UrlJson(parts[1] as string) };
}

/** "59:58" or "1:02:03" left until `expiresAt`, or "expired". */
export function formatRemaining(ms: number): string {
  if (ms <= 0) return 'expired';
  const s = Math.floor(ms / 1000);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${sec}` : `${m}:${sec}`;
}
