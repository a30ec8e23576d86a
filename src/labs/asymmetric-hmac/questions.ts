import { defineQuestions, type ChoiceOption } from '../../study/schema';
import { ENCRYPTED, encryptOverOaepLimit, VALID_FALSE, VALID_TRUE, verifyMacOfChangedMessage, verifySignatureOfChangedMessage } from './experiments';

const DOCS = {
  asymmetric: 'https://docs.aws.amazon.com/kms/latest/developerguide/symmetric-asymmetric.html',
  getPublicKey: 'https://docs.aws.amazon.com/kms/latest/APIReference/API_GetPublicKey.html',
  sign: 'https://docs.aws.amazon.com/kms/latest/APIReference/API_Sign.html',
  verify: 'https://docs.aws.amazon.com/kms/latest/APIReference/API_Verify.html',
  encrypt: 'https://docs.aws.amazon.com/kms/latest/APIReference/API_Encrypt.html',
  hmac: 'https://docs.aws.amazon.com/kms/latest/developerguide/hmac.html',
  verifyMac: 'https://docs.aws.amazon.com/kms/latest/APIReference/API_VerifyMac.html',
  keyPairNoPlaintext: 'https://docs.aws.amazon.com/kms/latest/APIReference/API_GenerateDataKeyPairWithoutPlaintext.html',
  dataKeyNoPlaintext: 'https://docs.aws.amazon.com/kms/latest/APIReference/API_GenerateDataKeyWithoutPlaintext.html',
  rotation: 'https://docs.aws.amazon.com/kms/latest/developerguide/rotate-keys.html',
  keySpecs: 'https://docs.aws.amazon.com/kms/latest/developerguide/symm-asymm-choose-key-spec.html',
} as const;

const topic = 'Asymmetric and HMAC keys';
const labId = 'asymmetric-hmac';
const lastChecked = '2026-12-04';
const guide = (section: string) => ({ label: `Guide 002 — ${section}` });
const aws = (label: string, url: string) => ({ label, url });
const o = (id: string, text: string, correct: boolean, explanation: string): ChoiceOption => ({ id, text, correct, explanation });

