import { z } from 'zod';
import { concatBytes } from '../shared/bytes';
import { SCHEMA_VERSION } from '../shared/state';
import type { TrailEvent } from '../shared/trail-types';
import { bodyChunks } from '../protocol/body';
import { EXPORT_FORMAT } from './migrations';
import { damaged, parseDocument, parseExport, trailEventSchema } from './export-format';
import { decodeValue, encodeValue, type StoredRecord } from './records';
import { SandboxStoreError, type SandboxStore } from './store';

/**
 * The export as lines (docs/sandbox.md "The export format"): written piece by piece and read line by
 * line, so a lab with large object bodies is never one string, in the browser or in Node.
 *
 *   {"format":"kms-study-lab/sandbox-export","schemaVersion":2,"layout":"lines","exportedAt":…,"simulatedNow":…}
 *   {"record":{"account":…,"region":…,"service":…,"kind":…,"id":…,"value":…}}     one per record
 *   {"trail":[…]}                                                              up to TRAIL_LINE events, oldest first
 *   {"blob":"<key>","n":0,"bytes":{"$b64":"…"}}                                a body in pieces of at most 1 MiB
 *   {"end":{"records":R,"trail":T,"blobs":B}}                                  the counts: a file without it is truncated
 *
 * Reading is a chain: a file whose first line is not this header is read as the earlier single
 * document (any landed schema, store/migrations.ts), as the demo seed and older exports are.
 */
export const EXPORT_LAYOUT = 'lines';
const TRAIL_LINE = 200;
/** Lines are handed out in pieces of about this many bytes. */
const OUT_PIECE = 64 * 1024;

/** What an import reads: text, bytes, a Blob (a File), or a function that opens the file again (Node). */
export type ExportSource = string | Uint8Array | Blob | (() => AsyncIterable<Uint8Array> | ReadableStream<Uint8Array>);

export interface ExportParts {
  records: StoredRecord[];
  simNow: number;
  /** Oldest first, a page at a time. */
  trail: AsyncIterable<TrailEvent[]>;
  /** The bodies the records reference, in the order to write them. */
  blobKeys: string[];
  blobPieces: (key: string) => AsyncIterable<Uint8Array>;
  exportedAt?: number;
}

/** The export, in UTF-8 pieces of about 64 KiB (a body piece is a line of its own, ~1.4 MB). */
export async function* exportLines(p: ExportParts): AsyncGenerator<Uint8Array<ArrayBuffer>> {
  const enc = new TextEncoder();
  let pending: string[] = [];
  let size = 0;
  const line = function* (s: string): Generator<Uint8Array<ArrayBuffer>> {
    pending.push(s, '\n');
    size += s.length + 1;
    if (size >= OUT_PIECE) {
      yield enc.encode(pending.join('')) as Uint8Array<ArrayBuffer>;
      pending = [];
      size = 0;
    }
  };
  yield* line(
    JSON.stringify({
      format: EXPORT_FORMAT,
      schemaVersion: SCHEMA_VERSION,
      layout: EXPORT_LAYOUT,
      exportedAt: new Date(p.exportedAt ?? Date.now()).toISOString(),
      simulatedNow: new Date(p.simNow).toISOString(),
    }),
  );
  for (const r of p.records) {
    const value = r.e ?? encodeValue(r.v);
    yield* line(`{"record":{"account":${JSON.stringify(r.k[0])},"region":${JSON.stringify(r.k[1])},"service":${JSON.stringify(r.k[2])},"kind":${JSON.stringify(r.k[3])},"id":${JSON.stringify(r.k[4])},"value":${value}}}`);
  }
  let trail = 0;
  for await (const page of p.trail) {
    for (let i = 0; i < page.length; i += TRAIL_LINE) {
      const part = page.slice(i, i + TRAIL_LINE);
      trail += part.length;
      yield* line(encodeValue({ trail: part }));
    }
  }
  let blobs = 0;
  for (const key of p.blobKeys) {
    let n = 0;
    for await (const bytes of p.blobPieces(key)) yield* line(encodeValue({ blob: key, n: n++, bytes }));
    if (n > 0) blobs++;
  }
  yield* line(JSON.stringify({ end: { records: p.records.length, trail, blobs } }));
  if (pending.length) yield enc.encode(pending.join('')) as Uint8Array<ArrayBuffer>;
}

