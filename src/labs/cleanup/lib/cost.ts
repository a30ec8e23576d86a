/**
 * What keeping the learner's resources costs per month, from AWS's public prices (us-east-1,
 * checked for this lab; docs/teacher.md gives the sources):
 * - a customer managed KMS key: $1 a month, prorated hourly; the first and second rotations of its
 *   material add $1 a month each, later rotations nothing more (so at most $3);
 * - a key pending deletion: no monthly charge during the waiting period (it is charged as if never
 *   scheduled only if the deletion is cancelled); a multi-Region primary in PendingReplicaDeletion
 *   is a key scheduled for deletion too and is priced the same (the pricing page names no other
 *   charge for that state; not confirmed on a real bill);
 * - KMS requests: $0.03 per 10,000 beyond a free tier of 20,000 a month;
 * - S3 Standard storage: $0.023 per GB-month; aliases are free.
 */
export const KEY_MONTHLY_USD = 1;
export const ROTATION_MONTHLY_USD = 1;
export const MAX_BILLED_ROTATIONS = 2;
export const KMS_REQUEST_USD = 0.03 / 10_000;
export const KMS_FREE_REQUESTS = 20_000;
export const S3_GB_MONTH_USD = 0.023;
export const HOURS_PER_MONTH = 730;

export interface KeyCostInput {
  state: string | undefined;
  /** Completed rotations of the key material (ListKeyRotations), if known. */
  rotations: number;
}

export function keyMonthlyCost(k: KeyCostInput): number {
  if (k.state === 'PendingDeletion' || k.state === 'PendingReplicaDeletion') return 0;
  return KEY_MONTHLY_USD + ROTATION_MONTHLY_USD * Math.min(Math.max(0, k.rotations), MAX_BILLED_ROTATIONS);
}

export function objectsMonthlyCost(totalBytes: number): number {
  return (Math.max(0, totalBytes) / 1024 ** 3) * S3_GB_MONTH_USD;
}

/** Requests beyond the monthly free tier (the whole account shares it; a learner alone rarely leaves it). */
export function requestsCost(requests: number, alreadyUsedThisMonth = 0): number {
  const billable = Math.max(0, alreadyUsedThisMonth + requests - Math.max(KMS_FREE_REQUESTS, alreadyUsedThisMonth));
  return billable * KMS_REQUEST_USD;
}

/** The cost so far of keeping a key for `hours` (prorated hourly). */
export function proratedKeyCost(monthly: number, hours: number): number {
  return (monthly * Math.max(0, hours)) / HOURS_PER_MONTH;
}

export function formatUsd(v: number): string {
  if (v === 0) return '$0.00';
  if (v < 0.01) return '< $0.01';
  return `$${v.toFixed(2)}`;
}
