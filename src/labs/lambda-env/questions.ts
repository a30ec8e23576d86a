import { defineQuestions } from '../../study/schema';
import { DECRYPTED, decryptWithFunctionArnContext, decryptWithoutContext } from './experiments';

const DOCS = {
  envEncryption: 'https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars-encryption.html',
  envVars: 'https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html',
  context: 'https://docs.aws.amazon.com/kms/latest/developerguide/encrypt_context.html',
  powerUser: 'https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AWSKeyManagementServicePowerUser.html',
  quotas: 'https://docs.aws.amazon.com/kms/latest/developerguide/requests-per-second.html',
  secrets: 'https://docs.aws.amazon.com/secretsmanager/latest/userguide/retrieving-secrets_lambda.html',
  lambdaKms: 'https://docs.aws.amazon.com/kms/latest/developerguide/services-lambda.html',
  decrypt: 'https://docs.aws.amazon.com/kms/latest/APIReference/API_Decrypt.html',
} as const;

const topic = 'Lambda environment variables';
const labId = 'lambda-env';

export const lambdaEnvQuestions = defineQuestions([
  {
    id: 'le-predict-guide-code',
    labId,
    type: 'predict',
    topic,
    skill: 'sensitive-data',
    lastChecked: '2026-12-04',
    drills: { kind: 'trap', label: 'Trap 6: forgetting the Lambda environment variable encryption context' },
    prompt:
      'A value was encrypted with the Lambda console\'s encryption helper, so with the context {"LambdaFunctionName": "KMSEncryptionDemo"}. The function decrypts it at cold start with kms.decrypt(CiphertextBlob=...) and nothing else. What happens?',
    experimentSummary:
      'Encrypts a value with the context {"LambdaFunctionName": "KMSEncryptionDemo"}, then calls Decrypt without any context. The key is scheduled for deletion (7 days) at the end.',
    sources: [
      { label: 'Guide 002 — Exam traps, trap 6; Guide 000 — Part IV' },
      { label: 'AWS Lambda Developer Guide — Securing environment variables', url: DOCS.envEncryption },
    ],
    guideCorrection:
      'Guide 000 Part IV decrypts the helper\'s value without EncryptionContext; that code fails. Pass {"LambdaFunctionName": os.environ["AWS_LAMBDA_FUNCTION_NAME"]} on Decrypt.',
    expected: 'invalid-ciphertext',
    experiment: decryptWithoutContext,
    options: [
      {
        id: 'decrypted',
        text: 'It decrypts: the ciphertext names its key, so nothing else is needed',
        outcome: { kind: 'success', value: DECRYPTED },
        explanation: 'The blob names its key, but the context is authenticated data that is not stored in the blob: it must be presented again.',
      },
      {
        id: 'invalid-ciphertext',
        text: 'InvalidCiphertextException at cold start',
        outcome: { kind: 'error', name: 'InvalidCiphertextException' },
        explanation:
          'A missing or different encryption context makes the authentication fail, and KMS reports it as InvalidCiphertextException (with no message).',
      },
      {
        id: 'access-denied',
        text: 'AccessDeniedException, because the context is part of the permission check',
        outcome: { kind: 'error', name: 'AccessDeniedException' },
        explanation: 'Only a policy condition on kms:EncryptionContext keys would make it a permission matter; here the cryptographic check fails.',
      },
      {
        id: 'incorrect-key',
        text: 'IncorrectKeyException',
        outcome: { kind: 'error', name: 'IncorrectKeyException' },
        explanation: 'That error is for a KeyId that does not match the key in the ciphertext. No KeyId was passed.',
      },
    ],
  },
  {
    id: 'le-predict-function-arn-context',
    labId,
    type: 'predict',
    topic,
    skill: 'sensitive-data',
    lastChecked: '2026-12-04',
    drills: { kind: 'concept', label: 'LambdaFunctionName (the helper) versus aws:lambda:FunctionArn (Lambda at rest)' },
    prompt:
      'A developer reads that Lambda encrypts environment variables with the context aws:lambda:FunctionArn and uses {"aws:lambda:FunctionArn": <function ARN>} to decrypt a value the console helper encrypted. What happens?',
    experimentSummary:
      'Encrypts a value with {"LambdaFunctionName": "KMSEncryptionDemo"}, then decrypts with {"aws:lambda:FunctionArn": <ARN>}. The key is scheduled for deletion (7 days) at the end.',
    sources: [
      { label: 'AWS Lambda Developer Guide — Securing environment variables', url: DOCS.envEncryption },
      { label: 'AWS KMS Developer Guide — How AWS Lambda uses AWS KMS', url: DOCS.lambdaKms },
    ],
    expected: 'invalid-ciphertext',
    experiment: decryptWithFunctionArnContext,
    options: [
      {
        id: 'decrypted',
        text: 'It decrypts: both contexts identify the same function',
        outcome: { kind: 'success', value: DECRYPTED },
        explanation: 'KMS compares the context byte for byte; it does not know that a name and an ARN mean the same function.',
      },
      {
        id: 'invalid-ciphertext',
        text: 'InvalidCiphertextException: it is not the context used to encrypt',
        outcome: { kind: 'error', name: 'InvalidCiphertextException' },
        explanation:
          'aws:lambda:FunctionArn is the context Lambda itself uses to encrypt the whole environment at rest and decrypts before your code runs. The helper used LambdaFunctionName; only that context opens its values.',
      },
      {
        id: 'validation',
        text: 'ValidationException: context keys may not start with aws:',
        outcome: { kind: 'error', name: 'ValidationException' },
        explanation: 'KMS accepts such keys in an encryption context; the problem is that it is not the context used to encrypt.',
      },
      {
        id: 'denied',
        text: 'AccessDeniedException: only the Lambda service may use an aws:lambda context key',
        outcome: { kind: 'error', name: 'AccessDeniedException' },
        explanation: 'No policy here restricts the context key; the failure is cryptographic.',
      },
    ],
  },
  {
    id: 'le-scenario4-only-this-function',
    labId,
    type: 'single',
    topic,
    skill: 'sensitive-data',
    lastChecked: '2026-12-04',
    drills: { kind: 'scenario', label: 'Scenario 4: an environment variable only this function can decrypt' },
    prompt:
      'A team keeps an API secret in a Lambda function\'s environment variables and has a customer managed key for it. People who can read the function\'s configuration must not see the plaintext, and the ciphertext must be bound to this one function. Which solution meets these requirements with the LEAST operational overhead?',
    sources: [
      { label: 'Guide 002 — Practice scenarios' },
      { label: 'AWS Lambda Developer Guide — Securing environment variables', url: DOCS.envEncryption },
    ],
    options: [
      {
        id: 'helper-context',
        text: 'Use the console encryption helper and decrypt with the LambdaFunctionName encryption context',
        correct: true,
        explanation: 'The helper encrypts in transit with {"LambdaFunctionName": <function name>} as context; the function decrypts with that context (AWS_LAMBDA_FUNCTION_NAME). Code elsewhere would need that exact context and kms:Decrypt on the key.',
      },
      {
        id: 'aws-managed',
        text: 'Rely on the aws/lambda key that Lambda already uses to encrypt every environment at rest',
        correct: false,
        explanation: 'At-rest encryption protects the stored configuration, but anyone who can read the function configuration sees the plaintext values.',
      },
      {
        id: 'separate-key',
        text: 'Create a separate KMS key per function and share its ARN in another environment variable',
        correct: false,
        explanation: 'A key per function is more to manage and, without a context or policy condition, does not bind the value to the function.',
      },
      {
        id: 'base64',
        text: 'Store the secret base64-encoded in the variable so it is not readable in the console',
        correct: false,
        explanation: 'Base64 is an encoding, not encryption.',
      },
    ],
  },
  {
    id: 'le-power-user-policy',
    labId,
    type: 'single',
    topic,
    skill: 'authorization',
    lastChecked: '2026-12-04',
    drills: { kind: 'guide-correction', label: 'AWSKeyManagementServicePowerUser has no Decrypt' },
    prompt:
      'The function\'s execution role has only the AWS managed policy AWSKeyManagementServicePowerUser. The key has the default key policy. What does the cold-start Decrypt return?',
    guideCorrection:
      'Guide 000 Part II step 02 attaches AWSKeyManagementServicePowerUser to the Lambda role; that policy has no kms:Encrypt, kms:Decrypt or kms:GenerateDataKey. Grant exactly those on the key ARN instead.',
    sources: [
      { label: 'Guide 000 — Part II, step 02' },
      { label: 'AWS managed policy reference — AWSKeyManagementServicePowerUser', url: DOCS.powerUser },
    ],
    options: [
      {
        id: 'denied',
        text: 'AccessDeniedException because no identity-based policy allows kms:Decrypt',
        correct: true,
        explanation: 'The key policy delegates to IAM, and the role\'s IAM policy lists management actions only. The lab runs exactly this and shows the message.',
      },
      {
        id: 'works',
        text: 'The plaintext: the power-user policy includes every data-plane action',
        correct: false,
        explanation: 'Its actions are CreateAlias, CreateKey, DeleteAlias, Describe*, GenerateRandom, Get*, List*, TagResource and UntagResource (plus three IAM list actions).',
      },
      {
        id: 'throttled',
        text: 'ThrottlingException, because the role has no quota of its own',
        correct: false,
        explanation: 'Quotas are per account and Region, not per role, and have nothing to do with this policy.',
      },
      {
        id: 'not-found',
        text: 'NotFoundException, because the role cannot describe the key',
        correct: false,
        explanation: 'Describe* is in the policy; and Decrypt reports a missing permission as AccessDeniedException, not NotFoundException.',
      },
    ],
  },
  {
    id: 'le-least-privilege-role',
    labId,
    type: 'single',
    topic,
    skill: 'authorization',
    lastChecked: '2026-12-04',
    drills: { kind: 'concept', label: 'Least privilege for a function that decrypts its variables' },
    prompt:
      'A function decrypts one environment variable at cold start; the value was encrypted with the console helper and a customer managed key. The key policy delegates to IAM. The security team requires least privilege for the execution role. Which IAM policy statement is the MOST secure that still lets the function read the value?',
    sources: [{ label: 'AWS Lambda Developer Guide — Securing environment variables', url: DOCS.envEncryption }],
    options: [
      {
        id: 'decrypt-arn-context',
        text: 'Allow kms:Decrypt on the key ARN when kms:EncryptionContext:LambdaFunctionName is the function name',
        correct: true,
        explanation: 'One action, one key, and only for ciphertext bound to this function.',
      },
      {
        id: 'function-arn-condition',
        text: 'Allow kms:Decrypt on the key ARN when kms:EncryptionContext:aws:lambda:FunctionArn is the function ARN',
        correct: false,
        explanation:
          'aws:lambda:FunctionArn is the context Lambda uses for its own encryption at rest. The helper\'s values carry LambdaFunctionName, so this condition never matches the function\'s Decrypt request and the call is denied.',
      },
      {
        id: 'power-user',
        text: 'Attach the AWS managed policy AWSKeyManagementServicePowerUser to the execution role',
        correct: false,
        explanation: 'It grants key management and no Decrypt at all: both too much and not enough.',
      },
      {
        id: 'encrypt-decrypt-star',
        text: 'Allow kms:Encrypt and kms:Decrypt on "*", with no condition on the encryption context',
        correct: false,
        explanation: 'Encrypt is not needed to read a variable, and "*" covers every key in the account.',
      },
    ],
  },
  {
    id: 'le-cold-start-cache',
    labId,
    type: 'single',
    topic,
    skill: 'troubleshooting',
    lastChecked: '2026-12-04',
    drills: { kind: 'concept', label: 'Decrypt at cold start and cache' },
    prompt:
      'A Lambda function is invoked about 200 times per second. Its handler calls kms:Decrypt on an encrypted database password on every invocation. The account now receives ThrottlingException from AWS KMS. Which change reduces the KMS calls the MOST with the LEAST code change?',
    sources: [
      { label: 'Guide 000 — Part IV' },
      { label: 'AWS KMS Developer Guide — Request quotas', url: DOCS.quotas },
    ],
    options: [
      {
        id: 'cold-start',
        text: 'Decrypt once outside the handler at cold start and reuse the plaintext in memory',
        correct: true,
        explanation: 'Each execution environment then calls KMS once, not once per invocation. The lab counts the calls both ways.',
      },
      {
        id: 'retry',
        text: 'Wrap the Decrypt call in a retry loop that retries at once with no delay',
        correct: false,
        explanation: 'Retrying without backoff adds requests against the same quota and makes throttling worse.',
      },
      {
        id: 'new-key',
        text: 'Create a second KMS key and alternate the Decrypt calls between the two keys',
        correct: false,
        explanation: 'The shared cryptographic quota is per account and Region, not per key.',
      },
      {
        id: 'aws-managed',
        text: 'Switch the variable to the AWS managed key aws/lambda, which has its own quota',
        correct: false,
        explanation: 'AWS managed keys have no quota of their own: calls with them count against the same per-account, per-Region quota.',
      },
    ],
  },
  {
    id: 'le-at-rest-default',
    labId,
    type: 'single',
    topic,
    skill: 'concepts',
    lastChecked: '2026-12-04',
    drills: { kind: 'concept', label: 'Lambda encrypts every environment at rest' },
    prompt: 'A function has environment variables and no customer managed key configured. Which statement is true?',
    sources: [{ label: 'AWS Lambda Developer Guide — Securing environment variables', url: DOCS.envEncryption }],
    options: [
      {
        id: 'aws-managed-at-rest',
        text: 'Lambda encrypts them at rest with aws/lambda and decrypts them before your code runs',
        correct: true,
        explanation: 'At-rest encryption is always on, with the AWS managed key aws/lambda by default; the code sees plain values. Helpers in transit are an extra, optional layer.',
      },
      {
        id: 'plaintext',
        text: 'The variables are stored in plaintext until a customer managed key is chosen',
        correct: false,
        explanation: 'Lambda always encrypts environment variables at rest.',
      },
      {
        id: 'code-decrypts',
        text: 'The function code must call kms:Decrypt with aws/lambda to read each variable',
        correct: false,
        explanation: 'Lambda decrypts at-rest encryption itself; only helper-encrypted values need a Decrypt in code.',
      },
      {
        id: 'customer-key-needed',
        text: 'Lambda refuses to save variables until a customer managed key is chosen',
        correct: false,
        explanation: 'A customer managed key is optional (for control over the key policy and rotation).',
      },
    ],
  },
  {
    id: 'le-four-kb',
    labId,
    type: 'single',
    topic,
    skill: 'sensitive-data',
    lastChecked: '2026-12-04',
    drills: { kind: 'key-number', label: 'Lambda environment variables total 4 KB' },
    prompt: 'What is the maximum total size of all environment variables of one Lambda function?',
    sources: [{ label: 'AWS Lambda Developer Guide — Working with environment variables', url: DOCS.envVars }],
    options: [
      {
        id: '4kb',
        text: '4 KB',
        correct: true,
        explanation: 'The total size of all environment variables of a function is limited to 4 KB, so large secrets belong in Secrets Manager or Parameter Store.',
      },
      { id: '64kb', text: '64 KB', correct: false, explanation: '64 KB is not a Lambda environment limit; the limit is 4 KB in total.' },
      { id: '1kb', text: '1 KB per variable, no total limit', correct: false, explanation: 'The limit is on the total of all variables, 4 KB.' },
      { id: '256kb', text: '256 KB', correct: false, explanation: '256 KB is not the environment limit; all variables together may take 4 KB.' },
    ],
  },
  {
    id: 'le-secrets-manager',
    labId,
    type: 'single',
    topic,
    skill: 'sensitive-data',
    lastChecked: '2026-12-04',
    drills: { kind: 'concept', label: 'When a secret belongs in Secrets Manager instead' },
    prompt:
      'Ten Lambda functions use the same database password. Security policy requires the password to rotate every 30 days. The functions must not be redeployed or reconfigured when it changes. Which solution is the MOST operationally efficient?',
    sources: [{ label: 'AWS Secrets Manager User Guide — Use secrets in Lambda functions', url: DOCS.secrets }],
    options: [
      {
        id: 'secrets-manager',
        text: 'Store it in AWS Secrets Manager with rotation, and read it at cold start (or through the extension with its cache)',
        correct: true,
        explanation: 'Secrets Manager rotates the secret centrally; functions read the current value without configuration changes.',
      },
      {
        id: 'env-helper',
        text: 'Keep it in each function\'s environment variables, encrypted with the helper, and update all ten every month',
        correct: false,
        explanation: 'Works, but every rotation is ten configuration updates: the overhead the question asks to avoid.',
      },
      {
        id: 'kms-rotation',
        text: 'Enable automatic rotation on the KMS key that encrypts the variable',
        correct: false,
        explanation: 'Key rotation changes the key material, not the password. The secret itself stays the same.',
      },
      {
        id: 'code',
        text: 'Hard-code the password in the deployment package and redeploy monthly',
        correct: false,
        explanation: 'Secrets in code leak through repositories and artifacts, and every change needs a deployment.',
      },
    ],
  },
  {
    id: 'le-decrypt-needs-no-keyid',
    labId,
    type: 'single',
    topic,
    skill: 'encrypt-decrypt',
    lastChecked: '2026-12-04',
    drills: { kind: 'concept', label: 'Symmetric Decrypt needs no KeyId' },
    prompt: 'Why can the function\'s Decrypt call omit KeyId for a value the helper encrypted with a customer managed key?',
    sources: [{ label: 'AWS KMS API Reference — Decrypt', url: DOCS.decrypt }],
    options: [
      {
        id: 'blob-names-key',
        text: 'Symmetric ciphertext carries metadata that identifies the KMS key that encrypted it',
        correct: true,
        explanation: 'KMS reads the key from the blob. Passing KeyId anyway is a good practice: KMS then refuses a ciphertext made with another key.',
      },
      {
        id: 'default-key',
        text: 'Lambda sets a default KeyId for the KMS client in the execution environment',
        correct: false,
        explanation: 'There is no such default; the blob itself names its key.',
      },
      {
        id: 'context-names-key',
        text: 'The LambdaFunctionName context tells KMS which key to use',
        correct: false,
        explanation: 'The context is authenticated data, not a key identifier.',
      },
      {
        id: 'aws-lambda',
        text: 'KMS always falls back to the aws/lambda key',
        correct: false,
        explanation: 'KMS never guesses a key; a value encrypted with a customer managed key can only be decrypted with that key.',
      },
    ],
  },
  {
    id: 'le-cloudtrail-context',
    labId,
    type: 'single',
    topic,
    skill: 'encrypt-decrypt',
    lastChecked: '2026-12-04',
    drills: { kind: 'concept', label: 'The encryption context appears in CloudTrail' },
    prompt:
      'An auditor must find out which Lambda function decrypted helper-encrypted environment variables last week. The values were encrypted with the console helper and a customer managed key. Nobody added logging code to the functions. Which source answers the question with the LEAST operational overhead?',
    sources: [{ label: 'AWS KMS Developer Guide — Encryption context', url: DOCS.context }],
    options: [
      {
        id: 'cloudtrail',
        text: 'The CloudTrail Decrypt events, whose encryptionContext shows LambdaFunctionName',
        correct: true,
        explanation: 'The context is not secret and is logged with every KMS call that uses it, which is what makes it useful for audit.',
      },
      {
        id: 'cloudwatch',
        text: 'The functions\' CloudWatch Logs, which record every KMS call the code makes',
        correct: false,
        explanation: 'CloudWatch Logs hold only what the code or runtime prints. CloudTrail records KMS calls on its own, with requestParameters.encryptionContext.',
      },
      {
        id: 'not-logged',
        text: 'Nowhere: the encryption context is secret, so KMS never writes it to any log',
        correct: false,
        explanation: 'The context is not secret; that is why you never put secrets in it.',
      },
      {
        id: 'key-policy',
        text: 'The key policy\'s version history, which lists each principal that used the key',
        correct: false,
        explanation: 'A key policy says who may call, not who called; KMS keeps no usage history in it.',
      },
    ],
  },
  {
    id: 'le-helper-permissions',
    labId,
    type: 'multiple',
    topic,
    skill: 'authorization',
    lastChecked: '2026-12-04',
    drills: { kind: 'concept', label: 'Who needs which KMS permission for helper-encrypted variables' },
    prompt:
      'A developer encrypts a Lambda environment variable with the console\'s encryption helper and a customer managed key. The function decrypts the value at cold start. The key policy delegates to IAM. Which permissions are needed with the LEAST privilege? (Choose two.)',
    sources: [{ label: 'AWS Lambda Developer Guide — Securing environment variables', url: DOCS.envEncryption }],
    options: [
      {
        id: 'user-encrypt',
        text: 'The person using the console helper needs kms:Encrypt on the key',
        correct: true,
        explanation: 'The console calls Encrypt as the signed-in user when the Encrypt button is pressed.',
      },
      {
        id: 'role-decrypt',
        text: 'The function\'s execution role needs kms:Decrypt on the key',
        correct: true,
        explanation: 'The code calls Decrypt as the execution role at cold start.',
      },
      {
        id: 'role-encrypt',
        text: 'The function\'s execution role needs kms:Encrypt on the key',
        correct: false,
        explanation: 'The function only reads the value; Encrypt is the console user\'s call.',
      },
      {
        id: 'role-generate',
        text: 'The function\'s execution role needs kms:GenerateDataKey',
        correct: false,
        explanation: 'Helper values are small and encrypted directly with Encrypt; the function never generates data keys to read them.',
      },
      {
        id: 'role-reencrypt',
        text: 'The function\'s execution role needs kms:ReEncrypt* on the key',
        correct: false,
        explanation: 'ReEncrypt moves a ciphertext under another key without exposing it; reading the value needs only Decrypt.',
      },
    ],
  },
]);
