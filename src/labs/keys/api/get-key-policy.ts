import { GetKeyPolicyCommand } from '@aws-sdk/client-kms';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { useConnection } from '../../../connection';
import type { ConnectionInfo } from '../../../connection/types';

/** kms:GetKeyPolicy (the only policy name is "default"). https://docs.aws.amazon.com/kms/latest/APIReference/API_GetKeyPolicy.html */
export async function getKeyPolicy(conn: ConnectionInfo, keyId: string): Promise<string> {
  const kms = await conn.clients.kms();
  const out = await kms.send(new GetKeyPolicyCommand({ KeyId: keyId, PolicyName: 'default' }));
  return out.Policy ?? '';
}

export function getKeyPolicyQueryOptions(conn: ConnectionInfo, keyId: string) {
  return queryOptions({
    queryKey: [...conn.keyPrefix, 'kms', 'GetKeyPolicy', keyId] as const,
    queryFn: () => getKeyPolicy(conn, keyId),
    enabled: keyId !== '',
  });
}

/** Reads only once `enabled` (the learner opened the policy), so no call runs unasked. */
export function useGetKeyPolicy(keyId: string, enabled: boolean) {
  const conn = useConnection();
  return useQuery({ ...getKeyPolicyQueryOptions(conn, keyId), enabled: enabled && keyId !== '' });
}
