/**
 * Lambda environment variables lab on the sandbox (a simulation through the sandbox's KMS): the
 * guide's role with AWSKeyManagementServicePowerUser is denied, the guide's code without the
 * helper's context fails, the fixed code decrypts, and caching at cold start saves KMS calls.
 */
import { expect, expectNoSeriousA11yViolationsInBothThemes, test } from './fixtures';
import { openLab } from './helpers/lab-driver';
import { waitForConnection } from './helpers/moto';

test(`the guide's two slips fail as on AWS; decrypt once at cold start and count the calls`, async ({ page }) => {
  test.slow();
  const panel = await openLab(page, 'lambda-env');
  await waitForConnection(page);
  const latest = panel.getByRole('log', { name: 'Simulation steps and their outcomes' }).getByRole('listitem').first();
  const calls = panel.getByRole('status', { name: 'KMS Decrypt calls' });

  await panel.getByRole('button', { name: 'Deploy: create the key and encrypt the variable' }).click();
  await expect(latest).toContainText('DB_PASSWORD encrypted with {LambdaFunctionName: KMSEncryptionDemo}');

  await panel.getByRole('button', { name: "Cold start with the guide's code" }).click();
  await expect(latest).toContainText(
    /as KMSEncryptionDemoRole · Cold start: Decrypt → AccessDeniedException: User: arn:aws:sts::111122223333:assumed-role\/KMSEncryptionDemoRole\/kms-study-lab is not authorized to perform: kms:Decrypt .* because no identity-based policy allows the kms:Decrypt action/,
  );
  await panel.getByRole('button', { name: 'Let the role decrypt (key policy statement)' }).click();
  await expect(latest).toContainText('key policy now lets KMSEncryptionDemoRole call kms:Decrypt');
  await panel.getByRole('button', { name: "Cold start with the guide's code" }).click();
  await expect(latest).toContainText('Cold start: Decrypt → InvalidCiphertextException');
  await panel.getByRole('button', { name: 'Cold start with the context' }).click();
  await expect(latest).toContainText('decrypted at cold start; password length 21, cached in memory');
  await expect(calls).toContainText('3');

  await panel.getByRole('button', { name: '10 invocations using the cache' }).click();
  await expect(latest).toContainText('served from the cold-start cache: no KMS call');
  await expect(calls).toContainText('3');
  await panel.getByRole('button', { name: '10 invocations decrypting each time' }).click();
  await expect(latest).toContainText('decrypted in every invocation: 10 Decrypt calls');
  await expect(calls).toContainText('13');

  await expectNoSeriousA11yViolationsInBothThemes(page, 'Lambda environment variables lab');
});
