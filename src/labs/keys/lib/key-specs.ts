/**
 * The key types the console's Create key step 02 offers, with the usages each key spec allows
 * (kms-behavior.md; AWS KMS "Key spec reference"). The sandbox has every one of them.
 */
export type KeyKind = 'symmetric' | 'rsa' | 'ecc' | 'hmac';
export type LabKeyUsage = 'ENCRYPT_DECRYPT' | 'SIGN_VERIFY' | 'GENERATE_VERIFY_MAC' | 'KEY_AGREEMENT';

export interface KeyKindInfo {
  kind: KeyKind;
  label: string;
  specs: readonly string[];
  /** Usages per spec (ECC_SECG_P256K1 signs only; the NIST curves also derive shared secrets). */
  usages: (spec: string) => readonly LabKeyUsage[];
  note: string;
}

export const KEY_KINDS: readonly KeyKindInfo[] = [
  {
    kind: 'symmetric',
    label: 'Symmetric',
    specs: ['SYMMETRIC_DEFAULT'],
    usages: () => ['ENCRYPT_DECRYPT'],
    note: 'One AES-256-GCM key that never leaves KMS. The only kind AWS services (S3, Lambda, EBS…) use, and the only kind that makes data keys and rotates automatically.',
  },
  {
    kind: 'rsa',
    label: 'Asymmetric — RSA',
    specs: ['RSA_2048', 'RSA_3072', 'RSA_4096'],
    usages: () => ['ENCRYPT_DECRYPT', 'SIGN_VERIFY'],
    note: 'A key pair: the public key can be downloaded (GetPublicKey) and used outside AWS; the private key never leaves KMS. Pick one usage; it cannot change later.',
  },
  {
    kind: 'ecc',
    label: 'Asymmetric — elliptic curve',
    specs: ['ECC_NIST_P256', 'ECC_NIST_P384', 'ECC_NIST_P521', 'ECC_SECG_P256K1'],
    usages: (spec) => (spec === 'ECC_SECG_P256K1' ? ['SIGN_VERIFY'] : ['SIGN_VERIFY', 'KEY_AGREEMENT']),
    note: 'Signing (ECDSA) or deriving a shared secret (ECDH); never encryption.',
  },
  {
    kind: 'hmac',
    label: 'HMAC',
    specs: ['HMAC_224', 'HMAC_256', 'HMAC_384', 'HMAC_512'],
    usages: () => ['GENERATE_VERIFY_MAC'],
    note: 'A symmetric key that only makes and checks message authentication codes (GenerateMac, VerifyMac).',
  },
];

export const USAGE_LABELS: Record<LabKeyUsage, string> = {
  ENCRYPT_DECRYPT: 'Encrypt and decrypt',
  SIGN_VERIFY: 'Sign and verify',
  GENERATE_VERIFY_MAC: 'Generate and verify MAC',
  KEY_AGREEMENT: 'Key agreement',
};

export function kindInfo(kind: KeyKind): KeyKindInfo {
  return KEY_KINDS.find((k) => k.kind === kind) ?? (KEY_KINDS[0] as KeyKindInfo);
}

/**
 * The actions the console's "Allow use of the key" statement gives key users, by key type and
 * usage (AWS KMS "Default key policy": key users).
 */
export function keyUserActions(spec: string, usage: LabKeyUsage): string[] {
  if (spec === 'SYMMETRIC_DEFAULT') return ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:DescribeKey'];
  if (usage === 'GENERATE_VERIFY_MAC') return ['kms:GenerateMac', 'kms:VerifyMac', 'kms:DescribeKey'];
  if (usage === 'SIGN_VERIFY') return ['kms:Sign', 'kms:Verify', 'kms:GetPublicKey', 'kms:DescribeKey'];
  if (usage === 'KEY_AGREEMENT') return ['kms:DeriveSharedSecret', 'kms:GetPublicKey', 'kms:DescribeKey'];
  return ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GetPublicKey', 'kms:DescribeKey'];
}
