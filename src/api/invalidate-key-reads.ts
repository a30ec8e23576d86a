import type { QueryClient } from '@tanstack/react-query';
import { listKeysQueryOptions } from './list-keys';
import type { ConnectionInfo } from '../connection/types';

/**
 * After a call that changes keys, aliases or rotation, refetch this backend's KMS reads (ListKeys,
 * ListAliases, DescribeKey, rotation status...): every one of their keys starts with the same
 * [backend, region, scope, 'kms'] prefix as ListKeys'. Not awaited, so the mutation settles at once.
 */
export function invalidateKeyReads(queryClient: QueryClient, conn: ConnectionInfo): void {
  const kmsPrefix = listKeysQueryOptions(conn).queryKey.slice(0, 4);
  void queryClient.invalidateQueries({ queryKey: kmsPrefix });
}
