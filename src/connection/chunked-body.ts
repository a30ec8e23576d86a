/**
 * A request body made of the byte chunks a lab already holds, sent without joining them.
 *
 * The envelope lab encrypts a file into 512 KiB chunks and uploads them in 16 MiB parts. Joining a
 * part's chunks into one body costs a copy of every byte into new memory, which on these machines
 * runs at a small fraction of the speed of memory already in use (docs/envelope.md). On the sandbox
 * the worker bridge hands the chunks on as they are: each chunk's buffer is transferred to the page
 * and on to the engine, which reads them in order as one body (SandboxBody accepts any async
 * iterable of chunks).
 *
 * To the SDK it is a ReadableStream (an accepted S3 body type) of exactly those bytes, so any code
 * that reads it as a stream gets the same body. The caller gives the length (ContentLength), as for
 * any stream. Only a transport that knows this type may take the chunks (`take`), and then the
 * stream can no longer be read.
 */
export class ChunkedBody extends ReadableStream<Uint8Array> {
  readonly byteLength: number;
  readonly #held: { chunks: Uint8Array[] | undefined };

  constructor(chunks: readonly Uint8Array[]) {
    const held: { chunks: Uint8Array[] | undefined } = { chunks: [...chunks] };
    let next = 0;
    super(
      {
        pull: (controller) => {
          const list = held.chunks;
          if (!list) {
            controller.error(new TypeError('This body was handed over as its chunks; it cannot be read again.'));
            return;
          }
          if (next < list.length) controller.enqueue(list[next++]!);
          else controller.close();
        },
      },
      // Nothing is pulled before a reader asks: a transport that takes the chunks finds them all here.
      { highWaterMark: 0 },
    );
    this.#held = held;
    this.byteLength = chunks.reduce((n, c) => n + c.byteLength, 0);
  }

  /** The chunks, once: after this the body holds nothing (the transport owns and may move them). */
  take(): Uint8Array[] {
    const list = this.#held.chunks;
    if (!list || this.locked) throw new TypeError('This body was already read or handed over.');
    this.#held.chunks = undefined;
    return list;
  }
}

export function isChunkedBody(body: unknown): body is ChunkedBody {
  return body instanceof ChunkedBody;
}
