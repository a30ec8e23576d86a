import { defineQuestions, type PredictionOption } from '../../study/schema';
import {
  DECRYPTED,
  contextMissing,
  extraPair,
  keyCaseChanged,
  lambdaOtherFunction,
  pairsReordered,
  valueCaseChanged,
} from './experiments';

const DOCS = {
  context: 'https://docs.aws.amazon.com/kms/latest/developerguide/encrypt_context.html',
  decrypt: 'https://docs.aws.amazon.com/kms/latest/APIReference/API_Decrypt.html',
  reEncrypt: 'https://docs.aws.amazon.com/kms/latest/APIReference/API_ReEncrypt.html',
  lambdaEnv: 'https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars-encryption.html',
  grants: 'https://docs.aws.amazon.com/kms/latest/developerguide/grants.html',
  grantConstraints: 'https://docs.aws.amazon.com/kms/latest/developerguide/create-grant-overview.html',
  s3Kms: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/UsingKMSEncryption.html',
} as const;

const topic = 'Encryption context';

/** The four outcomes every "decrypt with a variant context" question offers. */
function contextOptions(explain: { decrypts: string; invalid: string; incorrectKey?: string; access?: string }): PredictionOption[] {
  return [
    { id: 'decrypts', text: 'Decrypt succeeds', outcome: { kind: 'success', value: DECRYPTED }, explanation: explain.decrypts },
    {
      id: 'invalid-ciphertext',
      text: 'Decrypt fails with InvalidCiphertextException',
      outcome: { kind: 'error', name: 'InvalidCiphertextException' },
      explanation: explain.invalid,
    },
    {
      id: 'incorrect-key',
      text: 'Decrypt fails with IncorrectKeyException',
      outcome: { kind: 'error', name: 'IncorrectKeyException' },
      explanation:
        explain.incorrectKey ?? 'The KeyId passed is the key that encrypted the blob, so the key is right. Context problems are reported differently.',
    },
    {
      id: 'access-denied',
      text: 'Decrypt fails with AccessDeniedException',
      outcome: { kind: 'error', name: 'AccessDeniedException' },
      explanation:
        explain.access ??
        'The caller is allowed to decrypt with this key. A context mismatch is a cryptographic failure, not a permission one (unless a policy condition checks the context).',
    },
  ];
}

const mismatch =
  'The context is authenticated as additional data, so any difference makes authentication fail and KMS answers InvalidCiphertextException (with no message, which makes logs blame "bad ciphertext").';

