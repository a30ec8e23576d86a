/**
 * What the alias field says before any call: the name rule the sandbox enforces (one rule, from
 * src/connection/alias-rules.ts) and what the active identity may create, read from the guest
 * policy document (the guest: alias/lab-*; static administrator credentials: any valid name).
 */
import { aliasMatches, aliasNameProblem, fullAliasName, GUEST_ALIAS_PATTERNS } from '../../../connection';

export { fullAliasName };

/** The guide's own alias name (Part I, step 03). */
export const GUIDE_ALIAS = 'app-encryption-key';

export interface AliasCheck {
  /** The AliasName CreateAlias would receive. */
  name: string;
  /** Why it would fail, in the form, before any call. */
  problem?: string;
  /** A name the identity may create that keeps the guide's meaning. */
  suggestion?: string;
}

/** `guest`: the identity is the lab's Cognito guest (its policy limits alias names). */
export function checkAlias(typed: string, guest: boolean, patterns: readonly string[] = GUEST_ALIAS_PATTERNS): AliasCheck {
  const name = fullAliasName(typed);
  if (typed.trim() === '' || name === 'alias/') {
    return { name, problem: `An alias name is required (the guide uses ${GUIDE_ALIAS}).` };
  }
  const rule = aliasNameProblem(name);
  if (rule) return { name, problem: rule.code === 'NotAuthorizedException' ? 'alias/aws/ is reserved for AWS managed keys.' : rule.message };
  if (guest && !aliasMatches(name, patterns)) {
    const prefix = (patterns[0] ?? 'alias/lab-*').replace(/\*$/, '');
    const bare = name.slice('alias/'.length);
    return {
      name,
      problem: `The lab's guest role may create aliases only under ${prefix} (its policy allows kms:CreateAlias on ${patterns.join(', ')}), so ${name} would be refused after the key was made. The guide's ${GUIDE_ALIAS} becomes ${prefix}${GUIDE_ALIAS} here.`,
      suggestion: `${prefix}${bare}`,
    };
  }
  return { name };
}
