import { isValidAwsPrincipal } from '../../iam/principals';
import { ServiceError } from '../../protocol/service-error';
import { accountRootArn, kmsKeyArn } from '../../shared/arn';
import type { DispatchOperation, Operation, RequestContext } from '../../shared/context';
import { hex64 } from '../../shared/ids';
import { resolveKey } from '../key-lookup';
import { assertKeyState } from '../key-states';
import type { GrantConstraints, GrantOperation, KmsGrant, KmsKey } from '../kms-models';
import { kmsRegion } from '../kms-region';
import {
  authorizeKey,
  decodeMarker,
  encodeMarker,
} from '../management-common';
import { dryRunIf } from './crypto-common';
import { checkGrantTokens, decodeGrantToken, GRANT_ID_RE, invalidGrantToken, issueGrantToken } from '../grant-tokens';
import type {
  CreateGrantCommandInput,
  CreateGrantCommandOutput,
  ListGrantsCommandInput,
  ListGrantsCommandOutput,
  ListRetirableGrantsCommandInput,
  ListRetirableGrantsCommandOutput,
  RetireGrantCommandInput,
  RetireGrantCommandOutput,
  RevokeGrantCommandInput,
  RevokeGrantCommandOutput,
} from '@aws-sdk/client-kms';

/**
 * Grants (kms-behavior.md §5.18; KMS Developer Guide, "Grants in AWS KMS"): CreateGrant,
 * ListGrants, ListRetirableGrants, RetireGrant, RevokeGrant. The grant itself is decided in
 * iam/evaluator.ts (grantAllows), after the policies and never against an explicit Deny.
 *
 * Sandbox differs: AWS documents grants as eventually consistent (a new grant may take up to about
 * five minutes to work everywhere, which is why CreateGrant returns a grant token that works at
 * once). The sandbox applies a grant, a retirement and a revocation at the next call; grant tokens
 * are still checked (a token the sandbox did not issue is InvalidGrantTokenException), so code
 * that passes its token behaves the same on both.
 */

/** The Operations enum in the order AWS's model lists it. */
export const GRANT_OPERATIONS: readonly GrantOperation[] = [
  'Decrypt', 'Encrypt', 'GenerateDataKey', 'GenerateDataKeyWithoutPlaintext', 'ReEncryptFrom', 'ReEncryptTo',
  'Sign', 'Verify', 'GetPublicKey', 'CreateGrant', 'RetireGrant', 'DescribeKey', 'GenerateDataKeyPair',
  'GenerateDataKeyPairWithoutPlaintext', 'GenerateMac', 'VerifyMac', 'DeriveSharedSecret',
];

const ALWAYS: GrantOperation[] = ['CreateGrant', 'RetireGrant', 'DescribeKey'];

/** The grant operations each kind of key supports (Developer Guide, "Grant operations"). */
export function grantOperationsFor(key: Pick<KmsKey, 'keySpec' | 'keyUsage'>): GrantOperation[] {
  if (key.keySpec === 'SYMMETRIC_DEFAULT') {
    return [
      'Decrypt', 'Encrypt', 'GenerateDataKey', 'GenerateDataKeyWithoutPlaintext', 'ReEncryptFrom', 'ReEncryptTo',
      'GenerateDataKeyPair', 'GenerateDataKeyPairWithoutPlaintext', ...ALWAYS,
    ];
  }
  switch (key.keyUsage) {
    case 'GENERATE_VERIFY_MAC':
      return ['GenerateMac', 'VerifyMac', ...ALWAYS];
    case 'SIGN_VERIFY':
      return ['Sign', 'Verify', 'GetPublicKey', ...ALWAYS];
    case 'KEY_AGREEMENT':
      return ['DeriveSharedSecret', 'GetPublicKey', ...ALWAYS];
    case 'ENCRYPT_DECRYPT':
      return ['Encrypt', 'Decrypt', 'ReEncryptFrom', 'ReEncryptTo', 'GetPublicKey', ...ALWAYS];
  }
}


