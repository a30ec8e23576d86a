import { ServiceError } from '../../protocol/service-error';
import { constraintError, maxValue } from '../../shared/validation';
import { assertKeyState } from '../key-states';
import { kmsAliasArn } from '../../shared/arn';
import type { DispatchOperation, Operation, RequestContext } from '../../shared/context';
import { aliasNameProblem } from '../alias-name';
import { AWS_MANAGED_SERVICES } from '../aws-managed-keys';
import { resolveKey } from '../key-lookup';
import { keyType } from '../key-metadata';
import { kmsErrors } from '../kms-errors';
import type { KmsAlias, KmsKey } from '../kms-models';
import { kmsRegion } from '../kms-region';
import {
  authorizeKey,
  decodeMarker,
  encodeMarker,
} from '../management-common';
import type {
  CreateAliasCommandInput,
  CreateAliasCommandOutput,
  DeleteAliasCommandInput,
  DeleteAliasCommandOutput,
  ListAliasesCommandInput,
  ListAliasesCommandOutput,
  UpdateAliasCommandInput,
  UpdateAliasCommandOutput,
} from '@aws-sdk/client-kms';

/** Name rules after framework validation: the alias/ prefix, then the reserved alias/aws/ space (§5.4). */
function checkAliasName(name: string): void {
  const problem = aliasNameProblem(name);
  if (!problem) return;
  // AWS answers NotAuthorizedException without any message for the reserved prefix.
  if (problem.code === 'NotAuthorizedException') throw new ServiceError('NotAuthorizedException');
  throw new ServiceError('ValidationException', problem.message);
}

function aliasResource(ctx: RequestContext, aliasName: string) {
  return { ARN: kmsAliasArn(ctx.region, ctx.accountId, aliasName), accountId: ctx.accountId, type: 'AWS::KMS::Alias' };
}

/** Alias permissions are checked on the alias (IAM policy) and on the key (key policy), as on AWS. */
function authorizeAlias(ctx: RequestContext, action: string, aliasName: string): void {
  ctx.authorize({ action: `kms:${action}`, resource: kmsAliasArn(ctx.region, ctx.accountId, aliasName) });
}

const createAlias: Operation<CreateAliasCommandInput, CreateAliasCommandOutput> = async (input, ctx) => {
  const name = input.AliasName;
  const target = input.TargetKeyId;
  checkAliasName(name!);
  const key = await resolveKey(ctx, target!, { allowAlias: false });
  authorizeAlias(ctx, 'CreateAlias', name!);
  authorizeKey(ctx, 'CreateAlias', key);
  const region = kmsRegion(ctx);
  if (region.aliases[name!]) {
    throw new ServiceError(
      'AlreadyExistsException',
      `An alias with the name ${kmsAliasArn(ctx.region, ctx.accountId, name!)} already exists`,
    );
  }
  assertKeyState('CreateAlias', key);
  ctx.audit.resources = [aliasResource(ctx, name!), ...(ctx.audit.resources ?? [])];
  const now = ctx.now();
  region.aliases[name!] = { aliasName: name!, targetKeyId: key.keyId, creationDate: now, lastUpdatedDate: now };
  return {};
};

/** UpdateAlias keeps an alias on keys of one kind: same type (symmetric/asymmetric/HMAC) and same usage. */
function checkSameKind(aliasName: string, from: KmsKey, to: KmsKey): void {
  if (from.keyUsage !== to.keyUsage) {
    throw new ServiceError(
      'ValidationException',
      `Alias ${aliasName} cannot be changed from a CMK with key usage ${from.keyUsage} to a CMK with key usage ${to.keyUsage}. The key usage of the current CMK and the new CMK must be the same.`,
    );
  }
  if (keyType(from.keySpec) !== keyType(to.keySpec)) {
    // Not recorded: the usage text above is local-kms's copy of AWS's; this one follows its pattern.
    throw new ServiceError(
      'ValidationException',
      `Alias ${aliasName} cannot be changed from a CMK with key spec ${from.keySpec} to a CMK with key spec ${to.keySpec}. The key type of the current CMK and the new CMK must be the same.`,
    );
  }
}

