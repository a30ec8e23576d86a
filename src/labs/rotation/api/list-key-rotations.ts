import { ListKeyRotationsCommand, type RotationsListEntry } from '@aws-sdk/client-kms';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { useConnection, markBackground } from '../../../connection';
import type { ConnectionInfo } from '../../../connection/types';

/** kms:ListKeyRotations, every page. https://docs.aws.amazon.com/kms/latest/APIReference/API_ListKeyRotations.html */
export async function listKeyRotations(conn: ConnectionInfo, keyId: string): Promise<RotationsListEntry[]> {
  const kms = await conn.clients.kms();
  const rotations: RotationsListEntry[] = [];
  let marker: string | undefined;
  do {
    const page = await kms.send(markBackground(new ListKeyRotationsCommand({ KeyId: keyId, Marker: marker })));
    rotations.push(...(page.Rotations ?? []));
    marker = page.Truncated ? page.NextMarker : undefined;
  } while (marker);
  return rotations;
}

export function listKeyRotationsQueryOptions(conn: ConnectionInfo, keyId: string) {
  return queryOptions({
    queryKey: [...conn.keyPrefix, 'kms', 'ListKeyRotations', keyId],
    queryFn: () => listKeyRotations(conn, keyId),
    enabled: keyId !== '',
  });
}

export function useListKeyRotations(keyId: string) {
  const conn = useConnection();
  return useQuery(listKeyRotationsQueryOptions(conn, keyId));
}
