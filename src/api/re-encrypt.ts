import { ReEncryptCommand, type ReEncryptCommandInput, type ReEncryptCommandOutput } from '@aws-sdk/client-kms';
import { mutationOptions, useMutation } from '@tanstack/react-query';
import { useConnection } from '../connection';
import type { ConnectionInfo } from '../connection/types';

/** kms:ReEncrypt. Decrypts and re-encrypts inside KMS; the plaintext never leaves it. https://docs.aws.amazon.com/kms/latest/APIReference/API_ReEncrypt.html */
export async function reEncrypt(conn: ConnectionInfo, input: ReEncryptCommandInput): Promise<ReEncryptCommandOutput> {
  const kms = await conn.clients.kms();
  return kms.send(new ReEncryptCommand(input));
}

export function reEncryptMutationOptions(conn: ConnectionInfo) {
  return mutationOptions({
    mutationKey: [...conn.keyPrefix, 'kms', 'ReEncrypt'],
    mutationFn: (input: ReEncryptCommandInput) => reEncrypt(conn, input),
  });
}

export function useReEncrypt() {
  const conn = useConnection();
  return useMutation(reEncryptMutationOptions(conn));
}
