import { ServiceError } from '../protocol/service-error';
import { kmsErrors } from './kms-errors';
import type { KmsKey } from './kms-models';

/**
 * Which KMS operation is allowed in which key state, and AWS's error otherwise: one table, laid out
 * like the developer guide's key-state table ("Key states of AWS KMS keys", kms-behavior.md §4), so it
 * can be checked against it line by line (__tests__/key-states.test.ts does). Every operation that
 * names an existing key calls `assertKeyState(operation, key)` once its key is resolved and the caller
 * authorised; no operation writes its own state rules.
 */

export const KEY_STATES = [
  'Enabled',
  'Disabled',
  'PendingDeletion',
  'PendingImport',
  'Creating',
  'Unavailable',
  'Updating',
  'PendingReplicaDeletion',
] as const;
export type KeyState = (typeof KEY_STATES)[number];

/** What happens: the call goes on ('ok'), or fails with one of AWS's key-state errors. */
export type KeyStateOutcome =
  | 'ok'
  | 'disabled' // DisabledException `<arn> is disabled.`
  | 'pendingDeletion' // KMSInvalidStateException `<arn> is pending deletion.`
  | 'pendingImport' // KMSInvalidStateException `<arn> is pending import.`
  | 'notPendingDeletion' // KMSInvalidStateException `<arn> is not pending deletion.`
  | 'creating' // KMSInvalidStateException `<arn> is creating.`
  | 'updating' // KMSInvalidStateException `<arn> is updating.`
  | 'unavailable' // KMSInvalidStateException `<arn> is unavailable.`
  | 'externalOrigin'; // UnsupportedOperationException `<arn> origin is EXTERNAL which is not valid for this operation.`

type Row = Readonly<Record<KeyState, KeyStateOutcome>>;

// Rows shared by several operations (the guide groups them the same way).
/**
 * Cryptographic use needs an Enabled key, or one whose primary Region is changing: "While the key
 * state is Updating, you can use the keys in cryptographic operations" (developer guide, "Change the
 * primary key in a set of multi-Region keys").
 */
const CRYPTO: Row = {
  Enabled: 'ok',
  Disabled: 'disabled',
  PendingDeletion: 'pendingDeletion',
  PendingImport: 'pendingImport',
  Creating: 'creating',
  Unavailable: 'unavailable',
  Updating: 'ok',
  PendingReplicaDeletion: 'pendingDeletion',
};
/** Reading a key and its policy, grants, tags and aliases works in every state. */
const ALWAYS: Row = {
  Enabled: 'ok',
  Disabled: 'ok',
  PendingDeletion: 'ok',
  PendingImport: 'ok',
  Creating: 'ok',
  Unavailable: 'ok',
  Updating: 'ok',
  PendingReplicaDeletion: 'ok',
};
/** Management that a key waiting for deletion refuses (tags, description, alias targets). */
const NOT_PENDING_DELETION: Row = { ...ALWAYS, PendingDeletion: 'pendingDeletion', PendingReplicaDeletion: 'pendingDeletion' };
/**
 * EnableKey and DisableKey: also refused while imported material is missing, while a replica is being
 * created, and while the primary Region changes ("you cannot ... perform certain management operations,
 * such as enabling or disabling these keys"). An Unavailable key accepts them (footnote 12: the state
 * changes once the key store is connected again).
 */
const ENABLE_DISABLE: Row = { ...NOT_PENDING_DELETION, PendingImport: 'pendingImport', Creating: 'creating', Updating: 'updating' };
/**
 * Automatic rotation settings: a disabled key is refused; a key waiting for its import is EXTERNAL; a
 * replica being created is refused. Keys with imported material or in a custom key store (every
 * Unavailable key is in one) are refused by the operation's own key-type check (footnote 7), not here.
 */
const ROTATION_SETTINGS: Row = { ...NOT_PENDING_DELETION, Disabled: 'disabled', PendingImport: 'externalOrigin', Creating: 'creating' };

