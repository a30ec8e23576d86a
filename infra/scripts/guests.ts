// npm run infra:guests -- on|off --stack-name NAME [--region R]
import { guests, InfraError } from '../lib/stack';
import { parseArgs, run } from './args';

const USAGE = 'usage: npm run infra:guests -- on|off --stack-name NAME [--region R]';
await run(async () => {
  const a = parseArgs(process.argv.slice(2), USAGE);
  const [which] = a.positional;
  if (which !== 'on' && which !== 'off') throw new InfraError(USAGE);
  await guests(a, which === 'on');
});
