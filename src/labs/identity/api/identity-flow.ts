/**
 * The Cognito flows replayed for the Identity panel with the connection layer's own clients (the
 * same unsigned Cognito and STS clients the lab's credentials come from), each call recorded in the
 * inspector. The classic flow is the one the lab runs; the enhanced flow is shown beside it.
 */
import { CreateKeyCommand } from '@aws-sdk/client-kms';
import { useMutation } from '@tanstack/react-query';
import { useConnection } from '../../../connection';
import type { ConnectionInfo } from '../../../connection/types';
import { labTags } from '../../../api';

export interface ClassicFlowResult {
  identityId: string;
  token: string;
  roleArn: string;
  sessionArn?: string;
  assumedRoleId?: string;
  accessKeyId?: string;
  expiration?: Date;
  fetchedAt: number;
}

function need<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`${what} is not available on this backend.`);
  return value;
}

/** GetOpenIdToken for the lab's identity, then AssumeRoleWithWebIdentity on the guest role (classic flow). */
export async function runClassicFlow(conn: ConnectionInfo, input: { identityId: string; roleArn: string }): Promise<ClassicFlowResult> {
  const [{ GetOpenIdTokenCommand }, { AssumeRoleWithWebIdentityCommand }] = await Promise.all([
    import('@aws-sdk/client-cognito-identity'),
    import('@aws-sdk/client-sts'),
  ]);
  const cognito = await need(conn.clients.cognito, 'Cognito Identity')();
  const sts = await need(conn.clients.sts, 'STS')();
  const got = await cognito.send(new GetOpenIdTokenCommand({ IdentityId: input.identityId }));
  if (!got.Token) throw new Error('GetOpenIdToken returned no Token');
  const assumed = await sts.send(
    new AssumeRoleWithWebIdentityCommand({ RoleArn: input.roleArn, RoleSessionName: 'kms-study-lab', WebIdentityToken: got.Token, DurationSeconds: 3600 }),
  );
  return {
    identityId: got.IdentityId ?? input.identityId,
    token: got.Token,
    roleArn: input.roleArn,
    sessionArn: assumed.AssumedRoleUser?.Arn,
    assumedRoleId: assumed.AssumedRoleUser?.AssumedRoleId,
    accessKeyId: assumed.Credentials?.AccessKeyId,
    expiration: assumed.Credentials?.Expiration,
    fetchedAt: Date.now(),
  };
}

export interface EnhancedFlowResult {
  accessKeyId?: string;
  expiration?: Date;
  /** CreateKey with the enhanced flow's credentials: refused by the guest scope-down. */
  createKeyError?: Error;
  createdKeyId?: string;
}

/** GetCredentialsForIdentity (enhanced flow), then CreateKey signed with what it returned. */
export async function runEnhancedFlow(conn: ConnectionInfo, input: { identityId: string }): Promise<EnhancedFlowResult> {
  const { GetCredentialsForIdentityCommand } = await import('@aws-sdk/client-cognito-identity');
  const cognito = await need(conn.clients.cognito, 'Cognito Identity')();
  const got = await cognito.send(new GetCredentialsForIdentityCommand({ IdentityId: input.identityId }));
  const c = got.Credentials;
  if (!c?.AccessKeyId || !c.SecretKey) throw new Error('GetCredentialsForIdentity returned no credentials');
  const kms = await need(conn.clients.kmsWith, 'A KMS client with other credentials')({
    accessKeyId: c.AccessKeyId,
    secretAccessKey: c.SecretKey,
    sessionToken: c.SessionToken,
    expiration: c.Expiration,
  });
  const result: EnhancedFlowResult = { accessKeyId: c.AccessKeyId, expiration: c.Expiration };
  try {
    const created = await kms.send(new CreateKeyCommand({ Description: 'Identity panel: enhanced-flow attempt', Tags: labTags(conn) }));
    result.createdKeyId = created.KeyMetadata?.KeyId;
  } catch (e) {
    result.createKeyError = e instanceof Error ? e : new Error(String(e));
  }
  return result;
}

export function useClassicFlow() {
  const conn = useConnection();
  return useMutation({ mutationKey: [...conn.keyPrefix, 'identity', 'classic'], mutationFn: (input: { identityId: string; roleArn: string }) => runClassicFlow(conn, input) });
}

export function useEnhancedFlow() {
  const conn = useConnection();
  return useMutation({ mutationKey: [...conn.keyPrefix, 'identity', 'enhanced'], mutationFn: (input: { identityId: string }) => runEnhancedFlow(conn, input) });
}
