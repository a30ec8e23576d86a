/**
 * The S3 SSE lab's live steps, free of React so that the same code runs in the page and in the
 * Vitest tests against the real sandbox and moto. Every figure the panel shows comes from a call's
 * response, the KMS audit trail (LookupEvents) or the sandbox's raw-storage view; nothing is typed in.
 */
import {
  CopyObjectCommand,
  CreateBucketCommand,
  DeleteBucketPolicyCommand,
  DeleteObjectsCommand,
  GetBucketEncryptionCommand,
  GetObjectCommand,
  PutBucketEncryptionCommand,
  PutBucketPolicyCommand,
  PutObjectCommand,
  type PutObjectCommandInput,
  type S3Client,
  type ServerSideEncryptionConfiguration,
} from '@aws-sdk/client-s3';
import { CreateKeyCommand, DecryptCommand, GenerateDataKeyCommand, type KMSClient } from '@aws-sdk/client-kms';
import { LookupEventsCommand, type CloudTrailClient } from '@aws-sdk/client-cloudtrail';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { HttpRequest } from '@smithy/protocol-http';
import type { BackendKind, StoredObjectView } from '../../../connection/types';
import { LAB_OWNER_TAG } from '../../../api/lab-tags';
import { toBase64, toHex } from '../../../lib/bytes';
import { LAB_OBJECT_TEXT, MODE_IDS, type ModeId } from './modes';

/** Where and as whom the lab runs (built by the panel from the connection, by tests directly). */
export interface SseEnv {
  backend: BackendKind;
  /** Object calls. On the sandbox: the administrator (own bucket); elsewhere: the learner's client. */
  s3: S3Client;
  kms: KMSClient;
  cloudtrail: CloudTrailClient;
  bucket: string;
  /** '' in the lab's own bucket; `<identity id>/` in the shared lab bucket on AWS. */
  prefix: string;
  /** True when the lab may change bucket-level settings (its own bucket on the sandbox or an endpoint). */
  ownBucket: boolean;
  /** The backend's clock (the sandbox's simulated time), epoch ms. */
  now(): number;
  identityId?: string;
  /** Sandbox only: what S3 stores for an object. */
  inspect?(bucket: string, key: string): Promise<StoredObjectView | undefined>;
}

/** An AWS error as the table shows it: code, HTTP status and S3's message, verbatim. */
export interface CallError {
  name: string;
  status?: number;
  message: string;
}

export function callError(e: unknown): CallError {
  const err = e as { name?: unknown; message?: unknown; $metadata?: { httpStatusCode?: number } };
  return {
    name: typeof err?.name === 'string' ? err.name : 'Error',
    status: err?.$metadata?.httpStatusCode,
    message: typeof err?.message === 'string' ? err.message : String(e),
  };
}

/** One KMS call in the audit trail, as the table counts it. */
export interface KmsCall {
  eventName: string;
  /** 's3.amazonaws.com' when S3 made the call for the requester; absent when the page called KMS itself. */
  invokedBy?: string;
  /** The aws:s3:arn in the encryption context: the object ARN, or the bucket ARN with a bucket key. */
  s3Arn?: string;
  keyArn?: string;
}

/** The KMS events LookupEvents returns since `since` (the trail's clock), newest first. */
export async function kmsEventsSince(cloudtrail: CloudTrailClient, since: number): Promise<(KmsCall & { id: string })[]> {
  const out: (KmsCall & { id: string })[] = [];
  let token: string | undefined;
  for (let page = 0; page < 20; page++) {
    const res = await cloudtrail.send(
      new LookupEventsCommand({
        StartTime: new Date(since),
        LookupAttributes: [{ AttributeKey: 'EventSource', AttributeValue: 'kms.amazonaws.com' }],
        MaxResults: 50,
        NextToken: token,
      }),
    );
    for (const ev of res.Events ?? []) {
      const parsed = parseEvent(ev.CloudTrailEvent);
      out.push({
        id: ev.EventId ?? `${ev.EventName}-${out.length}`,
        eventName: ev.EventName ?? '?',
        invokedBy: parsed.invokedBy,
        s3Arn: parsed.s3Arn,
        keyArn: ev.Resources?.find((r) => r.ResourceType === 'AWS::KMS::Key')?.ResourceName,
      });
    }
    token = res.NextToken;
    if (!token) break;
  }
  return out;
}

