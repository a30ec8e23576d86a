import { DescribeKeyCommand, type DescribeKeyCommandInput, type DescribeKeyCommandOutput } from '@aws-sdk/client-kms';
import { mutationOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { useConnection } from '../../../connection';
import type { ConnectionInfo } from '../../../connection/types';
import { invalidateKeyReads } from '../../../api';

/** kms:DescribeKey. Reads a key's metadata. https://docs.aws.amazon.com/kms/latest/APIReference/API_DescribeKey.html */
export async function describeKey(conn: ConnectionInfo, input: DescribeKeyCommandInput): Promise<DescribeKeyCommandOutput> {
  const kms = await conn.clients.kms();
  return kms.send(new DescribeKeyCommand(input));
}

export function describeKeyMutationOptions(conn: ConnectionInfo) {
  return mutationOptions({
    mutationKey: [...conn.keyPrefix, 'kms', 'DescribeKey'],
    mutationFn: (input: DescribeKeyCommandInput) => describeKey(conn, input),
  });
}

export function useDescribeKey() {
  const conn = useConnection();
  const queryClient = useQueryClient();
  return useMutation({ ...describeKeyMutationOptions(conn), onSettled: () => invalidateKeyReads(queryClient, conn) });
}
