import { defineQuestions, type ChoiceOption } from '../../study/schema';
import { DECRYPTED, DESCRIBED, decryptSingleRegionElsewhere, describeByArnElsewhere } from './experiments';

const DOCS = {
  overview: 'https://docs.aws.amazon.com/kms/latest/developerguide/multi-region-keys-overview.html',
  replicateKey: 'https://docs.aws.amazon.com/kms/latest/APIReference/API_ReplicateKey.html',
  update: 'https://docs.aws.amazon.com/kms/latest/developerguide/multi-region-update.html',
  deleting: 'https://docs.aws.amazon.com/kms/latest/developerguide/multi-region-keys-delete.html',
  rotation: 'https://docs.aws.amazon.com/kms/latest/developerguide/rotate-keys.html',
  pricing: 'https://aws.amazon.com/kms/pricing/',
  keyState: 'https://docs.aws.amazon.com/kms/latest/developerguide/key-state.html',
  decrypt: 'https://docs.aws.amazon.com/kms/latest/APIReference/API_Decrypt.html',
  dbesdk: 'https://docs.aws.amazon.com/database-encryption-sdk/latest/devguide/concepts.html',
  dbesdkMrk: 'https://docs.aws.amazon.com/database-encryption-sdk/latest/devguide/use-kms-keyring.html',
} as const;

const topic = 'Multi-Region keys';
const labId = 'multi-region';
const lastChecked = '2026-12-04';
const guide = (section: string) => ({ label: `Guide 002 — ${section}` });
const aws = (label: string, url: string) => ({ label, url });
const o = (id: string, text: string, correct: boolean, explanation: string): ChoiceOption => ({ id, text, correct, explanation });

