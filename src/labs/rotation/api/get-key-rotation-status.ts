import { GetKeyRotationStatusCommand, type GetKeyRotationStatusCommandOutput } from '@aws-sdk/client-kms';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { useConnection, markBackground } from '../../../connection';
import type { ConnectionInfo } from '../../../connection/types';

/** kms:GetKeyRotationStatus. https://docs.aws.amazon.com/kms/latest/APIReference/API_GetKeyRotationStatus.html */
export async function getKeyRotationStatus(conn: ConnectionInfo, keyId: string): Promise<GetKeyRotationStatusCommandOutput> {
  const kms = await conn.clients.kms();
  return kms.send(markBackground(new GetKeyRotationStatusCommand({ KeyId: keyId })));
}

export function getKeyRotationStatusQueryOptions(conn: ConnectionInfo, keyId: string) {
  return queryOptions({
    queryKey: [...conn.keyPrefix, 'kms', 'GetKeyRotationStatus', keyId],
    queryFn: () => getKeyRotationStatus(conn, keyId),
    enabled: keyId !== '',
  });
}

export function useGetKeyRotationStatus(keyId: string) {
  const conn = useConnection();
  return useQuery(getKeyRotationStatusQueryOptions(conn, keyId));
}
