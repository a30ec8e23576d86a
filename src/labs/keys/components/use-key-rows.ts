import type { AliasListEntry, KeyMetadata } from '@aws-sdk/client-kms';
import { useRef } from 'react';
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
  // The same rows (the same array) while no answer changed: the panel's parts are memoized on them, so
  // a reply that changes nothing they show (or another part's state) does not render them again.
  const describedData = described.map((d) => d.data);
  const last = useRef<{ keys: unknown; aliases: unknown; described: (KeyMetadata | undefined)[]; rows: KeyRow[] }>(undefined);
  const prev = last.current;
  let rows: KeyRow[];
  if (
    prev &&
    prev.keys === keys.data &&
    prev.aliases === aliases.data &&
    prev.described.length === describedData.length &&
    prev.described.every((d, i) => d === describedData[i])
  ) {
    rows = prev.rows;
  } else {
    const byKey = new Map<string, string[]>();
    for (const a of (aliases.data ?? []) as AliasListEntry[]) {
      if (!a.TargetKeyId || !a.AliasName) continue;
      byKey.set(a.TargetKeyId, [...(byKey.get(a.TargetKeyId) ?? []), a.AliasName]);
    }
    rows = (keys.data ?? []).map((k, i) => ({
      keyId: k.KeyId ?? '',
      keyArn: k.KeyArn ?? '',
      aliases: byKey.get(k.KeyId ?? '') ?? [],
      metadata: describedData[i],
    }));
    last.current = { keys: keys.data, aliases: aliases.data, described: describedData, rows };
  }
  return { rows, isPending: keys.isPending, error: keys.error ?? aliases.error, refetch: keys.refetch };
}
