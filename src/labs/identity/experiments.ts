import { CreateKeyCommand, ScheduleKeyDeletionCommand, type KMSClient } from '@aws-sdk/client-kms';
import type { CognitoIdentityClient } from '@aws-sdk/client-cognito-identity';
import type { STSClient } from '@aws-sdk/client-sts';
import { EXPERIMENT_DELETION_WINDOW_DAYS, kmsExperiment, LAB_OWNER_TAG, success, type ScratchKms } from '../../study/experiment-kit';

// Experiments for the Identity lab's predict-then-run questions. They replay the Cognito flows
// with the connection layer's own Cognito and STS clients (unsigned, as the lab's credential flow
// sends them), on the lab's identity pool and guest role. They return labels, never credentials.

/** A Cognito identity id (Region:GUID), as the lab's guest has. */
const GUEST_ID = /^[a-z]{2}(-[a-z]+)+-\d+:[0-9a-f-]{36}$/;

interface Flow {
  cognito: CognitoIdentityClient;
  sts: STSClient;
  identityId: string;
  roleArn: string;
}

/** The lab's identity (or, when the lab signs with static keys, a new guest of the same pool), with the flow's clients. */
async function guestFlow(lab: ScratchKms): Promise<Flow> {
  return lab.setup(async () => {
    const { conn } = lab;
    if (!conn.clients.cognito || !conn.clients.sts || !conn.guestPool) {
      throw new Error('This backend is used without a Cognito identity pool, so there is no guest flow to replay.');
    }
    const [cognito, sts] = await Promise.all([conn.clients.cognito(), conn.clients.sts()]);
    let identityId = conn.identityId && GUEST_ID.test(conn.identityId) ? conn.identityId : undefined;
    if (!identityId) {
      const { GetIdCommand } = await import('@aws-sdk/client-cognito-identity');
      identityId = (await cognito.send(new GetIdCommand({ IdentityPoolId: conn.guestPool.identityPoolId }))).IdentityId;
    }
    if (!identityId) throw new Error('GetId returned no IdentityId');
    return { cognito, sts, identityId, roleArn: conn.guestPool.roleArn };
  });
}

/** GetOpenIdToken for the identity (basic flow, step 2): a preparation step. */
async function openIdToken(lab: ScratchKms, flow: Flow): Promise<string> {
  return lab.setup(async () => {
    const { GetOpenIdTokenCommand } = await import('@aws-sdk/client-cognito-identity');
    const token = (await flow.cognito.send(new GetOpenIdTokenCommand({ IdentityId: flow.identityId }))).Token;
    if (!token) throw new Error('GetOpenIdToken returned no Token');
    return token;
  });
}

export const CREATED = 'created';

/**
 * The enhanced flow's guest credentials (GetCredentialsForIdentity), then CreateKey signed with
 * them, tagged as the lab's guest policy requires. The role allows it; Cognito's guest session
 * policies do not. Should a backend let it through (emulators apply no scope-down), the key is
 * scheduled for deletion at once.
 */
export const createKeyWithEnhancedFlow = kmsExperiment(async (lab) => {
  const flow = await guestFlow(lab);
  const kms: KMSClient = await lab.setup(async () => {
    const { GetCredentialsForIdentityCommand } = await import('@aws-sdk/client-cognito-identity');
    const c = (await flow.cognito.send(new GetCredentialsForIdentityCommand({ IdentityId: flow.identityId }))).Credentials;
    if (!c?.AccessKeyId || !c.SecretKey) throw new Error('GetCredentialsForIdentity returned no credentials');
    if (!lab.conn.clients.kmsWith) throw new Error('This backend has no KMS client for other credentials.');
    return lab.conn.clients.kmsWith({ accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretKey, sessionToken: c.SessionToken, expiration: c.Expiration });
  });
  const created = await kms.send(
    new CreateKeyCommand({
      Description: 'kms-study-lab experiment (scheduled for deletion when it ends)',
      Tags: [{ TagKey: LAB_OWNER_TAG, TagValue: flow.identityId }],
    }),
  );
  const keyId = created.KeyMetadata?.KeyId;
  if (keyId) {
    for (const client of [kms, lab.kms]) {
      try {
        await client.send(new ScheduleKeyDeletionCommand({ KeyId: keyId, PendingWindowInDays: EXPERIMENT_DELETION_WINDOW_DAYS }));
        break;
      } catch {
        // Try the lab's own credentials next.
      }
    }
  }
  return success(CREATED, keyId);
});

/** The lab's basic flow with DurationSeconds of two hours, on a role whose maximum session is one hour. */
export const assumeRoleForTwoHours = kmsExperiment(async (lab) => {
  const flow = await guestFlow(lab);
  const token = await openIdToken(lab, flow);
  const { AssumeRoleWithWebIdentityCommand } = await import('@aws-sdk/client-sts');
  const out = await flow.sts.send(
    new AssumeRoleWithWebIdentityCommand({ RoleArn: flow.roleArn, RoleSessionName: 'kms-study-lab-exp', WebIdentityToken: token, DurationSeconds: 7200 }),
  );
  return success(lifetimeLabel(out.Credentials?.Expiration));
});

/** The lab's basic flow with no DurationSeconds: how long do the credentials last? */
export const assumeRoleDefaultDuration = kmsExperiment(async (lab) => {
  const flow = await guestFlow(lab);
  const token = await openIdToken(lab, flow);
  const { AssumeRoleWithWebIdentityCommand } = await import('@aws-sdk/client-sts');
  const out = await flow.sts.send(new AssumeRoleWithWebIdentityCommand({ RoleArn: flow.roleArn, RoleSessionName: 'kms-study-lab-exp', WebIdentityToken: token }));
  return success(lifetimeLabel(out.Credentials?.Expiration), out.Credentials?.Expiration?.toISOString());
});

/**
 * The credentials' lifetime as a label the options name. Measured from this machine's clock, so
 * a few minutes of difference from AWS's clock are allowed for.
 */
export function lifetimeLabel(expiration: Date | undefined, now = Date.now()): string {
  if (!expiration) return 'no-expiry';
  const seconds = (expiration.getTime() - now) / 1000;
  const near = (target: number) => Math.abs(seconds - target) <= Math.min(300, target / 10);
  if (near(600)) return '10-minutes';
  if (near(900)) return '15-minutes';
  if (near(3600)) return '1-hour';
  if (near(7200)) return '2-hours';
  if (near(43200)) return '12-hours';
  return `${Math.round(seconds / 60)}-minutes`;
}
