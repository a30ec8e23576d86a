import { NormalizedSchema } from '@smithy/core/schema';
import {
  CancelKeyDeletion$ as kmsCancelKeyDeletion,
  ConnectCustomKeyStore$ as kmsConnectCustomKeyStore,
  CreateAlias$ as kmsCreateAlias,
  CreateCustomKeyStore$ as kmsCreateCustomKeyStore,
  CreateGrant$ as kmsCreateGrant,
  CreateKey$ as kmsCreateKey,
  Decapsulate$ as kmsDecapsulate,
  Decrypt$ as kmsDecrypt,
  DeleteAlias$ as kmsDeleteAlias,
  DeleteCustomKeyStore$ as kmsDeleteCustomKeyStore,
  DeleteImportedKeyMaterial$ as kmsDeleteImportedKeyMaterial,
  DeriveSharedSecret$ as kmsDeriveSharedSecret,
  DescribeCustomKeyStores$ as kmsDescribeCustomKeyStores,
  DescribeKey$ as kmsDescribeKey,
  DisableKey$ as kmsDisableKey,
  DisableKeyRotation$ as kmsDisableKeyRotation,
  DisconnectCustomKeyStore$ as kmsDisconnectCustomKeyStore,
  EnableKey$ as kmsEnableKey,
  EnableKeyRotation$ as kmsEnableKeyRotation,
  Encapsulate$ as kmsEncapsulate,
  Encrypt$ as kmsEncrypt,
  GenerateDataKey$ as kmsGenerateDataKey,
  GenerateDataKeyPair$ as kmsGenerateDataKeyPair,
  GenerateDataKeyPairWithoutPlaintext$ as kmsGenerateDataKeyPairWithoutPlaintext,
  GenerateDataKeyWithoutPlaintext$ as kmsGenerateDataKeyWithoutPlaintext,
  GenerateMac$ as kmsGenerateMac,
  GenerateRandom$ as kmsGenerateRandom,
  GetKeyLastUsage$ as kmsGetKeyLastUsage,
  GetKeyPolicy$ as kmsGetKeyPolicy,
  GetKeyRotationStatus$ as kmsGetKeyRotationStatus,
  GetParametersForImport$ as kmsGetParametersForImport,
  GetPublicKey$ as kmsGetPublicKey,
  ImportKeyMaterial$ as kmsImportKeyMaterial,
  ListAliases$ as kmsListAliases,
  ListGrants$ as kmsListGrants,
  ListKeyPolicies$ as kmsListKeyPolicies,
  ListKeyRotations$ as kmsListKeyRotations,
  ListKeys$ as kmsListKeys,
  ListResourceTags$ as kmsListResourceTags,
  ListRetirableGrants$ as kmsListRetirableGrants,
  PutKeyPolicy$ as kmsPutKeyPolicy,
  ReEncrypt$ as kmsReEncrypt,
  ReplicateKey$ as kmsReplicateKey,
  RetireGrant$ as kmsRetireGrant,
  RevokeGrant$ as kmsRevokeGrant,
  RotateKeyOnDemand$ as kmsRotateKeyOnDemand,
  ScheduleKeyDeletion$ as kmsScheduleKeyDeletion,
  Sign$ as kmsSign,
  TagResource$ as kmsTagResource,
  UntagResource$ as kmsUntagResource,
  UpdateAlias$ as kmsUpdateAlias,
  UpdateCustomKeyStore$ as kmsUpdateCustomKeyStore,
  UpdateKeyDescription$ as kmsUpdateKeyDescription,
  UpdatePrimaryRegion$ as kmsUpdatePrimaryRegion,
  Verify$ as kmsVerify,
  VerifyMac$ as kmsVerifyMac,
} from '@aws-sdk/client-kms';
import {
  CreateIdentityPool$ as cognitoCreateIdentityPool,
  DeleteIdentities$ as cognitoDeleteIdentities,
  DeleteIdentityPool$ as cognitoDeleteIdentityPool,
  DescribeIdentity$ as cognitoDescribeIdentity,
  DescribeIdentityPool$ as cognitoDescribeIdentityPool,
  GetCredentialsForIdentity$ as cognitoGetCredentialsForIdentity,
  GetId$ as cognitoGetId,
  GetIdentityPoolRoles$ as cognitoGetIdentityPoolRoles,
  GetOpenIdToken$ as cognitoGetOpenIdToken,
  GetOpenIdTokenForDeveloperIdentity$ as cognitoGetOpenIdTokenForDeveloperIdentity,
  GetPrincipalTagAttributeMap$ as cognitoGetPrincipalTagAttributeMap,
  ListIdentities$ as cognitoListIdentities,
  ListIdentityPools$ as cognitoListIdentityPools,
  ListTagsForResource$ as cognitoListTagsForResource,
  LookupDeveloperIdentity$ as cognitoLookupDeveloperIdentity,
  MergeDeveloperIdentities$ as cognitoMergeDeveloperIdentities,
  SetIdentityPoolRoles$ as cognitoSetIdentityPoolRoles,
  SetPrincipalTagAttributeMap$ as cognitoSetPrincipalTagAttributeMap,
  TagResource$ as cognitoTagResource,
  UnlinkDeveloperIdentity$ as cognitoUnlinkDeveloperIdentity,
  UnlinkIdentity$ as cognitoUnlinkIdentity,
  UntagResource$ as cognitoUntagResource,
  UpdateIdentityPool$ as cognitoUpdateIdentityPool,
} from '@aws-sdk/client-cognito-identity';
import { LookupEvents$ as cloudtrailLookupEvents } from '@aws-sdk/client-cloudtrail';
import { fromBase64 } from '../shared/bytes';
import { ServiceError } from './service-error';

