/**
 * What `npm run infra:deploy|config|destroy|guests` do, as functions (the scripts in
 * infra/scripts/ parse arguments and call these; the tests call them against moto's server).
 * Credentials come from the SDK's usual chain (environment, ~/.aws profiles, SSO, instance role).
 */
import {
  CloudFormationClient,
  CreateStackCommand,
  DeleteStackCommand,
  DescribeStackEventsCommand,
  DescribeStackResourcesCommand,
  DescribeStacksCommand,
  UpdateStackCommand,
  type Parameter,
  type Stack,
  type StackEvent,
} from '@aws-sdk/client-cloudformation';
import { KMSClient, ListKeysCommand, DescribeKeyCommand, ListResourceTagsCommand, ScheduleKeyDeletionCommand } from '@aws-sdk/client-kms';
import { S3Client, ListObjectVersionsCommand, DeleteObjectsCommand, type ObjectIdentifier } from '@aws-sdk/client-s3';
import { buildTemplate } from './template';

export interface Target {
  stackName: string;
  region?: string;
  /** A test endpoint (moto); real deployments leave it out. */
  endpoint?: string;
  log?: (line: string) => void;
  /** Time between DescribeStackEvents polls. */
  pollMs?: number;
}

/** The outputs lab-config.json's "aws" backend needs, by output name. */
export const CONFIG_OUTPUTS = { Region: 'region', IdentityPoolId: 'identityPoolId', RoleArn: 'roleArn', Bucket: 'bucket' } as const;

const TERMINAL = /(_COMPLETE|_FAILED)$/;
const FAILED = /(FAILED|ROLLBACK)/;

export class InfraError extends Error {}

function clients(t: Target) {
  const common = { region: t.region ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? 'us-east-1', ...(t.endpoint ? { endpoint: t.endpoint } : {}) };
  return {
    region: common.region,
    cfn: new CloudFormationClient(common),
    kms: new KMSClient(common),
    s3: new S3Client({ ...common, forcePathStyle: t.endpoint !== undefined }),
  };
}

const say = (t: Target, line: string) => (t.log ?? console.log)(line);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function describeStack(cfn: CloudFormationClient, stackName: string): Promise<Stack | undefined> {
  try {
    return (await cfn.send(new DescribeStacksCommand({ StackName: stackName }))).Stacks?.[0];
  } catch (e) {
    if (e instanceof Error && /does not exist/.test(e.message)) return undefined;
    throw e;
  }
}

function formatEvent(e: StackEvent): string {
  const time = e.Timestamp ? e.Timestamp.toISOString().slice(11, 19) : '--:--:--';
  const reason = e.ResourceStatusReason ? ` - ${e.ResourceStatusReason}` : '';
  return `${time}  ${(e.ResourceStatus ?? '').padEnd(20)} ${(e.ResourceType ?? '').padEnd(40)} ${e.LogicalResourceId ?? ''}${reason}`;
}

/** Prints the stack's events one by one until it reaches a terminal status; returns the stack. */
async function follow(t: Target, cfn: CloudFormationClient, stackId: string, since: Date): Promise<Stack | undefined> {
  const seen = new Set<string>();
  const failures: StackEvent[] = [];
  for (;;) {
    const events: StackEvent[] = [];
    let token: string | undefined;
    try {
      do {
        const page = await cfn.send(new DescribeStackEventsCommand({ StackName: stackId, NextToken: token }));
        events.push(...(page.StackEvents ?? []));
        token = page.NextToken;
      } while (token && events.every((e) => !e.EventId || !seen.has(e.EventId)));
    } catch (e) {
      if (e instanceof Error && /does not exist/.test(e.message)) return undefined;
      throw e;
    }
    for (const e of events.reverse()) {
      if (!e.EventId || seen.has(e.EventId) || (e.Timestamp && e.Timestamp < since)) continue;
      seen.add(e.EventId);
      say(t, formatEvent(e));
      if (/FAILED/.test(e.ResourceStatus ?? '') && e.ResourceStatusReason) failures.push(e);
    }
    const stack = await describeStack(cfn, stackId);
    if (!stack || (stack.StackStatus === 'DELETE_COMPLETE' && stackId !== t.stackName)) return stack;
    if (TERMINAL.test(stack.StackStatus ?? '') && !/_IN_PROGRESS$/.test(stack.StackStatus ?? '')) {
      if (FAILED.test(stack.StackStatus ?? '') && stack.StackStatus !== 'DELETE_COMPLETE') {
        const first = failures[0];
        const cause = first ? `${first.LogicalResourceId} (${first.ResourceType}): ${first.ResourceStatusReason}` : (stack.StackStatusReason ?? 'no reason given');
        throw new InfraError(`The stack ${t.stackName} ended in ${stack.StackStatus}. First failure: ${cause}`);
      }
      return stack;
    }
    await sleep(t.pollMs ?? 3000);
  }
}

