/**
 * AES Key Wrap with Padding (RFC 5649), the second half of AWS's RSA_AES_KEY_WRAP_SHA_* import
 * wrapping. WebCrypto's AES-KW is RFC 3394 only (no padding, fixed IV), so the single-block AES
 * operations are built from AES-CBC with a zero IV: the first CBC block is AES(K, P); a single-block
 * decryption appends a crafted block whose plaintext is valid PKCS#7 padding.
 */
type Subtle = SubtleCrypto;

const ZERO_IV = new Uint8Array(16);
const AIV = [0xa6, 0x59, 0x59, 0xa6];

async function cbcKey(subtle: Subtle, kek: Uint8Array, usage: KeyUsage[]): Promise<CryptoKey> {
  return subtle.importKey('raw', kek as Uint8Array<ArrayBuffer>, { name: 'AES-CBC' }, false, usage);
}

async function encryptBlock(subtle: Subtle, key: CryptoKey, block: Uint8Array): Promise<Uint8Array> {
  const out = new Uint8Array(await subtle.encrypt({ name: 'AES-CBC', iv: ZERO_IV }, key, block as Uint8Array<ArrayBuffer>));
  return out.subarray(0, 16);
}

async function decryptBlock(subtle: Subtle, enc: CryptoKey, dec: CryptoKey, block: Uint8Array): Promise<Uint8Array> {
  // Second block C2 = AES(K, C xor 0x10..10) decrypts to a full block of padding after the CBC xor with C.
  const pad = new Uint8Array(16).fill(0x10);
  for (let i = 0; i < 16; i++) pad[i]! ^= block[i]!;
  const c2 = await encryptBlock(subtle, enc, pad);
  const both = new Uint8Array(32);
  both.set(block, 0);
  both.set(c2, 16);
  const out = new Uint8Array(await subtle.decrypt({ name: 'AES-CBC', iv: ZERO_IV }, dec, both));
  return out.subarray(0, 16);
}

function xorCounter(a: Uint8Array, t: number): void {
  for (let k = 7; k >= 0 && t > 0; k--) {
    a[k]! ^= t & 0xff;
    t = Math.floor(t / 256);
  }
}

/** RFC 5649 wrap (used by tests and by anyone preparing material offline). */
export async function aesKwpWrap(subtle: Subtle, kek: Uint8Array, plain: Uint8Array): Promise<Uint8Array> {
  const key = await cbcKey(subtle, kek, ['encrypt']);
  const n = Math.ceil(plain.length / 8);
  const padded = new Uint8Array(n * 8);
  padded.set(plain);
  const a = new Uint8Array(8);
  a.set(AIV);
  new DataView(a.buffer).setUint32(4, plain.length);
  if (n === 1) {
    const b = new Uint8Array(16);
    b.set(a);
    b.set(padded, 8);
    return encryptBlock(subtle, key, b).then((x) => x.slice());
  }
  const r = Array.from({ length: n }, (_, i) => padded.slice(i * 8, i * 8 + 8));
  for (let j = 0; j <= 5; j++) {
    for (let i = 1; i <= n; i++) {
      const b = new Uint8Array(16);
      b.set(a);
      b.set(r[i - 1]!, 8);
      const e = await encryptBlock(subtle, key, b);
      a.set(e.subarray(0, 8));
      xorCounter(a, n * j + i);
      r[i - 1] = e.slice(8, 16);
    }
  }
  const out = new Uint8Array((n + 1) * 8);
  out.set(a);
  r.forEach((x, i) => out.set(x, (i + 1) * 8));
  return out;
}

/** RFC 5649 unwrap; returns undefined when the integrity check fails (wrong key or damaged input). */
export async function aesKwpUnwrap(subtle: Subtle, kek: Uint8Array, wrapped: Uint8Array): Promise<Uint8Array | undefined> {
  if (wrapped.length < 16 || wrapped.length % 8 !== 0) return undefined;
  const enc = await cbcKey(subtle, kek, ['encrypt']);
  const dec = await cbcKey(subtle, kek, ['decrypt']);
  const n = wrapped.length / 8 - 1;
  let a: Uint8Array;
  let plain: Uint8Array;
  if (n === 1) {
    const b = await decryptBlock(subtle, enc, dec, wrapped);
    a = b.slice(0, 8);
    plain = b.slice(8, 16);
  } else {
    a = wrapped.slice(0, 8);
    const r = Array.from({ length: n }, (_, i) => wrapped.slice((i + 1) * 8, (i + 2) * 8));
    for (let j = 5; j >= 0; j--) {
      for (let i = n; i >= 1; i--) {
        xorCounter(a, n * j + i);
        const b = new Uint8Array(16);
        b.set(a);
        b.set(r[i - 1]!, 8);
        const d = await decryptBlock(subtle, enc, dec, b);
        a = d.slice(0, 8);
        r[i - 1] = d.slice(8, 16);
      }
    }
    plain = new Uint8Array(n * 8);
    r.forEach((x, i) => plain.set(x, i * 8));
  }
  if (a[0] !== AIV[0] || a[1] !== AIV[1] || a[2] !== AIV[2] || a[3] !== AIV[3]) return undefined;
  const mli = new DataView(a.buffer, a.byteOffset).getUint32(4);
  if (mli > n * 8 || mli <= (n - 1) * 8) return undefined;
  for (let i = mli; i < plain.length; i++) if (plain[i] !== 0) return undefined;
  return plain.slice(0, mli);
}
