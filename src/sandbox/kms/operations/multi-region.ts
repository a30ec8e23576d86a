import { ServiceError } from '../../protocol/service-error';
import { kmsKeyArn } from '../../shared/arn';
import type { DispatchOperation, Operation } from '../../shared/context';
import { defaultKeyPolicy } from '../default-policy';
import { resolveKey } from '../key-lookup';
import { buildKeyMetadata } from '../key-metadata';
import { assertKeyState } from '../key-states';
import { kmsErrors } from '../kms-errors';
import type { KmsKey } from '../kms-models';
import { kmsRegion } from '../kms-region';
import { isPrimary, notPrimary, relatedKeys, TRANSITION_MS } from '../multi-region';
import {
  authorizeKey,
  checkReservedAndDuplicateTags,
  MAX_TAGS_PER_KEY,
  tooManyTags,
  tagsOf,
} from '../management-common';
import type {
  ReplicateKeyCommandInput,
  ReplicateKeyCommandOutput,
  UpdatePrimaryRegionCommandInput,
  UpdatePrimaryRegionCommandOutput,
} from '@aws-sdk/client-kms';

/** The API model's RegionType: 1-32 characters, `^([a-z]+-){2,3}\d+$`. */

/**
 * ReplicateKey (kms-behavior.md §5.19): called in the primary's Region, creates a replica with the
 * same key id and key material in ReplicaRegion. The replica answers `Creating` / `Enabled: false`
 * and becomes Enabled (PendingImport for imported material) a few seconds later (runDue).
 * Permissions as AWS documents them: kms:ReplicateKey on the primary (its key policy), kms:CreateKey
 * in the replica Region and, with Tags, kms:TagResource.
 */
const replicateKey: Operation<ReplicateKeyCommandInput, ReplicateKeyCommandOutput> = async (input, ctx) => {
  const keyIdIn = input.KeyId;
  const replicaRegion = input.ReplicaRegion;
  const policy = input.Policy;
  const description = input.Description;
  const tags = tagsOf(input.Tags);
  const bypass = input.BypassPolicyLockoutSafetyCheck ?? false;

  const primary = await resolveKey(ctx, keyIdIn!, { allowAlias: false });
  authorizeKey(ctx, 'ReplicateKey', primary, { 'kms:ReplicaRegion': replicaRegion });
  // Recorded for a replica; a single-Region key gets the same UnsupportedOperationException (D).
  if (!isPrimary(primary)) throw notPrimary(primary.arn);
  assertKeyState('ReplicateKey', primary);
  if (replicaRegion === primary.region) {
    // Sandbox differs: AWS's text for this case is not recorded; the code is the API reference's.
    throw new ServiceError('ValidationException', `The replica Region ${replicaRegion} must be different from the primary key's Region ${primary.region}.`);
  }
  const target = kmsRegion(ctx, replicaRegion);
  const replicaArn = kmsKeyArn(replicaRegion!, primary.accountId, primary.keyId);
  if (target.keys[primary.keyId]) {
    // Not recorded: AlreadyExistsException is the API reference's code for a Region that has a replica.
    throw new ServiceError('AlreadyExistsException', `Key '${replicaArn}' already exists`);
  }
  if (tags) {
    checkReservedAndDuplicateTags(tags.map((t) => t.TagKey));
    if (tags.length > MAX_TAGS_PER_KEY) throw tooManyTags();
  }
  ctx.authorize({ action: 'kms:CreateKey', resource: '*', conditions: { 'kms:MultiRegion': true, 'kms:MultiRegionKeyType': 'REPLICA' } });
  if (tags && tags.length > 0) {
    const tagConditions: Record<string, string | string[]> = { 'aws:TagKeys': tags.map((t) => t.TagKey) };
    for (const t of tags) tagConditions[`aws:RequestTag/${t.TagKey}`] = t.TagValue;
    ctx.authorize({ action: 'kms:TagResource', resource: '*', conditions: tagConditions });
  }
  if (policy !== undefined) ctx.validateKeyPolicy(policy, { bypassLockoutSafetyCheck: bypass, keyArn: replicaArn, tags: tags ?? [] });

  const now = ctx.now();
  const finalState = primary.origin === 'EXTERNAL' ? 'PendingImport' : 'Enabled';
  const replica: KmsKey = {
    keyId: primary.keyId,
    arn: replicaArn,
    accountId: primary.accountId,
    region: replicaRegion!,
    creationDate: now,
    description: description ?? '',
    keySpec: primary.keySpec,
    keyUsage: primary.keyUsage,
    keyState: 'Creating',
    origin: primary.origin,
    keyManager: primary.keyManager,
    multiRegion: true,
    multiRegionConfiguration: { keyType: 'REPLICA' },
    transitionAt: now + TRANSITION_MS,
    transitionTo: finalState,
    policy: policy ?? defaultKeyPolicy(primary.accountId),
    tags: (tags ?? []).map((t) => ({ TagKey: t.TagKey, TagValue: t.TagValue })),
    // Shared: every material version (old ciphertext decrypts in the replica too) and the rotation setting.
    // Sandbox differs: imported material is imported into each replica on AWS; here an EXTERNAL replica
    // starts without material (PendingImport) and must be given the primary's material, as on AWS.
    materials: primary.origin === 'EXTERNAL' ? [] : [...primary.materials],
    rotation: { ...primary.rotation },
    rotations: primary.rotations.map((r) => ({ ...r })),
    ...(primary.importedMaterialDigest !== undefined ? { importedMaterialDigest: primary.importedMaterialDigest } : {}),
  };
  target.keys[primary.keyId] = replica;

  const related = relatedKeys(ctx.state, primary.keyId);
  const ReplicaKeyMetadata = buildKeyMetadata(replica, related);
  ctx.audit.responseElements = {
    replicaKeyMetadata: { keyId: replica.keyId, arn: replica.arn, keyState: replica.keyState },
    replicaPolicy: replica.policy,
  };
  return { ReplicaKeyMetadata, ReplicaPolicy: replica.policy, ReplicaTags: replica.tags.map((t) => ({ ...t })) };
};

