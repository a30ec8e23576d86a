import { ServiceError } from '../protocol/service-error';

/**
 * KMS request quotas as token buckets (docs/quotas.md; KMS Developer Guide, "Request quotas",
 * figures read 2026-12-04). Each quota is counted per account and Region; the cryptographic
 * operations share one bucket per key type, and calls other services make on the caller's behalf
 * (S3's SSE-KMS calls) count against the same buckets, as AWS documents ("Requests made on your
 * behalf"). A bucket holds one second's worth of requests and refills continuously.
 *
 * Modes: `off` (no throttling: scripts and tests that call fast), `aws` (AWS's default figures) and
 * `teaching` (AWS's figures divided by TEACHING_DIVISOR, at least one request per second, so that a
 * burst made by hand in the lab reaches ThrottlingException).
 */

export type QuotaMode = 'off' | 'aws' | 'teaching';
export const QUOTA_MODES: readonly QuotaMode[] = ['off', 'aws', 'teaching'];
export const TEACHING_DIVISOR = 1000;
export const QUOTA_FIGURES_CHECKED = '2026-12-04';

/** AWS's message for a throttled KMS request (KMS Developer Guide, "Throttling AWS KMS requests"). */
export const THROTTLING_MESSAGE = 'You have exceeded the rate at which you may call KMS. Reduce the frequency of your calls.';

/** Regions where the shared symmetric quota is higher (the guide's table, as the reference records it). */
const SYMMETRIC_50K = new Set(['us-east-1', 'us-west-2', 'eu-west-1']);
const SYMMETRIC_10K = new Set(['us-east-2', 'ap-southeast-1', 'ap-southeast-2', 'ap-northeast-1', 'eu-central-1', 'eu-west-2']);

export function symmetricCryptoRate(region: string): number {
  if (SYMMETRIC_50K.has(region)) return 50_000;
  if (SYMMETRIC_10K.has(region)) return 10_000;
  return 5_500;
}

/** The shared cryptographic families and the operations they cover. */
const SYMMETRIC_OPS = new Set([
  'Decrypt', 'Encrypt', 'GenerateDataKey', 'GenerateDataKeyWithoutPlaintext', 'GenerateMac', 'GenerateRandom', 'ReEncrypt', 'VerifyMac',
]);
const ASYMMETRIC_OPS = new Set(['Sign', 'Verify', 'DeriveSharedSecret']);

/** Per-operation quotas (requests per second), the guide's defaults. */
const OPERATION_RATES: Record<string, number> = {
  CancelKeyDeletion: 5,
  CreateAlias: 5,
  CreateGrant: 50,
  CreateKey: 5,
  DeleteAlias: 15,
  DeleteImportedKeyMaterial: 15,
  DescribeKey: 2000,
  DisableKey: 5,
  DisableKeyRotation: 5,
  EnableKey: 5,
  EnableKeyRotation: 5,
  GenerateDataKeyPair: 1,
  GenerateDataKeyPairWithoutPlaintext: 1,
  GetKeyPolicy: 1000,
  GetKeyRotationStatus: 1000,
  GetParametersForImport: 0.25,
  GetPublicKey: 2000,
  ImportKeyMaterial: 5,
  ListAliases: 500,
  ListGrants: 100,
  ListKeyPolicies: 100,
  ListKeyRotations: 100,
  ListKeys: 500,
  ListResourceTags: 2000,
  ListRetirableGrants: 100,
  PutKeyPolicy: 15,
  ReplicateKey: 5,
  RetireGrant: 30,
  RevokeGrant: 30,
  RotateKeyOnDemand: 5,
  ScheduleKeyDeletion: 15,
  TagResource: 10,
  UntagResource: 5,
  UpdateAlias: 5,
  UpdateKeyDescription: 5,
  UpdatePrimaryRegion: 5,
};

export interface QuotaFamily {
  /** Stable name: `kms:symmetric`, `kms:asymmetric`, `kms:CreateKey`, ... */
  name: string;
  /** The quota as AWS documents it (requests per second). */
  awsRate: number;
}

/**
 * The quota a KMS call counts against. Sandbox differs: AWS charges Encrypt/Decrypt with an RSA
 * key to the RSA quota (1,000/s, or 500 in older tables); the sandbox decides before the key is
 * read and charges every Encrypt/Decrypt to the symmetric family, Sign/Verify to one asymmetric
 * family of 1,000/s.
 */
