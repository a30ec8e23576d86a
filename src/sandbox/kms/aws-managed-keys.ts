import { accountRootArn, kmsAliasArn } from '../shared/arn';
import type { RequestContext } from '../shared/context';
import { jacksonStringify, type JsonValue } from './default-policy';
import { storeNewKey } from './key-factory';
import type { KmsKey } from './kms-models';
import { kmsRegion } from './kms-region';

type Ctx = Pick<RequestContext, 'state' | 'region' | 'accountId' | 'now' | 'randomBytes' | 'subtle' | 'cache'>;

const DAY_MS = 86_400_000;
/** AWS managed keys rotate every year; the account cannot change that. */
export const AWS_MANAGED_ROTATION_DAYS = 365;

interface ManagedService {
  /** What the Description says the key protects ("Default key that protects my <x> when no other key is defined"). */
  protects: string;
  /** Service name in the key policy's Sid ("Allow access through <name> for all principals ..."). */
  displayName: string;
  /** The endpoint prefix that kms:ViaService names (<prefix>.<region>.amazonaws.com). */
  viaService: string;
  /** The policy's Id as AWS writes it. */
  policyId: string;
  /** Services that hand the key to other AWS resources also get kms:CreateGrant. */
  createGrant: boolean;
  /** What the account may call directly (not through the service). */
  directActions: string[];
}

/**
 * The AWS managed keys the sandbox knows, by alias (alias/aws/<name>). Descriptions and policy
 * shapes follow what DescribeKey and GetKeyPolicy return on AWS for these keys.
 */
export const AWS_MANAGED_SERVICES: Record<string, ManagedService> = {
  s3: {
    protects: 'S3 objects',
    displayName: 'S3',
    viaService: 's3',
    policyId: 'auto-s3-2',
    createGrant: false,
    directActions: ['kms:Describe*', 'kms:Get*', 'kms:List*'],
  },
  lambda: {
    protects: 'Lambda functions',
    displayName: 'AWS Lambda',
    viaService: 'lambda',
    policyId: 'auto-awslambda',
    createGrant: true,
    // Some published copies show only kms:Describe*; the console can show this key's policy and
    // rotation status, which needs Get* and List* as well.
    directActions: ['kms:Describe*', 'kms:Get*', 'kms:List*'],
  },
  ebs: {
    protects: 'EBS volumes',
    displayName: 'EBS',
    viaService: 'ec2',
    policyId: 'auto-ebs-2',
    createGrant: true,
    directActions: ['kms:Describe*', 'kms:Get*', 'kms:List*', 'kms:RevokeGrant'],
  },
  dynamodb: {
    protects: 'DynamoDB data',
    displayName: 'Amazon DynamoDB',
    viaService: 'dynamodb',
    policyId: 'auto-dynamodb-1',
    createGrant: true,
    directActions: ['kms:Describe*', 'kms:Get*', 'kms:List*'],
  },
  ssm: {
    protects: 'SSM parameters',
    displayName: 'AWS Systems Manager',
    viaService: 'ssm',
    policyId: 'auto-ssm-1',
    createGrant: false,
    directActions: ['kms:Describe*', 'kms:Get*', 'kms:List*'],
  },
  secretsmanager: {
    protects: 'Secrets Manager data',
    displayName: 'AWS Secrets Manager',
    viaService: 'secretsmanager',
    policyId: 'auto-secretsmanager-2',
    createGrant: true,
    directActions: ['kms:Describe*', 'kms:Get*', 'kms:List*'],
  },
  sqs: {
    protects: 'SQS messages',
    displayName: 'Amazon SQS',
    viaService: 'sqs',
    policyId: 'auto-sqs-1',
    createGrant: false,
    directActions: ['kms:Describe*', 'kms:Get*', 'kms:List*'],
  },
  rds: {
    protects: 'RDS database volumes',
    displayName: 'RDS',
    viaService: 'rds',
    policyId: 'auto-rds-2',
    createGrant: true,
    directActions: ['kms:Describe*', 'kms:Get*', 'kms:List*', 'kms:RevokeGrant'],
  },
  elasticfilesystem: {
    protects: 'EFS filesystems',
    displayName: 'EFS',
    viaService: 'elasticfilesystem',
    policyId: 'auto-elasticfilesystem-1',
    createGrant: true,
    directActions: ['kms:Describe*', 'kms:Get*', 'kms:List*', 'kms:RevokeGrant'],
  },
};
// The descriptions are AWS's; the policy Ids other than auto-s3-2 and auto-awslambda follow their pattern.


