import { aws, DOCS, guide, item } from './build';

// Items for guide 002's eight exam traps, its practice scenarios and FAQ answers that no lab panel drills yet.

const t = (n: number, label: string) => ({ kind: 'trap' as const, label: `Trap ${n}: ${label}` });

export const trapItems = [
  item({
    id: 'trap1-video-uploads',
    topic: 'Envelope encryption',
    skill: 'encrypt-decrypt',
    drills: t(1, 'kms:Encrypt on a large payload'),
    prompt:
      'A media service encrypts each uploaded video (50 MB to 2 GB) with a customer managed KMS key before storing it. The current code calls kms:Encrypt on the whole file and fails for every upload. Which change fixes this with the LEAST operational overhead?',
    sources: [guide('Trap 1'), guide('FAQ 1'), aws('AWS Encryption SDK Developer Guide', DOCS.esdk)],
    options: [
      ['esdk', 'Encrypt each file with the AWS Encryption SDK using the KMS key as the wrapping key', true, 'The Encryption SDK asks KMS for a data key, encrypts the file locally and stores the encrypted data key in the message it writes: envelope encryption without hand-written key handling.'],
      ['chunks', 'Split each file into 4 KB chunks and call kms:Encrypt on every chunk in parallel', false, 'It would work, but it means hundreds of thousands of KMS calls per video: slow, costly and likely to be throttled. Envelope encryption needs one call.'],
      ['quota', 'Request a higher Encrypt payload limit for the key through Service Quotas', false, 'The 4,096-byte plaintext limit of Encrypt is fixed; it is not a quota that can be raised.'],
      ['rsa', 'Use an RSA_4096 key instead, which accepts larger plaintexts than a symmetric key', false, 'The opposite: RSA encryption takes far less (a few hundred bytes at most, by key size and padding).'],
    ],
  }),
  item({
    id: 'trap1-which-api-20mb',
    topic: 'Envelope encryption',
    skill: 'encrypt-decrypt',
    drills: t(1, 'kms:Encrypt on a large payload'),
    prompt:
      'A developer must encrypt a 20 MB log archive in application code and keep KMS in charge of the key. Each archive is written once and read rarely. Which KMS API call should the code make FIRST?',
    sources: [guide('Trap 1'), aws('AWS KMS API Reference — GenerateDataKey', DOCS.generateDataKey)],
    options: [
      ['gdk', 'GenerateDataKey, then encrypt the archive locally with the plaintext data key', true, 'One call returns a plaintext data key for local AES-GCM and an encrypted copy to store with the archive.'],
      ['encrypt', 'Encrypt, passing the archive bytes as Plaintext and the key ID', false, 'Encrypt accepts at most 4,096 bytes of plaintext; 20 MB is refused with ValidationException.'],
      ['reencrypt', 'ReEncrypt, passing the archive so it is wrapped under the KMS key', false, 'ReEncrypt only moves existing KMS ciphertext to another key; it does not encrypt new data.'],
      ['random', 'GenerateRandom, then use the bytes as a key and store them beside the archive', false, 'Random bytes stored in plaintext beside the archive protect nothing, and KMS would not be in charge of the key.'],
    ],
  }),
  item({
    id: 'trap3-iam-allows-but-denied',
    topic: 'Key policies and IAM',
    skill: 'authorization',
    drills: t(3, 'IAM alone does not grant KMS access'),
    prompt:
      'A role has an IAM policy that allows kms:Decrypt on a customer managed key, yet Decrypt fails with AccessDeniedException. The key was created from a template whose key policy names only the security team\'s role. Which change lets the application role decrypt while keeping control in the key policy MOST clearly?',
    sources: [guide('Trap 3'), aws('AWS KMS Developer Guide — Key policies', DOCS.keyPolicies)],
    options: [
      ['key-policy', 'Add a key policy statement that allows the application role kms:Decrypt on this key', true, 'KMS looks at the key policy first. A statement naming the role allows it directly; alternatively the root statement lets IAM policies apply.'],
      ['iam-star', 'Widen the IAM policy to allow kms:* on every key in the account', false, 'IAM permissions count only when the key policy lets IAM policies apply (the root statement). Without it, no IAM policy helps, however broad.'],
      ['scp', 'Attach a service control policy that allows kms:Decrypt for the account', false, 'SCPs only limit what IAM can allow; they never grant access, and the key policy still decides.'],
      ['grant-self', 'Have the application role call CreateGrant on the key for itself', false, 'Creating a grant needs kms:CreateGrant, which the role does not have for the same reason it lacks Decrypt: the key policy does not let it.'],
    ],
  }),
  item({
    id: 'trap3-root-statement',
    topic: 'Key policies and IAM',
    skill: 'authorization',
    drills: t(3, 'the key policy must let IAM policies apply'),
    prompt:
      'Which two statements about the default key policy\'s "Enable IAM User Permissions" statement (principal: the account root) are true? (Choose two.)',
    sources: [guide('Trap 3'), aws('AWS KMS Developer Guide — Default key policy', DOCS.defaultPolicy)],
    options: [
      ['iam-applies', 'It lets IAM policies in the account allow actions on the key', true, 'That is its purpose: with it, IAM identity policies grant KMS permissions; without it, only the key policy (and grants) can.'],
      ['lockout', 'It keeps the key manageable if the administrators named in the policy are deleted', true, 'Because the account can always authorize someone through IAM, the key cannot become unmanageable.'],
      ['everyone', 'It allows every IAM user and role in the account to use the key', false, 'It allows nothing by itself for users and roles; each still needs an IAM policy that allows the action.'],
      ['root-only', 'It means only the root user of the account can use the key', false, 'The account principal stands for the account, which then delegates to IAM; it does not restrict use to the root user.'],
      ['cross-account', 'It lets any AWS account use the key once IAM allows it', false, 'The principal is this account only. Another account needs its own statement in the key policy.'],
    ],
  }),
  item({
    id: 'trap5-throttled-no-change',
    topic: 'Quotas and throttling',
    skill: 'troubleshooting',
    drills: t(5, 'the shared KMS request quota'),
    prompt:
      'An order service that calls kms:Decrypt a few hundred times per second starts failing with ThrottlingException. Its code and traffic have not changed. The same week another team began bulk-loading objects into an SSE-KMS bucket in the same account and Region. Which is the MOST likely cause?',
    sources: [guide('Trap 5'), guide('FAQ 5'), aws('AWS KMS Developer Guide — Request quotas', DOCS.quotas)],
    options: [
      ['shared', 'Both workloads draw on one per-account, per-Region quota for cryptographic requests', true, 'Cryptographic operations share a quota per account and Region, whichever service makes the calls on your behalf (S3 with SSE-KMS included).'],
      ['per-key', 'The order service\'s key has its own request limit that the bucket is using up', false, 'The quota is shared by the account in that Region, not per key; the bucket may use a different key and still throttle the service.'],
      ['bug', 'A code regression in the order service is retrying every call in a tight loop', false, 'Nothing in the service changed; this is the "blame the application" trap.'],
      ['s3-limit', 'S3 is throttling the order service because the bucket is busy', false, 'The error comes from KMS, for the order service\'s own Decrypt calls.'],
    ],
  }),
  item({
    id: 'trap5-mitigations',
    topic: 'Quotas and throttling',
    skill: 'troubleshooting',
    drills: t(5, 'the shared KMS request quota'),
    prompt:
      'An account\'s KMS request rate keeps reaching its quota. Most calls come from an S3 bucket with SSE-KMS and from an application that encrypts millions of small records with GenerateDataKey. Which two actions reduce KMS requests the MOST? (Choose two.)',
    sources: [guide('Trap 5'), aws('Amazon S3 User Guide — S3 Bucket Keys', DOCS.s3BucketKeys), aws('AWS Encryption SDK — Data key caching', DOCS.esdkCaching)],
    options: [
      ['bucket-keys', 'Enable S3 Bucket Keys on the SSE-KMS bucket', true, 'S3 then gets a bucket-level key from KMS and derives object keys from it, cutting KMS requests by up to about 99%.'],
      ['caching', 'Use data key caching in the AWS Encryption SDK for the small records', true, 'Reusing a data key for a bounded number of messages or time replaces many GenerateDataKey calls with one.'],
      ['more-keys', 'Spread the records across ten customer managed keys', false, 'The quota is per account and Region, shared by all keys; more keys do not add capacity.'],
      ['aws-managed', 'Switch the bucket to the AWS managed key aws/s3', false, 'Requests with AWS managed keys count against the same quota.'],
      ['retries', 'Raise the SDK\'s maximum retries to 20', false, 'Retries with backoff soften bursts, but more retries add requests; they do not reduce demand.'],
    ],
  }),
  item({
    id: 'trap5-quota-numbers',
    topic: 'Quotas and throttling',
    skill: 'troubleshooting',
    drills: { kind: 'key-number', label: 'Trap 5: KMS cryptographic request quotas (current figures)' },
    prompt: 'What does AWS currently document about the request quota for symmetric cryptographic operations (Encrypt, Decrypt, GenerateDataKey...)?',
    guideCorrection:
      'Guide 002 gives "10,000 requests per second in most Regions, 30,000 in some large Regions". The quota page lists several tiers by Region — 5,500, 10,000 or 50,000 requests per second when this item was last checked — and the figures change; read the page for your Region.',
    sources: [guide('Trap 5; Key numbers'), aws('AWS KMS Developer Guide — Request quotas', DOCS.quotas)],
    options: [
      ['by-region', 'A shared per-account rate that depends on the Region (5,500, 10,000 or 50,000 per second) and can be raised', true, 'Shared by all cryptographic operations in the account and Region, different tiers by Region, adjustable through Service Quotas.'],
      ['guide', 'A shared rate of 10,000 per second in most Regions and 30,000 in a few large ones, fixed', false, 'These are the guide\'s older figures, and the quota is adjustable.'],
      ['per-key', 'A rate of 1,000 per second for each KMS key, with no account-wide limit', false, 'The quota is per account and Region, shared across keys.'],
      ['unlimited', 'No rate quota for symmetric keys; only asymmetric operations are limited', false, 'Symmetric cryptographic operations have a quota too; asymmetric ones have lower, separate quotas.'],
    ],
  }),
  item({
    id: 'trap6-helper-context',
    topic: 'Lambda environment variables',
    skill: 'sensitive-data',
    drills: t(6, 'the Lambda encryption helper\'s context'),
    prompt:
      'A developer encrypted DB_PASSWORD in the Lambda console with "Enable helpers for encryption in transit". At cold start the function calls kms:Decrypt with only the CiphertextBlob and gets InvalidCiphertextException, although its role may decrypt with the key. Which change fixes the failure with the LEAST effort?',
    sources: [guide('Trap 6'), aws('AWS Lambda Developer Guide — Securing environment variables', DOCS.lambdaEnvEncryption)],
    options: [
      ['context', 'Pass { LambdaFunctionName: <name> } as the context', true, 'The console helper encrypts with that context, so Decrypt must present the same pair; the name is in AWS_LAMBDA_FUNCTION_NAME.'],
      ['keyid', 'Pass the KMS key ID on Decrypt so KMS knows which key to use', false, 'Symmetric ciphertext names its key; the missing piece is the encryption context, which KMS reports as InvalidCiphertextException.'],
      ['base64', 'Stop base64-decoding the value before passing it to Decrypt', false, 'The helper stores base64 text; decoding it is right. The failure is the context.'],
      ['permission', 'Add kms:Decrypt for the key to the function\'s execution role', false, 'A missing permission gives AccessDeniedException, not InvalidCiphertextException.'],
    ],
  }),
  item({
    id: 'trap7-cross-region-decrypt',
    topic: 'Multi-Region keys',
    skill: 'cross-account',
    drills: t(7, 'cross-Region code without multi-Region keys'),
    prompt:
      'Records are encrypted in us-east-1 with a single-Region customer managed key and replicated to eu-west-1. The eu-west-1 application creates its KMS client for eu-west-1 and calls Decrypt, which fails. Which change lets it decrypt locally, with no call back to us-east-1, with the LEAST rework?',
    sources: [guide('Trap 7'), guide('FAQ 8'), aws('AWS KMS Developer Guide — Multi-Region keys', DOCS.multiRegion)],
    options: [
      ['mrk', 'Encrypt new records with a multi-Region key and replicate that key to eu-west-1', true, 'A replica shares the primary\'s key ID and material, so eu-west-1 decrypts with its local replica. Existing records can be re-encrypted under the new key once.'],
      ['copy-key', 'Create a key in eu-west-1 and import the us-east-1 key\'s material into it', false, 'KMS-made material can never be exported, so there is nothing to import; and keys with different IDs do not decrypt each other\'s ciphertext.'],
      ['alias', 'Create an alias with the same name in eu-west-1 pointing at a local key', false, 'Aliases are per Region; a same-named alias on another key does not make the ciphertext decryptable.'],
      ['grant', 'Create a grant on the us-east-1 key for the eu-west-1 role', false, 'A grant gives permission but the key still lives only in us-east-1; every Decrypt would still be a cross-Region call.'],
    ],
  }),
  item({
    id: 'trap7-mrk-facts',
    topic: 'Multi-Region keys',
    skill: 'cross-account',
    drills: t(7, 'what multi-Region keys share'),
    prompt: 'Which two statements about a multi-Region primary key and its replica are true? (Choose two.)',
    sources: [guide('Trap 7'), guide('FAQ 8'), aws('AWS KMS Developer Guide — Multi-Region keys', DOCS.multiRegion)],
    options: [
      ['same-id', 'They have the same key ID and the same key material', true, 'That is what makes ciphertext from one decryptable by the other.'],
      ['own-policy', 'Each has its own key policy, grants and aliases', true, 'Replicas are independent KMS resources; only the shared properties (ID, material, key spec, rotation) are kept in step.'],
      ['one-price', 'The replica is free because it shares material with the primary', false, 'Each replica is billed as a key of its own.'],
      ['same-arn', 'They have the same ARN, so one policy statement covers both', false, 'The ARNs differ in their Region part; the key ID is what they share.'],
      ['auto-all', 'KMS replicates a new primary key to every enabled Region', false, 'You choose the Regions and call ReplicateKey for each.'],
    ],
  }),
  item({
    id: 'trap7-s3-crr',
    topic: 'Multi-Region keys',
    skill: 'cross-account',
    drills: t(7, 'Region-bound keys in replication'),
    prompt:
      'A bucket in us-east-1 uses SSE-KMS with a single-Region key; objects must be replicated to a bucket in eu-central-1. The replicated objects must stay encrypted with a customer managed key. Which configuration meets the requirement with the LEAST effort?',
    sources: [guide('Trap 7'), aws('Amazon S3 User Guide — Replicating objects encrypted with KMS', DOCS.s3ReplicationKms)],
    options: [
      ['replica-key', 'Name an eu-central-1 key in the rule; the role uses both keys', true, 'S3 decrypts with the source key and re-encrypts with the destination Region\'s key, so the role needs Decrypt on one and Encrypt on the other.'],
      ['same-key', 'Nothing: S3 uses the us-east-1 key for the copies, since keys work in every Region', false, 'A single-Region key exists only in its Region; the destination needs a key there (or a replica of a multi-Region key).'],
      ['sse-s3', 'Switch both buckets to SSE-S3, because replication cannot carry SSE-KMS objects', false, 'Replication supports SSE-KMS objects when the rule says which key to use at the destination.'],
      ['export', 'Export the us-east-1 key material and import it into a new key in eu-central-1', false, 'KMS-made key material cannot be exported.'],
    ],
  }),
  item({
    id: 'trap8-ssec-not-client-side',
    topic: 'S3 encryption',
    skill: 'concepts',
    drills: t(8, 'SSE-C is not client-side encryption'),
    prompt:
      'A compliance rule says AWS must never be able to see the plaintext of customer files, even briefly. A developer proposes SSE-C with a key the company generates and keeps on premises. Why does this NOT meet the rule?',
    sources: [guide('Trap 8'), aws('Amazon S3 User Guide — SSE-C', DOCS.s3SseC)],
    options: [
      ['server-side', 'S3 receives the plaintext and the key, encrypts inside S3, then discards the key', true, 'SSE-C is server-side encryption with a key you supply per request; S3 sees both while it works. Only client-side encryption keeps plaintext out of AWS.'],
      ['stores-key', 'S3 keeps a copy of the SSE-C key so it can decrypt later reads', false, 'S3 does not store the key (it keeps a salted HMAC to check later requests); you must send the key on every GET.'],
      ['kms-logs', 'SSE-C sends the key to KMS, where AWS operators can read it', false, 'SSE-C does not involve KMS at all.'],
      ['http', 'SSE-C requests travel over HTTP, so the key is exposed on the network', false, 'S3 refuses SSE-C requests over plain HTTP; they must use HTTPS.'],
    ],
  }),
  item({
    id: 'trap8-which-is-client-side',
    topic: 'S3 encryption',
    skill: 'concepts',
    drills: t(8, 'SSE-C versus client-side encryption'),
    prompt:
      'A healthcare app uploads scans to S3. Its security review requires that S3 store only ciphertext and never process plaintext, while KMS stays in charge of the keys. Which approach meets the requirement with the LEAST custom cryptography code?',
    sources: [guide('Trap 8'), guide('FAQ 4'), aws('Amazon S3 User Guide — Client-side encryption', DOCS.s3ClientSide)],
    options: [
      ['esdk', 'Encrypt each scan with the AWS Encryption SDK and a KMS key, then upload the result', true, 'The scan is encrypted in the app before upload; S3 stores ciphertext only, and the SDK handles data keys with KMS.'],
      ['ssec', 'Upload with SSE-C, passing a key generated by KMS GenerateDataKey', false, 'SSE-C is server-side: S3 receives the plaintext scan and the key.'],
      ['sse-kms', 'Upload with SSE-KMS and a customer managed key with a strict key policy', false, 'S3 encrypts after receiving the plaintext; good for most at-rest needs, but not this one.'],
      ['dsse', 'Upload with DSSE-KMS so the scan gets two layers of encryption', false, 'Dual-layer encryption is still done by S3 on plaintext it receives.'],
    ],
  }),
  item({
    id: 'trap8-ssec-facts',
    topic: 'S3 encryption',
    skill: 'concepts',
    drills: t(8, 'how SSE-C works'),
    prompt: 'Which three statements about SSE-C on Amazon S3 are true? (Choose three.)',
    sources: [guide('Trap 8'), aws('Amazon S3 User Guide — SSE-C', DOCS.s3SseC)],
    options: [
      ['every-get', 'The same key must be sent again to read the object', true, 'S3 does not keep the key, so every GET (and HEAD) must carry it.'],
      ['https', 'S3 refuses SSE-C requests that are not made over HTTPS', true, 'The key travels in headers, so S3 requires TLS.'],
      ['aes256', 'The key is a 256-bit AES key sent base64-encoded with its MD5', true, 'The algorithm header is AES256; the MD5 header lets S3 check the key arrived intact.'],
      ['cloudtrail', 'Every use of the key is logged as a KMS event in CloudTrail', false, 'SSE-C makes no KMS calls, so there are no KMS events.'],
      ['default', 'It can be set as the bucket\'s default encryption', false, 'A bucket default can be SSE-S3, SSE-KMS or DSSE-KMS, never SSE-C.'],
    ],
  }),
  item({
    id: 'trap4-imported-material',
    topic: 'Key rotation',
    skill: 'rotation',
    drills: t(4, 'which keys KMS rotates, and how'),
    prompt:
      'A bank keeps a single-Region symmetric KMS key with imported key material (BYOK) and must rotate it every year. Several applications use the key by its key ID, and they must keep working unchanged. Which approach meets the requirement with the LEAST change to the applications?',
    guideCorrection:
      'Guide 002\'s Trap 4 says keys with imported material can only be rotated manually (new key, alias, ReEncrypt). Since mid-2025 KMS rotates a single-Region symmetric key with imported material on demand: import the new material, then call RotateKeyOnDemand. Automatic rotation is still not available for such keys.',
    sources: [guide('Trap 4'), aws('AWS KMS Developer Guide — On-demand rotation', DOCS.onDemand), aws('AWS KMS Developer Guide — Importing key material', DOCS.importing)],
    options: [
      ['import-rotate', 'Import new key material into the same key, then call RotateKeyOnDemand once a year', true, 'The key ID and ARN stay; old material is kept for old ciphertext. A scheduled job makes it yearly.'],
      ['enable-auto', 'Call EnableKeyRotation with RotationPeriodInDays set to 365', false, 'Automatic rotation is refused for keys with imported material.'],
      ['new-key-alias', 'Create a new key each year with new material and move the alias to it', false, 'It works, but the key ID changes, so anything that uses the key ID or ARN must change; the requirement says it must not.'],
      ['reimport-same', 'Delete the imported material and import the same material again', false, 'Reimporting the same material rotates nothing; the key must get new material.'],
    ],
  }),
  item({
    id: 'faq4-sse-kms-vs-client',
    topic: 'Client-side and server-side encryption',
    skill: 'concepts',
    drills: { kind: 'faq', label: 'FAQ 4: SSE-KMS on S3 versus client-side encryption' },
    prompt:
      'A team stores invoices in S3 and must show auditors every use of the encryption key. They trust S3 to handle plaintext during upload and want the simplest setup. Which option fits BEST?',
    sources: [guide('FAQ 4'), aws('Amazon S3 User Guide — SSE-KMS', DOCS.s3SseKms)],
    options: [
      ['sse-kms', 'SSE-KMS with a customer managed key, with CloudTrail recording KMS use', true, 'S3 calls KMS for each object key (GenerateDataKey on upload, Decrypt on read) and CloudTrail logs those calls; no client code is needed.'],
      ['client', 'Client-side encryption with the AWS Encryption SDK before every upload', false, 'It also logs KMS use, but it is more work than needed when S3 may see plaintext.'],
      ['sse-s3', 'SSE-S3, the default, which already encrypts every object', false, 'SSE-S3 uses keys S3 manages and makes no KMS calls, so there is no per-use key audit trail.'],
      ['ssec', 'SSE-C with a key stored in Secrets Manager', false, 'SSE-C makes no KMS calls and puts key handling on the team for every request.'],
    ],
  }),
  item({
    id: 'faq5-quota-increase',
    topic: 'Quotas and throttling',
    skill: 'troubleshooting',
    drills: { kind: 'faq', label: 'FAQ 5: ThrottlingException with an unchanged request rate' },
    prompt:
      'After enabling S3 Bucket Keys and data key caching, an account still needs a steady KMS request rate above its quota in one Region for a new analytics workload. The traffic is steady and predictable. Which action addresses this MOST directly?',
    sources: [guide('FAQ 5'), aws('AWS KMS Developer Guide — Request quotas', DOCS.quotas)],
    options: [
      ['increase', 'Request a quota increase through Service Quotas', true, 'KMS request quotas are adjustable per account and Region.'],
      ['new-keys', 'Create a separate KMS key for the analytics workload', false, 'All keys in the account and Region share the same quota.'],
      ['provisioned', 'Buy provisioned throughput for the KMS key', false, 'KMS has no provisioned-throughput option.'],
      ['cache-forever', 'Cache one data key in each application indefinitely', false, 'It cuts calls but breaks good practice (one key protecting unbounded data); caching should be bounded by time and use.'],
    ],
  }),
  item({
    id: 'faq6-lambda-isolation',
    topic: 'Lambda environment variables',
    skill: 'sensitive-data',
    drills: { kind: 'faq', label: 'FAQ 6: one Lambda function\'s secret, unreadable by another' },
    prompt:
      'Two Lambda functions share an execution role that may decrypt with one customer managed key. A secret environment variable of function A, encrypted with the console helper, must not be decryptable if its ciphertext is pasted into function B. What makes this hold?',
    sources: [guide('FAQ 6'), aws('AWS Lambda Developer Guide — Securing environment variables', DOCS.lambdaEnvEncryption)],
    options: [
      ['context', 'The helper binds the ciphertext to function A\'s name through the encryption context', true, 'Function B decrypts with its own name in LambdaFunctionName, the context does not match, and KMS refuses with InvalidCiphertextException.'],
      ['role', 'The execution role can decrypt only the variables of the function it was created with', false, 'Roles are not tied to one function; a shared role can decrypt for both. The context does the binding.'],
      ['aws-managed', 'Lambda uses a separate AWS managed key for every function', false, 'aws/lambda is one key per account and Region.'],
      ['region', 'Lambda stores each function\'s ciphertext in a separate Region', false, 'Nothing of the kind; both functions use the same Region\'s key.'],
    ],
  }),
  item({
    id: 'faq7-grant-vs-policy',
    topic: 'Grants',
    skill: 'authorization',
    drills: { kind: 'faq', label: 'FAQ 7: a grant instead of a key policy change' },
    prompt:
      'A batch job running under its own role needs to decrypt with a customer managed key for a few hours while it processes one dataset, then lose the permission. Only the security team may change key policies. Which approach gives the access with the LEAST operational overhead?',
    sources: [guide('FAQ 7'), aws('AWS KMS Developer Guide — Grants', DOCS.grants)],
    options: [
      ['grant', 'A grant for the job\'s role, retired when the job ends', true, 'Grants are made and retired by code, need no key policy edit, can be constrained by encryption context and appear in CloudTrail.'],
      ['policy', 'Add the role to the key policy and remove it after the job', false, 'It works but needs the security team twice for a short-lived need.'],
      ['copy-key', 'Give the job its own copy of the key material for the run', false, 'KMS key material never leaves KMS.'],
      ['iam-only', 'Attach an IAM policy with kms:Decrypt to the role', false, 'Only works if the key policy lets IAM policies apply, and it is not scoped to the job or its data.'],
    ],
  }),
  item({
    id: 'faq8-mrk-vs-cross-region-call',
    topic: 'Multi-Region keys',
    skill: 'cross-account',
    drills: { kind: 'faq', label: 'FAQ 8: what multi-Region keys do that cross-Region calls cannot' },
    prompt:
      'An active-active application in two Regions reads the same encrypted records. Today the second Region calls KMS in the first Region to decrypt. Which is the MOST important benefit of moving to a multi-Region key?',
    sources: [guide('FAQ 8'), aws('AWS KMS Developer Guide — Multi-Region keys', DOCS.multiRegion)],
    options: [
      ['local', 'Each Region decrypts locally, even if the other is down', true, 'No cross-Region round trip and no dependency on the other Region\'s KMS.'],
      ['cheaper', 'The second Region no longer pays for a KMS key', false, 'A replica is billed like any key.'],
      ['one-policy', 'One key policy now governs both Regions', false, 'Each replica has its own key policy.'],
      ['global-quota', 'The two Regions share one larger request quota', false, 'Quotas remain per Region.'],
    ],
  }),
  item({
    id: 'scenario6-bucket-keys',
    topic: 'S3 encryption',
    skill: 'troubleshooting',
    drills: { kind: 'scenario', label: 'Scenario 6: an SSE-KMS bucket throttling at 8,000 requests per second' },
    prompt:
      'A data lake bucket uses SSE-KMS with a customer managed key. During nightly loads, uploads fail with KMS ThrottlingException at about 8,000 requests per second. Which change reduces the KMS load with the LEAST operational overhead?',
    sources: [guide('Practice Scenario 6'), aws('Amazon S3 User Guide — S3 Bucket Keys', DOCS.s3BucketKeys)],
    options: [
      ['bucket-key', 'Enable S3 Bucket Keys on the bucket\'s default encryption', true, 'One setting; S3 then asks KMS for a bucket-level key and derives object keys locally, cutting KMS calls by up to about 99%.'],
      ['sse-s3', 'Switch the bucket to SSE-S3 and drop the customer managed key', false, 'It removes the KMS calls but also the key control and audit trail the team chose SSE-KMS for.'],
      ['client', 'Move to client-side encryption with a data key per object', false, 'Still one KMS call per object, plus client code to maintain.'],
      ['multi-keys', 'Rotate the key on demand before each nightly load', false, 'Rotation does not change the request rate or the quota.'],
    ],
  }),
  item({
    id: 'scenario7-sign-jwt',
    topic: 'Asymmetric keys',
    skill: 'encrypt-decrypt',
    drills: { kind: 'scenario', label: 'Scenario 7: signing a JWT with a private key that never leaves AWS' },
    prompt:
      'An identity service issues JWTs that partner services verify offline. The signing private key must never leave AWS, and partners must verify without calling AWS. Which solution meets these requirements with the LEAST operational overhead?',
    sources: [guide('Practice Scenario 7'), aws('AWS KMS API Reference — Sign', DOCS.sign), aws('AWS KMS API Reference — GetPublicKey', DOCS.getPublicKey)],
    options: [
      ['kms-sign', 'An asymmetric SIGN_VERIFY key; publish its public key', true, 'The private key stays in KMS; partners verify signatures offline with the published public key.'],
      ['hmac', 'An HMAC KMS key; sign with GenerateMac and give partners VerifyMac permission', false, 'HMAC verification needs the same secret key, so partners would have to call KMS; it is not offline.'],
      ['data-key-pair', 'GenerateDataKeyPair; sign in the service with the returned private key', false, 'The private key would then be in the service\'s memory, outside KMS.'],
      ['symmetric', 'A symmetric key; "sign" by encrypting the token hash with kms:Encrypt', false, 'Partners could not check it without calling Decrypt, and it is not a signature.'],
    ],
  }),
  item({
    id: 'scenario8-mrk-decrypt-two-regions',
    topic: 'Multi-Region keys',
    skill: 'cross-account',
    drills: { kind: 'scenario', label: 'Scenario 8: the same ciphertext decrypted in two Regions without cross-Region calls' },
    prompt:
      'A DynamoDB global table holds a field encrypted client-side. Readers run in us-east-1 and eu-west-1 and must decrypt locally, with no KMS calls across Regions. Which key setup meets this requirement with the LEAST operational overhead?',
    sources: [guide('Practice Scenario 8'), aws('AWS KMS Developer Guide — Multi-Region keys', DOCS.multiRegion)],
    options: [
      ['mrk', 'A multi-Region primary key in one Region and a replica in the other', true, 'Both share key ID and material, so each Region decrypts locally.'],
      ['two-keys', 'A separate single-Region key in each Region, both with the same alias', false, 'Different keys cannot decrypt each other\'s ciphertext, whatever their aliases.'],
      ['global-key', 'One single-Region key, which KMS serves from every Region', false, 'A single-Region key is reachable only through its own Region\'s endpoint.'],
      ['aws-owned', 'The table\'s AWS owned key, which DynamoDB shares across Regions', false, 'This is client-side encryption; the table\'s own at-rest key plays no part in it.'],
    ],
  }),
  item({
    id: 'scenario10-ddb-field-level',
    topic: 'Client-side encryption',
    skill: 'encrypt-decrypt',
    drills: { kind: 'scenario', label: 'Scenario 10: field-level encryption with a queryable attribute' },
    prompt:
      'A DynamoDB item holds a customer\'s SSN and a CustomerId. The SSN must be encrypted before it reaches DynamoDB, CustomerId must stay queryable, and tampering with either must be detectable. Which configuration of the AWS Database Encryption SDK BEST meets the requirements?',
    sources: [guide('Practice Scenario 10'), aws('AWS Database Encryption SDK Developer Guide', DOCS.dbesdk)],
    options: [
      ['encrypt-sign', 'SSN as ENCRYPT_AND_SIGN and CustomerId as SIGN_ONLY', true, 'SSN is encrypted and signed; CustomerId stays plaintext for queries but is covered by the signature.'],
      ['both-encrypt', 'Both attributes as ENCRYPT_AND_SIGN', false, 'An encrypted CustomerId could not be used as a key or in queries.'],
      ['nothing-id', 'SSN as ENCRYPT_AND_SIGN and CustomerId as DO_NOTHING', false, 'CustomerId would be queryable but not protected against tampering.'],
      ['table-cmk', 'Encrypt the table at rest with a customer managed key instead', false, 'At-rest encryption is server-side; DynamoDB would still see the SSN in plaintext.'],
    ],
  }),
  item({
    id: 'scenario5-grant-message',
    topic: 'Grants',
    skill: 'authorization',
    drills: { kind: 'scenario', label: 'Scenario 5: decrypt only while processing one message' },
    prompt:
      'An ECS task processes messages from an SQS queue; each message carries a data key encrypted with context { MessageId: <id> }. The task may decrypt only the data key of the message it is processing. Which control achieves this with the LEAST privilege?',
    sources: [guide('Practice Scenario 5'), aws('AWS KMS Developer Guide — Grants', DOCS.grants)],
    options: [
      ['grant-ec', 'A grant constrained to that MessageId\'s context', true, 'The grant allows Decrypt only with that exact context, and it can be retired once the message is done.'],
      ['policy-role', 'A key policy statement allowing the task role kms:Decrypt on the key', false, 'That lets the task decrypt every message\'s data key, not just one.'],
      ['viaservice', 'A key policy condition kms:ViaService = sqs.<region>.amazonaws.com', false, 'The task calls KMS itself, not through SQS; and the condition does not limit which message.'],
      ['queue-sse', 'SSE-KMS on the queue with the same key', false, 'Queue encryption protects messages at rest; it does not scope the task\'s Decrypt calls.'],
    ],
  }),
];
