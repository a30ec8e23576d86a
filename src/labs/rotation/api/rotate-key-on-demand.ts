import { RotateKeyOnDemandCommand, type RotateKeyOnDemandCommandInput, type RotateKeyOnDemandCommandOutput } from '@aws-sdk/client-kms';
import { mutationOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { useConnection } from '../../../connection';
import type { ConnectionInfo } from '../../../connection/types';
import { invalidateKeyReads } from '../../../api';

/** kms:RotateKeyOnDemand. Rotates the key material now. https://docs.aws.amazon.com/kms/latest/APIReference/API_RotateKeyOnDemand.html */
export async function rotateKeyOnDemand(conn: ConnectionInfo, input: RotateKeyOnDemandCommandInput): Promise<RotateKeyOnDemandCommandOutput> {
  const kms = await conn.clients.kms();
  return kms.send(new RotateKeyOnDemandCommand(input));
}

export function rotateKeyOnDemandMutationOptions(conn: ConnectionInfo) {
  return mutationOptions({
    mutationKey: [...conn.keyPrefix, 'kms', 'RotateKeyOnDemand'],
    mutationFn: (input: RotateKeyOnDemandCommandInput) => rotateKeyOnDemand(conn, input),
  });
}

export function useRotateKeyOnDemand() {
  const conn = useConnection();
  const queryClient = useQueryClient();
  return useMutation({ ...rotateKeyOnDemandMutationOptions(conn), onSettled: () => invalidateKeyReads(queryClient, conn) });
}