/** The export as a Blob, built piece by piece (the browser keeps large Blobs out of the page's memory). */
export async function exportBlob(chunks: AsyncIterable<Uint8Array<ArrayBuffer>>): Promise<Blob> {
  let blob = new Blob([]);
  let parts: Uint8Array<ArrayBuffer>[] = [];
  let size = 0;
  for await (const c of chunks) {
    parts.push(c);
    size += c.length;
    if (size >= 4 << 20) {
      blob = new Blob([blob, ...parts]);
      parts = [];
      size = 0;
    }
  }
  return new Blob([blob, ...parts], { type: 'application/x-ndjson' });
}

function openSource(source: ExportSource): AsyncIterable<Uint8Array> {
  // The one body reader (protocol/body.ts): bytes, a Blob or a web stream chunk by chunk, a Node stream.
  if (typeof source === 'string') return bodyChunks(new TextEncoder().encode(source));
  return bodyChunks(typeof source === 'function' ? source() : source);
}

/** The source's lines, decoded as UTF-8 as they arrive; the last one may lack its newline. */
async function* linesOf(source: ExportSource): AsyncGenerator<string> {
  const dec = new TextDecoder('utf-8', { fatal: true });
  // The pieces of the line being read: each chunk is searched once, so a long line costs its length.
  let parts: string[] = [];
  const take = function* (text: string): Generator<string> {
    let s = text;
    let nl = s.indexOf('\n');
    while (nl >= 0) {
      parts.push(s.slice(0, nl));
      yield parts.join('');
      parts = [];
      s = s.slice(nl + 1);
      nl = s.indexOf('\n');
    }
    if (s.length) parts.push(s);
  };
  for await (const chunk of openSource(source)) yield* take(dec.decode(chunk, { stream: true }));
  yield* take(dec.decode());
  if (parts.length) yield parts.join('');
}

async function wholeText(source: ExportSource): Promise<string> {
  if (typeof source === 'string') return source;
  const parts: string[] = [];
  const dec = new TextDecoder('utf-8', { fatal: true });
  for await (const chunk of openSource(source)) parts.push(dec.decode(chunk, { stream: true }));
  parts.push(dec.decode());
  return parts.join('');
}

const headerSchema = z.object({
  format: z.literal(EXPORT_FORMAT),
  schemaVersion: z.number().int().min(1),
  layout: z.literal(EXPORT_LAYOUT),
  simulatedNow: z.string().optional(),
});
const endSchema = z.object({ records: z.number().int().min(0), trail: z.number().int().min(0), blobs: z.number().int().min(0) });
const pieceSchema = z.object({ blob: z.string().min(1), n: z.number().int().min(0), bytes: z.instanceof(Uint8Array) });

/** A checked import: its records and trail, and its bodies read again from the source one at a time. */
export interface ImportPlan {
  records: StoredRecord[];
  trail: TrailEvent[];
  /** The bodies, one whole body at a time (bodies are stored as segments of about 1 MiB). */
  bodies(): AsyncIterable<{ key: string; bytes: Uint8Array }>;
}

const notJson = (where: string, store?: SandboxStore, cause?: unknown) =>
  new SandboxStoreError('corrupt', `The lab export is damaged and cannot be imported (${where} is not valid JSON). Nothing was changed.`, store, { cause });

/**
 * Reads an export and checks all of it before anything is changed: the lines layout line by line
 * (bodies decoded and counted, not kept), an earlier single document whole. Throws SandboxStoreError
 * for a damaged, truncated or newer file.
 */
