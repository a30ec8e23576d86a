/**
 * infra:deploy, infra:config, infra:guests and infra:destroy against moto's server as the endpoint.
 * moto 5.2.1 creates the bucket, the roles and the function but not the identity pool (nor the
 * role attachment, bucket policies or CloudFront), and still reports CREATE_COMPLETE with the
 * IdentityPoolId output empty: both commands must call that an error.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { CloudFormationClient, DescribeStackResourcesCommand, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { CreateKeyCommand, DescribeKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import { ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../e2e/helpers/free-port';
import { deploy, destroy, guests, InfraError, labConfigFromOutputs } from '../lib/stack';

const run = promisify(execFile);
let moto: ChildProcess;
let endpoint = '';
const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };
const env = { ...process.env, AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test', AWS_REGION: 'us-east-1' };
const dir = mkdtempSync(join(tmpdir(), 'kms-lab-infra-'));

beforeAll(async () => {
  const port = await freePort();
  endpoint = `http://127.0.0.1:${port}`;
  moto = spawn('python3', ['-m', 'moto.server', '-H', '127.0.0.1', '-p', String(port)], { stdio: 'ignore' });
  for (let i = 0; i < 150; i++) {
    try {
      if ((await fetch(`${endpoint}/moto-api/`)).status < 500) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('moto did not start');
});
afterAll(async () => {
  if (moto.exitCode === null) {
    const exited = new Promise((r) => moto.once('exit', r));
    moto.kill('SIGTERM');
    await exited;
  }
  rmSync(dir, { recursive: true, force: true });
});

process.env.AWS_ACCESS_KEY_ID ??= 'test';
process.env.AWS_SECRET_ACCESS_KEY ??= 'test';

describe('the infra commands on moto', () => {
  it('deploy reports every event and then refuses the stack whose IdentityPoolId output is empty', async () => {
    const lines: string[] = [];
    const err = await deploy({ stackName: 'lab-moto', endpoint, region: 'us-east-1', pollMs: 200, log: (l) => lines.push(l) }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InfraError);
    expect((err as Error).message).toMatch(/has no value for IdentityPoolId/);
    expect(lines[0]).toBe('Creating stack lab-moto in us-east-1...');
    expect(lines.some((l) => /CREATE_COMPLETE\s+AWS::CloudFormation::Stack\s+lab-moto/.test(l))).toBe(true);
    // What moto did create: the guest role and the lab bucket.
    const cfn = new CloudFormationClient({ region: 'us-east-1', endpoint, credentials });
    const resources = (await cfn.send(new DescribeStackResourcesCommand({ StackName: 'lab-moto' }))).StackResources ?? [];
    expect(resources.map((r) => r.LogicalResourceId)).toEqual(expect.arrayContaining(['GuestRole', 'LabBucket', 'CleanupFunction']));
  });

  it('config exits 1 with the reason and writes no lab-config.json', async () => {
    const out = join(dir, 'lab-config.json');
    const r = await run('npx', ['tsx', 'infra/scripts/config.ts', '--stack-name', 'lab-moto', '--endpoint', endpoint, '--out', out], { env }).catch((e: unknown) => e as { code: number; stderr: string });
    expect((r as { code: number }).code).toBe(1);
    expect((r as { stderr: string }).stderr).toMatch(/error: The stack lab-moto has no value for IdentityPoolId/);
    expect(existsSync(out)).toBe(false);
  });

  it('a complete set of outputs makes a valid lab-config.json; an empty one is an error', () => {
    const outputs = [
      { OutputKey: 'Region', OutputValue: 'eu-west-1' },
      { OutputKey: 'IdentityPoolId', OutputValue: 'eu-west-1:0f0e0d0c-0b0a-4909-8807-060504030201' },
      { OutputKey: 'RoleArn', OutputValue: 'arn:aws:iam::123456789012:role/lab-GuestRole-1' },
      { OutputKey: 'Bucket', OutputValue: 'lab-labbucket-1' },
    ];
    expect(labConfigFromOutputs({ StackName: 's', Outputs: outputs } as never)).toEqual({
      backend: 'aws',
      region: 'eu-west-1',
      identityPoolId: 'eu-west-1:0f0e0d0c-0b0a-4909-8807-060504030201',
      roleArn: 'arn:aws:iam::123456789012:role/lab-GuestRole-1',
      bucket: 'lab-labbucket-1',
    });
    expect(() => labConfigFromOutputs({ StackName: 's', Outputs: outputs.map((o) => (o.OutputKey === 'Bucket' ? { ...o, OutputValue: ' ' } : o)) } as never)).toThrow(/no value for Bucket/);
  });

  it('guests off then on changes only the GuestAccess parameter', async () => {
    const cfn = new CloudFormationClient({ region: 'us-east-1', endpoint, credentials });
    const params = async () => Object.fromEntries(((await cfn.send(new DescribeStacksCommand({ StackName: 'lab-moto' }))).Stacks?.[0]?.Parameters ?? []).map((p) => [p.ParameterKey, p.ParameterValue]));
    const before = await params();
    await guests({ stackName: 'lab-moto', endpoint, region: 'us-east-1', pollMs: 200, log: () => {} }, false);
    expect(await params()).toEqual({ ...before, GuestAccess: 'off' });
    await guests({ stackName: 'lab-moto', endpoint, region: 'us-east-1', pollMs: 200, log: () => {} }, true);
    expect((await params()).GuestAccess).toBe('on');
  });

  it('destroy schedules lab keys for deletion (7 days), leaves other keys, empties the bucket and deletes the stack', async () => {
    const cfn = new CloudFormationClient({ region: 'us-east-1', endpoint, credentials });
    const bucket = (await cfn.send(new DescribeStacksCommand({ StackName: 'lab-moto' }))).Stacks![0]!.Outputs!.find((o) => o.OutputKey === 'Bucket')!.OutputValue!;
    const s3 = new S3Client({ region: 'us-east-1', endpoint, credentials, forcePathStyle: true });
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'us-east-1:x/secret.txt', Body: 'hi' }));
    const kms = new KMSClient({ region: 'us-east-1', endpoint, credentials });
    const labKey = (await kms.send(new CreateKeyCommand({ Tags: [{ TagKey: 'lab-owner', TagValue: 'us-east-1:x' }] }))).KeyMetadata!.KeyId!;
    const otherKey = (await kms.send(new CreateKeyCommand({}))).KeyMetadata!.KeyId!;
    const lines: string[] = [];
    const r = await destroy({ stackName: 'lab-moto', endpoint, region: 'us-east-1', pollMs: 200, log: (l) => lines.push(l) });
    expect(r).toEqual({ keysScheduled: 1, objectsRemoved: 1 });
    const lab = (await kms.send(new DescribeKeyCommand({ KeyId: labKey }))).KeyMetadata!;
    expect(lab.KeyState).toBe('PendingDeletion');
    expect((await kms.send(new DescribeKeyCommand({ KeyId: otherKey }))).KeyMetadata!.KeyState).toBe('Enabled');
    expect(lines.some((l) => /DELETE_COMPLETE/.test(l))).toBe(true);
    await expect(s3.send(new ListObjectsV2Command({ Bucket: bucket }))).rejects.toMatchObject({ name: 'NoSuchBucket' });
  });
});
