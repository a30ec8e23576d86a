import { ListResourceTagsCommand, type Tag } from '@aws-sdk/client-kms';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { useConnection, markBackground } from '../../../connection';
import type { ConnectionInfo } from '../../../connection/types';

/** kms:ListResourceTags. https://docs.aws.amazon.com/kms/latest/APIReference/API_ListResourceTags.html */
export async function listResourceTags(conn: ConnectionInfo, keyId: string): Promise<Tag[]> {
  const kms = await conn.clients.kms();
  const out = await kms.send(markBackground(new ListResourceTagsCommand({ KeyId: keyId })));
  return out.Tags ?? [];
}

export function listResourceTagsQueryOptions(conn: ConnectionInfo, keyId: string) {
  return queryOptions({
    queryKey: [...conn.keyPrefix, 'kms', 'ListResourceTags', keyId] as const,
    queryFn: () => listResourceTags(conn, keyId),
    enabled: keyId !== '',
  });
}

/** Read for the key being managed only: one call per key the learner opens, not per row. */
export function useListResourceTags(keyId: string, enabled: boolean) {
  const conn = useConnection();
  return useQuery({ ...listResourceTagsQueryOptions(conn, keyId), enabled: enabled && keyId !== '' });
}