// Texts AWS's recordings do not give are the sandbox's own; each says so where it is made.
const grantErrors = {
  /** Real AWS text (ansible/ansible#31960, boto3 output). */
  onlyCreateGrant: () => new ServiceError('ValidationException', 'Grants must not contain only the CreateGrant operation.'),
  // Sandbox differs: the developer guide promises a validation error; its text was not recorded.
  unsuitableOperations: (ops: string[], key: KmsKey) =>
    new ServiceError(
      'ValidationException',
      `Grant operations [${ops.join(', ')}] are not valid for ${key.arn} with key spec ${key.keySpec} and key usage ${key.keyUsage}.`,
    ),
  // Sandbox differs: text not recorded.
  constraintsNotSupported: (key: KmsKey) =>
    new ServiceError('ValidationException', `Encryption context grant constraints are not supported for ${key.arn} with key spec ${key.keySpec}.`),
  // Sandbox differs: text not recorded.
  invalidPrincipal: (member: string, value: string) =>
    new ServiceError('ValidationException', `Invalid principal in ${member}: ${value}`),
  // Sandbox differs: texts not recorded.
  invalidGrantId: (id: string) => new ServiceError('InvalidGrantIdException', `Invalid grantId '${id}'`),
  grantNotFound: (id: string) => new ServiceError('NotFoundException', `Grant ID ${id} not found`),
  retireNeedsGrant: () =>
    new ServiceError('ValidationException', 'Either GrantToken, or both KeyId and GrantId, must be specified.'),
};

// ---------------------------------------------------------------------------------------------

/** The grant's constraints as stored (the deserialiser has checked both maps hold strings). */
function readConstraints(c: GrantConstraints | undefined): GrantConstraints | undefined {
  if (c === undefined) return undefined;
  const eq = c.EncryptionContextEquals;
  const sub = c.EncryptionContextSubset;
  const out: GrantConstraints = {};
  if (eq) out.EncryptionContextEquals = eq;
  if (sub) out.EncryptionContextSubset = sub;
  return out;
}

const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x) => b.includes(x));
const sameMap = (a?: Record<string, string>, b?: Record<string, string>) =>
  JSON.stringify(Object.entries(a ?? {}).sort()) === JSON.stringify(Object.entries(b ?? {}).sort());

/** A principal a grant may name: a visible IAM principal ARN (the account root always works), never `*`. */
function checkGrantPrincipal(value: string, member: string): void {
  if (value === '*' || /^\d{12}$/.test(value) || !isValidAwsPrincipal(value)) throw grantErrors.invalidPrincipal(member, value);
}

interface GrantListEntry {
  KeyId: string;
  GrantId: string;
  Name?: string;
  CreationDate: Date;
  GranteePrincipal: string;
  RetiringPrincipal?: string;
  IssuingAccount: string;
  Operations: GrantOperation[];
  Constraints?: GrantConstraints;
}

function listEntry(key: KmsKey, g: KmsGrant): GrantListEntry {
  const e: GrantListEntry = {
    KeyId: key.arn,
    GrantId: g.grantId,
    Name: g.name ?? '',
    CreationDate: new Date(g.creationDate),
    GranteePrincipal: g.granteePrincipal,
    IssuingAccount: g.issuingAccount,
    Operations: [...g.operations],
  };
  if (g.retiringPrincipal !== undefined) e.RetiringPrincipal = g.retiringPrincipal;
  if (g.constraints) e.Constraints = g.constraints;
  return e;
}

function page<T>(items: T[], sortKey: (t: T) => string, limit: number | undefined, marker: string | undefined) {
  const after = marker === undefined ? undefined : decodeMarker(marker);
  const rest = after === undefined ? items : items.filter((e) => sortKey(e) > after);
  const pageItems = rest.slice(0, limit ?? 50);
  const truncated = rest.length > pageItems.length;
  return { pageItems, truncated, nextMarker: truncated ? encodeMarker(sortKey(pageItems[pageItems.length - 1]!)) : undefined };
}

// ---------------------------------------------------------------------------------------------

