/**
 * MD5 (RFC 1321), incremental. WebCrypto has no MD5, yet S3 needs it: the ETag of a single-part
 * SSE-S3 object, Content-MD5, and the SSE-C key's MD5. Never used for security here.
 *
 * The browser's only MD5, so it is written for speed: the 64 steps unrolled over local variables, the
 * state in four numbers; aligned little-endian input is read as words straight from the caller's
 * buffer, other input through a 16-word scratch (no allocation per block; only a tail shorter than a
 * block is kept). In Node `newMd5()` uses node:crypto.
 */

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

export class Md5 {
  private a = 0x67452301;
  private b = 0xefcdab89 | 0;
  private c = 0x98badcfe | 0;
  private d = 0x10325476;
  private readonly buf = new Uint8Array(64);
  private readonly words = new Int32Array(16);
  private bufLen = 0;
  private total = 0;

  update(data: Uint8Array): this {
    const n = data.length;
    this.total += n;
    let i = 0;
    if (this.bufLen) {
      const take = Math.min(64 - this.bufLen, n);
      this.buf.set(data.subarray(0, take), this.bufLen);
      this.bufLen += take;
      i = take;
      if (this.bufLen < 64) return this;
      this.block(this.buf, 0);
      this.bufLen = 0;
    }
    if (n - i >= 64 && LITTLE_ENDIAN && ((data.byteOffset + i) & 3) === 0) {
      // Aligned little-endian input: the words are read through one Int32Array view (one per update).
      const words = new Int32Array(data.buffer, data.byteOffset + i, (n - i) >> 2);
      const blocks = (n - i) >> 6;
      for (let k = 0; k < blocks; k++) this.blockWords(words, k << 4);
      i += blocks << 6;
    }
    for (; i + 64 <= n; i += 64) this.block(data, i);
    if (i < n) {
      this.buf.set(data.subarray(i), 0);
      this.bufLen = n - i;
    }
    return this;
  }

  /** A block from bytes at any offset or byte order: its 16 little-endian words into the scratch, then the rounds. */
  private block(p: Uint8Array, o: number): void {
    const x = this.words;
    for (let j = 0; j < 16; j++, o += 4) x[j] = p[o]! | (p[o + 1]! << 8) | (p[o + 2]! << 16) | (p[o + 3]! << 24);
    this.blockWords(x, 0);
  }

