import type { DispatchOperation, Operation } from '../../shared/context';
import { assertKeyState } from '../key-states';
import {
  authorizeKey,
  checkReservedAndDuplicateTags,
  decodeMarker,
  encodeMarker,
  MAX_TAGS_PER_KEY,
  tooManyTags,
  tagsOf,
} from '../management-common';
import { keyFromInput } from './lifecycle';
import type {
  ListResourceTagsCommandInput,
  ListResourceTagsCommandOutput,
  TagResourceCommandInput,
  TagResourceCommandOutput,
  UntagResourceCommandInput,
  UntagResourceCommandOutput,
} from '@aws-sdk/client-kms';

const tagResource: Operation<TagResourceCommandInput, TagResourceCommandOutput> = async (input, ctx) => {
  const tags = tagsOf(input.Tags);
  const key = await keyFromInput(input, ctx);
  checkReservedAndDuplicateTags(tags!.map((t) => t.TagKey));
  const conditions: Record<string, string | string[]> = { 'aws:TagKeys': tags!.map((t) => t.TagKey) };
  for (const t of tags!) conditions[`aws:RequestTag/${t.TagKey}`] = t.TagValue;
  authorizeKey(ctx, 'TagResource', key, conditions);
  assertKeyState('TagResource', key);
  // The limit counts the key's existing tags; re-tagging an existing key only overwrites its value.
  const existing = new Set(key.tags.map((t) => t.TagKey));
  const added = tags!.filter((t) => !existing.has(t.TagKey)).length;
  if (key.tags.length + added > MAX_TAGS_PER_KEY) throw tooManyTags();
  for (const t of tags!) {
    const old = key.tags.find((o) => o.TagKey === t.TagKey);
    if (old) old.TagValue = t.TagValue;
    else key.tags.push({ TagKey: t.TagKey, TagValue: t.TagValue });
  }
  return {};
};

const untagResource: Operation<UntagResourceCommandInput, UntagResourceCommandOutput> = async (input, ctx) => {
  const tagKeys = input.TagKeys;
  const key = await keyFromInput(input, ctx);
  if (tagKeys!.some((k) => k.toLowerCase().startsWith('aws:'))) checkReservedAndDuplicateTags(tagKeys!);
  authorizeKey(ctx, 'UntagResource', key, { 'aws:TagKeys': tagKeys! });
  assertKeyState('UntagResource', key);
  // Names the key does not have are ignored.
  const remove = new Set(tagKeys);
  key.tags = key.tags.filter((t) => !remove.has(t.TagKey));
  return {};
};

const listResourceTags: Operation<ListResourceTagsCommandInput, ListResourceTagsCommandOutput> = async (input, ctx) => {
  const limit = input.Limit;
  const marker = input.Marker;
  const key = await keyFromInput(input, ctx);
  authorizeKey(ctx, 'ListResourceTags', key);
  assertKeyState('ListResourceTags', key);
  // Sorted by tag key, as the recordings list them.
  const sorted = [...key.tags].sort((a, b) => (a.TagKey < b.TagKey ? -1 : a.TagKey > b.TagKey ? 1 : 0));
  const after = marker === undefined ? undefined : decodeMarker(marker);
  const rest = after === undefined ? sorted : sorted.filter((t) => t.TagKey > after);
  const page = rest.slice(0, limit ?? 50).map((t) => ({ TagKey: t.TagKey, TagValue: t.TagValue }));
  const truncated = rest.length > page.length;
  const out: { Tags: typeof page; Truncated: boolean; NextMarker?: string } = { Tags: page, Truncated: truncated };
  if (truncated) out.NextMarker = encodeMarker(page[page.length - 1]!.TagKey);
  return out;
};

export const tagOperations: Record<string, DispatchOperation> = {
  TagResource: tagResource,
  UntagResource: untagResource,
  ListResourceTags: listResourceTags,
};
