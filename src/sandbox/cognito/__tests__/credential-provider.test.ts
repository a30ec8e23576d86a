import { fromCognitoIdentityPool } from '@aws-sdk/credential-providers';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createSandbox } from '../../index';

const LAB_POOL = 'us-east-1:1ab0a7e5-5a4d-4b0c-9d1e-111122223333';

/** A fresh identity-id cache per test (the provider's default one is shared by the whole process). */
function freshCache() {
  const m = new Map<string, string>();
  return {
    getItem: (k: string) => m.get(k) ?? null,
    setItem: (k: string, v: string) => void m.set(k, v),
    removeItem: (k: string) => void m.delete(k),
  };
}

describe('fromCognitoIdentityPool against the sandbox', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('gets guest credentials, and refreshes them after expiry without the caller noticing', async () => {
    // Only Date is faked: the SDK and the sandbox then share one wall clock that the test moves.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.UTC(2026, 10, 27, 12, 0, 0));
    const sandbox = await createSandbox({ now: () => Date.now(), signingClock: () => Date.now() });
    const credentials = fromCognitoIdentityPool({
      identityPoolId: LAB_POOL,
      cache: freshCache(),
      clientConfig: { region: 'us-east-1', requestHandler: sandbox.requestHandler },
    });
    const sts = new STSClient({ region: 'us-east-1', credentials, requestHandler: sandbox.requestHandler, maxAttempts: 1 });
    const count = async (name: string) => (await sandbox.trail.events()).filter((e) => e.eventName === name).length;

    const first = await sts.send(new GetCallerIdentityCommand({}));
    expect(first.Arn).toBe('arn:aws:sts::111122223333:assumed-role/KmsStudyLabGuestRole/CognitoIdentityCredentials');
    expect(await count('GetCredentialsForIdentity')).toBe(1);

    // Within the hour the same credentials are reused.
    vi.setSystemTime(Date.UTC(2026, 10, 27, 12, 30, 0));
    await sts.send(new GetCallerIdentityCommand({}));
    expect(await count('GetCredentialsForIdentity')).toBe(1);

    // Past expiry: the SDK asks Cognito again, for the same (cached) identity.
    vi.setSystemTime(Date.UTC(2026, 10, 27, 14, 0, 0));
    const later = await sts.send(new GetCallerIdentityCommand({}));
    expect(later.Arn).toBe(first.Arn);
    expect(await count('GetCredentialsForIdentity')).toBe(2);
    expect(await count('GetId')).toBe(1);
    const keys = (await sandbox.trail.events())
      .filter((e) => e.eventName === 'GetCallerIdentity')
      .map((e) => (e.userIdentity as { accessKeyId?: string }).accessKeyId);
    expect(new Set(keys).size).toBe(2);
  });

  it('old credentials are refused once expired (ExpiredTokenException on the wall clock)', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.UTC(2026, 10, 27, 12, 0, 0));
    const sandbox = await createSandbox({ now: () => Date.now(), signingClock: () => Date.now() });
    const creds = await fromCognitoIdentityPool({
      identityPoolId: LAB_POOL,
      cache: freshCache(),
      clientConfig: { region: 'us-east-1', requestHandler: sandbox.requestHandler },
    })();
    vi.setSystemTime(Date.UTC(2026, 10, 27, 13, 0, 1));
    // Static credentials: the SDK cannot refresh them, so the sandbox's verdict shows.
    const sts = new STSClient({
      region: 'us-east-1',
      credentials: { accessKeyId: creds.accessKeyId, secretAccessKey: creds.secretAccessKey, sessionToken: creds.sessionToken },
      requestHandler: sandbox.requestHandler,
      maxAttempts: 1,
    });
    const e = await sts.send(new GetCallerIdentityCommand({})).then(
      () => undefined,
      (x: { name: string }) => x,
    );
    expect(e?.name).toBe('ExpiredToken');
  });
});
