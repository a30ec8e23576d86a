import { GenerateDataKeyCommand, type GenerateDataKeyCommandInput, type GenerateDataKeyCommandOutput } from '@aws-sdk/client-kms';
import { mutationOptions, useMutation } from '@tanstack/react-query';
import { useConnection } from '../../../connection';
import type { ConnectionInfo } from '../../../connection/types';

/** kms:GenerateDataKey. Returns a data key in plaintext and encrypted. https://docs.aws.amazon.com/kms/latest/APIReference/API_GenerateDataKey.html */
export async function generateDataKey(conn: ConnectionInfo, input: GenerateDataKeyCommandInput): Promise<GenerateDataKeyCommandOutput> {
  const kms = await conn.clients.kms();
  return kms.send(new GenerateDataKeyCommand(input));
}

export function generateDataKeyMutationOptions(conn: ConnectionInfo) {
  return mutationOptions({
    mutationKey: [...conn.keyPrefix, 'kms', 'GenerateDataKey'],
    mutationFn: (input: GenerateDataKeyCommandInput) => generateDataKey(conn, input),
  });
}

export function useGenerateDataKey() {
  const conn = useConnection();
  return useMutation(generateDataKeyMutationOptions(conn));
}
