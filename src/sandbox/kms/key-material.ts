import type { RequestContext } from '../shared/context';
import { hex64 } from '../shared/ids';
import { OID_EC_PUBLIC_KEY, OID_SECP256K1, bitString, octets, oid, seq, smallInt, tlv } from './asymmetric/der';
import type { KeyMaterial, KeySpec } from './kms-models';

type MaterialCtx = Pick<RequestContext, 'randomBytes' | 'subtle' | 'now'>;

export type RsaSpec = 'RSA_2048' | 'RSA_3072' | 'RSA_4096';
export type EcSpec = 'ECC_NIST_P256' | 'ECC_NIST_P384' | 'ECC_NIST_P521' | 'ECC_SECG_P256K1';
export type HmacSpec = 'HMAC_224' | 'HMAC_256' | 'HMAC_384' | 'HMAC_512';

export const RSA_BITS: Record<RsaSpec, number> = { RSA_2048: 2048, RSA_3072: 3072, RSA_4096: 4096 };
/** WebCrypto curve names; secp256k1 has none (noble handles it). */
export const NIST_CURVE: Record<Exclude<EcSpec, 'ECC_SECG_P256K1'>, 'P-256' | 'P-384' | 'P-521'> = {
  ECC_NIST_P256: 'P-256',
  ECC_NIST_P384: 'P-384',
  ECC_NIST_P521: 'P-521',
};
/** HMAC key sizes equal the hash output size (AWS: HMAC_224 is 224 bits, and so on). */
export const HMAC_BYTES: Record<HmacSpec, number> = { HMAC_224: 28, HMAC_256: 32, HMAC_384: 48, HMAC_512: 64 };

export const isRsaSpec = (s: string): s is RsaSpec => s in RSA_BITS;
export const isEcSpec = (s: string): s is EcSpec => s in NIST_CURVE || s === 'ECC_SECG_P256K1';
export const isHmacSpec = (s: string): s is HmacSpec => s in HMAC_BYTES;

/**
 * Generates new key material for a key spec (AES-256 for SYMMETRIC_DEFAULT, RSA/EC key pairs
 * as DER PKCS#8 + SPKI, HMAC secrets). The signature is a contract used by key management.
 */
export async function generateKeyMaterial(spec: KeySpec, ctx: MaterialCtx): Promise<KeyMaterial> {
  const base = { id: hex64(ctx.randomBytes), createdAt: ctx.now() };
  if (spec === 'SYMMETRIC_DEFAULT') return { ...base, secret: ctx.randomBytes(32) };
  if (isHmacSpec(spec)) return { ...base, secret: ctx.randomBytes(HMAC_BYTES[spec]) };
  const pair = await generateKeyPair(spec, ctx);
  return { ...base, privateKeyPkcs8: pair.privateKeyPkcs8, publicKeySpki: pair.publicKeySpki };
}

export interface DerKeyPair {
  privateKeyPkcs8: Uint8Array<ArrayBuffer>;
  publicKeySpki: Uint8Array<ArrayBuffer>;
}

/** A DER key pair for an RSA or EC spec (also what GenerateDataKeyPair hands out). */
export async function generateKeyPair(spec: RsaSpec | EcSpec, ctx: Pick<RequestContext, 'randomBytes' | 'subtle'>): Promise<DerKeyPair> {
  if (spec === 'ECC_SECG_P256K1') return secp256k1Pair(ctx.randomBytes);
  const alg: RsaHashedKeyGenParams | EcKeyGenParams = isRsaSpec(spec)
    ? { name: 'RSA-PSS', modulusLength: RSA_BITS[spec], publicExponent: Uint8Array.of(1, 0, 1), hash: 'SHA-256' }
    : { name: 'ECDSA', namedCurve: NIST_CURVE[spec] };
  const kp = (await ctx.subtle.generateKey(alg, true, ['sign', 'verify'])) as CryptoKeyPair;
  const [pkcs8, spki] = await Promise.all([
    ctx.subtle.exportKey('pkcs8', kp.privateKey),
    ctx.subtle.exportKey('spki', kp.publicKey),
  ]);
  return { privateKeyPkcs8: new Uint8Array(pkcs8), publicKeySpki: new Uint8Array(spki) };
}

/** secp256k1 SPKI (RFC 5480): 88 bytes, as AWS returns for ECC_SECG_P256K1. */
export function secp256k1Spki(uncompressedPoint: Uint8Array): Uint8Array<ArrayBuffer> {
  return seq(seq(oid(OID_EC_PUBLIC_KEY), oid(OID_SECP256K1)), bitString(uncompressedPoint));
}

/** secp256k1 PKCS#8 wrapping an RFC 5915 ECPrivateKey (with the public key, as OpenSSL writes it). */
export function secp256k1Pkcs8(d: Uint8Array, uncompressedPoint: Uint8Array): Uint8Array<ArrayBuffer> {
  const ecPrivateKey = seq(smallInt(1), octets(d), tlv(0xa1, bitString(uncompressedPoint)));
  return seq(smallInt(0), seq(oid(OID_EC_PUBLIC_KEY), oid(OID_SECP256K1)), octets(ecPrivateKey));
}

// noble is loaded only when a secp256k1 key is made (it stays out of the main bundle).
async function secp256k1Pair(randomBytes: (n: number) => Uint8Array): Promise<DerKeyPair> {
  const { secp256k1 } = await import('@noble/curves/secp256k1.js');
  let d: Uint8Array;
  do d = randomBytes(32);
  while (!secp256k1.utils.isValidSecretKey(d));
  const pub = secp256k1.getPublicKey(d, false);
  return { privateKeyPkcs8: secp256k1Pkcs8(d, pub), publicKeySpki: secp256k1Spki(pub) };
}
