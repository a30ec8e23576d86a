// npm run infra:build: writes infra/dist/kms-study-lab.yaml (see infra/lib/template.ts).
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { BUILT_TEMPLATE, buildTemplate } from '../lib/template';

mkdirSync(dirname(BUILT_TEMPLATE), { recursive: true });
writeFileSync(BUILT_TEMPLATE, buildTemplate());
console.log(`wrote ${BUILT_TEMPLATE.replace(process.cwd() + '/', '')}`);
