import {
  CancelKeyDeletionCommand,
  CreateAliasCommand,
  DeleteAliasCommand,
  DescribeKeyCommand,
  DisableKeyCommand,
  EncryptCommand,
  GetKeyPolicyCommand,
  ScheduleKeyDeletionCommand,
} from '@aws-sdk/client-kms';
import { kmsExperiment, success, utf8 } from '../../study/experiment-kit';

// Experiments for the Keys questions. Each creates its own key when the learner presses Run and
// schedules it for deletion (7 days) when it ends.

export const KEY_ENCRYPTED = 'encrypted';

/** ScheduleKeyDeletion, then CancelKeyDeletion: which state is the key left in? */
export const cancelDeletionLeavesState = kmsExperiment(async (lab) => {
  const keyId = await lab.createKey();
  await lab.setup(() => lab.kms.send(new ScheduleKeyDeletionCommand({ KeyId: keyId, PendingWindowInDays: 7 })));
  await lab.kms.send(new CancelKeyDeletionCommand({ KeyId: keyId }));
  const described = await lab.kms.send(new DescribeKeyCommand({ KeyId: keyId }));
  return success(described.KeyMetadata?.KeyState ?? 'unknown');
});

/** ScheduleKeyDeletion with a 5-day window. */
export const fiveDayDeletionWindow = kmsExperiment(async (lab) => {
  const keyId = await lab.createKey();
  const scheduled = await lab.kms.send(new ScheduleKeyDeletionCommand({ KeyId: keyId, PendingWindowInDays: 5 }));
  // The window KMS applied tells "scheduled in 5 days" from "clamped to 7"; AWS's documented
  // response may omit PendingWindowInDays, so fall back to the days until DeletionDate.
  const days =
    scheduled.PendingWindowInDays ??
    (scheduled.DeletionDate ? Math.round((scheduled.DeletionDate.getTime() - Date.now()) / 86_400_000) : undefined);
  return success(`${scheduled.KeyState ?? 'PendingDeletion'} (${days ?? '?'} days)`);
});

/** ScheduleKeyDeletion twice on the same key. */
export const scheduleDeletionTwice = kmsExperiment(async (lab) => {
  const keyId = await lab.createKey();
  await lab.setup(() => lab.kms.send(new ScheduleKeyDeletionCommand({ KeyId: keyId, PendingWindowInDays: 7 })));
  const again = await lab.kms.send(new ScheduleKeyDeletionCommand({ KeyId: keyId, PendingWindowInDays: 7 }));
  return success(again.KeyState ?? 'PendingDeletion');
});

/** Encrypt with a key that has been disabled. */
export const encryptWithDisabledKey = kmsExperiment(async (lab) => {
  const keyId = await lab.createKey();
  await lab.setup(() => lab.kms.send(new DisableKeyCommand({ KeyId: keyId })));
  await lab.kms.send(new EncryptCommand({ KeyId: keyId, Plaintext: utf8('hello') }));
  return success(KEY_ENCRYPTED);
});

/** CreateAlias with a name that lacks the alias/ prefix. */
export const aliasWithoutPrefix = kmsExperiment(async (lab) => {
  const keyId = await lab.createKey();
  const name = `lab-exp-${keyId.slice(0, 8)}`;
  await lab.kms.send(new CreateAliasCommand({ AliasName: name, TargetKeyId: keyId }));
  // A backend that accepted it: remove what it created before reporting.
  await lab.kms.send(new DeleteAliasCommand({ AliasName: name })).catch(() => undefined);
  return success('alias created');
});

/** CreateKey without a Policy, then GetKeyPolicy: the statement ids of the default policy. */
export const defaultKeyPolicyStatements = kmsExperiment(async (lab) => {
  const keyId = await lab.createKey();
  const { Policy } = await lab.kms.send(new GetKeyPolicyCommand({ KeyId: keyId, PolicyName: 'default' }));
  const parsed = JSON.parse(Policy ?? '{}') as { Statement?: { Sid?: string }[] | { Sid?: string } };
  const statements = Array.isArray(parsed.Statement) ? parsed.Statement : parsed.Statement ? [parsed.Statement] : [];
  return success(statements.map((s) => s.Sid ?? '(no Sid)').join(' + ') || '(no statements)');
});
