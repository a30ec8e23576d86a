import { CreateKeyCommand, GenerateDataKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import { describe, expect, it } from 'vitest';
import { expectAwsError } from '../kms/__tests__/helpers/sdk';
import { kmsQuotaFamily, QuotaModel, THROTTLING_MESSAGE } from '../shared/quotas';
import { SANDBOX_ADMIN_CREDENTIALS } from '../index';
import { sandboxClients } from './helpers/clients';

const ACCOUNT = '111122223333';

function fakeClock(start = 1_800_000_000_000) {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

describe('QuotaModel (token buckets per operation family, account and Region)', () => {
  it('records AWS figures: CreateKey 5/s, CreateGrant 50/s, symmetric crypto 50,000/s in us-east-1 and 5,500/s elsewhere', () => {
    expect(kmsQuotaFamily('CreateKey', 'us-east-1')).toEqual({ name: 'kms:CreateKey', awsRate: 5 });
    expect(kmsQuotaFamily('CreateGrant', 'us-east-1')?.awsRate).toBe(50);
    expect(kmsQuotaFamily('Decrypt', 'us-east-1')).toEqual({ name: 'kms:symmetric', awsRate: 50_000 });
    expect(kmsQuotaFamily('GenerateDataKey', 'eu-north-1')?.awsRate).toBe(5_500);
    expect(kmsQuotaFamily('Encrypt', 'eu-central-1')?.awsRate).toBe(10_000);
  });

  it('a burst over the limit is throttled with AWS\'s code, status and message; tokens refill at the documented rate', () => {
    const c = fakeClock();
    const q = new QuotaModel('aws', c.now);
    const call = { service: 'kms', operation: 'CreateKey', accountId: ACCOUNT, region: 'us-east-1' };
    for (let i = 0; i < 5; i++) q.charge(call);
    let err: unknown;
    try {
      q.charge(call);
    } catch (e) {
      err = e;
    }
    expect(err).toMatchObject({ code: 'ThrottlingException', status: 400 });
    expect((err as { awsMessage?: string }).awsMessage ?? (err as Error).message).toBe(THROTTLING_MESSAGE);
    c.advance(200); // 5/s: one token every 200 ms
    q.charge(call);
    expect(() => q.charge(call)).toThrow();
  });

  it('counts per account and per Region separately, and per family', () => {
    const c = fakeClock();
    const q = new QuotaModel('teaching', c.now);
    const base = { service: 'kms', operation: 'CreateKey', accountId: ACCOUNT, region: 'us-east-1' };
    q.charge(base);
    expect(() => q.charge(base)).toThrow();
    q.charge({ ...base, region: 'us-west-2' });
    q.charge({ ...base, accountId: '444455556666' });
    q.charge({ ...base, operation: 'Encrypt' });
  });

  it('teaching scale divides AWS figures by 1000 (at least one per second); off never throttles', () => {
    const c = fakeClock();
    const teaching = new QuotaModel('teaching', c.now);
    const call = { service: 'kms', operation: 'GenerateDataKey', accountId: ACCOUNT, region: 'us-east-1' };
    for (let i = 0; i < 50; i++) teaching.charge(call);
    expect(() => teaching.charge(call)).toThrow();
    const off = new QuotaModel('off', c.now);
    for (let i = 0; i < 10_000; i++) off.charge({ ...call, operation: 'CreateKey' });
    expect(teaching.usage().find((u) => u.family === 'kms:symmetric')).toMatchObject({ ratePerSecond: 50, allowed: 50, throttled: 1 });
  });
  it('a request counts when it arrived: a burst that waited in the engine\'s queue is still throttled', () => {
    const c = fakeClock();
    const q = new QuotaModel('teaching', c.now);
    const arrived = c.now();
    c.advance(5_000); // the one-at-a-time engine reaches the burst seconds later
    const call = { service: 'kms', operation: 'GenerateDataKey', accountId: ACCOUNT, region: 'us-east-1', at: arrived };
    for (let i = 0; i < 50; i++) q.charge(call);
    expect(() => q.charge(call)).toThrow(THROTTLING_MESSAGE);
    // An arrival stamped before the bucket's last update refills nothing (no time runs backwards)...
    expect(() => q.charge({ ...call, at: arrived - 1_000 })).toThrow(THROTTLING_MESSAGE);
    // ...and one stamped 100 ms later finds the 5 tokens a 50-per-second quota refills in that time.
    for (let i = 0; i < 5; i++) q.charge({ ...call, at: arrived + 100 });
    expect(() => q.charge({ ...call, at: arrived + 100 })).toThrow(THROTTLING_MESSAGE);
  });
});

describe('quotas through the real SDK', () => {
  it('the 51st GenerateDataKey within one teaching-scale second is ThrottlingException, recorded in the trail', async () => {
    const c = fakeClock();
    const { kms, sandbox } = await sandboxClients({ quotas: 'teaching', now: c.now });
    const { KeyMetadata } = await kms.send(new CreateKeyCommand({}));
    for (let i = 0; i < 50; i++) await kms.send(new GenerateDataKeyCommand({ KeyId: KeyMetadata!.KeyId, KeySpec: 'AES_256' }));
    await expectAwsError(
      kms.send(new GenerateDataKeyCommand({ KeyId: KeyMetadata!.KeyId, KeySpec: 'AES_256' })),
      'ThrottlingException',
      THROTTLING_MESSAGE,
    );
    expect((await sandbox.trail.events())[0]).toMatchObject({ eventName: 'GenerateDataKey', errorCode: 'ThrottlingException' });
    c.advance(100);
    await kms.send(new GenerateDataKeyCommand({ KeyId: KeyMetadata!.KeyId, KeySpec: 'AES_256' }));
  });

  it('the SDK\'s standard retry mode retries a throttled call (attempts counted in $metadata)', async () => {
    const c = fakeClock();
    const { sandbox } = await sandboxClients({ quotas: 'teaching', now: c.now });
    const kms = new KMSClient({
      region: 'us-east-1',
      credentials: SANDBOX_ADMIN_CREDENTIALS,
      requestHandler: sandbox.requestHandler,
      maxAttempts: 3,
      retryMode: 'standard',
    });
    await kms.send(new CreateKeyCommand({}));
    // The sandbox clock does not move, so every retry is throttled too: three attempts, then the error.
    const err = await expectAwsError(kms.send(new CreateKeyCommand({})), 'ThrottlingException', THROTTLING_MESSAGE);
    expect(err.$metadata.attempts).toBe(3);
  });

  it('createSandbox leaves quotas off unless asked', async () => {
    const { kms, sandbox } = await sandboxClients();
    expect(sandbox.quotas.getMode()).toBe('off');
    for (let i = 0; i < 8; i++) await kms.send(new CreateKeyCommand({}));
  });
});