const createGrant: Operation<CreateGrantCommandInput, CreateGrantCommandOutput> = async (input, ctx) => {
  const keyIdIn = input.KeyId;
  const grantee = input.GranteePrincipal;
  const retiring = input.RetiringPrincipal;
  const name = input.Name;
  const operations = input.Operations;
  const constraints = readConstraints(input.Constraints);
  const tokens = input.GrantTokens;
  const dryRun = input.DryRun ?? false;
  // AWS prints a list member's enum failure with the list and the nested constraint.
  checkGrantTokens(tokens);
  const key = await resolveKey(ctx, keyIdIn!, { allowAlias: false });
  const ops = [...new Set(operations!)] as GrantOperation[];
  authorizeKey(ctx, 'CreateGrant', key, {
    'kms:GrantOperations': ops,
    'kms:GranteePrincipal': grantee!,
    'kms:RetiringPrincipal': retiring,
    'kms:GrantIsForAWSResource': ctx.invokedBy !== undefined,
    'kms:GrantConstraintType': constraints ? Object.keys(constraints) : undefined,
  });
  assertKeyState('CreateGrant', key);
  if (ops.length === 1 && ops[0] === 'CreateGrant') throw grantErrors.onlyCreateGrant();
  const allowed = grantOperationsFor(key);
  const unsuitable = ops.filter((o) => !allowed.includes(o));
  if (unsuitable.length > 0) throw grantErrors.unsuitableOperations(unsuitable, key);
  if (constraints && (constraints.EncryptionContextEquals || constraints.EncryptionContextSubset) && key.keySpec !== 'SYMMETRIC_DEFAULT') {
    throw grantErrors.constraintsNotSupported(key);
  }
  checkGrantPrincipal(grantee!, 'GranteePrincipal');
  if (retiring !== undefined) checkGrantPrincipal(retiring, 'RetiringPrincipal');
  dryRunIf(dryRun);

  const grants = (key.grants ??= []);
  // Name makes CreateGrant idempotent: the same parameters under the same name give the same grant.
  const existing =
    name === undefined
      ? undefined
      : grants.find(
          (g) =>
            g.name === name &&
            g.granteePrincipal === grantee &&
            g.retiringPrincipal === retiring &&
            sameSet(g.operations, ops) &&
            sameMap(g.constraints?.EncryptionContextEquals, constraints?.EncryptionContextEquals) &&
            sameMap(g.constraints?.EncryptionContextSubset, constraints?.EncryptionContextSubset),
        );
  const grant: KmsGrant = existing ?? {
    grantId: hex64(ctx.randomBytes),
    creationDate: ctx.now(),
    granteePrincipal: grantee!,
    issuingAccount: accountRootArn(ctx.accountId),
    operations: ops,
  };
  if (!existing) {
    if (name !== undefined) grant.name = name;
    if (retiring !== undefined) grant.retiringPrincipal = retiring;
    if (constraints && Object.keys(constraints).length > 0) grant.constraints = constraints;
    grants.push(grant);
  }
  const token = issueGrantToken(ctx, key, grant.grantId);
  // CloudTrail records the grant id; the token is left out of the record.
  ctx.audit.responseElements = { grantId: grant.grantId };
  return { GrantToken: token, GrantId: grant.grantId };
};

const listGrants: Operation<ListGrantsCommandInput, ListGrantsCommandOutput> = async (input, ctx) => {
  const keyIdIn = input.KeyId;
  const grantId = input.GrantId;
  const grantee = input.GranteePrincipal;
  const limit = input.Limit;
  const marker = input.Marker;
  const key = await resolveKey(ctx, keyIdIn!, { allowAlias: false });
  authorizeKey(ctx, 'ListGrants', key);
  assertKeyState('ListGrants', key);
  const all = (key.grants ?? [])
    .filter((g) => (grantId === undefined || g.grantId === grantId) && (grantee === undefined || g.granteePrincipal === grantee))
    .map((g) => listEntry(key, g));
  all.sort((a, b) => (a.GrantId < b.GrantId ? -1 : a.GrantId > b.GrantId ? 1 : 0));
  const { pageItems, truncated, nextMarker } = page(all, (e) => e.GrantId, limit, marker);
  return { Grants: pageItems, Truncated: truncated, ...(nextMarker ? { NextMarker: nextMarker } : {}) };
};

const listRetirableGrants: Operation<ListRetirableGrantsCommandInput, ListRetirableGrantsCommandOutput> = async (input, ctx) => {
  const retiring = input.RetiringPrincipal;
  const limit = input.Limit;
  const marker = input.Marker;
  // An IAM-policy permission on '*' (the key policy plays no part: the call names no key).
  ctx.authorize({ action: 'kms:ListRetirableGrants', resource: '*' });
  const entries: GrantListEntry[] = [];
  for (const key of Object.values(kmsRegion(ctx).keys)) {
    if (key.accountId !== ctx.accountId) continue;
    for (const g of key.grants ?? []) if (g.retiringPrincipal === retiring) entries.push(listEntry(key, g));
  }
  const sortKey = (e: GrantListEntry) => `${e.KeyId}|${e.GrantId}`;
  entries.sort((a, b) => (sortKey(a) < sortKey(b) ? -1 : sortKey(a) > sortKey(b) ? 1 : 0));
  const { pageItems, truncated, nextMarker } = page(entries, sortKey, limit, marker);
  return { Grants: pageItems, Truncated: truncated, ...(nextMarker ? { NextMarker: nextMarker } : {}) };
};

