import { DisableKeyCommand, type DisableKeyCommandInput, type DisableKeyCommandOutput } from '@aws-sdk/client-kms';
import { mutationOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { useConnection } from '../../../connection';
import type { ConnectionInfo } from '../../../connection/types';
import { invalidateKeyReads } from '../../../api';

/** kms:DisableKey. Disabled state: every cryptographic call on the key fails. https://docs.aws.amazon.com/kms/latest/APIReference/API_DisableKey.html */
export async function disableKey(conn: ConnectionInfo, input: DisableKeyCommandInput): Promise<DisableKeyCommandOutput> {
  const kms = await conn.clients.kms();
  return kms.send(new DisableKeyCommand(input));
}

export function disableKeyMutationOptions(conn: ConnectionInfo) {
  return mutationOptions({
    mutationKey: [...conn.keyPrefix, 'kms', 'DisableKey'],
    mutationFn: (input: DisableKeyCommandInput) => disableKey(conn, input),
  });
}

export function useDisableKey() {
  const conn = useConnection();
  const queryClient = useQueryClient();
  return useMutation({ ...disableKeyMutationOptions(conn), onSettled: () => invalidateKeyReads(queryClient, conn) });
}
