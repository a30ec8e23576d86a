import { describe, expect, it, beforeAll } from 'vitest';
import { DescribeKeyCommand, KMSClient, ListAliasesCommand, ListKeysCommand, ListResourceTagsCommand } from '@aws-sdk/client-kms';
import { CognitoIdentityClient } from '@aws-sdk/client-cognito-identity';
import { STSClient } from '@aws-sdk/client-sts';
import { S3Client } from '@aws-sdk/client-s3';
import { CloudTrailClient } from '@aws-sdk/client-cloudtrail';
import { createSandbox, SANDBOX_ADMIN_CREDENTIALS, type Sandbox } from '../../sandbox';
import type { ConnectionInfo } from '../../connection/types';
import { gradePrediction } from '../grading';
import { describeOutcome } from '../outcome';
import { optionForOutcome, type PredictQuestion } from '../schema';
import { EXPERIMENT_ALIAS_PREFIX, LAB_OWNER_TAG } from '../experiment-kit';
import { loadWholeBank } from './load-bank';

// Every predict-then-run question's experiment, run against the real sandbox through the real
// KMSClient: the outcome must be one the question offers, and the one AWS documents.

const POOL_ID = 'us-east-1:1ab0a7e5-5a4d-4b0c-9d1e-111122223333';
const GUEST_ROLE = 'arn:aws:iam::111122223333:role/KmsStudyLabGuestRole';

function connectionFor(sandbox: Sandbox, kms: KMSClient): ConnectionInfo {
  const unused = () => Promise.reject(new Error('not used by KMS experiments'));
  // Cognito and STS as the connection layer builds them for the credential flow: calls unsigned.
  const common = { region: 'us-east-1', requestHandler: sandbox.requestHandler, maxAttempts: 1 };
  const noCredentials = () => Promise.reject(new Error('the Cognito flow is unsigned'));
  // The S3 SSE lab's experiments also use S3 (the lab bucket) and CloudTrail (to count S3's KMS calls).
  const s3 = new S3Client({ ...common, credentials: SANDBOX_ADMIN_CREDENTIALS });
  const cloudtrail = new CloudTrailClient({ ...common, credentials: SANDBOX_ADMIN_CREDENTIALS });
  return {
    backend: 'sandbox',
    region: 'us-east-1',
    keyPrefix: ['sandbox', '111122223333', 'us-east-1', 'test'],
    bucket: 'kms-lab-bucket',
    // The administrator's connection (static keys): the Identity experiments replay the flow for a new guest of the lab pool.
    guestPool: { identityPoolId: POOL_ID, roleArn: GUEST_ROLE },
    clients: {
      // Another Region's client (the multi-Region experiments) shares the sandbox and the credentials.
      kms: (o) =>
        Promise.resolve(
          o?.region && o.region !== 'us-east-1' ? new KMSClient({ ...common, region: o.region, credentials: SANDBOX_ADMIN_CREDENTIALS }) : kms,
        ),
      // The administrator is the lab's identity here, and kmsAs('lab-admin') is that same identity, as in the app.
      kmsAs: (who, o) =>
        who === 'lab-admin'
          ? Promise.resolve(o?.region && o.region !== 'us-east-1' ? new KMSClient({ ...common, region: o.region, credentials: SANDBOX_ADMIN_CREDENTIALS }) : kms)
          : unused(),
      s3: () => Promise.resolve(s3),
      cloudtrail: () => Promise.resolve(cloudtrail),
      cognito: () => Promise.resolve(new CognitoIdentityClient({ ...common, credentials: noCredentials })),
      sts: () => Promise.resolve(new STSClient({ ...common, credentials: noCredentials })),
      kmsWith: (credentials) => Promise.resolve(new KMSClient({ ...common, credentials })),
    },
    sandbox: { now: () => sandbox.clock.now(), advanceDays: async (days) => (await sandbox.clock.advanceDays(days), sandbox.clock.now()) },
  };
}

async function customerKeys(kms: KMSClient) {
  const listed = await kms.send(new ListKeysCommand({ Limit: 1000 }));
  const described = await Promise.all((listed.Keys ?? []).map((k) => kms.send(new DescribeKeyCommand({ KeyId: k.KeyId }))));
  return described.map((d) => d.KeyMetadata!).filter((m) => m.KeyManager === 'CUSTOMER');
}

describe('predict-then-run experiments on the sandbox', () => {
  const predictQuestions = loadWholeBank().filter((q): q is PredictQuestion => q.type === 'predict');
  let sandbox: Sandbox;
  let kms: KMSClient;
  let conn: ConnectionInfo;

  beforeAll(async () => {
    sandbox = await createSandbox();
    kms = new KMSClient({ region: 'us-east-1', credentials: SANDBOX_ADMIN_CREDENTIALS, requestHandler: sandbox.requestHandler, maxAttempts: 1 });
    conn = connectionFor(sandbox, kms);
  });

  it('the bank has predict-then-run questions, and loading it created nothing', async () => {
    expect(predictQuestions.length).toBeGreaterThanOrEqual(8);
    expect(await customerKeys(kms)).toEqual([]);
  });

  for (const question of predictQuestions) {
    it(`${question.id}: the actual outcome is one of the predictions, the one AWS documents, and the experiment cleans up`, async () => {
      const before = new Set((await customerKeys(kms)).map((k) => k.KeyId));
      const outcome = await question.experiment(conn);

      const option = optionForOutcome(question, outcome);
      expect(option, `outcome ${describeOutcome(outcome)}${outcome.kind === 'error' && outcome.message ? ` (${outcome.message})` : ''} is not offered`).toBeDefined();
      expect(option?.id).toBe(question.expected);
      const grade = gradePrediction(question, question.expected, outcome);
      expect(grade).toMatchObject({ correct: true, matchesAws: true });

      // Clean-up: every key the experiment created is pending deletion (7 days), tagged for the lab,
      // and no experiment alias is left behind.
      const created = (await customerKeys(kms)).filter((k) => !before.has(k.KeyId));
      // The Identity lab's experiments replay the Cognito flow and, on a backend that behaves like
      // AWS, create nothing; every other experiment works on keys of its own.
      if (question.labId === 'identity') expect(created.map((k) => k.KeyId)).toEqual([]);
      else expect(created.length).toBeGreaterThanOrEqual(1);
      for (const key of created) {
        expect(key.KeyState).toBe('PendingDeletion');
        expect(key.Description).toContain('kms-study-lab');
        const tags = await kms.send(new ListResourceTagsCommand({ KeyId: key.KeyId }));
        expect(tags.Tags?.map((t) => t.TagKey)).toContain(LAB_OWNER_TAG);
      }
      const aliases = await kms.send(new ListAliasesCommand({}));
      expect((aliases.Aliases ?? []).filter((a) => a.AliasName?.startsWith(EXPERIMENT_ALIAS_PREFIX))).toEqual([]);
    });
  }
});
