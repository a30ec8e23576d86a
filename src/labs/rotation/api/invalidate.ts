import type { QueryClient } from '@tanstack/react-query';
import type { ConnectionInfo } from '../../../connection/types';

/** After a call that changes keys, aliases or rotation, refetch every read of this backend. */
export function invalidateKeyReads(queryClient: QueryClient, conn: ConnectionInfo): Promise<void> {
  return queryClient.invalidateQueries({ queryKey: conn.keyPrefix });
}
