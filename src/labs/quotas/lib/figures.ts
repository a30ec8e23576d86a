/**
 * AWS KMS request quotas the lab shows (AWS KMS Developer Guide, "Request quotas"), as docs/quotas.md
 * records them, read on QUOTA_FIGURES_DATE. The sandbox's model (src/sandbox/shared/quotas.ts) uses
 * the same figures; a test checks that the two agree.
 */
export const QUOTA_FIGURES_DATE = '2026-12-04';
export const QUOTAS_DOC = 'https://docs.aws.amazon.com/kms/latest/developerguide/requests-per-second.html';
export const THROTTLING_DOC = 'https://docs.aws.amazon.com/kms/latest/developerguide/throttling.html';
export const CACHING_DOC = 'https://docs.aws.amazon.com/encryption-sdk/latest/developer-guide/data-key-caching.html';
/** The sandbox's teaching scale divides every figure by this (at least one request a second). */
export const TEACHING_DIVISOR = 1000;

export interface QuotaFigure {
  quota: string;
  operations: string;
  perSecond: string;
}

export const QUOTA_FIGURES: readonly QuotaFigure[] = [
  {
    quota: 'Cryptographic operations (symmetric), shared',
    operations: 'Encrypt, Decrypt, GenerateDataKey(WithoutPlaintext), ReEncrypt, GenerateMac, VerifyMac, GenerateRandom',
    perSecond: '50,000 in us-east-1, us-west-2, eu-west-1; 10,000 in six more Regions; 5,500 elsewhere',
  },
  { quota: 'Cryptographic operations (RSA / ECC)', operations: 'Sign, Verify, Encrypt/Decrypt with RSA keys', perSecond: '1,000' },
  { quota: 'DescribeKey, GetPublicKey', operations: 'one quota each', perSecond: '2,000' },
  { quota: 'CreateGrant', operations: 'CreateGrant', perSecond: '50' },
  { quota: 'CreateKey', operations: 'CreateKey', perSecond: '5' },
  { quota: 'GenerateDataKeyPair (RSA)', operations: 'GenerateDataKeyPair(WithoutPlaintext)', perSecond: '1' },
];

/** The shared symmetric quota of a Region, in requests per second (what the burst runs against). */
export function symmetricQuota(region: string): number {
  if (['us-east-1', 'us-west-2', 'eu-west-1'].includes(region)) return 50_000;
  if (['us-east-2', 'ap-southeast-1', 'ap-southeast-2', 'ap-northeast-1', 'eu-central-1', 'eu-west-2'].includes(region)) return 10_000;
  return 5_500;
}

/** The same quota at the teaching scale. */
export const teachingQuota = (region: string): number => Math.max(1, symmetricQuota(region) / TEACHING_DIVISOR);
