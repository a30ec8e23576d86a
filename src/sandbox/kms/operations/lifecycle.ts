import { ServiceError } from '../../protocol/service-error';
import { assertKeyState } from '../key-states';
import type { DispatchOperation, Operation, RequestContext } from '../../shared/context';
import { resolveKey } from '../key-lookup';
import type { KmsKey } from '../kms-models';
import { authorizeKey, DAY_MS } from '../management-common';
import { trailDate } from './keys';
import { isPrimary, relatedKeys } from '../multi-region';
import type {
  CancelKeyDeletionCommandInput,
  CancelKeyDeletionCommandOutput,
  DisableKeyCommandInput,
  DisableKeyCommandOutput,
  EnableKeyCommandInput,
  EnableKeyCommandOutput,
  ScheduleKeyDeletionCommandInput,
  ScheduleKeyDeletionCommandOutput,
} from '@aws-sdk/client-kms';

/** KeyId (required, checked by the validation layer): a key id or key ARN, not an alias (kms-behavior.md §2). */
async function keyFromInput(input: { KeyId?: string }, ctx: RequestContext): Promise<KmsKey> {
  return resolveKey(ctx, input.KeyId!, { allowAlias: false });
}

const enableKey: Operation<EnableKeyCommandInput, EnableKeyCommandOutput> = async (input, ctx) => {
  const key = await keyFromInput(input, ctx);
  authorizeKey(ctx, 'EnableKey', key);
  assertKeyState('EnableKey', key);
  key.keyState = 'Enabled';
  return {};
};

const disableKey: Operation<DisableKeyCommandInput, DisableKeyCommandOutput> = async (input, ctx) => {
  const key = await keyFromInput(input, ctx);
  authorizeKey(ctx, 'DisableKey', key);
  assertKeyState('DisableKey', key);
  key.keyState = 'Disabled';
  return {};
};

export const DEFAULT_PENDING_WINDOW_DAYS = 30;

const scheduleKeyDeletion: Operation<ScheduleKeyDeletionCommandInput, ScheduleKeyDeletionCommandOutput> = async (input, ctx) => {
  const days = input.PendingWindowInDays;
  // The model allows 1-365 (the validation layer's error first); the service then insists on 7-30.
  const key = await keyFromInput(input, ctx);
  if (days !== undefined && (days < 7 || days > 30)) {
    throw new ServiceError('ValidationException', 'PendingWindowInDays must be between 7 and 30');
  }
  authorizeKey(ctx, 'ScheduleKeyDeletion', key, { 'kms:ScheduleKeyDeletionPendingWindowInDays': days ?? DEFAULT_PENDING_WINDOW_DAYS });
  assertKeyState('ScheduleKeyDeletion', key);
  const window = days ?? DEFAULT_PENDING_WINDOW_DAYS;
  // A multi-Region primary that still has replicas waits for them: PendingReplicaDeletion, and its
  // waiting period starts only when the last replica is deleted (kms-behavior.md §5.16; run-due.ts).
  const replicas = isPrimary(key) ? relatedKeys(ctx.state, key.keyId).filter((k) => k !== key) : [];
  if (replicas.length > 0) {
    key.keyState = 'PendingReplicaDeletion';
    key.pendingWindowInDays = window;
    delete key.deletionDate;
    ctx.audit.requestParameters = { keyId: input.KeyId, pendingWindowInDays: window };
    ctx.audit.responseElements = { keyId: key.arn, keyState: 'PendingReplicaDeletion', pendingWindowInDays: window };
    // Sandbox differs (not recorded): the response carries no DeletionDate because none is set yet.
    return { KeyId: key.arn, KeyState: 'PendingReplicaDeletion', PendingWindowInDays: window };
  }
  const deletionDate = ctx.now() + window * DAY_MS;
  key.keyState = 'PendingDeletion';
  key.deletionDate = deletionDate;
  key.pendingWindowInDays = window;
  // The record shows the window KMS applied, also when the request left it to the default.
  ctx.audit.requestParameters = { keyId: input.KeyId, pendingWindowInDays: window };
  ctx.audit.responseElements = {
    keyId: key.arn,
    deletionDate: trailDate(new Date(deletionDate)),
    keyState: 'PendingDeletion',
    pendingWindowInDays: window,
  };
  return { KeyId: key.arn, DeletionDate: new Date(deletionDate), KeyState: 'PendingDeletion', PendingWindowInDays: window };
};

const cancelKeyDeletion: Operation<CancelKeyDeletionCommandInput, CancelKeyDeletionCommandOutput> = async (input, ctx) => {
  const key = await keyFromInput(input, ctx);
  authorizeKey(ctx, 'CancelKeyDeletion', key);
  assertKeyState('CancelKeyDeletion', key);
  // The key comes back Disabled, never Enabled: it must be re-enabled with EnableKey (§5.16).
  // An imported key without material goes back to waiting for its import.
  key.keyState = key.origin === 'EXTERNAL' && key.materials.length === 0 ? 'PendingImport' : 'Disabled';
  delete key.deletionDate;
  delete key.pendingWindowInDays;
  ctx.audit.responseElements = { keyId: key.arn };
  return { KeyId: key.arn };
};

export { keyFromInput };

export const lifecycleOperations: Record<string, DispatchOperation> = {
  EnableKey: enableKey,
  DisableKey: disableKey,
  ScheduleKeyDeletion: scheduleKeyDeletion,
  CancelKeyDeletion: cancelKeyDeletion,
};
