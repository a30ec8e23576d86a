import { QueryClientProvider } from '@tanstack/react-query';
import { useState } from 'react';
import { ConnectionProvider } from '../connection/connection-provider';
import { Layout } from './layout';
import { createQueryClient } from './query-client';

export function App() {
  const [queryClient] = useState(createQueryClient);
  return (
    <QueryClientProvider client={queryClient}>
      <ConnectionProvider>
        <Layout />
      </ConnectionProvider>
    </QueryClientProvider>
  );
}
