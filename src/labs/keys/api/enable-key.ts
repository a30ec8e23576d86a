import { EnableKeyCommand, type EnableKeyCommandInput, type EnableKeyCommandOutput } from '@aws-sdk/client-kms';
import { mutationOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { useConnection } from '../../../connection';
import type { ConnectionInfo } from '../../../connection/types';
import { invalidateKeyReads } from '../../../api';

/** kms:EnableKey. Enabled state. https://docs.aws.amazon.com/kms/latest/APIReference/API_EnableKey.html */
export async function enableKey(conn: ConnectionInfo, input: EnableKeyCommandInput): Promise<EnableKeyCommandOutput> {
  const kms = await conn.clients.kms();
  return kms.send(new EnableKeyCommand(input));
}

export function enableKeyMutationOptions(conn: ConnectionInfo) {
  return mutationOptions({
    mutationKey: [...conn.keyPrefix, 'kms', 'EnableKey'],
    mutationFn: (input: EnableKeyCommandInput) => enableKey(conn, input),
  });
}

export function useEnableKey() {
  const conn = useConnection();
  const queryClient = useQueryClient();
  return useMutation({ ...enableKeyMutationOptions(conn), onSettled: () => invalidateKeyReads(queryClient, conn) });
}
