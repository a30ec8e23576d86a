// npm test's first step: the type check and the lint at once. Each is one process on one core, and
// they read the same sources, so on a 2-core machine together they take about as long as the longer
// of the two. Each one's output is printed whole when it ends, under its own name; the step fails if
// either fails.
import { spawn } from 'node:child_process';

const CHECKS = [
  ['typecheck', 'npm', ['run', '--silent', 'typecheck']],
  ['lint', 'npm', ['run', '--silent', 'lint']],
];

function run([name, cmd, args]) {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const out = [];
    child.stdout.on('data', (d) => out.push(d));
    child.stderr.on('data', (d) => out.push(d));
    child.on('error', (e) => out.push(Buffer.from(String(e))));
    child.on('close', (code) => {
      const secs = ((Date.now() - started) / 1000).toFixed(1);
      process.stdout.write(`── ${name}: ${code === 0 ? 'passed' : `failed (exit ${code})`} in ${secs} s\n`);
      if (out.length) process.stdout.write(Buffer.concat(out));
      resolve(code === 0);
    });
  });
}

const results = await Promise.all(CHECKS.map(run));
process.exit(results.every(Boolean) ? 0 : 1);
