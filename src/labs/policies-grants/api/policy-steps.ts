import {
  CreateGrantCommand,
  CreateKeyCommand,
  DecryptCommand,
  EncryptCommand,
  GetKeyPolicyCommand,
  ListGrantsCommand,
  PutKeyPolicyCommand,
  RetireGrantCommand,
  RevokeGrantCommand,
  type GrantListEntry,
  type KMSClient,
} from '@aws-sdk/client-kms';
import { mutationOptions, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useConnection, type DemoPrincipal } from '../../../connection';
import type { ConnectionInfo } from '../../../connection/types';
import { invalidateKeyReads } from '../../../api';
import {
  ACCOUNT,
  ADMIN_ARN,
  consolePolicy,
  crossAccountPolicy,
  defaultPolicy,
  lockoutPolicy,
  roleArn,
  selfGrantPolicy,
  withoutIamStatement,
} from '../lib/policies';

/**
 * The lab's steps, each one call made as one of the sandbox's demo principals (clients.kmsAs).
 * Every step resolves to a StepResult rather than throwing, so that an AccessDeniedException is
 * shown as the lesson it is.
 */

export interface StepResult {
  id: number;
  as: DemoPrincipal;
  operation: string;
  ok: boolean;
  /** What happened, in one line: the error name and AWS's message, or what the call returned. */
  summary: string;
  errorName?: string;
}

export type Step =
  | { kind: 'create-key' }
  | { kind: 'put-policy'; as: DemoPrincipal; policy: 'default' | 'console' | 'without-iam' | 'lockout' | 'self-grant' | 'cross-account' }
  | { kind: 'encrypt'; as: DemoPrincipal; context?: Record<string, string> }
  /** Encrypt then Decrypt from the other account: by key ARN (as AWS requires) or, to show why, by bare key id. */
  | { kind: 'cross-account-encrypt'; as: DemoPrincipal; by: 'arn' | 'key-id' }
  | { kind: 'create-grant'; context: Record<string, string> }
  | { kind: 'retire-grant'; as: DemoPrincipal; grantId: string }
  | { kind: 'revoke-grant'; grantId: string };

export interface StepContext {
  keyId?: string;
  keyArn?: string;
}

export function actingAvailable(conn: ConnectionInfo): boolean {
  return conn.backend === 'sandbox' && conn.clients.kmsAs !== undefined;
}

async function as(conn: ConnectionInfo, who: DemoPrincipal): Promise<KMSClient> {
  if (!conn.clients.kmsAs) throw new Error('Acting as a demo role needs the sandbox backend.');
  return conn.clients.kmsAs(who);
}

let nextId = 1;

function failure(who: DemoPrincipal, operation: string, e: unknown): StepResult {
  const err = e as { name?: string; message?: string };
  return { id: nextId++, as: who, operation, ok: false, errorName: err.name ?? 'Error', summary: `${err.name ?? 'Error'}: ${err.message ?? ''}` };
}

const ok = (who: DemoPrincipal, operation: string, summary: string): StepResult => ({ id: nextId++, as: who, operation, ok: true, summary });

const POLICY_TEXT = {
  default: () => defaultPolicy(),
  console: () => consolePolicy(),
  'without-iam': () => withoutIamStatement(),
  lockout: () => lockoutPolicy(),
  'self-grant': () => selfGrantPolicy(),
  'cross-account': () => crossAccountPolicy(),
} as const;