  private blockWords(w: Int32Array, o: number): void {
    const x0 = w[o + 0]!;
    const x1 = w[o + 1]!;
    const x2 = w[o + 2]!;
    const x3 = w[o + 3]!;
    const x4 = w[o + 4]!;
    const x5 = w[o + 5]!;
    const x6 = w[o + 6]!;
    const x7 = w[o + 7]!;
    const x8 = w[o + 8]!;
    const x9 = w[o + 9]!;
    const x10 = w[o + 10]!;
    const x11 = w[o + 11]!;
    const x12 = w[o + 12]!;
    const x13 = w[o + 13]!;
    const x14 = w[o + 14]!;
    const x15 = w[o + 15]!;
    let a = this.a;
    let b = this.b;
    let c = this.c;
    let d = this.d;
    let t: number;
    t = (a + ((b & c) | (~b & d)) + x0 + -680876936) | 0;
    a = (b + ((t << 7) | (t >>> 25))) | 0;
    t = (d + ((a & b) | (~a & c)) + x1 + -389564586) | 0;
    d = (a + ((t << 12) | (t >>> 20))) | 0;
    t = (c + ((d & a) | (~d & b)) + x2 + 606105819) | 0;
    c = (d + ((t << 17) | (t >>> 15))) | 0;
    t = (b + ((c & d) | (~c & a)) + x3 + -1044525330) | 0;
    b = (c + ((t << 22) | (t >>> 10))) | 0;
    t = (a + ((b & c) | (~b & d)) + x4 + -176418897) | 0;
    a = (b + ((t << 7) | (t >>> 25))) | 0;
    t = (d + ((a & b) | (~a & c)) + x5 + 1200080426) | 0;
    d = (a + ((t << 12) | (t >>> 20))) | 0;
    t = (c + ((d & a) | (~d & b)) + x6 + -1473231341) | 0;
    c = (d + ((t << 17) | (t >>> 15))) | 0;
    t = (b + ((c & d) | (~c & a)) + x7 + -45705983) | 0;
    b = (c + ((t << 22) | (t >>> 10))) | 0;
    t = (a + ((b & c) | (~b & d)) + x8 + 1770035416) | 0;
    a = (b + ((t << 7) | (t >>> 25))) | 0;
    t = (d + ((a & b) | (~a & c)) + x9 + -1958414417) | 0;
    d = (a + ((t << 12) | (t >>> 20))) | 0;
    t = (c + ((d & a) | (~d & b)) + x10 + -42063) | 0;
    c = (d + ((t << 17) | (t >>> 15))) | 0;
    t = (b + ((c & d) | (~c & a)) + x11 + -1990404162) | 0;
    b = (c + ((t << 22) | (t >>> 10))) | 0;
    t = (a + ((b & c) | (~b & d)) + x12 + 1804603682) | 0;
    a = (b + ((t << 7) | (t >>> 25))) | 0;
    t = (d + ((a & b) | (~a & c)) + x13 + -40341101) | 0;
    d = (a + ((t << 12) | (t >>> 20))) | 0;
    t = (c + ((d & a) | (~d & b)) + x14 + -1502002290) | 0;
    c = (d + ((t << 17) | (t >>> 15))) | 0;
    t = (b + ((c & d) | (~c & a)) + x15 + 1236535329) | 0;
    b = (c + ((t << 22) | (t >>> 10))) | 0;
    t = (a + ((d & b) | (~d & c)) + x1 + -165796510) | 0;
    a = (b + ((t << 5) | (t >>> 27))) | 0;
    t = (d + ((c & a) | (~c & b)) + x6 + -1069501632) | 0;
    d = (a + ((t << 9) | (t >>> 23))) | 0;
    t = (c + ((b & d) | (~b & a)) + x11 + 643717713) | 0;
    c = (d + ((t << 14) | (t >>> 18))) | 0;
    t = (b + ((a & c) | (~a & d)) + x0 + -373897302) | 0;
    b = (c + ((t << 20) | (t >>> 12))) | 0;
    t = (a + ((d & b) | (~d & c)) + x5 + -701558691) | 0;
    a = (b + ((t << 5) | (t >>> 27))) | 0;
    t = (d + ((c & a) | (~c & b)) + x10 + 38016083) | 0;
    d = (a + ((t << 9) | (t >>> 23))) | 0;
    t = (c + ((b & d) | (~b & a)) + x15 + -660478335) | 0;
    c = (d + ((t << 14) | (t >>> 18))) | 0;
    t = (b + ((a & c) | (~a & d)) + x4 + -405537848) | 0;
    b = (c + ((t << 20) | (t >>> 12))) | 0;
    t = (a + ((d & b) | (~d & c)) + x9 + 568446438) | 0;
    a = (b + ((t << 5) | (t >>> 27))) | 0;
    t = (d + ((c & a) | (~c & b)) + x14 + -1019803690) | 0;
    d = (a + ((t << 9) | (t >>> 23))) | 0;
    t = (c + ((b & d) | (~b & a)) + x3 + -187363961) | 0;
    c = (d + ((t << 14) | (t >>> 18))) | 0;
    t = (b + ((a & c) | (~a & d)) + x8 + 1163531501) | 0;
    b = (c + ((t << 20) | (t >>> 12))) | 0;
    t = (a + ((d & b) | (~d & c)) + x13 + -1444681467) | 0;
    a = (b + ((t << 5) | (t >>> 27))) | 0;
    t = (d + ((c & a) | (~c & b)) + x2 + -51403784) | 0;
    d = (a + ((t << 9) | (t >>> 23))) | 0;
    t = (c + ((b & d) | (~b & a)) + x7 + 1735328473) | 0;
    c = (d + ((t << 14) | (t >>> 18))) | 0;
    t = (b + ((a & c) | (~a & d)) + x12 + -1926607734) | 0;
    b = (c + ((t << 20) | (t >>> 12))) | 0;
    t = (a + (b ^ c ^ d) + x5 + -378558) | 0;
    a = (b + ((t << 4) | (t >>> 28))) | 0;
    t = (d + (a ^ b ^ c) + x8 + -2022574463) | 0;
    d = (a + ((t << 11) | (t >>> 21))) | 0;
    t = (c + (d ^ a ^ b) + x11 + 1839030562) | 0;
    c = (d + ((t << 16) | (t >>> 16))) | 0;
    t = (b + (c ^ d ^ a) + x14 + -35309556) | 0;
    b = (c + ((t << 23) | (t >>> 9))) | 0;
    t = (a + (b ^ c ^ d) + x1 + -1530992060) | 0;
    a = (b + ((t << 4) | (t >>> 28))) | 0;
    t = (d + (a ^ b ^ c) + x4 + 1272893353) | 0;
    d = (a + ((t << 11) | (t >>> 21))) | 0;
    t = (c + (d ^ a ^ b) + x7 + -155497632) | 0;
    c = (d + ((t << 16) | (t >>> 16))) | 0;
    t = (b + (c ^ d ^ a) + x10 + -1094730640) | 0;
    b = (c + ((t << 23) | (t >>> 9))) | 0;
    t = (a + (b ^ c ^ d) + x13 + 681279174) | 0;
    a = (b + ((t << 4) | (t >>> 28))) | 0;
    t = (d + (a ^ b ^ c) + x0 + -358537222) | 0;
    d = (a + ((t << 11) | (t >>> 21))) | 0;
    t = (c + (d ^ a ^ b) + x3 + -722521979) | 0;
    c = (d + ((t << 16) | (t >>> 16))) | 0;
    t = (b + (c ^ d ^ a) + x6 + 76029189) | 0;
    b = (c + ((t << 23) | (t >>> 9))) | 0;
    t = (a + (b ^ c ^ d) + x9 + -640364487) | 0;
    a = (b + ((t << 4) | (t >>> 28))) | 0;
    t = (d + (a ^ b ^ c) + x12 + -421815835) | 0;
    d = (a + ((t << 11) | (t >>> 21))) | 0;
    t = (c + (d ^ a ^ b) + x15 + 530742520) | 0;
    c = (d + ((t << 16) | (t >>> 16))) | 0;
    t = (b + (c ^ d ^ a) + x2 + -995338651) | 0;
    b = (c + ((t << 23) | (t >>> 9))) | 0;
    t = (a + (c ^ (b | ~d)) + x0 + -198630844) | 0;
    a = (b + ((t << 6) | (t >>> 26))) | 0;
    t = (d + (b ^ (a | ~c)) + x7 + 1126891415) | 0;
    d = (a + ((t << 10) | (t >>> 22))) | 0;
    t = (c + (a ^ (d | ~b)) + x14 + -1416354905) | 0;
    c = (d + ((t << 15) | (t >>> 17))) | 0;
    t = (b + (d ^ (c | ~a)) + x5 + -57434055) | 0;
    b = (c + ((t << 21) | (t >>> 11))) | 0;
    t = (a + (c ^ (b | ~d)) + x12 + 1700485571) | 0;
    a = (b + ((t << 6) | (t >>> 26))) | 0;
    t = (d + (b ^ (a | ~c)) + x3 + -1894986606) | 0;
    d = (a + ((t << 10) | (t >>> 22))) | 0;
    t = (c + (a ^ (d | ~b)) + x10 + -1051523) | 0;
    c = (d + ((t << 15) | (t >>> 17))) | 0;
    t = (b + (d ^ (c | ~a)) + x1 + -2054922799) | 0;
    b = (c + ((t << 21) | (t >>> 11))) | 0;
    t = (a + (c ^ (b | ~d)) + x8 + 1873313359) | 0;
    a = (b + ((t << 6) | (t >>> 26))) | 0;
    t = (d + (b ^ (a | ~c)) + x15 + -30611744) | 0;
    d = (a + ((t << 10) | (t >>> 22))) | 0;
    t = (c + (a ^ (d | ~b)) + x6 + -1560198380) | 0;
    c = (d + ((t << 15) | (t >>> 17))) | 0;
    t = (b + (d ^ (c | ~a)) + x13 + 1309151649) | 0;
    b = (c + ((t << 21) | (t >>> 11))) | 0;
    t = (a + (c ^ (b | ~d)) + x4 + -145523070) | 0;
    a = (b + ((t << 6) | (t >>> 26))) | 0;
    t = (d + (b ^ (a | ~c)) + x11 + -1120210379) | 0;
    d = (a + ((t << 10) | (t >>> 22))) | 0;
    t = (c + (a ^ (d | ~b)) + x2 + 718787259) | 0;
    c = (d + ((t << 15) | (t >>> 17))) | 0;
    t = (b + (d ^ (c | ~a)) + x9 + -343485551) | 0;
    b = (c + ((t << 21) | (t >>> 11))) | 0;
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
    const words = [this.a, this.b, this.c, this.d];
    for (let j = 0; j < 4; j++) for (let k = 0; k < 4; k++) out[j * 4 + k] = (words[j]! >>> (8 * k)) & 0xff;
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
  if (nodeCrypto) {
    const h = nodeCrypto.createHash('md5');
    // Methods, not arrows in properties: tsx's keepNames would name each with a defineProperty per hash.
    return {
      update(d) {
        return h.update(d);
      },
      digest() {
        return new Uint8Array(h.digest());
      },
    };
  }
  return new Md5();
}

/** node:crypto, looked up once (each lookup is a module load call). */
const nodeCrypto = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process?.getBuiltinModule?.('node:crypto') as
  | { createHash(a: string): NodeHash }
  | undefined;
