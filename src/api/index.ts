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
