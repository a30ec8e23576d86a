// npm start: builds the lab and serves it on 127.0.0.1, on the first free port from 5173 up, and
// prints one line with the URL. The built app is what the tests and the bench run, and it loads
// faster in the browser than the dev server's first, unbundled load (use `npm run dev` to edit).
import { createServer } from 'node:net';
import { build, preview } from 'vite';

const HOST = '127.0.0.1';

function isFree(port) {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.once('error', () => resolve(false));
    srv.listen(port, HOST, () => srv.close(() => resolve(true)));
  });
}

async function firstFreePort(from) {
  for (let port = from; port < from + 100; port++) if (await isFree(port)) return port;
  throw new Error(`No free port between ${from} and ${from + 99} on ${HOST}.`);
}

console.log('Building the lab (a few seconds)...');
await build({ logLevel: 'warn' });
const port = await firstFreePort(Number(process.env.PORT ?? 5173));
const server = await preview({ logLevel: 'warn', preview: { host: HOST, port, strictPort: true, open: false } });
const url = server.resolvedUrls?.local?.[0] ?? `http://${HOST}:${port}/`;
console.log(`KMS Study Lab is running at ${url}  (Ctrl+C to stop)`);

const stop = () => server.httpServer.close(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
