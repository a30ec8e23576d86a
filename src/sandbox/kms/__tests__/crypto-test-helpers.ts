import { expect } from 'vitest';

/** Awaits a call that must fail; asserts the AWS error name, HTTP status and message (undefined = AWS sends none). */
export async function expectAwsError(
  call: Promise<unknown>,
  name: string,
  message?: string | RegExp | null,
): Promise<Error & { $metadata?: { httpStatusCode?: number } }> {
  let err: (Error & { $metadata?: { httpStatusCode?: number } }) | undefined;
  try {
    await call;
  } catch (e) {
    err = e as Error & { $metadata?: { httpStatusCode?: number } };
  }
  expect(err, `expected ${name}`).toBeDefined();
  expect(err!.name).toBe(name);
  expect(err!.$metadata?.httpStatusCode).toBe(400);
  if (message === null) {
    // AWS omits the message member; the JS SDK then reports 'UnknownError'.
    expect(err!.message).toBe('UnknownError');
  } else if (message instanceof RegExp) {
    expect(err!.message).toMatch(message);
  } else if (message !== undefined) {
    expect(err!.message).toBe(message);
  }
  return err!;
}

export const bytes = (s: string) => new TextEncoder().encode(s);
export const text = (b: Uint8Array | undefined) => new TextDecoder().decode(b);

/** SDK blobs are Uint8Array<ArrayBufferLike>; WebCrypto's types want an ArrayBuffer-backed copy. */
export const ab = (b: Uint8Array): Uint8Array<ArrayBuffer> => new Uint8Array(b);
