import { ServiceError } from './service-error';

/**
 * Request and response bodies as the engine sees them. Every form a client can hand over is kept as
 * it is (never turned into an empty body): bytes, a Blob (the page), a web ReadableStream (the page,
 * Node 18+), or any async iterable of byte chunks (a Node `Readable` is one, so the server streams
 * bodies through without buffering them).
 *
 * Protocols that need the whole body (JSON 1.1, Query: the signature hashes it, the parser reads it)
 * read it with `readBody(body, limit)`; protocols that stream (REST-XML object bodies) pass it on.
 */
export type SandboxBody = Uint8Array | Blob | ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>;

export const EMPTY_BODY: Uint8Array = new Uint8Array(0);

const hasBlob = typeof Blob !== 'undefined';
const hasReadableStream = typeof ReadableStream !== 'undefined';

export const isBlob = (b: unknown): b is Blob => hasBlob && b instanceof Blob;
export const isReadableStream = (b: unknown): b is ReadableStream<Uint8Array> =>
  hasReadableStream && b instanceof ReadableStream;
export const isAsyncIterable = (b: unknown): b is AsyncIterable<Uint8Array> =>
  b !== null && typeof b === 'object' && typeof (b as { [Symbol.asyncIterator]?: unknown })[Symbol.asyncIterator] === 'function';

/** The length when it is known without reading (bytes, Blob); undefined for streams. */
export function knownLength(body: SandboxBody | undefined): number | undefined {
  if (body === undefined) return 0;
  if (body instanceof Uint8Array) return body.byteLength;
  if (isBlob(body)) return body.size;
  return undefined;
}

/**
 * Turns whatever an SDK request (or a test) carries into a SandboxBody: strings become UTF-8,
 * ArrayBuffers and typed-array views become Uint8Array views, Blobs and streams are kept.
 * Anything else is refused loudly rather than read as empty.
 */
export function toSandboxBody(body: unknown): SandboxBody {
  if (body === undefined || body === null) return EMPTY_BODY;
  if (body instanceof Uint8Array) return body;
  if (typeof body === 'string') return new TextEncoder().encode(body);
  if (body instanceof ArrayBuffer) return new Uint8Array(body);
  if (ArrayBuffer.isView(body)) return new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
  if (isBlob(body) || isReadableStream(body) || isAsyncIterable(body)) return body;
  throw new TypeError(`The sandbox cannot read a request body of type ${Object.prototype.toString.call(body)}.`);
}

/** Yields the body's chunks (a Blob and a web stream are read chunk by chunk, never all at once). */
export async function* bodyChunks(body: SandboxBody): AsyncGenerator<Uint8Array> {
  if (body instanceof Uint8Array) {
    if (body.byteLength > 0) yield body;
    return;
  }
  if (isBlob(body)) {
    yield* bodyChunks(body.stream());
    return;
  }
  if (isReadableStream(body)) {
    const reader = body.getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        if (value && value.byteLength > 0) yield value;
      }
    } finally {
      reader.releaseLock();
    }
  }
  for await (const c of body as AsyncIterable<Uint8Array | string>) {
    // Node streams with an encoding yield strings; everything else yields bytes.
    const bytes = typeof c === 'string' ? new TextEncoder().encode(c) : c;
    if (bytes.byteLength > 0) yield bytes;
  }
}

/** What to answer when a body is larger than its protocol allows. */
export type TooLarge = (size: number, limit: number) => Error;

/** Default: AWS's generic answer for an oversized request (JSON and Query services). */
export const requestTooLarge: TooLarge = (_size, limit) =>
  // Sandbox differs: AWS's front door answers 413 with an HTML page for bodies over its limit; the
  // sandbox answers an AWS-shaped error so the SDK can parse it.
  new ServiceError('RequestEntityTooLargeException', `Request body exceeds the ${limit}-byte limit for this API.`, 413);

/**
 * Reads the whole body, never more than `limit` bytes: a larger body fails (with `tooLarge`) as soon
 * as the limit is passed, without reading the rest into memory.
 */
export async function readBody(body: SandboxBody | undefined, limit: number, tooLarge: TooLarge = requestTooLarge): Promise<Uint8Array> {
  if (body === undefined) return EMPTY_BODY;
  if (body instanceof Uint8Array) {
    if (body.byteLength > limit) throw tooLarge(body.byteLength, limit);
    return body;
  }
  if (isBlob(body)) {
    if (body.size > limit) throw tooLarge(body.size, limit);
    return new Uint8Array(await body.arrayBuffer());
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  const it = bodyChunks(body);
  for (;;) {
    // next() by hand, not for-await: leaving a for-await loop would destroy a Node request stream
    // (and its socket) before the error could be answered. The caller drains what is left.
    const { done, value } = await it.next();
    if (done) break;
    size += value.byteLength;
    if (size > limit) throw tooLarge(size, limit);
    chunks.push(value);
  }
  if (chunks.length === 1) return chunks[0]!;
  const out = new Uint8Array(size);
  let o = 0;
  for (const c of chunks) {
    out.set(c, o);
    o += c.byteLength;
  }
  return out;
}

/** A web ReadableStream over any body (the form the SDK's stream mixin accepts on every platform). */
export function toWebStream(body: SandboxBody): ReadableStream<Uint8Array> {
  if (isReadableStream(body)) return body;
  if (isBlob(body)) return body.stream();
  const it = bodyChunks(body);
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const { done, value } = await it.next();
        if (done) controller.close();
        else controller.enqueue(value);
      } catch (e) {
        controller.error(e);
      }
    },
    async cancel() {
      await it.return(undefined);
    },
  });
}

interface NodeReadableLike extends AsyncIterable<Uint8Array> {
  readonly readable: boolean;
}
type NodeReadableFrom = (it: AsyncIterable<Uint8Array>, opts: { objectMode: boolean; highWaterMark?: number }) => NodeReadableLike;

/**
 * Node's `Readable.from` when the sandbox runs in Node (tests, the bench, Node scripts), found through
 * `process.getBuiltinModule` as native-sha256.ts finds node:crypto, so nothing is imported and the
 * browser bundle is unaffected. Undefined in the page and its worker.
 */
const nodeReadableFrom: NodeReadableFrom | undefined = (() => {
  const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  const stream = proc?.getBuiltinModule?.('node:stream') as { Readable?: { from?: NodeReadableFrom } } | undefined;
  const from = stream?.Readable?.from;
  return from ? from.bind(stream.Readable) : undefined;
})();

/**
 * Bytes stay bytes (JSON and XML answers); anything else is a stream the SDK can consume. In Node, an
 * operation's async iterable (GetObject's body) becomes a Node `Readable`: the form the SDK gets from
 * its own Node HTTP handler (an IncomingMessage), which its stream mixin and response checksum
 * validation take natively. A web ReadableStream there goes through Node's web-streams layer (a
 * TransformStream for the CRC32 check, a transferable object per stream): about 150 µs more CPU per
 * GetObject of 1 KiB in the SDK alone, measured. In the page (no Node) it stays a web stream, the only
 * form the browser SDK takes. Same bytes, same chunks, same early release (destroying the Readable
 * returns the iterator, so the operation's `finally` runs as when a web stream is cancelled).
 */
export function toSdkResponseBody(body: SandboxBody): Uint8Array | ReadableStream<Uint8Array> | NodeReadableLike {
  if (body instanceof Uint8Array) return body;
  if (nodeReadableFrom && !isReadableStream(body) && !isBlob(body)) return nodeReadableFrom(bodyChunks(body), { objectMode: false });
  return toWebStream(body);
}
