/** Child processes the bench starts itself, and stops again (by their own process group). */
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { freePort } from '../../e2e/helpers/free-port';

export { freePort };

export interface Started {
  child: ChildProcess;
  /** The most recent output lines (up to 200). */
  lines: string[];
  /** The last lines the process wrote (stdout and stderr), for error notes. */
  tail(): string;
  stop(): Promise<void>;
}

const running = new Set<Started>();


/**
 * Starts `cmd args` in its own process group (detached) so that stopping it also stops anything
 * it started itself. Output is kept only as a short tail; `onLine` sees each line.
 */
export function start(
  cmd: string,
  args: readonly string[],
  opts: SpawnOptions & { onLine?: (line: string) => void } = {},
): Started {
  const { onLine, ...spawnOpts } = opts;
  const child = spawn(cmd, args, { ...spawnOpts, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  const feed = (stream: NodeJS.ReadableStream | null): void => {
    if (!stream) return;
    let buf = '';
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => {
      buf += chunk;
      let nl: number;
      while ((nl = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, nl).replace(/\r$/, '');
        buf = buf.slice(nl + 1);
        lines.push(line);
        if (lines.length > 200) lines.shift();
        onLine?.(line);
      }
    });
  };
  feed(child.stdout);
  feed(child.stderr);
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
  const started: Started = {
    child,
    lines,
    tail: () => lines.slice(-12).join('\n'),
    async stop() {
      running.delete(started);
      if (child.exitCode !== null || child.signalCode !== null) return;
      const group = child.pid;
      if (group === undefined) return;
      try {
        process.kill(-group, 'SIGTERM');
      } catch {
        /* already gone */
      }
      const timer = setTimeout(() => {
        try {
          process.kill(-group, 'SIGKILL');
        } catch {
          /* already gone */
        }
      }, 3000);
      await exited;
      clearTimeout(timer);
    },
  };
  running.add(started);
  return started;
}

/** Stops every process this module started and has not stopped yet. */
export async function stopAll(): Promise<void> {
  await Promise.all([...running].map((s) => s.stop()));
}

/** Synchronous last resort (process 'exit'): SIGKILL every group still running. */
export function killAllNow(): void {
  for (const s of running) {
    const pid = s.child.pid;
    if (pid !== undefined && s.child.exitCode === null && s.child.signalCode === null) {
      try {
        process.kill(-pid, 'SIGKILL');
      } catch {
        /* already gone */
      }
    }
  }
}

/** Stop children on Ctrl-C / SIGTERM too. */
export function installCleanup(): void {
  const onSignal = (sig: NodeJS.Signals): void => {
    void stopAll().finally(() => process.exit(sig === 'SIGINT' ? 130 : 143));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  process.once('exit', killAllNow);
}

/** Resolves with the first match of `re` in the process's output, or rejects on exit / timeout. */
export function waitForLine(s: Started, re: RegExp, timeoutMs: number): Promise<RegExpMatchArray> {
  return new Promise((resolve, reject) => {
    const check = (): boolean => {
      for (const line of s.lines) {
        const m = line.match(re);
        if (m) {
          cleanup();
          resolve(m);
          return true;
        }
      }
      return false;
    };
    const interval = setInterval(check, 25);
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`no line matching ${re} within ${timeoutMs} ms; last output:\n${s.tail()}`));
    }, timeoutMs);
    const onExit = (code: number | null): void => {
      if (check()) return;
      cleanup();
      reject(new Error(`process exited (code ${code}) before printing ${re}; last output:\n${s.tail()}`));
    };
    s.child.once('exit', onExit);
    function cleanup(): void {
      clearInterval(interval);
      clearTimeout(timer);
      s.child.off('exit', onExit);
    }
    check();
  });
}

/** Polls `url` until it answers with any HTTP status, or rejects on exit / timeout. */
export async function waitForHttp(s: Started, url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (s.child.exitCode !== null || s.child.signalCode !== null) {
      throw new Error(`process exited (code ${s.child.exitCode}) before ${url} answered; last output:\n${s.tail()}`);
    }
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(1000) });
      await res.arrayBuffer();
      return;
    } catch {
      if (Date.now() > deadline) throw new Error(`${url} did not answer within ${timeoutMs} ms; last output:\n${s.tail()}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

export function errorText(e: unknown): string {
  if (e instanceof Error) return `${e.name}: ${e.message}`.slice(0, 600);
  return String(e).slice(0, 600);
}