function parseEvent(json: string | undefined): { invokedBy?: string; s3Arn?: string } {
  if (!json) return {};
  try {
    const ev = JSON.parse(json) as { userIdentity?: { invokedBy?: unknown }; requestParameters?: { encryptionContext?: Record<string, unknown> } | null };
    const invokedBy = typeof ev.userIdentity?.invokedBy === 'string' ? ev.userIdentity.invokedBy : undefined;
    const arn = ev.requestParameters?.encryptionContext?.['aws:s3:arn'];
    return { invokedBy, s3Arn: typeof arn === 'string' ? arn : undefined };
  } catch {
    return {};
  }
}

/**
 * Runs `step` and returns the KMS calls that appeared in the trail meanwhile. On the sandbox the
 * trail is immediate; on AWS, CloudTrail delivers events minutes later, so the list is empty there
 * (the panel says so rather than show a zero as a fact).
 */
export async function withKmsCalls<T>(env: SseEnv, step: () => Promise<T>): Promise<{ value: T; kmsCalls: KmsCall[] | undefined }> {
  const since = env.now() - 60_000;
  // A backend without LookupEvents (some emulators) gives no count rather than a failed step.
  const before = await kmsEventsSince(env.cloudtrail, since).catch(() => undefined);
  const value = await step();
  if (!before) return { value, kmsCalls: undefined };
  const seen = new Set(before.map((e) => e.id));
  const after = await kmsEventsSince(env.cloudtrail, since).catch(() => undefined);
  if (!after) return { value, kmsCalls: undefined };
  const kmsCalls = after.filter((e) => !seen.has(e.id)).map(({ id: _id, ...call }) => call);
  return { value, kmsCalls: kmsCalls.reverse() };
}

export function objectKeyFor(env: Pick<SseEnv, 'prefix'>, mode: ModeId | string): string {
  return `${env.prefix}sse-lab/${mode}.txt`;
}

/** Random bytes from WebCrypto (the page's and Node's). */
export function randomBytes(n: number): Uint8Array {
  const b = new Uint8Array(n);
  globalThis.crypto.getRandomValues(b);
  return b;
}

/** A fresh SSE-C key: 32 random bytes, base64 as the SDK takes it. Kept in memory by the panel only. */
export function newCustomerKey(): string {
  const raw = randomBytes(32);
  const b64 = toBase64(raw);
  raw.fill(0);
  return b64;
}

/** Creates the lab's customer managed key, tagged for the learner (the guest policy keys on the tag). */
export async function createLabKey(env: SseEnv): Promise<string> {
  const out = await env.kms.send(
    new CreateKeyCommand({
      Description: 'kms-study-lab S3 SSE lab key (schedule its deletion on the Clean-up lab)',
      Tags: [{ TagKey: LAB_OWNER_TAG, TagValue: env.identityId ?? 'kms-study-lab' }],
    }),
  );
  const arn = out.KeyMetadata?.Arn;
  if (!arn) throw new Error('CreateKey returned no key ARN.');
  return arn;
}

/**
 * The lab's own bucket on the sandbox or an endpoint: created if missing. A new bucket blocks
 * SSE-C (S3's default since April 2026), and the lab leaves it so until the learner allows it.
 */
export async function ensureOwnBucket(env: SseEnv): Promise<void> {
  try {
    await env.s3.send(new CreateBucketCommand({ Bucket: env.bucket }));
  } catch (e) {
    if (callError(e).name !== 'BucketAlreadyOwnedByYou') throw e;
  }
}

