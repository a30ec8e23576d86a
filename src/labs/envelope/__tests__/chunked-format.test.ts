import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  decodeHeader,
  decryptChunks,
  encodeHeader,
  encryptChunks,
  encryptedSize,
  EnvelopeIntegrityError,
  HEADER_BYTES,
  importDataKey,
  newHeader,
  readPieces,
  TAG_BYTES,
} from '../lib/chunked-format';

const subtle = globalThis.crypto.subtle;
const random = (n: number) => globalThis.crypto.getRandomValues(new Uint8Array(n));
const CHUNK = 1024;

async function keyPair() {
  const raw = random(32);
  const copy = raw.slice();
  const enc = await importDataKey(subtle, raw, ['encrypt', 'decrypt']);
  return { key: enc, raw, copy };
}

async function collect(gen: AsyncIterable<Uint8Array>): Promise<Uint8Array[]> {
  const out: Uint8Array[] = [];
  for await (const p of gen) out.push(p);
  return out;
}

function concat(parts: Uint8Array[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

async function* pieces(bytes: Uint8Array, size: number) {
  for (let o = 0; o < bytes.length; o += size) yield bytes.subarray(o, o + size);
}

async function decryptAll(key: CryptoKey, stored: Uint8Array, pieceSize = 777): Promise<Uint8Array> {
  return concat(await collect(decryptChunks(key, pieces(stored, pieceSize))));
}

async function seal(key: CryptoKey, plain: Uint8Array<ArrayBuffer>, chunk = CHUNK) {
  const header = newHeader(random, chunk);
  const parts = await collect(encryptChunks(key, header, plain));
  return { parts, stored: concat(parts), header };
}

describe('the chunked envelope format', () => {
  it('every piece it yields is its own buffer, which the upload may move away at once: the object still decrypts', async () => {
    const { key } = await keyPair();
    const plain = random(10 * CHUNK + 5);
    const header = newHeader(random, CHUNK);
    const moved: Uint8Array[] = [];
    for await (const piece of encryptChunks(key, header, plain)) {
      expect(piece.byteOffset === 0 && piece.byteLength === piece.buffer.byteLength).toBe(true);
      // As the sandbox upload does (ChunkedBody): the buffer is transferred, leaving this one detached.
      moved.push(structuredClone(piece, { transfer: [piece.buffer] }));
      expect(piece.byteLength).toBe(0);
    }
    expect(Buffer.from(await decryptAll(key, concat(moved))).equals(Buffer.from(plain))).toBe(true);
  });

  it('zeroes the caller’s plaintext data key buffer once imported', async () => {
    const { raw, copy } = await keyPair();
    expect(copy.some((b) => b !== 0)).toBe(true);
    expect(raw.every((b) => b === 0)).toBe(true);
  });

  it('refuses a data key that is not 256 bits, and still zeroes it', async () => {
    const raw = random(16);
    await expect(importDataKey(subtle, raw, ['encrypt'])).rejects.toThrow(/32-byte/);
    expect(raw.every((b) => b === 0)).toBe(true);
  });

  it('header round-trips and rejects a wrong marker, version or chunk size', () => {
    const h = newHeader(random, 4096);
    const bytes = encodeHeader(h);
    expect(bytes.length).toBe(HEADER_BYTES);
    expect(decodeHeader(bytes)).toEqual(h);
    const badMagic = bytes.slice();
    badMagic[0] = badMagic[0]! ^ 1;
    expect(() => decodeHeader(badMagic)).toThrow(EnvelopeIntegrityError);
    const badVersion = bytes.slice();
    badVersion[4] = 9;
    expect(() => decodeHeader(badVersion)).toThrow(/version 9/);
    const huge = bytes.slice();
    new DataView(huge.buffer).setUint32(5, 0x7fffffff);
    expect(() => decodeHeader(huge)).toThrow(/chunk size/);
    expect(() => newHeader(random, 100)).toThrow(RangeError);
  });

  it('round-trips any size, including 0 and sizes at chunk boundaries, read in pieces of any size', async () => {
    const { key } = await keyPair();
    const sizes = fc.oneof(
      fc.constantFrom(0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 2 * CHUNK, 3 * CHUNK - 1),
      fc.integer({ min: 0, max: 6 * CHUNK }),
    );
    await fc.assert(
      fc.asyncProperty(sizes, fc.integer({ min: 1, max: 5000 }), async (size, pieceSize) => {
        const plain = random(size);
        const { stored } = await seal(key, plain);
        expect(stored.length).toBe(encryptedSize(size, CHUNK));
        expect(await decryptAll(key, stored, pieceSize)).toEqual(plain);
      }),
      { numRuns: 60 },
    );
  });

  it('reads a Blob source in windows and gives the same bytes as an in-memory source', async () => {
    const { key } = await keyPair();
    const plain = random(10 * CHUNK + 5);
    const header = newHeader(random, CHUNK);
    const fromBlob = concat(await collect(encryptChunks(key, header, new Blob([plain]), { readWindow: 3 * CHUNK })));
    const fromBytes = concat(await collect(encryptChunks(key, header, plain)));
    expect(fromBlob).toEqual(fromBytes);
    expect(concat(await collect(decryptChunks(key, readPieces(new Blob([fromBlob]), 1000))))).toEqual(plain);
  });

  it('where a Blob stream is not a byte stream, reads slices ahead of the window being encrypted, never more than readAhead at once', async () => {
    const { key } = await keyPair();
    const plain = random(20 * CHUNK + 7);
    const header = newHeader(random, CHUNK);
    const expected = concat(await collect(encryptChunks(key, header, plain)));
    for (const readAhead of [1, 2, 3]) {
      let reading = 0;
      let most = 0;
      let reads = 0;
      // A File as a browser without byte streams gives it: each slice is read on its own, and takes a while.
      class SlowFile extends Blob {
        override stream(): ReadableStream<Uint8Array<ArrayBuffer>> {
          return new ReadableStream<Uint8Array<ArrayBuffer>>({ pull: (c) => c.close() });
        }
        override slice(start?: number, end?: number): Blob {
          const piece = new Blob([plain.subarray(start, end)]);
          return {
            arrayBuffer: async () => {
              reading++;
              reads++;
              most = Math.max(most, reading);
              await new Promise((r) => setTimeout(r, 1));
              reading--;
              return piece.arrayBuffer();
            },
          } as Blob;
        }
      }
      const file = new SlowFile([plain]);
      const out = concat(await collect(encryptChunks(key, header, file, { readWindow: 2 * CHUNK, readAhead })));
      expect(out).toEqual(expected);
      expect(reads).toBe(11);
      expect(most).toBeLessThanOrEqual(readAhead);
      if (readAhead > 1) expect(most).toBeGreaterThan(1);
    }
  });

  it('reads a Blob through its byte stream into one reused buffer, whatever sizes the stream delivers', async () => {
    const { key } = await keyPair();
    for (const size of [0, 1, CHUNK, 3 * CHUNK, 7 * CHUNK + 13]) {
      const plain = random(size);
      const header = newHeader(random, CHUNK);
      const expected = concat(await collect(encryptChunks(key, header, plain)));
      const buffers = new Set<number>();
      let reads = 0;
      // A byte stream that answers each read with at most 700 bytes (a data pipe's pieces), noting where it writes.
      class PipedFile extends Blob {
        override stream(): ReadableStream<Uint8Array<ArrayBuffer>> {
          let o = 0;
          return new ReadableStream({
            type: 'bytes',
            pull: (c) => {
              const req = c.byobRequest!;
              const view = req.view!;
              if (o >= plain.length) {
                c.close();
                req.respond(0);
                return;
              }
              const n = Math.min(700, view.byteLength, plain.length - o);
              new Uint8Array(view.buffer, view.byteOffset, n).set(plain.subarray(o, o + n));
              buffers.add(view.buffer.byteLength);
              reads++;
              o += n;
              req.respond(n);
            },
          });
        }
        override slice(): Blob {
          throw new Error('a byte stream is read, not sliced');
        }
      }
      const out = concat(await collect(encryptChunks(key, header, new PipedFile([plain]), { readWindow: 2 * CHUNK })));
      expect(out).toEqual(expected);
      expect(reads).toBeGreaterThanOrEqual(Math.ceil(size / 700));
      // One buffer, sized to the window (or the file, if smaller), read into again and again.
      expect([...buffers].every((b) => b === Math.min(2 * CHUNK, Math.max(size, 1)))).toBe(true);
    }
  });

  it('refuses a file whose stream gives more or fewer bytes than its size said', async () => {
    const { key } = await keyPair();
    for (const delivered of [3 * CHUNK - 1, 3 * CHUNK + 1]) {
      const bytes = random(delivered);
      class ChangedFile extends Blob {
        override get size(): number {
          return 3 * CHUNK;
        }
        override stream(): ReadableStream<Uint8Array<ArrayBuffer>> {
          return new Blob([bytes]).stream() as ReadableStream<Uint8Array<ArrayBuffer>>;
        }
      }
      await expect(collect(encryptChunks(key, newHeader(random, CHUNK), new ChangedFile([]), { readWindow: CHUNK }))).rejects.toThrow('The file changed while it was read');
    }
  });

  it('a cancel while windows are being read ahead stops the stream with the cancel, and no read failure is left unhandled', async () => {
    const { key } = await keyPair();
    const plain = random(12 * CHUNK);
    const ctl = new AbortController();
    const gen = encryptChunks(key, newHeader(random, CHUNK), new Blob([plain]), { signal: ctl.signal, readWindow: CHUNK, readAhead: 3, inFlight: 1 });
    await gen.next(); // the header
    await gen.next(); // chunk 0
    ctl.abort(new DOMException('Cancelled by the learner.', 'AbortError'));
    await expect(collect(gen)).rejects.toThrow('Cancelled by the learner.');
  });

  it('detects a single flipped bit anywhere: header, any chunk, any tag', async () => {
    const { key } = await keyPair();
    const plain = random(3 * CHUNK + 100);
    const { stored } = await seal(key, plain);
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: stored.length - 1 }), fc.integer({ min: 0, max: 7 }), async (pos, bit) => {
        const bad = stored.slice();
        bad[pos] = bad[pos]! ^ (1 << bit);
        await expect(decryptAll(key, bad)).rejects.toThrow(EnvelopeIntegrityError);
      }),
      { numRuns: 80 },
    );
  });

  it('detects chunks reordered, dropped, duplicated or the object cut at any chunk boundary', async () => {
    const { key } = await keyPair();
    const plain = random(4 * CHUNK + 10);
    const { parts } = await seal(key, plain);
    const [header, ...chunks] = parts;
    expect(chunks.length).toBe(5);
    const variants: [string, Uint8Array[]][] = [
      ['swapped 1 and 2', [header!, chunks[0]!, chunks[2]!, chunks[1]!, chunks[3]!, chunks[4]!]],
      ['dropped 2', [header!, chunks[0]!, chunks[1]!, chunks[3]!, chunks[4]!]],
      ['dropped the last', [header!, ...chunks.slice(0, 4)]],
      ['duplicated 0', [header!, chunks[0]!, ...chunks]],
      ['cut after the header', [header!]],
      ['cut inside the last tag', [header!, ...chunks.slice(0, 4), chunks[4]!.subarray(0, TAG_BYTES - 1)]],
      ['cut inside chunk 3', [header!, ...chunks.slice(0, 3), chunks[3]!.subarray(0, 100)]],
    ];
    for (const [, v] of variants) {
      await expect(decryptAll(key, concat(v))).rejects.toThrow(EnvelopeIntegrityError);
    }
  });

  it('a chunk sealed under another data key fails, naming its index', async () => {
    const a = await keyPair();
    const b = await keyPair();
    const plain = random(2 * CHUNK + 1);
    const header = newHeader(random, CHUNK);
    const fromA = await collect(encryptChunks(a.key, header, plain));
    const fromB = await collect(encryptChunks(b.key, header, plain));
    const mixed = concat([fromA[0]!, fromA[1]!, fromB[2]!, fromA[3]!]);
    const err = await decryptAll(a.key, mixed).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EnvelopeIntegrityError);
    expect((err as EnvelopeIntegrityError).chunkIndex).toBe(1);
  });

  it('never uses one IV twice within a file, and two files get different nonce prefixes', async () => {
    const { key } = await keyPair();
    const h1 = newHeader(random, CHUNK);
    const h2 = newHeader(random, CHUNK);
    expect(h1.noncePrefix).not.toEqual(h2.noncePrefix);
    // Same plaintext chunk at two positions gives different ciphertext: the IVs differ.
    const plain = new Uint8Array(2 * CHUNK).fill(7);
    const [, c0, c1] = await collect(encryptChunks(key, h1, plain));
    expect(c0).not.toEqual(c1);
  });

  it('reports progress up to the total and stops when cancelled', async () => {
    const { key } = await keyPair();
    const plain = random(8 * CHUNK);
    const seen: number[] = [];
    await collect(encryptChunks(key, newHeader(random, CHUNK), plain, { onProgress: (d, t) => seen.push(d / t) }));
    expect(seen.at(-1)).toBe(1);
    expect(seen).toEqual([...seen].sort((x, y) => x - y));
    const ctl = new AbortController();
    const gen = encryptChunks(key, newHeader(random, CHUNK), new Blob([plain]), { signal: ctl.signal, readWindow: CHUNK, inFlight: 1 });
    await gen.next();
    await gen.next();
    ctl.abort();
    await expect(collect(gen)).rejects.toThrow();
  });
});
