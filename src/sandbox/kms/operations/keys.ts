import { ServiceError } from '../../protocol/service-error';
import { kmsKeyArn } from '../../shared/arn';
import type { DispatchOperation, Operation, RequestContext } from '../../shared/context';
import type {
  CreateKeyCommandInput,
  CreateKeyCommandOutput,
  DescribeKeyCommandInput,
  DescribeKeyCommandOutput,
  ListKeysCommandInput,
  ListKeysCommandOutput,
  UpdateKeyDescriptionCommandInput,
  UpdateKeyDescriptionCommandOutput,
} from '@aws-sdk/client-kms';
import { uuidV4 } from '../../shared/ids';
import { defaultKeyPolicy } from '../default-policy';
import { storeNewKey } from '../key-factory';
import { resolveKey } from '../key-lookup';
import { assertKeyState } from '../key-states';
import { buildKeyMetadata } from '../key-metadata';
import { kmsErrors } from '../kms-errors';
import type { KeySpec, KeyUsage, KmsKey } from '../kms-models';
import { kmsRegion } from '../kms-region';
import { relatedKeys } from '../multi-region';
import { checkGrantTokens } from '../grant-tokens';
import {
  authorizeKey,
  checkReservedAndDuplicateTags,
  decodeMarker,
  encodeMarker,
  MAX_TAGS_PER_KEY,
  requestAliasCondition,
  tagsOf,
  tooManyTags,
} from '../management-common';
import { KEY_SPEC_RECORDED, KEY_USAGE_RECORDED } from '../../protocol/validation-overrides';

/** The keySpec list exactly as AWS prints it (hash-set order, recorded 2023, kms-behavior.md §3). */
export const KEY_SPEC_LISTED = KEY_SPEC_RECORDED;
/** Specs AWS accepts that the sandbox does not create (it says so rather than pretending). */
const SPECS_NOT_IN_SANDBOX = ['ML_DSA_44', 'ML_DSA_65', 'ML_DSA_87', 'ML_KEM_512', 'ML_KEM_768', 'ML_KEM_1024', 'ECC_NIST_EDWARDS25519', 'SM2'];

/** Recorded keyUsage list (2023); KEY_AGREEMENT is valid since 2024 but not in the recorded text. */
export const KEY_USAGE_LISTED = KEY_USAGE_RECORDED;

/** KeySpec -> the usages AWS allows (kms-behavior.md §5.1 table). */
export function allowedUsages(spec: KeySpec): KeyUsage[] {
  if (spec === 'SYMMETRIC_DEFAULT') return ['ENCRYPT_DECRYPT'];
  if (spec.startsWith('HMAC_')) return ['GENERATE_VERIFY_MAC'];
  if (spec.startsWith('RSA_')) return ['ENCRYPT_DECRYPT', 'SIGN_VERIFY'];
  if (spec === 'ECC_SECG_P256K1') return ['SIGN_VERIFY'];
  return ['SIGN_VERIFY', 'KEY_AGREEMENT'];
}

/** Key policies may hold tab, LF, CR and 0x20-0xFF (the model's pattern). */
export const POLICY_PATTERN = /^[\t\n\r\u0020-\u00FF]+$/;
export const POLICY_PATTERN_TEXT = '[\\u0009\\u000A\\u000D\\u0020-\\u00FF]+';
// The 32 KB key-policy size limit (LimitExceededException) is checked by ctx.validateKeyPolicy.

