/**
 * KMS state, per region. Plain data (structured-clone friendly). Times are simulated-clock epoch ms.
 */
export type KeySpec =
  | 'SYMMETRIC_DEFAULT'
  | 'RSA_2048' | 'RSA_3072' | 'RSA_4096'
  | 'ECC_NIST_P256' | 'ECC_NIST_P384' | 'ECC_NIST_P521' | 'ECC_SECG_P256K1'
  | 'HMAC_224' | 'HMAC_256' | 'HMAC_384' | 'HMAC_512';

export type KeyUsage = 'ENCRYPT_DECRYPT' | 'SIGN_VERIFY' | 'GENERATE_VERIFY_MAC' | 'KEY_AGREEMENT';

export type KeyState =
  | 'Creating' | 'Enabled' | 'Disabled' | 'PendingDeletion' | 'PendingImport'
  | 'PendingReplicaDeletion' | 'Unavailable' | 'Updating';

export interface KeyMaterial {
  /** 64 lowercase hex (CurrentKeyMaterialId / KeyMaterialId). */
  id: string;
  createdAt: number;
  /** SYMMETRIC_DEFAULT: 32 bytes of AES-256 key. HMAC_*: the HMAC key. */
  secret?: Uint8Array;
  /** Asymmetric keys: DER PKCS#8 private key and DER SubjectPublicKeyInfo. */
  privateKeyPkcs8?: Uint8Array;
  publicKeySpki?: Uint8Array;
}

export interface RotationRecord {
  keyMaterialId: string;
  rotationDate: number;
  rotationType: 'AUTOMATIC' | 'ON_DEMAND';
}

export interface KmsKey {
  keyId: string;
  arn: string;
  accountId: string;
  region: string;
  creationDate: number;
  description: string;
  keySpec: KeySpec;
  keyUsage: KeyUsage;
  keyState: KeyState;
  origin: 'AWS_KMS' | 'EXTERNAL' | 'AWS_CLOUDHSM' | 'EXTERNAL_KEY_STORE';
  keyManager: 'CUSTOMER' | 'AWS';
  multiRegion: boolean;
  /** Set while PendingDeletion. */
  deletionDate?: number;
  pendingWindowInDays?: number;
  /** EXTERNAL keys after import (KeyMetadata.ExpirationModel / ValidTo). */
  expirationModel?: 'KEY_MATERIAL_EXPIRES' | 'KEY_MATERIAL_DOES_NOT_EXPIRE';
  validTo?: number;
  /** EXTERNAL keys: the wrapping key and token of the last GetParametersForImport (valid 24 hours). */
  importParameters?: {
    importToken: Uint8Array;
    wrappingAlgorithm: string;
    wrappingKeySpec?: string;
    privateKeyPkcs8: Uint8Array;
    parametersValidTo: number;
  };
  /** EXTERNAL keys: SHA-256 (hex) of the imported material, so a re-import must bring the same material. */
  importedMaterialDigest?: string;
  /** The key policy text exactly as stored (the default one is Jackson-pretty-printed like AWS's). */
  policy: string;
  tags: { TagKey: string; TagValue: string }[];
  /** All material versions, oldest first; the last one is current. Old ones still decrypt. */
  materials: KeyMaterial[];
  rotation: {
    enabled: boolean;
    periodInDays?: number;
    nextRotationDate?: number;
    onDemandCount: number;
  };
  rotations: RotationRecord[];
  /** Grants on this key (operations/grants.ts); absent until the first CreateGrant. */
  grants?: KmsGrant[];
  /**
   * Multi-Region keys only (`mrk-` ids): whether this Region's key is the set's primary or a replica.
   * The rest of MultiRegionConfiguration (PrimaryKey, ReplicaKeys) is read from the other Regions'
   * records of the same key id (multi-region.ts), so no record ever holds a stale copy of it.
   */
  multiRegionConfiguration?: { keyType: 'PRIMARY' | 'REPLICA' };
  /**
   * A transient state's end (Creating after ReplicateKey, Updating after UpdatePrimaryRegion), simulated
   * epoch ms: runDue then moves the key to `transitionTo` (Enabled, or PendingImport for EXTERNAL keys).
   */
  transitionAt?: number;
  transitionTo?: KeyState;
}

/** The operations a grant may allow (CreateGrant's Operations enum). */
export type GrantOperation =
  | 'Decrypt' | 'Encrypt' | 'GenerateDataKey' | 'GenerateDataKeyWithoutPlaintext' | 'ReEncryptFrom' | 'ReEncryptTo'
  | 'Sign' | 'Verify' | 'GetPublicKey' | 'CreateGrant' | 'RetireGrant' | 'DescribeKey'
  | 'GenerateDataKeyPair' | 'GenerateDataKeyPairWithoutPlaintext' | 'GenerateMac' | 'VerifyMac' | 'DeriveSharedSecret';

export interface GrantConstraints {
  EncryptionContextEquals?: Record<string, string>;
  EncryptionContextSubset?: Record<string, string>;
}

/** One grant (kms-behavior.md §5.18), stored on its key. */
export interface KmsGrant {
  grantId: string;
  name?: string;
  creationDate: number;
  granteePrincipal: string;
  retiringPrincipal?: string;
  /** arn:aws:iam::<account>:root of the account that created it. */
  issuingAccount: string;
  operations: GrantOperation[];
  constraints?: GrantConstraints;
}

export interface KmsAlias {
  aliasName: string;
  /** Bare key id. */
  targetKeyId: string;
  creationDate: number;
  lastUpdatedDate: number;
}

export interface KmsRegionState {
  keys: Record<string, KmsKey>;
  aliases: Record<string, KmsAlias>;
}

export interface KmsState {
  regions: Record<string, KmsRegionState>;
}

export const emptyKmsState = (): KmsState => ({ regions: {} });
