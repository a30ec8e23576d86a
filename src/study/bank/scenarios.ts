import { aws, DOCS, guide, item } from './build';

// Exam-style items (a short scenario, then "which solution", with a qualifier) across the guide's
// topics, and the key numbers.

const k = (label: string) => ({ kind: 'key-number' as const, label });

export const scenarioItems = [
  item({
    id: 'ex-context-tenant-binding',
    topic: 'Encryption context',
    skill: 'encrypt-decrypt',
    drills: { kind: 'trap', label: 'Trap 2: binding ciphertext to a tenant' },
    prompt:
      'A multi-tenant SaaS encrypts each tenant\'s API tokens with one KMS key. A bug once returned tenant A\'s token to tenant B\'s code path, which decrypted it. The team wants such a mix-up to fail cryptographically and to see tenant IDs in CloudTrail. Which change achieves this with the LEAST effort?',
    sources: [guide('Trap 2'), guide('FAQ 2'), aws('AWS KMS Developer Guide — Encryption context', DOCS.context)],
    options: [
      ['context', 'Encrypt and decrypt with encryption context { TenantId: <id> }', true, 'Decrypt with another tenant\'s ID fails with InvalidCiphertextException, and CloudTrail logs the context in plaintext.'],
      ['key-per-tenant', 'Create a separate KMS key for each tenant', false, 'It isolates tenants but costs a key per tenant and more policy work; the context does it with one key.'],
      ['hash-prefix', 'Prefix each token with a hash of the tenant ID before encrypting', false, 'The code path would still decrypt it; checking the prefix is application logic, not cryptography.'],
      ['grant-per-call', 'Create a grant for each decrypt call', false, 'Grants scope permissions, but without a context constraint they do not bind the ciphertext to a tenant.'],
    ],
  }),
  item({
    id: 'ex-context-not-secret',
    topic: 'Encryption context',
    skill: 'encrypt-decrypt',
    drills: { kind: 'concept', label: 'Encryption context is not secret' },
    prompt:
      'A developer plans to put a customer\'s email address and date of birth into the encryption context "for extra security". The data is regulated personal information. Which advice is BEST?',
    sources: [aws('AWS KMS Developer Guide — Encryption context', DOCS.context)],
    options: [
      ['no-pii', 'Use a customer ID instead: the context is logged', true, 'CloudTrail records the context in clear text, so it must never hold secrets or sensitive personal data.'],
      ['fine', 'Good idea: the context is encrypted along with the data', false, 'The context is authenticated, not encrypted.'],
      ['hash', 'Fine, as long as the values are under 4 KB in total', false, 'Size is not the issue; exposure in logs is.'],
      ['kms-only', 'Fine, because only KMS ever sees the context', false, 'The context appears in CloudTrail events and must be stored or rebuilt by the application.'],
    ],
  }),
  item({
    id: 'ex-reencrypt-new-key',
    topic: 'ReEncrypt',
    skill: 'rotation',
    drills: { kind: 'scenario', label: 'Scenario 3: moving ciphertext to a new key without plaintext in the app' },
    prompt:
      'After a suspected leak of an application role\'s credentials, 2 million small encrypted records must move from key A to a new key B. Security forbids the plaintext from appearing in application memory during the move. Which approach meets this requirement MOST securely?',
    sources: [guide('Practice Scenario 3'), aws('AWS KMS API Reference — ReEncrypt', DOCS.reEncrypt)],
    options: [
      ['reencrypt', 'Call ReEncrypt for each record with DestinationKeyId set to key B', true, 'KMS decrypts and re-encrypts inside the service; the plaintext never reaches the caller.'],
      ['decrypt-encrypt', 'Call Decrypt with key A and then Encrypt with key B for each record', false, 'The plaintext would pass through application memory between the calls.'],
      ['rotate-a', 'Rotate key A on demand so the records use new material', false, 'Rotation keeps old material for old ciphertext; the records still decrypt with key A.'],
      ['alias', 'Point the application\'s alias at key B', false, 'New writes use key B, but stored records stay under key A.'],
    ],
  }),
  item({
    id: 'ex-reencrypt-permissions',
    topic: 'ReEncrypt',
    skill: 'authorization',
    drills: k('ReEncrypt needs ReEncryptFrom and ReEncryptTo'),
    prompt:
      'A migration role calls ReEncrypt to move ciphertext from key A to key B and gets AccessDeniedException. Which two permissions must it have? (Choose two.)',
    sources: [aws('AWS KMS API Reference — ReEncrypt', DOCS.reEncrypt)],
    options: [
      ['from', 'kms:ReEncryptFrom on key A', true, 'ReEncrypt checks the source key with ReEncryptFrom.'],
      ['to', 'kms:ReEncryptTo on key B', true, 'And the destination key with ReEncryptTo.'],
      ['decrypt-a', 'kms:Decrypt on key A', false, 'ReEncrypt does not need Decrypt; that is why it can keep plaintext away from the caller.'],
      ['encrypt-b', 'kms:Encrypt on key B', false, 'The destination check is ReEncryptTo, not Encrypt.'],
      ['createkey', 'kms:CreateKey in the account', false, 'No key is created.'],
    ],
  }),
  item({
    id: 'ex-cross-account-both',
    topic: 'Cross-account use',
    skill: 'cross-account',
    drills: { kind: 'concept', label: 'Cross-account KMS needs the key policy and an IAM policy' },
    prompt:
      'Account A owns a customer managed key. A role in account B must decrypt data encrypted under it. The key policy in A already allows account B to use the key. The role still gets AccessDeniedException. Which step completes the setup with the LEAST privilege?',
    sources: [aws('AWS KMS Developer Guide — Allowing other accounts', DOCS.crossAccount)],
    options: [
      ['iam-in-b', 'An IAM policy in account B allowing kms:Decrypt', true, 'Cross-account use needs both: A\'s key policy trusts account B, and B\'s IAM policy delegates to the role.'],
      ['alias-b', 'Create an alias for the key in account B', false, 'Aliases cannot point at keys in another account.'],
      ['role-in-a', 'Create the same role name in account A', false, 'Roles are per account; a same-named role in A is a different principal.'],
      ['scp-b', 'Attach an SCP in account B allowing kms:Decrypt', false, 'SCPs never grant; an IAM policy is still needed.'],
    ],
  }),
  item({
    id: 'ex-cross-account-aws-managed',
    topic: 'Cross-account use',
    skill: 'cross-account',
    drills: { kind: 'concept', label: 'AWS managed keys cannot be shared across accounts' },
    prompt:
      'A bucket in account A uses SSE-KMS with the AWS managed key aws/s3. A partner in account B has s3:GetObject through the bucket policy but gets AccessDenied on every object. Which change gives the partner access with the LEAST ongoing effort?',
    sources: [aws('AWS KMS Developer Guide — Allowing other accounts', DOCS.crossAccount), aws('Amazon S3 User Guide — SSE-KMS', DOCS.s3SseKms)],
    options: [
      ['cmk', 'Re-encrypt with a customer managed key shared with B', true, 'AWS managed key policies cannot be changed, so aws/s3 can never be used by another account.'],
      ['edit-aws-s3', 'Edit the key policy of aws/s3 to allow account B', false, 'AWS managed key policies are read-only to you.'],
      ['grant', 'Create a grant on aws/s3 for account B', false, 'You cannot manage grants on AWS managed keys for other accounts.'],
      ['acl', 'Add an object ACL granting the partner READ', false, 'S3 access alone is not enough; the partner also needs to decrypt with the key.'],
    ],
  }),
  item({
    id: 'ex-cross-account-key-arn',
    topic: 'Cross-account use',
    skill: 'cross-account',
    drills: { kind: 'concept', label: 'Naming a key in another account' },
    prompt:
      'A Lambda function in account B encrypts with a key in account A and the right policies are in place. The code passes KeyId: "alias/shared-key" and gets NotFoundException. What should it pass?',
    sources: [aws('AWS KMS Developer Guide — Allowing other accounts', DOCS.crossAccount)],
    options: [
      ['arn', 'The key ARN, with account A\'s ID', true, 'A bare key ID or alias name is looked up in the caller\'s own account; another account\'s key needs its ARN.'],
      ['key-id', 'The bare key ID of the key', false, 'A bare key ID is looked up in account B and not found.'],
      ['alias-prefix', 'The alias name without the alias/ prefix', false, 'Still looked up in account B, and invalid without the prefix.'],
      ['region', 'The alias name with a Region suffix', false, 'There is no such form.'],
    ],
  }),
  item({
    id: 'ex-grant-tokens',
    topic: 'Grants',
    skill: 'authorization',
    drills: { kind: 'concept', label: 'Grant tokens and eventual consistency' },
    prompt:
      'A workflow calls CreateGrant for a worker role and immediately hands the work to the worker, whose first Decrypt sometimes fails with AccessDeniedException. The same call succeeds on retry a few seconds later. Which fix is MOST appropriate?',
    sources: [aws('AWS KMS Developer Guide — Grants', DOCS.grants)],
    options: [
      ['token', 'Pass the grant token with the Decrypt call', true, 'A new grant can take a moment to apply everywhere; a grant token lets the grant be used at once.'],
      ['sleep', 'Make the worker sleep for five minutes before every Decrypt', false, 'It delays everything and is not guaranteed; grant tokens are the documented remedy.'],
      ['policy', 'Move the permission into the key policy', false, 'A lasting policy change for short-lived access; grants are right here.'],
      ['retire', 'Retire and recreate the grant until Decrypt works', false, 'That creates the same delay each time.'],
    ],
  }),
  item({
    id: 'ex-grant-retire',
    topic: 'Grants',
    skill: 'authorization',
    drills: { kind: 'concept', label: 'Retiring and revoking grants' },
    prompt: 'Which two statements about KMS grants are true? (Choose two.)',
    sources: [aws('AWS KMS Developer Guide — Grants', DOCS.grants)],
    options: [
      ['retire', 'A grant can name a retiring principal', true, 'RetireGrant by the retiring principal (or the grantee, in some cases) ends the grant cleanly.'],
      ['constraints', 'A grant can require an encryption context', true, 'EncryptionContextEquals and EncryptionContextSubset constraints.'],
      ['expire', 'Every grant expires automatically after 24 hours', false, 'Grants last until retired or revoked.'],
      ['deny', 'A grant can deny actions that the key policy allows', false, 'Grants only allow.'],
      ['aws-owned', 'Grants can be created on AWS owned keys', false, 'AWS owned keys are not in your account; you cannot manage them.'],
    ],
  }),
  item({
    id: 'ex-disable-vs-delete',
    topic: 'Key lifecycle',
    skill: 'concepts',
    drills: { kind: 'concept', label: 'Disabling a key versus scheduling deletion' },
    prompt:
      'A security team suspects a key is no longer used but is not certain. They want to stop its use immediately and be able to undo the change at any time if something breaks. Which action is BEST?',
    sources: [aws('AWS KMS Developer Guide — Deleting keys', DOCS.deleting)],
    options: [
      ['disable', 'Disable the key and watch CloudTrail', true, 'Disabling stops all cryptographic use at once and can be reversed any time with EnableKey.'],
      ['schedule-30', 'Schedule deletion with a 30-day window', false, 'Use also stops, but once the window ends the deletion is irreversible and all ciphertext is lost.'],
      ['policy-deny', 'Remove every statement from the key policy', false, 'KMS refuses a policy that would lock out the account; and it is harder to undo than disabling.'],
      ['rotate', 'Rotate the key on demand', false, 'The key stays usable; rotation does not stop use.'],
    ],
  }),
  item({
    id: 'ex-imported-material-expiry',
    topic: 'Imported key material',
    skill: 'concepts',
    drills: { kind: 'concept', label: 'Imported key material: expiry and deletion' },
    prompt:
      'A regulator requires that the company can make its KMS-protected data unreadable within an hour, on its own decision, without waiting 7 days. The data is encrypted under one customer managed key. Which key setup BEST meets this requirement?',
    sources: [aws('AWS KMS Developer Guide — Importing key material', DOCS.importing)],
    options: [
      ['import', 'A key with imported material; call DeleteImportedKeyMaterial when needed', true, 'Deleting imported material makes the key unusable at once (it can be reimported later from the company\'s copy).'],
      ['schedule-7', 'A KMS-made key scheduled for deletion with the minimum window', false, 'The minimum window is 7 days.'],
      ['disable', 'A KMS-made key that the company disables', false, 'Disabling is quick, but anyone allowed to EnableKey can undo it; the data is not made unreadable.'],
      ['rotate', 'A KMS-made key rotated on demand', false, 'Old material is kept, so old data stays readable.'],
    ],
  }),
  item({
    id: 'ex-data-key-caching-when',
    topic: 'Envelope encryption',
    skill: 'encrypt-decrypt',
    drills: { kind: 'concept', label: 'Data key caching in the AWS Encryption SDK' },
    prompt:
      'An ingestion service encrypts 20,000 small messages per second with the AWS Encryption SDK, making one GenerateDataKey call per message. KMS costs and throttling are rising. Which change reduces KMS calls the MOST while keeping each key\'s use bounded?',
    sources: [guide('Trap 5'), aws('AWS Encryption SDK — Data key caching', DOCS.esdkCaching)],
    options: [
      ['caching-cmm', 'Data key caching with age and use limits', true, 'Each data key serves many messages up to the limits, so GenerateDataKey calls drop sharply.'],
      ['encrypt-direct', 'Call kms:Encrypt on each message instead', false, 'Still one KMS call per message.'],
      ['single-key', 'Generate one data key at start-up and use it forever', false, 'Unbounded reuse breaks the point of limiting what one key protects.'],
      ['rsa', 'Switch to an RSA KMS key', false, 'Asymmetric operations are slower and have lower quotas.'],
    ],
  }),
  item({
    id: 'ex-esdk-context',
    topic: 'Client-side encryption',
    skill: 'encrypt-decrypt',
    drills: { kind: 'scenario', label: 'Scenario 1: client-side encryption of a 50 MB video' },
    prompt:
      'A mobile back end encrypts 50 MB videos with the AWS Encryption SDK before uploading them to S3, so S3 never sees plaintext. Auditors want each video\'s KMS use tied to the video ID in CloudTrail. Which addition meets this with the LEAST effort?',
    sources: [guide('Practice Scenario 1'), aws('AWS Encryption SDK Developer Guide', DOCS.esdk)],
    options: [
      ['ctx', 'An encryption context { videoId: <id> }', true, 'The SDK sends the context to KMS with the data key request, so CloudTrail shows it; it is also stored in the message header.'],
      ['s3-tags', 'Tag each S3 object with the video ID', false, 'Object tags do not appear in KMS events.'],
      ['key-per-video', 'Create a KMS key per video', false, 'Costly and unnecessary; the context ties calls to videos.'],
      ['sse-kms', 'Also enable SSE-KMS on the bucket', false, 'S3\'s own KMS calls would show object ARNs, but the client-side calls would still lack the video ID.'],
    ],
  }),
  item({
    id: 'ex-direct-encrypt-small',
    topic: 'Encrypt, decrypt and data keys',
    skill: 'encrypt-decrypt',
    drills: { kind: 'scenario', label: 'Scenario 2: a 200-byte API key in DynamoDB' },
    prompt:
      'A service stores third-party API keys (about 200 bytes each) in DynamoDB and reads each one a few times a day. It wants the simplest code that keeps KMS in charge and binds each key to its tenant. Which approach is MOST appropriate?',
    sources: [guide('Practice Scenario 2'), aws('AWS KMS API Reference — Encrypt', DOCS.encrypt)],
    options: [
      ['encrypt-ctx', 'kms:Encrypt with context { TenantId, Purpose }', true, 'Under 4 KB, direct Encrypt is simplest; the context binds the value to its tenant.'],
      ['envelope', 'GenerateDataKey per value and local AES-GCM encryption', false, 'It works but adds code with no benefit at this size and rate.'],
      ['ssec', 'Store the values in S3 with SSE-C instead', false, 'A different store and keys to manage yourself.'],
      ['table-only', 'Rely on DynamoDB\'s default encryption at rest', false, 'Server-side at rest only; anyone who can read the item reads the key, and there is no tenant binding.'],
    ],
  }),
  item({
    id: 'ex-lambda-function-only',
    topic: 'Lambda environment variables',
    skill: 'sensitive-data',
    drills: { kind: 'scenario', label: 'Scenario 4: an environment variable only one function can decrypt' },
    prompt:
      'A function\'s environment variable holds a signing secret. The team wants the value hidden in the console, readable only inside that function, and the decrypt call kept to one per execution environment. Which combination meets these requirements with the LEAST operational overhead? (Choose two.)',
    sources: [guide('Practice Scenario 4'), aws('AWS Lambda Developer Guide — Securing environment variables', DOCS.lambdaEnvEncryption)],
    options: [
      ['helper', 'Console helpers with a customer managed key', true, 'The helper hides the value and binds it to the function\'s name.'],
      ['init', 'Decrypt once in the initialization code', true, 'One decrypt per cold start; warm invocations reuse it.'],
      ['aws-lambda-key', 'Rely on the default aws/lambda at-rest encryption alone', false, 'The value would still be visible in the console and API to anyone who can read the configuration.'],
      ['handler', 'Decrypt inside the handler on every invocation', false, 'Correct but wasteful: a KMS call per request.'],
      ['log', 'Log the decrypted value once at start-up to confirm it works', false, 'Secrets must never be written to logs.'],
    ],
  }),
  item({
    id: 'ex-rotation-on-off',
    topic: 'Key rotation',
    skill: 'rotation',
    drills: { kind: 'concept', label: 'Turning rotation on and off' },
    prompt:
      'A key has had automatic rotation on for three years. A developer calls DisableKeyRotation. Which statement about data encrypted during those three years is true?',
    sources: [aws('AWS KMS Developer Guide — Rotating keys', DOCS.rotation)],
    options: [
      ['still', 'It still decrypts; earlier material is kept', true, 'Turning rotation off stops future rotations only; no material is removed.'],
      ['lost', 'Data encrypted before the last rotation can no longer be decrypted', false, 'KMS never deletes a key\'s earlier material while the key exists.'],
      ['reencrypt', 'KMS re-encrypts it under the first material', false, 'Nothing is re-encrypted.'],
      ['refused', 'DisableKeyRotation is refused once a key has rotated', false, 'Rotation can be turned on and off at any time.'],
    ],
  }),
  item({
    id: 'ex-rotation-which-keys',
    topic: 'Key rotation',
    skill: 'rotation',
    drills: { kind: 'trap', label: 'Trap 4: which keys rotate automatically' },
    prompt:
      'A platform team has four kinds of customer managed keys: symmetric encryption keys, RSA signing keys, HMAC keys, and symmetric keys in a custom key store. Policy says "turn on automatic rotation wherever KMS supports it". For which keys can they turn it on?',
    sources: [guide('Trap 4'), aws('AWS KMS Developer Guide — Rotating keys', DOCS.rotation)],
    options: [
      ['symmetric-only', 'Only the symmetric encryption keys with KMS-made material', true, 'Automatic rotation is for symmetric encryption keys with key material generated by KMS; not asymmetric, HMAC or custom key store keys.'],
      ['symmetric-hmac', 'The symmetric encryption keys and the HMAC keys', false, 'HMAC keys cannot be rotated automatically.'],
      ['all-but-rsa', 'All except the RSA signing keys', false, 'HMAC and custom key store keys are also excluded.'],
      ['all', 'All four kinds, with the same 90 to 2,560-day periods', false, 'Only symmetric encryption keys with KMS-made material rotate automatically.'],
    ],
  }),
  item({
    id: 'num-encrypt-limit',
    topic: 'Key numbers',
    skill: 'encrypt-decrypt',
    drills: k('Encrypt: 4,096 bytes of plaintext'),
    prompt: 'What is the largest plaintext that kms:Encrypt accepts with a symmetric encryption key?',
    sources: [guide('Key numbers'), aws('AWS KMS API Reference — Encrypt', DOCS.encrypt)],
    options: [
      ['4096', '4,096 bytes', true, 'Anything larger is refused with ValidationException; use envelope encryption.'],
      ['4000', '4,000 bytes', false, 'The limit is 4 KiB, 4,096 bytes.'],
      ['1024', '1,024 bytes', false, '1,024 is the largest NumberOfBytes for GenerateDataKey, not the Encrypt limit.'],
      ['65536', '65,536 bytes', false, 'Far above the actual limit.'],
    ],
  }),
  item({
    id: 'num-rotation-period',
    topic: 'Key numbers',
    skill: 'rotation',
    drills: k('Rotation period: 90 to 2,560 days, default 365'),
    prompt: 'A compliance rule asks for key rotation every six months. Which statement is correct for a customer managed symmetric key?',
    sources: [guide('Key numbers'), aws('AWS KMS Developer Guide — Rotating keys', DOCS.rotation)],
    options: [
      ['180', 'Set RotationPeriodInDays to 180; any value from 90 to 2,560 is accepted', true, 'The custom period (since 2024) lets you pick 180 days.'],
      ['365-only', 'Not possible: automatic rotation is always every 365 days', false, 'That was true before 2024.'],
      ['30-min', 'Possible: periods from 30 to 3,650 days are accepted', false, 'The range is 90 to 2,560 days.'],
      ['on-demand-only', 'Only with RotateKeyOnDemand twice a year', false, 'On-demand rotation works, but a 180-day automatic period is simpler.'],
    ],
  }),
  item({
    id: 'num-deletion-window',
    topic: 'Key numbers',
    skill: 'concepts',
    drills: k('Deletion waiting period: 7 to 30 days, default 30'),
    prompt: 'A script calls ScheduleKeyDeletion without PendingWindowInDays. When will the key be deleted?',
    sources: [guide('Key numbers'), aws('AWS KMS Developer Guide — Deleting keys', DOCS.deleting)],
    options: [
      ['30', 'After 30 days, the default waiting period', true, 'The window is 7 to 30 days; 30 when not given.'],
      ['7', 'After 7 days, the minimum', false, '7 is the minimum, not the default.'],
      ['immediately', 'Immediately, since no window was given', false, 'KMS always waits at least 7 days.'],
      ['never', 'Never: the call is refused without a window', false, 'The parameter is optional.'],
    ],
  }),
  item({
    id: 'num-key-cost',
    topic: 'Key numbers',
    skill: 'concepts',
    drills: k('Customer managed key: $1 a month plus requests'),
    prompt:
      'A team plans a customer managed key per microservice (40 services) to keep policies separate. Which cost statement is accurate?',
    sources: [guide('Key numbers'), aws('AWS KMS pricing', DOCS.pricing)],
    options: [
      ['40', 'About $40 a month for the keys, plus request charges beyond the free tier', true, 'Each customer managed key costs $1 a month (prorated hourly); requests are billed separately.'],
      ['free', 'Nothing, because customer managed keys are free and only requests are billed', false, 'The monthly key fee applies to customer managed keys.'],
      ['one', 'About $1 a month in total, since keys in one account share a fee', false, 'The fee is per key.'],
      ['aws-managed-paid', 'Nothing for keys, if they use AWS managed keys instead, which also allow separate policies', false, 'AWS managed keys are free to hold, but their policies cannot be edited.'],
    ],
  }),
  item({
    id: 'num-data-key-bytes',
    topic: 'Key numbers',
    skill: 'encrypt-decrypt',
    drills: k('GenerateDataKey: AES_256 is 32 bytes; NumberOfBytes 1 to 1,024'),
    prompt: 'Which two statements about GenerateDataKey are true? (Choose two.)',
    sources: [guide('Key numbers'), aws('AWS KMS API Reference — GenerateDataKey', DOCS.generateDataKey)],
    options: [
      ['32', 'KeySpec AES_256 returns a 32-byte plaintext key and its encrypted copy', true, '256 bits are 32 bytes; one response holds both forms.'],
      ['one-of', 'The request names either KeySpec or NumberOfBytes', true, 'One of the two is required; NumberOfBytes may be 1 to 1,024.'],
      ['stored', 'KMS stores the data key so it can be retrieved later by ID', false, 'KMS keeps no data keys.'],
      ['256-bytes', 'KeySpec AES_256 returns a 256-byte key', false, 'AES-256 keys are 256 bits, 32 bytes.'],
      ['asym', 'It also works with an RSA KMS key', false, 'GenerateDataKey needs a symmetric encryption KMS key.'],
    ],
  }),
  item({
    id: 'num-bucket-keys',
    topic: 'Key numbers',
    skill: 'troubleshooting',
    drills: k('S3 Bucket Keys cut KMS requests by up to about 99%'),
    prompt: 'By how much can S3 Bucket Keys reduce KMS request traffic for SSE-KMS objects, according to AWS?',
    sources: [guide('Key numbers'), aws('Amazon S3 User Guide — S3 Bucket Keys', DOCS.s3BucketKeys)],
    options: [
      ['99', 'By up to about 99%', true, 'A bucket-level key from KMS is used to derive object keys for a while, so few KMS calls remain.'],
      ['50', 'By about half', false, 'AWS documents up to about 99%.'],
      ['10', 'By about 10%, as a small optimization', false, 'Far below the documented figure.'],
      ['100', 'Completely: no KMS calls are made after enabling it', false, 'S3 still calls KMS for bucket-level keys.'],
    ],
  }),
  item({
    id: 'num-aws-managed-rotation',
    topic: 'Key numbers',
    skill: 'rotation',
    drills: k('AWS managed keys rotate every year'),
    prompt:
      'A study site says AWS managed keys such as aws/s3 "rotate every three years, and you can change that". What is actually true today?',
    sources: [aws('AWS KMS Developer Guide — Rotating keys', DOCS.rotation)],
    options: [
      ['yearly', 'They rotate every year, and you cannot change or turn it off', true, 'Since May 2022, AWS managed keys rotate yearly; the schedule is not yours to set.'],
      ['three-fixed', 'They rotate every three years, and you cannot change it', false, 'Three years was the rule before May 2022.'],
      ['configurable', 'They rotate every year by default, but you can set 90 to 2,560 days', false, 'Custom periods are for customer managed keys only.'],
      ['never', 'They never rotate; only customer managed keys rotate', false, 'They rotate yearly.'],
    ],
  }),
  item({
    id: 'ex-sign-verify-choice',
    topic: 'Asymmetric and HMAC keys',
    skill: 'encrypt-decrypt',
    drills: { kind: 'scenario', label: 'Scenario 7: signing with a key that never leaves AWS' },
    prompt:
      'A release pipeline signs build artifacts so customers can verify them offline. The private key must never leave AWS. Which combination of steps meets these requirements MOST securely? (Choose two.)',
    sources: [guide('Practice Scenario 7'), aws('AWS KMS API Reference — Sign', DOCS.sign)],
    options: [
      ['sign', 'Create an asymmetric KMS key with usage SIGN_VERIFY and sign digests with kms:Sign', true, 'Signing happens inside KMS; the private key stays there.'],
      ['publish', 'Publish the public key from GetPublicKey for customers to verify with', true, 'Customers verify offline with standard tools.'],
      ['encrypt-usage', 'Create the key with usage ENCRYPT_DECRYPT and sign with Encrypt', false, 'Signing needs a SIGN_VERIFY key; Encrypt is not a signature.'],
      ['export', 'Export the private key into the pipeline\'s secrets store', false, 'KMS private keys cannot be exported.'],
      ['verify-api', 'Give every customer kms:Verify permission on the key', false, 'Customers then need AWS access; offline verification uses the public key.'],
    ],
  }),
];
