import {
  CreateKeyCommand,
  DecryptCommand,
  EncryptCommand,
  GenerateDataKeyPairWithoutPlaintextCommand,
  GenerateMacCommand,
  GetPublicKeyCommand,
  SignCommand,
  VerifyMacCommand,
  type CreateKeyCommandInput,
} from '@aws-sdk/client-kms';
import { labTags } from '../../../api';
import type { ConnectionInfo } from '../../../connection/types';
import { base64url, derToRawEcdsa, fromBase64url, JWT_ALGS, signingInput, type JwtAlg } from '../lib/jwt';

/**
 * The Asymmetric and HMAC lab's calls, with the lab's own credentials (the guest may create and use
 * its own tagged keys). What happens "offline" happens in this page with WebCrypto and the public
 * key from GetPublicKey: no KMS call, as a verifier or producer outside AWS would do it.
 */

const subtle = () => globalThis.crypto.subtle;

export async function createKey(conn: ConnectionInfo, input: Omit<CreateKeyCommandInput, 'Tags'>): Promise<{ keyId: string; arn: string }> {
  const kms = await conn.clients.kms();
  const tags = labTags(conn);
  const md = (await kms.send(new CreateKeyCommand({ ...input, ...(tags ? { Tags: tags } : {}) }))).KeyMetadata!;
  return { keyId: md.KeyId!, arn: md.Arn! };
}

export interface SignedJwt {
  token: string;
  alg: JwtAlg;
}

/** Signs a JWT with kms:Sign (MessageType RAW: KMS hashes the signing input). */
export async function signJwt(conn: ConnectionInfo, keyId: string, alg: JwtAlg, payload: Record<string, unknown>): Promise<SignedJwt> {
  const kms = await conn.clients.kms();
  const input = signingInput({ alg, typ: 'JWT', kid: keyId }, payload);
  const out = await kms.send(
    new SignCommand({
      KeyId: keyId,
      Message: new TextEncoder().encode(input),
      MessageType: 'RAW',
      SigningAlgorithm: JWT_ALGS[alg].signingAlgorithm as 'RSASSA_PSS_SHA_256',
    }),
  );
  const sig = alg === 'ES256' ? derToRawEcdsa(out.Signature!) : out.Signature!;
  return { token: `${input}.${base64url(sig)}`, alg };
}

/** GetPublicKey: the DER SubjectPublicKeyInfo a verifier can keep and use offline. */
export async function getPublicKey(conn: ConnectionInfo, keyId: string): Promise<Uint8Array<ArrayBuffer>> {
  const kms = await conn.clients.kms();
  const out = await kms.send(new GetPublicKeyCommand({ KeyId: keyId }));
  return new Uint8Array(out.PublicKey!);
}

