import { QueryClient } from '@tanstack/react-query';

/** A 4xx is the learner's answer from AWS (or the sandbox): retrying it never helps. */
export function isClientError(error: unknown): boolean {
  const e = error as { $fault?: string; $metadata?: { httpStatusCode?: number } };
  const status = e?.$metadata?.httpStatusCode;
  return e?.$fault === 'client' || (status !== undefined && status >= 400 && status < 500);
}

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // The sandbox runs in the page: never wait for the network to come "online".
        networkMode: 'always',
        retry: (failures, error) => !isClientError(error) && failures < 2,
        refetchOnWindowFocus: false,
        staleTime: 5_000,
      },
      mutations: { networkMode: 'always', retry: false },
    },
  });
}
