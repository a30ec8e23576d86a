import { startSandboxServer } from './server';
import { SandboxStoreError } from './store/store';

/** `npm run sandbox [-- --port N] [--data DIR] [--import FILE] [--reset-data] [--host H] [--allow-host NAME] [--cors-origin ORIGIN] [--quotas aws|teaching]` */
const USAGE = `Usage: npm run sandbox -- [--port N] [--data DIR] [--import FILE] [--reset-data] [--host 127.0.0.1] [--allow-host NAME] [--cors-origin ORIGIN]
  --port N             listen on port N (default 4599; 0 picks a free port)
  --data DIR           keep the lab in the directory DIR across restarts
  --import FILE        start from a lab export (the settings page's "Export lab" file)
  --reset-data         start from an empty lab even if DIR holds one
  --https-port M       also serve HTTPS on port M with a self-signed certificate made at start
  --host H             the address to listen on (default 127.0.0.1, loopback only)
  --allow-host NAME    also answer requests for host NAME (repeatable; *.example.test for subdomains);
                       127.0.0.1, localhost, *.localhost and [::1] are always answered, nothing else
  --cors-origin ORIGIN let a page on ORIGIN call /_sandbox/* (repeatable); AWS APIs allow every origin
  --quotas MODE        KMS request quotas: aws (AWS's figures) or teaching (divided by 1000); off by default`;

function parseArgs(argv: string[]) {
  const out: {
    port: number;
    data?: string;
    importFile?: string;
    host: string;
    resetData: boolean;
    httpsPort?: number;
    allowHosts: string[];
    corsOrigins: string[];
    quotas?: 'aws' | 'teaching';
  } = {
    port: 4599,
    host: '127.0.0.1',
    resetData: false,
    allowHosts: [],
    corsOrigins: [],
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
      if (!v) throw new Error('--data needs a directory name');
      out.data = v;
    } else if (flag === '--import') {
      const v = value();
      if (!v) throw new Error('--import needs a file name');
      out.importFile = v;
    } else if (flag === '--host') {
      out.host = value() ?? out.host;
    } else if (flag === '--allow-host') {
      const v = value();
      if (!v) throw new Error('--allow-host needs a host name');
      out.allowHosts.push(v);
    } else if (flag === '--cors-origin') {
      const v = value();
      if (!v || !/^https?:\/\/[^/]+\/?$/.test(v)) throw new Error('--cors-origin needs an origin such as http://127.0.0.1:4173');
      out.corsOrigins.push(v);
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
      importFile: args.importFile,
      resetData: args.resetData,
      httpsPort: args.httpsPort,
      allowHosts: args.allowHosts,
      corsOrigins: args.corsOrigins,
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
      console.error(`${e.message}\nStart with --reset-data to begin an empty lab (this empties the data directory).`);
      process.exit(1);
    }
    console.error(`The sandbox could not start: ${(e as Error).message}`);
    process.exit(1);
  }
}

void main();
