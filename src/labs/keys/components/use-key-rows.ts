import type { AliasListEntry, KeyMetadata } from '@aws-sdk/client-kms';
import { useQueries, useQuery } from '@tanstack/react-query';
import { describeKeyQueryOptions, listAliasesQueryOptions, listKeysQueryOptions } from '../../../api';
import { useConnection } from '../../../connection';

export interface KeyRow {
  keyId: string;
  keyArn: string;
  aliases: string[];
  metadata?: KeyMetadata;
}

/** ListKeys + ListAliases + one DescribeKey per key: what the table shows. */
export function useKeyRows() {
  const conn = useConnection();
  const keys = useQuery(listKeysQueryOptions(conn));
  const aliases = useQuery(listAliasesQueryOptions(conn));
  const described = useQueries({
    queries: (keys.data ?? []).map((k) => describeKeyQueryOptions(conn, k.KeyId ?? '')),
  });
  const byKey = new Map<string, string[]>();
  for (const a of (aliases.data ?? []) as AliasListEntry[]) {
    if (!a.TargetKeyId || !a.AliasName) continue;
    byKey.set(a.TargetKeyId, [...(byKey.get(a.TargetKeyId) ?? []), a.AliasName]);
  }
  const rows: KeyRow[] = (keys.data ?? []).map((k, i) => ({
    keyId: k.KeyId ?? '',
    keyArn: k.KeyArn ?? '',
    aliases: byKey.get(k.KeyId ?? '') ?? [],
    metadata: described[i]?.data,
  }));
  return { rows, isPending: keys.isPending, error: keys.error ?? aliases.error, refetch: keys.refetch };
}
