/**
 * The `aws` backend's code path (Cognito guest credentials through the classic flow, then KMS with
 * the lab's owner tag) against moto: the infrastructure template is deployed to moto's
 * CloudFormation (npm run infra:deploy's code), which creates the guest role; moto 5.2.1 does not
 * create the identity pool, so the test creates it through moto's Cognito Identity API and the app
 * uses it with the template's role. The app then runs on the
 * endpoint backend with that pool (auth "pool"): GetId, GetOpenIdToken, AssumeRoleWithWebIdentity,
 * exactly as on AWS with only the endpoint changed.
 *
 * moto does not evaluate IAM policies: the guest policy's refusals are tested through the
 * sandbox's evaluator (infra/__tests__/template.test.ts), not here.
 */
import { CognitoIdentityClient, CreateIdentityPoolCommand } from '@aws-sdk/client-cognito-identity';
import { KMSClient, ListResourceTagsCommand, ListKeysCommand } from '@aws-sdk/client-kms';
import { deploy, config, type Target } from '../infra/lib/stack';
import { expect, test } from './fixtures';
import { openLab, connectionSummary } from './helpers/lab-driver';
import { FAILED_FETCH_CONSOLE } from './helpers/moto';

test.use({
  backendMode: 'endpoint',
  allowedOrigins: async ({ moto }, use) => use([moto.url]),
  allowedConsoleErrors: [FAILED_FETCH_CONSOLE],
});

const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };
// Deploying the template to moto and the classic flow take a while on a busy machine.
test.describe.configure({ timeout: 150_000 });

async function labPool(endpoint: string, stackName: string): Promise<{ identityPoolId: string; roleArn: string }> {
  process.env.AWS_ACCESS_KEY_ID ??= 'test';
  process.env.AWS_SECRET_ACCESS_KEY ??= 'test';
  const target: Target = { stackName, endpoint, region: 'us-east-1', pollMs: 200, log: () => {} };
  // moto leaves IdentityPoolId empty, which deploy (rightly) reports as an error; the role exists.
  await expect(deploy(target)).rejects.toThrow(/no value for IdentityPoolId/);
  await expect(config(target)).rejects.toThrow(/no value for IdentityPoolId/);
  const { CloudFormationClient, DescribeStacksCommand } = await import('@aws-sdk/client-cloudformation');
  const cfn = new CloudFormationClient({ region: 'us-east-1', endpoint, credentials });
  const outputs = (await cfn.send(new DescribeStacksCommand({ StackName: stackName }))).Stacks![0]!.Outputs!;
  const roleArn = outputs.find((o) => o.OutputKey === 'RoleArn')!.OutputValue!;
  const cognito = new CognitoIdentityClient({ region: 'us-east-1', endpoint, credentials });
  const pool = await cognito.send(new CreateIdentityPoolCommand({ IdentityPoolName: 'kms_study_lab', AllowUnauthenticatedIdentities: true, AllowClassicFlow: true }));
  // moto 5.2.1 has no SetIdentityPoolRoles (the template's IdentityPoolRoleAttachment); the classic
  // flow does not need it: the app names the role in AssumeRoleWithWebIdentity itself.
  return { identityPoolId: pool.IdentityPoolId!, roleArn };
}

async function openWithPool(page: import('@playwright/test').Page, endpoint: string, pool: { identityPoolId: string; roleArn: string }): Promise<string> {
  const q = new URLSearchParams({ backend: 'endpoint', region: 'us-east-1', endpoint, identityPoolId: pool.identityPoolId, roleArn: pool.roleArn });
  await page.goto(`/?${q}#/`);
  const identity = connectionSummary(page).locator('dt:has-text("Identity") + dd');
  await expect(identity).toHaveText(/^us-east-1:/, { timeout: 20_000 });
  return (await page.evaluate(() => Object.entries(localStorage).find(([k]) => k.includes('identity'))?.[1])) ?? '';
}

test('Keys lab with a guest of the template’s pool: the key carries the learner’s owner tag', async ({ page, moto }) => {
  const pool = await labPool(moto.url, 'lab-keys');
  await openWithPool(page, moto.url, pool);
  const panel = await openLab(page, 'keys');
  await panel.getByLabel('Alias (step 03)').fill('lab-pool-key');
  await panel.getByRole('button', { name: 'Create key' }).click();
  await expect(panel.getByRole('status').filter({ hasText: 'Your KMS key was created with alias alias/lab-pool-key' })).toBeVisible({ timeout: 30_000 });
  await expect(panel.getByRole('table', { name: /KMS keys/ }).getByRole('row').filter({ hasText: 'alias/lab-pool-key' })).toContainText('Enabled', { timeout: 30_000 });

  // The key moto stored carries lab-owner = a Cognito identity id of this pool's Region.
  const kms = new KMSClient({ region: 'us-east-1', endpoint: moto.url, credentials });
  const tags = [];
  for (const k of (await kms.send(new ListKeysCommand({}))).Keys ?? []) tags.push(...((await kms.send(new ListResourceTagsCommand({ KeyId: k.KeyId }))).Tags ?? []));
  expect(tags.filter((t) => t.TagKey === 'lab-owner').map((t) => t.TagValue)).toEqual(expect.arrayContaining([expect.stringMatching(/^us-east-1:[0-9a-f-]{36}$/)]));
});

test('Encrypt and decrypt lab with a guest of the template’s pool', async ({ page, moto }) => {
  const pool = await labPool(moto.url, 'lab-crypto');
  await openWithPool(page, moto.url, pool);
  const panel = await openLab(page, 'encrypt-decrypt');
  // The moto fixture empties the server before each test, so no other test's key is listed.
  await panel.getByRole('button', { name: 'Create 2 practice keys' }).click();
  await expect(panel.getByLabel('KMS key').locator('option')).toHaveCount(2, { timeout: 30_000 });
  await panel.getByRole('button', { name: 'Encrypt', exact: true }).click();
  await expect(panel.getByRole('status').filter({ hasText: 'Encrypted 28 bytes under' })).toBeVisible({ timeout: 30_000 });
  await panel.getByRole('button', { name: 'Decrypt without KeyId' }).click();
  await expect(panel.getByRole('status').filter({ hasText: 'Without KeyId' })).toContainText('My secret credit card number', { timeout: 30_000 });
});