/** The outputs as lab-config.json's aws backend; a missing or empty output is an error. */
export function labConfigFromOutputs(stack: Stack): { backend: 'aws'; region: string; identityPoolId: string; roleArn: string; bucket: string } {
  const outputs = new Map((stack.Outputs ?? []).map((o) => [o.OutputKey ?? '', (o.OutputValue ?? '').trim()]));
  const missing = Object.keys(CONFIG_OUTPUTS).filter((k) => !outputs.get(k));
  if (missing.length) {
    throw new InfraError(
      `The stack ${stack.StackName} has no value for ${missing.join(', ')}: ` +
        'the resources behind them were not created (an emulator that skips Cognito reports them empty), so the lab cannot use this stack.',
    );
  }
  return {
    backend: 'aws',
    region: outputs.get('Region')!,
    identityPoolId: outputs.get('IdentityPoolId')!,
    roleArn: outputs.get('RoleArn')!,
    bucket: outputs.get('Bucket')!,
  };
}

export async function deploy(t: Target, parameters: Record<string, string> = {}): Promise<Stack> {
  const { cfn, region } = clients(t);
  const TemplateBody = buildTemplate();
  const Parameters: Parameter[] = Object.entries(parameters).map(([ParameterKey, ParameterValue]) => ({ ParameterKey, ParameterValue }));
  const existing = await describeStack(cfn, t.stackName);
  const since = new Date(Date.now() - 5000);
  let stackId: string;
  if (!existing || existing.StackStatus === 'DELETE_COMPLETE') {
    say(t, `Creating stack ${t.stackName} in ${region}...`);
    const r = await cfn.send(new CreateStackCommand({ StackName: t.stackName, TemplateBody, Parameters, Capabilities: ['CAPABILITY_IAM'], OnFailure: 'ROLLBACK', Tags: [{ Key: 'lab', Value: 'kms-study-lab' }] }));
    stackId = r.StackId ?? t.stackName;
  } else {
    if (existing.StackStatus === 'ROLLBACK_COMPLETE') {
      throw new InfraError(`The stack ${t.stackName} is in ROLLBACK_COMPLETE (its first creation failed) and cannot be updated: run npm run infra:destroy -- --stack-name ${t.stackName}, then deploy again.`);
    }
    say(t, `Updating stack ${t.stackName} in ${region}...`);
    try {
      await cfn.send(new UpdateStackCommand({ StackName: t.stackName, TemplateBody, Parameters, Capabilities: ['CAPABILITY_IAM'] }));
    } catch (e) {
      if (!(e instanceof Error && /No updates are to be performed/.test(e.message))) throw e;
      say(t, 'No changes: the stack already matches the template.');
    }
    stackId = existing.StackId ?? t.stackName;
  }
  const stack = await follow(t, cfn, stackId, since);
  if (!stack) throw new InfraError(`The stack ${t.stackName} disappeared while deploying.`);
  labConfigFromOutputs(stack); // throws when an output is missing or empty
  say(t, `Done: ${stack.StackStatus}. Next: npm run infra:config -- --stack-name ${t.stackName}`);
  return stack;
}

export async function config(t: Target) {
  const { cfn } = clients(t);
  const stack = await describeStack(cfn, t.stackName);
  if (!stack) throw new InfraError(`There is no stack ${t.stackName} in this Region.`);
  return labConfigFromOutputs(stack);
}

