import { beforeAll, describe, expect, it } from 'vitest';
import { KMSClient } from '@aws-sdk/client-kms';
import { CognitoIdentityClient, GetIdCommand, GetOpenIdTokenCommand } from '@aws-sdk/client-cognito-identity';
import { AssumeRoleWithWebIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { createSandbox, type Sandbox } from '../../sandbox';
import type { ConnectionInfo } from '../../connection/types';
import { describeOutcome } from '../outcome';
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
    const kms = new KMSClient({ ...common, credentials: kmsCredentials });
    const unused = () => Promise.reject(new Error('not used by KMS experiments'));
    conn = {
      backend: 'sandbox',
      region: 'us-east-1',
      keyPrefix: ['sandbox', '111122223333', 'us-east-1', IdentityId!],
      identityId: IdentityId!,
      guestPool: { identityPoolId: POOL_ID, roleArn: GUEST_ROLE },
      clients: {
        // Another Region's client (the multi-Region experiments): the same guest credentials, another endpoint.
        kms: (o) => Promise.resolve(o?.region && o.region !== 'us-east-1' ? new KMSClient({ ...common, region: o.region, credentials: kmsCredentials }) : kms),
        s3: unused,
        cloudtrail: unused,
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
