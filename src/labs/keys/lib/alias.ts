/** Alias name rules (kms-behavior.md §5.4), checked before CreateAlias so the learner sees why at once. */
const ALIAS_NAME = /^[a-zA-Z0-9:/_-]+$/;

export function aliasProblem(name: string): string | undefined {
  if (name === '') return 'An alias name is required (the guide uses app-encryption-key).';
  if (!ALIAS_NAME.test(name)) return 'Only letters, digits, slash, colon, underscore and hyphen.';
  if (name.startsWith('aws/')) return 'alias/aws/ is reserved for AWS managed keys.';
  return undefined;
}
