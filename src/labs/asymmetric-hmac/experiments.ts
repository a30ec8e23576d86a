import { EncryptCommand, GenerateMacCommand, SignCommand, VerifyCommand, VerifyMacCommand } from '@aws-sdk/client-kms';
import { kmsExperiment, success, utf8 } from '../../study/experiment-kit';

// Experiments for the Asymmetric and HMAC questions, runnable by the lab guest on its own keys.
// Keys are scheduled for deletion (7 days) at the end.

export const ENCRYPTED = 'encrypted';
export const VALID_FALSE = 'answered with the valid flag false';
export const VALID_TRUE = 'answered with the valid flag true';

/** Encrypt 191 bytes with an RSA_2048 key and RSAES_OAEP_SHA_256 (one byte over its limit). */
export const encryptOverOaepLimit = kmsExperiment(async (lab) => {
  const keyId = await lab.createKey({ KeySpec: 'RSA_2048', KeyUsage: 'ENCRYPT_DECRYPT' });
  await lab.kms.send(new EncryptCommand({ KeyId: keyId, Plaintext: new Uint8Array(191).fill(0x61), EncryptionAlgorithm: 'RSAES_OAEP_SHA_256' }));
  return success(ENCRYPTED);
});

/** GenerateMac over one message, VerifyMac over another. */
export const verifyMacOfChangedMessage = kmsExperiment(async (lab) => {
  const keyId = await lab.createKey({ KeySpec: 'HMAC_256', KeyUsage: 'GENERATE_VERIFY_MAC' });
  const { Mac } = await lab.setup(() => lab.kms.send(new GenerateMacCommand({ KeyId: keyId, Message: utf8('amount=100'), MacAlgorithm: 'HMAC_SHA_256' })));
  const out = await lab.kms.send(new VerifyMacCommand({ KeyId: keyId, Message: utf8('amount=900'), MacAlgorithm: 'HMAC_SHA_256', Mac }));
  return success(out.MacValid ? VALID_TRUE : VALID_FALSE);
});

/** Sign a message with an ECC key, then ask KMS to Verify the signature against another message. */
export const verifySignatureOfChangedMessage = kmsExperiment(async (lab) => {
  const keyId = await lab.createKey({ KeySpec: 'ECC_NIST_P256', KeyUsage: 'SIGN_VERIFY' });
  const { Signature } = await lab.setup(() => lab.kms.send(new SignCommand({ KeyId: keyId, Message: utf8('release 1.4.0'), SigningAlgorithm: 'ECDSA_SHA_256' })));
  const out = await lab.kms.send(new VerifyCommand({ KeyId: keyId, Message: utf8('release 1.4.1'), SigningAlgorithm: 'ECDSA_SHA_256', Signature }));
  return success(out.SignatureValid ? VALID_TRUE : VALID_FALSE);
});