function importParams(alg: JwtAlg): RsaHashedImportParams | EcKeyImportParams {
  if (alg === 'ES256') return { name: 'ECDSA', namedCurve: 'P-256' };
  return { name: alg === 'PS256' ? 'RSA-PSS' : 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' };
}

function verifyParams(alg: JwtAlg): AlgorithmIdentifier | RsaPssParams | EcdsaParams {
  if (alg === 'ES256') return { name: 'ECDSA', hash: 'SHA-256' };
  // KMS's RSASSA-PSS uses a salt as long as the digest (kms-behavior.md §5.11).
  return alg === 'PS256' ? { name: 'RSA-PSS', saltLength: 32 } : { name: 'RSASSA-PKCS1-v1_5' };
}

/** Verifies a JWT in the page with WebCrypto and the SPKI from GetPublicKey: no call to KMS. */
export async function verifyJwtOffline(token: string, spki: Uint8Array<ArrayBuffer>): Promise<boolean> {
  const [h, p, s] = token.split('.');
  if (!h || !p || !s) return false;
  const header = JSON.parse(new TextDecoder().decode(fromBase64url(h))) as { alg?: string };
  const alg = header.alg as JwtAlg;
  if (!(alg in JWT_ALGS)) return false;
  const key = await subtle().importKey('spki', spki, importParams(alg), false, ['verify']);
  return subtle().verify(verifyParams(alg), key, fromBase64url(s), new TextEncoder().encode(`${h}.${p}`));
}

/** The same token with one claim changed and the old signature kept. */
export function tamper(token: string, claims: Record<string, unknown>): string {
  const [h, , s] = token.split('.');
  return `${h}.${base64url(new TextEncoder().encode(JSON.stringify(claims)))}.${s}`;
}

/** kms:Encrypt with an RSA key and RSAES_OAEP_SHA_256: `size` bytes of plaintext. */
export async function encryptRsa(conn: ConnectionInfo, keyId: string, size: number, algorithm: 'RSAES_OAEP_SHA_1' | 'RSAES_OAEP_SHA_256'): Promise<number> {
  const kms = await conn.clients.kms();
  const out = await kms.send(new EncryptCommand({ KeyId: keyId, Plaintext: new Uint8Array(size).fill(0x61), EncryptionAlgorithm: algorithm }));
  return out.CiphertextBlob!.length;
}

/** kms:GenerateMac, then kms:VerifyMac of the same or another message. */
export async function macRoundTrip(conn: ConnectionInfo, keyId: string, message: string, verifyMessage: string): Promise<number> {
  const kms = await conn.clients.kms();
  const { Mac } = await kms.send(new GenerateMacCommand({ KeyId: keyId, Message: new TextEncoder().encode(message), MacAlgorithm: 'HMAC_SHA_256' }));
  // A MAC that does not match is KMSInvalidMacException (thrown), never MacValid: false.
  await kms.send(new VerifyMacCommand({ KeyId: keyId, Message: new TextEncoder().encode(verifyMessage), MacAlgorithm: 'HMAC_SHA_256', Mac }));
  return Mac!.length;
}

export interface ProducerKit {
  publicKeySpki: Uint8Array<ArrayBuffer>;
  privateKeyCiphertext: Uint8Array;
}

/**
 * GenerateDataKeyPairWithoutPlaintext under a symmetric key: the producer gets the public key and
 * the private key encrypted under the KMS key, never the private key itself.
 */
export async function producerKit(conn: ConnectionInfo, wrappingKeyId: string): Promise<ProducerKit> {
  const kms = await conn.clients.kms();
  const out = await kms.send(new GenerateDataKeyPairWithoutPlaintextCommand({ KeyId: wrappingKeyId, KeyPairSpec: 'RSA_2048' }));
  return { publicKeySpki: new Uint8Array(out.PublicKey!), privateKeyCiphertext: out.PrivateKeyCiphertextBlob! };
}

const OAEP = { name: 'RSA-OAEP', hash: 'SHA-256' } as const;

/** The producer encrypts with the public key in the page: no KMS call, no way to decrypt. */
export async function produce(kit: ProducerKit, message: string): Promise<Uint8Array<ArrayBuffer>> {
  const key = await subtle().importKey('spki', kit.publicKeySpki, OAEP, false, ['encrypt']);
  return new Uint8Array(await subtle().encrypt(OAEP, key, new TextEncoder().encode(message)));
}

/** The consumer asks KMS to decrypt the private key, decrypts in the page, and zeroes the private key bytes. */
export async function consume(conn: ConnectionInfo, kit: ProducerKit, sealed: Uint8Array<ArrayBuffer>): Promise<string> {
  const kms = await conn.clients.kms();
  const { Plaintext } = await kms.send(new DecryptCommand({ CiphertextBlob: kit.privateKeyCiphertext }));
  const pkcs8 = new Uint8Array(Plaintext!);
  try {
    const key = await subtle().importKey('pkcs8', pkcs8, OAEP, false, ['decrypt']);
    return new TextDecoder().decode(await subtle().decrypt(OAEP, key, sealed));
  } finally {
    pkcs8.fill(0);
    Plaintext!.fill(0);
  }
}
