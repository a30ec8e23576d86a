import { beforeAll, describe, expect, it } from 'vitest';
import { CreateGrantCommand, CreateKeyCommand, GetKeyPolicyCommand, KMSClient, PutKeyPolicyCommand } from '@aws-sdk/client-kms';
import { S3Client } from '@aws-sdk/client-s3';
import { CloudTrailClient } from '@aws-sdk/client-cloudtrail';
import { CognitoIdentityClient, GetIdCommand, GetOpenIdTokenCommand } from '@aws-sdk/client-cognito-identity';
import { AssumeRoleWithWebIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { createSandbox, type Sandbox } from '../../sandbox';
import type { ConnectionInfo } from '../../connection/types';
import { describeOutcome, SANDBOX_ONLY } from '../outcome';
import { optionForOutcome, type PredictQuestion } from '../schema';
import { loadWholeBank } from './load-bank';

// The app reaches the sandbox as a Cognito guest (basic flow), with the lab's guest policy
// (infra/policies/lab-guest-policy.json) — the same identity a learner has on real AWS. Every
// experiment must be runnable by that guest: its own keys, tags and alias names must fit the policy.

const POOL_ID = 'us-east-1:1ab0a7e5-5a4d-4b0c-9d1e-111122223333';
const GUEST_ROLE = 'arn:aws:iam::111122223333:role/KmsStudyLabGuestRole';

describe('predict-then-run experiments as the lab guest (Cognito basic flow) on the sandbox', () => {
  const predictQuestions = loadWholeBank().filter((q): q is PredictQuestion => q.type === 'predict');
  let sandbox: Sandbox;
  let conn: ConnectionInfo;

  beforeAll(async () => {
    sandbox = await createSandbox();
    const common = { region: 'us-east-1', requestHandler: sandbox.requestHandler, maxAttempts: 1 };
    const cognito = new CognitoIdentityClient({ ...common, credentials: { accessKeyId: 'unused', secretAccessKey: 'unused' } });
    const { IdentityId } = await cognito.send(new GetIdCommand({ IdentityPoolId: POOL_ID }));
    const { Token } = await cognito.send(new GetOpenIdTokenCommand({ IdentityId }));
    const sts = new STSClient({ ...common, credentials: { accessKeyId: 'unused', secretAccessKey: 'unused' } });
    const { Credentials } = await sts.send(
      new AssumeRoleWithWebIdentityCommand({ RoleArn: GUEST_ROLE, RoleSessionName: 'study-test', WebIdentityToken: Token }),
    );
    const kmsCredentials = { accessKeyId: Credentials!.AccessKeyId!, secretAccessKey: Credentials!.SecretAccessKey!, sessionToken: Credentials!.SessionToken };
    const guest = { ...common, credentials: kmsCredentials };
    const kms = new KMSClient(guest);
    // The S3 SSE lab's experiments write under the guest's prefix in the lab bucket and read the trail.
    const s3 = new S3Client(guest);
    const cloudtrail = new CloudTrailClient(guest);
    const unused = () => Promise.reject(new Error('not used by KMS experiments'));
    // The sandbox's administrator (the public test/test keys), as clients.kmsAs gives it to the app: the
    // experiments whose step the guest may not take (PutKeyPolicy) run that step as it.
    const admin = new KMSClient({ ...common, credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
    conn = {
      backend: 'sandbox',
      region: 'us-east-1',
      keyPrefix: ['sandbox', '111122223333', 'us-east-1', IdentityId!],
      identityId: IdentityId!,
      guestPool: { identityPoolId: POOL_ID, roleArn: GUEST_ROLE },
      bucket: 'kms-lab-bucket',
      clients: {
        // Another Region's client (the multi-Region experiments): the same credentials, another endpoint.
        kms: (o) => Promise.resolve(o?.region && o.region !== 'us-east-1' ? new KMSClient({ ...common, region: o.region, credentials: kmsCredentials }) : kms),
        kmsAs: (who, o) =>
          who === 'lab-admin'
            ? Promise.resolve(o?.region && o.region !== 'us-east-1' ? new KMSClient({ ...common, region: o.region, credentials: { accessKeyId: 'test', secretAccessKey: 'test' } }) : admin)
            : unused(),
        s3: () => Promise.resolve(s3),
        cloudtrail: () => Promise.resolve(cloudtrail),
        // The same unsigned Cognito and STS clients the flow above used, as the connection layer shares them.
        cognito: () => Promise.resolve(cognito),
        sts: () => Promise.resolve(sts),
        kmsWith: (credentials) => Promise.resolve(new KMSClient({ ...common, credentials })),
      },
    };
  });

  for (const question of predictQuestions) {
    it(`${question.id}: runs for the guest and gives the outcome AWS documents`, async () => {
      const outcome = await question.experiment(conn);
      const detail = `${describeOutcome(outcome)}${outcome.kind === 'error' && outcome.message ? ` (${outcome.message})` : ''}`;
      expect(outcome.kind === 'error' && outcome.setup ? `setup failed: ${detail}` : 'prepared', detail).toBe('prepared');
      expect(optionForOutcome(question, outcome)?.id, detail).toBe(question.expected);
    });
  }
});

describe('the guest may not change key policies; the experiments that do say they are sandbox-only elsewhere', () => {
  it('on the sandbox the guest’s own PutKeyPolicy is refused by the guest policy (AccessDeniedException)', async () => {
    const sandbox = await createSandbox();
    const common = { region: 'us-east-1', requestHandler: sandbox.requestHandler, maxAttempts: 1 };
    const anon = { accessKeyId: 'unused', secretAccessKey: 'unused' };
    const cognito = new CognitoIdentityClient({ ...common, credentials: anon });
    const { IdentityId } = await cognito.send(new GetIdCommand({ IdentityPoolId: POOL_ID }));
    const { Token } = await cognito.send(new GetOpenIdTokenCommand({ IdentityId }));
    const sts = new STSClient({ ...common, credentials: anon });
    const { Credentials: c } = await sts.send(new AssumeRoleWithWebIdentityCommand({ RoleArn: GUEST_ROLE, RoleSessionName: 'guest-test', WebIdentityToken: Token }));
    const kms = new KMSClient({ ...common, credentials: { accessKeyId: c!.AccessKeyId!, secretAccessKey: c!.SecretAccessKey!, sessionToken: c!.SessionToken } });
    const created = await kms.send(new CreateKeyCommand({ Tags: [{ TagKey: 'lab-owner', TagValue: IdentityId! }] }));
    const keyId = created.KeyMetadata!.KeyId!;
    const policy = await kms.send(new GetKeyPolicyCommand({ KeyId: keyId }));
    await expect(kms.send(new PutKeyPolicyCommand({ KeyId: keyId, Policy: policy.Policy! }))).rejects.toMatchObject({ name: 'AccessDeniedException' });
    await expect(
      kms.send(new CreateGrantCommand({ KeyId: keyId, GranteePrincipal: GUEST_ROLE, Operations: ['Decrypt'] })),
    ).rejects.toMatchObject({ name: 'AccessDeniedException' });
  });

  it.each([
    ['aws', 'pg-predict-lockout'],
    ['endpoint', 'pg-predict-unknown-principal'],
  ] as const)('on %s, %s ends ungraded as SandboxOnly and creates nothing', async (backend, id) => {
    const question = loadWholeBank().find((q): q is PredictQuestion => q.id === id && q.type === 'predict')!;
    let calls = 0;
    const kms = { send: () => ((calls += 1), Promise.reject(new Error('no call expected'))) } as unknown as KMSClient;
    const unused = () => Promise.reject(new Error('unused'));
    const outcome = await question.experiment({
      backend,
      region: 'eu-west-1',
      keyPrefix: [backend, '123456789012', 'eu-west-1', 'x'],
      clients: { kms: () => Promise.resolve(kms), s3: unused, cloudtrail: unused },
    });
    expect(outcome).toMatchObject({ kind: 'error', name: SANDBOX_ONLY, setup: true });
    expect(outcome.kind === 'error' ? outcome.message : '').toMatch(/PutKeyPolicy is denied.*sandbox backend only/);
    expect(calls).toBe(0);
  });
});
