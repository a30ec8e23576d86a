/**
 * `npm run study:stats`: one JSON line describing the question bank (every lab's questions.ts and
 * the study bank under src/study/bank). Found on disk like the app finds them by glob, so a new
 * lab's questions are counted without editing this script.
 */
import { readdirSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { bankStats } from '../src/study/bank-stats';
import { questionBankSchema, type Question } from '../src/study/schema';

const root = resolve(import.meta.dirname, '..');
const files: string[] = [];
const labs = join(root, 'src/labs');
for (const lab of readdirSync(labs)) {
  const file = join(labs, lab, 'questions.ts');
  if (existsSync(file)) files.push(file);
}
files.push(join(root, 'src/study/bank/index.ts'));

const questions: Question[] = [];
for (const file of files) {
  const mod = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
  questions.push(...(Object.values(mod).filter(Array.isArray).flat() as Question[]));
}
const valid = questionBankSchema.safeParse(questions);
const stats = bankStats(questions);
process.stdout.write(`${JSON.stringify({ ...stats, valid: valid.success })}\n`);
if (!valid.success) {
  process.stderr.write(`${valid.error.issues.slice(0, 5).map((i) => `${i.path.join('.')}: ${i.message}`).join('\n')}\n`);
  process.exitCode = 1;
}
