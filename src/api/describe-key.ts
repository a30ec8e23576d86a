import { DescribeKeyCommand, type KeyMetadata } from '@aws-sdk/client-kms';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { useConnection, markBackground } from '../connection';
import type { ConnectionInfo } from '../connection/types';

/** kms:DescribeKey. https://docs.aws.amazon.com/kms/latest/APIReference/API_DescribeKey.html */
export async function describeKey(conn: ConnectionInfo, keyId: string): Promise<KeyMetadata> {
  const kms = await conn.clients.kms();
  const out = await kms.send(markBackground(new DescribeKeyCommand({ KeyId: keyId })));
  if (!out.KeyMetadata) throw new Error('DescribeKey returned no KeyMetadata');
  return out.KeyMetadata;
}

export function describeKeyQueryOptions(conn: ConnectionInfo, keyId: string) {
  return queryOptions({
    queryKey: [...conn.keyPrefix, 'kms', 'DescribeKey', keyId] as const,
    queryFn: () => describeKey(conn, keyId),
    enabled: keyId !== '',
  });
}

export function useDescribeKey(keyId: string) {
  return useQuery(describeKeyQueryOptions(useConnection(), keyId));
}
