import { CreateKeyCommand, type CreateKeyCommandInput, type CreateKeyCommandOutput } from '@aws-sdk/client-kms';
import { mutationOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { useConnection } from '../connection';
import type { ConnectionInfo, DemoPrincipal } from '../connection/types';
import { invalidateKeyReads } from './invalidate-key-reads';

/** kms:CreateKey. Creates a KMS key. https://docs.aws.amazon.com/kms/latest/APIReference/API_CreateKey.html */
export async function createKey(conn: ConnectionInfo, input: CreateKeyCommandInput, as?: DemoPrincipal): Promise<CreateKeyCommandOutput> {
  if (as && !conn.clients.kmsAs) throw new Error(`Acting as ${as} needs the sandbox backend.`);
  const kms = as ? await conn.clients.kmsAs!(as) : await conn.clients.kms();
  return kms.send(new CreateKeyCommand(input));
}

/** CreateKey's input, and optionally the sandbox principal that sends it (clients.kmsAs). */
export type CreateKeyRequest = CreateKeyCommandInput & { as?: DemoPrincipal };

export function createKeyMutationOptions(conn: ConnectionInfo) {
  return mutationOptions({
    mutationKey: [...conn.keyPrefix, 'kms', 'CreateKey'],
    mutationFn: ({ as, ...input }: CreateKeyRequest) => createKey(conn, input, as),
  });
}

export function useCreateKey() {
  const conn = useConnection();
  const queryClient = useQueryClient();
  return useMutation({ ...createKeyMutationOptions(conn), onSettled: () => invalidateKeyReads(queryClient, conn) });
}