function removeGrant(key: KmsKey, grantId: string): void {
  key.grants = (key.grants ?? []).filter((g) => g.grantId !== grantId);
}

function findGrant(key: KmsKey, grantId: string): KmsGrant {
  if (!GRANT_ID_RE.test(grantId)) throw grantErrors.invalidGrantId(grantId);
  const g = key.grants?.find((x) => x.grantId === grantId);
  if (!g) throw grantErrors.grantNotFound(grantId);
  return g;
}

/**
 * Who may retire (Developer Guide, "Retiring and revoking grants"): the grant's retiring principal,
 * its grantee if the grant allows RetireGrant, and the account that created the grant (its root,
 * or its principals whose IAM policies allow kms:RetireGrant).
 */
function mayRetire(ctx: RequestContext, key: KmsKey, g: KmsGrant): boolean {
  const caller = ctx.caller;
  const names = (p: string | undefined) => p !== undefined && (p === caller.arn || (caller.roleArn !== undefined && p === caller.roleArn));
  if (names(g.retiringPrincipal)) return true;
  if (names(g.granteePrincipal) && g.operations.includes('RetireGrant')) return true;
  if (g.issuingAccount === accountRootArn(caller.accountId)) {
    if (caller.type === 'Root') return true;
    try {
      // The account's own principals retire through their IAM policies (the key policy is not consulted).
      ctx.authorize({ action: 'kms:RetireGrant', resource: key.arn, resourcePolicy: JSON.stringify(delegateToAccount(key)) });
      return true;
    } catch {
      return false;
    }
  }
  return false;
}

const delegateToAccount = (key: KmsKey) => ({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { AWS: accountRootArn(key.accountId) }, Action: 'kms:RetireGrant', Resource: '*' }],
});

const retireGrant: Operation<RetireGrantCommandInput, RetireGrantCommandOutput> = async (input, ctx) => {
  const token = input.GrantToken;
  const keyIdIn = input.KeyId;
  const grantId = input.GrantId;
  const dryRun = input.DryRun ?? false;
  let key: KmsKey;
  let id: string;
  if (token !== undefined) {
    const decoded = decodeGrantToken(token);
    if (!decoded) throw invalidGrantToken();
    id = grantId ?? decoded.grantId;
    const found =
      decoded.region === ctx.region ? kmsRegion(ctx).keys[decoded.keyId] : undefined;
    if (!found || found.accountId !== decoded.accountId) {
      throw new ServiceError('NotFoundException', `Key '${kmsKeyArn(decoded.region, decoded.accountId, decoded.keyId)}' does not exist`);
    }
    key = found;
  } else {
    if (keyIdIn === undefined || grantId === undefined) throw grantErrors.retireNeedsGrant();
    key = await resolveKey(ctx, keyIdIn, { allowAlias: false });
    id = grantId;
  }
  ctx.audit.resources = [{ ARN: key.arn, accountId: key.accountId, type: 'AWS::KMS::Key' }];
  const grant = findGrant(key, id);
  if (!mayRetire(ctx, key, grant)) {
    throw new ServiceError(
      'AccessDeniedException',
      `User: ${ctx.caller.arn} is not authorized to perform: kms:RetireGrant on resource: ${key.arn} because no resource-based policy allows the kms:RetireGrant action`,
    );
  }
  assertKeyState('RetireGrant', key);
  dryRunIf(dryRun);
  removeGrant(key, grant.grantId);
  return {};
};

const revokeGrant: Operation<RevokeGrantCommandInput, RevokeGrantCommandOutput> = async (input, ctx) => {
  const keyIdIn = input.KeyId;
  const grantId = input.GrantId;
  const dryRun = input.DryRun ?? false;
  const key = await resolveKey(ctx, keyIdIn!, { allowAlias: false });
  authorizeKey(ctx, 'RevokeGrant', key);
  assertKeyState('RevokeGrant', key);
  const grant = findGrant(key, grantId!);
  dryRunIf(dryRun);
  removeGrant(key, grant.grantId);
  return {};
};

export const grantOperations: Record<string, DispatchOperation> = {
  CreateGrant: createGrant,
  ListGrants: listGrants,
  ListRetirableGrants: listRetirableGrants,
  RetireGrant: retireGrant,
  RevokeGrant: revokeGrant,
};
