import { GenerateRandomCommand, type GenerateRandomCommandInput, type GenerateRandomCommandOutput } from '@aws-sdk/client-kms';
import { mutationOptions, useMutation } from '@tanstack/react-query';
import { useConnection } from '../../../connection';
import type { ConnectionInfo } from '../../../connection/types';

/** kms:GenerateRandom. Random bytes from KMS. https://docs.aws.amazon.com/kms/latest/APIReference/API_GenerateRandom.html */
export async function generateRandom(conn: ConnectionInfo, input: GenerateRandomCommandInput): Promise<GenerateRandomCommandOutput> {
  const kms = await conn.clients.kms();
  return kms.send(new GenerateRandomCommand(input));
}

export function generateRandomMutationOptions(conn: ConnectionInfo) {
  return mutationOptions({
    mutationKey: [...conn.keyPrefix, 'kms', 'GenerateRandom'],
    mutationFn: (input: GenerateRandomCommandInput) => generateRandom(conn, input),
  });
}

export function useGenerateRandom() {
  const conn = useConnection();
  return useMutation(generateRandomMutationOptions(conn));
}
