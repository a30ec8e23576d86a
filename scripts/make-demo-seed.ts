/**
 * npm run demo-seed: writes public/demo-seed.json, the lab the classroom menu's "Load the demo lab"
 * imports (src/sandbox/demo/demo-seed.ts says what is in it). Same inputs, same file.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildDemoSeed } from '../src/sandbox/demo/demo-seed';

const out = fileURLToPath(new URL('../public/demo-seed.json', import.meta.url));
const { text, summary } = await buildDemoSeed();
writeFileSync(out, text);
for (const k of summary.keys) console.log(`${k.aliasName}  ${k.keyId}`);
console.log(`wrote public/demo-seed.json (${text.length} bytes)`);