/**
 * Member types checked against AWS's own API model (the schemas the SDK clients ship), before any
 * operation runs: a string where a number belongs, an object where a list belongs and so on answer
 * SerializationException, as AWS's JSON services do; blob members are base64-decoded to Uint8Array
 * on the way. Operations still validate values (lengths, ranges, enums, required members) in AWS's
 * own ValidationException words.
 */

type Model = Record<string, unknown>;
// Named imports (not `import *`) so a bundler keeps only the schemas, not every command.
const MODELS: Record<string, Model> = {
  kms: {
    CancelKeyDeletion$: kmsCancelKeyDeletion,
    ConnectCustomKeyStore$: kmsConnectCustomKeyStore,
    CreateAlias$: kmsCreateAlias,
    CreateCustomKeyStore$: kmsCreateCustomKeyStore,
    CreateGrant$: kmsCreateGrant,
    CreateKey$: kmsCreateKey,
    Decapsulate$: kmsDecapsulate,
    Decrypt$: kmsDecrypt,
    DeleteAlias$: kmsDeleteAlias,
    DeleteCustomKeyStore$: kmsDeleteCustomKeyStore,
    DeleteImportedKeyMaterial$: kmsDeleteImportedKeyMaterial,
    DeriveSharedSecret$: kmsDeriveSharedSecret,
    DescribeCustomKeyStores$: kmsDescribeCustomKeyStores,
    DescribeKey$: kmsDescribeKey,
    DisableKey$: kmsDisableKey,
    DisableKeyRotation$: kmsDisableKeyRotation,
    DisconnectCustomKeyStore$: kmsDisconnectCustomKeyStore,
    EnableKey$: kmsEnableKey,
    EnableKeyRotation$: kmsEnableKeyRotation,
    Encapsulate$: kmsEncapsulate,
    Encrypt$: kmsEncrypt,
    GenerateDataKey$: kmsGenerateDataKey,
    GenerateDataKeyPair$: kmsGenerateDataKeyPair,
    GenerateDataKeyPairWithoutPlaintext$: kmsGenerateDataKeyPairWithoutPlaintext,
    GenerateDataKeyWithoutPlaintext$: kmsGenerateDataKeyWithoutPlaintext,
    GenerateMac$: kmsGenerateMac,
    GenerateRandom$: kmsGenerateRandom,
    GetKeyLastUsage$: kmsGetKeyLastUsage,
    GetKeyPolicy$: kmsGetKeyPolicy,
    GetKeyRotationStatus$: kmsGetKeyRotationStatus,
    GetParametersForImport$: kmsGetParametersForImport,
    GetPublicKey$: kmsGetPublicKey,
    ImportKeyMaterial$: kmsImportKeyMaterial,
    ListAliases$: kmsListAliases,
    ListGrants$: kmsListGrants,
    ListKeyPolicies$: kmsListKeyPolicies,
    ListKeyRotations$: kmsListKeyRotations,
    ListKeys$: kmsListKeys,
    ListResourceTags$: kmsListResourceTags,
    ListRetirableGrants$: kmsListRetirableGrants,
    PutKeyPolicy$: kmsPutKeyPolicy,
    ReEncrypt$: kmsReEncrypt,
    ReplicateKey$: kmsReplicateKey,
    RetireGrant$: kmsRetireGrant,
    RevokeGrant$: kmsRevokeGrant,
    RotateKeyOnDemand$: kmsRotateKeyOnDemand,
    ScheduleKeyDeletion$: kmsScheduleKeyDeletion,
    Sign$: kmsSign,
    TagResource$: kmsTagResource,
    UntagResource$: kmsUntagResource,
    UpdateAlias$: kmsUpdateAlias,
    UpdateCustomKeyStore$: kmsUpdateCustomKeyStore,
    UpdateKeyDescription$: kmsUpdateKeyDescription,
    UpdatePrimaryRegion$: kmsUpdatePrimaryRegion,
    Verify$: kmsVerify,
    VerifyMac$: kmsVerifyMac,
  },
  'cognito-identity': {
    CreateIdentityPool$: cognitoCreateIdentityPool,
    DeleteIdentities$: cognitoDeleteIdentities,
    DeleteIdentityPool$: cognitoDeleteIdentityPool,
    DescribeIdentity$: cognitoDescribeIdentity,
    DescribeIdentityPool$: cognitoDescribeIdentityPool,
    GetCredentialsForIdentity$: cognitoGetCredentialsForIdentity,
    GetId$: cognitoGetId,
    GetIdentityPoolRoles$: cognitoGetIdentityPoolRoles,
    GetOpenIdToken$: cognitoGetOpenIdToken,
    GetOpenIdTokenForDeveloperIdentity$: cognitoGetOpenIdTokenForDeveloperIdentity,
    GetPrincipalTagAttributeMap$: cognitoGetPrincipalTagAttributeMap,
    ListIdentities$: cognitoListIdentities,
    ListIdentityPools$: cognitoListIdentityPools,
    ListTagsForResource$: cognitoListTagsForResource,
    LookupDeveloperIdentity$: cognitoLookupDeveloperIdentity,
    MergeDeveloperIdentities$: cognitoMergeDeveloperIdentities,
    SetIdentityPoolRoles$: cognitoSetIdentityPoolRoles,
    SetPrincipalTagAttributeMap$: cognitoSetPrincipalTagAttributeMap,
    TagResource$: cognitoTagResource,
    UnlinkDeveloperIdentity$: cognitoUnlinkDeveloperIdentity,
    UnlinkIdentity$: cognitoUnlinkIdentity,
    UntagResource$: cognitoUntagResource,
    UpdateIdentityPool$: cognitoUpdateIdentityPool,
  },
  cloudtrail: { LookupEvents$: cloudtrailLookupEvents },
};