/** PutBucketEncryption that keeps SSE-S3 as the default and sets whether SSE-C is blocked. */
export async function setSseCBlocked(env: SseEnv, blocked: boolean): Promise<void> {
  await putDefault(env, { SSEAlgorithm: 'AES256' }, false, blocked);
}

async function putDefault(env: SseEnv, rule: { SSEAlgorithm: 'AES256' | 'aws:kms' | 'aws:kms:dsse'; KMSMasterKeyID?: string }, bucketKey: boolean, blockSseC?: boolean) {
  const config: ServerSideEncryptionConfiguration = {
    Rules: [
      {
        ApplyServerSideEncryptionByDefault: rule,
        BucketKeyEnabled: bucketKey,
        ...(blockSseC === undefined ? {} : { BlockedEncryptionTypes: { EncryptionType: [blockSseC ? 'SSE-C' : 'NONE'] } }),
      },
    ],
  };
  await env.s3.send(new PutBucketEncryptionCommand({ Bucket: env.bucket, ServerSideEncryptionConfiguration: config }));
}

/** What a mode's upload returned, read back, cost in KMS calls, and left in storage. */
export interface ModeResult {
  mode: ModeId;
  key: string;
  /** The first bytes the page put on the wire as the body: plaintext for every server-side mode. */
  sentPreview: string;
  sentIsPlaintext: boolean;
  headers: Record<string, string>;
  /** Undefined when the backend has no LookupEvents to count them from. */
  kmsCallsOnPut: KmsCall[] | undefined;
  /** Whether a GET (with what the mode needs) gave back the original text, and its KMS calls. */
  readBack?: { same: boolean; kmsCalls: KmsCall[] | undefined; error?: CallError };
  raw?: RawSummary;
  error?: CallError;
}

export interface RawSummary {
  mode: string;
  storedBytes: number;
  storedHex: string;
  plaintextVisible: boolean;
  layers: number;
  kmsKeyArn?: string;
  bucketKey: boolean;
  kmsBlobBytes?: number;
  wrappedKeyBytes?: number;
  context?: Record<string, string>;
  customerKeyMd5?: string;
  metadata: Record<string, string>;
}

/** The envelope the client-side mode keeps in the object's metadata (stored in clear, as all metadata is). */
interface ClientEnvelope {
  wrappedKey: Uint8Array;
  iv: Uint8Array;
}

const CLIENT_CONTEXT = { purpose: 'kms-study-lab-sse-client-side' };

/** WebCrypto's types want ArrayBuffer-backed views; the SDK's and ours are, so this only narrows the type (no copy of key bytes). */
const bs = (u: Uint8Array): Uint8Array<ArrayBuffer> => u as Uint8Array<ArrayBuffer>;

function fromBase64(b64: string): Uint8Array {
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** Client-side encryption in the page: GenerateDataKey, AES-256-GCM locally, zero the plaintext key. */
async function encryptClientSide(env: SseEnv, keyArn: string, plaintext: Uint8Array): Promise<{ body: Uint8Array; envelope: ClientEnvelope }> {
  const dk = await env.kms.send(new GenerateDataKeyCommand({ KeyId: keyArn, KeySpec: 'AES_256', EncryptionContext: CLIENT_CONTEXT }));
  if (!dk.Plaintext || !dk.CiphertextBlob) throw new Error('GenerateDataKey returned no key.');
  try {
    const key = await crypto.subtle.importKey('raw', bs(dk.Plaintext), 'AES-GCM', false, ['encrypt']);
    const iv = randomBytes(12);
    const body = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv: bs(iv) }, key, bs(plaintext)));
    return { body, envelope: { wrappedKey: dk.CiphertextBlob, iv } };
  } finally {
    dk.Plaintext.fill(0);
  }
}

