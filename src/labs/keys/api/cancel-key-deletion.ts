import { CancelKeyDeletionCommand, type CancelKeyDeletionCommandInput, type CancelKeyDeletionCommandOutput } from '@aws-sdk/client-kms';
import { mutationOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { useConnection } from '../../../connection';
import type { ConnectionInfo } from '../../../connection/types';
import { invalidateKeyReads } from '../../../api';

/** kms:CancelKeyDeletion. Ends the waiting period; the key returns Disabled. https://docs.aws.amazon.com/kms/latest/APIReference/API_CancelKeyDeletion.html */
export async function cancelKeyDeletion(conn: ConnectionInfo, input: CancelKeyDeletionCommandInput): Promise<CancelKeyDeletionCommandOutput> {
  const kms = await conn.clients.kms();
  return kms.send(new CancelKeyDeletionCommand(input));
}

export function cancelKeyDeletionMutationOptions(conn: ConnectionInfo) {
  return mutationOptions({
    mutationKey: [...conn.keyPrefix, 'kms', 'CancelKeyDeletion'],
    mutationFn: (input: CancelKeyDeletionCommandInput) => cancelKeyDeletion(conn, input),
  });
}

export function useCancelKeyDeletion() {
  const conn = useConnection();
  const queryClient = useQueryClient();
  return useMutation({ ...cancelKeyDeletionMutationOptions(conn), onSettled: () => invalidateKeyReads(queryClient, conn) });
}