const inputCache = new Map<string, NormalizedSchema | null>();

/** The operation's input schema, or undefined when the model does not have the operation. */
export function inputSchemaOf(service: string, operation: string): NormalizedSchema | undefined {
  const k = `${service}.${operation}`;
  let s = inputCache.get(k);
  if (s === undefined) {
    const op = MODELS[service]?.[`${operation}$`];
    // Operation schemas are [9, namespace, name, traits, input, output].
    s = Array.isArray(op) && op[0] === 9 ? NormalizedSchema.of(op[4] as Parameters<typeof NormalizedSchema.of>[0]) : null;
    inputCache.set(k, s);
  }
  return s ?? undefined;
}

const jsonKind = (v: unknown): string =>
  v === null
    ? 'NULL_VALUE'
    : Array.isArray(v)
      ? 'START_ARRAY'
      : typeof v === 'object'
        ? 'START_OBJECT'
        : typeof v === 'string'
          ? 'STRING_VALUE'
          : typeof v === 'number'
            ? 'NUMBER_VALUE'
            : typeof v === 'boolean'
              ? 'BOOLEAN_VALUE'
              : 'VALUE';

// Sandbox differs: AWS's messages for type mismatches vary by Java type; the sandbox names the member.
const mismatch = (v: unknown, expected: string, path: string) =>
  new ServiceError('SerializationException', `${jsonKind(v)} can not be converted to ${expected} (member ${path})`);

