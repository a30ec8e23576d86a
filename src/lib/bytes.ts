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
