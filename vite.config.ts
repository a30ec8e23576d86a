import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import tailwindcss from '@tailwindcss/vite';

// A relative base makes the static build work from any host and any sub-path (hash routing).
export default defineConfig({
  base: './',
  plugins: [react(), tailwindcss()],
  build: { target: 'es2022', chunkSizeWarningLimit: 900 },
  // The sandbox's worker (src/sandbox/host/worker.ts) is an ES module: it loads its store lazily.
  worker: { format: 'es' },
  test: {
    environment: 'node',
    include: ['src/**/__tests__/**/*.test.{ts,tsx}', 'infra/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
