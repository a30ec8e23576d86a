// Argument parsing shared by the infra:* scripts: --stack-name NAME [--region R] [--endpoint URL].
import { InfraError, type Target } from '../lib/stack';

export interface Parsed extends Target {
  positional: string[];
  params: Record<string, string>;
  out?: string;
}

export function parseArgs(argv: string[], usage: string): Parsed {
  const out: Parsed = { stackName: '', positional: [], params: {} };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = () => {
      const v = argv[++i];
      if (v === undefined || v.startsWith('--')) throw new InfraError(`${a} needs a value.\n${usage}`);
      return v;
    };
    if (a === '--stack-name') out.stackName = value();
    else if (a === '--region') out.region = value();
    else if (a === '--endpoint') out.endpoint = value();
    else if (a === '--out') out.out = value();
    else if (a === '--param') {
      const [k, ...v] = value().split('=');
      out.params[k!] = v.join('=');
    } else if (a.startsWith('--')) throw new InfraError(`Unknown option ${a}.\n${usage}`);
    else out.positional.push(a);
  }
  if (!/^[A-Za-z][A-Za-z0-9-]{0,127}$/.test(out.stackName)) throw new InfraError(`--stack-name is required (letters, digits and hyphens).\n${usage}`);
  return out;
}

/** Runs a command, turning an error into a message and exit code 1 (never a stack trace for known failures). */
export async function run(main: () => Promise<void>): Promise<void> {
  try {
    await main();
  } catch (e) {
    if (e instanceof InfraError) console.error(`error: ${e.message}`);
    else if (e instanceof Error && /credential/i.test(`${e.name} ${e.message}`)) {
      console.error(`error: no AWS credentials found (${e.message}). Configure them as for the AWS CLI: aws configure, AWS_PROFILE or aws sso login.`);
    } else console.error(`error: ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`);
    process.exitCode = 1;
  }
}
