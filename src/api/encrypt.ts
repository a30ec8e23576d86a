import { EncryptCommand, type EncryptCommandInput, type EncryptCommandOutput } from '@aws-sdk/client-kms';
import { mutationOptions, useMutation } from '@tanstack/react-query';
import { useConnection } from '../connection';
import type { ConnectionInfo } from '../connection/types';

/** kms:Encrypt. Encrypts up to 4,096 bytes under a KMS key. https://docs.aws.amazon.com/kms/latest/APIReference/API_Encrypt.html */
export async function encrypt(conn: ConnectionInfo, input: EncryptCommandInput): Promise<EncryptCommandOutput> {
  const kms = await conn.clients.kms();
  return kms.send(new EncryptCommand(input));
}

export function encryptMutationOptions(conn: ConnectionInfo) {
  return mutationOptions({
    mutationKey: [...conn.keyPrefix, 'kms', 'Encrypt'],
    mutationFn: (input: EncryptCommandInput) => encrypt(conn, input),
  });
}

export function useEncrypt() {
  const conn = useConnection();
  return useMutation(encryptMutationOptions(conn));
}