export const multiRegionQuestions = defineQuestions([
  {
    id: 'mr-trap7-cause',
    labId,
    type: 'single',
    topic,
    skill: 'encrypt-decrypt',
    lastChecked,
    drills: { kind: 'trap', label: 'Trap 7: a Regional key used from another Region' },
    prompt:
      'A service in us-east-1 encrypts records with kms:Encrypt and a single-Region customer managed key, then stores them in a table replicated to eu-west-1. A copy of the service in eu-west-1 calls kms:Decrypt through its local KMS endpoint and gets InvalidCiphertextException. The encryption context is correct. What is the cause?',
    sources: [guide('Trap 7'), aws('AWS KMS Developer Guide — Multi-Region keys', DOCS.overview)],
    options: [
      o('regional-key', 'The key exists only in us-east-1, so KMS in eu-west-1 has no key for this ciphertext', true, 'KMS keys are Regional. The ciphertext names a key that the eu-west-1 endpoint does not have, so it cannot be decrypted there.'),
      o('no-permission', 'The eu-west-1 role lacks kms:Decrypt in its IAM policy for the us-east-1 key', false, 'A missing permission is AccessDeniedException. Here KMS in eu-west-1 never finds a key to authorise against.'),
      o('replication-corrupts', 'Table replication changed the ciphertext bytes on their way to eu-west-1', false, 'Replication copies bytes unchanged. The same blob decrypts fine in us-east-1.'),
      o('rotation', 'The key was rotated after encryption, and eu-west-1 only has the new material', false, 'Rotation keeps old material, and the eu-west-1 endpoint has no material for this single-Region key at all.'),
    ],
  },
  {
    id: 'mr-scenario8-active-active',
    labId,
    type: 'single',
    topic,
    skill: 'encrypt-decrypt',
    lastChecked,
    drills: { kind: 'scenario', label: 'Scenario 8: decrypt in two Regions without cross-Region calls' },
    prompt:
      'An active-active application runs in us-east-1 and eu-west-1. Data encrypted in either Region must be decrypted in the other, and a KMS outage or network problem in one Region must not stop decryption in the other. Which solution meets these requirements with the LEAST operational overhead?',
    sources: [guide('Scenario 8'), guide('FAQ 8'), aws('AWS KMS Developer Guide — Multi-Region keys', DOCS.overview)],
    options: [
      o('mrk', 'Create a multi-Region primary key, replicate it to the other Region, and decrypt with the local key', true, 'Related multi-Region keys share key ID and material, so each Region decrypts with its own replica and no call leaves the Region.'),
      o('cross-region-call', 'Keep one single-Region key and call its Region’s KMS endpoint from both Regions', false, 'That works until the key’s Region or the path to it fails, which the requirement rules out, and it adds latency.'),
      o('reencrypt-nightly', 'Use a key in each Region and run a nightly job that calls ReEncrypt into the other key', false, 'Data written since the last run cannot be read in the other Region, and the job is extra work to operate.'),
      o('import-twice', 'Import the same key material into a single-Region key in each Region', false, 'Two single-Region keys with the same material are still two keys with different IDs: one cannot decrypt the other’s ciphertext.'),
    ],
  },
  {
    id: 'mr-faq8-benefits',
    labId,
    type: 'multiple',
    topic,
    skill: 'encrypt-decrypt',
    lastChecked,
    drills: { kind: 'faq', label: 'FAQ 8: what multi-Region keys add over cross-Region calls' },
    prompt:
      'A team already decrypts eu-west-1 data by calling KMS in us-east-1 from eu-west-1. Which two benefits would a multi-Region key with a replica in eu-west-1 bring? (Choose two.)',
    sources: [guide('FAQ 8'), aws('AWS KMS Developer Guide — Multi-Region keys', DOCS.overview)],
    options: [
      o('latency', 'Decrypt calls stay in eu-west-1, so there is no cross-Region round trip', true, 'The replica decrypts locally with the shared material.'),
      o('no-dependency', 'Decryption in eu-west-1 keeps working when us-east-1 cannot be reached', true, 'The replica is a full key in its own Region; it does not call the primary.'),
      o('one-policy', 'One key policy then governs the key in both Regions', false, 'Each replica has its own key policy, grants and aliases.'),
      o('free', 'The replica costs nothing because it shares the primary’s material', false, 'Each replica is billed as a customer managed key of its own.'),
      o('auto', 'KMS then replicates every key of the account to eu-west-1', false, 'Only keys created as multi-Region can be replicated, one ReplicateKey call per Region.'),
    ],
  },
  {
    id: 'mr-independent-properties',
    labId,
    type: 'multiple',
    topic,
    skill: 'authorization',
    lastChecked,
    drills: { kind: 'concept', label: 'What each replica has of its own' },
    prompt:
      'A security engineer reviews a multi-Region key with a primary in us-east-1 and a replica in ap-southeast-2. Which two must be reviewed separately for each Region’s key? (Choose two.)',
    sources: [aws('AWS KMS Developer Guide — Multi-Region keys', DOCS.overview), aws('AWS KMS API Reference — ReplicateKey', DOCS.replicateKey)],
    options: [
      o('policy', 'The key policy', true, 'ReplicateKey gives the replica its own policy (the default one unless you pass another); changing one does not change the other.'),
      o('grants', 'The grants and aliases', true, 'Grants and aliases belong to one Region’s key and are never copied.'),
      o('material', 'The key material', false, 'Material is shared: that is what lets each key decrypt the others’ ciphertext.'),
      o('rotation', 'The automatic rotation setting', false, 'Rotation is set on the primary and kept in step on every replica.'),
      o('spec', 'The key spec and key usage', false, 'Both are shared properties of the whole set.'),
    ],
  },
  {
    id: 'mr-replica-cost',
    labId,
    type: 'single',
    topic,
    skill: 'concepts',
    lastChecked,
    drills: { kind: 'key-number', label: 'Each multi-Region replica is billed as a key: US$1 a month' },
    prompt:
      'A company creates one multi-Region primary key in us-east-1 and replicates it to us-west-2, eu-west-1 and ap-northeast-1. Ignoring request charges, what do these keys cost per month?',
    sources: [guide('Key numbers'), aws('AWS KMS pricing', DOCS.pricing)],
    options: [
      o('four', 'US$4: the primary and each replica are billed as a key', true, 'Every customer managed key costs US$1 a month, and each replica is a key of its own.'),
      o('one', 'US$1: replicas share the primary’s material, so they are free', false, 'Sharing material does not make a replica free; it is billed like any key.'),
      o('three', 'US$3: only the three replicas are billed', false, 'The primary is a customer managed key too.'),
      o('zero', 'Nothing: multi-Region keys are AWS managed keys', false, 'Multi-Region keys are customer managed keys that you create and pay for.'),
    ],
  },
  {
    id: 'mr-replicate-where',
    labId,
    type: 'single',
    topic,
    skill: 'encrypt-decrypt',
    lastChecked,
    drills: { kind: 'concept', label: 'ReplicateKey: from the primary, to a Region' },
    prompt:
      'A developer has a multi-Region primary key in us-east-1 and needs a replica in eu-central-1. Which call creates it?',
    sources: [aws('AWS KMS API Reference — ReplicateKey', DOCS.replicateKey)],
    options: [
      o('replicate', 'ReplicateKey sent to us-east-1 with ReplicaRegion set to eu-central-1', true, 'ReplicateKey runs in the primary’s Region and names the Region of the new replica.'),
      o('create-there', 'CreateKey sent to eu-central-1 with MultiRegion set to true', false, 'That creates a new, unrelated primary key with another key ID.'),
      o('update-primary', 'UpdatePrimaryRegion sent to us-east-1 naming eu-central-1', false, 'UpdatePrimaryRegion swaps roles with an existing replica; it creates nothing.'),
      o('describe', 'CreateKey sent to us-east-1 with a list of ReplicaRegions', false, 'CreateKey has no such parameter; each replica is one ReplicateKey call.'),
    ],
  },
  {
    id: 'mr-creating-state',
    labId,
    type: 'single',
    topic,
    skill: 'encrypt-decrypt',
    lastChecked,
    drills: { kind: 'concept', label: 'A new replica is Creating for a few seconds' },
    prompt:
      'A deployment script calls ReplicateKey and, in the next line, calls Encrypt with the new replica. Encrypt fails with KMSInvalidStateException, yet the same step succeeds when the script is rerun a minute later. Which change makes the script reliable with the LEAST effort?',
    sources: [aws('AWS KMS API Reference — ReplicateKey', DOCS.replicateKey), aws('AWS KMS Developer Guide — Key states', DOCS.keyState)],
    options: [
      o('wait', 'Poll DescribeKey on the replica until its KeyState is Enabled, then use it', true, 'A new replica is Creating for a few seconds and refuses cryptographic operations until it is Enabled.'),
      o('enable', 'Call EnableKey on the replica right after ReplicateKey', false, 'The replica is not Disabled; it is still being created, and becomes Enabled by itself.'),
      o('grant', 'Create a grant for the script role on the new replica', false, 'The error is about the key’s state, not about permissions.'),
      o('primary', 'Encrypt with the primary key in us-east-1 instead of the replica', false, 'That makes a cross-Region call and does not fix using the replica.'),
    ],
  },
  {
    id: 'mr-delete-primary',
    labId,
    type: 'single',
    topic,
    skill: 'concepts',
    lastChecked,
    drills: { kind: 'concept', label: 'PendingReplicaDeletion' },
    prompt:
      'An administrator schedules deletion of a multi-Region primary key with a 7-day waiting period while two replicas still exist. What happens to the primary key?',
    sources: [aws('AWS KMS Developer Guide — Deleting multi-Region keys', DOCS.deleting)],
    options: [
      o('pending-replica', 'It waits in PendingReplicaDeletion; its 7 days start when the last replica is deleted', true, 'KMS does not delete a primary while it has replicas; the waiting period begins once none is left.'),
      o('deleted-7', 'It is deleted after 7 days and the replicas keep working on their own', false, 'A primary with replicas is never deleted first.'),
      o('refused', 'ScheduleKeyDeletion fails until both replicas have been deleted', false, 'The call succeeds; the key goes to PendingReplicaDeletion.'),
      o('promoted', 'One replica becomes the primary automatically and the old primary is deleted', false, 'Only UpdatePrimaryRegion changes the primary, and nobody calls it here.'),
    ],
  },
  {
    id: 'mr-rotation-primary',
    labId,
    type: 'single',
    topic,
    skill: 'rotation',
    lastChecked,
    drills: { kind: 'concept', label: 'Multi-Region keys rotate from the primary' },
    prompt:
      'A compliance rule requires yearly automatic rotation of a multi-Region key that has a primary in us-east-1 and replicas in two other Regions. Where is rotation turned on?',
    sources: [aws('AWS KMS Developer Guide — Rotating keys', DOCS.rotation), aws('AWS KMS Developer Guide — Multi-Region keys', DOCS.overview)],
    options: [
      o('primary', 'On the primary key; KMS gives the replicas the same new material', true, 'Rotation is a shared property: set on the primary and synchronised to the replicas.'),
      o('each', 'On the primary and on each replica separately, in each Region', false, 'Calling rotation operations on a replica is refused; the primary controls it.'),
      o('replicas-only', 'On each replica; the primary rotates when all replicas have', false, 'It is the other way round: the primary is the source.'),
      o('manual', 'Nowhere: multi-Region keys must be rotated by hand with a new key', false, 'Symmetric multi-Region keys support automatic and on-demand rotation.'),
    ],
  },
  {
    id: 'mr-scenario10-dbesdk',
    labId,
    type: 'single',
    topic,
    skill: 'sensitive-data',
    lastChecked,
    drills: { kind: 'scenario', label: 'Scenario 10: field-level encryption of a DynamoDB item' },
    prompt:
      'A DynamoDB global table in two Regions stores customer items. The SSN attribute must be encrypted on the client, CustomerId (the partition key) must stay queryable, and tampering with either must be detectable. Readers in both Regions must decrypt without calling the other Region. Which solution meets these requirements?',
    sources: [
      guide('Scenario 10'),
      aws('AWS Database Encryption SDK — Concepts (attribute actions)', DOCS.dbesdk),
      aws('AWS Database Encryption SDK — AWS KMS keyrings', DOCS.dbesdkMrk),
    ],
    options: [
      o('dbesdk', 'Database Encryption SDK, SSN ENCRYPT_AND_SIGN, CustomerId SIGN_ONLY, a multi-Region key', true, 'Signed-only attributes stay readable and queryable, the encrypted one is protected, and a multi-Region key lets each Region decrypt locally.'),
      o('sse', 'Table encryption at rest with a customer managed key in each Region', false, 'At-rest encryption is server side: DynamoDB sees plaintext, and no attribute is encrypted on the client.'),
      o('encrypt-all', 'Encryption SDK on the whole item, with CustomerId stored inside the ciphertext', false, 'Then CustomerId cannot be queried, and the partition key cannot be encrypted at all.'),
      o('kms-encrypt', 'kms:Encrypt on SSN with a single-Region key in us-east-1', false, 'It encrypts the field but gives no signature over the item, and eu-west-1 readers must call us-east-1.'),
    ],
  },
  {
    id: 'mr-predict-decrypt-elsewhere',
    labId,
    type: 'predict',
    topic,
    skill: 'encrypt-decrypt',
    lastChecked,
    drills: { kind: 'trap', label: 'Trap 7: ciphertext from a single-Region key in another Region' },
    prompt:
      'You encrypt a short text with your single-Region key, then send that ciphertext to Decrypt through a KMS client of another Region, without naming a key. What happens?',
    experimentSummary:
      'Creates a single-Region key, encrypts “invoice 77” in this Region, then calls Decrypt with a KMS client of another Region (us-west-2, or us-east-1 from us-west-2). The key is scheduled for deletion (7 days) at the end.',
    sources: [guide('Trap 7'), aws('AWS KMS API Reference — Decrypt', DOCS.decrypt)],
    expected: 'invalid-ciphertext',
    experiment: decryptSingleRegionElsewhere,
    options: [
      { id: 'decrypted', text: 'It decrypts: the ciphertext names the key, and KMS fetches it', outcome: { kind: 'success', value: DECRYPTED }, explanation: 'KMS never reaches across Regions for you; only a multi-Region replica in that Region could decrypt it there.' },
      { id: 'invalid-ciphertext', text: 'InvalidCiphertextException: that Region has no key for it', outcome: { kind: 'error', name: 'InvalidCiphertextException' }, explanation: 'The other Region’s KMS cannot find the key the ciphertext names, so it cannot open it (and says nothing more).' },
      { id: 'not-found', text: 'NotFoundException naming the key’s ARN', outcome: { kind: 'error', name: 'NotFoundException' }, explanation: 'NotFoundException comes when you name a key yourself. Here only the ciphertext names it.' },
      { id: 'denied', text: 'AccessDeniedException: your role may not call another Region', outcome: { kind: 'error', name: 'AccessDeniedException' }, explanation: 'Nothing about the Region is denied here; the call reaches KMS and fails on the ciphertext.' },
    ],
  },
  {
    id: 'mr-predict-arn-elsewhere',
    labId,
    type: 'predict',
    topic,
    skill: 'encrypt-decrypt',
    lastChecked,
    drills: { kind: 'trap', label: 'Trap 7: a key ARN sent to another Region' },
    prompt:
      'You call DescribeKey with the full key ARN of your single-Region key, but through a KMS client of another Region. What happens?',
    experimentSummary:
      'Creates a single-Region key and calls DescribeKey with its ARN through a KMS client of another Region. The key is scheduled for deletion (7 days) at the end.',
    sources: [guide('Trap 7'), aws('AWS KMS Developer Guide — Multi-Region keys', DOCS.overview)],
    expected: 'not-found',
    experiment: describeByArnElsewhere,
    options: [
      { id: 'described', text: 'It works: the ARN names the Region, so KMS forwards the call', outcome: { kind: 'success', value: DESCRIBED }, explanation: 'KMS endpoints do not forward calls; a key is reached only through its own Region’s endpoint.' },
      { id: 'not-found', text: 'NotFoundException: the ARN names a Region other than the endpoint’s', outcome: { kind: 'error', name: 'NotFoundException' }, explanation: 'KMS answers “Invalid arn <Region>”: the ARN’s Region is not the Region you called.' },
      { id: 'invalid-arn', text: 'InvalidArnException: a key ARN is not accepted by DescribeKey', outcome: { kind: 'error', name: 'InvalidArnException' }, explanation: 'DescribeKey accepts key ARNs; the problem is only the Region.' },
      { id: 'denied', text: 'AccessDeniedException from the key’s own key policy', outcome: { kind: 'error', name: 'AccessDeniedException' }, explanation: 'The other Region never reaches the key, so its policy is not consulted.' },
    ],
  },
]);
