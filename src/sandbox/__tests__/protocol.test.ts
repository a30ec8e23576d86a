import { describe, expect, it, vi } from 'vitest';
import {
  CreateCustomKeyStoreCommand,
  DecryptCommand,
  DescribeKeyCommand,
  EnableKeyCommand,
  EncryptCommand,
  KMSClient,
} from '@aws-sdk/client-kms';
import { DescribeIdentityPoolCommand, GetIdCommand } from '@aws-sdk/client-cognito-identity';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { LookupEventsCommand } from '@aws-sdk/client-cloudtrail';
import { sandboxClients } from './helpers/clients';
import { rawRequest } from './helpers/raw';
import type { Sandbox } from '../index';

vi.mock('../kms/index', async () => ({ kmsService: (await import('./helpers/fake-kms')).fakeKmsService }));
vi.mock('../cognito/index', async () => {
  const m = await import('./helpers/fake-kms');
  return { cognitoService: m.fakeCognitoService, initialCognitoState: m.fakeInitialCognitoState };
});

/** Wraps the handler to keep the raw responses (what the SDK hides). */
function recording(sandbox: Sandbox) {
  const seen: { status: number; headers: Record<string, string>; body: string }[] = [];
  const handler = {
    ...sandbox.requestHandler,
    async handle(req: Parameters<Sandbox['requestHandler']['handle']>[0]) {
      const r = await sandbox.requestHandler.handle(req);
      seen.push({
        status: r.response.statusCode,
        headers: Object.fromEntries(Object.entries(r.response.headers).map(([k, v]) => [k.toLowerCase(), v])),
        body: new TextDecoder().decode(r.response.body as Uint8Array),
      });
      return r;
    },
  };
  return { handler, seen };
}

async function rejection(p: Promise<unknown>): Promise<Error & { $metadata: { httpStatusCode?: number; requestId?: string } }> {
  try {
    await p;
  } catch (e) {
    return e as Error & { $metadata: { httpStatusCode?: number; requestId?: string } };
  }
  throw new Error('expected the call to fail');
}

const creds = (accessKeyId: string, secretAccessKey: string) => ({ accessKeyId, secretAccessKey });

