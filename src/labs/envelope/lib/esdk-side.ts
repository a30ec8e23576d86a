/**
 * The same file through the AWS Encryption SDK for browsers, with its KMS keyring on the active
 * backend's KMS client (the connection layer's; nothing built here talks to AWS on its own).
 * Loaded with import() only: the Encryption SDK is about 110 KiB gzipped.
 */
import './buffer-polyfill';
import {
  buildClient,
  CommitmentPolicy,
  getLocalCryptographicMaterialsCache,
  KmsKeyringBrowser,
  WebCryptoCachingMaterialsManager,
} from '@aws-crypto/client-browser';
import {
  DecryptCommand,
  EncryptCommand,
  GenerateDataKeyCommand,
  type DecryptCommandInput,
  type EncryptCommandInput,
  type GenerateDataKeyCommandInput,
  type KMSClient,
} from '@aws-sdk/client-kms';

/**
 * The browser Encryption SDK encrypts a whole Uint8Array at once (it has no streaming API), holding
 * the plaintext, the framed ciphertext and its own copies at the same time: about three times the
 * file in memory. The lab stops it at 64 MiB and says why; the chunked envelope has no such limit.
 */
export const ESDK_MAX_BYTES = 64 * 1024 * 1024;

const { encrypt, decrypt } = buildClient(CommitmentPolicy.REQUIRE_ENCRYPT_REQUIRE_DECRYPT);

/** Counts the KMS calls the Encryption SDK makes through the lab's client. */
export interface KmsCallCounter {
  GenerateDataKey: number;
  Encrypt: number;
  Decrypt: number;
}

/** The keyring calls generateDataKey/encrypt/decrypt as methods: a thin adapter over the lab's KMSClient. */
function adapter(client: KMSClient, counter: KmsCallCounter) {
  return {
    generateDataKey: (i: GenerateDataKeyCommandInput) => {
      counter.GenerateDataKey++;
      return client.send(new GenerateDataKeyCommand(i));
    },
    encrypt: (i: EncryptCommandInput) => {
      counter.Encrypt++;
      return client.send(new EncryptCommand(i));
    },
    decrypt: (i: DecryptCommandInput) => {
      counter.Decrypt++;
      return client.send(new DecryptCommand(i));
    },
    config: client.config,
  };
}

export interface EsdkHeaderView {
  /** e.g. 0x0578 */
  suiteId: number;
  suiteName: string;
  messageFormat: number;
  encryptionContext: Record<string, string>;
  encryptedDataKeys: { providerId: string; providerInfo: string; bytes: number }[];
  frameLength: number;
}

export interface EsdkSession {
  counter: KmsCallCounter;
  encrypt(plaintext: Uint8Array, context: Record<string, string>): Promise<{ ciphertext: Uint8Array; header: EsdkHeaderView }>;
  decrypt(ciphertext: Uint8Array): Promise<{ plaintext: Uint8Array; header: EsdkHeaderView }>;
}

function headerView(h: Awaited<ReturnType<typeof encrypt>>['messageHeader']): EsdkHeaderView {
  return {
    suiteId: h.suiteId,
    suiteName: suiteNames[h.suiteId] ?? `0x${h.suiteId.toString(16).padStart(4, '0')}`,
    messageFormat: h.version,
    encryptionContext: { ...h.encryptionContext },
    encryptedDataKeys: h.encryptedDataKeys.map((k) => ({
      providerId: k.providerId,
      providerInfo: k.providerInfo,
      bytes: k.encryptedDataKey.length,
    })),
    frameLength: h.frameLength,
  };
}

const suiteNames: Record<number, string> = {
  0x0578: 'AES_256_GCM_HKDF_SHA512_COMMIT_KEY_ECDSA_P384 (the default: key commitment and a signature)',
  0x0478: 'AES_256_GCM_HKDF_SHA512_COMMIT_KEY (key commitment, no signature)',
};

/**
 * A keyring on `keyArn` through `client`; with `cache`, a caching materials manager that reuses one
 * data key for up to `maxMessages` messages within `maxAgeMs` (the KMS calls it saves show in the counter).
 */
export function esdkSession(
  client: KMSClient,
  keyArn: string,
  cache?: { maxAgeMs: number; maxMessages: number },
): EsdkSession {
  const counter: KmsCallCounter = { GenerateDataKey: 0, Encrypt: 0, Decrypt: 0 };
  // The keyring wants a KMS client per region; the lab has one client for the active region.
  const clientProvider = () => adapter(client, counter) as never;
  const keyring = new KmsKeyringBrowser({ clientProvider, generatorKeyId: keyArn });
  const cmm = cache
    ? new WebCryptoCachingMaterialsManager({
        backingMaterials: keyring,
        cache: getLocalCryptographicMaterialsCache(100),
        maxAge: cache.maxAgeMs,
        maxMessagesEncrypted: cache.maxMessages,
      })
    : keyring;
  return {
    counter,
    async encrypt(plaintext, context) {
      if (plaintext.length > ESDK_MAX_BYTES) {
        throw new RangeError(`The browser Encryption SDK takes files up to ${ESDK_MAX_BYTES / 1048576} MiB here: it has no streaming API and holds about three copies in memory.`);
      }
      // The browser ESDK reads plaintext.buffer from offset 0 (it ignores byteOffset): pass a view that starts at 0.
      const whole = plaintext.byteOffset === 0 && plaintext.byteLength === plaintext.buffer.byteLength ? plaintext : plaintext.slice();
      const { result, messageHeader } = await encrypt(cmm, whole, { encryptionContext: context });
      return { ciphertext: result, header: headerView(messageHeader) };
    },
    async decrypt(ciphertext) {
      const { plaintext, messageHeader } = await decrypt(cmm, ciphertext);
      return { plaintext, header: headerView(messageHeader) };
    },
  };
}