async function decryptClientSide(env: SseEnv, body: Uint8Array, metadata: Record<string, string>): Promise<Uint8Array> {
  const wrapped = metadata['wrapped-key'];
  const iv = metadata['iv'];
  if (!wrapped || !iv) throw new Error('The object has no wrapped-key/iv metadata: is CORS exposing x-amz-meta-*?');
  const dk = await env.kms.send(new DecryptCommand({ CiphertextBlob: fromBase64(wrapped), EncryptionContext: CLIENT_CONTEXT }));
  if (!dk.Plaintext) throw new Error('Decrypt returned no key.');
  try {
    const key = await crypto.subtle.importKey('raw', bs(dk.Plaintext), 'AES-GCM', false, ['decrypt']);
    return new Uint8Array(await crypto.subtle.decrypt({ name: 'AES-GCM', iv: bs(fromBase64(iv)) }, key, bs(body)));
  } finally {
    dk.Plaintext.fill(0);
  }
}

function preview(bytes: Uint8Array): { text: string; plaintext: boolean } {
  const head = bytes.slice(0, 24);
  const asText = new TextDecoder('utf-8', { fatal: false }).decode(head);
  const plaintext = LAB_OBJECT_TEXT.startsWith(asText);
  return { text: plaintext ? `"${asText}…"` : `${toHex(head)} …`, plaintext };
}

/** The request for one mode (client-side: the body is already ciphertext). */
function putInput(env: SseEnv, mode: ModeId, keyArn: string, customerKey: string, body: Uint8Array): PutObjectCommandInput {
  const base = { Bucket: env.bucket, Key: objectKeyFor(env, mode), Body: body, ContentType: 'text/plain' };
  switch (mode) {
    case 'sse-s3':
      return { ...base, ServerSideEncryption: 'AES256' };
    case 'sse-kms':
      // BucketKeyEnabled: false, so a bucket whose default turns bucket keys on cannot change this row.
      return { ...base, ServerSideEncryption: 'aws:kms', SSEKMSKeyId: keyArn, BucketKeyEnabled: false };
    case 'sse-kms-bucket-key':
      return { ...base, ServerSideEncryption: 'aws:kms', SSEKMSKeyId: keyArn, BucketKeyEnabled: true };
    case 'dsse-kms':
      return { ...base, ServerSideEncryption: 'aws:kms:dsse', SSEKMSKeyId: keyArn };
    case 'sse-c':
      return { ...base, SSECustomerAlgorithm: 'AES256', SSECustomerKey: customerKey };
    case 'client-side':
      return { ...base, ContentType: 'application/octet-stream' };
  }
}

function responseHeaders(out: Record<string, unknown>): Record<string, string> {
  const names = ['ServerSideEncryption', 'SSEKMSKeyId', 'BucketKeyEnabled', 'SSECustomerAlgorithm', 'SSECustomerKeyMD5', 'ETag'] as const;
  const headers: Record<string, string> = {};
  for (const n of names) if (out[n] !== undefined) headers[n] = String(out[n]);
  return headers;
}

/** Uploads the lab object under one mode, reads it back as a reader of that mode would, and inspects storage. */
export async function uploadMode(env: SseEnv, mode: ModeId, keyArn: string, customerKey: string): Promise<ModeResult> {
  const key = objectKeyFor(env, mode);
  const plaintext = new TextEncoder().encode(LAB_OBJECT_TEXT);
  let body: Uint8Array = plaintext;
  let envelope: ClientEnvelope | undefined;
  try {
    const put = await withKmsCalls(env, async () => {
      if (mode === 'client-side') {
        const enc = await encryptClientSide(env, keyArn, plaintext);
        body = enc.body;
        envelope = enc.envelope;
      }
      const input = putInput(env, mode, keyArn, customerKey, body);
      if (envelope) input.Metadata = { 'wrapped-key': toBase64(envelope.wrappedKey), iv: toBase64(envelope.iv), 'kms-key-id': keyArn };
      return env.s3.send(new PutObjectCommand(input));
    });
    const sent = preview(body);
    const result: ModeResult = {
      mode,
      key,
      sentPreview: sent.text,
      sentIsPlaintext: sent.plaintext,
      headers: responseHeaders(put.value as unknown as Record<string, unknown>),
      kmsCallsOnPut: put.kmsCalls,
    };
    result.readBack = await readBack(env, mode, key, customerKey).catch((e: unknown) => ({ same: false, kmsCalls: [], error: callError(e) }));
    result.raw = await rawSummary(env, key);
    return result;
  } catch (e) {
    const sent = preview(body);
    return { mode, key, sentPreview: sent.text, sentIsPlaintext: sent.plaintext, headers: {}, kmsCallsOnPut: [], error: callError(e) };
  }
}

