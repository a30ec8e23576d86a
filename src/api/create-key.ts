import { CreateKeyCommand, type CreateKeyCommandInput, type CreateKeyCommandOutput } from '@aws-sdk/client-kms';
import { mutationOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { useConnection } from '../connection';
import type { ConnectionInfo } from '../connection/types';
import { invalidateKeyReads } from './invalidate-key-reads';

/** kms:CreateKey. Creates a KMS key. https://docs.aws.amazon.com/kms/latest/APIReference/API_CreateKey.html */
export async function createKey(conn: ConnectionInfo, input: CreateKeyCommandInput): Promise<CreateKeyCommandOutput> {
  const kms = await conn.clients.kms();
  return kms.send(new CreateKeyCommand(input));
}

export function createKeyMutationOptions(conn: ConnectionInfo) {
  return mutationOptions({
    mutationKey: [...conn.keyPrefix, 'kms', 'CreateKey'],
    mutationFn: (input: CreateKeyCommandInput) => createKey(conn, input),
  });
}

export function useCreateKey() {
  const conn = useConnection();
  const queryClient = useQueryClient();
  return useMutation({ ...createKeyMutationOptions(conn), onSettled: () => invalidateKeyReads(queryClient, conn) });
}
