import { CreateAliasCommand, type CreateAliasCommandInput, type CreateAliasCommandOutput } from '@aws-sdk/client-kms';
import { mutationOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { useConnection } from '../connection';
import type { ConnectionInfo } from '../connection/types';
import { invalidateKeyReads } from './invalidate-key-reads';

/** kms:CreateAlias. Points a new alias at a key. https://docs.aws.amazon.com/kms/latest/APIReference/API_CreateAlias.html */
export async function createAlias(conn: ConnectionInfo, input: CreateAliasCommandInput): Promise<CreateAliasCommandOutput> {
  const kms = await conn.clients.kms();
  return kms.send(new CreateAliasCommand(input));
}

export function createAliasMutationOptions(conn: ConnectionInfo) {
  return mutationOptions({
    mutationKey: [...conn.keyPrefix, 'kms', 'CreateAlias'],
    mutationFn: (input: CreateAliasCommandInput) => createAlias(conn, input),
  });
}

export function useCreateAlias() {
  const conn = useConnection();
  const queryClient = useQueryClient();
  return useMutation({ ...createAliasMutationOptions(conn), onSettled: () => invalidateKeyReads(queryClient, conn) });
}
