// npm run infra:config -- --stack-name NAME [--region R] [--out public/lab-config.json]
import { writeFileSync } from 'node:fs';
import { config } from '../lib/stack';
import { parseArgs, run } from './args';

const USAGE = 'usage: npm run infra:config -- --stack-name NAME [--region R] [--out FILE]';
await run(async () => {
  const a = parseArgs(process.argv.slice(2), USAGE);
  const settings = await config(a);
  const file = a.out ?? 'public/lab-config.json';
  const json = {
    $comment: `Written by npm run infra:config from the stack ${a.stackName}. No credentials: learners get guest credentials from the identity pool.`,
    ...settings,
  };
  writeFileSync(file, `${JSON.stringify(json, null, 2)}\n`);
  console.log(`wrote ${file}: backend aws, ${settings.region}, pool ${settings.identityPoolId}`);
});