/**
 * UpdatePrimaryRegion: the replica in PrimaryRegion becomes the primary and the old primary a
 * replica. Both must be in a state the key-state table allows (Enabled, or still Updating from an
 * earlier change); both are `Updating` for a few seconds afterwards
 * (cryptography still works, enabling, disabling and replicating do not), then Enabled again.
 */
const updatePrimaryRegion: Operation<UpdatePrimaryRegionCommandInput, UpdatePrimaryRegionCommandOutput> = async (input, ctx) => {
  const keyIdIn = input.KeyId;
  const primaryRegion = input.PrimaryRegion;
  const current = await resolveKey(ctx, keyIdIn!, { allowAlias: false });
  authorizeKey(ctx, 'UpdatePrimaryRegion', current, { 'kms:PrimaryRegion': primaryRegion });
  if (!isPrimary(current)) throw notPrimary(current.arn);
  assertKeyState('UpdatePrimaryRegion', current);
  if (primaryRegion === current.region) {
    // Sandbox differs: AWS's text is not recorded; asking for the Region that already holds the primary changes nothing.
    throw new ServiceError('ValidationException', `The key ${current.arn} is already the primary key in ${primaryRegion}.`);
  }
  const next = ctx.state.kms.regions[primaryRegion!]?.keys[current.keyId];
  if (!next?.multiRegion) throw kmsErrors.keyDoesNotExist(kmsKeyArn(primaryRegion!, current.accountId, current.keyId));
  // The replica's own key policy must allow it too (the permission is needed on both keys).
  authorizeKey(ctx, 'UpdatePrimaryRegion', next, { 'kms:PrimaryRegion': primaryRegion });
  assertKeyState('UpdatePrimaryRegion', next);
  const until = ctx.now() + TRANSITION_MS;
  for (const k of [current, next]) {
    k.keyState = 'Updating';
    k.transitionAt = until;
    k.transitionTo = 'Enabled';
  }
  current.multiRegionConfiguration = { keyType: 'REPLICA' };
  next.multiRegionConfiguration = { keyType: 'PRIMARY' };
  ctx.audit.resources = [
    { ARN: current.arn, accountId: current.accountId, type: 'AWS::KMS::Key' },
    { ARN: next.arn, accountId: next.accountId, type: 'AWS::KMS::Key' },
  ];
  return {};
};

export const multiRegionOperations: Record<string, DispatchOperation> = {
  ReplicateKey: replicateKey,
  UpdatePrimaryRegion: updatePrimaryRegion,
};