/** Switches guest access: the same template, only the GuestAccess parameter changes. */
export async function guests(t: Target, on: boolean): Promise<Stack> {
  const { cfn } = clients(t);
  const stack = await describeStack(cfn, t.stackName);
  if (!stack) throw new InfraError(`There is no stack ${t.stackName} in this Region.`);
  const Parameters: Parameter[] = (stack.Parameters ?? []).map((p) =>
    p.ParameterKey === 'GuestAccess'
      ? { ParameterKey: 'GuestAccess', ParameterValue: on ? 'on' : 'off' }
      : // The current value, spelled out: the same as UsePreviousValue (no parameter is NoEcho), and
        // moto 5.2.1 fails UsePreviousValue on parameters that were left at their default.
        { ParameterKey: p.ParameterKey, ParameterValue: p.ParameterValue },
  );
  if (!Parameters.some((p) => p.ParameterKey === 'GuestAccess')) Parameters.push({ ParameterKey: 'GuestAccess', ParameterValue: on ? 'on' : 'off' });
  const since = new Date(Date.now() - 5000);
  try {
    await cfn.send(new UpdateStackCommand({ StackName: t.stackName, UsePreviousTemplate: true, Parameters, Capabilities: ['CAPABILITY_IAM'] }));
  } catch (e) {
    if (e instanceof Error && /No updates are to be performed/.test(e.message)) {
      say(t, `Guest access is already ${on ? 'on' : 'off'}.`);
      return stack;
    }
    throw e;
  }
  const after = await follow(t, cfn, stack.StackId ?? t.stackName, since);
  say(t, `Guest access is now ${on ? 'on' : 'off'}.`);
  return after ?? stack;
}

async function emptyBucket(t: Target, s3: S3Client, bucket: string): Promise<number> {
  let removed = 0;
  for (;;) {
    let page;
    try {
      page = await s3.send(new ListObjectVersionsCommand({ Bucket: bucket }));
    } catch (e) {
      if (e instanceof Error && e.name === 'NoSuchBucket') return removed;
      throw e;
    }
    const objects: ObjectIdentifier[] = [...(page.Versions ?? []), ...(page.DeleteMarkers ?? [])]
      .filter((v) => v.Key)
      .map((v) => ({ Key: v.Key!, ...(v.VersionId && v.VersionId !== 'null' ? { VersionId: v.VersionId } : {}) }));
    if (objects.length === 0) return removed;
    for (let i = 0; i < objects.length; i += 1000) {
      await s3.send(new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: objects.slice(i, i + 1000), Quiet: true } }));
    }
    removed += objects.length;
    say(t, `  removed ${objects.length} object(s) from ${bucket}`);
  }
}

/** Every customer managed key in the Region tagged lab-owner, not yet pending deletion. */
export async function labKeys(kms: KMSClient): Promise<string[]> {
  const ids: string[] = [];
  let marker: string | undefined;
  do {
    const page = await kms.send(new ListKeysCommand({ Marker: marker }));
    for (const k of page.Keys ?? []) {
      try {
        const meta = (await kms.send(new DescribeKeyCommand({ KeyId: k.KeyId }))).KeyMetadata;
        if (!meta || meta.KeyManager !== 'CUSTOMER' || meta.KeyState === 'PendingDeletion') continue;
        const tags = (await kms.send(new ListResourceTagsCommand({ KeyId: k.KeyId }))).Tags ?? [];
        if (tags.some((tag) => tag.TagKey === 'lab-owner')) ids.push(k.KeyId!);
      } catch {
        // A key whose policy shuts this caller out: it is not one this account can clean up here.
      }
    }
    marker = page.Truncated ? page.NextMarker : undefined;
  } while (marker);
  return ids;
}

export async function destroy(t: Target): Promise<{ keysScheduled: number; objectsRemoved: number }> {
  const { cfn, kms, s3 } = clients(t);
  const stack = await describeStack(cfn, t.stackName);
  if (!stack) throw new InfraError(`There is no stack ${t.stackName} in this Region.`);
  let keysScheduled = 0;
  for (const id of await labKeys(kms)) {
    await kms.send(new ScheduleKeyDeletionCommand({ KeyId: id, PendingWindowInDays: 7 }));
    say(t, `  scheduled key ${id} for deletion in 7 days (the shortest window)`);
    keysScheduled += 1;
  }
  const resources = (await cfn.send(new DescribeStackResourcesCommand({ StackName: t.stackName }))).StackResources ?? [];
  let objectsRemoved = 0;
  for (const r of resources) {
    if (r.ResourceType === 'AWS::S3::Bucket' && r.PhysicalResourceId) objectsRemoved += await emptyBucket(t, s3, r.PhysicalResourceId);
  }
  const since = new Date(Date.now() - 5000);
  say(t, `Deleting stack ${t.stackName}...`);
  await cfn.send(new DeleteStackCommand({ StackName: t.stackName }));
  const after = await follow(t, cfn, stack.StackId ?? t.stackName, since);
  if (after && after.StackStatus !== 'DELETE_COMPLETE') throw new InfraError(`The stack ended in ${after.StackStatus}: ${after.StackStatusReason ?? ''}`);
  say(t, `Deleted: ${keysScheduled} key(s) scheduled for deletion, ${objectsRemoved} object(s) removed.`);
  return { keysScheduled, objectsRemoved };
}