export async function readExport(source: ExportSource, store?: SandboxStore): Promise<ImportPlan> {
  let header: unknown;
  let firstLine: string | undefined;
  try {
    for await (const l of linesOf(source)) {
      firstLine = l;
      break;
    }
  } catch (e) {
    throw new SandboxStoreError('corrupt', 'The lab export is not UTF-8 text and cannot be imported. Nothing was changed.', store, { cause: e });
  }
  try {
    header = firstLine === undefined ? undefined : JSON.parse(firstLine);
  } catch {
    header = undefined;
  }
  const isLines = header !== null && typeof header === 'object' && (header as { layout?: unknown }).layout === EXPORT_LAYOUT;
  if (!isLines) {
    // The earlier layout: one JSON document (any landed schema). Its bodies are in it.
    const p = parseExport(await wholeText(source), store);
    return {
      records: p.records,
      trail: p.trail,
      async *bodies() {
        yield* p.blobs;
      },
    };
  }
  const h = headerSchema.safeParse(header);
  if (!h.success) throw damaged(`line 1: ${h.error.issues[0]?.path.join('.') || 'header'} ${h.error.issues[0]?.message}`, store);

  const records: unknown[] = [];
  const trail: unknown[] = [];
  const sizes = new Map<string, number>();
  let current: { key: string; n: number } | undefined;
  let end: z.infer<typeof endSchema> | undefined;
  let lineNo = 0;
  try {
    for await (const l of linesOf(source)) {
      lineNo++;
      if (lineNo === 1) continue;
      if (end !== undefined) {
        if (l.trim() === '') continue;
        throw damaged(`line ${lineNo} follows the end line`, store);
      }
      if (l === '') continue;
      let o: Record<string, unknown>;
      try {
        o = decodeValue(l) as Record<string, unknown>;
      } catch (e) {
        throw notJson(`line ${lineNo}`, store, e);
      }
      if (o === null || typeof o !== 'object') throw damaged(`line ${lineNo} is not an object`, store);
      if ('record' in o) records.push(o['record']);
      else if ('trail' in o) {
        if (!Array.isArray(o['trail'])) throw damaged(`line ${lineNo}: trail is not a list`, store);
        trail.push(...(o['trail'] as unknown[]));
      } else if ('blob' in o) {
        const piece = pieceSchema.safeParse(o);
        if (!piece.success) throw damaged(`line ${lineNo}: ${piece.error.issues[0]?.path.join('.')} ${piece.error.issues[0]?.message}`, store);
        const { blob: key, n, bytes } = piece.data;
        const expected = current?.key === key ? current.n + 1 : 0;
        if (n !== expected || (expected === 0 && sizes.has(key))) throw damaged(`line ${lineNo}: piece ${n} of body ${key} is out of order`, store);
        current = { key, n };
        sizes.set(key, (sizes.get(key) ?? 0) + bytes.length);
      } else if ('end' in o) {
        const e = endSchema.safeParse(o['end']);
        if (!e.success) throw damaged(`line ${lineNo}: the end line is not valid`, store);
        end = e.data;
      } else throw damaged(`line ${lineNo} is neither a record, trail events, a body piece nor the end`, store);
    }
  } catch (e) {
    if (e instanceof SandboxStoreError) throw e;
    throw new SandboxStoreError('corrupt', `The lab export could not be read (${(e as Error)?.message ?? String(e)}). Nothing was changed.`, store, { cause: e });
  }
  if (end === undefined) {
    throw new SandboxStoreError(
      'corrupt',
      `The lab export is incomplete: it stops after line ${lineNo} without its end line (was the download or copy cut short?). Nothing was changed.`,
      store,
    );
  }
  if (end.records !== records.length || end.trail !== trail.length || end.blobs !== sizes.size) {
    throw damaged(
      `it says ${end.records} records, ${end.trail} trail events and ${end.blobs} bodies but holds ${records.length}, ${trail.length} and ${sizes.size}`,
      store,
    );
  }
  for (const [i, ev] of trail.entries()) {
    const r = trailEventSchema.safeParse(ev);
    if (!r.success) throw damaged(`trail event ${i + 1}: ${r.error.issues[0]?.path.join('.')} ${r.error.issues[0]?.message}`, store);
  }
  // The records go through the same chain and checks as a document of the same schema.
  const p = parseDocument({ format: EXPORT_FORMAT, schemaVersion: h.data.schemaVersion, records, trail, blobs: [] }, store);
  return {
    records: p.records,
    trail: p.trail,
    async *bodies() {
      let key: string | undefined;
      let parts: Uint8Array[] = [];
      let lineNo2 = 0;
      for await (const l of linesOf(source)) {
        lineNo2++;
        if (lineNo2 === 1 || !l.startsWith('{"blob"')) continue;
        const piece = pieceSchema.parse(decodeValue(l));
        if (piece.blob !== key) {
          if (key !== undefined) yield { key, bytes: concatBytes(...parts) };
          key = piece.blob;
          parts = [];
        }
        parts.push(piece.bytes);
      }
      if (key !== undefined) yield { key, bytes: concatBytes(...parts) };
    },
  };
}
