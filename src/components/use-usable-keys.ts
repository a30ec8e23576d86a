import type { AliasListEntry, KeyMetadata } from '@aws-sdk/client-kms';
import { useQueries, useQuery } from '@tanstack/react-query';
import { describeKeyQueryOptions, listAliasesQueryOptions, listKeysQueryOptions } from '../api';
import { useConnection } from '../connection';

export interface UsableKey {
  keyId: string;
  arn: string;
  label: string;
  metadata: KeyMetadata;
}

/** Customer managed keys this lab can use, named by their first alias. */
export function useUsableKeys(filter: (m: KeyMetadata) => boolean = (m) => m.KeySpec === 'SYMMETRIC_DEFAULT') {
  const conn = useConnection();
  const keys = useQuery(listKeysQueryOptions(conn));
  const aliases = useQuery(listAliasesQueryOptions(conn));
  const described = useQueries({ queries: (keys.data ?? []).map((k) => describeKeyQueryOptions(conn, k.KeyId ?? '')) });
  const aliasOf = new Map<string, string>();
  for (const a of (aliases.data ?? []) as AliasListEntry[]) {
    if (a.TargetKeyId && a.AliasName && !aliasOf.has(a.TargetKeyId)) aliasOf.set(a.TargetKeyId, a.AliasName);
  }
  const usable: UsableKey[] = [];
  for (const d of described) {
    const m = d.data;
    if (!m?.KeyId || !m.Arn || m.KeyManager !== 'CUSTOMER' || m.KeyState === 'PendingDeletion' || !filter(m)) continue;
    const name = aliasOf.get(m.KeyId) ?? (m.Description && m.Description.length <= 40 ? `${m.Description} (${m.KeyId.slice(0, 8)}…)` : m.KeyId);
    usable.push({ keyId: m.KeyId, arn: m.Arn, label: m.KeyState === 'Enabled' ? name : `${name} (${m.KeyState})`, metadata: m });
  }
  return { keys: usable, isPending: keys.isPending || described.some((d) => d.isPending), error: keys.error };
}
