import { aws, DOCS, guide, guide000, item } from './build';

// Guide 000's hands-on lab, part by part, plus the Lambda, secrets and Cognito topics around it.

export const labPartItems = [
  item({
    id: 'part1-key-usage-choice',
    topic: 'Guide 000 lab, Part I',
    skill: 'concepts',
    drills: { kind: 'concept', label: 'Guide 000 Part I, step 02: key type and usage' },
    prompt:
      'In Part I the guide creates a key with key type Symmetric and usage "Encrypt and decrypt". The key will protect application data through Encrypt, Decrypt and GenerateDataKey. Which other choice would have made GenerateDataKey impossible with this key?',
    sources: [guide000('Part I, step 02'), aws('AWS KMS Developer Guide — Choosing a key type', DOCS.asymmetric)],
    options: [
      ['hmac', 'Symmetric with usage "Generate and verify MAC" (an HMAC key)', true, 'GenerateDataKey needs a symmetric encryption key; HMAC keys only make and verify MACs.'],
      ['multi-region', 'Symmetric encryption, but as a multi-Region primary key', false, 'Multi-Region symmetric keys generate data keys like single-Region ones.'],
      ['rotation', 'Symmetric encryption with automatic rotation turned on', false, 'Rotation does not change what the key can do.'],
      ['alias', 'Symmetric encryption, referred to through an alias instead of its key ID', false, 'GenerateDataKey accepts an alias as KeyId.'],
    ],
  }),
  item({
    id: 'part1-alias-benefit',
    topic: 'Guide 000 lab, Part I',
    skill: 'rotation',
    drills: { kind: 'concept', label: 'Guide 000 Part I, step 03: the alias app-encryption-key' },
    prompt:
      'The guide\'s Lambda code refers to its key as alias/app-encryption-key. Next year the team must move to a brand-new key without redeploying code that encrypts. Which step achieves this with the LEAST effort?',
    sources: [guide000('Part I, step 03; Key rotation tip'), aws('AWS KMS Developer Guide — Aliases', 'https://docs.aws.amazon.com/kms/latest/developerguide/kms-alias.html')],
    options: [
      ['update-alias', 'Create the new key and call UpdateAlias so the alias points at it', true, 'Encrypt calls through the alias use the new key at once; old ciphertext still names the old key, which must stay enabled.'],
      ['rename-key', 'Rename the new key to app-encryption-key', false, 'Keys have no names to change; aliases are the names.'],
      ['second-alias', 'Create a second alias with the same name on the new key', false, 'An alias name is unique in an account and Region; UpdateAlias is how it moves.'],
      ['delete-old', 'Delete the old key so KMS falls back to the newest key', false, 'KMS has no fallback, and deleting the old key would make its ciphertext unreadable.'],
    ],
  }),
  item({
    id: 'part1-enable-rotation-api',
    topic: 'Guide 000 lab, Part I',
    skill: 'rotation',
    drills: { kind: 'concept', label: 'Guide 000 Part I, steps 08–10: enabling automatic rotation' },
    prompt:
      'A developer scripts Part I\'s steps 08–10 (enable automatic rotation, 365 days) for twenty existing keys and then needs to confirm each one. Which API calls does the script use?',
    sources: [guide000('Part I, steps 08–10'), aws('AWS KMS Developer Guide — Rotating keys', DOCS.rotation)],
    options: [
      ['enable-get', 'EnableKeyRotation, then GetKeyRotationStatus', true, 'GetKeyRotationStatus reports whether rotation is on, the period and the next rotation date.'],
      ['rotate-on-demand', 'RotateKeyOnDemand, then ListKeyRotations', false, 'That rotates each key once now; it does not turn on the yearly schedule.'],
      ['update-key', 'UpdateKeyDescription with "rotation: 365", then DescribeKey', false, 'A description is free text; it changes nothing.'],
      ['put-policy', 'PutKeyPolicy with a rotation statement, then GetKeyPolicy', false, 'Rotation is not set in the key policy.'],
    ],
  }),
  item({
    id: 'part2-poweruser-policy',
    topic: 'Guide 000 lab, Part II',
    skill: 'authorization',
    drills: { kind: 'guide-correction', label: 'Guide 000 Part II, step 02: AWSKeyManagementServicePowerUser grants no cryptographic use' },
    prompt:
      'Following the guide, a developer attaches the AWS managed policy AWSKeyManagementServicePowerUser to the KMSEncryptionDemo function\'s role. The key policy has the default root statement. The encrypt test event fails. Which change makes it work with the LEAST privilege?',
    guideCorrection:
      'Guide 000 Part II step 02 attaches AWSKeyManagementServicePowerUser to the Lambda role. That policy allows key management (Create*, Describe*, Enable*, List*, Put*, Update*, ScheduleKeyDeletion...) but not Encrypt, Decrypt or GenerateDataKey, so the guide\'s function fails with AccessDeniedException. Give the role an inline policy allowing kms:Encrypt, kms:Decrypt and kms:GenerateDataKey on the one key instead (it is also far narrower).',
    sources: [guide000('Part II, step 02'), aws('AWS managed policy — AWSKeyManagementServicePowerUser', DOCS.powerUser)],
    options: [
      ['inline', 'Allow only Encrypt, Decrypt and GenerateDataKey on the key', true, 'Those are the three calls the function makes, on the one key; the root statement lets the IAM policy apply.'],
      ['keep-add-admin', 'Keep PowerUser and also attach AdministratorAccess', false, 'It would work, but it gives the function every permission in the account.'],
      ['wait', 'Keep PowerUser; the failure is IAM propagation delay and goes away', false, 'PowerUser simply does not include the cryptographic actions; waiting does not help.'],
      ['kms-star', 'Keep PowerUser and add kms:* on * to the role', false, 'It works but allows every KMS action on every key, including deletion.'],
    ],
  }),
  item({
    id: 'part2-decrypt-no-keyid',
    topic: 'Guide 000 lab, Part II',
    skill: 'encrypt-decrypt',
    drills: { kind: 'concept', label: 'Guide 000 Part II: kms.decrypt without KeyId' },
    prompt:
      'The guide\'s Lambda decrypts with kms.decrypt(CiphertextBlob=ciphertext) and no KeyId. A reviewer asks the team to follow AWS\'s best practice. Which change is recommended, and why?',
    sources: [guide000('Part II, step 01 code'), aws('AWS KMS API Reference — Decrypt', 'https://docs.aws.amazon.com/kms/latest/APIReference/API_Decrypt.html')],
    options: [
      ['pass-keyid', 'Pass KeyId, so KMS refuses ciphertext made under any other key', true, 'Symmetric ciphertext names its key, so Decrypt works without KeyId; passing it makes sure you only decrypt with the key you expect.'],
      ['required', 'Pass KeyId, because Decrypt fails without it for symmetric keys', false, 'It does not fail: the blob carries the key\'s identity.'],
      ['alias-only', 'Pass the alias as KeyId; a key ARN is not accepted by Decrypt', false, 'Decrypt accepts key ID, key ARN, alias name or alias ARN.'],
      ['nothing', 'Nothing: passing KeyId on Decrypt has no effect', false, 'It does: with KeyId set, KMS answers IncorrectKeyException for a blob made under another key.'],
    ],
  }),
  item({
    id: 'part2-test-event-size',
    topic: 'Guide 000 lab, Part II',
    skill: 'encrypt-decrypt',
    drills: { kind: 'key-number', label: 'Guide 000 Part II: direct Encrypt up to 4,096 bytes' },
    prompt:
      'The guide\'s function encrypts event["data"] with kms.encrypt. A tester sends a 6,000-character string of ASCII text. What happens, and what should the function do for such inputs?',
    sources: [guide000('Part II'), aws('AWS KMS API Reference — Encrypt', DOCS.encrypt)],
    options: [
      ['validation', 'ValidationException; use envelope encryption', true, '6,000 ASCII characters are 6,000 bytes, above the 4,096-byte limit of Encrypt.'],
      ['truncated', 'KMS encrypts the first 4,096 bytes and drops the rest', false, 'KMS never truncates; it refuses the request.'],
      ['works', 'It works: the limit counts base64 characters, not bytes', false, 'The limit is on plaintext bytes.'],
      ['throttled', 'ThrottlingException; retry with backoff', false, 'Size is not a quota matter.'],
    ],
  }),
  item({
    id: 'part3-sse-kms-upload-perms',
    topic: 'Guide 000 lab, Part III',
    skill: 'encrypt-decrypt',
    drills: { kind: 'concept', label: 'Guide 000 Part III, step 04: uploading with SSE-KMS' },
    prompt:
      'A role uploads an object with SSE-KMS and the customer managed key app-encryption-key and gets AccessDenied, although it has s3:PutObject on the bucket. Another role can read the object back only if it has one more permission. Which two KMS permissions are involved? (Choose two.)',
    sources: [guide000('Part III, step 04'), aws('Amazon S3 User Guide — SSE-KMS', DOCS.s3SseKms)],
    options: [
      ['gdk', 'kms:GenerateDataKey for the uploader', true, 'S3 asks KMS for a data key as the uploader, so the uploader needs GenerateDataKey on the key.'],
      ['decrypt', 'kms:Decrypt for the reader', true, 'S3 decrypts the object\'s data key as the reader.'],
      ['encrypt', 'kms:Encrypt for the uploader', false, 'S3 does not call Encrypt for SSE-KMS; it asks for a data key.'],
      ['createkey', 'kms:CreateKey for the uploader', false, 'No key is created on upload.'],
      ['reencrypt', 'kms:ReEncrypt for the reader', false, 'Reading does not re-encrypt.'],
    ],
  }),
  item({
    id: 'part3-verify-header',
    topic: 'Guide 000 lab, Part III',
    skill: 'concepts',
    drills: { kind: 'concept', label: 'Guide 000 Part III, steps 05–06: verifying encryption' },
    prompt:
      'After uploading one object with SSE-S3 and one with SSE-KMS (Part III), a script checks each with HeadObject. Which response tells the two apart?',
    sources: [guide000('Part III, steps 05–06'), aws('Amazon S3 User Guide — SSE-KMS', DOCS.s3SseKms)],
    options: [
      ['sse-header', 'ServerSideEncryption: AES256 versus aws:kms', true, 'SSE-S3 objects report AES256; SSE-KMS objects report aws:kms and the key ARN.'],
      ['etag', 'The ETag is the MD5 of the body for both', false, 'For SSE-KMS objects the ETag is not the MD5, but that is not how S3 says which method was used.'],
      ['storage-class', 'StorageClass is ENCRYPTED for the SSE-KMS object', false, 'There is no such storage class.'],
      ['same', 'Nothing: both report the same encryption', false, 'HeadObject reports the method and, for KMS, the key.'],
    ],
  }),
  item({
    id: 'part3-default-vs-request',
    topic: 'Guide 000 lab, Part III',
    skill: 'concepts',
    drills: { kind: 'concept', label: 'Guide 000 Part III: bucket default versus per-object override' },
    prompt:
      'A bucket\'s default encryption is SSE-S3. An upload sets x-amz-server-side-encryption: aws:kms with a key ID. Afterwards the bucket default is changed to SSE-KMS. Which statement is true?',
    sources: [guide000('Part III, steps 02–04'), aws('Amazon S3 User Guide — Default encryption', DOCS.s3Default)],
    options: [
      ['request-wins', 'The upload used SSE-KMS, and changing the default re-encrypts nothing already stored', true, 'Request headers beat the default, and a new default applies only to new objects.'],
      ['default-wins', 'The upload used SSE-S3, because the bucket default overrides request headers', false, 'The request header wins over the default.'],
      ['reencrypt-all', 'Changing the default re-encrypts every existing object with SSE-KMS', false, 'Existing objects keep their encryption until rewritten (for example with CopyObject).'],
      ['refused', 'The upload is refused because it conflicts with the bucket default', false, 'A request may choose another method than the default.'],
    ],
  }),
  item({
    id: 'part4-cold-start-cache',
    topic: 'Lambda environment variables',
    skill: 'sensitive-data',
    drills: { kind: 'concept', label: 'Guide 000 Part IV: decrypt once at cold start and cache' },
    prompt:
      'A Lambda function handling 500 requests per second decrypts an encrypted environment variable inside its handler on every invocation. KMS costs and latency have grown. Which change is the MOST efficient while keeping the secret encrypted at rest?',
    sources: [guide000('Part IV, code'), aws('AWS Lambda Developer Guide — Best practices', DOCS.lambdaBestPractices)],
    options: [
      ['init', 'Decrypt once in the initialization code, outside the handler, and reuse the value', true, 'Each execution environment then calls KMS once at cold start; warm invocations reuse the decrypted value in memory.'],
      ['plaintext-var', 'Store the secret as a plaintext environment variable instead', false, 'It removes the KMS call but also the protection the helper gave.'],
      ['tmp-file', 'Decrypt on first use and write the plaintext to /tmp for later invocations', false, 'Writing the secret to disk adds exposure for no gain over keeping it in memory.'],
      ['layer', 'Move the decryption into a Lambda layer', false, 'A layer is code packaging; the call count is the same if the layer still decrypts per invocation.'],
    ],
  }),
  item({
    id: 'part4-default-at-rest',
    topic: 'Lambda environment variables',
    skill: 'sensitive-data',
    drills: { kind: 'concept', label: 'Guide 000 Part IV: Lambda encrypts environment variables at rest by default' },
    prompt: 'Which two statements about Lambda environment variable encryption are true? (Choose two.)',
    sources: [guide000('Part IV, step 04'), aws('AWS Lambda Developer Guide — Securing environment variables', DOCS.lambdaEnvEncryption)],
    options: [
      ['default-key', 'Lambda encrypts them at rest even with no key chosen', true, 'At-rest encryption is automatic; a customer managed key adds your policy and audit control.'],
      ['helpers', 'Helper-encrypted values show as ciphertext in the console', true, 'Helper-encrypted values appear as ciphertext; the function must decrypt them itself.'],
      ['plaintext', 'Without the helpers, environment variables are stored in plaintext', false, 'They are encrypted at rest either way; the helpers add protection in transit and in the console.'],
      ['auto-decrypt', 'Helper-encrypted values are decrypted by Lambda before the handler runs', false, 'Lambda decrypts only its own at-rest layer; helper-encrypted values reach the code as ciphertext.'],
      ['any-region', 'The customer managed key may be in any Region', false, 'The key must be in the function\'s Region.'],
    ],
  }),
  item({
    id: 'cleanup-protocol',
    topic: 'Key lifecycle',
    skill: 'concepts',
    drills: { kind: 'concept', label: 'Guide 000 clean-up protocol' },
    prompt:
      'At the end of the lab a learner deletes the bucket and the function, then wants the KMS key gone as fast as possible. Which outcome should the learner expect?',
    sources: [guide000('Clean-up protocol'), aws('AWS KMS Developer Guide — Deleting keys', DOCS.deleting)],
    options: [
      ['seven', 'The key can be scheduled for deletion no sooner than 7 days out, and is not charged meanwhile', true, 'The waiting period is 7 to 30 days (30 by default); keys pending deletion are not billed.'],
      ['immediate', 'The key is deleted at once when ScheduleKeyDeletion is called with 0 days', false, 'Zero is refused: the minimum is 7 days.'],
      ['one-day', 'The key is deleted after 24 hours, the shortest window', false, 'One day is refused; the shortest window is 7 days.'],
      ['billed', 'The key is deleted after 7 days and billed at the full monthly rate until then', false, 'Keys pending deletion are not charged.'],
    ],
  }),
  item({
    id: 'secrets-manager-vs-env',
    topic: 'Secrets in application code',
    skill: 'sensitive-data',
    drills: { kind: 'concept', label: 'Secrets Manager versus encrypted environment variables' },
    prompt:
      'A Lambda function connects to an RDS database. The password must rotate every 30 days automatically, with no redeploy of the function. Which solution meets these requirements with the LEAST operational overhead?',
    sources: [aws('AWS Secrets Manager User Guide', DOCS.secretsManager), aws('Secrets Manager — Rotation', DOCS.secretsRotation)],
    options: [
      ['secrets-manager', 'Store the password in Secrets Manager with managed rotation, and read it at run time', true, 'Secrets Manager rotates RDS credentials on a schedule and the function reads the current value, so nothing is redeployed.'],
      ['env-cmk', 'Store it in an environment variable encrypted with a customer managed key and rotate the key', false, 'Rotating the KMS key does not change the database password; the variable would need manual updates.'],
      ['securestring', 'Store it as a Parameter Store SecureString and rotate it with KMS rotation', false, 'SecureString parameters have no built-in rotation; KMS rotation changes the key, not the password.'],
      ['s3-object', 'Store it in an SSE-KMS S3 object that a cron job rewrites monthly', false, 'It works, but it is custom rotation code to build and run.'],
    ],
  }),
  item({
    id: 'secrets-parameter-store',
    topic: 'Secrets in application code',
    skill: 'sensitive-data',
    drills: { kind: 'concept', label: 'Parameter Store SecureString' },
    prompt:
      'An application reads about twenty configuration values, three of which are API keys. The team wants them encrypted with KMS, versioned, and at the lowest cost; rotation is handled by hand twice a year. Which option fits BEST?',
    sources: [aws('AWS KMS Developer Guide — How Parameter Store uses KMS', DOCS.parameterStoreKms)],
    options: [
      ['securestring', 'Parameter Store, with the three keys as SecureString parameters (standard tier)', true, 'SecureString values are encrypted with a KMS key; standard parameters have no storage charge.'],
      ['secrets-all', 'Secrets Manager for all twenty values', false, 'It works, but each secret is billed monthly and automatic rotation is not needed.'],
      ['plain-string', 'Parameter Store String parameters, relying on at-rest encryption', false, 'Plain String parameters are not encrypted with your KMS key.'],
      ['env-plain', 'Plain Lambda environment variables, because Lambda encrypts them at rest', false, 'They are encrypted at rest with aws/lambda, but they are neither versioned nor shared.'],
    ],
  }),
  item({
    id: 'secrets-decrypt-flag',
    topic: 'Secrets in application code',
    skill: 'sensitive-data',
    drills: { kind: 'concept', label: 'Reading a SecureString: WithDecryption and kms:Decrypt' },
    prompt:
      'Code calls ssm.getParameter({ Name: "/app/api-key" }) on a SecureString and receives a long base64-looking string instead of the key. The role has ssm:GetParameter. Which change fixes this with the LEAST privilege?',
    sources: [aws('AWS KMS Developer Guide — How Parameter Store uses KMS', DOCS.parameterStoreKms)],
    options: [
      ['with-decryption', 'Pass WithDecryption: true, and give the role kms:Decrypt on the parameter\'s key', true, 'Without the flag Parameter Store returns the ciphertext; with it, it decrypts using the caller\'s KMS permission.'],
      ['kms-decrypt-self', 'Call kms:Decrypt on the value without encryption context', false, 'Parameter Store encrypts with a context naming the parameter, so a plain Decrypt fails; the flag is the way.'],
      ['string-type', 'Change the parameter type to String so it is returned in plaintext', false, 'That removes the encryption.'],
      ['advanced', 'Move the parameter to the advanced tier', false, 'The tier does not change how values are returned.'],
    ],
  }),
  item({
    id: 'secrets-lambda-extension',
    topic: 'Secrets in application code',
    skill: 'sensitive-data',
    drills: { kind: 'concept', label: 'Caching secrets in Lambda' },
    prompt:
      'Many Lambda functions read the same Secrets Manager secret on every invocation, adding latency and API cost. The secret rotates weekly, and functions must pick up the new value within a few minutes. Which solution is the MOST operationally efficient?',
    sources: [aws('Secrets Manager — Using secrets in Lambda', DOCS.secretsLambda)],
    options: [
      ['extension', 'Use the Parameters and Secrets Lambda Extension', true, 'The extension serves the secret from a local cache and refreshes it after its TTL, so rotation reaches functions without code to manage.'],
      ['env-copy', 'Copy the secret into each function\'s environment variables at deploy time', false, 'Rotation would then need a redeploy of every function.'],
      ['global-forever', 'Read the secret once per execution environment and never refresh it', false, 'A long-lived environment would keep using a rotated-out secret.'],
      ['dynamodb', 'Mirror the secret into a DynamoDB table read by the functions', false, 'It adds a copy of the secret to secure and keep in step.'],
    ],
  }),
  item({
    id: 'cognito-enhanced-scope-down',
    topic: 'Browser access with Cognito',
    skill: 'authorization',
    drills: { kind: 'concept', label: 'Cognito identity pools: the enhanced flow\'s session policy' },
    prompt:
      'A browser app gives guest users credentials from a Cognito identity pool (enhanced flow). The unauthenticated role\'s policy allows kms:CreateKey, yet guests get AccessDeniedException on CreateKey. Encrypt with an existing key works. Which is the MOST likely explanation?',
    sources: [aws('Amazon Cognito — IAM roles', DOCS.cognitoRoles), aws('Amazon Cognito — Identity pool authentication flow', DOCS.cognitoFlow)],
    options: [
      ['session-policy', 'The enhanced flow adds a session policy for guests', true, 'For KMS the scope-down allows only data-plane calls such as Encrypt, Decrypt and GenerateDataKey; CreateKey is outside it whatever the role allows.'],
      ['key-policy', 'The key policy of the new key denies the guest role', false, 'There is no key yet; CreateKey is refused before any key policy applies.'],
      ['region', 'Guests can only call KMS in the Region of the identity pool', false, 'The denial is about the action, not the Region.'],
      ['propagation', 'The role was changed minutes ago and IAM has not propagated it', false, 'The denial persists; it comes from the session policy.'],
    ],
  }),
  item({
    id: 'cognito-basic-flow',
    topic: 'Browser access with Cognito',
    skill: 'authorization',
    drills: { kind: 'concept', label: 'Cognito identity pools: basic versus enhanced flow' },
    prompt:
      'A training lab must let guest users create and tag their own KMS keys from the browser, limited by the role\'s own policy. The enhanced flow blocks CreateKey. Which change allows it with the LEAST privilege in the role?',
    sources: [aws('Amazon Cognito — Identity pool authentication flow', DOCS.cognitoFlow)],
    options: [
      ['basic', 'Enable the basic (classic) flow and call STS AssumeRoleWithWebIdentity with the pool\'s token', true, 'In the basic flow Cognito adds no session policy; the role\'s own policy (with its tag conditions) decides.'],
      ['admin-role', 'Attach AdministratorAccess to the unauthenticated role', false, 'The enhanced flow\'s session policy still cuts it down, and it would be far from least privilege.'],
      ['authenticated', 'Require guests to sign in, because the enhanced flow scopes down only unauthenticated users', false, 'Signing in changes the role, but the requirement is for guests; the basic flow is the documented route.'],
      ['access-keys', 'Embed an IAM user\'s access keys in the app for key creation', false, 'Long-term keys in a browser app are a serious exposure.'],
    ],
  }),
  item({
    id: 'exam-format-scoring',
    topic: 'The exam',
    skill: 'concepts',
    drills: { kind: 'key-number', label: 'DVA-C02 format: 65 items in 130 minutes, scaled score 720 of 1,000' },
    prompt: 'Which statement about the DVA-C02 exam\'s scoring is correct?',
    sources: [aws('AWS Certification — After testing (scoring)', DOCS.examScoring)],
    options: [
      ['scaled', 'A scaled score of 720 of 1,000 passes; no partial credit', true, 'Scaling makes different forms comparable; a multiple-response item scores only when every right option is chosen.'],
      ['percent', 'The pass mark is 72% of the 65 questions answered correctly', false, 'The score is scaled, not a raw percentage, and 15 items are unscored.'],
      ['partial', 'Multiple-response items earn partial credit for each right option', false, 'There is no partial credit.'],
      ['per-domain', 'Each domain must be passed separately', false, 'The model is compensatory: the overall score decides.'],
    ],
  }),
  item({
    id: 'exam-domain-task',
    topic: 'The exam',
    skill: 'concepts',
    drills: { kind: 'guide-correction', label: 'Where encryption sits in the DVA-C02 exam guide' },
    prompt: 'Where does "implement encryption by using AWS services" sit in the DVA-C02 exam guide?',
    guideCorrection:
      'Guide 002 calls the KMS material "Domain 2 (Development with AWS Services)". In DVA-C02, Domain 1 is Development with AWS Services (32%) and Domain 2 is Security (26%); encryption is Domain 2, Task 2.',
    sources: [guide('Introduction'), aws('DVA-C02 exam guide — Domain 2', DOCS.examGuide)],
    options: [
      ['d2-security', 'Domain 2, Security (26%), Task 2', true, 'Security is Domain 2; its Task 2 is encryption.'],
      ['d2-dev', 'Domain 2, Development with AWS Services (32%)', false, 'That mixes up domain names: Development is Domain 1.'],
      ['d1', 'Domain 1, Development with AWS Services (32%), Task 2', false, 'Encryption is under Security, not Development.'],
      ['d4', 'Domain 4, Troubleshooting and Optimization (18%)', false, 'Quotas and throttling touch Domain 4; encryption itself is Domain 2.'],
    ],
  }),
];
