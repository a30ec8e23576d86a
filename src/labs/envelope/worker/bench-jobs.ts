/**
 * What `npm run bench` (group `envelope`) asks the envelope worker to time, on the worker's own thread
 * and with the lab's own code: nothing here is a copy of the panel's path.
 *   - webcrypto: the ceiling. The same bytes read into memory first, then AES-256-GCM over them with
 *     WebCrypto alone, one call after another, in calls of 64 KiB, 1 MiB and 16 MiB (the three;
 *     the best is the ceiling), then, for reference only, in calls of the envelope's chunk size.
 *   - encrypt: the panel's step 2 (encryptedParts from envelope-job.ts): the File read in windows,
 *     chunked, encrypted and grouped into the parts that are stored, with no upload behind it (copying
 *     a part's chunks into one request body is the upload's work, counted in the stored figure).
 * Only reached when the app's test hooks are on (the page-side hook in use-envelope-worker.ts).
 */
import { DEFAULT_CHUNK_SIZE, importDataKey, newHeader } from '../lib/chunked-format';
import { encryptedParts } from '../lib/envelope-job';

export type BenchWhat = 'webcrypto' | 'encrypt';

export interface BenchTiming {
  bytes: number;
  ms: number;
  /** webcrypto: the time for each call size, in bytes -> ms. */
  bySize?: Record<string, number>;
  /**
   * webcrypto: the time for calls of the envelope's own chunk size (DEFAULT_CHUNK_SIZE), for reference
   * only: the ceiling is the best of the three sizes, and this is not counted in it.
   */
  chunkSizeMs?: number;
}

async function randomKey(usages: KeyUsage[]): Promise<CryptoKey> {
  return importDataKey(crypto.subtle, crypto.getRandomValues(new Uint8Array(32)), usages);
}

export async function runBench(what: BenchWhat, file: Blob): Promise<BenchTiming> {
  if (what === 'encrypt') {
    const key = await randomKey(['encrypt']);
    const header = newHeader((n) => crypto.getRandomValues(new Uint8Array(n)));
    const t0 = performance.now();
    let bytes = 0;
    for await (const part of encryptedParts(key, header, file)) bytes += part.bytes;
    return { bytes: file.size, ms: performance.now() - t0, bySize: { stored: bytes } };
  }
  const key = await randomKey(['encrypt']);
  const data = new Uint8Array(await file.arrayBuffer());
  const iv = new Uint8Array(12);
  const bySize: Record<string, number> = {};
  let best = Infinity;
  for (const size of [64 * 1024, 1024 * 1024, 16 * 1024 * 1024]) {
    const t0 = performance.now();
    for (let off = 0, n = 0; off < data.length; off += size, n++) {
      new DataView(iv.buffer).setUint32(8, n);
      await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, key, data.subarray(off, Math.min(data.length, off + size)));
    }
    const ms = performance.now() - t0;
    bySize[String(size)] = ms;
    best = Math.min(best, ms);
  }
  const t0 = performance.now();
  for (let off = 0, n = 0; off < data.length; off += DEFAULT_CHUNK_SIZE, n++) {
    new DataView(iv.buffer).setUint32(8, n);
    await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, key, data.subarray(off, Math.min(data.length, off + DEFAULT_CHUNK_SIZE)));
  }
  return { bytes: data.length, ms: best, bySize, chunkSizeMs: performance.now() - t0 };
}