async function readBack(env: SseEnv, mode: ModeId, key: string, customerKey: string): Promise<{ same: boolean; kmsCalls: KmsCall[] | undefined }> {
  const got = await withKmsCalls(env, async () => {
    const out = await env.s3.send(
      new GetObjectCommand({ Bucket: env.bucket, Key: key, ...(mode === 'sse-c' ? { SSECustomerAlgorithm: 'AES256', SSECustomerKey: customerKey } : {}) }),
    );
    const bytes = await out.Body!.transformToByteArray();
    return mode === 'client-side' ? decryptClientSide(env, bytes, out.Metadata ?? {}) : bytes;
  });
  return { same: new TextDecoder().decode(got.value) === LAB_OBJECT_TEXT, kmsCalls: got.kmsCalls };
}

/** The raw-storage view, summarised for the table (sandbox only; undefined elsewhere). */
export async function rawSummary(env: SseEnv, key: string): Promise<RawSummary | undefined> {
  if (!env.inspect) return undefined;
  const v = await env.inspect(env.bucket, key);
  if (!v) return undefined;
  const stored = v.pieces[0]?.ciphertext ?? new Uint8Array(0);
  const text = new TextDecoder('utf-8', { fatal: false }).decode(stored);
  return {
    mode: v.mode,
    storedBytes: v.pieces.reduce((n, p) => n + p.storedBytes, 0),
    storedHex: `${toHex(stored.slice(0, 16))} …`,
    plaintextVisible: text.includes(LAB_OBJECT_TEXT.slice(0, 20)),
    layers: v.layers,
    kmsKeyArn: v.kmsKeyArn,
    bucketKey: v.bucketKey,
    kmsBlobBytes: v.kmsCiphertextBlob?.length,
    wrappedKeyBytes: v.wrappedDataKey?.length,
    context: v.encryptionContext,
    customerKeyMd5: v.customerKeyMd5,
    metadata: v.metadata,
  };
}

/** Every mode in turn (in order, so that each row's KMS calls are its own). */
export async function uploadAllModes(env: SseEnv, keyArn: string, customerKey: string, onRow?: (r: ModeResult) => void): Promise<ModeResult[]> {
  const rows: ModeResult[] = [];
  for (const mode of MODE_IDS) {
    const r = await uploadMode(env, mode, keyArn, customerKey);
    rows.push(r);
    onRow?.(r);
  }
  return rows;
}

/** One SSE-C attempt and how it ended. */
export interface Attempt {
  label: string;
  ok: boolean;
  error?: CallError;
  /** On success: what came back (the copy's mode). */
  detail?: string;
}

async function attempt(label: string, run: () => Promise<string | undefined>): Promise<Attempt> {
  try {
    const detail = await run();
    return { label, ok: true, ...(detail ? { detail } : {}) };
  } catch (e) {
    return { label, ok: false, error: callError(e) };
  }
}

/**
 * SSE-C read without the key, with another key, copied without the copy-source key, then copied
 * with it (the copy's own mode comes from the copy request or the bucket default, never the source).
 */
