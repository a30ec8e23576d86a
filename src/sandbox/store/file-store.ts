import { createReadStream } from 'node:fs';
import { open as openFile, mkdir, readFile, rename, rm, stat, writeFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { joinBody } from '../shared/bytes';
import { SCHEMA_VERSION } from '../shared/state';
import type { TrailEvent } from '../shared/trail-types';
import { parseExport, recordProblem } from './export-format';
import { blobRefsOf, decodeValue, encodeValue, keyString, parseKeyString, type RecordKey, type StoredRecord } from './records';
import { BLOB_PIECE, changesResources, faultError, SandboxStoreError, StaleEpochError, type LabSnapshot, type OpenedLab, type SandboxStore, type StoreFault, type WriteSet } from './store';
import { TrailIndex } from './trail-index';

/**
 * Node only (`npm run sandbox -- --data DIR`): the same record model in a directory.
 * - `lab.json`   { format, schemaVersion, epoch } (written atomically: temp file + rename)
 * - `log.jsonl`  one line per commit: {"p": [[key, value]...], "d": [key...], "t": [trail events]}. A commit
 *               is one append of one line, synced before the call answers; a torn last line (a crash
 *               mid-write, never acknowledged) is ignored. Opening replays the log and compacts it
 *               into one line (temp file + rename).
 * - `blobs/`     object bodies as files, never inside JSON.
 * A directory is owned by one process. A schema-1 lab file (one JSON document) given as DIR is
 * migrated: kept beside as `DIR.schema-1.bak` and its lab moved into the directory.
 */
const META_FORMAT = 'kms-study-lab/sandbox-files';

interface LogLine {
  p?: [string, unknown][];
  d?: string[];
  t?: TrailEvent[];
}

export function createFileStore(dir: string): SandboxStore {
  const metaPath = join(dir, 'lab.json');
  const logPath = join(dir, 'log.jsonl');
  const blobDir = join(dir, 'blobs');
  const blobPath = (key: string) => join(blobDir, encodeURIComponent(key));
  let epoch = 0;
  let tmpSeq = 0;
  let fault: StoreFault | null = null;
  let records = new Map<string, string>();
  let trail = new TrailIndex();

  const atomicWrite = async (path: string, data: string | Uint8Array) => {
    const tmp = `${path}.${process.pid}.${++tmpSeq}.tmp`;
    const fh = await openFile(tmp, 'w');
    try {
      await fh.writeFile(data);
      await fh.datasync();
    } finally {
      await fh.close();
    }
    await rename(tmp, path);
  };
  const appendLine = async (line: LogLine) => {
    const fh = await openFile(logPath, 'a');
    try {
      await fh.write(`${encodeValue(line)}\n`);
      await fh.datasync();
    } finally {
      await fh.close();
    }
  };
  const writeAll = async () => {
    await mkdir(dir, { recursive: true });
    const p: [string, unknown][] = [...records].map(([k, e]) => [k, JSON.parse(e) as unknown]);
    // The same line as JSON.stringify({ p, t: trail.events() }), the trail's records joined as they are kept.
    await atomicWrite(logPath, `{"p":${JSON.stringify(p)},"t":${trail.eventsJson()}}\n`);
    await atomicWrite(metaPath, JSON.stringify({ format: META_FORMAT, schemaVersion: SCHEMA_VERSION, epoch }));
  };
  const corrupt = (why: string) =>
    new SandboxStoreError('corrupt', `The lab in ${dir} is damaged (${why}). Start with --reset-data to begin an empty lab.`, store);
  const takeFault = () => {
    if (!fault) return undefined;
    const f = fault;
    fault = null;
    return faultError(f);
  };

  /** A schema-1 lab file where the directory should be: migrate it into the directory. */
  const migrateLegacyFile = async () => {
    const text = await readFile(dir, 'utf8');
    const lab = parseExport(text, store);
    const backup = `${dir}.schema-1.bak`;
    await rename(dir, backup);
    records = new Map(lab.records.map((r) => [keyString(r.k), encodeValue(r.v)]));
    trail = new TrailIndex(lab.trail);
    epoch = Date.now();
    await writeAll();
  };

  const store: SandboxStore = {
    kind: 'files',
    async open() {
      let s;
      try {
        s = await stat(dir);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw new SandboxStoreError('unreadable', `The lab directory ${dir} cannot be read (${(e as Error).message}).`, store, { cause: e });
      }
      if (s.isFile()) await migrateLegacyFile();
      let metaText: string;
      try {
        metaText = await readFile(metaPath, 'utf8');
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw e;
      }
      let meta: { format?: unknown; schemaVersion?: unknown; epoch?: unknown };
      try {
        meta = JSON.parse(metaText) as typeof meta;
      } catch {
        throw corrupt('lab.json is not JSON');
      }
      if (meta.format !== META_FORMAT || typeof meta.epoch !== 'number') throw corrupt('lab.json is not a sandbox lab');
      if (meta.schemaVersion !== SCHEMA_VERSION) {
        throw new SandboxStoreError('version', `The lab in ${dir} was written by another version of the sandbox (schema ${String(meta.schemaVersion)}).`, store);
      }
      epoch = meta.epoch;
      records = new Map();
      const events: TrailEvent[] = [];
      let text = '';
      try {
        text = await readFile(logPath, 'utf8');
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
      }
      const lines = text.split('\n');
      // The last element is '' when the file ends with a newline; otherwise it is a torn, unacknowledged commit.
      lines.pop();
      for (const [i, line] of lines.entries()) {
        let l: LogLine;
        try {
          l = decodeValue(line) as LogLine;
        } catch {
          throw corrupt(`log line ${i + 1} is not JSON`);
        }
        for (const [k, v] of l.p ?? []) {
          const problem = recordProblem(parseKeyString(k), v);
          if (problem) throw corrupt(problem);
          records.set(k, encodeValue(v));
        }
        for (const k of l.d ?? []) records.delete(k);
        for (const ev of l.t ?? []) events.push(ev);
      }
      trail = new TrailIndex(events);
      await writeAll();
      // Bodies no record references are collected.
      const refs = new Set<string>();
      const out: StoredRecord[] = [];
      for (const [k, e] of records) {
        const v = decodeValue(e);
        blobRefsOf(v, refs);
        out.push({ k: parseKeyString(k), v, e });
      }
      const files = await readdir(blobDir).catch(() => [] as string[]);
      for (const f of files) if (!f.endsWith('.tmp') && !refs.has(decodeURIComponent(f))) await rm(join(blobDir, f), { force: true });
      return { epoch, schemaVersion: SCHEMA_VERSION, records: out, trail: trail.stats() } satisfies OpenedLab;
    },
    async commit(ws: WriteSet, expected: number) {
      const f = changesResources(ws) ? takeFault() : undefined;
      if (f) throw f;
      if (expected !== epoch) throw new StaleEpochError(expected, epoch);
      const line: LogLine = {};
      if (ws.puts.length) line.p = ws.puts.map((r) => [keyString(r.k), r.v]);
      if (ws.deletes.length) line.d = ws.deletes.map((k: RecordKey) => keyString(k));
      if (ws.trail.length) line.t = ws.trail;
      await appendLine(line);
      for (const r of ws.puts) records.set(keyString(r.k), r.e ?? encodeValue(r.v));
      for (const k of ws.deletes) records.delete(keyString(k));
      trail.append(ws.trail);
    },
    async replace(lab: LabSnapshot) {
      const f = takeFault();
      if (f) throw f;
      records = new Map(lab.records.map((r) => [keyString(r.k), r.e ?? encodeValue(r.v)]));
      trail = new TrailIndex(lab.trail);
      epoch = lab.epoch;
      await writeAll();
    },
    async epoch() {
      return epoch;
    },
    async pruneTrail(before: number, cap: number) {
      // The log is rewritten only when something went (retention prunes in steps).
      if (trail.prune(before, cap) > 0) await writeAll();
      return trail.stats();
    },
    async lookupTrail(q) {
      return trail.lookup(q);
    },
    async *readTrail() {
      const all = trail.events();
      for (let i = 0; i < all.length; i += 500) yield all.slice(i, i + 500);
    },
    async *blobPieces(key) {
      let stream;
      try {
        await stat(blobPath(key));
        stream = createReadStream(blobPath(key), { highWaterMark: BLOB_PIECE });
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') return;
        throw e;
      }
      let any = false;
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        any = true;
        yield new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
      }
      if (!any) yield new Uint8Array(0);
    },
    async putBlob(key, bytes) {
      await mkdir(blobDir, { recursive: true });
      await atomicWrite(blobPath(key), joinBody(bytes));
    },
    async getBlob(key) {
      try {
        return new Uint8Array(await readFile(blobPath(key)));
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw e;
      }
    },
    async deleteBlob(key) {
      await rm(blobPath(key), { force: true });
    },
    async clear() {
      const s = await stat(dir).catch(() => undefined);
      if (s?.isFile()) {
        await rm(dir, { force: true });
        return;
      }
      await rm(logPath, { force: true });
      await rm(blobDir, { recursive: true, force: true });
      records = new Map();
      trail = new TrailIndex();
      if (s) await writeFile(metaPath, JSON.stringify({ format: META_FORMAT, schemaVersion: SCHEMA_VERSION, epoch }));
    },
    injectFault(f) {
      fault = f;
    },
  };
  return store;
}
