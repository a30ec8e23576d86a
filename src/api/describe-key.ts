import { DescribeKeyCommand, type KeyMetadata } from '@aws-sdk/client-kms';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { useConnection, markBackground } from '../connection';
import type { ConnectionInfo } from '../connection/types';

/**
 * kms:DescribeKey. https://docs.aws.amazon.com/kms/latest/APIReference/API_DescribeKey.html
 * `background`: one of the lab's own reads (the key lists), marked so the inspector and the trail
 * page hide it by default; a learner's own DescribeKey is left unmarked.
 */
export async function describeKey(conn: ConnectionInfo, keyId: string, { background = false }: { background?: boolean } = {}): Promise<KeyMetadata> {
  const kms = await conn.clients.kms();
  const command = new DescribeKeyCommand({ KeyId: keyId });
  const out = await kms.send(background ? markBackground(command) : command);
  if (!out.KeyMetadata) throw new Error('DescribeKey returned no KeyMetadata');
  return out.KeyMetadata;
}

export function describeKeyQueryOptions(conn: ConnectionInfo, keyId: string) {
  return queryOptions({
    queryKey: [...conn.keyPrefix, 'kms', 'DescribeKey', keyId] as const,
    queryFn: () => describeKey(conn, keyId, { background: true }),
    enabled: keyId !== '',
  });
}

export function useDescribeKey(keyId: string) {
  return useQuery(describeKeyQueryOptions(useConnection(), keyId));
}
