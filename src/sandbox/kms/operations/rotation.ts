import { ServiceError } from '../../protocol/service-error';
import { assertKeyState } from '../key-states';
import type { DispatchOperation, Operation, RequestContext } from '../../shared/context';
import { generateKeyMaterial } from '../key-material';
import { currentMaterialId } from '../key-metadata';
import { kmsErrors } from '../kms-errors';
import type { KmsKey, RotationRecord } from '../kms-models';
import { recordKmsServiceEvent, rotationDetails } from '../service-events';
import {
  authorizeKey,
  DAY_MS,
} from '../management-common';
import { keyFromInput } from './lifecycle';
import { isPrimary, notPrimary, syncReplicas } from '../multi-region';
import type {
  DisableKeyRotationCommandInput,
  DisableKeyRotationCommandOutput,
  EnableKeyRotationCommandInput,
  EnableKeyRotationCommandOutput,
  GetKeyRotationStatusCommandInput,
  GetKeyRotationStatusCommandOutput,
  ListKeyRotationsCommandInput,
  ListKeyRotationsCommandOutput,
  RotateKeyOnDemandCommandInput,
  RotateKeyOnDemandCommandOutput,
} from '@aws-sdk/client-kms';

export const DEFAULT_ROTATION_DAYS = 365;
/**
 * On-demand rotations allowed per key. The API reference says 25; recordings from April 2025 hit
 * the limit after 10. The sandbox follows the documentation.
 */
export const ON_DEMAND_ROTATION_LIMIT = 25;

type RotateCtx = Pick<RequestContext, 'randomBytes' | 'subtle' | 'now'>;

/** Adds a new current key material; older materials stay so that old ciphertext still decrypts. */
export async function rotateKeyMaterial(
  ctx: RotateCtx,
  key: KmsKey,
  rotationType: RotationRecord['rotationType'],
  rotationDate: number,
): Promise<void> {
  const material = await generateKeyMaterial(key.keySpec, ctx);
  material.createdAt = rotationDate;
  key.materials.push(material);
  key.rotations.push({ keyMaterialId: material.id, rotationDate, rotationType });
}

/** Only symmetric encryption keys with KMS-generated material rotate automatically (§5.15). */
function assertAutoRotatable(key: KmsKey): void {
  // A multi-Region set rotates from its primary; the setting is copied to the replicas (§5.15).
  // Sandbox differs: AWS's text for a replica is not recorded; ReplicateKey's recorded text is used.
  if (key.multiRegion && !isPrimary(key)) throw notPrimary(key.arn);
  if (key.origin === 'EXTERNAL') {
    throw kmsErrors.unsupported(`${key.arn} origin is EXTERNAL which is not valid for this operation.`);
  }
  if (key.keySpec !== 'SYMMETRIC_DEFAULT') {
    // Not recorded: AWS answers UnsupportedOperationException; the text follows its "origin" pattern.
    throw kmsErrors.unsupported(`${key.arn} key spec is ${key.keySpec} which is not valid for this operation.`);
  }
}

const enableKeyRotation: Operation<EnableKeyRotationCommandInput, EnableKeyRotationCommandOutput> = async (input, ctx) => {
  const period = input.RotationPeriodInDays;
  const key = await keyFromInput(input, ctx);
  authorizeKey(ctx, 'EnableKeyRotation', key);
  assertKeyState('EnableKeyRotation', key);
  assertAutoRotatable(key);
  const days = period ?? DEFAULT_ROTATION_DAYS;
  const now = ctx.now();
  const r = key.rotation;
  if (r.enabled && r.periodInDays !== undefined && r.nextRotationDate !== undefined) {
    // A new period counts from the last anchor (the last rotation, or when rotation was turned on).
    const anchor = r.nextRotationDate - r.periodInDays * DAY_MS;
    r.nextRotationDate = Math.max(anchor + days * DAY_MS, now);
  } else {
    r.nextRotationDate = now + days * DAY_MS;
  }
  r.enabled = true;
  r.periodInDays = days;
  syncReplicas(ctx.state, key);
  return {};
};

const disableKeyRotation: Operation<DisableKeyRotationCommandInput, DisableKeyRotationCommandOutput> = async (input, ctx) => {
  const key = await keyFromInput(input, ctx);
  authorizeKey(ctx, 'DisableKeyRotation', key);
  assertKeyState('DisableKeyRotation', key);
  assertAutoRotatable(key);
  key.rotation.enabled = false;
  delete key.rotation.periodInDays;
  delete key.rotation.nextRotationDate;
  syncReplicas(ctx.state, key);
  return {};
};

const getKeyRotationStatus: Operation<GetKeyRotationStatusCommandInput, GetKeyRotationStatusCommandOutput> = async (input, ctx) => {
  const key = await keyFromInput(input, ctx);
  authorizeKey(ctx, 'GetKeyRotationStatus', key);
  assertKeyState('GetKeyRotationStatus', key);
  const r = key.rotation;
  // Period and next date are absent, not null, while rotation is off (§5.15).
  const out: { KeyId: string; KeyRotationEnabled: boolean; RotationPeriodInDays?: number; NextRotationDate?: Date } = {
    KeyId: key.arn,
    KeyRotationEnabled: r.enabled,
  };
  if (r.enabled && r.periodInDays !== undefined && r.nextRotationDate !== undefined) {
    out.RotationPeriodInDays = r.periodInDays;
    out.NextRotationDate = new Date(r.nextRotationDate);
  }
  // No OnDemandRotationStartDate: the sandbox completes on-demand rotations at once (see RotateKeyOnDemand).
  return out;
};

