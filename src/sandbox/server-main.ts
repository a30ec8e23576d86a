import { startSandboxServer } from './server';
import { SandboxStoreError } from './store/store';

/** `npm run sandbox [-- --port N] [--data FILE] [--reset-data] [--host H]` */
const USAGE = `Usage: npm run sandbox -- [--port N] [--data FILE] [--reset-data] [--host 127.0.0.1]
  --port N        listen on port N (default 4599; 0 picks a free port)
  --data FILE     keep the lab in FILE (JSON) across restarts
  --reset-data    start from an empty lab even if FILE holds one
  --https-port M  also serve HTTPS on port M with a self-signed certificate made at start
  --host H        the address to listen on (default 127.0.0.1, loopback only)
  --quotas MODE   KMS request quotas: aws (AWS's figures) or teaching (divided by 1000); off by default`;

function parseArgs(argv: string[]) {
  const out: { port: number; data?: string; host: string; resetData: boolean; httpsPort?: number; quotas?: 'aws' | 'teaching' } = {
    port: 4599,
    host: '127.0.0.1',
    resetData: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const [flag, inline] = a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    const value = () => inline ?? argv[++i];
    if (flag === '--port') {
      const n = Number(value());
      if (!Number.isInteger(n) || n < 0 || n > 65535) throw new Error('--port needs a number between 0 and 65535');
      out.port = n;
    } else if (flag === '--https-port') {
      const n = Number(value());
      if (!Number.isInteger(n) || n < 0 || n > 65535) throw new Error('--https-port needs a number between 0 and 65535');
      out.httpsPort = n;
    } else if (flag === '--data') {
      const v = value();
      if (!v) throw new Error('--data needs a file name');
      out.data = v;
    } else if (flag === '--host') {
      out.host = value() ?? out.host;
    } else if (flag === '--quotas') {
      const v = value();
      if (v !== 'aws' && v !== 'teaching') throw new Error('--quotas needs aws or teaching');
      out.quotas = v;
    } else if (flag === '--reset-data') {
      out.resetData = true;
    } else if (flag === '--help' || flag === '-h') {
      console.log(USAGE);
      process.exit(0);
    } else {
      throw new Error(`unknown option ${a}`);
    }
  }
  return out;
}

async function main(): Promise<void> {
  let args;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (e) {
    console.error(`${(e as Error).message}\n${USAGE}`);
    process.exit(2);
  }
  try {
    const s = await startSandboxServer({
      port: args.port,
      host: args.host,
      dataFile: args.data,
      resetData: args.resetData,
      httpsPort: args.httpsPort,
      ...(args.quotas ? { sandbox: { quotas: args.quotas } } : {}),
    });
    // Exactly one line on stdout: scripts wait for it.
    console.log(`KMS Study Lab sandbox listening on ${s.url}${s.httpsUrl ? ` and ${s.httpsUrl}` : ''}`);
    const stop = () => {
      void s.close().then(() => process.exit(0));
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  } catch (e) {
    if (e instanceof SandboxStoreError) {
      console.error(`${e.message}\nStart with --reset-data to begin an empty lab (this replaces the file).`);
      process.exit(1);
    }
    console.error(`The sandbox could not start: ${(e as Error).message}`);
    process.exit(1);
  }
}

void main();