const updateAlias: Operation<UpdateAliasCommandInput, UpdateAliasCommandOutput> = async (input, ctx) => {
  const name = input.AliasName;
  const target = input.TargetKeyId;
  checkAliasName(name!);
  const region = kmsRegion(ctx);
  const alias = region.aliases[name!];
  if (!alias) throw kmsErrors.aliasNotFound(kmsAliasArn(ctx.region, ctx.accountId, name!));
  const newKey = await resolveKey(ctx, target!, { allowAlias: false });
  const oldKey = region.keys[alias.targetKeyId];
  authorizeAlias(ctx, 'UpdateAlias', name!);
  if (oldKey) authorizeKey(ctx, 'UpdateAlias', oldKey);
  authorizeKey(ctx, 'UpdateAlias', newKey);
  // The old target may be pending deletion (moving the alias away is how one rescues it); the new may not.
  assertKeyState('UpdateAlias', newKey);
  if (oldKey) checkSameKind(name!, oldKey, newKey);
  ctx.audit.resources = [aliasResource(ctx, name!), ...(ctx.audit.resources ?? [])];
  alias.targetKeyId = newKey.keyId;
  alias.lastUpdatedDate = ctx.now();
  return {};
};

const deleteAlias: Operation<DeleteAliasCommandInput, DeleteAliasCommandOutput> = async (input, ctx) => {
  const name = input.AliasName;
  checkAliasName(name!);
  const region = kmsRegion(ctx);
  const alias = region.aliases[name!];
  if (!alias) throw kmsErrors.aliasNotFound(kmsAliasArn(ctx.region, ctx.accountId, name!));
  authorizeAlias(ctx, 'DeleteAlias', name!);
  const key = region.keys[alias.targetKeyId];
  if (key) {
    authorizeKey(ctx, 'DeleteAlias', key);
    assertKeyState('DeleteAlias', key);
  }
  ctx.audit.resources = [aliasResource(ctx, name!), ...(ctx.audit.resources ?? [])];
  delete region.aliases[name!];
  return {};
};

interface AliasEntry {
  AliasName: string;
  AliasArn: string;
  TargetKeyId?: string;
  CreationDate?: Date;
  LastUpdatedDate?: Date;
}

function entryOf(ctx: RequestContext, a: KmsAlias): AliasEntry {
  return {
    AliasName: a.aliasName,
    AliasArn: kmsAliasArn(ctx.region, ctx.accountId, a.aliasName),
    TargetKeyId: a.targetKeyId,
    CreationDate: new Date(a.creationDate),
    LastUpdatedDate: new Date(a.lastUpdatedDate),
  };
}

const listAliases: Operation<ListAliasesCommandInput, ListAliasesCommandOutput> = async (input, ctx) => {
  const keyIdIn = input.KeyId;
  const limit = input.Limit;
  const marker = input.Marker;
  // The model allows Limit up to 1000; ListAliases pages at most 100 and says so in the framework's words.
  if (limit !== undefined && limit > 100) throw constraintError(String(limit), 'limit', maxValue(100));
  const filterKey = keyIdIn === undefined ? undefined : await resolveKey(ctx, keyIdIn, { allowAlias: false });
  ctx.authorize({ action: 'kms:ListAliases', resource: '*' });
  if (filterKey) assertKeyState('ListAliases', filterKey);
  const region = kmsRegion(ctx);
  let entries: AliasEntry[] = Object.values(region.aliases)
    .filter((a) => region.keys[a.targetKeyId])
    .map((a) => entryOf(ctx, a));
  if (filterKey) {
    entries = entries.filter((e) => e.TargetKeyId === filterKey.keyId);
  } else {
    // AWS lists its predefined aliases before their key exists, without TargetKeyId or dates.
    for (const svc of Object.keys(AWS_MANAGED_SERVICES)) {
      const aliasName = `alias/aws/${svc}`;
      if (!region.aliases[aliasName]) {
        entries.push({ AliasName: aliasName, AliasArn: kmsAliasArn(ctx.region, ctx.accountId, aliasName) });
      }
    }
  }
  entries.sort((a, b) => (a.AliasName < b.AliasName ? -1 : a.AliasName > b.AliasName ? 1 : 0));
  const after = marker === undefined ? undefined : decodeMarker(marker);
  const rest = after === undefined ? entries : entries.filter((e) => e.AliasName > after);
  const page = rest.slice(0, limit ?? 50);
  const truncated = rest.length > page.length;
  const out: { Aliases: AliasEntry[]; Truncated: boolean; NextMarker?: string } = { Aliases: page, Truncated: truncated };
  if (truncated) out.NextMarker = encodeMarker(page[page.length - 1]!.AliasName);
  return out;
};

export const aliasOperations: Record<string, DispatchOperation> = {
  CreateAlias: createAlias,
  UpdateAlias: updateAlias,
  DeleteAlias: deleteAlias,
  ListAliases: listAliases,
};
