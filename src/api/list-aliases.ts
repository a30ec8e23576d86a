import { ListAliasesCommand, type AliasListEntry } from '@aws-sdk/client-kms';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { useConnection, backgroundRead } from '../connection';
import type { ConnectionInfo } from '../connection/types';

/** kms:ListAliases, every page; with keyId, only that key's aliases. https://docs.aws.amazon.com/kms/latest/APIReference/API_ListAliases.html */
export async function listAliases(conn: ConnectionInfo, keyId?: string): Promise<AliasListEntry[]> {
  const kms = await conn.clients.kms();
  const aliases: AliasListEntry[] = [];
  let marker: string | undefined;
  for (let page = 0; page < 20; page++) {
    const out = await kms.send(new ListAliasesCommand(backgroundRead({ KeyId: keyId, Marker: marker })));
    aliases.push(...(out.Aliases ?? []));
    if (!out.Truncated || !out.NextMarker) break;
    marker = out.NextMarker;
  }
  return aliases;
}

export function listAliasesQueryOptions(conn: ConnectionInfo, keyId?: string) {
  return queryOptions({
    queryKey: [...conn.keyPrefix, 'kms', 'ListAliases', keyId ?? null] as const,
    queryFn: () => listAliases(conn, keyId),
  });
}

export function useListAliases(keyId?: string) {
  return useQuery(listAliasesQueryOptions(useConnection(), keyId));
}
