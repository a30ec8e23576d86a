/** EnableKeyRotation's RotationPeriodInDays: 90 to 2,560 days (default 365). */
export const MIN_ROTATION_DAYS = 90;
export const MAX_ROTATION_DAYS = 2560;

export function rotationPeriodProblem(text: string): string | undefined {
  if (!/^\d+$/.test(text.trim())) return 'Enter a whole number of days.';
  const days = Number(text);
  if (days < MIN_ROTATION_DAYS) return `At least ${MIN_ROTATION_DAYS} days.`;
  if (days > MAX_ROTATION_DAYS) return `At most ${MAX_ROTATION_DAYS.toLocaleString('en-US')} days.`;
  return undefined;
}
