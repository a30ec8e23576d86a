import type {
  EncryptionAlgorithmSpec,
  ExpirationModelType,
  KeyAgreementAlgorithmSpec,
  MacAlgorithmSpec,
  SigningAlgorithmSpec,
} from '@aws-sdk/client-kms';
import type { KeySpec, KeyUsage, KmsKey } from './kms-models';
import { multiRegionConfiguration, type MultiRegionConfigurationOut } from './multi-region';

/**
 * KeyMetadata as DescribeKey and CreateKey return it (kms-behavior.md §5.2): members that do not
 * apply are absent (never null or empty). Dates are JS Dates; the protocol shell writes epoch seconds.
 */
export interface KeyMetadataOut {
  AWSAccountId: string;
  KeyId: string;
  Arn: string;
  CreationDate: Date;
  Enabled: boolean;
  Description: string;
  KeyUsage: KeyUsage;
  KeyState: KmsKey['keyState'];
  DeletionDate?: Date;
  ValidTo?: Date;
  Origin: KmsKey['origin'];
  ExpirationModel?: ExpirationModelType;
  KeyManager: KmsKey['keyManager'];
  CustomerMasterKeySpec: KeySpec;
  KeySpec: KeySpec;
  EncryptionAlgorithms?: EncryptionAlgorithmSpec[];
  SigningAlgorithms?: SigningAlgorithmSpec[];
  KeyAgreementAlgorithms?: KeyAgreementAlgorithmSpec[];
  MacAlgorithms?: MacAlgorithmSpec[];
  MultiRegion: boolean;
  MultiRegionConfiguration?: MultiRegionConfigurationOut;
  PendingDeletionWindowInDays?: number;
  CurrentKeyMaterialId?: string;
}

const RSA_SIGNING = [
  'RSASSA_PKCS1_V1_5_SHA_256',
  'RSASSA_PKCS1_V1_5_SHA_384',
  'RSASSA_PKCS1_V1_5_SHA_512',
  'RSASSA_PSS_SHA_256',
  'RSASSA_PSS_SHA_384',
  'RSASSA_PSS_SHA_512',
] as const;

export function encryptionAlgorithms(spec: KeySpec): EncryptionAlgorithmSpec[] {
  return spec === 'SYMMETRIC_DEFAULT' ? ['SYMMETRIC_DEFAULT'] : ['RSAES_OAEP_SHA_1', 'RSAES_OAEP_SHA_256'];
}

export function signingAlgorithms(spec: KeySpec): SigningAlgorithmSpec[] {
  switch (spec) {
    case 'ECC_NIST_P256':
    case 'ECC_SECG_P256K1':
      return ['ECDSA_SHA_256'];
    case 'ECC_NIST_P384':
      return ['ECDSA_SHA_384'];
    case 'ECC_NIST_P521':
      return ['ECDSA_SHA_512'];
    default:
      return [...RSA_SIGNING];
  }
}

export function macAlgorithms(spec: KeySpec): MacAlgorithmSpec[] {
  return [`HMAC_SHA_${spec.slice('HMAC_'.length)}` as MacAlgorithmSpec];
}

/** Symmetric / asymmetric / HMAC: what UpdateAlias compares besides KeyUsage. */
export function keyType(spec: KeySpec): 'SYMMETRIC' | 'ASYMMETRIC' | 'HMAC' {
  if (spec === 'SYMMETRIC_DEFAULT') return 'SYMMETRIC';
  if (spec.startsWith('HMAC_')) return 'HMAC';
  return 'ASYMMETRIC';
}

export function currentMaterialId(key: KmsKey): string | undefined {
  return key.materials[key.materials.length - 1]?.id;
}

/** `related`: the other Regions' keys of a multi-Region set (multi-region.ts relatedKeys), for MultiRegionConfiguration. */
export function buildKeyMetadata(key: KmsKey, related: readonly KmsKey[] = []): KeyMetadataOut {
  const md: KeyMetadataOut = {
    AWSAccountId: key.accountId,
    KeyId: key.keyId,
    Arn: key.arn,
    CreationDate: new Date(key.creationDate),
    Enabled: key.keyState === 'Enabled',
    Description: key.description,
    KeyUsage: key.keyUsage,
    KeyState: key.keyState,
    Origin: key.origin,
    KeyManager: key.keyManager,
    CustomerMasterKeySpec: key.keySpec,
    KeySpec: key.keySpec,
    MultiRegion: key.multiRegion,
  };
  if (key.keyState === 'PendingDeletion' && key.deletionDate !== undefined) md.DeletionDate = new Date(key.deletionDate);
  if (key.expirationModel === 'KEY_MATERIAL_EXPIRES' && key.validTo !== undefined) md.ValidTo = new Date(key.validTo);
  if (key.origin === 'EXTERNAL' && key.expirationModel && key.materials.length > 0) md.ExpirationModel = key.expirationModel;
  switch (key.keyUsage) {
    case 'ENCRYPT_DECRYPT':
      md.EncryptionAlgorithms = encryptionAlgorithms(key.keySpec);
      break;
    case 'SIGN_VERIFY':
      md.SigningAlgorithms = signingAlgorithms(key.keySpec);
      break;
    case 'GENERATE_VERIFY_MAC':
      md.MacAlgorithms = macAlgorithms(key.keySpec);
      break;
    case 'KEY_AGREEMENT':
      md.KeyAgreementAlgorithms = ['ECDH'];
      break;
  }
  const mrc = multiRegionConfiguration(key, related);
  if (mrc) md.MultiRegionConfiguration = mrc;
  if (key.keyState === 'PendingReplicaDeletion' && key.pendingWindowInDays !== undefined) {
    md.PendingDeletionWindowInDays = key.pendingWindowInDays;
  }
  const material = currentMaterialId(key);
  // An EXTERNAL key waiting for (re-)import has no current material to report.
  // A replica being created has no material to report yet (ReplicateKey's ReplicaKeyMetadata, recorded).
  if (key.keySpec === 'SYMMETRIC_DEFAULT' && material && key.keyState !== 'PendingImport' && key.keyState !== 'Creating') {
    md.CurrentKeyMaterialId = material;
  }
  return md;
}
