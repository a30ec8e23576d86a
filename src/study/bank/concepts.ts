import { aws, DOCS, guide, guide000, item } from './build';

// Seed 000's concept tables (at rest and in transit, key types, S3 options, client and server
// side, rotation, certificates), written as exam items.

const c = (label: string) => ({ kind: 'concept' as const, label });

export const conceptItems = [
  item({
    id: 'concept-at-rest-vs-transit',
    topic: 'At rest and in transit',
    skill: 'concepts',
    drills: c('Guide 000 concepts: encryption at rest versus in transit'),
    prompt:
      'An auditor asks a team to prove that customer data in an S3 bucket is protected both on disk and while moving between the application and S3. Default encryption is on. Which additional control covers the data in transit MOST directly?',
    sources: [guide000('Concepts: encryption at rest vs in transit'), aws('Amazon S3 User Guide — Security best practices', DOCS.s3Security)],
    options: [
      ['secure-transport', 'A bucket policy that denies requests where aws:SecureTransport is false', true, 'It forces every request to use HTTPS (TLS), which is what protects data in transit.'],
      ['sse-kms', 'Switching the bucket from SSE-S3 to SSE-KMS with a customer managed key', false, 'A stronger at-rest choice with an audit trail, but it does nothing for data on the wire.'],
      ['versioning', 'Enabling versioning and MFA Delete on the bucket', false, 'These protect against deletion, not against interception.'],
      ['object-lock', 'Turning on Object Lock in compliance mode', false, 'Object Lock prevents overwrites and deletes; it is not encryption.'],
    ],
  }),
  item({
    id: 'concept-at-rest-examples',
    topic: 'At rest and in transit',
    skill: 'concepts',
    drills: c('Guide 000 concepts: where each service encrypts at rest'),
    prompt: 'Which two statements about encryption at rest in AWS services are true? (Choose two.)',
    sources: [guide000('Concepts: encryption at rest vs in transit'), aws('Amazon DynamoDB — Encryption at rest', DOCS.dynamoAtRest), aws('Amazon RDS — Encrypting resources', DOCS.rdsEncryption)],
    options: [
      ['ddb-always', 'DynamoDB encrypts every table at rest; you choose only which key', true, 'An AWS owned key by default, or the AWS managed key aws/dynamodb, or a customer managed key.'],
      ['rds-creation', 'An RDS instance is encrypted when created; an unencrypted one is encrypted through an encrypted snapshot copy', true, 'You cannot switch encryption on for a running unencrypted instance; copy a snapshot with encryption and restore it.'],
      ['ddb-optional', 'DynamoDB tables are unencrypted unless you enable encryption', false, 'Encryption at rest has been on for every DynamoDB table for years and cannot be turned off.'],
      ['tls-at-rest', 'TLS on the connection also encrypts the stored data', false, 'TLS protects data in transit only; storage needs its own encryption.'],
      ['sqs-no', 'SQS cannot encrypt messages at rest', false, 'SQS offers SSE with SQS-managed keys (the default) or with KMS keys.'],
    ],
  }),
  item({
    id: 'concept-key-types-billing',
    topic: 'KMS key types',
    skill: 'concepts',
    drills: c('Guide 000 concepts: AWS owned, AWS managed and customer managed keys'),
    prompt:
      'A startup wants to encrypt a DynamoDB table at rest at no extra cost and has no need to audit or control the key. Later, a second table must be readable by a partner account. Which key choice fits each table BEST?',
    sources: [guide000('Concepts: KMS key types'), aws('AWS KMS Developer Guide — AWS KMS concepts', DOCS.concepts), aws('Amazon DynamoDB — Encryption at rest', DOCS.dynamoAtRest)],
    options: [
      ['owned-then-cmk', 'AWS owned key first; customer managed key second', true, 'The AWS owned key is free and invisible; only a customer managed key\'s policy can let another account use it.'],
      ['managed-both', 'The AWS managed key aws/dynamodb for both tables', false, 'AWS managed keys cannot be shared across accounts; their policy is not yours to change.'],
      ['cmk-both', 'A customer managed key for both tables', false, 'It works, but the first table then pays a monthly key fee for control it does not need.'],
      ['owned-both', 'The AWS owned key for both tables, shared through a grant', false, 'You cannot create grants on AWS owned keys; they live in AWS accounts.'],
    ],
  }),
  item({
    id: 'concept-sse-s3-no-kms',
    topic: 'S3 encryption',
    skill: 'concepts',
    drills: { kind: 'guide-correction', label: 'Guide 000 key-types table: SSE-S3 does not use AWS owned KMS keys' },
    prompt: 'Which statement about SSE-S3 (the default encryption of S3 buckets since January 2023) is correct?',
    guideCorrection:
      'Guide 000\'s key-types table lists "S3 SSE-S3" as a use of AWS owned KMS keys. SSE-S3 uses keys that S3 manages itself, not KMS keys: it makes no KMS calls, costs nothing in KMS and leaves no KMS events in CloudTrail. DynamoDB\'s default encryption is an example of an AWS owned KMS key.',
    sources: [guide000('Concepts: KMS key types; S3 server-side encryption'), aws('Amazon S3 User Guide — SSE-S3', DOCS.s3SseS3)],
    options: [
      ['s3-managed', 'S3 encrypts with keys it manages itself and makes no calls to KMS', true, 'That is why SSE-S3 has no KMS cost and no per-use KMS audit trail.'],
      ['aws-owned-kms', 'S3 encrypts with an AWS owned KMS key, so requests count against the KMS quota', false, 'This is the guide\'s slip: SSE-S3 does not use KMS keys at all.'],
      ['aws-managed', 'S3 encrypts with the AWS managed key aws/s3 in your account', false, 'aws/s3 is used by SSE-KMS when no key is named, not by SSE-S3.'],
      ['optional', 'SSE-S3 is applied only when the request carries the encryption header', false, 'Since January 2023 every new object is encrypted with SSE-S3 unless another method is chosen.'],
    ],
  }),
  item({
    id: 'concept-s3-options-table',
    topic: 'S3 encryption',
    skill: 'concepts',
    drills: c('Guide 000 concepts: server-side encryption options for S3'),
    prompt:
      'A company must encrypt S3 objects at rest, control who can use the key through a key policy, and see every use of the key in CloudTrail. It does not want to manage keys outside AWS. Which option meets these requirements with the LEAST operational overhead?',
    sources: [guide000('Concepts: server-side encryption options for S3'), aws('Amazon S3 User Guide — SSE-KMS', DOCS.s3SseKms)],
    options: [
      ['sse-kms', 'SSE-KMS with a customer managed key', true, 'Key policy control and CloudTrail records of each KMS use, with S3 doing the encryption.'],
      ['sse-s3', 'SSE-S3 with S3 managed keys', false, 'No key policy to write and no KMS audit trail.'],
      ['sse-c', 'SSE-C with keys sent on every request', false, 'Keys would be managed outside AWS, which the company wants to avoid.'],
      ['sse-kms-managed', 'SSE-KMS with the AWS managed key aws/s3', false, 'CloudTrail logs its use, but you cannot edit the key policy of an AWS managed key.'],
    ],
  }),
  item({
    id: 'concept-dsse',
    topic: 'S3 encryption',
    skill: 'concepts',
    drills: c('S3 encryption options: DSSE-KMS'),
    prompt:
      'A government workload requires two independent layers of encryption on objects at rest in S3, applied by AWS, with keys in KMS. The team already uses Bucket Keys elsewhere to lower cost. Which statement about the option that meets the requirement is true?',
    sources: [aws('Amazon S3 User Guide — DSSE-KMS', DOCS.s3Dsse)],
    options: [
      ['dsse-no-bucket-key', 'DSSE-KMS meets it, but S3 Bucket Keys cannot be used with it', true, 'Dual-layer server-side encryption with KMS keys applies two layers; Bucket Keys are not supported for DSSE-KMS.'],
      ['sse-kms-twice', 'SSE-KMS meets it when two keys are named in the request', false, 'An S3 request names one key; two layers is what DSSE-KMS is for.'],
      ['dsse-bucket-key', 'DSSE-KMS meets it, and Bucket Keys lower its KMS cost as usual', false, 'Bucket Keys are not supported with DSSE-KMS.'],
      ['ssec-kms', 'SSE-C combined with SSE-KMS on the same object meets it', false, 'An object uses one server-side encryption method; S3 refuses the combination.'],
    ],
  }),
  item({
    id: 'concept-client-vs-server',
    topic: 'Client-side and server-side encryption',
    skill: 'concepts',
    drills: c('Guide 000 concepts: client-side versus server-side encryption'),
    prompt: 'Which two statements correctly contrast client-side and server-side encryption? (Choose two.)',
    sources: [guide000('Concepts: client-side vs server-side'), guide('Client-side vs server-side')],
    options: [
      ['who', 'With client-side encryption your code encrypts before the data leaves your host', true, 'The service receives and stores ciphertext only.'],
      ['when', 'Client-side encryption suits cases where the storage service must never see plaintext', true, 'The seed\'s "when you can\'t trust the storage layer".'],
      ['no-kms', 'Client-side encryption cannot use KMS keys', false, 'It often does: the Encryption SDK wraps data keys with KMS keys.'],
      ['no-tls', 'With server-side encryption the data crosses the network unencrypted', false, 'It travels over TLS; server-side is about who encrypts at rest.'],
      ['simpler', 'Client-side encryption is simpler to run because AWS manages the keys', false, 'It is the more complex option: your code handles encryption and key use.'],
    ],
  }),
  item({
    id: 'concept-envelope-why',
    topic: 'Envelope encryption',
    skill: 'encrypt-decrypt',
    drills: c('Guide 000 concepts: envelope encryption'),
    prompt:
      'A developer asks why envelope encryption is used even for data that fits in 4 KB, when kms:Encrypt would work. Which reason is the MOST accurate?',
    sources: [guide000('Concepts: envelope encryption'), aws('AWS KMS Developer Guide — Envelope encryption', `${DOCS.concepts}#enveloping`)],
    options: [
      ['local', 'Data is encrypted locally, so only the small data key travels to KMS and back', true, 'Local encryption avoids sending data to KMS, keeps KMS calls to one per data key, and works for any size.'],
      ['stronger', 'A data key uses a stronger algorithm than the KMS key itself', false, 'Both are AES-256 (GCM); the benefit is where the work happens, not the cipher strength.'],
      ['free', 'GenerateDataKey calls are free, while Encrypt calls are billed', false, 'Both are billed KMS requests.'],
      ['no-store', 'Nothing needs storing beside the ciphertext, unlike with Encrypt', false, 'The encrypted data key must be stored with the ciphertext.'],
    ],
  }),
  item({
    id: 'concept-envelope-discard',
    topic: 'Envelope encryption',
    skill: 'encrypt-decrypt',
    drills: c('Guide 000 lab recap: the plaintext data key lives only in memory'),
    prompt:
      'After encrypting a file with a plaintext data key from GenerateDataKey, what should the application keep, and what should it do with the plaintext key?',
    sources: [guide000('Concepts: envelope encryption; What you built'), aws('AWS KMS API Reference — GenerateDataKey', DOCS.generateDataKey)],
    options: [
      ['keep-encrypted', 'Store the encrypted data key with the file and erase the plaintext key from memory', true, 'The encrypted key is decrypted by KMS when needed; the plaintext key should exist only while in use.'],
      ['keep-plain', 'Store the plaintext key in a database so the file can be decrypted without KMS', false, 'Then anyone with the database could decrypt the file; KMS would protect nothing.'],
      ['keep-both', 'Store both keys with the file so either can be used later', false, 'Storing the plaintext key beside the file defeats the encryption.'],
      ['kms-keeps', 'Store nothing: KMS keeps every data key it generates', false, 'KMS does not store data keys; lose the encrypted copy and the file is lost.'],
    ],
  }),
  item({
    id: 'concept-rotation-000',
    topic: 'Key rotation',
    skill: 'rotation',
    drills: c('Guide 000 concepts: key rotation'),
    prompt: 'Which three statements about automatic rotation of a customer managed symmetric key are true? (Choose three.)',
    sources: [guide000('Concepts: key rotation'), aws('AWS KMS Developer Guide — Rotating keys', DOCS.rotation)],
    options: [
      ['old-kept', 'Old key material is kept, so existing ciphertext still decrypts', true, 'KMS keeps every earlier material for the key\'s lifetime.'],
      ['id-same', 'The key ID and ARN do not change', true, 'Rotation changes material, not identity.'],
      ['period', 'The period can be set between 90 and 2,560 days (default 365)', true, 'The custom period came in 2024; 365 days is still the default.'],
      ['reencrypts', 'KMS re-encrypts existing data under the new material', false, 'Rotation does not touch existing ciphertext.'],
      ['aws-managed-3y', 'AWS managed keys rotate every three years', false, 'Since May 2022 they rotate every year.'],
    ],
  }),
  item({
    id: 'concept-acm-vs-private-ca',
    topic: 'Certificates',
    skill: 'certificates',
    drills: c('Guide 000 concepts: ACM versus AWS Private CA'),
    prompt:
      'Internal microservices need TLS certificates that chain to the company\'s own private root and are trusted only inside the company. Certificates must be issued by API for short-lived services. Which service fits BEST?',
    sources: [guide000('Concepts: certificate management'), aws('AWS Private CA User Guide', DOCS.privateCa)],
    options: [
      ['private-ca', 'AWS Private CA, issuing private certificates from the company\'s own CA hierarchy', true, 'Private CA runs your private certificate authority; it is paid, and its certificates are trusted only where you install the root.'],
      ['acm-public', 'Public certificates from ACM, which are free', false, 'Public certificates chain to public roots and need domain validation; they are not for a private hierarchy.'],
      ['self-signed-kms', 'Self-signed certificates made with a KMS asymmetric key and kms:Sign', false, 'Possible by hand, but there is no CA management, revocation or issuance API: far more work.'],
      ['iam-certs', 'Certificates uploaded to IAM server certificate storage', false, 'IAM only stores certificates for a few legacy uses; it issues none.'],
    ],
  }),
  item({
    id: 'concept-acm-export',
    topic: 'Certificates',
    skill: 'certificates',
    drills: { kind: 'guide-correction', label: 'Guide 000: "ACM certificates can\'t be exported" is out of date' },
    prompt:
      'A team runs a web server on EC2 behind no load balancer and wants a publicly trusted certificate from ACM installed on the instance. Which statement is accurate today?',
    guideCorrection:
      'Guide 000 says ACM certificates can\'t be exported. Since mid-2025 ACM can issue exportable public certificates (chosen when requesting, billed per certificate), which you can export with their private key for use on your own servers. Default ACM public certificates are still free, non-exportable and auto-renewed for integrated services.',
    sources: [guide000('Concepts: certificate management'), aws('AWS Certificate Manager User Guide', DOCS.acm), { label: 'AWS What\'s New, June 2025 — ACM exportable public certificates' }],
    options: [
      ['exportable', 'ACM can issue an exportable public certificate for a fee, which can then be exported and installed', true, 'Exportable public certificates are requested as such and paid per certificate; standard ones remain bound to integrated services.'],
      ['never', 'ACM public certificates can never be exported, so the team must buy one elsewhere', false, 'That was true until mid-2025; it is the guide\'s outdated statement.'],
      ['any-free', 'Any free ACM certificate can be exported with its private key', false, 'Only certificates requested as exportable can be exported, and those are billed.'],
      ['private-only', 'Only certificates from AWS Private CA can be installed outside AWS services', false, 'Private certificates can be exported, but so can exportable public ones now.'],
    ],
  }),
  item({
    id: 'concept-acm-renewal',
    topic: 'Certificates',
    skill: 'certificates',
    drills: c('Guide 000 concepts: ACM public certificates'),
    prompt:
      'A developer attaches an ACM public certificate to an Application Load Balancer and CloudFront and asks what happens near expiry. Validation was done through a DNS CNAME record that is still in place. Which statement BEST describes what happens?',
    sources: [guide000('Concepts: certificate management'), aws('AWS Certificate Manager User Guide', DOCS.acm)],
    options: [
      ['auto', 'ACM renews the certificate automatically and the services pick up the new one', true, 'DNS-validated certificates in use by integrated services renew with no action while the CNAME remains.'],
      ['manual', 'The developer must request a new certificate and reattach it before expiry', false, 'Managed renewal does this for certificates in use with DNS validation.'],
      ['email-each', 'ACM emails the domain owner, who must approve each renewal', false, 'That is the email-validation path; with a DNS CNAME in place renewal is automatic.'],
      ['import', 'ACM renews it only if the certificate was imported', false, 'The reverse: imported certificates are never renewed by ACM.'],
    ],
  }),
  item({
    id: 'concept-ssh-keys-dev',
    topic: 'Certificates',
    skill: 'certificates',
    drills: c('Exam-guide skill: create certificates and SSH keys for development'),
    prompt:
      'A developer needs an SSH key pair to reach a development EC2 instance and wants the private key never to be generated by AWS. Which approach meets the requirement?',
    sources: [aws('Amazon EC2 User Guide — Key pairs', DOCS.ec2KeyPairs), aws('DVA-C02 exam guide — Domain 2', DOCS.examGuide)],
    options: [
      ['import', 'Run ssh-keygen locally and import the public key', true, 'EC2 stores only the public key; the private key never leaves the developer\'s machine.'],
      ['create', 'Call CreateKeyPair in EC2 and download the private key', false, 'This works for access, but EC2 generates the private key, which the requirement rules out.'],
      ['kms-ssh', 'Create an asymmetric KMS key and use it directly as the SSH key', false, 'SSH clients cannot use a KMS key directly; the private key cannot leave KMS.'],
      ['acm', 'Request an ACM certificate and use its private key for SSH', false, 'ACM issues TLS certificates, not SSH keys.'],
    ],
  }),
  item({
    id: 'concept-sqs-sse',
    topic: 'Service integrations',
    skill: 'concepts',
    drills: c('Guide 000 concepts: SQS encryption at rest'),
    prompt:
      'An SQS queue holds order messages and must use a customer managed KMS key. Producers send thousands of messages per second, and KMS costs must stay low. Which setting reduces KMS calls the MOST?',
    sources: [guide000('Concepts: at rest vs in transit table'), aws('Amazon SQS Developer Guide — Server-side encryption', DOCS.sqsSse)],
    options: [
      ['reuse', 'Raise the data key reuse period (up to 24 hours)', true, 'SQS reuses a data key for the reuse period (default 5 minutes), so a longer period means fewer KMS calls.'],
      ['sse-sqs', 'Keep the customer managed key but turn on SSE-SQS as well', false, 'A queue uses one encryption method; SSE-SQS would replace, not add to, the KMS key.'],
      ['batch', 'Use SendMessageBatch so KMS is called once per batch', false, 'Batching cuts SQS requests; KMS calls depend on the data key reuse period.'],
      ['bucket-key', 'Enable Bucket Keys on the queue', false, 'Bucket Keys are an S3 feature.'],
    ],
  }),
  item({
    id: 'concept-cloudtrail-audit',
    topic: 'Auditing key use',
    skill: 'concepts',
    drills: c('Guide 000 Part III: SSE-KMS gives an audit trail'),
    prompt:
      'A compliance team needs to know which IAM principal decrypted which S3 object, and when. Objects are encrypted with SSE-KMS and a customer managed key, without Bucket Keys. Where is this recorded?',
    sources: [guide000('Part III, step 06 tip'), aws('AWS KMS Developer Guide — Logging with CloudTrail', DOCS.cloudtrail)],
    options: [
      ['cloudtrail', 'In CloudTrail, in each KMS Decrypt event', true, 'S3 sets the context { aws:s3:arn: <object ARN> } and calls KMS as the requester, so the event identifies both.'],
      ['s3-metadata', 'In the object\'s metadata, which lists every reader', false, 'S3 keeps no per-read history in object metadata.'],
      ['kms-console', 'On the key\'s page in the KMS console, under "Recent decrypts"', false, 'The console has no such list; CloudTrail is the record.'],
      ['config', 'In AWS Config, which records each decryption as a configuration change', false, 'Config tracks resource configuration, not each use of a key.'],
    ],
  }),
  item({
    id: 'concept-deletion-cost',
    topic: 'Key lifecycle',
    skill: 'concepts',
    drills: { kind: 'key-number', label: 'Key cost and deletion: $1 a month, 7 to 30 days, not charged while pending' },
    prompt:
      'A team cleans up a finished project that used ten customer managed keys. Some old backups might still need one of the keys. Which plan keeps recovery possible and stops the monthly charges SOONEST?',
    sources: [guide000('Clean-up protocol'), aws('AWS KMS Developer Guide — Deleting keys', DOCS.deleting), aws('AWS KMS pricing', DOCS.pricing)],
    options: [
      ['schedule-30', 'Schedule deletion with a 30-day window', true, 'Keys pending deletion are not charged, and CancelKeyDeletion (back to Disabled) keeps recovery possible during the window.'],
      ['disable', 'Disable all ten keys and keep them indefinitely', false, 'Disabled keys can be re-enabled, but they are still charged each month.'],
      ['schedule-7', 'Schedule all ten with the 7-day minimum so they are gone quickly', false, 'Charges stop as soon as the key is pending deletion whatever the window; a short window only shortens the time to notice a needed key.'],
      ['delete-now', 'Delete the keys immediately with DeleteKey', false, 'There is no immediate deletion of KMS keys; the waiting period is always 7 to 30 days.'],
    ],
  }),
  item({
    id: 'concept-hmac-keys',
    topic: 'Asymmetric and HMAC keys',
    skill: 'encrypt-decrypt',
    drills: c('KMS key specs: HMAC keys'),
    prompt:
      'A service must create tamper-evident tokens that only its own back end verifies, and the secret must never leave KMS. Verification happens thousands of times per minute inside AWS. Which key type is the MOST appropriate?',
    sources: [aws('AWS KMS Developer Guide — HMAC keys', DOCS.hmac)],
    options: [
      ['hmac', 'An HMAC KMS key, with GenerateMac and VerifyMac', true, 'HMAC keys make and check MACs inside KMS; when only your back end verifies, a shared secret is fine.'],
      ['rsa-sign', 'An RSA KMS key with Sign and Verify', false, 'It works, but asymmetric signatures are for verifiers without the secret; here only the back end verifies, and asymmetric operations have lower quotas.'],
      ['symmetric', 'A symmetric encryption key, encrypting each token', false, 'Encryption is not a MAC; a symmetric encryption key cannot GenerateMac.'],
      ['data-key', 'A data key from GenerateDataKey, kept in the service\'s memory', false, 'The secret would then leave KMS.'],
    ],
  }),
  item({
    id: 'concept-rsa-limit',
    topic: 'Asymmetric and HMAC keys',
    skill: 'encrypt-decrypt',
    drills: { kind: 'guide-correction', label: 'Asymmetric encryption limits are far below 4 KB' },
    prompt:
      'A developer plans to encrypt 2 KB JSON documents with an RSA_2048 KMS key using RSAES_OAEP_SHA_256, so that clients can encrypt offline with the public key. What will happen?',
    guideCorrection:
      'Guide 002 says asymmetric encryption is "still 4 KB max". RSA encryption takes far less: 190 bytes for RSA_2048 with RSAES_OAEP_SHA_256, a little more with larger keys. Encrypt a data key with RSA and the document with the data key.',
    sources: [guide('Asymmetric keys'), aws('AWS KMS Developer Guide — Asymmetric key specs', DOCS.keySpecs)],
    options: [
      ['too-big', 'It fails: RSA_2048 with OAEP SHA-256 encrypts at most 190 bytes', true, 'Wrap a random AES key with RSA and encrypt the document with that key instead.'],
      ['4kb', 'It works: asymmetric keys share the 4,096-byte limit of Encrypt', false, 'This is the guide\'s slip; RSA limits depend on key size and padding and are far smaller.'],
      ['rsa4096', 'It fails, but RSA_4096 would take the 2 KB document', false, 'RSA_4096 with OAEP SHA-256 takes 446 bytes, still far below 2 KB.'],
      ['sha1', 'It works only with RSAES_OAEP_SHA_1 padding', false, 'SHA-1 padding allows a few more bytes (214 for RSA_2048), still not 2 KB.'],
    ],
  }),
  item({
    id: 'concept-data-key-pair',
    topic: 'Asymmetric and HMAC keys',
    skill: 'encrypt-decrypt',
    drills: c('GenerateDataKeyPair for encrypt-only clients'),
    prompt:
      'A backend hands each mobile app install a key pair: the app encrypts uploads with the public key, and only the backend can decrypt later. The backend must never store a plaintext private key. Which KMS call fits BEST?',
    sources: [aws('AWS KMS API Reference — GenerateDataKeyPair', DOCS.dataKeyPair)],
    options: [
      ['pair-without', 'GenerateDataKeyPairWithoutPlaintext, storing the encrypted private key', true, 'It returns the public key in plaintext and the private key only encrypted under a KMS key; the backend decrypts it with KMS when needed.'],
      ['pair', 'GenerateDataKeyPair, storing the plaintext private key in a database', false, 'The backend would then hold plaintext private keys, which it must not.'],
      ['gdk-without', 'GenerateDataKeyWithoutPlaintext, giving the app the encrypted key', false, 'A symmetric data key is useless to the app without Decrypt, and it could also decrypt.'],
      ['create-key', 'CreateKey with an RSA spec for every install', false, 'A KMS key per install is costly ($1 a month each) and hits CreateKey quotas.'],
    ],
  }),
  item({
    id: 'concept-viaservice',
    topic: 'Key policies and IAM',
    skill: 'authorization',
    drills: c('Condition keys: kms:ViaService'),
    prompt:
      'A key encrypts objects in one S3 bucket. The security team wants the application role to use the key only through S3, never by calling KMS directly. Which key policy condition achieves this MOST directly?',
    sources: [aws('AWS KMS Developer Guide — Condition keys', DOCS.conditionKeys)],
    options: [
      ['viaservice', 'kms:ViaService = s3.<region>.amazonaws.com', true, 'It allows the actions only when an AWS service (here S3) makes the request on the principal\'s behalf.'],
      ['caller-account', 'kms:CallerAccount set to the account ID', false, 'That limits which account calls, not which service the request comes through.'],
      ['sourceip', 'aws:SourceIp set to the VPC\'s CIDR range', false, 'It filters by network origin; direct calls from the same network would still work.'],
      ['encryptionctx', 'kms:EncryptionContextKeys requiring aws:s3:arn', false, 'A direct caller can supply that context key too; it does not prove S3 made the call.'],
    ],
  }),
];
