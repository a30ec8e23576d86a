import type { RequestContext } from '../shared/context';
import { currentMaterialId } from './key-metadata';
import type { KmsKey, KmsRegionState } from './kms-models';
import { deleteImportedMaterial } from './operations/import';
import { rotateKeyMaterial } from './operations/rotation';
import { finishTransition, isPrimary, primaryOf, relatedKeys, syncReplicas } from './multi-region';
import { recordKmsServiceEvent, rotationDetails } from './service-events';

type DueCtx = Pick<RequestContext, 'now' | 'state' | 'randomBytes' | 'subtle' | 'cache'>;

const DAY_MS = 86_400_000;
/**
 * At most this many automatic rotations are caught up per key in one pass (a jump of decades at
 * the shortest period); beyond it the schedule skips ahead rather than minting hundreds of materials.
 */
export const MAX_CATCH_UP_ROTATIONS = 40;

/**
 * Runs what the simulated clock made due, in every region: keys whose DeletionDate passed are
 * deleted for good (with their aliases); enabled keys whose NextRotationDate passed get new key
 * material (an AUTOMATIC rotation dated when it was due), one per elapsed period.
 */
export async function runDue(ctx: DueCtx): Promise<void> {
  const now = ctx.now();
  for (const region of Object.values(ctx.state.kms.regions)) {
    for (const key of Object.values(region.keys)) {
      // A replica finished creating, or a primary-Region change settled: KMS records its own
      // SynchronizeMultiRegionKey event (developer guide, "Logging with CloudTrail").
      if (finishTransition(key, now)) recordKmsServiceEvent(ctx, key, 'SynchronizeMultiRegionKey', now);
      if ((key.keyState === 'PendingDeletion') && key.deletionDate !== undefined && key.deletionDate <= now) {
        deleteKey(ctx, region, key);
        continue;
      }
      if (key.expirationModel === 'KEY_MATERIAL_EXPIRES' && key.validTo !== undefined && key.validTo <= now) {
        // Imported material that expires is deleted by KMS; the key waits for a new import.
        const expired = key.validTo;
        deleteImportedMaterial(key);
        recordKmsServiceEvent(ctx, key, 'DeleteExpiredKeyMaterial', expired);
        continue;
      }
      await rotateIfDue(ctx, key, now);
    }
  }
}

function deleteKey(ctx: DueCtx, region: KmsRegionState, key: KmsKey): void {
  delete region.keys[key.keyId];
  for (const [name, alias] of Object.entries(region.aliases)) {
    if (alias.targetKeyId === key.keyId) delete region.aliases[name];
  }
  recordKmsServiceEvent(ctx, key, 'DeleteKey', key.deletionDate ?? ctx.now());
  // The last replica gone, a primary waiting in PendingReplicaDeletion starts its own waiting period then.
  if (key.multiRegion) {
    const primary = primaryOf(ctx.state, key.keyId);
    if (primary && primary.keyState === 'PendingReplicaDeletion' && relatedKeys(ctx.state, key.keyId).length === 1) {
      const when = key.deletionDate ?? ctx.now();
      primary.keyState = 'PendingDeletion';
      primary.deletionDate = when + (primary.pendingWindowInDays ?? 30) * DAY_MS;
    }
  }
}

async function rotateIfDue(ctx: DueCtx, key: KmsKey, now: number): Promise<void> {
  const r = key.rotation;
  // Disabled or pending keys are not rotated; once enabled again the overdue rotation happens.
  if (!r.enabled || r.nextRotationDate === undefined || r.periodInDays === undefined) return;
  // Replicas never rotate on their own: the primary rotates and its new material is copied to them.
  if (key.multiRegion && !isPrimary(key)) return;
  if (key.keyState !== 'Enabled' || key.keySpec !== 'SYMMETRIC_DEFAULT' || key.origin !== 'AWS_KMS') return;
  const period = r.periodInDays * DAY_MS;
  let next: number = r.nextRotationDate;
  let done = 0;
  while (next <= now) {
    if (done >= MAX_CATCH_UP_ROTATIONS) {
      // Sandbox differs: AWS would have rotated every period; a jump this long skips the older ones.
      while (next <= now) next += period;
      break;
    }
    const previous = currentMaterialId(key);
    await rotateKeyMaterial(ctx, key, 'AUTOMATIC', next);
    recordKmsServiceEvent(ctx, key, 'RotateKey', next, rotationDetails(key, 'AUTOMATIC', previous, currentMaterialId(key)));
    next += period;
    done += 1;
  }
  r.nextRotationDate = next;
  if (done > 0) syncReplicas(ctx.state, key);
}
