// npm run infra:destroy -- --stack-name NAME [--region R]
import { destroy } from '../lib/stack';
import { parseArgs, run } from './args';

const USAGE = 'usage: npm run infra:destroy -- --stack-name NAME [--region R]';
await run(async () => {
  await destroy(parseArgs(process.argv.slice(2), USAGE));
});