describe('AWS JSON 1.1 shell', () => {
  it('answers an error without a message with no message member, status 400 and the request id', async () => {
    const { sandbox } = await sandboxClients();
    const { handler, seen } = recording(sandbox);
    const kms = new KMSClient({ region: 'us-east-1', credentials: creds('test', 'test'), requestHandler: handler, maxAttempts: 1 });
    const err = await rejection(kms.send(new DecryptCommand({ CiphertextBlob: new Uint8Array(0) })));
    expect(err.name).toBe('InvalidCiphertextException');
    expect(err.$metadata.httpStatusCode).toBe(400);
    expect(seen[0]!.body).toBe('{"__type":"InvalidCiphertextException"}');
    expect(seen[0]!.headers['x-amzn-errortype']).toBe('InvalidCiphertextException');
    expect(err.$metadata.requestId).toBe(seen[0]!.headers['x-amzn-requestid']);
  });

  it('answers an error with a message in the message member', async () => {
    const { kms } = await sandboxClients();
    const err = await rejection(kms.send(new EncryptCommand({ KeyId: undefined as unknown as string, Plaintext: new Uint8Array([1]) })));
    expect(err.name).toBe('ValidationException');
    expect(err.message).toBe('KeyId is required');
  });

  it('answers an operation with no output with {} and a request id', async () => {
    const { sandbox } = await sandboxClients();
    const { handler, seen } = recording(sandbox);
    const kms = new KMSClient({ region: 'us-east-1', credentials: creds('test', 'test'), requestHandler: handler, maxAttempts: 1 });
    const out = await kms.send(new EnableKeyCommand({ KeyId: 'k' }));
    expect(out.$metadata.httpStatusCode).toBe(200);
    expect(seen[0]!.body).toBe('{}');
    expect(out.$metadata.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('decodes blob members for the operation and encodes blobs and dates in the output', async () => {
    const t = Date.UTC(2026, 0, 2, 3, 4, 5, 678);
    const { sandbox, kms } = await sandboxClients({ now: () => t });
    const enc = await kms.send(new EncryptCommand({ KeyId: 'k', Plaintext: new Uint8Array([0, 1, 254]) }));
    expect([...enc.CiphertextBlob!]).toEqual([255, 254, 1]);
    const { handler, seen } = recording(sandbox);
    const kms2 = new KMSClient({ region: 'us-east-1', credentials: creds('test', 'test'), requestHandler: handler, maxAttempts: 1 });
    const d = await kms2.send(new DescribeKeyCommand({ KeyId: 'k' }));
    expect(d.KeyMetadata!.CreationDate!.getTime()).toBe(t);
    expect(JSON.parse(seen[0]!.body).KeyMetadata.CreationDate).toBe(t / 1000);
  });

  it('zeroes the plaintext an operation returned once the response is serialised', async () => {
    const { issuedPlaintexts } = await import('./helpers/fake-kms');
    const { kms } = await sandboxClients();
    const before = issuedPlaintexts.length;
    const out = await kms.send(new DecryptCommand({ CiphertextBlob: new Uint8Array([0x9e, 0x9d]) }));
    expect([...out.Plaintext!]).toEqual([0x61, 0x62]);
    const returned = issuedPlaintexts[before]!;
    expect(returned).toBeDefined();
    expect([...returned]).toEqual([0, 0]);
  });

  it('names an operation AWS has but the sandbox lacks (NotImplementedException, never a silent success)', async () => {
    const { kms } = await sandboxClients();
    const err = await rejection(kms.send(new CreateCustomKeyStoreCommand({ CustomKeyStoreName: 'x' })));
    expect(err.name).toBe('NotImplementedException');
    expect(err.message).toContain('CreateCustomKeyStore');
    expect(err.$metadata.httpStatusCode).toBe(501);
  });

  it('answers an unknown operation or target with UnknownOperationException naming it', async () => {
    const { sandbox } = await sandboxClients();
    const r1 = await rawRequest(sandbox, { target: 'TrentService.MakeCoffee' });
    expect(r1.status).toBe(400);
    expect(r1.json()).toEqual({ __type: 'UnknownOperationException', message: "kms has no operation named 'MakeCoffee'." });
    const r2 = await rawRequest(sandbox, { target: 'DynamoDB_20120810.GetItem' });
    expect(r2.json().__type).toBe('UnknownOperationException');
    expect(String(r2.json().message)).toContain('DynamoDB_20120810.GetItem');
  });

  it('answers malformed JSON with SerializationException', async () => {
    const { sandbox } = await sandboxClients();
    for (const body of ['{"KeyId":', '[1,2]', '"text"', 'null']) {
      const r = await rawRequest(sandbox, { target: 'TrentService.Encrypt', body });
      expect(r.status).toBe(400);
      expect(r.json().__type).toBe('SerializationException');
      expect(r.headers['x-amzn-requestid']).toBeTruthy();
    }
  });

  it('answers invalid base64 or a non-string in a blob member with SerializationException', async () => {
    const { sandbox } = await sandboxClients();
    for (const body of ['{"KeyId":"k","Plaintext":"not base64!"}', '{"KeyId":"k","Plaintext":12}', '{"KeyId":"k","Plaintext":{"a":1}}']) {
      const r = await rawRequest(sandbox, { target: 'TrentService.Encrypt', body });
      expect(r.status).toBe(400);
      expect(r.json().__type).toBe('SerializationException');
    }
  });

  it('turns a bug inside an operation into a 500 KMSInternalException with a safe message', async () => {
    const errors: unknown[] = [];
    const { sandbox } = await sandboxClients({ onInternalError: (e) => errors.push(e) });
    const r = await rawRequest(sandbox, { target: 'TrentService.Boom' });
    expect(r.status).toBe(500);
    expect(r.json()).toEqual({
      __type: 'KMSInternalException',
      message: 'The KMS Study Lab sandbox hit an internal error while handling this request.',
    });
    expect(errors).toHaveLength(1);
  });
});

describe('SigV4 and the auth error table (auth-and-trail.md)', () => {
  it('JSON: an unknown access key is 400 UnrecognizedClientException', async () => {
    const { sandbox } = await sandboxClients();
    const kms = new KMSClient({ region: 'us-east-1', credentials: creds('AKIAUNKNOWN', 'x'), requestHandler: sandbox.requestHandler, maxAttempts: 1 });
    const err = await rejection(kms.send(new DescribeKeyCommand({ KeyId: 'k' })));
    expect(err.name).toBe('UnrecognizedClientException');
    expect(err.message).toBe('The security token included in the request is invalid.');
    expect(err.$metadata.httpStatusCode).toBe(400);
  });

  it('JSON: a wrong secret is 400 InvalidSignatureException', async () => {
    const { sandbox } = await sandboxClients();
    const kms = new KMSClient({ region: 'us-east-1', credentials: creds('test', 'wrong'), requestHandler: sandbox.requestHandler, maxAttempts: 1 });
    const err = await rejection(kms.send(new DescribeKeyCommand({ KeyId: 'k' })));
    expect(err.name).toBe('InvalidSignatureException');
    expect(err.message).toBe(
      'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
    );
    expect(err.$metadata.httpStatusCode).toBe(400);
  });

  it('JSON: a body changed after signing fails the signature', async () => {
    const { sandbox } = await sandboxClients();
    const { SignatureV4 } = await import('@smithy/signature-v4');
    const { HttpRequest } = await import('@smithy/protocol-http');
    const { Sha256 } = await import('@aws-crypto/sha256-js');
    const signer = new SignatureV4({ credentials: creds('test', 'test'), region: 'us-east-1', service: 'kms', sha256: Sha256 });
    const req = await signer.sign(
      new HttpRequest({
        method: 'POST',
        hostname: 'kms.us-east-1.amazonaws.com',
        path: '/',
        headers: { host: 'kms.us-east-1.amazonaws.com', 'x-amz-target': 'TrentService.DescribeKey', 'content-type': 'application/x-amz-json-1.1' },
        body: '{"KeyId":"a"}',
      }),
    );
    (req as { body: unknown }).body = '{"KeyId":"b"}';
    const { response } = await sandbox.requestHandler.handle(req as InstanceType<typeof HttpRequest>);
    expect(response.statusCode).toBe(400);
    expect(JSON.parse(new TextDecoder().decode(response.body as Uint8Array)).__type).toBe('InvalidSignatureException');
  });

  it('JSON: a request signed more than 5 minutes away from the wall clock is InvalidSignatureException "Signature expired"', async () => {
    const { sandbox } = await sandboxClients();
    const kms = new KMSClient({
      region: 'us-east-1',
      credentials: creds('test', 'test'),
      requestHandler: sandbox.requestHandler,
      maxAttempts: 1,
      systemClockOffset: -10 * 60 * 1000,
    });
    const err = await rejection(kms.send(new DescribeKeyCommand({ KeyId: 'k' })));
    expect(err.name).toBe('InvalidSignatureException');
    expect(err.message).toMatch(/^Signature expired: \d{8}T\d{6}Z is now earlier than \d{8}T\d{6}Z \(\d{8}T\d{6}Z - 5 min\.\)$/);
  });

  it('JSON: a request from the future is "Signature not yet current"', async () => {
    const { sandbox } = await sandboxClients();
    const r = await rawRequest(sandbox, { target: 'TrentService.DescribeKey', signingDate: new Date(Date.now() + 20 * 60 * 1000) });
    expect(r.json().__type).toBe('InvalidSignatureException');
    expect(String(r.json().message)).toMatch(/^Signature not yet current: /);
  });

  it('JSON: moving the simulated clock does not break signing', async () => {
    const { sandbox, kms } = await sandboxClients();
    await sandbox.clock.advanceDays(400);
    const d = await kms.send(new DescribeKeyCommand({ KeyId: 'k' }));
    expect(d.KeyMetadata!.CreationDate!.getTime()).toBeGreaterThan(Date.now() + 399 * 86400_000);
  });

  it('JSON: expired session credentials are 400 ExpiredTokenException (judged on the wall clock)', async () => {
    let wall = Date.now();
    const { sandbox } = await sandboxClients({ now: () => wall });
    const issued = sandbox.credentials.issue(sandbox.credentials.lookup('test')!.principal, 900);
    const kms = new KMSClient({ region: 'us-east-1', credentials: { ...issued, expiration: new Date(Date.now() + 3600_000) }, requestHandler: sandbox.requestHandler, maxAttempts: 1 });
    await kms.send(new DescribeKeyCommand({ KeyId: 'k' }));
    wall += 901_000;
    const err = await rejection(kms.send(new DescribeKeyCommand({ KeyId: 'k' })));
    expect(err.name).toBe('ExpiredTokenException');
    expect(err.message).toBe('The security token included in the request is expired');
    expect(err.$metadata.httpStatusCode).toBe(400);
  });

  it('JSON: a session key used without its token is UnrecognizedClientException', async () => {
    const { sandbox } = await sandboxClients();
    const issued = sandbox.credentials.issue(sandbox.credentials.lookup('test')!.principal, 900);
    const kms = new KMSClient({
      region: 'us-east-1',
      credentials: { accessKeyId: issued.accessKeyId, secretAccessKey: issued.secretAccessKey },
      requestHandler: sandbox.requestHandler,
      maxAttempts: 1,
    });
    expect((await rejection(kms.send(new DescribeKeyCommand({ KeyId: 'k' })))).name).toBe('UnrecognizedClientException');
  });

  it('JSON: a request signed for another service fails the signature', async () => {
    const { sandbox } = await sandboxClients();
    const r = await rawRequest(sandbox, { target: 'TrentService.DescribeKey', service: 'sts' });
    expect(r.status).toBe(400);
    expect(r.json()).toEqual({ __type: 'InvalidSignatureException', message: "Credential should be scoped to correct service: 'kms'. " });
  });

  it('JSON: no Authorization at all is 400 MissingAuthenticationTokenException', async () => {
    const { sandbox } = await sandboxClients();
    const r = await rawRequest(sandbox, { target: 'TrentService.DescribeKey', sign: false });
    expect(r.status).toBe(400);
    expect(r.json()).toEqual({ __type: 'MissingAuthenticationTokenException', message: 'Missing Authentication Token' });
  });

  it('Query (STS): unknown key 403 InvalidClientTokenId, wrong secret 403 SignatureDoesNotMatch, no auth 403 MissingAuthenticationToken', async () => {
    const { sandbox } = await sandboxClients();
    const sts = (c: { accessKeyId: string; secretAccessKey: string }) =>
      new STSClient({ region: 'us-east-1', credentials: c, requestHandler: sandbox.requestHandler, maxAttempts: 1 });
    const e1 = await rejection(sts(creds('AKIAUNKNOWN', 'x')).send(new GetCallerIdentityCommand({})));
    expect([e1.name, e1.$metadata.httpStatusCode, e1.message]).toEqual([
      'InvalidClientTokenId',
      403,
      'The security token included in the request is invalid.',
    ]);
    const e2 = await rejection(sts(creds('test', 'nope')).send(new GetCallerIdentityCommand({})));
    expect([e2.name, e2.$metadata.httpStatusCode]).toEqual(['SignatureDoesNotMatch', 403]);
    const r = await rawRequest(sandbox, {
      service: 'sts',
      contentType: 'application/x-www-form-urlencoded; charset=utf-8',
      body: 'Action=GetCallerIdentity&Version=2011-06-15',
      sign: false,
    });
    expect(r.status).toBe(403);
    expect(r.text).toMatch(/^<ErrorResponse xmlns="https:\/\/sts.amazonaws.com\/doc\/2011-06-15\/"><Error><Type>Sender<\/Type><Code>MissingAuthenticationToken<\/Code><Message>/);
    expect(r.text).toContain(`<RequestId>${r.headers['x-amzn-requestid']}</RequestId>`);
  });

  it('Query (STS): an unknown Action is InvalidAction', async () => {
    const { sandbox } = await sandboxClients();
    const r = await rawRequest(sandbox, {
      service: 'sts',
      contentType: 'application/x-www-form-urlencoded',
      body: 'Action=MakeCoffee&Version=2011-06-15',
    });
    expect(r.status).toBe(400);
    expect(r.text).toContain('<Code>InvalidAction</Code>');
  });

  it('Cognito GetId is accepted unsigned and runs as an anonymous caller', async () => {
    const { cognito } = await sandboxClients();
    const out = await cognito.send(new GetIdCommand({ IdentityPoolId: 'us-west-2:1ab0a7e5-5a4d-4b0c-9d1e-111122223333' }));
    expect(out.IdentityId).toBe('us-east-1:Anonymous');
  });

  it('unsigned calls to the local server take the region from the pool id', async () => {
    const { sandbox } = await sandboxClients();
    const r = await rawRequest(sandbox, {
      target: 'AWSCognitoIdentityService.GetId',
      service: 'cognito-identity',
      sign: false,
      body: '{"IdentityPoolId":"eu-west-3:1ab0a7e5-5a4d-4b0c-9d1e-111122223333"}',
      extraHeaders: { host: '127.0.0.1:4599' },
    });
    expect(r.json()).toEqual({ IdentityId: 'eu-west-3:Anonymous' });
  });

  it('signed Cognito calls still need SigV4', async () => {
    const { sandbox } = await sandboxClients();
    const r = await rawRequest(sandbox, {
      target: 'AWSCognitoIdentityService.DescribeIdentityPool',
      service: 'cognito-identity',
      sign: false,
      body: '{"IdentityPoolId":"us-east-1:x"}',
    });
    expect(r.json().__type).toBe('MissingAuthenticationTokenException');
  });
});

describe('the trail', () => {
  it('records one event per call, failures included, without blobs, with the IAM user identity', async () => {
    const { kms, cloudtrail } = await sandboxClients();
    await kms.send(new EncryptCommand({ KeyId: 'k1', Plaintext: new Uint8Array([7]), EncryptionContext: { Department: 'IT' } }));
    await rejection(kms.send(new DecryptCommand({ CiphertextBlob: new Uint8Array(0) })));
    const { Events } = await cloudtrail.send(new LookupEventsCommand({}));
    expect(Events!.map((e) => e.EventName)).toEqual(['Decrypt', 'Encrypt']);
    const enc = JSON.parse(Events![1]!.CloudTrailEvent!);
    expect(enc.requestParameters).toEqual({ keyId: 'k1', encryptionContext: { Department: 'IT' } });
    expect(enc.userIdentity).toEqual({
      type: 'IAMUser',
      principalId: expect.stringMatching(/^AIDA/),
      arn: 'arn:aws:iam::111122223333:user/lab-admin',
      accountId: '111122223333',
      accessKeyId: 'test',
      userName: 'lab-admin',
    });
    expect(enc.eventSource).toBe('kms.amazonaws.com');
    expect(enc.readOnly).toBe(true);
    expect(enc.responseElements).toBeNull();
    expect(Events![1]!.Resources).toEqual([{ ResourceType: 'AWS::KMS::Key', ResourceName: 'arn:aws:kms:us-east-1:111122223333:key/k1' }]);
    expect(Events![1]!.Username).toBe('lab-admin');
    expect(Events![1]!.AccessKeyId).toBe('test');
    const dec = JSON.parse(Events![0]!.CloudTrailEvent!);
    expect(dec.errorCode).toBe('InvalidCiphertextException');
    expect(dec).not.toHaveProperty('errorMessage');
    expect(JSON.stringify(Events)).not.toContain('"plaintext"');
  });

  it('LookupEvents filters by attribute and time, pages with MaxResults and NextToken, newest first', async () => {
    let t = Date.UTC(2026, 5, 1);
    const { kms, cloudtrail } = await sandboxClients({ now: () => t });
    for (let i = 0; i < 5; i++) {
      t += 60_000;
      await kms.send(new EncryptCommand({ KeyId: `k${i}`, Plaintext: new Uint8Array([i]) }));
      await kms.send(new EnableKeyCommand({ KeyId: `k${i}` }));
    }
    const p1 = await cloudtrail.send(
      new LookupEventsCommand({ LookupAttributes: [{ AttributeKey: 'EventName', AttributeValue: 'Encrypt' }], MaxResults: 2 }),
    );
    expect(p1.Events!.map((e) => JSON.parse(e.CloudTrailEvent!).requestParameters.keyId)).toEqual(['k4', 'k3']);
    const p2 = await cloudtrail.send(
      new LookupEventsCommand({ LookupAttributes: [{ AttributeKey: 'EventName', AttributeValue: 'Encrypt' }], MaxResults: 2, NextToken: p1.NextToken }),
    );
    expect(p2.Events!.map((e) => JSON.parse(e.CloudTrailEvent!).requestParameters.keyId)).toEqual(['k2', 'k1']);
    const ro = await cloudtrail.send(new LookupEventsCommand({ LookupAttributes: [{ AttributeKey: 'ReadOnly', AttributeValue: 'false' }] }));
    expect(ro.Events!.every((e) => e.EventName === 'EnableKey')).toBe(true);
    expect(ro.Events).toHaveLength(5);
    const windowed = await cloudtrail.send(
      new LookupEventsCommand({ StartTime: new Date(Date.UTC(2026, 5, 1, 0, 2)), EndTime: new Date(Date.UTC(2026, 5, 1, 0, 3)) }),
    );
    expect(windowed.Events!.map((e) => e.EventName)).toEqual(['EnableKey', 'Encrypt', 'EnableKey', 'Encrypt']);
    const byRes = await cloudtrail.send(
      new LookupEventsCommand({ LookupAttributes: [{ AttributeKey: 'ResourceName', AttributeValue: 'arn:aws:kms:us-east-1:111122223333:key/k2' }] }),
    );
    expect(byRes.Events).toHaveLength(1);
    const err = await rejection(cloudtrail.send(new LookupEventsCommand({ MaxResults: 51 })));
    expect(err.name).toBe('InvalidMaxResultsException');
    const err2 = await rejection(cloudtrail.send(new LookupEventsCommand({ NextToken: 'bogus' })));
    expect(err2.name).toBe('InvalidNextTokenException');
  });

  it('a service-to-service call keeps the caller, sets invokedBy and gets its own record', async () => {
    const { cognito, cloudtrail } = await sandboxClients();
    const out = await cognito.send(new DescribeIdentityPoolCommand({ IdentityPoolId: 'us-east-1:pool' }));
    expect(out.IdentityPoolName).toBe('nested-3');
    const { Events } = await cloudtrail.send(new LookupEventsCommand({}));
    expect(Events!.map((e) => e.EventName)).toEqual(['DescribeIdentityPool', 'Encrypt']);
    const nested = JSON.parse(Events![1]!.CloudTrailEvent!);
    expect(nested.userIdentity.invokedBy).toBe('cognito-identity.amazonaws.com');
    expect(nested.userIdentity.userName).toBe('lab-admin');
    expect(nested.sourceIPAddress).toBe('cognito-identity.amazonaws.com');
    expect(nested.requestParameters.encryptionContext).toEqual({ 'aws:pool': 'us-east-1:pool' });
    expect(nested.requestID).not.toBe(JSON.parse(Events![0]!.CloudTrailEvent!).requestID);
  });

  it('reading the trail with LookupEvents is recorded too, as a read-only CloudTrail event (as on AWS)', async () => {
    const { sandbox, kms, cloudtrail } = await sandboxClients();
    await kms.send(new EnableKeyCommand({ KeyId: 'k' }));
    await cloudtrail.send(new LookupEventsCommand({}));
    await cloudtrail.send(new LookupEventsCommand({}));
    expect((await sandbox.trail.events()).map((e) => e.eventName)).toEqual(['LookupEvents', 'LookupEvents', 'EnableKey']);
    expect((await sandbox.trail.events())[0]).toMatchObject({ eventSource: 'cloudtrail.amazonaws.com', readOnly: true });
  });

  it('keeps the newest events only (the cap, oldest dropped first)', async () => {
    const cap = 40;
    const { sandbox, kms } = await sandboxClients({ trailMaxEvents: cap });
    const { TRAIL_PRUNE_SLACK } = await import('../shared/trail');
    for (let i = 0; i < cap + TRAIL_PRUNE_SLACK + 5; i++) await kms.send(new EnableKeyCommand({ KeyId: `k${i}` }));
    const events = (await sandbox.trail.events());
    expect(events.length).toBeLessThanOrEqual(cap + TRAIL_PRUNE_SLACK);
    expect(events[0]!.requestParameters).toEqual({ keyId: `k${cap + TRAIL_PRUNE_SLACK + 4}` });
    expect(events.at(-1)!.requestParameters).not.toEqual({ keyId: 'k0' });
  });
});

describe('blobs outside the JSON state', () => {
  it('operations write large bodies through ctx.blobs into the store\'s blob area', async () => {
    const { sandbox } = await sandboxClients();
    const r = await rawRequest(sandbox, { target: 'TrentService.StashBody', body: '{"Key":"s3/bucket/obj","Text":"object body"}' });
    expect(r.status).toBe(200);
    expect(new TextDecoder().decode(await sandbox.store.getBlob('s3/bucket/obj'))).toBe('object body');
    expect((await sandbox.exportState())).not.toContain('object body');
  });
});

describe('the simulated clock', () => {
  it('only moves forward and says how far it is ahead', async () => {
    const { sandbox } = await sandboxClients({ now: () => Date.UTC(2026, 0, 1) });
    expect(sandbox.clock.isSimulated()).toBe(false);
    const r = await sandbox.clock.advanceDays(30);
    expect(r).toEqual({ now: '2026-01-31T00:00:00.000Z', offsetDays: 30 });
    await expect(sandbox.clock.advanceDays(-1)).rejects.toThrow(/only moves forward/);
    expect(sandbox.summary().offsetDays).toBe(30);
  });
});
