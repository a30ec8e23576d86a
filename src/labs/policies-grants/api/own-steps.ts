import {
  CreateGrantCommand,
  CreateKeyCommand,
  GetKeyPolicyCommand,
  ListGrantsCommand,
  RevokeGrantCommand,
  type GrantListEntry,
  type KMSClient,
  type Tag,
} from '@aws-sdk/client-kms';

/**
 * The Policies and grants steps that need no demo role, made as the learner's own identity: what the
 * panel runs on an endpoint (moto, LocalStack), where the sandbox's demo roles do not exist. Each
 * takes the backend's KMS client from the connection layer (the panel never builds one).
 */

export interface OwnKey {
  keyId: string;
  keyArn: string;
  account: string;
}

/** A symmetric key with the default key policy (no Policy member), tagged as the lab's when the backend needs it. */
export async function createOwnKey(kms: KMSClient, tags: Tag[] | undefined): Promise<OwnKey> {
  const md = (await kms.send(new CreateKeyCommand({ Description: 'Policies and grants lab (own identity)', ...(tags ? { Tags: tags } : {}) })))
    .KeyMetadata!;
  return { keyId: md.KeyId!, keyArn: md.Arn!, account: md.AWSAccountId ?? md.Arn!.split(':')[4]! };
}

export interface PolicyReading {
  policy: string;
  /** Whether a statement lets the account's IAM policies decide (the account root with kms:*). */
  delegatesToIam: boolean;
}

interface Statement {
  Effect?: string;
  Principal?: { AWS?: string | string[] } | string;
  Action?: string | string[];
}

/**
 * GetKeyPolicy. "default" is a key's only policy name; AWS lets PolicyName be left out, but moto
 * still requires it (NotFoundException "No such policy exists"), so it is sent.
 */
export async function readKeyPolicy(kms: KMSClient, key: OwnKey): Promise<PolicyReading> {
  const policy = (await kms.send(new GetKeyPolicyCommand({ KeyId: key.keyId, PolicyName: 'default' }))).Policy ?? '';
  let delegatesToIam = false;
  try {
    const doc = JSON.parse(policy) as { Statement?: Statement | Statement[] };
    const statements = Array.isArray(doc.Statement) ? doc.Statement : doc.Statement ? [doc.Statement] : [];
    const root = `arn:aws:iam::${key.account}:root`;
    delegatesToIam = statements.some((s) => {
      const principals = typeof s.Principal === 'object' ? [s.Principal.AWS ?? []].flat() : [];
      const actions = [s.Action ?? []].flat();
      return s.Effect === 'Allow' && (principals.includes(root) || principals.includes(key.account)) && actions.includes('kms:*');
    });
  } catch {
    // A policy that is not JSON is shown as it came; it delegates nothing we can see.
  }
  return { policy, delegatesToIam };
}

/**
 * A grant to the key's own account (a grantee may be an account, a user, a role or a service
 * principal) for Encrypt and Decrypt, only when the encryption context equals `context`.
 */
export async function grantToOwnAccount(kms: KMSClient, key: OwnKey, context: Record<string, string>): Promise<{ grantId: string; tokenLength: number }> {
  const out = await kms.send(
    new CreateGrantCommand({
      KeyId: key.keyId,
      GranteePrincipal: `arn:aws:iam::${key.account}:root`,
      Operations: ['Encrypt', 'Decrypt'],
      Constraints: { EncryptionContextEquals: context },
      Name: 'orders-blue-tenant',
    }),
  );
  return { grantId: out.GrantId!, tokenLength: out.GrantToken?.length ?? 0 };
}

export async function listKeyGrants(kms: KMSClient, key: OwnKey): Promise<GrantListEntry[]> {
  return (await kms.send(new ListGrantsCommand({ KeyId: key.keyId }))).Grants ?? [];
}

/** RevokeGrant: the key's managers remove a grant (RetireGrant is the grant's own principals' way). */
export async function revokeOwnGrant(kms: KMSClient, key: OwnKey, grantId: string): Promise<void> {
  await kms.send(new RevokeGrantCommand({ KeyId: key.keyId, GrantId: grantId }));
}

/** One line for a grant, as the panel lists it. */
export function describeGrant(g: GrantListEntry): string {
  const ctx = g.Constraints?.EncryptionContextEquals;
  return `${g.Name || g.GrantId?.slice(0, 12)}: ${g.GranteePrincipal} may ${(g.Operations ?? []).join(', ')}${ctx ? ` when the context equals ${JSON.stringify(ctx)}` : ''}`;
}
