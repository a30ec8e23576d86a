/** Small byte helpers for display (no Buffer in the browser). */
export function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

export function toHex(bytes: Uint8Array, separator = ' '): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join(separator);
}

export const utf8 = {
  encode: (text: string): Uint8Array<ArrayBuffer> => new TextEncoder().encode(text),
  decode: (bytes: Uint8Array): string => new TextDecoder().decode(bytes),
};

/** Context rows -> the map KMS takes; undefined when empty so the request carries no context at all. */
export function contextFromRows(rows: readonly { key: string; value: string }[]): Record<string, string> | undefined {
  const entries = rows.filter((r) => r.key !== '').map((r) => [r.key, r.value] as const);
  return entries.length > 0 ? Object.fromEntries(entries) : undefined;
}

/**
 * What is wrong with context rows before any call: a pair with an empty key (it would silently
 * vanish from the map) or a key given twice (a map keeps one, so the other would be dropped).
 */
export function contextProblems(rows: readonly { key: string; value: string }[]): string[] {
  const problems: string[] = [];
  const seen = new Map<string, number>();
  rows.forEach((r, i) => {
    if (r.key === '') problems.push(`Pair ${i + 1} has no key: fill it in or remove the pair (a pair without a key would not be sent).`);
    else if (seen.has(r.key)) problems.push(`Key “${r.key}” is in pairs ${(seen.get(r.key) ?? 0) + 1} and ${i + 1}: a context holds each key once, so one value would be lost.`);
    else seen.set(r.key, i);
  });
  return problems;
}

/** UTF-8 byte length without encoding the text (fast on megabytes; no copy). */
export function utf8Length(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/** Whether bytes are valid UTF-8 text (fatal decoding, no replacement characters). */
export function isUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** The longest prefix of `text` whose UTF-8 encoding fits in `maxBytes` (never splits a character). */
export function utf8Prefix(text: string, maxBytes: number): string {
  let n = 0;
  let i = 0;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    const pair = c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00;
    const size = c < 0x80 ? 1 : c < 0x800 ? 2 : pair ? 4 : 3;
    if (n + size > maxBytes) break;
    n += size;
    i += pair ? 2 : 1;
  }
  return text.slice(0, i);
}
