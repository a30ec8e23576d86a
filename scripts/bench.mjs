#!/usr/bin/env node
// `npm run bench`: runs each figure group (bench/*.ts, through tsx) one after another and prints
// ONE JSON object per group per line on stdout; everything else goes to stderr. A group that
// crashes before printing still yields its object, with null figures and a note.
//   --only kms|s3|app|browser|envelope|lighthouse (or a group name: kms-ops, app-load, browser-sandbox, envelope, lighthouse)   run one group
//   --quick   short rounds (a smoke run, not for figures)
// Groups that drive a browser first make sure Debian's Chromium is there (scripts/ensure-chromium.mjs,
// as `npm test` does), so a fresh machine measures instead of printing nulls.
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : undefined;
const quick = args.includes('--quick');

const groups = [
  {
    id: 'kms',
    script: 'bench/kms-ops.ts',
    fallback: {
      group: 'kms-ops',
      issue: 2,
      kms_inproc_ops_per_s: null,
      sdk_noop_ops_per_s: null,
      kms_http_ops_per_s: null,
      moto_http_ops_per_s: null,
      kms_inproc_vs_sdk_ceiling: null,
      kms_inproc_vs_moto: null,
      kms_http_vs_moto: null,
    },
  },
  {
    id: 's3',
    script: 'bench/s3.ts',
    fallback: {
      group: 's3',
      issue: 8,
      s3_inproc_ops_per_s: null,
      s3_http_ops_per_s: null,
      moto_s3_http_ops_per_s: null,
      s3_inproc_vs_moto: null,
      s3_http_vs_moto: null,
      s3_put_1gib_extra_rss_mib: null,
      s3_get_1gib_extra_rss_mib: null,
    },
  },
  {
    id: 'app',
    script: 'bench/app-load.ts',
    browser: true,
    fallback: { group: 'app-load', issue: 3, app_shell_ms: null, first_panel_ready_ms: null, entry_js_gzip_kb: null },
  },
  {
    id: 'browser',
    script: 'bench/browser-sandbox.ts',
    browser: true,
    fallback: {
      group: 'browser-sandbox',
      issue: 6,
      browser_pairs_per_s_fresh: null,
      browser_pairs_per_s_trail_2000: null,
      browser_sdk_noop_pairs_per_s: null,
      browser_trail_2000_vs_fresh: null,
      browser_fresh_vs_sdk_noop: null,
    },
  },
  {
    id: 'envelope',
    script: 'bench/envelope.ts',
    browser: true,
    fallback: {
      group: 'envelope',
      issue: 9,
      webcrypto_mib_per_s: null,
      envelope_encrypt_mib_per_s: null,
      envelope_stored_mib_per_s: null,
      esdk_mib_per_s: null,
      envelope_vs_webcrypto: null,
      envelope_vs_esdk: null,
      envelope_stored_vs_webcrypto: null,
      envelope_extra_rss_mib: null,
    },
  },
  {
    id: 'lighthouse',
    script: 'bench/lighthouse.ts',
    browser: true,
    fallback: {
      group: 'lighthouse',
      issue: 11,
      start_performance: null,
      start_accessibility: null,
      start_best_practices: null,
      keys_performance: null,
      keys_accessibility: null,
      keys_best_practices: null,
    },
  },
];

const selected = groups.filter((g) => !only || only === g.id || only === g.fallback.group);
if (only && selected.length === 0) {
  process.stderr.write(`[bench] no group "${only}"; groups: ${groups.map((g) => `${g.id} (${g.fallback.group})`).join(', ')}\n`);
  process.exit(2);
}

// Its output goes to stderr: stdout carries only the figures' JSON lines.
if (selected.some((g) => g.browser)) {
  const r = spawnSync(process.execPath, ['scripts/ensure-chromium.mjs'], { cwd: root, stdio: ['ignore', 2, 2] });
  if (r.status !== 0) process.stderr.write('[bench] Chromium is not available; the browser groups will say so in their note.\n');
}

const quickEnv = quick ? { BENCH_ROUNDS: '1', BENCH_ROUND_MS: '500', BENCH_WARMUP_MS: '200', BENCH_LOAD_RUNS: '2' } : {};
let current = null;
let interrupted = null;

function stopCurrent(signal) {
  interrupted = signal;
  // Each group stops what it started on SIGTERM/SIGINT; this only forwards the signal to it.
  if (current && current.exitCode === null) current.kill(signal);
}
process.on('SIGINT', () => stopCurrent('SIGINT'));
process.on('SIGTERM', () => stopCurrent('SIGTERM'));

function runGroup(group) {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(process.execPath, ['--import', 'tsx', group.script], {
      cwd: root,
      env: { ...process.env, ...quickEnv },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    current = child;
    let printed = false;
    let buf = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk) => {
      buf += chunk;
      let nl;
      while ((nl = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, nl);
        buf = buf.slice(nl + 1);
        let obj = null;
        try {
          obj = JSON.parse(line);
        } catch {
          /* not a figure line */
        }
        if (obj && typeof obj === 'object' && !Array.isArray(obj)) {
          process.stdout.write(`${JSON.stringify(obj)}\n`);
          printed = true;
        } else if (line.trim()) {
          process.stderr.write(`${line}\n`);
        }
      }
    });
    child.on('exit', (code, signal) => {
      current = null;
      if (!printed) {
        const why = signal ? `signal ${signal}` : `exit code ${code}`;
        process.stdout.write(
          `${JSON.stringify({ ...group.fallback, measured_at: new Date().toISOString(), note: `${group.script} ended (${why}) without printing its figures; see stderr` })}\n`,
        );
      }
      process.stderr.write(`[bench] ${group.script} took ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
      resolve();
    });
  });
}

for (const group of selected) {
  if (interrupted) break;
  await runGroup(group);
}
if (interrupted) process.exit(interrupted === 'SIGINT' ? 130 : 143);