export function kmsQuotaFamily(operation: string, region: string): QuotaFamily | undefined {
  if (SYMMETRIC_OPS.has(operation)) return { name: 'kms:symmetric', awsRate: symmetricCryptoRate(region) };
  if (ASYMMETRIC_OPS.has(operation)) return { name: 'kms:asymmetric', awsRate: 1000 };
  const rate = OPERATION_RATES[operation];
  return rate === undefined ? undefined : { name: `kms:${operation}`, awsRate: rate };
}

export function effectiveRate(family: QuotaFamily, mode: QuotaMode): number {
  if (mode === 'teaching') return Math.max(1, family.awsRate / TEACHING_DIVISOR);
  return family.awsRate;
}

interface Bucket {
  tokens: number;
  updatedAt: number;
}

export interface QuotaUsage {
  family: string;
  accountId: string;
  region: string;
  ratePerSecond: number;
  /** Whole tokens left now. */
  available: number;
  throttled: number;
  allowed: number;
}

export interface QuotaCharge {
  service: string;
  operation: string;
  accountId: string;
  region: string;
  /**
   * When the request reached the sandbox (wall clock, ms). AWS counts a request when it arrives; the
   * engine runs calls one at a time, so a burst waits in its queue, and charging at the time each call
   * is run would let the bucket refill while the burst waits (on a slow machine a burst of 120 at a
   * 50-per-second teaching quota was never throttled). Default: now.
   */
  at?: number;
}

/**
 * The model. `now` is the wall clock in ms (quotas are real time, not the simulated clock: moving
 * the lab's clock forward by a year must not refill anything).
 */
export class QuotaModel {
  private mode: QuotaMode;
  private readonly buckets = new Map<string, Bucket & { throttled: number; allowed: number; family: QuotaFamily; accountId: string; region: string }>();

  constructor(
    mode: QuotaMode,
    private readonly now: () => number,
  ) {
    this.mode = mode;
  }

  getMode(): QuotaMode {
    return this.mode;
  }

  /** Changing the mode starts every bucket full again. */
  setMode(mode: QuotaMode): void {
    this.mode = mode;
    this.buckets.clear();
  }

  /** Takes one token for the call, or throws ThrottlingException (HTTP 400) as KMS does. */
  charge(call: QuotaCharge): void {
    if (this.mode === 'off' || call.service !== 'kms') return;
    const family = kmsQuotaFamily(call.operation, call.region);
    if (!family) return;
    const rate = effectiveRate(family, this.mode);
    const key = `${call.accountId}|${call.region}|${family.name}`;
    let b = this.buckets.get(key);
    // Arrival times come in queue order; a call made on another's behalf carries the outer arrival.
    const t = Math.max(call.at ?? this.now(), b?.updatedAt ?? -Infinity);
    // A bucket holds one second of requests (at least one), so a quiet account can burst that much.
    const capacity = Math.max(1, rate);
    if (!b) {
      b = { tokens: capacity, updatedAt: t, throttled: 0, allowed: 0, family, accountId: call.accountId, region: call.region };
      this.buckets.set(key, b);
    } else {
      b.tokens = Math.min(capacity, b.tokens + ((t - b.updatedAt) / 1000) * rate);
      b.updatedAt = t;
    }
    if (b.tokens < 1) {
      b.throttled++;
      throw new ServiceError('ThrottlingException', THROTTLING_MESSAGE, 400);
    }
    b.tokens -= 1;
    b.allowed++;
  }

  /** What each bucket used so far has left (for the quotas panel). */
  usage(): QuotaUsage[] {
    const t = this.now();
    return [...this.buckets.values()].map((b) => {
      const rate = effectiveRate(b.family, this.mode);
      const tokens = Math.min(Math.max(1, rate), b.tokens + ((t - b.updatedAt) / 1000) * rate);
      return {
        family: b.family.name,
        accountId: b.accountId,
        region: b.region,
        ratePerSecond: rate,
        available: Math.floor(tokens),
        throttled: b.throttled,
        allowed: b.allowed,
      };
    });
  }
}