const createKey: Operation<CreateKeyCommandInput, CreateKeyCommandOutput> = async (input, ctx: RequestContext) => {
  const keySpecIn = input.KeySpec;
  const cmkSpecIn = input.CustomerMasterKeySpec;
  const keyUsageIn = input.KeyUsage;
  const originIn = input.Origin;
  const description = input.Description;
  const policy = input.Policy;
  const tags = tagsOf(input.Tags);
  const bypass = input.BypassPolicyLockoutSafetyCheck ?? false;
  const multiRegion = input.MultiRegion ?? false;
  const customKeyStoreId = input.CustomKeyStoreId;

  if (keySpecIn !== undefined && cmkSpecIn !== undefined && keySpecIn !== cmkSpecIn) {
    // Not recorded; AWS refuses two different values for the deprecated twin members.
    throw new ServiceError('ValidationException', 'You cannot specify both KeySpec and CustomerMasterKeySpec.');
  }
  const specName = keySpecIn ?? cmkSpecIn ?? 'SYMMETRIC_DEFAULT';
  if (SPECS_NOT_IN_SANDBOX.includes(specName)) throw kmsErrors.specNotInSandbox(specName);
  const keySpec = specName as KeySpec;

  if (keyUsageIn === undefined && keySpec !== 'SYMMETRIC_DEFAULT') {
    throw new ServiceError(
      'ValidationException',
      'You must specify a KeyUsage value for all KMS keys except for symmetric encryption keys.',
    );
  }
  const keyUsage = (keyUsageIn ?? 'ENCRYPT_DECRYPT') as KeyUsage;
  if (!allowedUsages(keySpec).includes(keyUsage)) {
    throw new ServiceError('ValidationException', `KeyUsage ${keyUsage} is not compatible with KeySpec ${keySpec}`);
  }

  const origin = (originIn ?? 'AWS_KMS') as KmsKey['origin'];
  if (customKeyStoreId !== undefined) {
    // The sandbox has no custom key stores, so any id names one that does not exist, as on AWS.
    throw new ServiceError('CustomKeyStoreNotFoundException', `Custom key store ${customKeyStoreId} does not exist.`);
  }
  if (origin === 'AWS_CLOUDHSM' || origin === 'EXTERNAL_KEY_STORE') {
    // Sandbox differs: on AWS these origins need a CloudHSM or external key store, which the sandbox does not model.
    throw kmsErrors.unsupported(
      `Origin ${origin} needs a custom key store, which the KMS Study Lab sandbox does not provide. Real AWS KMS supports it.`,
    );
  }

  if (tags) {
    checkReservedAndDuplicateTags(tags.map((t) => t.TagKey));
    if (tags.length > MAX_TAGS_PER_KEY) throw tooManyTags();
  }

  const tagConditions: Record<string, string | string[]> = {};
  for (const t of tags ?? []) tagConditions[`aws:RequestTag/${t.TagKey}`] = t.TagValue;
  if (tags && tags.length > 0) tagConditions['aws:TagKeys'] = tags.map((t) => t.TagKey);
  ctx.authorize({
    action: 'kms:CreateKey',
    resource: '*',
    conditions: {
      'kms:KeySpec': keySpec,
      'kms:KeyUsage': keyUsage,
      'kms:KeyOrigin': origin,
      'kms:MultiRegion': multiRegion,
      'kms:MultiRegionKeyType': multiRegion ? 'PRIMARY' : undefined,
      'kms:BypassPolicyLockoutSafetyCheck': bypass,
      ...tagConditions,
    },
  });
  if (tags && tags.length > 0) {
    ctx.authorize({ action: 'kms:TagResource', resource: '*', conditions: { ...tagConditions } });
  }

  // A multi-Region primary: `mrk-` and 32 hex, no dashes (kms-behavior.md §2); its replicas share the id.
  const keyId = multiRegion ? `mrk-${uuidV4(ctx.randomBytes).replaceAll('-', '')}` : uuidV4(ctx.randomBytes);
  const arn = kmsKeyArn(ctx.region, ctx.accountId, keyId);
  if (policy !== undefined) ctx.validateKeyPolicy(policy, { bypassLockoutSafetyCheck: bypass, keyArn: arn, tags: tags ?? [] });

  const key = await storeNewKey(ctx, {
    keyId,
    keySpec,
    keyUsage,
    origin,
    keyManager: 'CUSTOMER',
    description: description ?? '',
    policy: policy ?? defaultKeyPolicy(ctx.accountId),
    tags: tags ?? [],
    multiRegion,
  });
  const KeyMetadata = buildKeyMetadata(key);
  ctx.audit.resources = [{ ARN: key.arn, accountId: key.accountId, type: 'AWS::KMS::Key' }];
  ctx.audit.responseElements = { keyMetadata: trailKeyMetadata(KeyMetadata) };
  // CloudTrail's CreateKey record shows the defaults KMS applied, not only what was sent (ct-createkey).
  const requestParameters: Record<string, unknown> = {};
  if (policy !== undefined) requestParameters['policy'] = policy;
  requestParameters['description'] = description ?? '';
  requestParameters['origin'] = origin;
  requestParameters['bypassPolicyLockoutSafetyCheck'] = bypass;
  requestParameters['customerMasterKeySpec'] = keySpec;
  requestParameters['keySpec'] = keySpec;
  requestParameters['keyUsage'] = keyUsage;
  if (tags) requestParameters['tags'] = tags.map((t) => ({ tagKey: t.TagKey, tagValue: t.TagValue }));
  if (input['MultiRegion'] !== undefined) requestParameters['multiRegion'] = multiRegion;
  ctx.audit.requestParameters = requestParameters;
  return { KeyMetadata };
};

