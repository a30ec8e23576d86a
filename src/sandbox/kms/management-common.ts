import { ServiceError } from '../protocol/service-error';
import { fromBase64, fromUtf8, toBase64, utf8 } from '../shared/bytes';
import type { RequestContext } from '../shared/context';
import type { KmsKey } from './kms-models';

export interface TagInput {
  TagKey: string;
  TagValue: string;
}

/** Tags from a validated input (both members required by the model, so present). */
export function tagsOf(tags: readonly { TagKey?: string; TagValue?: string }[] | undefined): TagInput[] | undefined {
  return tags?.map((t) => ({ TagKey: t.TagKey!, TagValue: t.TagValue! }));
}

/** `aws:` in any letter case is AWS's (TagException, recorded for `aws:` and `AWS:`). */
export function checkReservedAndDuplicateTags(keys: string[]): void {
  if (keys.some((k) => k.toLowerCase().startsWith('aws:'))) {
    throw new ServiceError('TagException', 'Tags beginning with aws: are reserved');
  }
  if (new Set(keys).size !== keys.length) throw new ServiceError('TagException', 'Duplicate tag keys');
}

export const MAX_TAGS_PER_KEY = 50;
export const tooManyTags = () => new ServiceError('TagException', 'Too many tags');

/**
 * kms:RequestAlias: the alias named in the KeyId parameter (alias name or alias ARN), for policies
 * that allow a key only when it is called by alias. Absent when the caller named the key itself.
 */
export function requestAliasCondition(rawKeyId: string | undefined): Record<string, string> {
  if (rawKeyId === undefined) return {};
  if (rawKeyId.startsWith('alias/')) return { 'kms:RequestAlias': rawKeyId };
  const m = /^arn:[^:]+:kms:[^:]*:[^:]*:(alias\/.+)$/.exec(rawKeyId);
  return m ? { 'kms:RequestAlias': m[1]! } : {};
}

/**
 * Authorises a call on one key against the caller's policies and the key policy, and names the key
 * in the trail record. Called after the key is resolved and before its state is checked. The
 * evaluator adds the key's own condition keys (aws:ResourceTag/<k>, kms:ResourceAliases).
 */
export function authorizeKey(
  ctx: RequestContext,
  action: string,
  key: KmsKey,
  conditions: Record<string, string | string[] | boolean | number | undefined> = {},
): void {
  ctx.audit.resources = [{ ARN: key.arn, accountId: key.accountId, type: 'AWS::KMS::Key' }];
  ctx.authorize({
    action: `kms:${action}`,
    resource: key.arn,
    resourcePolicy: key.policy,
    // Key properties are condition keys on every call that names a key (kms:KeySpec, ...).
    conditions: {
      'kms:KeySpec': key.keySpec,
      'kms:KeyUsage': key.keyUsage,
      'kms:KeyOrigin': key.origin,
      'kms:MultiRegion': key.multiRegion,
      'kms:MultiRegionKeyType': key.multiRegionConfiguration?.keyType,
      ...conditions,
    },
  });
}

export const DAY_MS = 86_400_000;

/** Opaque pagination markers (AWS's are opaque too): base64 of the sort key of the last item returned. */
export function encodeMarker(s: string): string {
  return toBase64(utf8(s));
}

export function decodeMarker(marker: string): string {
  const bytes = fromBase64(marker);
  if (!bytes) throw new ServiceError('InvalidMarkerException', 'Invalid marker');
  return fromUtf8(bytes);
}