const rotateKeyOnDemand: Operation<RotateKeyOnDemandCommandInput, RotateKeyOnDemandCommandOutput> = async (input, ctx) => {
  const key = await keyFromInput(input, ctx);
  authorizeKey(ctx, 'RotateKeyOnDemand', key);
  // A disabled key is refused before its spec is looked at, even an RSA key (recorded 2025-03).
  assertKeyState('RotateKeyOnDemand', key);
  // Non-symmetric keys: UnsupportedOperationException with no message at all, as recorded.
  if (key.keySpec !== 'SYMMETRIC_DEFAULT') throw kmsErrors.unsupported();
  if (key.multiRegion && !isPrimary(key)) throw notPrimary(key.arn);
  if (key.origin === 'EXTERNAL') {
    throw new ServiceError('KMSInvalidStateException', `No available key material pending rotation for the key: ${key.arn}.`);
  }
  if (key.rotation.onDemandCount >= ON_DEMAND_ROTATION_LIMIT) {
    throw new ServiceError(
      'LimitExceededException',
      `The on-demand rotations limit has been reached for the given keyId. No more on-demand rotations can be performed for this key: ${key.arn}`,
    );
  }
  // Sandbox differs: AWS rotates asynchronously (CurrentKeyMaterialId changes some seconds later and
  // GetKeyRotationStatus shows OnDemandRotationStartDate meanwhile); the sandbox completes it at once.
  // The automatic schedule (NextRotationDate) does not move, as on AWS.
  const previous = currentMaterialId(key);
  await rotateKeyMaterial(ctx, key, 'ON_DEMAND', ctx.now());
  key.rotation.onDemandCount += 1;
  syncReplicas(ctx.state, key);
  // AWS records the completed rotation as its own RotateKey service event.
  recordKmsServiceEvent(ctx, key, 'RotateKey', ctx.now(), rotationDetails(key, 'ON_DEMAND', previous, currentMaterialId(key)));
  return { KeyId: key.arn };
};


interface RotationEntry {
  KeyId: string;
  KeyMaterialId: string;
  KeyMaterialState: 'CURRENT' | 'NON_CURRENT';
  RotationDate?: Date;
  RotationType?: RotationRecord['rotationType'];
}

const listKeyRotations: Operation<ListKeyRotationsCommandInput, ListKeyRotationsCommandOutput> = async (input, ctx) => {
  const include = input.IncludeKeyMaterial;
  const limit = input.Limit;
  const marker = input.Marker;
  const key = await keyFromInput(input, ctx);
  authorizeKey(ctx, 'ListKeyRotations', key);
  assertKeyState('ListKeyRotations', key);
  if (key.keySpec !== 'SYMMETRIC_DEFAULT') {
    if (include !== undefined) {
      throw new ServiceError('ValidationException', 'Input parameter includeKeyMaterial can only be used with symmetric keys.');
    }
    // Not recorded (kms-behavior.md §5.15 "D"): AWS refuses the operation for non-symmetric keys.
    throw kmsErrors.unsupported(`${key.arn} key spec is ${key.keySpec} which is not valid for this operation.`);
  }
  const current = currentMaterialId(key);
  const stateOf = (id: string): RotationEntry['KeyMaterialState'] => (id === current ? 'CURRENT' : 'NON_CURRENT');
  const byMaterial = new Map(key.rotations.map((r) => [r.keyMaterialId, r]));
  let entries: RotationEntry[];
  if (include === 'ALL_KEY_MATERIAL') {
    entries = key.materials.map((m) => {
      const r = byMaterial.get(m.id);
      const e: RotationEntry = { KeyId: key.keyId, KeyMaterialId: m.id, KeyMaterialState: stateOf(m.id) };
      if (r) {
        e.RotationDate = new Date(r.rotationDate);
        e.RotationType = r.rotationType;
      }
      return e;
    });
  } else {
    entries = key.rotations.map((r) => ({
      KeyId: key.keyId,
      KeyMaterialId: r.keyMaterialId,
      KeyMaterialState: stateOf(r.keyMaterialId),
      RotationDate: new Date(r.rotationDate),
      RotationType: r.rotationType,
    }));
  }
  let start = 0;
  if (marker !== undefined) {
    const n = Number(marker);
    if (!Number.isInteger(n) || n < 0 || n > entries.length) throw new ServiceError('InvalidMarkerException', 'Invalid marker');
    start = n;
  }
  const page = entries.slice(start, start + (limit ?? 100));
  const truncated = start + page.length < entries.length;
  const out: { Rotations: RotationEntry[]; Truncated: boolean; NextMarker?: string } = { Rotations: page, Truncated: truncated };
  if (truncated) out.NextMarker = String(start + page.length);
  return out;
};

export const rotationOperations: Record<string, DispatchOperation> = {
  EnableKeyRotation: enableKeyRotation,
  DisableKeyRotation: disableKeyRotation,
  GetKeyRotationStatus: getKeyRotationStatus,
  RotateKeyOnDemand: rotateKeyOnDemand,
  ListKeyRotations: listKeyRotations,
};
