/**
 * The alias-name rule the sandbox enforces, re-exported for the labs (which may not import the
 * sandbox), and what the active identity may create, derived from the guest policy document itself
 * (infra/policies/lab-guest-policy.json, which the sandbox evaluates and the template deploys).
 */
import { LAB_GUEST_POLICY } from '../sandbox/iam/principals';
import { creatableAliasPatterns } from '../sandbox/kms/alias-name';

export {
  aliasMatches,
  aliasNameProblem,
  fullAliasName,
  ALIAS_PREFIX,
  RESERVED_ALIAS_PREFIX,
  type AliasNameProblem,
} from '../sandbox/kms/alias-name';

/** The alias names the lab's guest role may create (`alias/lab-*`), read from its policy. */
export const GUEST_ALIAS_PATTERNS: readonly string[] = creatableAliasPatterns([LAB_GUEST_POLICY]);
