import { DecryptCommand, type DecryptCommandInput, type DecryptCommandOutput } from '@aws-sdk/client-kms';
import { mutationOptions, useMutation } from '@tanstack/react-query';
import { useConnection } from '../connection';
import type { ConnectionInfo } from '../connection/types';

/** kms:Decrypt. Decrypts a ciphertext blob. https://docs.aws.amazon.com/kms/latest/APIReference/API_Decrypt.html */
export async function decrypt(conn: ConnectionInfo, input: DecryptCommandInput): Promise<DecryptCommandOutput> {
  const kms = await conn.clients.kms();
  return kms.send(new DecryptCommand(input));
}

export function decryptMutationOptions(conn: ConnectionInfo) {
  return mutationOptions({
    mutationKey: [...conn.keyPrefix, 'kms', 'Decrypt'],
    mutationFn: (input: DecryptCommandInput) => decrypt(conn, input),
  });
}

export function useDecrypt() {
  const conn = useConnection();
  return useMutation(decryptMutationOptions(conn));
}