export const asymmetricHmacQuestions = defineQuestions([
  {
    id: 'ah-scenario7-jwt',
    labId,
    type: 'single',
    topic,
    skill: 'encrypt-decrypt',
    lastChecked,
    drills: { kind: 'scenario', label: 'Scenario 7: sign JWTs with a key that never leaves AWS' },
    prompt:
      'An identity service issues JWTs that dozens of microservices verify thousands of times per second. The signing key must never leave AWS. Verification must add as little latency and cost as possible. Which solution meets these requirements?',
    sources: [guide('Scenario 7'), aws('AWS KMS API Reference — GetPublicKey', DOCS.getPublicKey), aws('AWS KMS API Reference — Sign', DOCS.sign)],
    options: [
      o('asymmetric', 'An asymmetric SIGN_VERIFY key: kms:Sign to issue, public key verified locally', true, 'Only Sign needs KMS. Verifiers fetch the public key once with GetPublicKey and verify in process, with no call, charge or quota.'),
      o('hmac', 'An HMAC key: GenerateMac to issue, VerifyMac in every microservice', false, 'Every verification would then be a KMS call, with its latency, cost and request quota.'),
      o('pair-in-config', 'GenerateDataKeyPair, then keep the private key in the issuer’s configuration', false, 'The private key would then exist outside AWS KMS, which the requirement forbids.'),
      o('verify-api', 'An asymmetric key, with every microservice calling kms:Verify per token', false, 'It works, but every token costs a KMS call; offline verification is what the public key is for.'),
    ],
  },
  {
    id: 'ah-offline-verify-facts',
    labId,
    type: 'multiple',
    topic,
    skill: 'encrypt-decrypt',
    lastChecked,
    drills: { kind: 'concept', label: 'Verifying KMS signatures offline' },
    prompt:
      'Partners without AWS accounts must verify documents that your service signs with an ECC_NIST_P256 KMS key. Which two statements are true? (Choose two.)',
    sources: [aws('AWS KMS API Reference — GetPublicKey', DOCS.getPublicKey), aws('AWS KMS API Reference — Verify', DOCS.verify)],
    options: [
      o('share-public', 'You may hand out the public key from GetPublicKey; it reveals nothing secret', true, 'Only the private half is secret, and it never leaves KMS.'),
      o('no-aws', 'Partners can verify with a standard library and no AWS credentials', true, 'Verifying with the public key is ordinary ECDSA; KMS is not involved and records nothing.'),
      o('needs-verify', 'Partners need kms:Verify permission on the key', false, 'That is only for calling KMS’s Verify; offline verification needs no permission.'),
      o('rotate-auto', 'Automatic rotation keeps the partners’ copy of the public key current', false, 'Asymmetric keys do not rotate automatically; a new key means a new public key to hand out.'),
      o('private-export', 'GetPublicKey can also export the private key for backup', false, 'No KMS operation exports the private key of a KMS key pair.'),
    ],
  },
  {
    id: 'ah-oaep-limit',
    labId,
    type: 'single',
    topic,
    skill: 'encrypt-decrypt',
    lastChecked,
    drills: { kind: 'guide-correction', label: 'RSA encryption limits, not 4 KB' },
    guideCorrection:
      'The study guide says RSA encryption in KMS is “still 4 KB max”. With RSAES-OAEP the limit is the modulus size minus twice the hash size minus 2: 190 bytes for RSA_2048 with SHA-256, 446 for RSA_4096.',
    prompt:
      'A developer encrypts configuration values directly with an RSA_2048 KMS key and RSAES_OAEP_SHA_256. What is the largest plaintext one Encrypt call accepts?',
    sources: [guide('Asymmetric Encrypt/Decrypt'), aws('AWS KMS API Reference — Encrypt', DOCS.encrypt)],
    options: [
      o('190', '190 bytes', true, '256-byte modulus, minus 2 × 32 bytes of SHA-256, minus 2: 190 bytes.'),
      o('4096', '4,096 bytes, as for symmetric keys', false, 'That is the symmetric key limit; RSA is far smaller.'),
      o('214', '214 bytes', false, 'That is the limit with RSAES_OAEP_SHA_1, whose hash is 20 bytes.'),
      o('256', '256 bytes, the size of the modulus', false, 'OAEP padding takes room out of the modulus; the ciphertext is 256 bytes, the plaintext less.'),
    ],
  },
  {
    id: 'ah-predict-oaep-limit',
    labId,
    type: 'predict',
    topic,
    skill: 'encrypt-decrypt',
    lastChecked,
    drills: { kind: 'key-number', label: 'RSA_2048 with RSAES_OAEP_SHA_256: 190 bytes' },
    prompt: 'You call Encrypt with an RSA_2048 key, RSAES_OAEP_SHA_256 and 191 bytes of plaintext. What happens?',
    experimentSummary:
      'Creates an RSA_2048 ENCRYPT_DECRYPT key and calls Encrypt with 191 bytes and RSAES_OAEP_SHA_256. The key is scheduled for deletion (7 days) at the end.',
    sources: [aws('AWS KMS API Reference — Encrypt', DOCS.encrypt)],
    expected: 'validation',
    experiment: encryptOverOaepLimit,
    options: [
      { id: 'encrypted', text: 'It encrypts: anything up to 4,096 bytes is accepted', outcome: { kind: 'success', value: ENCRYPTED }, explanation: '4,096 bytes is the symmetric limit; RSA_2048 with OAEP SHA-256 stops at 190.' },
      { id: 'validation', text: 'ValidationException: too large for this key spec', outcome: { kind: 'error', name: 'ValidationException' }, explanation: 'KMS answers “Algorithm RSAES_OAEP_SHA_256 and key spec RSA_2048 cannot encrypt data larger than 190 bytes.”' },
      { id: 'usage', text: 'InvalidKeyUsageException: RSA keys cannot encrypt', outcome: { kind: 'error', name: 'InvalidKeyUsageException' }, explanation: 'RSA keys with usage ENCRYPT_DECRYPT can encrypt; only the size is wrong.' },
      { id: 'ciphertext', text: 'InvalidCiphertextException', outcome: { kind: 'error', name: 'InvalidCiphertextException' }, explanation: 'That is a Decrypt error; nothing is decrypted here.' },
    ],
  },
  {
    id: 'ah-hmac-choice',
    labId,
    type: 'single',
    topic,
    skill: 'encrypt-decrypt',
    lastChecked,
    drills: { kind: 'concept', label: 'HMAC keys: GenerateMac and VerifyMac' },
    prompt:
      'Two internal services exchange small tokens. Each token must carry a tag proving it came from the first service and was not changed. Both services can call KMS, and the shared secret must never exist outside KMS. Which solution is MOST secure?',
    sources: [aws('AWS KMS Developer Guide — HMAC keys', DOCS.hmac), aws('AWS KMS API Reference — VerifyMac', DOCS.verifyMac)],
    options: [
      o('hmac-key', 'A KMS HMAC key, GenerateMac in the sender and VerifyMac in the receiver', true, 'The HMAC secret stays in KMS; both sides use it only through the API.'),
      o('data-key', 'GenerateDataKey once and compute HMACs locally with the plaintext key', false, 'The plaintext data key lives in both services’ memory, outside KMS.'),
      o('secret', 'An HMAC secret in Secrets Manager, read by both services at start-up', false, 'The secret is then in both services’ memory, which the requirement rules out.'),
      o('encrypt', 'kms:Encrypt each token with a symmetric key and compare ciphertexts', false, 'KMS ciphertext is randomised, so equal tokens never give equal ciphertexts; that is no MAC.'),
    ],
  },
  {
    id: 'ah-predict-verifymac',
    labId,
    type: 'predict',
    topic,
    skill: 'encrypt-decrypt',
    lastChecked,
    drills: { kind: 'concept', label: 'A MAC that does not match is an error' },
    prompt:
      'You call GenerateMac on "amount=100" with an HMAC_256 key, then VerifyMac with that MAC and the message "amount=900". What does KMS answer?',
    experimentSummary:
      'Creates an HMAC_256 key, makes a MAC of “amount=100” and asks VerifyMac about “amount=900”. The key is scheduled for deletion (7 days) at the end.',
    sources: [aws('AWS KMS API Reference — VerifyMac', DOCS.verifyMac)],
    expected: 'invalid-mac',
    experiment: verifyMacOfChangedMessage,
    options: [
      { id: 'false', text: 'A normal answer with MacValid set to false', outcome: { kind: 'success', value: VALID_FALSE }, explanation: 'KMS never answers MacValid: false; a mismatch is an error.' },
      { id: 'invalid-mac', text: 'KMSInvalidMacException', outcome: { kind: 'error', name: 'KMSInvalidMacException' }, explanation: 'VerifyMac throws when the MAC does not match, so code must catch it rather than test a flag.' },
      { id: 'true', text: 'MacValid true: only the key and algorithm are checked', outcome: { kind: 'success', value: VALID_TRUE }, explanation: 'The MAC covers the message; a changed message does not verify.' },
      { id: 'usage', text: 'InvalidKeyUsageException', outcome: { kind: 'error', name: 'InvalidKeyUsageException' }, explanation: 'The key’s usage is GENERATE_VERIFY_MAC and the algorithm matches its spec.' },
    ],
  },
  {
    id: 'ah-predict-verify',
    labId,
    type: 'predict',
    topic,
    skill: 'encrypt-decrypt',
    lastChecked,
    drills: { kind: 'concept', label: 'A signature that does not verify is an error' },
    prompt:
      'You sign "release 1.4.0" with an ECC_NIST_P256 key, then call kms:Verify with that signature and the message "release 1.4.1". What does KMS answer?',
    experimentSummary:
      'Creates an ECC_NIST_P256 SIGN_VERIFY key, signs “release 1.4.0” and asks Verify about “release 1.4.1”. The key is scheduled for deletion (7 days) at the end.',
    sources: [aws('AWS KMS API Reference — Verify', DOCS.verify)],
    expected: 'invalid-signature',
    experiment: verifySignatureOfChangedMessage,
    options: [
      { id: 'false', text: 'A normal answer with SignatureValid set to false', outcome: { kind: 'success', value: VALID_FALSE }, explanation: 'KMS does not answer SignatureValid: false; a signature that fails is an exception.' },
      { id: 'invalid-signature', text: 'KMSInvalidSignatureException', outcome: { kind: 'error', name: 'KMSInvalidSignatureException' }, explanation: 'Verify throws KMSInvalidSignatureException (with no message) when the signature does not match.' },
      { id: 'true', text: 'SignatureValid true, since the key signed it', outcome: { kind: 'success', value: VALID_TRUE }, explanation: 'The signature covers the exact message; one changed character breaks it.' },
      { id: 'digest', text: 'ValidationException about the digest length', outcome: { kind: 'error', name: 'ValidationException' }, explanation: 'That is for MessageType DIGEST with the wrong length; this message is RAW.' },
    ],
  },
  {
    id: 'ah-scenario9-producer',
    labId,
    type: 'single',
    topic,
    skill: 'encrypt-decrypt',
    lastChecked,
    drills: { kind: 'scenario', label: 'Scenario 9: a device that may encrypt but never decrypt' },
    guideCorrection:
      'The study guide answers scenario 9 with GenerateDataKeyWithoutPlaintext per device. That blob is useless to the device until it calls Decrypt, which is the very permission it must not have. A data key pair (or an RSA KMS key’s public key) lets the device encrypt with no decrypt ability.',
    prompt:
      'Field devices record readings while offline and must encrypt them before upload. A stolen device must not be able to decrypt anything. Only a back-end service may decrypt. Which design meets these requirements?',
    sources: [guide('Practice scenarios'), aws('AWS KMS API Reference — GenerateDataKeyPairWithoutPlaintext', DOCS.keyPairNoPlaintext), aws('AWS KMS API Reference — GenerateDataKeyWithoutPlaintext', DOCS.dataKeyNoPlaintext)],
    options: [
      o('pair', 'A data key pair: devices hold its public key, the back end decrypts its private key', true, 'Devices encrypt with the public key without any KMS call; only a caller allowed kms:Decrypt can recover the private key.'),
      o('dk-without', 'GenerateDataKeyWithoutPlaintext per device, its encrypted data key kept on the device', false, 'The device holds only an encrypted key: to use it, it must call Decrypt, the very right it must not have.'),
      o('encrypt-perm', 'Give the devices kms:Encrypt only, and call KMS for each reading', false, 'It is encrypt-only, but the devices are offline when they record and could not reach KMS.'),
      o('symmetric-dk', 'GenerateDataKey once and install the plaintext data key on every device', false, 'The same key decrypts, so a stolen device can read every reading.'),
    ],
  },
  {
    id: 'ah-asymmetric-rotation',
    labId,
    type: 'single',
    topic,
    skill: 'rotation',
    lastChecked,
    drills: { kind: 'concept', label: 'Asymmetric keys rotate by hand' },
    prompt:
      'A team signs release artifacts with an RSA_3072 KMS key and must move to a new signing key every year. Old releases must still verify. Which approach works?',
    sources: [guide('Asymmetric Key Rotation Is Manual'), aws('AWS KMS Developer Guide — Rotating keys', DOCS.rotation)],
    options: [
      o('manual', 'New key, alias moved to it, new public key published, old key kept', true, 'Automatic rotation covers symmetric encryption keys only; an asymmetric key is replaced, and the old public key keeps verifying old releases.'),
      o('enable', 'EnableKeyRotation on the key with RotationPeriodInDays set to 365', false, 'KMS refuses automatic rotation for asymmetric keys.'),
      o('on-demand', 'RotateKeyOnDemand once a year on the signing key', false, 'On-demand rotation is also limited to symmetric encryption keys.'),
      o('import', 'Import new key material into the same signing key every year', false, 'Imported material rotation does not apply here, and the public key would change under the same key ID.'),
    ],
  },
  {
    id: 'ah-ecdsa-jwt-format',
    labId,
    type: 'single',
    topic,
    skill: 'encrypt-decrypt',
    lastChecked,
    drills: { kind: 'concept', label: 'ECDSA signatures: DER from KMS, r||s in a JWS' },
    prompt:
      'A developer builds ES256 JWTs from kms:Sign output with an ECC_NIST_P256 key. kms:Verify accepts every signature, but a standard JWT library rejects every token. What is the MOST likely cause?',
    sources: [aws('AWS KMS API Reference — Sign', DOCS.sign)],
    options: [
      o('der', 'KMS returns DER-encoded signatures; a JWS wants the two 32-byte values side by side', true, 'KMS’s ECDSA signature is an ASN.1 DER sequence; JWS (RFC 7518) expects r and s concatenated, 64 bytes for ES256.'),
      o('random', 'ECDSA signatures differ each time, so the library cannot compare them', false, 'Verification does not compare signatures; each fresh signature verifies.'),
      o('digest', 'The message must be sent with MessageType DIGEST for JWTs', false, 'RAW is right here: KMS hashes the signing input with SHA-256, as ES256 needs.'),
      o('kid', 'The kid header must hold the key ARN, not the key ID', false, 'kid is free-form for the application; it does not affect the signature check.'),
    ],
  },
  {
    id: 'ah-sign-key-specs',
    labId,
    type: 'multiple',
    topic,
    skill: 'concepts',
    lastChecked,
    drills: { kind: 'concept', label: 'Which key specs can sign' },
    prompt: 'Which two KMS key specs can be used to create a key for kms:Sign? (Choose two.)',
    sources: [aws('AWS KMS Developer Guide — Choosing a key spec', DOCS.keySpecs)],
    options: [
      o('rsa', 'RSA_3072', true, 'RSA key specs can be SIGN_VERIFY (or ENCRYPT_DECRYPT), chosen at creation.'),
      o('ecc', 'ECC_NIST_P384', true, 'NIST elliptic-curve key specs sign with ECDSA.'),
      o('symmetric', 'SYMMETRIC_DEFAULT', false, 'Symmetric encryption keys encrypt and decrypt; they cannot sign.'),
      o('hmac', 'HMAC_256', false, 'HMAC keys make MACs with GenerateMac, not signatures.'),
      o('aes', 'AES_256', false, 'AES_256 is a data key spec for GenerateDataKey, not a KMS key spec.'),
    ],
  },
  {
    id: 'ah-partner-encrypts',
    labId,
    type: 'single',
    topic,
    skill: 'cross-account',
    lastChecked,
    drills: { kind: 'concept', label: 'Public-key encryption for senders outside AWS' },
    prompt:
      'A partner without an AWS account must send you a 64-byte API secret that only your service can read. You want no shared secret and no credentials for the partner. Which approach has the LEAST operational overhead?',
    sources: [aws('AWS KMS Developer Guide — Asymmetric keys', DOCS.asymmetric), aws('AWS KMS API Reference — GetPublicKey', DOCS.getPublicKey)],
    options: [
      o('rsa-public', 'Give the partner an RSA key’s public key; decrypt their ciphertext with kms:Decrypt', true, 'RSA-OAEP fits 64 bytes; the partner encrypts offline, and only callers allowed Decrypt on your key can read it.'),
      o('hmac', 'Create an HMAC key and send the partner a MAC to attach to the secret', false, 'A MAC proves integrity; it does not hide the secret.'),
      o('iam-user', 'Create an IAM user for the partner with kms:Encrypt on a symmetric key', false, 'That hands the partner long-term AWS credentials to manage and rotate.'),
      o('data-key', 'Email the partner a plaintext data key from GenerateDataKey', false, 'A shared symmetric key by email is exactly the shared secret to avoid.'),
    ],
  },
]);
