import { ServiceError } from '../protocol/service-error';
import { kmsAliasArn, kmsKeyArn, parseArn } from '../shared/arn';
import type { RequestContext } from '../shared/context';
import { isKeyIdShape } from '../shared/ids';
import { ensureAwsManagedKey } from './aws-managed-keys';
import { kmsErrors } from './kms-errors';
import type { KmsKey } from './kms-models';
import { kmsRegion } from './kms-region';

export interface ResolveOptions {
  /** Alias names and alias ARNs are accepted (Encrypt, Decrypt, DescribeKey, Sign, ...); kms-behavior.md §2. */
  allowAlias: boolean;
}

type Ctx = Pick<RequestContext, 'state' | 'region' | 'accountId' | 'now' | 'randomBytes' | 'subtle' | 'cache' | 'accountState'>;

/**
 * Resolves a KeyId parameter to a key of the caller's region with AWS's not-found grammar:
 * `Invalid keyId '<raw>'`, `Key '<arn in caller region>' does not exist`, `Invalid arn <region>`,
 * `Alias <alias arn> is not found.` AWS managed keys (alias/aws/s3, alias/aws/lambda) come into
 * being when an alias names them, as on AWS.
 */
export async function resolveKey(ctx: Ctx, raw: string, opts: ResolveOptions): Promise<KmsKey> {
  const region = kmsRegion(ctx);
  if (raw.startsWith('arn:')) {
    const arn = parseArn(raw);
    if (!arn || arn.service !== 'kms') throw kmsErrors.invalidKeyId(raw);
    if (arn.region !== ctx.region) throw kmsErrors.invalidArnRegion(arn.region);
    if (arn.resource.startsWith('alias/')) {
      if (!opts.allowAlias) throw new ServiceError('InvalidArnException', 'Key Aliases are not supported for this operation.');
      // An alias ARN names that account's alias, never the caller's alias of the same name.
      return resolveAlias(ctx, arn.resource, arn.account);
    }
    if (!arn.resource.startsWith('key/')) throw kmsErrors.invalidKeyId(raw);
    const id = arn.resource.slice(4);
    if (!isKeyIdShape(id)) throw kmsErrors.invalidKeyId(raw);
    // A key ARN of another account is looked up in that account (a read: it never creates the account or region).
    const owner = arn.account === ctx.accountId ? region : ctx.accountState?.(arn.account)?.kms.regions[arn.region];
    const key = owner?.keys[id];
    if (!key) throw kmsErrors.keyDoesNotExist(kmsKeyArn(ctx.region, arn.account, id));
    return key;
  }
  if (raw.startsWith('alias/')) {
    if (!opts.allowAlias) throw kmsErrors.invalidKeyId(raw);
    return resolveAlias(ctx, raw);
  }
  if (!isKeyIdShape(raw)) throw kmsErrors.invalidKeyId(raw);
  const key = region.keys[raw];
  if (!key) throw kmsErrors.keyDoesNotExist(kmsKeyArn(ctx.region, ctx.accountId, raw));
  return key;
}

async function resolveAlias(ctx: Ctx, aliasName: string, account = ctx.accountId): Promise<KmsKey> {
  if (account !== ctx.accountId) {
    // Another account's alias: a read of that account's state (never creating it or its AWS managed
    // keys). Whether the caller may use the key is then the key policy's decision, as on AWS.
    const owner = ctx.accountState?.(account)?.kms.regions[ctx.region];
    const alias = owner?.aliases[aliasName];
    const key = alias ? owner?.keys[alias.targetKeyId] : undefined;
    if (!key) throw kmsErrors.aliasNotFound(kmsAliasArn(ctx.region, account, aliasName));
    return key;
  }
  const region = kmsRegion(ctx);
  const alias = region.aliases[aliasName];
  const key = alias ? region.keys[alias.targetKeyId] : await ensureAwsManagedKey(ctx, aliasName);
  if (!key) throw kmsErrors.aliasNotFound(kmsAliasArn(ctx.region, ctx.accountId, aliasName));
  return key;
}
