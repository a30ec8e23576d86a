import { GenerateDataKeyWithoutPlaintextCommand, type GenerateDataKeyWithoutPlaintextCommandInput, type GenerateDataKeyWithoutPlaintextCommandOutput } from '@aws-sdk/client-kms';
import { mutationOptions, useMutation } from '@tanstack/react-query';
import { useConnection } from '../connection';
import type { ConnectionInfo } from '../connection/types';

/** kms:GenerateDataKeyWithoutPlaintext. Returns only the encrypted data key. https://docs.aws.amazon.com/kms/latest/APIReference/API_GenerateDataKeyWithoutPlaintext.html */
export async function generateDataKeyWithoutPlaintext(conn: ConnectionInfo, input: GenerateDataKeyWithoutPlaintextCommandInput): Promise<GenerateDataKeyWithoutPlaintextCommandOutput> {
  const kms = await conn.clients.kms();
  return kms.send(new GenerateDataKeyWithoutPlaintextCommand(input));
}

export function generateDataKeyWithoutPlaintextMutationOptions(conn: ConnectionInfo) {
  return mutationOptions({
    mutationKey: [...conn.keyPrefix, 'kms', 'GenerateDataKeyWithoutPlaintext'],
    mutationFn: (input: GenerateDataKeyWithoutPlaintextCommandInput) => generateDataKeyWithoutPlaintext(conn, input),
  });
}

export function useGenerateDataKeyWithoutPlaintext() {
  const conn = useConnection();
  return useMutation(generateDataKeyWithoutPlaintextMutationOptions(conn));
}
