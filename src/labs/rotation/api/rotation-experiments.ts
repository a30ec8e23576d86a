import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useConnection } from '../../../connection';
import type { ConnectionInfo } from '../../../connection/types';
import { labTags, createKey, decrypt, invalidateKeyReads, reEncrypt } from '../../../api';
import { enableKeyRotation } from './enable-key-rotation';
import { updateAlias } from './update-alias';

export interface StoredCiphertext {
  id: number;
  label: string;
  blob: Uint8Array;
  /** The KeyMaterialId the backend reported when this was made, when it reports one. */
  madeWith?: string;
}

export interface DecryptOutcome {
  id: number;
  ok: boolean;
  text?: string;
  keyId?: string;
  keyMaterialId?: string;
  error?: Error;
}

/** Decrypts every stored ciphertext; each refusal is recorded as that row's outcome. */
export async function decryptAll(conn: ConnectionInfo, stored: readonly StoredCiphertext[]): Promise<DecryptOutcome[]> {
  const out: DecryptOutcome[] = [];
  for (const c of stored) {
    try {
      const r = await decrypt(conn, { CiphertextBlob: c.blob });
      out.push({ id: c.id, ok: true, text: r.Plaintext ? new TextDecoder().decode(r.Plaintext) : '', keyId: r.KeyId, keyMaterialId: r.KeyMaterialId });
    } catch (e) {
      out.push({ id: c.id, ok: false, error: e instanceof Error ? e : new Error(String(e)) });
    }
  }
  return out;
}

export function useDecryptAll() {
  const conn = useConnection();
  return useMutation({ mutationKey: [...conn.keyPrefix, 'lab', 'rotation', 'decryptAll'], mutationFn: (stored: StoredCiphertext[]) => decryptAll(conn, stored) });
}

/** Manual rotation: a new key (new key id), then the alias moved to it with UpdateAlias. */
export async function rotateManually(conn: ConnectionInfo, aliasName: string): Promise<{ newKeyId: string; newArn: string }> {
  const created = await createKey(conn, { Description: `Manual rotation of ${aliasName}`, Tags: labTags(conn) });
  const newKeyId = created.KeyMetadata?.KeyId;
  if (!newKeyId) throw new Error('CreateKey returned no KeyId');
  await updateAlias(conn, { AliasName: aliasName, TargetKeyId: newKeyId });
  return { newKeyId, newArn: created.KeyMetadata?.Arn ?? newKeyId };
}

export function useRotateManually() {
  const conn = useConnection();
  const queryClient = useQueryClient();
  return useMutation({
    mutationKey: [...conn.keyPrefix, 'lab', 'rotation', 'manual'],
    mutationFn: (aliasName: string) => rotateManually(conn, aliasName),
    onSettled: () => invalidateKeyReads(queryClient, conn),
  });
}

export interface Rewrapped {
  id: number;
  blob: Uint8Array;
  from?: string;
  to?: string;
}

/** Re-wraps each stored ciphertext under the alias's new key; the plaintext never leaves KMS. */
export async function rewrapAll(conn: ConnectionInfo, stored: readonly StoredCiphertext[], destination: string): Promise<Rewrapped[]> {
  const out: Rewrapped[] = [];
  for (const c of stored) {
    const r = await reEncrypt(conn, { CiphertextBlob: c.blob, DestinationKeyId: destination });
    if (!r.CiphertextBlob) throw new Error('ReEncrypt returned no CiphertextBlob');
    out.push({ id: c.id, blob: r.CiphertextBlob, from: r.SourceKeyId, to: r.KeyId });
  }
  return out;
}

export function useRewrapAll() {
  const conn = useConnection();
  return useMutation({
    mutationKey: [...conn.keyPrefix, 'lab', 'rotation', 'rewrap'],
    mutationFn: ({ stored, destination }: { stored: StoredCiphertext[]; destination: string }) => rewrapAll(conn, stored, destination),
  });
}

/** Trap 4, live: an RSA key, then EnableKeyRotation on it (refused). */
export async function createRsaKey(conn: ConnectionInfo): Promise<string> {
  const r = await createKey(conn, { KeySpec: 'RSA_2048', KeyUsage: 'ENCRYPT_DECRYPT', Description: 'RSA key for the rotation trap', Tags: labTags(conn) });
  const id = r.KeyMetadata?.KeyId;
  if (!id) throw new Error('CreateKey returned no KeyId');
  return id;
}

export function useCreateRsaKey() {
  const conn = useConnection();
  const queryClient = useQueryClient();
  return useMutation({
    mutationKey: [...conn.keyPrefix, 'lab', 'rotation', 'rsa'],
    mutationFn: () => createRsaKey(conn),
    onSettled: () => invalidateKeyReads(queryClient, conn),
  });
}

export function useEnableRotationOn() {
  const conn = useConnection();
  return useMutation({
    mutationKey: [...conn.keyPrefix, 'lab', 'rotation', 'enableOnRsa'],
    mutationFn: (keyId: string) => enableKeyRotation(conn, { KeyId: keyId }),
  });
}
