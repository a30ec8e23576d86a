import type { Drill, GuideSkill, Question, Source } from '../schema';

/**
 * Compact writing for the study bank's own items (those no lab panel owns). The result is an
 * ordinary Question, validated with the rest of the bank by src/study/__tests__/question-bank.test.ts.
 */
export const LAST_CHECKED = '2026-12-04';

/** [id, text, correct, explanation]; add `true` as a fifth element to pin the option last. */
export type Opt = readonly [id: string, text: string, correct: boolean, explanation: string, pinLast?: boolean];

export interface ItemSpec {
  id: string;
  topic: string;
  skill: GuideSkill;
  drills: Drill;
  prompt: string;
  sources: Source[];
  options: readonly Opt[];
  guideCorrection?: string;
  concept?: string;
  lastChecked?: string;
}

export function item(spec: ItemSpec): Question {
  const correct = spec.options.filter((o) => o[2]).length;
  return {
    id: spec.id,
    labId: 'study',
    type: correct > 1 ? 'multiple' : 'single',
    topic: spec.topic,
    skill: spec.skill,
    drills: spec.drills,
    prompt: spec.prompt,
    sources: spec.sources,
    lastChecked: spec.lastChecked ?? LAST_CHECKED,
    ...(spec.guideCorrection ? { guideCorrection: spec.guideCorrection } : {}),
    ...(spec.concept ? { concept: spec.concept } : {}),
    options: spec.options.map(([id, text, isCorrect, explanation, pinLast]) => ({
      id,
      text,
      correct: isCorrect,
      explanation,
      ...(pinLast ? { pinLast: true } : {}),
    })),
  } as Question;
}

export const DOCS = {
  concepts: 'https://docs.aws.amazon.com/kms/latest/developerguide/concepts.html',
  keyPolicies: 'https://docs.aws.amazon.com/kms/latest/developerguide/key-policies.html',
  defaultPolicy: 'https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html',
  crossAccount: 'https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-modifying-external-accounts.html',
  grants: 'https://docs.aws.amazon.com/kms/latest/developerguide/grants.html',
  quotas: 'https://docs.aws.amazon.com/kms/latest/developerguide/requests-per-second.html',
  multiRegion: 'https://docs.aws.amazon.com/kms/latest/developerguide/multi-region-keys-overview.html',
  rotation: 'https://docs.aws.amazon.com/kms/latest/developerguide/rotate-keys.html',
  onDemand: 'https://docs.aws.amazon.com/kms/latest/developerguide/rotating-keys-on-demand.html',
  context: 'https://docs.aws.amazon.com/kms/latest/developerguide/encrypt_context.html',
  asymmetric: 'https://docs.aws.amazon.com/kms/latest/developerguide/symmetric-asymmetric.html',
  keySpecs: 'https://docs.aws.amazon.com/kms/latest/developerguide/asymmetric-key-specs.html',
  hmac: 'https://docs.aws.amazon.com/kms/latest/developerguide/hmac.html',
  sign: 'https://docs.aws.amazon.com/kms/latest/APIReference/API_Sign.html',
  getPublicKey: 'https://docs.aws.amazon.com/kms/latest/APIReference/API_GetPublicKey.html',
  dataKeyPair: 'https://docs.aws.amazon.com/kms/latest/APIReference/API_GenerateDataKeyPair.html',
  generateDataKey: 'https://docs.aws.amazon.com/kms/latest/APIReference/API_GenerateDataKey.html',
  withoutPlaintext: 'https://docs.aws.amazon.com/kms/latest/APIReference/API_GenerateDataKeyWithoutPlaintext.html',
  reEncrypt: 'https://docs.aws.amazon.com/kms/latest/APIReference/API_ReEncrypt.html',
  encrypt: 'https://docs.aws.amazon.com/kms/latest/APIReference/API_Encrypt.html',
  deleting: 'https://docs.aws.amazon.com/kms/latest/developerguide/deleting-keys.html',
  importing: 'https://docs.aws.amazon.com/kms/latest/developerguide/importing-keys.html',
  cloudtrail: 'https://docs.aws.amazon.com/kms/latest/developerguide/logging-using-cloudtrail.html',
  conditionKeys: 'https://docs.aws.amazon.com/kms/latest/developerguide/conditions-kms.html',
  pricing: 'https://aws.amazon.com/kms/pricing/',
  powerUser: 'https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AWSKeyManagementServicePowerUser.html',
  s3Sse: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/serv-side-encryption.html',
  s3SseS3: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/UsingServerSideEncryption.html',
  s3SseKms: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/UsingKMSEncryption.html',
  s3SseC: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/ServerSideEncryptionCustomerKeys.html',
  s3Dsse: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/UsingDSSEncryption.html',
  s3BucketKeys: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucket-key.html',
  s3Default: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/default-bucket-encryption.html',
  s3ClientSide: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/UsingClientSideEncryption.html',
  s3Security: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/security-best-practices.html',
  s3ReplicationKms: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/replication-config-for-kms-objects.html',
  lambdaEnvEncryption: 'https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars-encryption.html',
  lambdaBestPractices: 'https://docs.aws.amazon.com/lambda/latest/dg/best-practices.html',
  secretsManager: 'https://docs.aws.amazon.com/secretsmanager/latest/userguide/intro.html',
  secretsRotation: 'https://docs.aws.amazon.com/secretsmanager/latest/userguide/rotating-secrets.html',
  secretsLambda: 'https://docs.aws.amazon.com/secretsmanager/latest/userguide/retrieving-secrets_lambda.html',
  parameterStoreKms: 'https://docs.aws.amazon.com/kms/latest/developerguide/services-parameter-store.html',
  acm: 'https://docs.aws.amazon.com/acm/latest/userguide/acm-overview.html',
  privateCa: 'https://docs.aws.amazon.com/privateca/latest/userguide/PcaWelcome.html',
  ec2KeyPairs: 'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/ec2-key-pairs.html',
  dynamoAtRest: 'https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/EncryptionAtRest.html',
  rdsEncryption: 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Overview.Encryption.html',
  ebsEncryption: 'https://docs.aws.amazon.com/ebs/latest/userguide/ebs-encryption.html',
  sqsSse: 'https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-server-side-encryption.html',
  esdk: 'https://docs.aws.amazon.com/encryption-sdk/latest/developer-guide/introduction.html',
  esdkCaching: 'https://docs.aws.amazon.com/encryption-sdk/latest/developer-guide/data-key-caching.html',
  dbesdk: 'https://docs.aws.amazon.com/database-encryption-sdk/latest/devguide/what-is-database-encryption-sdk.html',
  cognitoRoles: 'https://docs.aws.amazon.com/cognito/latest/developerguide/iam-roles.html',
  cognitoFlow: 'https://docs.aws.amazon.com/cognito/latest/developerguide/authentication-flow.html',
  examGuide: 'https://docs.aws.amazon.com/aws-certification/latest/userguide/developer-associate-02-domain2.html',
  examScoring: 'https://aws.amazon.com/certification/policies/after-testing/',
} as const;

export const guide = (section: string): Source => ({ label: `Guide 002 — ${section}` });
export const guide000 = (section: string): Source => ({ label: `Guide 000 — ${section}` });
export const aws = (label: string, url: string): Source => ({ label, url });
