import { ServiceError } from '../protocol/service-error';
import { fromBase64, fromUtf8, toBase64, utf8 } from '../shared/bytes';
import type { RequestContext } from '../shared/context';
import { enumSet, maxLength, maxValue, minLength, minValue, pattern } from '../shared/validation';
import type { KmsKey } from './kms-models';

/**
 * Framework validation as AWS reports it: every member constraint that fails is collected and
 * reported in one ValidationException (`1 validation error detected: ...`,
 * `2 validation errors detected: ...; ...`), before the key is looked up (kms-behavior.md §1, §3).
 */
export class FrameworkValidator {
  private readonly problems: string[] = [];

  private add(value: string | null | undefined, path: string, constraint: string): void {
    const shown = value === undefined ? 'Value' : value === null ? 'Value null' : `Value '${value}'`;
    this.problems.push(`${shown} at '${path}' failed to satisfy constraint: ${constraint}`);
  }

  required(value: unknown, path: string): this {
    if (value === undefined || value === null) this.add(null, path, 'Member must not be null');
    return this;
  }

  length(value: string | undefined, path: string, min: number, max: number): this {
    if (typeof value !== 'string') return this;
    if (value.length < min) this.add(value, path, minLength(min));
    else if (value.length > max) this.add(value, path, maxLength(max));
    return this;
  }

  range(value: number | undefined, path: string, min: number, max: number): this {
    if (typeof value !== 'number') return this;
    if (value < min) this.add(String(value), path, minValue(min));
    else if (value > max) this.add(String(value), path, maxValue(max));
    return this;
  }

  /** A list member's item count (AWS echoes the list as `[a, b]`). */
  listLength(value: string[] | undefined, path: string, min: number, max: number): this {
    if (!Array.isArray(value)) return this;
    const shown = `[${value.join(', ')}]`;
    if (value.length < min) this.add(shown, path, minLength(min));
    else if (value.length > max) this.add(shown, path, maxLength(max));
    return this;
  }

  /** GrantTokens: up to 10 tokens of 1-8192 characters (the model's constraints). */
  grantTokens(value: string[] | undefined): this {
    this.listLength(value, 'grantTokens', 0, 10);
    value?.forEach((t, i) => this.length(t, `grantTokens.${i + 1}.member`, 1, 8192));
    return this;
  }

  /** `accepted` decides validity; `listed` is the set AWS prints (its recorded hash order). */
  enumOf(value: string | undefined, path: string, listed: readonly string[], accepted: readonly string[] = listed): this {
    if (typeof value !== 'string') return this;
    if (!accepted.includes(value)) this.add(value, path, enumSet(listed));
    return this;
  }

  pattern(value: string | undefined, path: string, re: RegExp, shown: string): this {
    if (typeof value !== 'string' || value.length === 0) return this;
    if (!re.test(value)) this.add(value, path, pattern(shown));
    return this;
  }

  throwIfAny(): void {
    const n = this.problems.length;
    if (n === 0) return;
    const head = n === 1 ? '1 validation error detected: ' : `${n} validation errors detected: `;
    throw new ServiceError('ValidationException', head + this.problems.join('; '));
  }
}

/**
 * Members of the wrong JSON type never reach AWS's service code: its deserialiser answers
 * SerializationException (no message). The SDK cannot send them; the CLI, boto3 and raw HTTP can.
 */
export function serializationError(): ServiceError {
  return new ServiceError('SerializationException');
}

type Input = Record<string, unknown>;

export function asInput(input: unknown): Input {
  if (input === undefined || input === null) return {};
  if (typeof input !== 'object' || Array.isArray(input)) throw serializationError();
  return input as Input;
}

export function optString(input: Input, name: string): string | undefined {
  const v = input[name];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw serializationError();
  return v;
}

export function optNumber(input: Input, name: string): number | undefined {
  const v = input[name];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'number' || !Number.isFinite(v)) throw serializationError();
  return Math.trunc(v);
}

export function optBoolean(input: Input, name: string): boolean | undefined {
  const v = input[name];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'boolean') throw serializationError();
  return v;
}

export interface TagInput {
  TagKey: string;
  TagValue: string;
}

/** Tags as the SDK sends them: [{TagKey, TagValue}], both members required. */
export function optTags(input: Input, name: string): TagInput[] | undefined {
  const v = input[name];
  if (v === undefined || v === null) return undefined;
  if (!Array.isArray(v)) throw serializationError();
  return v.map((t: unknown) => {
    if (typeof t !== 'object' || t === null || Array.isArray(t)) throw serializationError();
    const o = t as Input;
    return { TagKey: optString(o, 'TagKey') as string, TagValue: optString(o, 'TagValue') as string };
  });
}

export function optStringList(input: Input, name: string): string[] | undefined {
  const v = input[name];
  if (v === undefined || v === null) return undefined;
  if (!Array.isArray(v) || v.some((s) => typeof s !== 'string')) throw serializationError();
  return v as string[];
}

/** Framework checks of a Tags list: both members required, key 1-128, value 0-256 (kms-behavior.md §5.21). */
export function validateTagMembers(v: FrameworkValidator, tags: TagInput[] | undefined, path = 'tags'): void {
  tags?.forEach((t, i) => {
    const p = `${path}.${i + 1}.member`;
    v.required(t.TagKey, `${p}.tagKey`).length(t.TagKey, `${p}.tagKey`, 1, 128);
    v.required(t.TagValue, `${p}.tagValue`).length(t.TagValue, `${p}.tagValue`, 0, 256);
  });
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