/** CloudTrail writes keyMetadata members in lower camel case and dates as text ("Aug 10, 2022, 10:38:27 PM"). */
function trailKeyMetadata(md: ReturnType<typeof buildKeyMetadata>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, val] of Object.entries(md)) {
    // AWSAccountId keeps its case in current records (older ones wrote aWSAccountId).
    const name = k === 'AWSAccountId' ? k : k.charAt(0).toLowerCase() + k.slice(1);
    out[name] = val instanceof Date ? trailDate(val) : val;
  }
  return out;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/** CloudTrail's KMS records show dates like "Dec 4, 2024, 8:23:11 PM" (UTC). */
export function trailDate(d: Date): string {
  const h = d.getUTCHours();
  const hh = h % 12 === 0 ? 12 : h % 12;
  const mm = String(d.getUTCMinutes()).padStart(2, '0');
  const ss = String(d.getUTCSeconds()).padStart(2, '0');
  return `${MONTHS[d.getUTCMonth()]} ${d.getUTCDate()}, ${d.getUTCFullYear()}, ${hh}:${mm}:${ss} ${h < 12 ? 'AM' : 'PM'}`;
}

const describeKey: Operation<DescribeKeyCommandInput, DescribeKeyCommandOutput> = async (input, ctx) => {
  const keyIdIn = input.KeyId;
  checkGrantTokens(input.GrantTokens);
  const key = await resolveKey(ctx, keyIdIn!, { allowAlias: true });
  authorizeKey(ctx, 'DescribeKey', key, requestAliasCondition(keyIdIn));
  assertKeyState('DescribeKey', key);
  return { KeyMetadata: buildKeyMetadata(key, relatedKeys(ctx.state, key.keyId)) };
};

/** Keys in a stable order for pagination: creation time, then key id. */
function sortKey(k: KmsKey): string {
  return `${String(k.creationDate).padStart(16, '0')}/${k.keyId}`;
}

const listKeys: Operation<ListKeysCommandInput, ListKeysCommandOutput> = (input, ctx) => {
  const limit = input.Limit;
  const marker = input.Marker;
  ctx.authorize({ action: 'kms:ListKeys', resource: '*' });
  const after = marker === undefined ? undefined : decodeMarker(marker);
  const all = Object.values(kmsRegion(ctx).keys)
    .map((k) => ({ k, s: sortKey(k) }))
    .sort((a, b) => (a.s < b.s ? -1 : a.s > b.s ? 1 : 0))
    .filter((e) => after === undefined || e.s > after);
  const page = all.slice(0, limit ?? 100);
  const truncated = all.length > page.length;
  const out: { Keys: { KeyId: string; KeyArn: string }[]; Truncated: boolean; NextMarker?: string } = {
    Keys: page.map(({ k }) => ({ KeyId: k.keyId, KeyArn: k.arn })),
    Truncated: truncated,
  };
  if (truncated) out.NextMarker = encodeMarker(page[page.length - 1]!.s);
  return out;
};

const updateKeyDescription: Operation<UpdateKeyDescriptionCommandInput, UpdateKeyDescriptionCommandOutput> = async (input, ctx) => {
  const keyIdIn = input.KeyId;
  const description = input.Description;
  const key = await resolveKey(ctx, keyIdIn!, { allowAlias: false });
  authorizeKey(ctx, 'UpdateKeyDescription', key);
  assertKeyState('UpdateKeyDescription', key);
  key.description = description!;
  return {};
};

export const keyOperations: Record<string, DispatchOperation> = {
  CreateKey: createKey,
  DescribeKey: describeKey,
  ListKeys: listKeys,
  UpdateKeyDescription: updateKeyDescription,
};
