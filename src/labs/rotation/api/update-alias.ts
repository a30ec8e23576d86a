import { UpdateAliasCommand, type UpdateAliasCommandInput, type UpdateAliasCommandOutput } from '@aws-sdk/client-kms';
import { mutationOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { useConnection } from '../../../connection';
import type { ConnectionInfo } from '../../../connection/types';
import { invalidateKeyReads } from '../../../api';

/** kms:UpdateAlias. Moves an existing alias to another key (manual rotation). https://docs.aws.amazon.com/kms/latest/APIReference/API_UpdateAlias.html */
export async function updateAlias(conn: ConnectionInfo, input: UpdateAliasCommandInput): Promise<UpdateAliasCommandOutput> {
  const kms = await conn.clients.kms();
  return kms.send(new UpdateAliasCommand(input));
}

export function updateAliasMutationOptions(conn: ConnectionInfo) {
  return mutationOptions({
    mutationKey: [...conn.keyPrefix, 'kms', 'UpdateAlias'],
    mutationFn: (input: UpdateAliasCommandInput) => updateAlias(conn, input),
  });
}

export function useUpdateAlias() {
  const conn = useConnection();
  const queryClient = useQueryClient();
  return useMutation({ ...updateAliasMutationOptions(conn), onSettled: () => invalidateKeyReads(queryClient, conn) });
}
