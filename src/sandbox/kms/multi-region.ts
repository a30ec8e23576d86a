import type { SandboxState } from '../shared/state';
import { kmsErrors } from './kms-errors';
import type { KmsKey } from './kms-models';

/**
 * Multi-Region keys (kms-behavior.md §5.19; developer guide "Multi-Region keys in AWS KMS"). One key
 * id, one record per Region (the store's [account, region, 'kms', 'key', id] keys), the same key
 * material in each. The primary is the source of what the set shares (material, spec, usage, origin,
 * automatic rotation); description, policy, tags, aliases, grants and state are each Region's own.
 */

/** How long the transient Creating (replica) and Updating (primary change) states last. AWS: "a few seconds". */
export const TRANSITION_MS = 2_000;

/** AWS's answer when a call needs the set's primary and was given a replica or a single-Region key (recorded for a replica). */
export const notPrimary = (arn: string) => kmsErrors.unsupported(`${arn} is not a multi-region primary key.`);

/** Every Region's key of a multi-Region set, in the caller's account (the key itself included). */
export function relatedKeys(state: Pick<SandboxState, 'kms'>, keyId: string): KmsKey[] {
  const out: KmsKey[] = [];
  for (const region of Object.keys(state.kms.regions).sort()) {
    const k = state.kms.regions[region]?.keys[keyId];
    if (k?.multiRegion) out.push(k);
  }
  return out;
}

export const isPrimary = (key: KmsKey): boolean => key.multiRegion && key.multiRegionConfiguration?.keyType === 'PRIMARY';

/** The set's primary key, wherever it is. */
export function primaryOf(state: Pick<SandboxState, 'kms'>, keyId: string): KmsKey | undefined {
  return relatedKeys(state, keyId).find(isPrimary);
}

export interface MultiRegionConfigurationOut {
  MultiRegionKeyType: 'PRIMARY' | 'REPLICA';
  PrimaryKey: { Arn: string; Region: string };
  ReplicaKeys: { Arn: string; Region: string }[];
}

/** DescribeKey's MultiRegionConfiguration, read from the set's records. */
export function multiRegionConfiguration(key: KmsKey, related: readonly KmsKey[]): MultiRegionConfigurationOut | undefined {
  if (!key.multiRegion || !key.multiRegionConfiguration) return undefined;
  const set = related.length > 0 ? related : [key];
  const primary = set.find(isPrimary);
  return {
    MultiRegionKeyType: key.multiRegionConfiguration.keyType,
    // Mid-update (Updating) AWS may show no primary for a moment; the sandbox names the key's own Region then.
    PrimaryKey: primary ? { Arn: primary.arn, Region: primary.region } : { Arn: key.arn, Region: key.region },
    ReplicaKeys: set.filter((k) => k !== primary && k.multiRegionConfiguration?.keyType === 'REPLICA').map((k) => ({ Arn: k.arn, Region: k.region })),
  };
}

/**
 * Copies what the set shares from the primary to every replica: key material (all versions, so a
 * replica decrypts what any member encrypted, before and after rotation) and the rotation settings.
 * Called after anything that changes them on the primary (rotation, imports).
 */
export function syncReplicas(state: Pick<SandboxState, 'kms'>, primary: KmsKey): void {
  if (!isPrimary(primary)) return;
  for (const replica of relatedKeys(state, primary.keyId)) {
    if (replica === primary) continue;
    // Material arrays are never changed in place (a rotation appends a new version), so sharing the
    // byte arrays is safe; each Region's record still stores its own copy. Imported material is
    // imported into each member by its owner, so it is not copied.
    if (primary.origin !== 'EXTERNAL') replica.materials = [...primary.materials];
    replica.rotations = primary.rotations.map((r) => ({ ...r }));
    replica.rotation = { ...primary.rotation };
    if (primary.importedMaterialDigest !== undefined) replica.importedMaterialDigest = primary.importedMaterialDigest;
  }
}

/** Ends transient states whose time has come (runDue). Returns true when something changed. */
export function finishTransition(key: KmsKey, now: number): boolean {
  if (key.transitionAt === undefined || key.transitionAt > now) return false;
  if (key.keyState === 'Creating' || key.keyState === 'Updating') key.keyState = key.transitionTo ?? 'Enabled';
  delete key.transitionAt;
  delete key.transitionTo;
  return true;
}
