// npm run infra:deploy -- --stack-name NAME [--region R] [--param Key=Value ...]
import { deploy } from '../lib/stack';
import { parseArgs, run } from './args';

const USAGE = 'usage: npm run infra:deploy -- --stack-name NAME [--region R] [--param SiteHosting=cloudfront] [--param BudgetEmail=you@school.example]';
await run(async () => {
  const a = parseArgs(process.argv.slice(2), USAGE);
  await deploy(a, a.params);
});
