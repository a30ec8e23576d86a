// Reads several labs share. Each file: the SDK call, its query options, its hook (STYLE.md habit 6).
export { listKeys, listKeysQueryOptions, useListKeys } from './list-keys';
export { listAliases, listAliasesQueryOptions, useListAliases } from './list-aliases';
export { describeKey, describeKeyQueryOptions, useDescribeKey } from './describe-key';
export {
  lookupEvents,
  lookupEventsQueryOptions,
  useLookupEvents,
  lookupAttributes,
  eventMatchesKey,
  type TrailFilter,
  type TrailPage,
} from './lookup-events';
// Mutations several labs share, same shape: the SDK call, its mutation options, its hook.
export { createKey, createKeyMutationOptions, useCreateKey, type CreateKeyRequest } from './create-key';
export { createAlias, createAliasMutationOptions, useCreateAlias } from './create-alias';
export { encrypt, encryptMutationOptions, useEncrypt } from './encrypt';
export { decrypt, decryptMutationOptions, useDecrypt } from './decrypt';
export { reEncrypt, reEncryptMutationOptions, useReEncrypt } from './re-encrypt';
export { invalidateKeyReads } from './invalidate-key-reads';
export { labTags, LAB_OWNER_TAG, LAB_ALIAS_PREFIX } from './lab-tags';
export {
  generateDataKeyWithoutPlaintext,
  generateDataKeyWithoutPlaintextMutationOptions,
  useGenerateDataKeyWithoutPlaintext,
} from './generate-data-key-without-plaintext';
