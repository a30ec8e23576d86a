import { defineQuestions } from '../../study/schema';
import { calls, fiveMessagesCached, fiveMessagesUncached } from './experiments';
import { CACHING_DOC, QUOTAS_DOC, THROTTLING_DOC } from './lib/figures';

const SDK_RETRY = 'https://docs.aws.amazon.com/sdkref/latest/guide/feature-retry-behavior.html';
const S3_BUCKET_KEYS = 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucket-key.html';
const topic = 'Quotas and throttling';
const labId = 'quotas';
const lastChecked = '2026-12-04';
const quotasSource = { label: 'AWS KMS Developer Guide — Request quotas (read 2026-12-04)', url: QUOTAS_DOC };

export const quotasQuestions = defineQuestions([
  {
    id: 'qt-throttling-fix',
    labId,
    type: 'single',
    topic,
    skill: 'troubleshooting',
    lastChecked,
    drills: { kind: 'trap', label: 'Trap 5: ThrottlingException from GenerateDataKey under load' },
    prompt:
      'A service encrypts each of 80,000 small messages per second with its own data key from GenerateDataKey in us-east-1. At peak it receives ThrottlingException from AWS KMS. Which solution reduces the KMS requests with the LEAST operational overhead?',
    sources: [{ label: 'Guide 002 — Trap 5; FAQ 5' }, quotasSource, { label: 'AWS Encryption SDK Developer Guide — Data key caching', url: CACHING_DOC }],
    options: [
      { id: 'caching', text: 'Use the AWS Encryption SDK with data key caching and limits on reuse', correct: true, explanation: 'One data key then serves many messages within the cache limits, so GenerateDataKey is called a fraction as often.' },
      { id: 'more-keys', text: 'Spread the calls over ten KMS keys in the same account and Region', correct: false, explanation: 'The cryptographic quota is shared by every key of the account and Region: more keys do not add capacity.' },
      { id: 'encrypt-direct', text: 'Call kms:Encrypt on each message instead of GenerateDataKey', correct: false, explanation: 'Encrypt counts against the same shared quota, one request per message, and is limited to 4 KB.' },
      { id: 'asymmetric', text: 'Switch to an RSA KMS key and encrypt with its public key', correct: false, explanation: 'RSA operations have a lower quota of their own, and the data still needs a data key per message.' },
    ],
  },
  {
    id: 'qt-shared-quota-figure',
    labId,
    type: 'single',
    topic,
    skill: 'troubleshooting',
    lastChecked,
    drills: { kind: 'key-number', label: 'Trap 5: the shared symmetric cryptographic quota in us-east-1 (read 2026-12-04)' },
    prompt:
      'A team sizes a workload in us-east-1 that calls Decrypt and GenerateDataKey on symmetric KMS keys. According to the AWS KMS request quotas read on 2026-12-04, what is the default quota these calls share in that Region?',
    sources: [quotasSource],
    options: [
      { id: '50k', text: '50,000 requests per second, shared by all symmetric cryptographic operations', correct: true, explanation: 'us-east-1, us-west-2 and eu-west-1 have the 50,000 figure; it is adjustable through Service Quotas.' },
      { id: '10k-each', text: '10,000 requests per second for each operation separately', correct: false, explanation: 'The cryptographic operations share one quota; 10,000 is the figure of some other Regions.' },
      { id: '5500', text: '5,500 requests per second, shared by all symmetric cryptographic operations', correct: false, explanation: '5,500 is the default in the Regions without a higher figure, not in us-east-1.' },
      { id: '1000-key', text: '1,000 requests per second for each KMS key', correct: false, explanation: 'Quotas are per account and Region, not per key; 1,000 is the RSA/ECC figure.' },
    ],
  },
  {
    id: 'qt-sse-kms-counts',
    labId,
    type: 'single',
    topic,
    skill: 'troubleshooting',
    lastChecked,
    drills: { kind: 'faq', label: 'FAQ 5: calls AWS services make on your behalf count against your quota' },
    prompt:
      'An application uploads many small objects to an S3 bucket whose default encryption is SSE-KMS with a customer managed key. The same account\'s batch job that calls Decrypt directly starts receiving ThrottlingException during the uploads. What is the MOST likely cause?',
    sources: [quotasSource, { label: 'Amazon S3 User Guide — Reducing the cost of SSE-KMS with S3 Bucket Keys', url: S3_BUCKET_KEYS }],
    options: [
      { id: 'on-behalf', text: "S3's KMS calls for the uploads spend the account's shared quota", correct: true, explanation: 'Requests services make on your behalf count against your account\'s quota; S3 Bucket Keys cut them.' },
      { id: 's3-quota', text: 'S3 has its own KMS quota per bucket that the batch job also uses', correct: false, explanation: 'There is no per-bucket KMS quota; S3 uses your account\'s KMS quota in the Region.' },
      { id: 'key-policy', text: 'The key policy limits the number of Decrypt calls each principal makes', correct: false, explanation: 'Key policies decide who may call, never how often.' },
      { id: 'grant-limit', text: 'Each upload creates a grant and the grants quota is reached', correct: false, explanation: 'SSE-KMS uploads call GenerateDataKey; they do not create grants, and a grants limit would not raise ThrottlingException.' },
    ],
  },
  {
    id: 'qt-retries',
    labId,
    type: 'multiple',
    topic,
    skill: 'troubleshooting',
    lastChecked,
    drills: { kind: 'trap', label: 'Trap 5: handling ThrottlingException (retries with backoff, fewer requests)' },
    prompt:
      'A Lambda function occasionally receives ThrottlingException from kms:Decrypt during short traffic spikes. The average load is well below the quota. Which actions are appropriate? (Choose two.)',
    sources: [{ label: 'AWS KMS Developer Guide — Throttling AWS KMS requests', url: THROTTLING_DOC }, { label: 'AWS SDKs and Tools Reference Guide — Retry behavior', url: SDK_RETRY }],
    options: [
      { id: 'backoff', text: 'Keep the SDK retries with exponential backoff and jitter (standard or adaptive mode)', correct: true, explanation: 'Throttling is retryable: backoff with jitter spreads a short spike over the next seconds.' },
      { id: 'cache-plaintext', text: 'Decrypt once at cold start and keep the plaintext in memory for the invocations', correct: true, explanation: 'Reusing the decrypted value across invocations removes most Decrypt calls.' },
      { id: 'tight-loop', text: 'Retry at once in a tight loop until the call succeeds', correct: false, explanation: 'Immediate retries add load to a spent quota and prolong the throttling.' },
      { id: 'new-key', text: 'Create a new KMS key for each function version', correct: false, explanation: 'The quota is per account and Region, shared by every key.' },
      { id: 'no-retry', text: 'Set maxAttempts to 1 so failures surface faster', correct: false, explanation: 'That turns every short spike into an error for the caller.' },
    ],
  },
  {
    id: 'qt-cross-account-quota',
    labId,
    type: 'single',
    topic,
    skill: 'cross-account',
    lastChecked,
    drills: { kind: 'concept', label: 'Which account a cross-account KMS request is counted against' },
    prompt:
      'An application in account 444455556666 calls Decrypt on a KMS key owned by account 111122223333, with both the key policy and an IAM policy allowing it. Which account\'s request quota do these calls count against?',
    sources: [quotasSource],
    options: [
      { id: 'caller', text: 'The calling account, 444455556666, in the Region of the key', correct: true, explanation: 'For cross-account requests, KMS throttles the account that makes the requests, not the account that owns the key.' },
      { id: 'owner', text: 'The owning account, 111122223333, because the key lives there', correct: false, explanation: 'The key owner\'s quota is not spent by another account\'s calls.' },
      { id: 'both', text: 'Both accounts, each charged one request per call', correct: false, explanation: 'A request is counted once, against the caller.' },
      { id: 'none', text: 'Neither: cross-account requests are not subject to request quotas', correct: false, explanation: 'Every KMS request counts against a quota.' },
    ],
  },
  {
    id: 'qt-quota-increase',
    labId,
    type: 'single',
    topic,
    skill: 'troubleshooting',
    lastChecked,
    drills: { kind: 'faq', label: 'FAQ 5: KMS request quotas are adjustable through Service Quotas' },
    prompt:
      'After adding data key caching and retries with backoff, a company\'s sustained Decrypt rate in eu-central-1 still exceeds the default quota for that Region. What should a developer do?',
    sources: [quotasSource],
    options: [
      { id: 'increase', text: 'Request a quota increase for the Region through Service Quotas', correct: true, explanation: 'KMS request quotas are adjustable per account and Region (except the CloudHSM key store quota).' },
      { id: 'multi-region', text: 'Replicate the key to another Region and decrypt there', correct: false, explanation: 'It moves traffic to another Region and adds latency and cost; the direct fix is a higher quota where the work runs.' },
      { id: 'imported', text: 'Import key material, which is not subject to quotas', correct: false, explanation: 'Keys with imported material count against the same quotas.' },
      { id: 'grants', text: 'Use grant tokens, which skip the quota', correct: false, explanation: 'Grant tokens deal with grant eventual consistency, not with request quotas.' },
    ],
  },
  {
    id: 'qt-operation-quotas',
    labId,
    type: 'multiple',
    topic,
    skill: 'troubleshooting',
    lastChecked,
    drills: { kind: 'key-number', label: 'Per-operation KMS quotas (read 2026-12-04)' },
    prompt:
      'A provisioning script creates a KMS key, an alias and a grant for each new tenant, hundreds of tenants at once. According to the request quotas read on 2026-12-04, which statements are true? (Choose two.)',
    sources: [quotasSource],
    options: [
      { id: 'createkey-5', text: 'CreateKey has a default quota of 5 requests per second, so the script must pace its calls', correct: true, explanation: 'CreateKey (like CreateAlias) is limited to 5 per second by default.' },
      { id: 'creategrant-50', text: 'CreateGrant has a default quota of 50 requests per second of its own', correct: true, explanation: 'CreateGrant has its own quota of 50 per second.' },
      { id: 'shared', text: 'CreateKey and CreateGrant share the 50,000 per second cryptographic quota', correct: false, explanation: 'Only cryptographic operations share that quota; management operations have their own, much lower ones.' },
      { id: 'no-quota', text: 'Management operations have no request quotas, only resource quotas', correct: false, explanation: 'Each management operation has a request quota too.' },
      { id: 'describe-5', text: 'DescribeKey is limited to 5 requests per second', correct: false, explanation: 'DescribeKey allows 2,000 per second by default.' },
    ],
  },
  {
    id: 'qt-caching-limits',
    labId,
    type: 'single',
    topic,
    skill: 'sensitive-data',
    lastChecked,
    drills: { kind: 'concept', label: 'Data key caching: fewer requests, bounded reuse' },
    prompt:
      'A developer adds the AWS Encryption SDK\'s caching materials manager to cut GenerateDataKey calls. The security team wants each data key to protect a limited amount of data for a short time. Which configuration meets both goals with the LEAST custom code?',
    sources: [{ label: 'AWS Encryption SDK Developer Guide — Data key caching', url: CACHING_DOC }, { label: 'Guide 002 — FAQ 5' }],
    options: [
      { id: 'limits', text: 'Set the cache\'s maximum age and maximum messages (and bytes) encrypted per data key', correct: true, explanation: 'The caching materials manager enforces these security thresholds itself; a key leaves the cache when any is reached.' },
      { id: 'own-cache', text: 'Store plaintext data keys in DynamoDB and rotate them with a scheduled Lambda', correct: false, explanation: 'That persists plaintext keys outside memory and is custom code the SDK already provides safely.' },
      { id: 'rotation', text: 'Enable automatic rotation of the KMS key every 90 days', correct: false, explanation: 'Rotating the KMS key does not limit how long a cached data key is reused.' },
      { id: 'no-cache', text: 'Keep one data key in an environment variable for the whole deployment', correct: false, explanation: 'Unbounded reuse of one plaintext key, stored where it may be read: the opposite of the goal.' },
    ],
  },
  {
    id: 'qt-predict-uncached',
    labId,
    type: 'predict',
    topic,
    skill: 'troubleshooting',
    lastChecked,
    drills: { kind: 'faq', label: 'FAQ 5: one GenerateDataKey per message without caching' },
    prompt:
      'An application encrypts five small messages, one after another, with the AWS Encryption SDK and a KMS keyring, without a caching materials manager. How many GenerateDataKey requests reach AWS KMS?',
    experimentSummary: 'Creates a key, encrypts five messages with the Encryption SDK\'s KMS keyring alone and counts its GenerateDataKey calls. The key is scheduled for deletion (7 days) at the end.',
    sources: [{ label: 'AWS Encryption SDK Developer Guide — Data key caching', url: CACHING_DOC }, { label: 'Guide 002 — FAQ 5' }],
    expected: 'five',
    experiment: fiveMessagesUncached,
    options: [
      { id: 'five', text: 'Five: a fresh data key for each message', outcome: { kind: 'success', value: calls(5) }, explanation: 'Without caching, every message gets its own data key, so each one costs a GenerateDataKey request.' },
      { id: 'one', text: 'One: the keyring keeps the first data key', outcome: { kind: 'success', value: calls(1) }, explanation: 'The keyring alone keeps nothing; reuse is what the caching materials manager adds.' },
      { id: 'zero', text: 'None: the SDK derives keys locally after setup', outcome: { kind: 'success', value: calls(0) }, explanation: 'Every data key comes from KMS; the SDK derives per-message keys only from a data key it was given.' },
      { id: 'ten', text: 'Ten: one to generate, one to encrypt each key', outcome: { kind: 'success', value: calls(10) }, explanation: 'GenerateDataKey returns the key and its encrypted copy in one call.' },
    ],
  },
  {
    id: 'qt-predict-cached',
    labId,
    type: 'predict',
    topic,
    skill: 'troubleshooting',
    lastChecked,
    drills: { kind: 'trap', label: 'Trap 5: data key caching cuts the requests that throttle' },
    prompt:
      'The same five messages go through a caching materials manager that lets one data key protect up to 10 messages within 60 seconds. How many GenerateDataKey requests reach AWS KMS?',
    experimentSummary: 'Creates a key, encrypts five messages behind a caching materials manager (10 messages, 60 seconds per data key) and counts GenerateDataKey calls. The key is scheduled for deletion (7 days) at the end.',
    sources: [{ label: 'AWS Encryption SDK Developer Guide — Data key caching', url: CACHING_DOC }, { label: 'Guide 002 — Trap 5' }],
    expected: 'one',
    experiment: fiveMessagesCached,
    options: [
      { id: 'one', text: 'One: the first message fills the cache for the rest', outcome: { kind: 'success', value: calls(1) }, explanation: 'The four later messages reuse the cached data key, within both limits.' },
      { id: 'five', text: 'Five: caching only helps decryption, not encryption', outcome: { kind: 'success', value: calls(5) }, explanation: 'Encryption materials are cached too; that is where GenerateDataKey is saved.' },
      { id: 'two', text: 'Two: one per minute plus one to warm the cache', outcome: { kind: 'success', value: calls(2) }, explanation: 'No warm-up call exists; the first message\'s own request fills the cache.' },
      { id: 'zero', text: 'None: the cache is filled when it is created', outcome: { kind: 'success', value: calls(0) }, explanation: 'The cache starts empty; it is filled by the first encryption.' },
    ],
  },
  {
    id: 'qt-bucket-keys',
    labId,
    type: 'single',
    topic,
    skill: 'troubleshooting',
    lastChecked,
    drills: { kind: 'faq', label: 'FAQ 5: S3 Bucket Keys reduce SSE-KMS requests' },
    prompt:
      'A data lake writes millions of objects a day to one S3 bucket with SSE-KMS. KMS costs are high and uploads are sometimes throttled. Which change reduces the KMS requests with the LEAST operational overhead?',
    sources: [{ label: 'Amazon S3 User Guide — Reducing the cost of SSE-KMS with S3 Bucket Keys', url: S3_BUCKET_KEYS }, quotasSource],
    options: [
      { id: 'bucket-key', text: 'Enable S3 Bucket Keys on the bucket\'s default encryption', correct: true, explanation: 'S3 then uses a bucket-level key from KMS for many objects, cutting the KMS calls (and their cost) sharply.' },
      { id: 'sse-c', text: 'Switch the writers to SSE-C with keys they manage', correct: false, explanation: 'It removes KMS but moves key storage and rotation to the team: much more overhead.' },
      { id: 'per-prefix-keys', text: 'Use a different KMS key for each prefix', correct: false, explanation: 'All keys of the account and Region share one quota; the request count is unchanged.' },
      { id: 'aws-managed', text: 'Use the AWS managed key aws/s3 instead', correct: false, explanation: 'Calls with aws/s3 count against the same quota; only the key policy control is lost.' },
    ],
  },
  {
    id: 'qt-throttling-code',
    labId,
    type: 'single',
    topic,
    skill: 'troubleshooting',
    lastChecked,
    drills: { kind: 'concept', label: 'What a throttled KMS request returns' },
    prompt:
      'A developer writes error handling for an application that calls kms:GenerateDataKey at a high rate. Which error does AWS KMS return when a request exceeds the request quota?',
    sources: [{ label: 'AWS KMS Developer Guide — Throttling AWS KMS requests', url: THROTTLING_DOC }],
    options: [
      { id: 'throttling', text: 'ThrottlingException, which the SDKs retry with backoff', correct: true, explanation: 'KMS answers ThrottlingException ("You have exceeded the rate at which you may call KMS...") and the SDKs treat it as retryable.' },
      { id: 'limit', text: 'LimitExceededException, which is never retried', correct: false, explanation: 'LimitExceededException is for resource quotas (keys, aliases, grants per key), not request rates.' },
      { id: 'unavailable', text: 'KMSInternalException, returned with HTTP 500', correct: false, explanation: 'That is an internal error of the service, not a quota response.' },
      { id: 'denied', text: 'AccessDeniedException, until the next second begins', correct: false, explanation: 'Permissions are not involved; the request was well-formed and allowed.' },
    ],
  },
]);
