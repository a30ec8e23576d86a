import { p256, p384, p521 } from '@noble/curves/nist.js';
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { sha256 } from '@noble/hashes/sha2.js';
import type { EcSpec } from '../key-material';
import { readTlv } from './der';

/**
 * ECDSA where WebCrypto cannot go: over a precomputed digest (MessageType DIGEST) and on
 * secp256k1. Signatures are DER SEQUENCE { r, s } as KMS returns them. High-S signatures are
 * accepted (KMS does not normalise S; OpenSSL and WebCrypto accept both halves). Loaded with
 * import() only when needed.
 */
const CURVE = { ECC_NIST_P256: p256, ECC_NIST_P384: p384, ECC_NIST_P521: p521, ECC_SECG_P256K1: secp256k1 } as const;

/** The private scalar `d` from a PKCS#8 PrivateKeyInfo holding an RFC 5915 ECPrivateKey. */
export function ecPrivateScalar(pkcs8: Uint8Array): Uint8Array {
  const fail = () => new Error('not an EC PKCS#8 key');
  const top = readTlv(pkcs8, 0);
  if (!top || top.tag !== 0x30) throw fail();
  const version = readTlv(pkcs8, top.start, top.end);
  const alg = version && readTlv(pkcs8, version.end, top.end);
  const wrapped = alg && readTlv(pkcs8, alg.end, top.end);
  if (!wrapped || wrapped.tag !== 0x04) throw fail();
  const ecpk = readTlv(pkcs8, wrapped.start, wrapped.end);
  const v1 = ecpk && readTlv(pkcs8, ecpk.start, ecpk.end);
  const d = v1 && readTlv(pkcs8, v1.end, ecpk.end);
  if (!d || d.tag !== 0x04) throw fail();
  return pkcs8.subarray(d.start, d.end);
}

/** The uncompressed public point from a SubjectPublicKeyInfo. */
export function spkiPoint(spki: Uint8Array): Uint8Array {
  const top = readTlv(spki, 0);
  const alg = top && readTlv(spki, top.start, top.end);
  const bits = alg && readTlv(spki, alg.end, top.end);
  if (!bits || bits.tag !== 0x03) throw new Error('not an SPKI');
  return spki.subarray(bits.start + 1, bits.end);
}

export function ecdsaSignDigest(spec: EcSpec, pkcs8: Uint8Array, digest: Uint8Array): Uint8Array {
  return CURVE[spec].sign(digest, ecPrivateScalar(pkcs8), { prehash: false, lowS: false, format: 'der' });
}

export function ecdsaVerifyDigest(spec: EcSpec, spki: Uint8Array, digest: Uint8Array, derSignature: Uint8Array): boolean {
  try {
    return CURVE[spec].verify(derSignature, digest, spkiPoint(spki), { prehash: false, lowS: false, format: 'der' });
  } catch {
    return false;
  }
}

export const sha256Sync = (m: Uint8Array): Uint8Array => sha256(m);
