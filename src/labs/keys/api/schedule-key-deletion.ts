import { ScheduleKeyDeletionCommand, type ScheduleKeyDeletionCommandInput, type ScheduleKeyDeletionCommandOutput } from '@aws-sdk/client-kms';
import { mutationOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { useConnection } from '../../../connection';
import type { ConnectionInfo } from '../../../connection/types';
import { invalidateKeyReads } from '../../../api';

/** kms:ScheduleKeyDeletion. Starts the 7-30 day waiting period. https://docs.aws.amazon.com/kms/latest/APIReference/API_ScheduleKeyDeletion.html */
export async function scheduleKeyDeletion(conn: ConnectionInfo, input: ScheduleKeyDeletionCommandInput): Promise<ScheduleKeyDeletionCommandOutput> {
  const kms = await conn.clients.kms();
  return kms.send(new ScheduleKeyDeletionCommand(input));
}

export function scheduleKeyDeletionMutationOptions(conn: ConnectionInfo) {
  return mutationOptions({
    mutationKey: [...conn.keyPrefix, 'kms', 'ScheduleKeyDeletion'],
    mutationFn: (input: ScheduleKeyDeletionCommandInput) => scheduleKeyDeletion(conn, input),
  });
}

export function useScheduleKeyDeletion() {
  const conn = useConnection();
  const queryClient = useQueryClient();
  return useMutation({ ...scheduleKeyDeletionMutationOptions(conn), onSettled: () => invalidateKeyReads(queryClient, conn) });
}
