/**
 * The small pipeline behind the envelope job: encryption runs a bounded number of parts ahead of the
 * upload, so reading and encrypting part n+1 overlaps uploading part n, and memory stays at a few
 * parts whatever the file size.
 */

/** Encrypted chunks gathered for one S3 part, not yet copied together (the upload does that, once). */
export interface Part {
  chunks: Uint8Array[];
  bytes: number;
}

/**
 * Groups chunks into parts of at least `partSize` bytes (S3's multipart rule: every part but the last
 * is 5 MiB or more), holding the chunks by reference: no copy here.
 */
export async function* groupParts(chunks: AsyncIterable<Uint8Array>, partSize: number): AsyncGenerator<Part> {
  let held: Uint8Array[] = [];
  let bytes = 0;
  for await (const c of chunks) {
    held.push(c);
    bytes += c.length;
    if (bytes >= partSize) {
      yield { chunks: held, bytes };
      held = [];
      bytes = 0;
    }
  }
  if (bytes > 0 || held.length > 0) yield { chunks: held, bytes };
}

/**
 * One part's chunks copied into one buffer (the body S3 gets), and the chunks let go: after this the
 * part holds nothing, so the encrypted chunks are freed as soon as the body is sent.
 */
export function gatherPart(part: Part): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(part.bytes);
  let o = 0;
  for (const c of part.chunks) {
    out.set(c, o);
    o += c.length;
  }
  part.chunks.length = 0;
  return out;
}

/**
 * Pulls up to `depth` items from `source` ahead of the consumer (a bounded prefetch). Items come out in
 * order; a failure in the source is thrown at the consumer's next read, never lost; when the consumer
 * stops early (break, throw), the source is closed and nothing more is pulled.
 */
export async function* ahead<T>(source: AsyncIterable<T>, depth: number): AsyncGenerator<T> {
  if (!Number.isInteger(depth) || depth < 1) throw new RangeError('The pipeline depth is a whole number of items, at least 1.');
  const it = source[Symbol.asyncIterator]();
  const queue: Promise<IteratorResult<T>>[] = [];
  let ended = false;
  // Each pull starts only after the previous one settled (an async generator serves one next() at a
  // time anyway), so the source sees the same sequence of calls as a plain for-await would make.
  let chain: Promise<unknown> = Promise.resolve();
  const pull = () => {
    const p = chain.then(() => it.next());
    chain = p.catch(() => undefined);
    queue.push(p);
  };
  try {
    while (queue.length < depth) pull();
    for (;;) {
      const r = await queue.shift()!;
      if (r.done) {
        ended = true;
        return;
      }
      pull();
      yield r.value;
    }
  } finally {
    if (!ended) {
      // Pulls already started are let settle (their failures are not the consumer's any more), then the source is closed.
      await Promise.allSettled(queue);
      await it.return?.();
    }
  }
}
