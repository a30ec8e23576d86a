import type { Operation, ServiceModule } from '../shared/context';
import { aliasOperations } from './operations/aliases';
import { cryptoOperations } from './operations/crypto';
import { grantOperations } from './operations/grants';
import { importOperations } from './operations/import';
import { keyOperations } from './operations/keys';
import { lifecycleOperations } from './operations/lifecycle';
import { multiRegionOperations } from './operations/multi-region';
import { policyOperations } from './operations/policy';
import { rotationOperations } from './operations/rotation';
import { tagOperations } from './operations/tags';
import { runDue } from './run-due';

const operations: Record<string, Operation> = {
  ...cryptoOperations,
  ...keyOperations,
  ...lifecycleOperations,
  ...aliasOperations,
  ...rotationOperations,
  ...tagOperations,
  ...policyOperations,
  ...importOperations,
  ...grantOperations,
  ...multiRegionOperations,
};

/**
 * Calls CloudTrail marks readOnly: the describe/get/list calls and the cryptographic operations,
 * which change no resource.
 */
const READ_ONLY = new Set([
  'DescribeKey', 'ListKeys', 'ListAliases', 'GetKeyPolicy', 'ListKeyPolicies', 'GetKeyRotationStatus',
  'ListKeyRotations', 'ListResourceTags', 'ListGrants', 'ListRetirableGrants', 'GetPublicKey',
  'GetParametersForImport', 'DescribeCustomKeyStores',
  'Encrypt', 'Decrypt', 'ReEncrypt', 'GenerateDataKey', 'GenerateDataKeyWithoutPlaintext',
  'GenerateDataKeyPair', 'GenerateDataKeyPairWithoutPlaintext', 'GenerateRandom', 'Sign', 'Verify',
  'GenerateMac', 'VerifyMac', 'DeriveSharedSecret',
]);

/** The KMS dispatch table: key management (this folder) merged with the cryptographic operations. */
export const kmsService: ServiceModule = {
  name: 'kms',
  operations,
  readOnly: READ_ONLY,
  runDue,
};
