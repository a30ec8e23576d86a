import { aws, DOCS, item } from './build';

// Service integrations the exam likes to wrap in scenarios.

export const serviceItems = [
  item({
    id: 'svc-rds-encrypt-existing',
    topic: 'Service integrations',
    skill: 'concepts',
    drills: { kind: 'concept', label: 'RDS: encrypting an existing unencrypted database' },
    prompt:
      'A production RDS for PostgreSQL instance was created without encryption. An audit now requires encryption at rest with a customer managed key. Downtime of a short maintenance window is acceptable. Which approach meets the requirement with the LEAST effort?',
    sources: [aws('Amazon RDS User Guide — Encrypting resources', DOCS.rdsEncryption)],
    options: [
      ['snapshot-copy', 'Restore from an encrypted copy of a snapshot', true, 'Encryption cannot be switched on for an existing instance; an encrypted snapshot copy restored as a new instance is the documented route.'],
      ['modify', 'Modify the instance and tick "Enable encryption" with the key', false, 'RDS does not allow turning on encryption for an existing unencrypted instance.'],
      ['replica', 'Create an encrypted read replica of the unencrypted instance and promote it', false, 'A read replica of an unencrypted instance cannot be encrypted.'],
      ['ebs', 'Enable EBS encryption by default in the Region; RDS volumes pick it up', false, 'That setting does not apply to existing RDS storage.'],
    ],
  }),
  item({
    id: 'svc-ebs-default',
    topic: 'Service integrations',
    skill: 'concepts',
    drills: { kind: 'concept', label: 'EBS encryption by default' },
    prompt:
      'A team wants every new EBS volume in a Region to be encrypted, including volumes created by autoscaling and by other teams\' templates. They want no template changes. Which setting meets this with the LEAST operational overhead?',
    sources: [aws('Amazon EBS User Guide — Encryption', DOCS.ebsEncryption)],
    options: [
      ['default', 'Turn on EBS encryption by default for the Region', true, 'New volumes in that account and Region are then encrypted whatever the template says.'],
      ['scp', 'An SCP denying ec2:CreateVolume unless the Encrypted flag is true', false, 'It blocks unencrypted volumes but breaks every template that omits the flag.'],
      ['config', 'An AWS Config rule that reports unencrypted volumes', false, 'It detects but does not encrypt.'],
      ['lambda', 'A Lambda function that snapshots and re-creates unencrypted volumes', false, 'Custom remediation with downtime and code to maintain.'],
    ],
  }),
  item({
    id: 'svc-s3-require-kms',
    topic: 'S3 encryption',
    skill: 'concepts',
    drills: { kind: 'concept', label: 'Requiring a specific KMS key for uploads' },
    prompt:
      'A bucket must hold only objects encrypted with one specific customer managed key. Some clients set their own encryption headers on upload. Which bucket policy condition enforces the requirement MOST directly?',
    sources: [aws('Amazon S3 User Guide — SSE-KMS', DOCS.s3SseKms)],
    options: [
      ['key-id', 'Deny PutObject unless the KMS key ID header is the key', true, 'Uploads naming any other key (or none, if you also require aws:kms) are refused.'],
      ['sse-header', 'Deny s3:PutObject unless s3:x-amz-server-side-encryption equals AES256', false, 'That requires SSE-S3, not the customer managed key.'],
      ['secure-transport', 'Deny requests where aws:SecureTransport is false', false, 'That enforces TLS in transit, not the key at rest.'],
      ['kms-viaservice', 'Add kms:ViaService to the bucket policy', false, 'kms:ViaService belongs in key policies, and it does not pick the key.'],
    ],
  }),
  item({
    id: 'svc-logs-kms',
    topic: 'Service integrations',
    skill: 'authorization',
    drills: { kind: 'concept', label: 'CloudWatch Logs encrypted with a customer managed key' },
    prompt:
      'A developer associates a customer managed key with a CloudWatch Logs log group and gets an error that the key cannot be used. The key policy has only the default root statement. Which change fixes it with the LEAST privilege?',
    sources: [aws('AWS KMS Developer Guide — Key policies', DOCS.keyPolicies), { label: 'Amazon CloudWatch Logs User Guide — Encrypt log data with AWS KMS' }],
    options: [
      ['service-principal', 'Allow the Logs service principal in the key policy', true, 'CloudWatch Logs uses the key as its own service principal, so the key policy must allow it; the context condition limits it to your log groups.'],
      ['iam-user', 'Give the developer\'s IAM user kms:* on the key', false, 'The service, not the developer, encrypts log data.'],
      ['aws-managed', 'Use the AWS managed key aws/logs instead', false, 'There is no aws/logs key to associate; log groups use either the service\'s own encryption or your customer managed key.'],
      ['grant-root', 'Create a grant for the account root', false, 'The root can already do everything IAM allows; the service principal is what is missing.'],
    ],
  }),
  item({
    id: 'svc-context-condition',
    topic: 'Encryption context',
    skill: 'authorization',
    drills: { kind: 'trap', label: 'Trap 2: encryption context in key policy conditions' },
    prompt:
      'Tenants\' data keys are encrypted under one KMS key with context { TenantId: <id> }. Each tenant\'s worker role must decrypt only its own tenant\'s keys. The team wants the rule in the key policy rather than in code. Which condition achieves this MOST directly?',
    sources: [aws('AWS KMS Developer Guide — Encryption context', DOCS.context), aws('AWS KMS Developer Guide — Condition keys', DOCS.conditionKeys)],
    options: [
      ['ec-condition', 'kms:EncryptionContext:TenantId = the tenant\'s ID', true, 'KMS allows Decrypt only when the request carries that context pair, so a role cannot decrypt another tenant\'s keys.'],
      ['ec-keys', 'kms:EncryptionContextKeys containing TenantId', false, 'That checks that the key TenantId is present, not its value; any tenant\'s ID would pass.'],
      ['grant-token', 'kms:GrantIsForAWSResource set to true', false, 'That is about grants made by AWS services, not tenants.'],
      ['request-alias', 'kms:RequestAlias equal to a per-tenant alias', false, 'Decrypt does not need an alias, and an alias says nothing about whose data it is.'],
    ],
  }),
  item({
    id: 'svc-dynamodb-cmk-audit',
    topic: 'Service integrations',
    skill: 'concepts',
    drills: { kind: 'concept', label: 'DynamoDB encryption at rest: choosing the key' },
    prompt:
      'A DynamoDB table stores payment records. Auditors require that the company can revoke AWS\'s ability to read the table and see key use in CloudTrail. Cost is a secondary concern. Which key should the table use?',
    sources: [aws('Amazon DynamoDB — Encryption at rest', DOCS.dynamoAtRest)],
    options: [
      ['cmk', 'A customer managed key, whose policy the company controls and can disable', true, 'Disabling or revoking the key makes the table unreadable, and its use appears in CloudTrail.'],
      ['owned', 'The AWS owned key, the default', false, 'Free and automatic, but invisible: no control and no audit trail.'],
      ['managed', 'The AWS managed key aws/dynamodb', false, 'Use is logged, but you cannot change its policy or disable it.'],
      ['client-only', 'No table key at all; encryption at rest can be turned off for this table', false, 'DynamoDB encryption at rest cannot be turned off.'],
    ],
  }),
];
