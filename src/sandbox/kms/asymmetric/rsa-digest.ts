import { sha256, sha384, sha512 } from '@noble/hashes/sha2.js';
import { equalBytes } from '../../shared/bytes';

/**
 * RSA signatures over a precomputed digest (Sign/Verify with MessageType DIGEST), which WebCrypto
 * cannot do: EMSA-PKCS1-v1_5 and EMSA-PSS (RFC 8017 §9; salt length = digest length, MGF1 with
 * the same hash, as AWS KMS signs) plus the RSA private operation with the CRT parameters of the
 * key's JWK. Loaded with import() only when a DIGEST request needs it.
 */
export type RsaHash = 'SHA-256' | 'SHA-384' | 'SHA-512';
export type RsaScheme = 'PKCS1' | 'PSS';

const HASH = { 'SHA-256': sha256, 'SHA-384': sha384, 'SHA-512': sha512 } as const;

// DigestInfo DER prefixes (RFC 8017 §9.2 note 1).
const DIGEST_INFO: Record<RsaHash, Uint8Array> = {
  'SHA-256': hex('3031300d060960864801650304020105000420'),
  'SHA-384': hex('3041300d060960864801650304020205000430'),
  'SHA-512': hex('3051300d060960864801650304020305000440'),
};

function hex(h: string): Uint8Array {
  return Uint8Array.from(h.match(/../g)!.map((x) => parseInt(x, 16)));
}

export function b64urlToBigInt(s: string): bigint {
  const b = atob(s.replace(/-/g, '+').replace(/_/g, '/'));
  let h = '';
  for (let i = 0; i < b.length; i++) h += b.charCodeAt(i).toString(16).padStart(2, '0');
  return h ? BigInt(`0x${h}`) : 0n;
}

const os2ip = (b: Uint8Array): bigint => {
  let h = '';
  for (const x of b) h += x.toString(16).padStart(2, '0');
  return h ? BigInt(`0x${h}`) : 0n;
};

function i2osp(x: bigint, len: number): Uint8Array {
  const h = x.toString(16).padStart(len * 2, '0');
  if (h.length > len * 2) throw new Error('integer too large');
  const out = new Uint8Array(len);
  for (let i = 0; i < len; i++) out[i] = parseInt(h.slice(i * 2, i * 2 + 2), 16);
  return out;
}

export function modPow(base: bigint, exp: bigint, mod: bigint): bigint {
  let result = 1n;
  let b = base % mod;
  let e = exp;
  while (e > 0n) {
    if (e & 1n) result = (result * b) % mod;
    e >>= 1n;
    b = (b * b) % mod;
  }
  return result;
}

const bitLength = (n: bigint): number => n.toString(2).length;

function mgf1(hash: RsaHash, seed: Uint8Array, len: number): Uint8Array {
  const h = HASH[hash];
  const out = new Uint8Array(len);
  const block = new Uint8Array(seed.length + 4);
  block.set(seed);
  for (let counter = 0, o = 0; o < len; counter++) {
    new DataView(block.buffer).setUint32(seed.length, counter);
    const d = h(block);
    out.set(d.subarray(0, Math.min(d.length, len - o)), o);
    o += d.length;
  }
  return out;
}

function emsaPkcs1(hash: RsaHash, digest: Uint8Array, emLen: number): Uint8Array {
  const t = new Uint8Array(DIGEST_INFO[hash].length + digest.length);
  t.set(DIGEST_INFO[hash]);
  t.set(digest, DIGEST_INFO[hash].length);
  if (emLen < t.length + 11) throw new Error('intended encoded message length too short');
  const em = new Uint8Array(emLen).fill(0xff);
  em[0] = 0x00;
  em[1] = 0x01;
  em[emLen - t.length - 1] = 0x00;
  em.set(t, emLen - t.length);
  return em;
}

function emsaPssEncode(hash: RsaHash, mHash: Uint8Array, emBits: number, salt: Uint8Array): Uint8Array {
  const hLen = mHash.length;
  const emLen = Math.ceil(emBits / 8);
  const mPrime = new Uint8Array(8 + hLen + salt.length);
  mPrime.set(mHash, 8);
  mPrime.set(salt, 8 + hLen);
  const H = HASH[hash](mPrime);
  const db = new Uint8Array(emLen - hLen - 1);
  db[db.length - salt.length - 1] = 0x01;
  db.set(salt, db.length - salt.length);
  const mask = mgf1(hash, H, db.length);
  for (let i = 0; i < db.length; i++) db[i]! ^= mask[i]!;
  db[0]! &= 0xff >> (8 * emLen - emBits);
  const em = new Uint8Array(emLen);
  em.set(db);
  em.set(H, db.length);
  em[emLen - 1] = 0xbc;
  return em;
}

