import { describe, expect, it, vi } from 'vitest';
import { DecryptCommand, DescribeKeyCommand, EnableKeyCommand, EncryptCommand } from '@aws-sdk/client-kms';
import { LookupEventsCommand } from '@aws-sdk/client-cloudtrail';
import { sandboxClients } from './helpers/clients';

vi.mock('../kms/index', async () => ({ kmsService: (await import('./helpers/fake-kms')).fakeKmsService }));

describe('end-to-end path through the real SDK clients', () => {
  it('round-trips blobs and dates and reads the trail', async () => {
    const { kms, cloudtrail } = await sandboxClients({ now: () => Date.UTC(2026, 0, 2, 3, 4, 5, 678) });
    const enc = await kms.send(new EncryptCommand({ KeyId: 'k1', Plaintext: new TextEncoder().encode('hello') }));
    expect(enc.CiphertextBlob).toBeInstanceOf(Uint8Array);
    const dec = await kms.send(new DecryptCommand({ CiphertextBlob: enc.CiphertextBlob }));
    expect(new TextDecoder().decode(dec.Plaintext)).toBe('hello');
    const d = await kms.send(new DescribeKeyCommand({ KeyId: 'k1' }));
    expect(d.KeyMetadata!.CreationDate!.toISOString()).toBe('2026-01-02T03:04:05.678Z');
    const e = await kms.send(new EnableKeyCommand({ KeyId: 'k1' }));
    expect(e.$metadata.httpStatusCode).toBe(200);
    const trail = await cloudtrail.send(new LookupEventsCommand({}));
    expect(trail.Events!.map((x) => x.EventName)).toEqual(['EnableKey', 'DescribeKey', 'Decrypt', 'Encrypt']);
  });
});
