import { kmsKeyArn } from '../shared/arn';
import type { RequestContext } from '../shared/context';
import { uuidV4 } from '../shared/ids';
import { generateKeyMaterial } from './key-material';
import type { KeySpec, KeyUsage, KmsKey } from './kms-models';
import { kmsRegion } from './kms-region';

type Ctx = Pick<RequestContext, 'state' | 'region' | 'accountId' | 'now' | 'randomBytes' | 'subtle' | 'cache'>;

export interface NewKey {
  keyId?: string;
  keySpec: KeySpec;
  keyUsage: KeyUsage;
  origin: KmsKey['origin'];
  keyManager: KmsKey['keyManager'];
  description: string;
  policy: string;
  tags: { TagKey: string; TagValue: string }[];
  /** A multi-Region primary (its keyId must be an `mrk-` id). */
  multiRegion?: boolean;
}

/** Builds and stores a key (with its first key material unless the origin is EXTERNAL). */
export async function storeNewKey(ctx: Ctx, spec: NewKey): Promise<KmsKey> {
  const keyId = spec.keyId ?? uuidV4(ctx.randomBytes);
  const now = ctx.now();
  const materials = spec.origin === 'AWS_KMS' ? [await generateKeyMaterial(spec.keySpec, ctx)] : [];
  const key: KmsKey = {
    keyId,
    arn: kmsKeyArn(ctx.region, ctx.accountId, keyId),
    accountId: ctx.accountId,
    region: ctx.region,
    creationDate: now,
    description: spec.description,
    keySpec: spec.keySpec,
    keyUsage: spec.keyUsage,
    keyState: spec.origin === 'EXTERNAL' ? 'PendingImport' : 'Enabled',
    origin: spec.origin,
    keyManager: spec.keyManager,
    multiRegion: spec.multiRegion ?? false,
    ...(spec.multiRegion ? { multiRegionConfiguration: { keyType: 'PRIMARY' as const } } : {}),
    policy: spec.policy,
    tags: spec.tags.map((t) => ({ TagKey: t.TagKey, TagValue: t.TagValue })),
    materials,
    rotation: { enabled: false, onDemandCount: 0 },
    rotations: [],
  };
  kmsRegion(ctx).keys[keyId] = key;
  return key;
}