export const awsManagedDescription = (svc: ManagedService) =>
  `Default key that protects my ${svc.protects} when no other key is defined`;

/**
 * The key policy of an AWS managed key: the service may use the key for the account's principals
 * (kms:ViaService + kms:CallerAccount), the account may read its metadata, and nothing else. No
 * statement allows PutKeyPolicy, ScheduleKeyDeletion, DisableKeyRotation..., so the evaluator
 * refuses them with "... because no resource-based policy allows the kms:<Action> action".
 */
export function awsManagedKeyPolicy(svc: ManagedService, accountId: string, region: string): string {
  const use = ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*'];
  if (svc.createGrant) use.push('kms:CreateGrant');
  use.push('kms:DescribeKey');
  const direct: JsonValue = svc.directActions.length === 1 ? svc.directActions[0]! : svc.directActions;
  return jacksonStringify({
    Version: '2012-10-17',
    Id: svc.policyId,
    Statement: [
      {
        Sid: `Allow access through ${svc.displayName} for all principals in the account that are authorized to use ${svc.displayName}`,
        Effect: 'Allow',
        Principal: { AWS: '*' },
        Action: use,
        Resource: '*',
        Condition: {
          StringEquals: {
            'kms:CallerAccount': accountId,
            'kms:ViaService': `${svc.viaService}.${region}.amazonaws.com`,
          },
        },
      },
      {
        Sid: 'Allow direct access to key metadata to the account',
        Effect: 'Allow',
        Principal: { AWS: accountRootArn(accountId) },
        Action: direct,
        Resource: '*',
      },
    ],
  });
}

/** `alias/aws/<service>` names a known AWS managed key; returns the service entry. */
export function managedServiceOf(aliasName: string): ManagedService | undefined {
  if (!aliasName.startsWith('alias/aws/')) return undefined;
  const name = aliasName.slice('alias/aws/'.length);
  return Object.prototype.hasOwnProperty.call(AWS_MANAGED_SERVICES, name) ? AWS_MANAGED_SERVICES[name] : undefined;
}

/**
 * Creates the AWS managed key behind `alias/aws/<service>` (s3, lambda, ...) the first time it is
 * named, as AWS does; returns undefined for any other alias. Its rotation is on, yearly.
 */
export async function ensureAwsManagedKey(ctx: Ctx, aliasName: string): Promise<KmsKey | undefined> {
  const region = kmsRegion(ctx);
  const existing = region.aliases[aliasName];
  if (existing) return region.keys[existing.targetKeyId];
  const svc = managedServiceOf(aliasName);
  if (!svc) return undefined;
  const key = await storeNewKey(ctx, {
    keySpec: 'SYMMETRIC_DEFAULT',
    keyUsage: 'ENCRYPT_DECRYPT',
    origin: 'AWS_KMS',
    keyManager: 'AWS',
    description: awsManagedDescription(svc),
    policy: awsManagedKeyPolicy(svc, ctx.accountId, ctx.region),
    tags: [],
  });
  key.rotation = {
    enabled: true,
    periodInDays: AWS_MANAGED_ROTATION_DAYS,
    nextRotationDate: key.creationDate + AWS_MANAGED_ROTATION_DAYS * DAY_MS,
    onDemandCount: 0,
  };
  const now = ctx.now();
  region.aliases[aliasName] = { aliasName, targetKeyId: key.keyId, creationDate: now, lastUpdatedDate: now };
  return key;
}

/** The alias ARN of a managed alias, for ListAliases entries that have no key yet. */
export const managedAliasArn = (ctx: Pick<RequestContext, 'region' | 'accountId'>, aliasName: string) =>
  kmsAliasArn(ctx.region, ctx.accountId, aliasName);
