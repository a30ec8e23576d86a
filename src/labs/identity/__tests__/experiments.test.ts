import { beforeAll, describe, expect, it } from 'vitest';
import { CognitoIdentityClient } from '@aws-sdk/client-cognito-identity';
import { KMSClient, ListKeysCommand } from '@aws-sdk/client-kms';
import { STSClient } from '@aws-sdk/client-sts';
import { createSandbox, SANDBOX_ADMIN_CREDENTIALS, type Sandbox } from '../../../sandbox';
import { SANDBOX_GUEST_ROLE_ARN, SANDBOX_IDENTITY_POOL_ID } from '../../../connection/settings';
import type { ConnectionInfo } from '../../../connection/types';
import { assumeRoleDefaultDuration, assumeRoleForTwoHours, createKeyWithEnhancedFlow, lifetimeLabel } from '../experiments';

// What the Identity experiments observe on the real sandbox, beyond the option they land on
// (src/study/__tests__/experiments-*.test.ts check that): the refusal's wording as AWS gives it,
// and a setup failure (not a graded answer) where the backend has no identity pool.

function connection(sandbox: Sandbox, withPool: boolean): ConnectionInfo {
  const common = { region: 'us-east-1', requestHandler: sandbox.requestHandler, maxAttempts: 1 };
  const unsigned = () => Promise.reject(new Error('the Cognito flow is unsigned'));
  const unused = () => Promise.reject(new Error('not used'));
  const admin = new KMSClient({ ...common, credentials: SANDBOX_ADMIN_CREDENTIALS });
  return {
    backend: 'sandbox',
    region: 'us-east-1',
    keyPrefix: ['sandbox', '111122223333', 'us-east-1', 'test'],
    ...(withPool ? { guestPool: { identityPoolId: SANDBOX_IDENTITY_POOL_ID, roleArn: SANDBOX_GUEST_ROLE_ARN } } : {}),
    clients: {
      kms: () => Promise.resolve(admin),
      s3: unused,
      cloudtrail: unused,
      cognito: () => Promise.resolve(new CognitoIdentityClient({ ...common, credentials: unsigned })),
      sts: () => Promise.resolve(new STSClient({ ...common, credentials: unsigned })),
      kmsWith: (credentials) => Promise.resolve(new KMSClient({ ...common, credentials })),
    },
  };
}

describe('the Identity experiments on the sandbox', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await createSandbox();
  });

  it('CreateKey with enhanced-flow credentials: refused by the session policy, in AWS\'s words, and no key made', async () => {
    const outcome = await createKeyWithEnhancedFlow(connection(sandbox, true));
    expect(outcome).toMatchObject({ kind: 'error', name: 'AccessDeniedException' });
    const message = outcome.kind === 'error' ? (outcome.message ?? '') : '';
    expect(message).toMatch(
      /^User: arn:aws:sts::111122223333:assumed-role\/KmsStudyLabGuestRole\/CognitoIdentityCredentials is not authorized to perform: kms:CreateKey on resource: .+ because no session policy allows the kms:CreateKey action$/,
    );
    const admin = await connection(sandbox, true).clients.kms();
    expect((await admin.send(new ListKeysCommand({}))).Keys ?? []).toEqual([]);
  });

  it('DurationSeconds above the guest role\'s one-hour maximum: ValidationError with STS\'s message', async () => {
    const outcome = await assumeRoleForTwoHours(connection(sandbox, true));
    expect(outcome).toEqual({
      kind: 'error',
      name: 'ValidationError',
      message: 'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.',
    });
  });

  it('no DurationSeconds: one hour, with the expiry as the detail', async () => {
    const outcome = await assumeRoleDefaultDuration(connection(sandbox, true));
    expect(outcome).toMatchObject({ kind: 'success', value: '1-hour' });
    expect(outcome.kind === 'success' && outcome.detail).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  it('a backend without an identity pool (static keys): a setup failure, never graded', async () => {
    for (const experiment of [createKeyWithEnhancedFlow, assumeRoleForTwoHours, assumeRoleDefaultDuration]) {
      const outcome = await experiment(connection(sandbox, false));
      expect(outcome).toMatchObject({ kind: 'error', setup: true });
    }
  });
});

describe('lifetimeLabel', () => {
  const now = Date.UTC(2026, 11, 4, 12, 0, 0);
  const at = (seconds: number) => new Date(now + seconds * 1000);

  it('names the lifetimes the options offer, allowing for some clock difference', () => {
    expect(lifetimeLabel(at(3600), now)).toBe('1-hour');
    expect(lifetimeLabel(at(3600 - 200), now)).toBe('1-hour');
    expect(lifetimeLabel(at(7200 + 250), now)).toBe('2-hours');
    expect(lifetimeLabel(at(900), now)).toBe('15-minutes');
    expect(lifetimeLabel(at(600), now)).toBe('10-minutes');
    expect(lifetimeLabel(at(43200), now)).toBe('12-hours');
  });

  it('anything else in minutes, and a missing expiry said so', () => {
    expect(lifetimeLabel(at(750), now)).toBe('13-minutes');
    expect(lifetimeLabel(at(3600 + 900), now)).toBe('75-minutes');
    expect(lifetimeLabel(undefined, now)).toBe('no-expiry');
  });
});
