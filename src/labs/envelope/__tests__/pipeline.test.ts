import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ahead, gatherPart, groupParts } from '../lib/pipeline';

async function* from<T>(items: T[], log?: string[]): AsyncGenerator<T> {
  for (const [i, x] of items.entries()) {
    log?.push(`pull ${i}`);
    await Promise.resolve();
    yield x;
  }
}

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

const bytes = (n: number, fill: number) => new Uint8Array(n).fill(fill);

describe('groupParts and gatherPart', () => {
  it('every part but the last holds at least the part size, and gathering gives back the bytes in order', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 0, max: 50 }), { maxLength: 40 }), fc.integer({ min: 1, max: 120 }), async (sizes, partSize) => {
        const chunks = sizes.map((n, i) => bytes(n, i % 251));
        const parts = await collect(groupParts(from(chunks), partSize));
        for (const p of parts.slice(0, -1)) expect(p.bytes).toBeGreaterThanOrEqual(partSize);
        const whole = parts.map((p) => gatherPart(p));
        const expected = new Uint8Array(sizes.reduce((a, b) => a + b, 0));
        let o = 0;
        for (const c of chunks) {
          expected.set(c, o);
          o += c.length;
        }
        const joined = new Uint8Array(whole.reduce((n, w) => n + w.length, 0));
        o = 0;
        for (const w of whole) {
          joined.set(w, o);
          o += w.length;
        }
        expect(joined).toEqual(expected);
      }),
      { numRuns: 60 },
    );
  });

  it('gathering a part lets go of its chunks (the part holds nothing once its body is made)', async () => {
    const [part] = await collect(groupParts(from([bytes(3, 1), bytes(4, 2)]), 100));
    const body = gatherPart(part!);
    expect(Array.from(body)).toEqual([1, 1, 1, 2, 2, 2, 2]);
    expect(part!.chunks).toHaveLength(0);
  });

  it('groups chunks by reference: no chunk is copied before the upload gathers it', async () => {
    const a = bytes(5, 7);
    const [part] = await collect(groupParts(from([a]), 1));
    expect(part!.chunks[0]).toBe(a);
  });
});

describe('ahead: a bounded prefetch', () => {
  it('yields every item in order', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer(), { maxLength: 30 }), fc.integer({ min: 1, max: 5 }), async (items, depth) => {
        expect(await collect(ahead(from(items), depth))).toEqual(items);
      }),
      { numRuns: 50 },
    );
  });

  it('pulls at most `depth` items ahead of the consumer', async () => {
    let pulled = 0;
    async function* counted(): AsyncGenerator<number> {
      for (let i = 0; i < 20; i++) {
        pulled++;
        yield i;
      }
    }
    let consumed = 0;
    for await (const x of ahead(counted(), 2)) {
      consumed++;
      expect(x).toBe(consumed - 1);
      // Let every pending pull settle, then look: the source is never more than depth items ahead.
      await new Promise((r) => setTimeout(r, 0));
      expect(pulled - consumed).toBeLessThanOrEqual(2);
    }
    expect(consumed).toBe(20);
  });

  it('a failure in the source reaches the consumer, after the items before it', async () => {
    async function* failing(): AsyncGenerator<number> {
      yield 1;
      yield 2;
      throw new Error('the file could not be read');
    }
    const seen: number[] = [];
    await expect(
      (async () => {
        for await (const x of ahead(failing(), 3)) seen.push(x);
      })(),
    ).rejects.toThrow('the file could not be read');
    expect(seen).toEqual([1, 2]);
  });

  it('when the consumer stops early, the source is closed and pulls nothing more', async () => {
    let closed = false;
    let pulled = 0;
    async function* source(): AsyncGenerator<number> {
      try {
        for (let i = 0; i < 100; i++) {
          pulled++;
          yield i;
        }
      } finally {
        closed = true;
      }
    }
    for await (const x of ahead(source(), 2)) if (x === 3) break;
    expect(closed).toBe(true);
    expect(pulled).toBeLessThanOrEqual(4 + 2);
  });

  it('Precondition: the pipeline depth is a whole number of items, at least 1', async () => {
    await expect(collect(ahead(from([1]), 0))).rejects.toThrow('The pipeline depth is a whole number of items, at least 1.');
  });
});