function emsaPssVerify(hash: RsaHash, mHash: Uint8Array, em: Uint8Array, emBits: number): boolean {
  const hLen = mHash.length;
  const sLen = hLen;
  const emLen = Math.ceil(emBits / 8);
  if (em.length !== emLen || emLen < hLen + sLen + 2 || em[emLen - 1] !== 0xbc) return false;
  const masked = em.subarray(0, emLen - hLen - 1);
  const H = em.subarray(emLen - hLen - 1, emLen - 1);
  const topMask = 0xff >> (8 * emLen - emBits);
  if ((masked[0]! & ~topMask) !== 0) return false;
  const mask = mgf1(hash, H, masked.length);
  const db = new Uint8Array(masked.length);
  for (let i = 0; i < db.length; i++) db[i] = masked[i]! ^ mask[i]!;
  db[0]! &= topMask;
  const psLen = emLen - hLen - sLen - 2;
  for (let i = 0; i < psLen; i++) if (db[i] !== 0) return false;
  if (db[psLen] !== 0x01) return false;
  const salt = db.subarray(db.length - sLen);
  const mPrime = new Uint8Array(8 + hLen + sLen);
  mPrime.set(mHash, 8);
  mPrime.set(salt, 8 + hLen);
  return equalBytes(HASH[hash](mPrime), H);
}

export interface RsaPrivateJwk {
  n?: string;
  e?: string;
  d?: string;
  p?: string;
  q?: string;
  dp?: string;
  dq?: string;
  qi?: string;
}

/** Signs a digest with the private key (CRT), checking the result with the public exponent. */
export function rsaSignDigest(
  jwk: RsaPrivateJwk,
  scheme: RsaScheme,
  hash: RsaHash,
  digest: Uint8Array,
  randomBytes: (n: number) => Uint8Array,
): Uint8Array {
  const [n, e, p, q, dp, dq, qi] = [jwk.n, jwk.e, jwk.p, jwk.q, jwk.dp, jwk.dq, jwk.qi].map((v) => {
    if (!v) throw new Error('RSA JWK lacks CRT parameters');
    return b64urlToBigInt(v);
  }) as [bigint, bigint, bigint, bigint, bigint, bigint, bigint];
  const modBits = bitLength(n);
  const k = Math.ceil(modBits / 8);
  const em =
    scheme === 'PKCS1' ? emsaPkcs1(hash, digest, k) : emsaPssEncode(hash, digest, modBits - 1, randomBytes(digest.length));
  const m = os2ip(em);
  const m1 = modPow(m, dp, p);
  const m2 = modPow(m, dq, q);
  const h = (((m1 - m2) % p) + p) % p * qi % p;
  const s = m2 + h * q;
  // A CRT fault would leak the key; never release a signature that does not verify.
  if (modPow(s, e, n) !== m) throw new Error('RSA CRT self-check failed');
  return i2osp(s, k);
}

/** Verifies a signature over a digest with the public key (n, e). */
export function rsaVerifyDigest(
  jwk: Pick<RsaPrivateJwk, 'n' | 'e'>,
  scheme: RsaScheme,
  hash: RsaHash,
  digest: Uint8Array,
  signature: Uint8Array,
): boolean {
  if (!jwk.n || !jwk.e) return false;
  const n = b64urlToBigInt(jwk.n);
  const e = b64urlToBigInt(jwk.e);
  const modBits = bitLength(n);
  const k = Math.ceil(modBits / 8);
  if (signature.length !== k) return false;
  const s = os2ip(signature);
  if (s >= n) return false;
  const m = modPow(s, e, n);
  if (scheme === 'PKCS1') {
    try {
      return equalBytes(i2osp(m, k), emsaPkcs1(hash, digest, k));
    } catch {
      return false;
    }
  }
  const emLen = Math.ceil((modBits - 1) / 8);
  let em: Uint8Array;
  try {
    em = i2osp(m, emLen);
  } catch {
    return false;
  }
  return emsaPssVerify(hash, digest, em, modBits - 1);
}