export async function sseCAttempts(env: SseEnv, customerKey: string): Promise<Attempt[]> {
  const Key = objectKeyFor(env, 'sse-c');
  const Bucket = env.bucket;
  const get = (extra: Partial<{ SSECustomerAlgorithm: string; SSECustomerKey: string }>) => async () => {
    const out = await env.s3.send(new GetObjectCommand({ Bucket, Key, ...extra }));
    await out.Body?.transformToByteArray();
    return 'read';
  };
  const CopySource = `${Bucket}/${Key}`.split('/').map(encodeURIComponent).join('/');
  const copyKey = objectKeyFor(env, 'sse-c-copy');
  return [
    await attempt('GetObject without the key', get({})),
    await attempt('GetObject with another 256-bit key', get({ SSECustomerAlgorithm: 'AES256', SSECustomerKey: newCustomerKey() })),
    await attempt('CopyObject without the copy-source key', async () => {
      await env.s3.send(new CopyObjectCommand({ Bucket, Key: copyKey, CopySource }));
      return undefined;
    }),
    await attempt('CopyObject with CopySourceSSECustomerKey', async () => {
      const out = await env.s3.send(
        new CopyObjectCommand({ Bucket, Key: copyKey, CopySource, CopySourceSSECustomerAlgorithm: 'AES256', CopySourceSSECustomerKey: customerKey }),
      );
      return `the copy is stored as ${out.ServerSideEncryption ?? out.SSECustomerAlgorithm ?? 'unknown'}`;
    }),
    await attempt('GetObject with the right key', get({ SSECustomerAlgorithm: 'AES256', SSECustomerKey: customerKey })),
  ];
}

/** The bucket policy that refuses PutObject unless the request asks for SSE-KMS. */
export function denyWithoutKmsPolicy(bucket: string): string {
  return JSON.stringify(
    {
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'DenyUploadsWithoutSseKms',
          Effect: 'Deny',
          Principal: '*',
          Action: 's3:PutObject',
          Resource: `arn:aws:s3:::${bucket}/*`,
          // StringNotEquals is true when the header is absent too, so a plain PUT is refused.
          Condition: { StringNotEquals: { 's3:x-amz-server-side-encryption': 'aws:kms' } },
        },
      ],
    },
    null,
    2,
  );
}

/** The bucket policy that refuses every request made over plain HTTP. */
export function denyPlainHttpPolicy(bucket: string): string {
  return JSON.stringify(
    {
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'DenyPlainHttp',
          Effect: 'Deny',
          Principal: '*',
          Action: 's3:*',
          Resource: [`arn:aws:s3:::${bucket}`, `arn:aws:s3:::${bucket}/*`],
          Condition: { Bool: { 'aws:SecureTransport': 'false' } },
        },
      ],
    },
    null,
    2,
  );
}

/** Applies the SSE-KMS-only policy, tries a plain and an SSE-KMS upload, then removes the policy. */
export async function tryKmsOnlyPolicy(env: SseEnv, keyArn: string): Promise<Attempt[]> {
  const Bucket = env.bucket;
  await env.s3.send(new PutBucketPolicyCommand({ Bucket, Policy: denyWithoutKmsPolicy(Bucket) }));
  try {
    const body = new TextEncoder().encode(LAB_OBJECT_TEXT);
    return [
      await attempt('PutObject with no encryption header', async () => {
        await env.s3.send(new PutObjectCommand({ Bucket, Key: objectKeyFor(env, 'policy-plain'), Body: body }));
        return undefined;
      }),
      await attempt('PutObject with ServerSideEncryption: "AES256"', async () => {
        await env.s3.send(new PutObjectCommand({ Bucket, Key: objectKeyFor(env, 'policy-aes256'), Body: body, ServerSideEncryption: 'AES256' }));
        return undefined;
      }),
      await attempt('PutObject with ServerSideEncryption: "aws:kms"', async () => {
        const out = await env.s3.send(
          new PutObjectCommand({ Bucket, Key: objectKeyFor(env, 'policy-kms'), Body: body, ServerSideEncryption: 'aws:kms', SSEKMSKeyId: keyArn }),
        );
        return `stored as ${out.ServerSideEncryption}`;
      }),
    ];
  } finally {
    await env.s3.send(new DeleteBucketPolicyCommand({ Bucket }));
  }
}

