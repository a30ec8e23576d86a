import { describe, expect, it } from 'vitest';
import { decodeJwt, formatRemaining } from '../lib/jwt';

const b64url = (o: unknown) => btoa(JSON.stringify(o)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

describe('the OpenID token as the Identity panel shows it', () => {
  it('reads the header and the claims of a compact JWT', () => {
    const token = `${b64url({ alg: 'RS512', kid: 'k1' })}.${b64url({ sub: 'us-east-1:abc', amr: ['unauthenticated'] })}.sig`;
    expect(decodeJwt(token)).toEqual({ header: { alg: 'RS512', kid: 'k1' }, claims: { sub: 'us-east-1:abc', amr: ['unauthenticated'] } });
  });

  it('Precondition: a compact JWS has three dot-separated parts.', () => {
    expect(() => decodeJwt('a.b')).toThrow('three dot-separated parts');
  });

  it('counts down in minutes and seconds, and says when it has expired', () => {
    expect(formatRemaining(3_599_000)).toBe('59:59');
    expect(formatRemaining(3_723_000)).toBe('1:02:03');
    expect(formatRemaining(0)).toBe('expired');
  });
});
