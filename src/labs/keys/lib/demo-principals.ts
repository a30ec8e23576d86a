/** The sandbox's demo roles for key-policy exercises (HELPERS.md). */
export const DEMO_ROLES = [
  { name: 'KeyAdminRole', arn: 'arn:aws:iam::111122223333:role/KeyAdminRole', hint: 'people who manage keys' },
  { name: 'KeyUserRole', arn: 'arn:aws:iam::111122223333:role/KeyUserRole', hint: 'people who use keys' },
  { name: 'AppServerRole', arn: 'arn:aws:iam::111122223333:role/AppServerRole', hint: 'an application server' },
] as const;

export const SANDBOX_ACCOUNT = '111122223333';

/** Typed ARNs, one per line or comma-separated. */
export function splitArns(text: string): string[] {
  return text
    .split(/[\s,]+/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}