/** Applies the HTTPS-only policy and makes one call from the page (which the sandbox treats as HTTPS), then removes it. */
export async function tryHttpsOnlyPolicyFromPage(env: SseEnv): Promise<Attempt> {
  const Bucket = env.bucket;
  await env.s3.send(new PutBucketPolicyCommand({ Bucket, Policy: denyPlainHttpPolicy(Bucket) }));
  try {
    return await attempt('PutObject from this page', async () => {
      await env.s3.send(new PutObjectCommand({ Bucket, Key: objectKeyFor(env, 'https-only'), Body: new TextEncoder().encode(LAB_OBJECT_TEXT) }));
      return 'accepted: aws:SecureTransport is true for this call';
    });
  } finally {
    await env.s3.send(new DeleteBucketPolicyCommand({ Bucket }));
  }
}

/**
 * The AWS CLI session that meets the HTTPS-only policy on `npm run sandbox` (plain HTTP on 4599,
 * HTTPS on the port given with --https-port). The test runs these exact commands.
 */
export function httpsOnlyCliCommands(bucket: string, httpUrl = 'http://127.0.0.1:4599', httpsUrl = 'https://127.0.0.1:4600'): { setup: string[][]; overHttp: string[]; overHttps: string[] } {
  const put = ['s3api', 'put-object', '--bucket', bucket, '--key', 'report.txt', '--body', 'report.txt'];
  return {
    setup: [
      ['--endpoint-url', httpsUrl, '--no-verify-ssl', 's3api', 'create-bucket', '--bucket', bucket],
      ['--endpoint-url', httpsUrl, '--no-verify-ssl', 's3api', 'put-bucket-policy', '--bucket', bucket, '--policy', 'file://https-only.json'],
    ],
    overHttp: ['--endpoint-url', httpUrl, ...put],
    overHttps: ['--endpoint-url', httpsUrl, '--no-verify-ssl', ...put],
  };
}