export const KEY_STATE_TABLE = {
  Encrypt: CRYPTO,
  Decrypt: CRYPTO,
  ReEncrypt: CRYPTO, // both the source key (ReEncryptFrom) and the destination (ReEncryptTo)
  GenerateDataKey: CRYPTO,
  GenerateDataKeyWithoutPlaintext: CRYPTO,
  GenerateDataKeyPair: CRYPTO,
  GenerateDataKeyPairWithoutPlaintext: CRYPTO,
  Sign: CRYPTO,
  Verify: CRYPTO,
  GenerateMac: CRYPTO,
  VerifyMac: CRYPTO,
  GetPublicKey: CRYPTO,
  DeriveSharedSecret: CRYPTO,
  // A key in a disconnected key store still takes grants (the table's Unavailable cell is a tick).
  CreateGrant: { ...CRYPTO, Unavailable: 'ok' },
  // "you cannot replicate the new primary key" while it is Updating (developer guide).
  ReplicateKey: { ...CRYPTO, Updating: 'updating' },
  // The table lets UpdatePrimaryRegion run on a key that is still Updating from an earlier change.
  UpdatePrimaryRegion: CRYPTO,
  RotateKeyOnDemand: CRYPTO, // Disabled is refused before the key spec is looked at (recorded 2025-03)

  DescribeKey: ALWAYS,
  GetKeyPolicy: ALWAYS,
  PutKeyPolicy: ALWAYS,
  ListKeyPolicies: ALWAYS,
  ListGrants: ALWAYS,
  RetireGrant: ALWAYS,
  RevokeGrant: ALWAYS,
  ListResourceTags: ALWAYS,
  ListAliases: ALWAYS,
  DeleteAlias: ALWAYS,
  ListKeyRotations: ALWAYS,

  EnableKey: ENABLE_DISABLE,
  DisableKey: ENABLE_DISABLE,
  ScheduleKeyDeletion: { ...NOT_PENDING_DELETION, Updating: 'updating' },
  CancelKeyDeletion: {
    Enabled: 'notPendingDeletion',
    Disabled: 'notPendingDeletion',
    PendingDeletion: 'ok', // the key comes back Disabled
    PendingImport: 'notPendingDeletion',
    Creating: 'notPendingDeletion',
    Unavailable: 'notPendingDeletion',
    Updating: 'notPendingDeletion',
    // "You can cancel the scheduled deletion of the primary key or any replica key until it is deleted."
    PendingReplicaDeletion: 'ok',
  },
  CreateAlias: NOT_PENDING_DELETION, // the target key
  UpdateAlias: NOT_PENDING_DELETION, // the new target; the old one may be pending deletion
  TagResource: NOT_PENDING_DELETION,
  UntagResource: NOT_PENDING_DELETION,
  UpdateKeyDescription: NOT_PENDING_DELETION,

  EnableKeyRotation: ROTATION_SETTINGS,
  DisableKeyRotation: ROTATION_SETTINGS,
  GetKeyRotationStatus: { ...ALWAYS, PendingImport: 'externalOrigin' },

  // Only EXTERNAL keys get here (the operations check the origin first: footnotes 8 and 9).
  GetParametersForImport: { ...NOT_PENDING_DELETION, Creating: 'creating', Updating: 'updating' },
  ImportKeyMaterial: { ...NOT_PENDING_DELETION, Creating: 'creating' },
  // Deleting imported material works while the key waits for deletion (it stays PendingDeletion).
  DeleteImportedKeyMaterial: { ...ALWAYS, Creating: 'creating', Updating: 'updating' },
} as const satisfies Record<string, Row>;

export type KeyStateOperation = keyof typeof KEY_STATE_TABLE;

export function keyStateError(outcome: Exclude<KeyStateOutcome, 'ok'>, arn: string): ServiceError {
  switch (outcome) {
    case 'disabled':
      return kmsErrors.disabled(arn);
    case 'pendingDeletion':
      return kmsErrors.pendingDeletion(arn);
    case 'pendingImport':
      return kmsErrors.pendingImport(arn);
    case 'notPendingDeletion':
      return kmsErrors.notPendingDeletion(arn);
    case 'creating':
    case 'updating':
    case 'unavailable':
      return kmsErrors.invalidState(arn, outcome);
    case 'externalOrigin':
      return kmsErrors.unsupported(`${arn} origin is EXTERNAL which is not valid for this operation.`);
  }
}

/** What the table says for this operation on this key. */
export const keyStateOutcome = (operation: KeyStateOperation, state: KeyState): KeyStateOutcome =>
  KEY_STATE_TABLE[operation][state];

/** Throws AWS's error when the key's state does not allow the operation. */
export function assertKeyState(operation: KeyStateOperation, key: Pick<KmsKey, 'keyState' | 'arn'>): void {
  const outcome = KEY_STATE_TABLE[operation][key.keyState];
  // Sandbox differs (unrecorded either way): the guide's footnote reads "<key ARN> is pending deletion (or
  // pending replica deletion)."; the sandbox says "is pending deletion." in both states.
  if (outcome !== 'ok') throw keyStateError(outcome, key.arn);
}
