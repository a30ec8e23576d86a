import { ServiceError } from '../../protocol/service-error';
import type { Operation } from '../../shared/context';
import { asInput, authorizeKey, optBoolean, optNumber, optString } from '../management-common';
import { POLICY_PATTERN, POLICY_PATTERN_TEXT } from './keys';
import { keyFromInput } from './lifecycle';

/** A key has exactly one policy, named `default` (kms-behavior.md §5.20). */
const POLICY_NAME = 'default';
const POLICY_NAME_RE = /^[\w]+$/;

// Not recorded: emulators answer "No such policy exists"; AWS's own text was not captured.
const noSuchPolicy = () => new ServiceError('NotFoundException', 'No such policy exists');

const getKeyPolicy: Operation = async (raw, ctx) => {
  const name = optString(asInput(raw), 'PolicyName');
  const key = await keyFromInput(raw, ctx, (v) =>
    v.length(name, 'policyName', 1, 128).pattern(name, 'policyName', POLICY_NAME_RE, '[\\w]+'),
  );
  authorizeKey(ctx, 'GetKeyPolicy', key);
  if (name !== undefined && name !== POLICY_NAME) throw noSuchPolicy();
  return { Policy: key.policy, PolicyName: POLICY_NAME };
};

const putKeyPolicy: Operation = async (raw, ctx) => {
  const input = asInput(raw);
  const name = optString(input, 'PolicyName');
  const policy = optString(input, 'Policy');
  const bypass = optBoolean(input, 'BypassPolicyLockoutSafetyCheck') ?? false;
  const key = await keyFromInput(raw, ctx, (v) => {
    v.length(name, 'policyName', 1, 128).pattern(name, 'policyName', POLICY_NAME_RE, '[\\w]+');
    v.required(policy, 'policy').length(policy, 'policy', 1, 131072).pattern(policy, 'policy', POLICY_PATTERN, POLICY_PATTERN_TEXT);
  });
  authorizeKey(ctx, 'PutKeyPolicy', key, { 'kms:BypassPolicyLockoutSafetyCheck': bypass });
  if (name !== undefined && name !== POLICY_NAME) throw noSuchPolicy();
  ctx.validateKeyPolicy(policy!, { bypassLockoutSafetyCheck: bypass, keyArn: key.arn });
  // Stored as given; allowed in every key state.
  key.policy = policy!;
  return {};
};

const listKeyPolicies: Operation = async (raw, ctx) => {
  const limit = optNumber(asInput(raw), 'Limit');
  const marker = optString(asInput(raw), 'Marker');
  const key = await keyFromInput(raw, ctx, (v) => v.range(limit, 'limit', 1, 1000).length(marker, 'marker', 1, 320));
  authorizeKey(ctx, 'ListKeyPolicies', key);
  return { PolicyNames: [POLICY_NAME], Truncated: false };
};

export const policyOperations: Record<string, Operation> = {
  GetKeyPolicy: getKeyPolicy,
  PutKeyPolicy: putKeyPolicy,
  ListKeyPolicies: listKeyPolicies,
};