/** A command line as a learner would type it (arguments with spaces or JSON quoted). */
export function shellLine(args: readonly string[]): string {
  return ['aws', ...args.map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`))].join(' ');
}

/** A presigned GET for the SSE-S3 object, then opened through the backend's own HTTP handler (fetch on AWS). */
export async function presignAndOpen(env: SseEnv, expiresIn = 300): Promise<{ url: string; status: number; body: string; expiresIn: number }> {
  const key = objectKeyFor(env, 'sse-s3');
  const url = await getSignedUrl(env.s3, new GetObjectCommand({ Bucket: env.bucket, Key: key }), { expiresIn });
  return { url, ...(await openUrl(env, url)), expiresIn };
}

/**
 * Opens a URL with a plain GET and no credentials: the signature in the query string is the only
 * authority. It goes through the S3 client's own HTTP handler, which is fetch on AWS and an
 * endpoint, and the in-page engine on the sandbox (whose S3 has no network address to fetch).
 */
export async function openUrl(env: Pick<SseEnv, 's3'>, url: string): Promise<{ status: number; body: string }> {
  const u = new URL(url);
  const query: Record<string, string> = {};
  u.searchParams.forEach((v, k) => (query[k] = v));
  const request = new HttpRequest({
    method: 'GET',
    protocol: u.protocol,
    hostname: u.hostname,
    port: u.port ? Number(u.port) : undefined,
    path: u.pathname,
    query,
    headers: { host: u.host },
  });
  const { response } = await env.s3.config.requestHandler.handle(request);
  const body = await new Response(response.body as BodyInit).text();
  return { status: response.statusCode, body };
}

/** The bucket's default encryption as GetBucketEncryption reports it. */
export async function bucketDefault(env: SseEnv): Promise<string> {
  const out = await env.s3.send(new GetBucketEncryptionCommand({ Bucket: env.bucket }));
  const rule = out.ServerSideEncryptionConfiguration?.Rules?.[0];
  const d = rule?.ApplyServerSideEncryptionByDefault;
  const parts = [d?.SSEAlgorithm ?? 'none'];
  if (d?.KMSMasterKeyID) parts.push(`key ${d.KMSMasterKeyID}`);
  if (rule?.BucketKeyEnabled) parts.push('bucket key on');
  const blocked = rule?.BlockedEncryptionTypes?.EncryptionType;
  if (blocked) parts.push(`blocked: ${blocked.join(', ')}`);
  return parts.join(', ');
}

/**
 * Bucket default encryption and a per-object override: with the default set to SSE-KMS (bucket key
 * on), a PUT with no header inherits it and a PUT asking for AES256 keeps AES256. Afterwards the
 * default goes back to SSE-S3 (the SSE-C block is left as it was: omitting it changes nothing).
 */
export async function defaultAndOverride(env: SseEnv, keyArn: string): Promise<{ defaultRule: string; inherited: Record<string, string>; overridden: Record<string, string> }> {
  if (env.ownBucket) await putDefault(env, { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: keyArn }, true);
  try {
    const defaultRule = await bucketDefault(env);
    const body = new TextEncoder().encode(LAB_OBJECT_TEXT);
    const a = await env.s3.send(new PutObjectCommand({ Bucket: env.bucket, Key: objectKeyFor(env, 'default-inherited'), Body: body }));
    const b = await env.s3.send(new PutObjectCommand({ Bucket: env.bucket, Key: objectKeyFor(env, 'default-overridden'), Body: body, ServerSideEncryption: 'AES256' }));
    return {
      defaultRule,
      inherited: responseHeaders(a as unknown as Record<string, unknown>),
      overridden: responseHeaders(b as unknown as Record<string, unknown>),
    };
  } finally {
    if (env.ownBucket) await putDefault(env, { SSEAlgorithm: 'AES256' }, false);
  }
}

/**
 * Counts the KMS calls S3 made for `n` SSE-KMS uploads with or without a bucket key (the predict
 * question and the panel), then deletes the uploaded objects.
 */
export async function countKmsForUploads(env: SseEnv, keyArn: string, n: number, bucketKey: boolean): Promise<number> {
  const run = `${bucketKey ? 'bk' : 'nobk'}-${toHex(randomBytes(4), '')}`;
  const keys: string[] = [];
  try {
    const { kmsCalls } = await withKmsCalls(env, async () => {
      for (let i = 0; i < n; i++) {
        const Key = `${env.prefix}sse-lab/count/${run}/${i}.txt`;
        await env.s3.send(
          new PutObjectCommand({ Bucket: env.bucket, Key, Body: new TextEncoder().encode(`${i}`), ServerSideEncryption: 'aws:kms', SSEKMSKeyId: keyArn, BucketKeyEnabled: bucketKey }),
        );
        keys.push(Key);
      }
    });
    // The key may be given as an id or an ARN; the trail names it by ARN.
    if (!kmsCalls) throw Object.assign(new Error('This backend has no CloudTrail LookupEvents to count KMS calls from.'), { name: 'NoTrail' });
    return kmsCalls.filter((c) => c.invokedBy === 's3.amazonaws.com' && (c.keyArn === undefined || c.keyArn === keyArn || c.keyArn.endsWith(`/${keyArn}`))).length;
  } finally {
    if (keys.length > 0) {
      await env.s3.send(new DeleteObjectsCommand({ Bucket: env.bucket, Delete: { Objects: keys.map((Key) => ({ Key })), Quiet: true } })).catch(() => undefined);
    }
  }
}
