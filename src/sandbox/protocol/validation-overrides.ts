import type { ServiceName } from '../shared/context';

/**
 * Where AWS's enum messages differ from the model (kms-behavior.md §3): AWS prints enum sets in a
 * hash-set order that was recorded, not in model order, and some recorded lists are older than the
 * model (the recorded keySpec list lacks SM2 and ML_DSA_*, which AWS accepts). `listed` is what the
 * message prints; `accepted` adds values the model does not list for that member. Keys are
 * `<input structure>.<member>`, `[]` for a list's items.
 */
export interface EnumListing {
  listed: readonly string[];
  accepted?: readonly string[];
}

/**
 * Members AWS's recorded behaviour requires although the current model does not (the model relaxed
 * them later; the recordings and the reference still show `Member must not be null`).
 */
export const REQUIRED_OVERRIDES: Partial<Record<ServiceName, ReadonlySet<string>>> = {
  kms: new Set(['DecryptRequest.CiphertextBlob', 'ReEncryptRequest.CiphertextBlob']),
};

/**
 * Constraints the service reports with its own modeled error instead of framework validation: the
 * operation checks them (CloudTrail answers MaxResults out of range with InvalidMaxResultsException).
 */
export const SERVICE_CHECKED: Partial<Record<ServiceName, ReadonlySet<string>>> = {
  cloudtrail: new Set(['LookupEventsRequest.MaxResults']),
};

/** CreateKey's keySpec list as AWS printed it (S, 2023). */
export const KEY_SPEC_RECORDED = [
  'RSA_2048', 'ECC_NIST_P384', 'ECC_NIST_P256', 'ECC_NIST_P521', 'HMAC_384', 'RSA_3072',
  'ECC_SECG_P256K1', 'RSA_4096', 'SYMMETRIC_DEFAULT', 'HMAC_256', 'HMAC_224', 'HMAC_512',
] as const;
/** keyUsage as AWS printed it (S, 2023; KEY_AGREEMENT is accepted since 2024 but not in the recorded text). */
export const KEY_USAGE_RECORDED = ['ENCRYPT_DECRYPT', 'SIGN_VERIFY', 'GENERATE_VERIFY_MAC'] as const;
export const MAC_ALGORITHM_RECORDED = ['HMAC_SHA_384', 'HMAC_SHA_256', 'HMAC_SHA_224', 'HMAC_SHA_512'] as const;
export const INCLUDE_KEY_MATERIAL_RECORDED = ['ALL_KEY_MATERIAL', 'ROTATIONS_ONLY'] as const;
export const KEY_AGREEMENT_ALGORITHM_RECORDED = ['ECDH'] as const;

/** GenerateDataKey reports a bad KeySpec with CreateKey's list, though only AES_256 and AES_128 are valid (R, boto3#3428). */
const DATA_KEY_SPEC: EnumListing = { listed: KEY_SPEC_RECORDED };

export const ENUM_LISTINGS: Partial<Record<ServiceName, Record<string, EnumListing>>> = {
  kms: {
    'CreateKeyRequest.KeySpec': { listed: KEY_SPEC_RECORDED },
    'CreateKeyRequest.CustomerMasterKeySpec': { listed: KEY_SPEC_RECORDED },
    'CreateKeyRequest.KeyUsage': { listed: KEY_USAGE_RECORDED },
    'GenerateDataKeyRequest.KeySpec': DATA_KEY_SPEC,
    'GenerateDataKeyWithoutPlaintextRequest.KeySpec': DATA_KEY_SPEC,
    'GenerateMacRequest.MacAlgorithm': { listed: MAC_ALGORITHM_RECORDED },
    'VerifyMacRequest.MacAlgorithm': { listed: MAC_ALGORITHM_RECORDED },
    'ListKeyRotationsRequest.IncludeKeyMaterial': { listed: INCLUDE_KEY_MATERIAL_RECORDED },
    'DeriveSharedSecretRequest.KeyAgreementAlgorithm': { listed: KEY_AGREEMENT_ALGORITHM_RECORDED },
  },
};
