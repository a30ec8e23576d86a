/**
 * The alias-name rule, once: the sandbox's CreateAlias/UpdateAlias/DeleteAlias enforce it, and the
 * labs check a name against it (through src/connection/alias-rules.ts) before any call, so the form
 * and the service can never disagree. Pure data and functions: no service state, no React.
 */
import type { PolicyDocument } from '../shared/principal';

/** The framework pattern KMS applies to AliasName (kms-behavior.md §5.4). */
export const ALIAS_NAME_PATTERN = /^[a-zA-Z0-9:/_-]+$/;
export const ALIAS_NAME_PATTERN_TEXT = '^[a-zA-Z0-9:/_-]+$';
export const ALIAS_NAME_MAX = 256;
export const ALIAS_PREFIX = 'alias/';
/** Reserved for AWS managed keys: AWS answers NotAuthorizedException with no message. */
export const RESERVED_ALIAS_PREFIX = 'alias/aws/';

export interface AliasNameProblem {
  /** The AWS error code KMS answers with for this name. */
  code: 'ValidationException' | 'NotAuthorizedException';
  /** AWS's own message where it has one; a plain statement of the rule otherwise. */
  message: string;
}

/** What KMS says about a full alias name (with its alias/ prefix), or undefined when it is valid. */
export function aliasNameProblem(name: string): AliasNameProblem | undefined {
  if (name.length < 1 || name.length > ALIAS_NAME_MAX) {
    return { code: 'ValidationException', message: `An alias name has 1 to ${ALIAS_NAME_MAX} characters.` };
  }
  if (!ALIAS_NAME_PATTERN.test(name)) {
    return { code: 'ValidationException', message: `An alias name may hold only letters, digits, slash, colon, underscore and hyphen (${ALIAS_NAME_PATTERN_TEXT}).` };
  }
  if (!name.startsWith(ALIAS_PREFIX)) {
    return {
      code: 'ValidationException',
      message: 'Alias must start with the prefix "alias/". Please see https://docs.aws.amazon.com/kms/latest/developerguide/kms-alias.html',
    };
  }
  // The model's pattern lets `:` through, but KMS itself refuses it: real AWS answered
  // "ValidationException: alias/Service:Test contains invalid characters for an alias" (HTTP 400,
  // hashicorp/terraform-provider-aws#12891, 2020), and the developer guide allows only letters,
  // digits, `/`, `_` and `-`. Checked after the prefix, as the framework pattern runs first.
  if (name.includes(':')) return { code: 'ValidationException', message: `${name} contains invalid characters for an alias` };
  if (name.startsWith(RESERVED_ALIAS_PREFIX)) return { code: 'NotAuthorizedException', message: 'alias/aws/ is reserved for AWS managed keys.' };
  return undefined;
}

/** The name a learner typed, with or without its alias/ prefix, as the full AliasName. */
export function fullAliasName(typed: string): string {
  const t = typed.trim();
  return t.startsWith(ALIAS_PREFIX) ? t : `${ALIAS_PREFIX}${t}`;
}

const list = (v: string | string[] | undefined): string[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/** IAM's `*` wildcard: actions match case-insensitively, resource names case-sensitively. */
function glob(pattern: string, value: string, flags = ''): boolean {
  const body = pattern
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${body}$`, flags).test(value);
}

/**
 * The alias names an identity policy lets its holder create, as alias-name patterns with `*`
 * wildcards (`alias/lab-*`), read from the policy's Allow statements for kms:CreateAlias whose
 * resource is an alias ARN. `['alias/*']` when a statement allows it on every resource.
 * Conditions are not evaluated here: the guest policy puts none on its alias statement.
 */
export function creatableAliasPatterns(policies: readonly PolicyDocument[], action = 'kms:CreateAlias'): string[] {
  const patterns = new Set<string>();
  for (const policy of policies) {
    for (const s of Array.isArray(policy.Statement) ? policy.Statement : [policy.Statement]) {
      if (s.Effect !== 'Allow' || !list(s.Action).some((a) => glob(a, action, 'i'))) continue;
      for (const r of list(s.Resource)) {
        if (r === '*') patterns.add(`${ALIAS_PREFIX}*`);
        const at = r.indexOf(':alias/');
        if (r.startsWith('arn:') && at >= 0) patterns.add(r.slice(at + 1));
      }
    }
  }
  return [...patterns];
}

/** Whether a full alias name matches one of the patterns (`*` matches any run of characters). */
export function aliasMatches(name: string, patterns: readonly string[]): boolean {
  return patterns.some((p) => glob(p, name));
}
