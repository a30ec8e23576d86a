import { S3Client } from '@aws-sdk/client-s3';
import { KMSClient } from '@aws-sdk/client-kms';
import { createSandbox, SANDBOX_ADMIN_CREDENTIALS, type Sandbox } from '../../index';

export interface S3TestClients {
  sandbox: Sandbox;
  s3: S3Client;
  kms: KMSClient;
}

/** The real S3Client and KMSClient on a fresh in-page sandbox (virtual-hosted addressing, as the SDK defaults to). */
export async function s3Clients(opts: { forcePathStyle?: boolean; sandbox?: Sandbox; credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string } } = {}): Promise<S3TestClients> {
  const sandbox = opts.sandbox ?? (await createSandbox());
  const common = {
    region: 'us-east-1',
    credentials: opts.credentials ?? SANDBOX_ADMIN_CREDENTIALS,
    requestHandler: sandbox.requestHandler,
    maxAttempts: 1,
  };
  return {
    sandbox,
    s3: new S3Client({ ...common, forcePathStyle: opts.forcePathStyle }),
    kms: new KMSClient(common),
  };
}

/** What the SDK raised: name, HTTP status and message (tests branch on these, as the reference advises). */
export async function s3Error(p: Promise<unknown>): Promise<{ name: string; status?: number; message: string; raw: Record<string, unknown> }> {
  try {
    await p;
  } catch (e) {
    const err = e as Error & { $metadata?: { httpStatusCode?: number } };
    return { name: err.name, status: err.$metadata?.httpStatusCode, message: err.message, raw: err as unknown as Record<string, unknown> };
  }
  throw new Error('expected the call to fail');
}

export const SSE_C_KEY = '1234567890abcdef1234567890abcdef';
export const SSE_C_KEY_B64 = 'MTIzNDU2Nzg5MGFiY2RlZjEyMzQ1Njc4OTBhYmNkZWY=';
export const SSE_C_KEY_MD5 = 'JMwgiexXqwuPqIPjYFmIZQ==';
