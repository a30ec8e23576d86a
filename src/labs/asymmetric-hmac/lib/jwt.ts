/**
 * Pure helpers for the Asymmetric and HMAC lab: JWT encoding (RFC 7515/7519), the ECDSA signature
 * format change JWS needs, and RSA-OAEP's plaintext limits. No SDK, no React.
 */

export type JwtAlg = 'PS256' | 'RS256' | 'ES256';

/** Each JWS algorithm, the KMS key spec and signing algorithm that produce it, and WebCrypto's name for it. */
export const JWT_ALGS: Record<JwtAlg, { keySpec: 'RSA_2048' | 'ECC_NIST_P256'; signingAlgorithm: string; label: string }> = {
  PS256: { keySpec: 'RSA_2048', signingAlgorithm: 'RSASSA_PSS_SHA_256', label: 'PS256 (RSA_2048, RSASSA_PSS_SHA_256)' },
  RS256: { keySpec: 'RSA_2048', signingAlgorithm: 'RSASSA_PKCS1_V1_5_SHA_256', label: 'RS256 (RSA_2048, RSASSA_PKCS1_V1_5_SHA_256)' },
  ES256: { keySpec: 'ECC_NIST_P256', signingAlgorithm: 'ECDSA_SHA_256', label: 'ES256 (ECC_NIST_P256, ECDSA_SHA_256)' },
};

export function base64url(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function fromBase64url(text: string): Uint8Array<ArrayBuffer> {
  const b64 = text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4);
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

const utf8 = (s: string) => new TextEncoder().encode(s);

/** `base64url(header).base64url(payload)`: the bytes a JWS signature covers. */
export function signingInput(header: Record<string, unknown>, payload: Record<string, unknown>): string {
  return `${base64url(utf8(JSON.stringify(header)))}.${base64url(utf8(JSON.stringify(payload)))}`;
}

/**
 * KMS returns ECDSA signatures DER-encoded (SEQUENCE { INTEGER r, INTEGER s }); JWS ES256 and
 * WebCrypto want r and s as two 32-byte big-endian numbers side by side (RFC 7518 §3.4).
 */
export function derToRawEcdsa(der: Uint8Array, size = 32): Uint8Array<ArrayBuffer> {
  let i = 0;
  const expect = (tag: number) => {
    if (der[i++] !== tag) throw new Error('not a DER ECDSA signature');
  };
  const length = () => {
    let n = der[i++]!;
    if (n & 0x80) {
      const bytes = n & 0x7f;
      n = 0;
      for (let k = 0; k < bytes; k++) n = (n << 8) | der[i++]!;
    }
    return n;
  };
  expect(0x30);
  length();
  const out = new Uint8Array(size * 2);
  for (let part = 0; part < 2; part++) {
    expect(0x02);
    const n = length();
    let int = der.subarray(i, i + n);
    i += n;
    while (int.length > size && int[0] === 0) int = int.subarray(1);
    if (int.length > size) throw new Error('ECDSA integer too long');
    out.set(int, part * size + (size - int.length));
  }
  return out;
}

/** RSAES-OAEP's largest plaintext: modulus bytes - 2 * hash bytes - 2 (RFC 8017 §7.1.1). */
export function oaepMaxPlaintext(modulusBits: 2048 | 3072 | 4096, hash: 'SHA_1' | 'SHA_256'): number {
  return modulusBits / 8 - 2 * (hash === 'SHA_1' ? 20 : 32) - 2;
}
