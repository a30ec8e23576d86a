import { EnableKeyRotationCommand, type EnableKeyRotationCommandInput, type EnableKeyRotationCommandOutput } from '@aws-sdk/client-kms';
import { mutationOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { useConnection } from '../../../connection';
import type { ConnectionInfo } from '../../../connection/types';
import { invalidateKeyReads } from '../../../api';

/** kms:EnableKeyRotation. Turns on automatic rotation with a period. https://docs.aws.amazon.com/kms/latest/APIReference/API_EnableKeyRotation.html */
export async function enableKeyRotation(conn: ConnectionInfo, input: EnableKeyRotationCommandInput): Promise<EnableKeyRotationCommandOutput> {
  const kms = await conn.clients.kms();
  return kms.send(new EnableKeyRotationCommand(input));
}

export function enableKeyRotationMutationOptions(conn: ConnectionInfo) {
  return mutationOptions({
    mutationKey: [...conn.keyPrefix, 'kms', 'EnableKeyRotation'],
    mutationFn: (input: EnableKeyRotationCommandInput) => enableKeyRotation(conn, input),
  });
}

export function useEnableKeyRotation() {
  const conn = useConnection();
  const queryClient = useQueryClient();
  return useMutation({ ...enableKeyRotationMutationOptions(conn), onSettled: () => invalidateKeyReads(queryClient, conn) });
}
