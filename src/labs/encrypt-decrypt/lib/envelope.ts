/**
 * Envelope encryption done locally: AES-256-GCM with a data key from GenerateDataKey, in WebCrypto.
 * The caller zeroes the data key when done; nothing here keeps a copy.
 */
export interface LocalCiphertext {
  iv: Uint8Array<ArrayBuffer>;
  data: Uint8Array<ArrayBuffer>;
}

async function importKey(dataKey: Uint8Array, usage: KeyUsage): Promise<CryptoKey> {
  // No copy here: zeroing the caller's buffer leaves no plaintext key in the page (WebCrypto keeps its own, non-extractable).
  return crypto.subtle.importKey('raw', dataKey as Uint8Array<ArrayBuffer>, 'AES-GCM', false, [usage]);
}

export async function encryptLocally(dataKey: Uint8Array, plaintext: Uint8Array<ArrayBuffer>): Promise<LocalCiphertext> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const key = await importKey(dataKey, 'encrypt');
  const data = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, key, plaintext));
  return { iv, data };
}

export async function decryptLocally(dataKey: Uint8Array, ciphertext: LocalCiphertext): Promise<Uint8Array<ArrayBuffer>> {
  const key = await importKey(dataKey, 'decrypt');
  return new Uint8Array(await crypto.subtle.decrypt({ name: 'AES-GCM', iv: ciphertext.iv }, key, ciphertext.data));
}
