import { CreateKeyCommand, GenerateDataKeyCommand, type KMSClient } from '@aws-sdk/client-kms';
import type { ConnectionInfo, DemoPrincipal } from '../../../connection';

/**
 * The quotas lab's runs, made as the sandbox's administrator through the connection layer: a burst
 * of GenerateDataKey calls with one attempt each, the same burst with the SDK's standard retries,
 * and the same messages through the Encryption SDK with and without data key caching.
 */

const WHO: DemoPrincipal = 'lab-admin';

export function quotasAvailable(conn: ConnectionInfo): boolean {
  return conn.backend === 'sandbox' && conn.clients.kmsAs !== undefined && conn.clients.kmsRetrying !== undefined && conn.sandbox?.quotas !== undefined;
}

async function oneAttempt(conn: ConnectionInfo): Promise<KMSClient> {
  if (!conn.clients.kmsAs) throw new Error('The quotas lab needs the sandbox backend.');
  return conn.clients.kmsAs(WHO);
}

async function retrying(conn: ConnectionInfo): Promise<KMSClient> {
  if (!conn.clients.kmsRetrying) throw new Error('The quotas lab needs the sandbox backend.');
  return conn.clients.kmsRetrying(WHO);
}

/** The lab's own symmetric key. */
export async function createBurstKey(conn: ConnectionInfo): Promise<{ keyId: string; keyArn: string }> {
  const kms = await oneAttempt(conn);
  const md = (await kms.send(new CreateKeyCommand({ Description: 'Quotas lab: burst target' }))).KeyMetadata!;
  return { keyId: md.KeyId!, keyArn: md.Arn! };
}

export interface BurstResult {
  calls: number;
  succeeded: number;
  throttled: number;
  /** Other failures (not throttling), by error name. */
  otherErrors: Record<string, number>;
  /** HTTP requests sent in all (the SDK's $metadata.attempts summed). */
  httpRequests: number;
  /** Calls that needed more than one attempt. */
  retriedCalls: number;
  /** AWS's message on a throttled call, as received. */
  throttlingMessage?: string;
}

type Meta = { $metadata?: { attempts?: number } };

/** `calls` GenerateDataKey calls at once; the data keys are zeroed as soon as they arrive. */
export async function burst(conn: ConnectionInfo, keyId: string, calls: number, withRetries: boolean): Promise<BurstResult> {
  const kms = withRetries ? await retrying(conn) : await oneAttempt(conn);
  const settled = await Promise.allSettled(
    Array.from({ length: calls }, () => kms.send(new GenerateDataKeyCommand({ KeyId: keyId, KeySpec: 'AES_256' }))),
  );
  const out: BurstResult = { calls, succeeded: 0, throttled: 0, otherErrors: {}, httpRequests: 0, retriedCalls: 0 };
  for (const r of settled) {
    const attempts = (r.status === 'fulfilled' ? (r.value as Meta) : (r.reason as Meta)).$metadata?.attempts ?? 1;
    out.httpRequests += attempts;
    if (attempts > 1) out.retriedCalls++;
    if (r.status === 'fulfilled') {
      out.succeeded++;
      r.value.Plaintext?.fill(0);
    } else {
      const err = r.reason as { name?: string; message?: string };
      if (err.name === 'ThrottlingException') {
        out.throttled++;
        out.throttlingMessage ??= err.message;
      } else {
        const name = err.name ?? 'Error';
        out.otherErrors[name] = (out.otherErrors[name] ?? 0) + 1;
      }
    }
  }
  return out;
}

export interface CachingResult {
  messages: number;
  encrypted: number;
  throttled: number;
  /** GenerateDataKey calls the Encryption SDK made. */
  generateDataKeyCalls: number;
}

/**
 * `messages` small messages through the Encryption SDK (loaded on demand), one after another, with
 * the KMS keyring alone or behind a caching materials manager that reuses one data key for up to
 * `messages` messages within a minute.
 */
export async function encryptMessages(conn: ConnectionInfo, keyArn: string, messages: number, cached: boolean): Promise<CachingResult> {
  const { esdkSession } = await import('../../envelope/lib/esdk-side');
  const kms = await oneAttempt(conn);
  const session = esdkSession(kms, keyArn, cached ? { maxAgeMs: 60_000, maxMessages: messages } : undefined);
  const out: CachingResult = { messages, encrypted: 0, throttled: 0, generateDataKeyCalls: 0 };
  const body = new TextEncoder().encode('order line');
  for (let i = 0; i < messages; i++) {
    try {
      await session.encrypt(body, { purpose: 'quotas-lab' });
      out.encrypted++;
    } catch (e) {
      const err = e as { name?: string; message?: string };
      if (err.name === 'ThrottlingException' || /exceeded the rate/.test(err.message ?? '')) out.throttled++;
      else throw e;
    }
  }
  out.generateDataKeyCalls = session.counter.GenerateDataKey;
  return out;
}
