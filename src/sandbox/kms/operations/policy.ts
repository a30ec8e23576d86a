import { ServiceError } from '../../protocol/service-error';
import type { DispatchOperation, Operation } from '../../shared/context';
import { assertKeyState } from '../key-states';
import { authorizeKey } from '../management-common';
import { keyFromInput } from './lifecycle';
import type {
  GetKeyPolicyCommandInput,
  GetKeyPolicyCommandOutput,
  ListKeyPoliciesCommandInput,
  ListKeyPoliciesCommandOutput,
  PutKeyPolicyCommandInput,
  PutKeyPolicyCommandOutput,
} from '@aws-sdk/client-kms';

/** A key has exactly one policy, named `default` (kms-behavior.md §5.20). */
const POLICY_NAME = 'default';

// Not recorded: emulators answer "No such policy exists"; AWS's own text was not captured.
const noSuchPolicy = () => new ServiceError('NotFoundException', 'No such policy exists');

const getKeyPolicy: Operation<GetKeyPolicyCommandInput, GetKeyPolicyCommandOutput> = async (input, ctx) => {
  const name = input.PolicyName;
  const key = await keyFromInput(input, ctx);
  authorizeKey(ctx, 'GetKeyPolicy', key);
  assertKeyState('GetKeyPolicy', key);
  if (name !== undefined && name !== POLICY_NAME) throw noSuchPolicy();
  return { Policy: key.policy, PolicyName: POLICY_NAME };
};

const putKeyPolicy: Operation<PutKeyPolicyCommandInput, PutKeyPolicyCommandOutput> = async (input, ctx) => {
  const name = input.PolicyName;
  const policy = input.Policy;
  const bypass = input.BypassPolicyLockoutSafetyCheck ?? false;
  const key = await keyFromInput(input, ctx);
  authorizeKey(ctx, 'PutKeyPolicy', key, { 'kms:BypassPolicyLockoutSafetyCheck': bypass });
  assertKeyState('PutKeyPolicy', key);
  if (name !== undefined && name !== POLICY_NAME) throw noSuchPolicy();
  ctx.validateKeyPolicy(policy!, { bypassLockoutSafetyCheck: bypass, keyArn: key.arn });
  // Stored as given; allowed in every key state.
  key.policy = policy!;
  return {};
};

const listKeyPolicies: Operation<ListKeyPoliciesCommandInput, ListKeyPoliciesCommandOutput> = async (input, ctx) => {
  // Limit and Marker are checked by the validation layer; a key has one policy, so one page.
  const key = await keyFromInput(input, ctx);
  authorizeKey(ctx, 'ListKeyPolicies', key);
  assertKeyState('ListKeyPolicies', key);
  return { PolicyNames: [POLICY_NAME], Truncated: false };
};

export const policyOperations: Record<string, DispatchOperation> = {
  GetKeyPolicy: getKeyPolicy,
  PutKeyPolicy: putKeyPolicy,
  ListKeyPolicies: listKeyPolicies,
};
