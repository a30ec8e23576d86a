import { KMSClient } from '@aws-sdk/client-kms';
import { CognitoIdentityClient } from '@aws-sdk/client-cognito-identity';
import { STSClient } from '@aws-sdk/client-sts';
import { CloudTrailClient } from '@aws-sdk/client-cloudtrail';
import { createSandbox, SANDBOX_ADMIN_CREDENTIALS, type Sandbox, type SandboxOptions } from '../../index';

export interface SandboxClients {
  sandbox: Sandbox;
  kms: KMSClient;
  cognito: CognitoIdentityClient;
  sts: STSClient;
  cloudtrail: CloudTrailClient;
  region: string;
}

export interface SandboxClientsOptions extends SandboxOptions {
  region?: string;
  /** Use another sandbox (e.g. to talk to the same one from a second region). */
  sandbox?: Sandbox;
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
}

/** The real SDK clients on a fresh in-page sandbox, with the admin keys `test` / `test` and one attempt per call. */
export async function sandboxClients(opts: SandboxClientsOptions = {}): Promise<SandboxClients> {
  const sandbox = opts.sandbox ?? (await createSandbox(opts));
  const region = opts.region ?? 'us-east-1';
  const common = {
    region,
    credentials: opts.credentials ?? SANDBOX_ADMIN_CREDENTIALS,
    requestHandler: sandbox.requestHandler,
    maxAttempts: 1,
  };
  return {
    sandbox,
    kms: new KMSClient(common),
    cognito: new CognitoIdentityClient(common),
    sts: new STSClient(common),
    cloudtrail: new CloudTrailClient(common),
    region,
  };
}
