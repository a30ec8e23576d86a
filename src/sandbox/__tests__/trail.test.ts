import { describe, expect, it } from 'vitest';
import { GetIdCommand, GetOpenIdTokenCommand } from '@aws-sdk/client-cognito-identity';
import { AssumeRoleWithWebIdentityCommand } from '@aws-sdk/client-sts';
import { KMSClient, ListKeysCommand } from '@aws-sdk/client-kms';
import { LookupEventsCommand } from '@aws-sdk/client-cloudtrail';
import { sandboxClients } from './helpers/clients';
import { LAB_GUEST_ROLE_ARN, LAB_POOL_ID } from '../index';
import { defaultRequestParameters, userIdentityOf } from '../shared/trail';

describe('trail records for a Cognito guest (basic flow)', () => {
  it('GetId has no principal; the guest session is an AssumedRole with webIdFederationData; no token or secret anywhere', async () => {
    const { sandbox, cognito, sts, cloudtrail } = await sandboxClients();
    const { IdentityId } = await cognito.send(new GetIdCommand({ IdentityPoolId: LAB_POOL_ID }));
    const { Token } = await cognito.send(new GetOpenIdTokenCommand({ IdentityId }));
    const assumed = await sts.send(
      new AssumeRoleWithWebIdentityCommand({ RoleArn: LAB_GUEST_ROLE_ARN, RoleSessionName: 'learner', WebIdentityToken: Token }),
    );
    const c = assumed.Credentials!;
    const guestKms = new KMSClient({
      region: 'us-east-1',
      credentials: { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken },
      requestHandler: sandbox.requestHandler,
      maxAttempts: 1,
    });
    await guestKms.send(new ListKeysCommand({})).catch(() => undefined);

    const { Events } = await cloudtrail.send(new LookupEventsCommand({}));
    const records = Events!.map((e) => JSON.parse(e.CloudTrailEvent!));
    const byName = (n: string) => records.find((r) => r.eventName === n);
    expect(byName('GetId').userIdentity).toMatchObject({ type: 'Unknown', accountId: '111122223333' });
    expect(byName('GetId').eventSource).toBe('cognito-identity.amazonaws.com');
    expect(byName('AssumeRoleWithWebIdentity').eventSource).toBe('sts.amazonaws.com');

    const guest = byName('ListKeys').userIdentity;
    expect(guest).toMatchObject({
      type: 'AssumedRole',
      principalId: expect.stringMatching(/^AROA[A-Z0-9]+:learner$/),
      arn: 'arn:aws:sts::111122223333:assumed-role/KmsStudyLabGuestRole/learner',
      accountId: '111122223333',
      accessKeyId: c.AccessKeyId,
      sessionContext: {
        sessionIssuer: { type: 'Role', arn: LAB_GUEST_ROLE_ARN, userName: 'KmsStudyLabGuestRole', accountId: '111122223333' },
        webIdFederationData: {
          federatedProvider: 'cognito-identity.amazonaws.com',
          attributes: {
            'cognito-identity.amazonaws.com:aud': LAB_POOL_ID,
            'cognito-identity.amazonaws.com:amr': '["unauthenticated"]',
            'cognito-identity.amazonaws.com:sub': IdentityId,
          },
        },
      },
    });
    expect(Events!.find((e) => e.EventName === 'ListKeys')!.Username).toBe('learner');
    expect(c.AccessKeyId).toMatch(/^ASIA/);

    const all = JSON.stringify(Events);
    expect(all).not.toContain(c.SecretAccessKey!);
    expect(all).not.toContain(c.SessionToken!);
    expect(all).not.toContain(Token!);
  });
});

describe('default requestParameters', () => {
  it('lower-cases member names but never the keys of an encryption context, and drops blobs and secrets', () => {
    expect(
      defaultRequestParameters({
        KeyId: 'k',
        Plaintext: new Uint8Array([1]),
        EncryptionContext: { Department: 'IT', 'aws:s3:arn': 'x' },
        Tags: [{ TagKey: 'Lab', TagValue: 'yes' }],
        WebIdentityToken: 'eyJ...',
        Logins: { 'accounts.google.com': 'secret-token' },
      }),
    ).toEqual({
      keyId: 'k',
      encryptionContext: { Department: 'IT', 'aws:s3:arn': 'x' },
      tags: [{ tagKey: 'Lab', tagValue: 'yes' }],
      logins: { 'accounts.google.com': 'HIDDEN_DUE_TO_SECURITY_REASONS' },
    });
    expect(defaultRequestParameters({})).toBeNull();
  });

  it('a call made by a service on the caller\u2019s behalf keeps the caller and adds invokedBy', () => {
    const u = userIdentityOf(
      { type: 'IAMUser', arn: 'arn:aws:iam::111122223333:user/lab-admin', accountId: '111122223333', principalId: 'AIDA1', userName: 'lab-admin', identityPolicies: [] },
      { accessKeyId: 'test', secretAccessKey: 'test', principal: {} as never },
      's3.amazonaws.com',
    );
    expect(u).toEqual({
      type: 'IAMUser',
      principalId: 'AIDA1',
      arn: 'arn:aws:iam::111122223333:user/lab-admin',
      accountId: '111122223333',
      accessKeyId: 'test',
      userName: 'lab-admin',
      invokedBy: 's3.amazonaws.com',
    });
  });
});
