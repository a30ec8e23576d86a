import { createServer } from 'node:net';

/**
 * A free loopback port, asked from the OS and released (never a fixed one, so parallel runs never
 * collide). Shared by playwright.config.ts, the e2e fixtures (moto) and the bench.
 */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}