/** Runs one step; returns the result and, for CreateKey and CreateGrant, what later steps need. */
export async function runStep(
  conn: ConnectionInfo,
  step: Step,
  ctx: StepContext,
): Promise<{ result: StepResult; keyId?: string; keyArn?: string; grantId?: string }> {
  switch (step.kind) {
    case 'create-key': {
      try {
        const kms = await as(conn, 'lab-admin');
        const out = await kms.send(
          // No Policy: the key gets the default one, whose only statement delegates to IAM.
          new CreateKeyCommand({ Description: 'Policies and grants lab' }),
        );
        const md = out.KeyMetadata!;
        return { result: ok('lab-admin', 'CreateKey', `created ${md.KeyId}`), keyId: md.KeyId, keyArn: md.Arn };
      } catch (e) {
        return { result: failure('lab-admin', 'CreateKey', e) };
      }
    }
    case 'put-policy': {
      try {
        const kms = await as(conn, step.as);
        await kms.send(new PutKeyPolicyCommand({ KeyId: ctx.keyId, Policy: JSON.stringify(POLICY_TEXT[step.policy](), null, 2) }));
        return { result: ok(step.as, 'PutKeyPolicy', `key policy replaced (${step.policy})`) };
      } catch (e) {
        return { result: failure(step.as, 'PutKeyPolicy', e) };
      }
    }
    case 'encrypt': {
      try {
        const kms = await as(conn, step.as);
        const out = await kms.send(
          new EncryptCommand({ KeyId: ctx.keyId, Plaintext: new TextEncoder().encode('order 1042'), EncryptionContext: step.context }),
        );
        // Decrypt with the same identity and context: both halves of envelope use.
        const back = await kms.send(new DecryptCommand({ CiphertextBlob: out.CiphertextBlob, EncryptionContext: step.context }));
        return { result: ok(step.as, 'Encrypt + Decrypt', `allowed: ${new TextDecoder().decode(back.Plaintext)} round-tripped`) };
      } catch (e) {
        return { result: failure(step.as, 'Encrypt', e) };
      }
    }
    case 'cross-account-encrypt': {
      try {
        const kms = await as(conn, step.as);
        // A bare key id always means the caller's own account; another account's key is named by ARN.
        const out = await kms.send(
          new EncryptCommand({ KeyId: step.by === 'arn' ? ctx.keyArn : ctx.keyId, Plaintext: new TextEncoder().encode('invoice 77') }),
        );
        const back = await kms.send(new DecryptCommand({ CiphertextBlob: out.CiphertextBlob }));
        return { result: ok(step.as, 'Encrypt + Decrypt', `allowed across accounts: ${new TextDecoder().decode(back.Plaintext)} round-tripped with ${out.KeyId}`) };
      } catch (e) {
        return { result: failure(step.as, 'Encrypt', e) };
      }
    }
    case 'create-grant': {
      try {
        const kms = await as(conn, 'lab-admin');
        const out = await kms.send(
          new CreateGrantCommand({
            KeyId: ctx.keyId,
            GranteePrincipal: roleArn('AppServerRole'),
            RetiringPrincipal: roleArn('KeyAdminRole'),
            Operations: ['Encrypt', 'Decrypt'],
            Constraints: { EncryptionContextEquals: step.context },
            Name: 'app-server-orders',
          }),
        );
        return { result: ok('lab-admin', 'CreateGrant', `grant ${out.GrantId!.slice(0, 12)}… for AppServerRole`), grantId: out.GrantId };
      } catch (e) {
        return { result: failure('lab-admin', 'CreateGrant', e) };
      }
    }
    case 'retire-grant': {
      try {
        const kms = await as(conn, step.as);
        await kms.send(new RetireGrantCommand({ KeyId: ctx.keyArn, GrantId: step.grantId }));
        return { result: ok(step.as, 'RetireGrant', 'grant retired') };
      } catch (e) {
        return { result: failure(step.as, 'RetireGrant', e) };
      }
    }
    case 'revoke-grant': {
      try {
        const kms = await as(conn, 'lab-admin');
        await kms.send(new RevokeGrantCommand({ KeyId: ctx.keyId, GrantId: step.grantId }));
        return { result: ok('lab-admin', 'RevokeGrant', 'grant revoked') };
      } catch (e) {
        return { result: failure('lab-admin', 'RevokeGrant', e) };
      }
    }
  }
}

export function runStepMutationOptions(conn: ConnectionInfo) {
  return mutationOptions({
    mutationKey: [...conn.keyPrefix, 'kms', 'policies-grants', 'step'],
    mutationFn: ({ step, ctx }: { step: Step; ctx: StepContext }) => runStep(conn, step, ctx),
  });
}

export function useRunStep() {
  const conn = useConnection();
  const queryClient = useQueryClient();
  return useMutation({ ...runStepMutationOptions(conn), onSettled: () => invalidateKeyReads(queryClient, conn) });
}

/** kms:ListGrants as the administrator. https://docs.aws.amazon.com/kms/latest/APIReference/API_ListGrants.html */
export async function listGrants(conn: ConnectionInfo, keyId: string): Promise<GrantListEntry[]> {
  const kms = await as(conn, 'lab-admin');
  return (await kms.send(new ListGrantsCommand({ KeyId: keyId }))).Grants ?? [];
}

export function listGrantsQueryOptions(conn: ConnectionInfo, keyId: string) {
  return queryOptions({
    queryKey: [...conn.keyPrefix, 'kms', 'lab-admin', 'ListGrants', keyId],
    queryFn: () => listGrants(conn, keyId),
    networkMode: 'always',
  });
}

export function useListGrants(keyId: string | undefined) {
  const conn = useConnection();
  return useQuery({ ...listGrantsQueryOptions(conn, keyId ?? ''), enabled: keyId !== undefined && actingAvailable(conn) });
}

/** kms:GetKeyPolicy as the administrator. */
export async function getKeyPolicy(conn: ConnectionInfo, keyId: string): Promise<string> {
  const kms = await as(conn, 'lab-admin');
  return (await kms.send(new GetKeyPolicyCommand({ KeyId: keyId }))).Policy ?? '';
}

export function getKeyPolicyQueryOptions(conn: ConnectionInfo, keyId: string) {
  return queryOptions({
    queryKey: [...conn.keyPrefix, 'kms', 'lab-admin', 'GetKeyPolicy', keyId],
    queryFn: () => getKeyPolicy(conn, keyId),
    networkMode: 'always',
  });
}

export function useGetKeyPolicy(keyId: string | undefined) {
  const conn = useConnection();
  return useQuery({ ...getKeyPolicyQueryOptions(conn, keyId ?? ''), enabled: keyId !== undefined && actingAvailable(conn) });
}

export { ACCOUNT, ADMIN_ARN };
