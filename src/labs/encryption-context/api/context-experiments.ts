import { useMutation } from '@tanstack/react-query';
import { useConnection } from '../../../connection';
import type { ConnectionInfo } from '../../../connection/types';
import { utf8 } from '../../../lib/bytes';
import { PAIR_CONTEXT, SINGLE_CONTEXT, VARIANTS } from '../lib/variants';
import { decrypt, encrypt } from '../../../api';

export interface TableBlobs {
  keyId: string;
  single: Uint8Array;
  pair: Uint8Array;
}

export interface Outcome {
  ok: boolean;
  plaintext?: string;
  error?: Error;
}

const MESSAGE = 'Acme invoice 42';

/** Two Encrypt calls: the one-pair context of the trap, and a two-pair context for the order row. */
export async function encryptForTable(conn: ConnectionInfo, keyId: string): Promise<TableBlobs> {
  const one = await encrypt(conn, { KeyId: keyId, Plaintext: utf8.encode(MESSAGE), EncryptionContext: SINGLE_CONTEXT });
  const two = await encrypt(conn, { KeyId: keyId, Plaintext: utf8.encode(MESSAGE), EncryptionContext: PAIR_CONTEXT });
  if (!one.CiphertextBlob || !two.CiphertextBlob) throw new Error('Encrypt returned no CiphertextBlob');
  return { keyId, single: one.CiphertextBlob, pair: two.CiphertextBlob };
}

/** One Decrypt per variant, in order; a refused decrypt is an outcome of the experiment, not a failure of the run. */
export async function runVariants(conn: ConnectionInfo, blobs: TableBlobs): Promise<Outcome[]> {
  const results: Outcome[] = [];
  for (const v of VARIANTS) {
    try {
      const r = await decrypt(conn, { KeyId: blobs.keyId, CiphertextBlob: v.blob === 'single' ? blobs.single : blobs.pair, EncryptionContext: v.context });
      results.push({ ok: true, plaintext: r.Plaintext ? utf8.decode(r.Plaintext) : '' });
    } catch (e) {
      results.push({ ok: false, error: e instanceof Error ? e : new Error(String(e)) });
    }
  }
  return results;
}

export function useEncryptForTable() {
  const conn = useConnection();
  return useMutation({ mutationKey: [...conn.keyPrefix, 'lab', 'context', 'encrypt'], mutationFn: (keyId: string) => encryptForTable(conn, keyId) });
}

export function useRunVariants() {
  const conn = useConnection();
  return useMutation({ mutationKey: [...conn.keyPrefix, 'lab', 'context', 'variants'], mutationFn: (blobs: TableBlobs) => runVariants(conn, blobs) });
}
