/**
 * MD5 (RFC 1321), incremental. WebCrypto has no MD5, yet S3 needs it: the ETag of a single-part
 * SSE-S3 object, Content-MD5, and the SSE-C key's MD5. Never used for security here.
 */

const S = [7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 5, 9, 14, 20, 5, 9, 14, 20, 5, 9, 14, 20, 5, 9, 14, 20,
  4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21];
const K = new Int32Array(64);
for (let i = 0; i < 64; i++) K[i] = Math.floor(Math.abs(Math.sin(i + 1)) * 2 ** 32) | 0;

export class Md5 {
  private a = 0x67452301;
  private b = 0xefcdab89 | 0;
  private c = 0x98badcfe | 0;
  private d = 0x10325476;
  private buf = new Uint8Array(64);
  private bufLen = 0;
  private total = 0;
  private readonly w = new Int32Array(16);

  update(data: Uint8Array): this {
    this.total += data.length;
    let i = 0;
    if (this.bufLen) {
      const take = Math.min(64 - this.bufLen, data.length);
      this.buf.set(data.subarray(0, take), this.bufLen);
      this.bufLen += take;
      i = take;
      if (this.bufLen === 64) {
        this.block(this.buf, 0);
        this.bufLen = 0;
      }
    }
    for (; i + 64 <= data.length; i += 64) this.block(data, i);
    if (i < data.length) {
      this.buf.set(data.subarray(i), 0);
      this.bufLen = data.length - i;
    }
    return this;
  }

  private block(p: Uint8Array, o: number): void {
    const w = this.w;
    for (let j = 0; j < 16; j++) w[j] = p[o + j * 4]! | (p[o + j * 4 + 1]! << 8) | (p[o + j * 4 + 2]! << 16) | (p[o + j * 4 + 3]! << 24);
    let a = this.a;
    let b = this.b;
    let c = this.c;
    let d = this.d;
    for (let j = 0; j < 64; j++) {
      let f: number;
      let g: number;
      if (j < 16) {
        f = (b & c) | (~b & d);
        g = j;
      } else if (j < 32) {
        f = (d & b) | (~d & c);
        g = (5 * j + 1) & 15;
      } else if (j < 48) {
        f = b ^ c ^ d;
        g = (3 * j + 5) & 15;
      } else {
        f = c ^ (b | ~d);
        g = (7 * j) & 15;
      }
      const t = d;
      d = c;
      c = b;
      const x = (a + f + K[j]! + w[g]!) | 0;
      b = (b + ((x << S[j]!) | (x >>> (32 - S[j]!)))) | 0;
      a = t;
    }
    this.a = (this.a + a) | 0;
    this.b = (this.b + b) | 0;
    this.c = (this.c + c) | 0;
    this.d = (this.d + d) | 0;
  }

  digest(): Uint8Array {
    const bits = this.total * 8;
    const padLen = this.bufLen < 56 ? 56 - this.bufLen : 120 - this.bufLen;
    const pad = new Uint8Array(padLen + 8);
    pad[0] = 0x80;
    const lo = bits >>> 0;
    const hi = Math.floor(bits / 2 ** 32) >>> 0;
    for (let j = 0; j < 4; j++) {
      pad[padLen + j] = (lo >>> (8 * j)) & 0xff;
      pad[padLen + 4 + j] = (hi >>> (8 * j)) & 0xff;
    }
    this.update(pad);
    const out = new Uint8Array(16);
    [this.a, this.b, this.c, this.d].forEach((v, j) => {
      for (let k = 0; k < 4; k++) out[j * 4 + k] = (v >>> (8 * k)) & 0xff;
    });
    return out;
  }
}

export const md5 = (data: Uint8Array): Uint8Array => new Md5().update(data).digest();

/** A running MD5: update, then digest once. */
export interface Md5Like {
  update(data: Uint8Array): unknown;
  digest(): Uint8Array;
}

interface NodeHash {
  update(d: Uint8Array): unknown;
  digest(): Uint8Array;
}

/**
 * Node's native MD5 where the sandbox runs in Node (the server, tests: a 1 GiB body hashes in seconds),
 * found without importing a Node module; the JS one above in the browser.
 */
export function newMd5(): Md5Like {
  const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  const nodeCrypto = proc?.getBuiltinModule?.('node:crypto') as { createHash(a: string): NodeHash } | undefined;
  if (nodeCrypto) {
    const h = nodeCrypto.createHash('md5');
    return { update: (d) => h.update(d), digest: () => new Uint8Array(h.digest()) };
  }
  return new Md5();
}
