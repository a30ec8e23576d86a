import { DecryptCommand, EncryptCommand, GenerateDataKeyCommand } from '@aws-sdk/client-kms';
import { fromUtf8, kmsExperiment, success, utf8 } from '../../study/experiment-kit';

// Experiments for the Encrypt and decrypt questions. Each creates its own key(s) when the learner
// presses Run and schedules them for deletion (7 days) when it ends. Plaintext never leaves the
// experiment: outcomes are labels only.

export const ENCRYPTED = 'encrypted';
export const DECRYPTED = 'decrypted to the original text';
export const SAME_CIPHERTEXT = 'identical ciphertext';
export const DIFFERENT_CIPHERTEXT = 'different ciphertext';

/** Encrypt a plaintext of `size` bytes directly with a symmetric key. */
function encryptBytes(size: number) {
  return kmsExperiment(async (lab) => {
    const keyId = await lab.createKey();
    await lab.kms.send(new EncryptCommand({ KeyId: keyId, Plaintext: new Uint8Array(size).fill(0x61) }));
    return success(ENCRYPTED);
  });
}

export const encrypt4097Bytes = encryptBytes(4097);
export const encrypt4096Bytes = encryptBytes(4096);

/** Encrypt, then Decrypt without naming the key. */
export const decryptWithoutKeyId = kmsExperiment(async (lab) => {
  const keyId = await lab.createKey();
  const { CiphertextBlob } = await lab.setup(() => lab.kms.send(new EncryptCommand({ KeyId: keyId, Plaintext: utf8('card 4111') })));
  const { Plaintext } = await lab.kms.send(new DecryptCommand({ CiphertextBlob }));
  return success(fromUtf8(Plaintext) === 'card 4111' ? DECRYPTED : 'decrypted to different bytes');
});

/** Encrypt under key A, then Decrypt naming key B. */
export const decryptNamingOtherKey = kmsExperiment(async (lab) => {
  const keyA = await lab.createKey();
  const keyB = await lab.createKey();
  const { CiphertextBlob } = await lab.setup(() => lab.kms.send(new EncryptCommand({ KeyId: keyA, Plaintext: utf8('hello') })));
  await lab.kms.send(new DecryptCommand({ CiphertextBlob, KeyId: keyB }));
  return success(DECRYPTED);
});

/** GenerateDataKey with KeySpec AES_256: the length of the plaintext data key, in bytes. */
export const dataKeyLength = kmsExperiment(async (lab) => {
  const keyId = await lab.createKey();
  const dk = await lab.kms.send(new GenerateDataKeyCommand({ KeyId: keyId, KeySpec: 'AES_256' }));
  const length = dk.Plaintext?.length ?? 0;
  dk.Plaintext?.fill(0); // discard the plaintext key as envelope encryption should
  return success(`${length} bytes`);
});

/** GenerateDataKey with NumberOfBytes 1025. */
export const dataKeyTooLong = kmsExperiment(async (lab) => {
  const keyId = await lab.createKey();
  const dk = await lab.kms.send(new GenerateDataKeyCommand({ KeyId: keyId, NumberOfBytes: 1025 }));
  dk.Plaintext?.fill(0);
  return success(`${dk.Plaintext?.length ?? 0} bytes`);
});

/** Encrypt the same plaintext twice with the same key and compare the blobs. */
export const encryptTwiceCompare = kmsExperiment(async (lab) => {
  const keyId = await lab.createKey();
  const first = await lab.kms.send(new EncryptCommand({ KeyId: keyId, Plaintext: utf8('same text') }));
  const second = await lab.kms.send(new EncryptCommand({ KeyId: keyId, Plaintext: utf8('same text') }));
  const a = first.CiphertextBlob ?? new Uint8Array();
  const b = second.CiphertextBlob ?? new Uint8Array();
  const same = a.length === b.length && a.every((byte, i) => byte === b[i]);
  return success(same ? SAME_CIPHERTEXT : DIFFERENT_CIPHERTEXT);
});