const MAX_DEPTH = 20;

/** Checks `value` against `schema` and returns it with blobs decoded. */
function check(value: unknown, schema: NormalizedSchema, path: string, depth: number): unknown {
  if (value === null) return undefined; // JSON null is an absent member, as AWS reads it
  if (depth > MAX_DEPTH) throw new ServiceError('SerializationException', `The request nests deeper than ${MAX_DEPTH} levels.`);
  if (schema.isBlobSchema()) {
    if (typeof value !== 'string') throw mismatch(value, 'a Blob', path);
    const b = fromBase64(value);
    if (!b) throw new ServiceError('SerializationException', `Member ${path} is not valid base64.`);
    return b;
  }
  if (schema.isStringSchema()) {
    if (typeof value !== 'string') throw mismatch(value, 'a String', path);
    return value;
  }
  if (schema.isBooleanSchema()) {
    if (typeof value !== 'boolean') throw mismatch(value, 'a Boolean', path);
    return value;
  }
  if (schema.isNumericSchema() || schema.isBigIntegerSchema() || schema.isBigDecimalSchema()) {
    if (typeof value !== 'number' || !Number.isFinite(value)) throw mismatch(value, 'a Number', path);
    return value;
  }
  if (schema.isTimestampSchema()) {
    if (typeof value !== 'number' && typeof value !== 'string') throw mismatch(value, 'a Date', path);
    return value;
  }
  if (schema.isDocumentSchema()) return value;
  if (schema.isListSchema()) {
    if (!Array.isArray(value)) throw mismatch(value, 'a List', path);
    const member = schema.getValueSchema();
    return value.map((x, i) => check(x, member, `${path}[${i}]`, depth + 1));
  }
  if (schema.isMapSchema()) {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) throw mismatch(value, 'a Map', path);
    const vs = schema.getValueSchema();
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(value as Record<string, unknown>)) {
      const c = check(x, vs, `${path}.${k}`, depth + 1);
      // defineProperty keeps a map key named "__proto__" (plain assignment would hit the prototype
      // setter and drop it, making an encryption context {"__proto__": "x"} equal to {}).
      if (c !== undefined) Object.defineProperty(out, k, { value: c, enumerable: true, writable: true, configurable: true });
    }
    return out;
  }
  if (schema.isStructSchema() || schema.isUnionSchema()) {
    if (typeof value !== 'object' || Array.isArray(value)) throw mismatch(value, 'a Structure', path);
    const input = value as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const [name, member] of schema.structIterator()) {
      if (!Object.hasOwn(input, name)) continue;
      const c = check(input[name], member, path ? `${path}.${name}` : name, depth + 1);
      if (c !== undefined) out[name] = c;
    }
    // Unknown members are ignored, as AWS ignores them.
    return out;
  }
  return value;
}

/**
 * Type-checks a JSON input against the model and decodes its blobs. Returns undefined when the model
 * does not know the operation (the caller then falls back to its own table).
 */
export function checkJsonInput(service: string, operation: string, input: Record<string, unknown>): Record<string, unknown> | undefined {
  const schema = inputSchemaOf(service, operation);
  if (!schema) return undefined;
  return check(input, schema, '', 0) as Record<string, unknown>;
}