export const encryptionContextQuestions = defineQuestions([
  {
    id: 'ec-predict-key-case',
    labId: 'encryption-context',
    skill: 'encrypt-decrypt',
    lastChecked: '2026-12-04',
    type: 'predict',
    topic,
    drills: { kind: 'trap', label: 'Trap 2: encryption context must match exactly on decrypt' },
    prompt: 'Data was encrypted with the context { "TenantId": "Acme" }. The decrypting code passes { "tenantId": "Acme" } — only the first letter of the key differs. What happens?',
    experimentSummary: 'Creates a symmetric key, encrypts with { TenantId: "Acme" }, then decrypts with { tenantId: "Acme" }.',
    sources: [{ label: 'Guide 002 — Exam traps, trap 2; Encryption context' }, { label: 'AWS KMS Developer Guide — Encryption context', url: DOCS.context }],
    expected: 'invalid-ciphertext',
    experiment: keyCaseChanged,
    options: contextOptions({
      decrypts: 'Context keys are case-sensitive; "tenantId" is a different key from "TenantId".',
      invalid: mismatch,
    }),
  },
  {
    id: 'ec-predict-value-case',
    labId: 'encryption-context',
    skill: 'encrypt-decrypt',
    lastChecked: '2026-12-04',
    type: 'predict',
    topic,
    drills: { kind: 'trap', label: 'Trap 2: encryption context values are case-sensitive too' },
    prompt: 'Encrypted with { "TenantId": "Acme" }; decrypted with { "TenantId": "acme" }. What happens?',
    experimentSummary: 'Creates a symmetric key, encrypts with { TenantId: "Acme" }, then decrypts with { TenantId: "acme" }.',
    sources: [{ label: 'Guide 002 — Exam traps, trap 2' }, { label: 'AWS KMS Developer Guide — Encryption context', url: DOCS.context }],
    expected: 'invalid-ciphertext',
    experiment: valueCaseChanged,
    options: contextOptions({
      decrypts: 'Values are compared byte for byte, case included. "acme" is not "Acme".',
      invalid: mismatch,
    }),
  },
  {
    id: 'ec-predict-missing',
    labId: 'encryption-context',
    skill: 'encrypt-decrypt',
    lastChecked: '2026-12-04',
    type: 'predict',
    topic,
    drills: { kind: 'trap', label: 'Trap 2: a missing encryption context on decrypt' },
    prompt: 'Encrypted with { "TenantId": "Acme" }; the Decrypt call passes no EncryptionContext at all. What happens?',
    experimentSummary: 'Creates a symmetric key, encrypts with { TenantId: "Acme" }, then decrypts without any context.',
    sources: [{ label: 'Guide 002 — Exam traps, trap 2' }, { label: 'AWS KMS API Reference — Decrypt', url: DOCS.decrypt }],
    expected: 'invalid-ciphertext',
    experiment: contextMissing,
    options: contextOptions({
      decrypts:
        'KMS does not store the context inside the ciphertext, so it cannot fill it in for you. You must keep the context (or be able to rebuild it) next to the data.',
      invalid: mismatch,
    }),
  },
  {
    id: 'ec-predict-extra-pair',
    labId: 'encryption-context',
    skill: 'encrypt-decrypt',
    lastChecked: '2026-12-04',
    type: 'predict',
    topic,
    drills: { kind: 'trap', label: 'Trap 2: an extra pair on decrypt is a mismatch' },
    prompt: 'Encrypted with { "TenantId": "Acme" }; decrypted with { "TenantId": "Acme", "Purpose": "billing" }. The original pair is there — does the extra one matter?',
    experimentSummary: 'Creates a symmetric key, encrypts with { TenantId: "Acme" }, then decrypts with that pair plus Purpose: "billing".',
    sources: [{ label: 'AWS KMS Developer Guide — Encryption context', url: DOCS.context }],
    expected: 'invalid-ciphertext',
    experiment: extraPair,
    options: contextOptions({
      decrypts: 'Decrypt needs the same map, not a superset. ("Subset" matching exists only in grant constraints, EncryptionContextSubset.)',
      invalid: mismatch,
    }),
  },
  {
    id: 'ec-predict-order',
    labId: 'encryption-context',
    skill: 'encrypt-decrypt',
    lastChecked: '2026-12-04',
    type: 'predict',
    topic,
    drills: { kind: 'concept', label: 'Pair order in an encryption context does not matter' },
    prompt: 'Encrypted with { "TenantId": "Acme", "Purpose": "billing" }; decrypted with { "Purpose": "billing", "TenantId": "Acme" } — same pairs, other order. What happens?',
    experimentSummary: 'Creates a symmetric key, encrypts with two pairs, then decrypts with the same pairs written in the other order.',
    sources: [{ label: 'Guide 002 — Encryption context (pair order)' }, { label: 'AWS KMS Developer Guide — Encryption context', url: DOCS.context }],
    expected: 'decrypts',
    experiment: pairsReordered,
    options: contextOptions({
      decrypts: 'The context is a map: KMS compares its pairs, not the order you wrote them in, so this decrypts.',
      invalid: 'Order is not part of the comparison; only spelling, case and the set of pairs are.',
    }),
  },
  {
    id: 'ec-predict-lambda-other-function',
    labId: 'encryption-context',
    skill: 'sensitive-data',
    lastChecked: '2026-12-04',
    type: 'predict',
    topic,
    drills: { kind: 'trap', label: 'Trap 6: the Lambda encryption helper\'s context, LambdaFunctionName (Scenario 4)' },
    prompt:
      'The Lambda console\'s encryption helper encrypted an environment variable for the function "orders-api", with the context { "LambdaFunctionName": "orders-api" }. Someone copies the ciphertext into the function "billing-api", whose code decrypts with { "LambdaFunctionName": process.env.AWS_LAMBDA_FUNCTION_NAME }. Its role may use the same key. What happens at cold start?',
    experimentSummary:
      'Creates a symmetric key, encrypts with { LambdaFunctionName: "orders-api" }, then decrypts with { LambdaFunctionName: "billing-api" }.',
    sources: [
      { label: 'Guide 002 — Exam traps, trap 6; FAQ Q6' },
      { label: 'AWS Lambda Developer Guide — Securing environment variables', url: DOCS.lambdaEnv },
    ],
    expected: 'invalid-ciphertext',
    experiment: lambdaOtherFunction,
    options: contextOptions({
      decrypts: 'The function name is part of the context, so the copy is useless in another function even with the same key permissions.',
      invalid: `${mismatch} This is the isolation the helper's context gives: a value encrypted for one function cannot be decrypted by another.`,
      access: 'The role may use the key, so this is not a permissions failure; the context is what differs.',
    }),
  },
  {
    id: 'ec-what-it-is',
    labId: 'encryption-context',
    skill: 'encrypt-decrypt',
    lastChecked: '2026-12-04',
    type: 'multiple',
    topic,
    drills: { kind: 'concept', label: 'What an encryption context is and is not' },
    prompt: 'Which statements about the encryption context are true? Choose three.',
    sources: [{ label: 'Guide 002 — Encryption context' }, { label: 'AWS KMS Developer Guide — Encryption context', url: DOCS.context }],
    options: [
      {
        id: 'not-secret',
        text: 'It is not secret: it appears in plaintext in CloudTrail, so it must never hold secrets',
        correct: true,
        explanation: 'It is logged with every call, which is what makes it useful for audits.',
      },
      {
        id: 'aad',
        text: 'KMS uses it as additional authenticated data, binding it to the ciphertext',
        correct: true,
        explanation: 'It is not encrypted, but any change to it makes decryption fail.',
      },
      {
        id: 'string-map',
        text: 'It is a map of string keys to string values',
        correct: true,
        explanation: 'Only strings; numbers or nested objects must be turned into strings first.',
      },
      {
        id: 'stored',
        text: 'KMS stores it inside the ciphertext, so Decrypt can omit it',
        correct: false,
        explanation: 'It is not stored in the blob; you must supply it again on Decrypt.',
      },
      {
        id: 'rsa',
        text: 'It works the same way with RSA encryption keys',
        correct: false,
        explanation: 'Encryption context is for symmetric encryption keys; asymmetric Encrypt and Decrypt do not accept it.',
      },
    ],
  },
  {
    id: 'ec-trap-debug-bad-ciphertext',
    labId: 'encryption-context',
    skill: 'encrypt-decrypt',
    lastChecked: '2026-12-04',
    type: 'single',
    topic,
    drills: { kind: 'trap', label: 'Trap 2: "bad ciphertext" after a refactor' },
    prompt:
      'After a refactor, every Decrypt in one service fails with InvalidCiphertextException. The stored blobs are unchanged and the role can still use the key. What is the most likely cause?',
    sources: [{ label: 'Guide 002 — Exam traps, trap 2' }, { label: 'AWS KMS API Reference — Decrypt', url: DOCS.decrypt }],
    options: [
      {
        id: 'context',
        text: 'The decrypt-side encryption context no longer matches',
        correct: true,
        explanation:
          'A renamed field, changed casing or a missing pair all surface as InvalidCiphertextException. Compare the context in the CloudTrail Encrypt and Decrypt events to find the difference.',
      },
      {
        id: 'rotation',
        text: 'Automatic key rotation made the old ciphertext unreadable',
        correct: false,
        explanation: 'Rotation keeps old key material; old ciphertext keeps decrypting.',
      },
      {
        id: 'iam',
        text: 'The role lost kms:Decrypt',
        correct: false,
        explanation: 'Missing permission gives AccessDeniedException, and the prompt says the role can still use the key.',
      },
      {
        id: 'throttle',
        text: 'KMS is throttling the service',
        correct: false,
        explanation: 'Throttling gives ThrottlingException, and it would not hit every call.',
      },
    ],
  },
  {
    id: 'ec-lambda-helper-code',
    labId: 'encryption-context',
    skill: 'sensitive-data',
    lastChecked: '2026-12-04',
    type: 'single',
    topic,
    drills: { kind: 'trap', label: 'Trap 6: decrypting a helper-encrypted variable without its context' },
    prompt:
      'A value was encrypted with the Lambda console\'s encryption helper. The function decrypts it at cold start with kms.decrypt(CiphertextBlob=…) and nothing else, and gets InvalidCiphertextException. What is missing?',
    sources: [
      { label: 'Guide 002 — Exam traps, trap 6; Lambda environment variable encryption' },
      { label: 'Guide 000 — Part IV (decrypt snippet)' },
      { label: 'AWS Lambda Developer Guide — Securing environment variables', url: DOCS.lambdaEnv },
    ],
    guideCorrection:
      'Guide 000 (Part IV) decrypts the helper-encrypted value without an encryption context; as written, that call fails. Pass EncryptionContext={"LambdaFunctionName": os.environ["AWS_LAMBDA_FUNCTION_NAME"]}, as guide 002 and the console\'s own sample code do.',
    options: [
      {
        id: 'function-name-context',
        text: 'EncryptionContext={"LambdaFunctionName": os.environ["AWS_LAMBDA_FUNCTION_NAME"]}',
        correct: true,
        explanation: 'The helper encrypts with the function name under the key LambdaFunctionName, so Decrypt must send the same pair.',
      },
      {
        id: 'key-id',
        text: 'KeyId="alias/aws/lambda", EncryptionContext={}',
        correct: false,
        explanation: 'The helper used your customer managed key, and a wrong KeyId would give IncorrectKeyException, not this error.',
      },
      {
        id: 'arn-context',
        text: 'EncryptionContext={"aws:lambda:FunctionArn": context.invoked_function_arn}',
        correct: false,
        explanation: 'That is the context Lambda itself uses for at-rest encryption of environment variables, not the console helper\'s.',
      },
      {
        id: 'grant',
        text: 'GrantTokens=[os.environ["KMS_GRANT_TOKEN"]]',
        correct: false,
        explanation: 'Grant tokens help only while a new grant is taking effect, and a permissions gap would be AccessDeniedException; this error means the context did not match.',
      },
    ],
  },
  {
    id: 'ec-lambda-at-rest-context',
    labId: 'encryption-context',
    skill: 'sensitive-data',
    lastChecked: '2026-12-04',
    type: 'single',
    topic,
    drills: { kind: 'guide-correction', label: 'Lambda\'s own at-rest context versus the console helper\'s context' },
    prompt:
      'You want a key policy condition that lets Lambda decrypt a function\'s environment variables at rest only for one function. Which encryption context key does Lambda send to KMS for that at-rest decryption?',
    sources: [
      { label: 'Guide 002 — Encryption context in AWS service integrations' },
      { label: 'AWS Lambda Developer Guide — Securing environment variables', url: DOCS.lambdaEnv },
    ],
    guideCorrection:
      'Guide 002 gives Lambda\'s automatic context as "aws:lambda:FunctionName". AWS documents aws:lambda:FunctionArn (the function\'s ARN) for Lambda\'s own at-rest encryption. The LambdaFunctionName key belongs to the console\'s encryption helper, a separate, second layer that your code decrypts.',
    options: [
      {
        id: 'function-arn',
        text: 'aws:lambda:FunctionArn, holding the function\'s ARN',
        correct: true,
        explanation: 'A key policy can test kms:EncryptionContext:aws:lambda:FunctionArn to limit which functions the key serves.',
      },
      {
        id: 'function-name-aws',
        text: 'aws:lambda:FunctionName, holding the function\'s name',
        correct: false,
        explanation: 'This is the key guide 002 shows, but AWS documents the ARN-based key for Lambda\'s at-rest encryption.',
      },
      {
        id: 'helper',
        text: 'LambdaFunctionName, holding the function\'s name',
        correct: false,
        explanation: 'That is the console helper\'s context, used when your code decrypts a helper-encrypted value, not Lambda\'s at-rest encryption.',
      },
      {
        id: 'none',
        text: 'None: Lambda sends no encryption context',
        correct: false,
        explanation: 'Lambda binds the at-rest ciphertext to the function with a context.',
      },
    ],
  },
  {
    id: 'ec-faq-why-use-it',
    labId: 'encryption-context',
    skill: 'encrypt-decrypt',
    lastChecked: '2026-12-04',
    type: 'multiple',
    topic,
    drills: { kind: 'faq', label: 'FAQ 2: what encryption context is for' },
    prompt: 'Why do most KMS examples pass an encryption context? Choose three.',
    sources: [{ label: 'Guide 002 — FAQ Q2' }, { label: 'AWS KMS Developer Guide — Encryption context', url: DOCS.context }],
    options: [
      {
        id: 'binding',
        text: 'To bind ciphertext to a tenant or object, so it cannot be decrypted in another tenant\'s code path',
        correct: true,
        explanation: 'A bug that swaps tenants fails cryptographically instead of leaking data.',
      },
      {
        id: 'audit',
        text: 'To make CloudTrail records answer "who decrypted data for TenantId=Acme?"',
        correct: true,
        explanation: 'The context is logged in plaintext with each call.',
      },
      {
        id: 'policy',
        text: 'To let key policies and grants allow a call only when the context has certain values',
        correct: true,
        explanation: 'Conditions such as kms:EncryptionContext:TenantId and grant constraints build on it.',
      },
      {
        id: 'hide',
        text: 'To keep tenant IDs out of logs',
        correct: false,
        explanation: 'The opposite: the context is written to CloudTrail in plaintext.',
      },
      {
        id: 'replace-policy',
        text: 'To replace key policies, which are no longer needed once a context is used',
        correct: false,
        explanation: 'Context adds a check on top of authorisation; it does not replace it.',
      },
    ],
  },
  {
    id: 'ec-scenario-grant-constraint',
    labId: 'encryption-context',
    skill: 'authorization',
    lastChecked: '2026-12-04',
    type: 'single',
    topic,
    drills: { kind: 'scenario', label: 'Scenario 5: decrypt allowed only for one specific message' },
    prompt:
      'An ECS task should be able to decrypt with a key only while processing one particular message, identified by the encryption context. Which mechanism fits best?',
    sources: [
      { label: 'Guide 002 — Practice scenarios; Grants' },
      { label: 'AWS KMS Developer Guide — Grants', url: DOCS.grants },
      { label: 'AWS KMS Developer Guide — Grant constraints', url: DOCS.grantConstraints },
    ],
    options: [
      {
        id: 'grant',
        text: 'A grant with an EncryptionContextEquals constraint',
        correct: true,
        explanation: 'Grants are made and retired by code, and the constraint lets the grant work only for calls with exactly that context.',
      },
      {
        id: 'key-policy',
        text: 'Edit the key policy for every message',
        correct: false,
        explanation: 'Key policies are for long-lived access and are usually changed only by security administrators; editing them per message does not scale.',
      },
      {
        id: 'iam-star',
        text: 'Give the task role kms:Decrypt on "*" in IAM',
        correct: false,
        explanation: 'That is the opposite of narrow, temporary access.',
      },
      {
        id: 'aws-managed',
        text: 'Use an AWS managed key',
        correct: false,
        explanation: 'You cannot change who may use an AWS managed key, let alone per message.',
      },
    ],
  },
  {
    id: 'ec-s3-sse-kms-context',
    labId: 'encryption-context',
    skill: 'encrypt-decrypt',
    lastChecked: '2026-12-04',
    type: 'single',
    topic,
    drills: { kind: 'concept', label: 'The context AWS services set for you: S3 SSE-KMS' },
    prompt: 'An object is uploaded with SSE-KMS and no bucket key. What encryption context does S3 send to KMS by default?',
    sources: [
      { label: 'Guide 002 — Encryption context in AWS service integrations' },
      { label: 'Amazon S3 User Guide — Using SSE-KMS', url: DOCS.s3Kms },
    ],
    options: [
      {
        id: 's3-arn-object',
        text: '{ "aws:s3:arn": the object\'s ARN }',
        correct: true,
        explanation: 'Each object is bound to its own ARN. With an S3 Bucket Key, S3 uses the bucket ARN instead, because one bucket-level key serves many objects.',
      },
      {
        id: 'none',
        text: 'None; S3 never uses a context',
        correct: false,
        explanation: 'S3 always sends one, and you can see it in the CloudTrail GenerateDataKey and Decrypt events.',
      },
      {
        id: 'bucket-name',
        text: '{ "BucketName": the bucket name }',
        correct: false,
        explanation: 'S3 uses the reserved aws:s3:arn key; you can add your own pairs with SSEKMSEncryptionContext.',
      },
      {
        id: 'etag',
        text: '{ "ETag": the object\'s ETag }',
        correct: false,
        explanation: 'The ETag is not known before the object is encrypted, and S3 does not use it.',
      },
    ],
  },
  {
    id: 'ec-reencrypt-context',
    labId: 'encryption-context',
    skill: 'encrypt-decrypt',
    lastChecked: '2026-12-04',
    type: 'single',
    topic,
    drills: { kind: 'concept', label: 'ReEncrypt can change the context' },
    prompt: 'You call ReEncrypt on a blob that was encrypted with { "TenantId": "Acme" } and want the result bound to { "TenantId": "Acme", "Version": "2" }. How?',
    sources: [{ label: 'AWS KMS API Reference — ReEncrypt', url: DOCS.reEncrypt }, { label: 'Guide 002 — kms:ReEncrypt' }],
    options: [
      {
        id: 'source-dest',
        text: 'Pass SourceEncryptionContext and DestinationEncryptionContext',
        correct: true,
        explanation: 'The source context must match exactly, as on Decrypt; the destination context is what the new blob will require.',
      },
      {
        id: 'dest-only',
        text: 'Pass only DestinationEncryptionContext; KMS already knows the old one',
        correct: false,
        explanation: 'KMS does not store contexts, so the old one must be supplied.',
      },
      {
        id: 'impossible',
        text: 'It cannot be done; a context is fixed for the life of the data',
        correct: false,
        explanation: 'ReEncrypt can change the context (and the key) without exposing the plaintext.',
      },
      {
        id: 'decrypt-first',
        text: 'Decrypt first; ReEncrypt does not accept contexts',
        correct: false,
        explanation: 'ReEncrypt has both context parameters, and decrypting in your code would expose the plaintext.',
      },
    ],
  },
]);
