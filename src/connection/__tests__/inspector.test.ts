import { GenerateDataKeyCommand, CreateKeyCommand, EncryptCommand, DecryptCommand } from '@aws-sdk/client-kms';
import { describe, expect, it, vi } from 'vitest';
import { createSandbox } from '../../sandbox';
import { createBackendRuntime, type SandboxLike } from '../client-supplier';
import { memoryStorage } from '../credentials';
import { ChunkedBody } from '../chunked-body';
import { maskBody, maskHeaders, maskValue, thousands } from '../inspector-mask';
import { createInspectorStore } from '../inspector-store';
import { renderBoto3, renderCli, renderJs, xformName } from '../renderers';
import type { InspectorEntry } from '../inspector-store';

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

describe('masking', () => {
  it('groups lengths in thousands as en-US does, without a number formatter', () => {
    for (const n of [0, 7, 99, 999, 1000, 4096, 12_345, 100_000, 999_999, 1_000_000, 1_234_567_890, -4096]) {
      expect(thousands(n)).toBe(n.toLocaleString('en-US'));
    }
  });

  it('masks plaintext keys and payloads to their length, keeps ciphertext, drops $metadata', () => {
    const out = maskValue({
      KeyId: 'arn:aws:kms:us-east-1:111122223333:key/1234',
      Plaintext: new Uint8Array(32).fill(7),
      CiphertextBlob: new Uint8Array([1, 2, 3]),
      $metadata: { httpStatusCode: 200 },
    });
    expect(out).toEqual({
      KeyId: 'arn:aws:kms:us-east-1:111122223333:key/1234',
      Plaintext: '<masked: 32 bytes>',
      CiphertextBlob: { $bytes: 'AQID', length: 3 },
    });
  });

  it('masks an upload part sent as its chunks to its length', () => {
    const out = maskValue({ PartNumber: 1, Body: new ChunkedBody([new Uint8Array(5), new Uint8Array(70_000)]) });
    expect(out).toEqual({ PartNumber: 1, Body: '<masked: 70,005 bytes>' });
  });

  it('masks nested credentials (Cognito SecretKey, STS SecretAccessKey, SessionToken) in characters', () => {
    const out = maskValue({
      Credentials: { AccessKeyId: 'ASIAEXAMPLE', SecretKey: 'x'.repeat(40), SecretAccessKey: 'y'.repeat(40), SessionToken: 'z'.repeat(300) },
      PrivateKeyPlaintext: new Uint8Array(1217),
    }) as { Credentials: Record<string, string>; PrivateKeyPlaintext: string };
    expect(out.Credentials).toEqual({
      AccessKeyId: 'ASIAEXAMPLE',
      SecretKey: '<masked: 40 characters>',
      SecretAccessKey: '<masked: 40 characters>',
      SessionToken: '<masked: 300 characters>',
    });
    expect(out.PrivateKeyPlaintext).toBe('<masked: 1,217 bytes>');
  });

  it('masks the Authorization signature and the session token header, keeping the credential scope readable', () => {
    const sig = 'a'.repeat(64);
    const h = maskHeaders({
      Authorization: `AWS4-HMAC-SHA256 Credential=ASIAX/20261127/us-east-1/kms/aws4_request, SignedHeaders=host;x-amz-date, Signature=${sig}`,
      'X-Amz-Security-Token': 'FwoGZXIvYXdzE'.padEnd(400, 'Q'),
      'x-amz-server-side-encryption-customer-key': 'k'.repeat(44),
      'content-type': 'application/x-amz-json-1.1',
    });
    expect(h.Authorization).toBe(
      'AWS4-HMAC-SHA256 Credential=ASIAX/20261127/us-east-1/kms/aws4_request, SignedHeaders=host;x-amz-date, Signature=<masked: 64 characters>',
    );
    expect(h['X-Amz-Security-Token']).toBe('<masked: 400 characters>');
    expect(h['x-amz-server-side-encryption-customer-key']).toBe('<masked: 44 characters>');
    expect(h['content-type']).toBe('application/x-amz-json-1.1');
    expect(JSON.stringify(h)).not.toContain(sig);
  });

  it('masks JSON bodies (base64 plaintext counted in bytes) but keeps AWS’s error messages', () => {
    const pt = b64(new Uint8Array(4097));
    const body = maskBody(new TextEncoder().encode(JSON.stringify({ KeyId: 'alias/a', Plaintext: pt })), 'application/x-amz-json-1.1');
    expect(JSON.parse(body!)).toEqual({ KeyId: 'alias/a', Plaintext: '<masked: 4,097 bytes>' });
    const err = maskBody(new TextEncoder().encode('{"__type":"ValidationException","Message":"too long"}'), 'application/x-amz-json-1.1');
    expect(JSON.parse(err!)).toEqual({ __type: 'ValidationException', Message: 'too long' });
  });

  it('masks XML (STS) and form (Query) bodies', () => {
    const xml = '<Credentials><AccessKeyId>ASIAX</AccessKeyId><SecretAccessKey>abcdabcdabcdabcdabcdabcdabcdabcdabcdabcd</SecretAccessKey><SessionToken>tok</SessionToken></Credentials><Message>Not authorized</Message>';
    expect(maskBody(new TextEncoder().encode(xml), 'text/xml')).toBe(
      '<Credentials><AccessKeyId>ASIAX</AccessKeyId><SecretAccessKey><masked: 40 characters></SecretAccessKey><SessionToken><masked: 3 characters></SessionToken></Credentials><Message>Not authorized</Message>',
    );
    const form = 'Action=AssumeRoleWithWebIdentity&RoleArn=arn%3Aaws%3Aiam%3A%3A1%3Arole%2FR&WebIdentityToken=eyJhbGciOi.eyJzdWIi.c2ln&Version=2011-06-15';
    expect(maskBody(new TextEncoder().encode(form), 'application/x-www-form-urlencoded')).toBe(
      'Action=AssumeRoleWithWebIdentity&RoleArn=arn%3Aaws%3Aiam%3A%3A1%3Arole%2FR&WebIdentityToken=<masked: 24 characters>&Version=2011-06-15',
    );
  });

  it('never records S3 object payloads or binary bodies', () => {
    expect(maskBody(new TextEncoder().encode('hello'), 'text/plain', true)).toBe('(object body, 5 bytes, not recorded)');
    expect(maskBody(new Uint8Array([0, 1, 2]), 'application/octet-stream')).toBe('(binary body, 3 bytes, not recorded)');
  });
});

describe('inspector store', () => {
  it('keeps the newest entries up to its limit and tells subscribers', () => {
    const store = createInspectorStore(2);
    const listener = vi.fn();
    const off = store.subscribe(listener);
    const base = { backend: 'sandbox' as const, service: 'KMS', region: 'us-east-1', startedAt: 0, input: {} };
    store.begin({ ...base, operation: 'A' });
    const b = store.begin({ ...base, operation: 'B' });
    store.begin({ ...base, operation: 'C' });
    expect(store.entries().map((e) => e.operation)).toEqual(['B', 'C']);
    store.update(b, { status: 'ok', durationMs: 3 });
    expect(store.entries()[0]).toMatchObject({ operation: 'B', status: 'ok', durationMs: 3 });
    expect(listener).toHaveBeenCalledTimes(4);
    off();
    store.clear();
    expect(store.entries()).toEqual([]);
    expect(listener).toHaveBeenCalledTimes(4);
  });
});

describe('inspector middleware, through the real SDK and the sandbox', () => {
  async function setup() {
    const inspector = createInspectorStore();
    const sb = await createSandbox();
    const runtime = createBackendRuntime(
      { backend: 'sandbox', region: 'us-east-1', identity: 'admin' },
      { inspector, storage: memoryStorage(), loadSandbox: async () => sb as unknown as SandboxLike },
    );
    return { inspector, kms: await runtime.clients.kms() };
  }

  it('records operation, input, wire request and response, duration; no plaintext key anywhere', async () => {
    const { inspector, kms } = await setup();
    const key = await kms.send(new CreateKeyCommand({ Description: 'inspector test' }));
    const dk = await kms.send(new GenerateDataKeyCommand({ KeyId: key.KeyMetadata!.KeyId, KeySpec: 'AES_256', EncryptionContext: { TenantId: 'Acme' } }));
    const entry = inspector.entries().find((e) => e.operation === 'GenerateDataKey')!;
    expect(entry).toMatchObject({ service: 'KMS', backend: 'sandbox', region: 'us-east-1', status: 'ok' });
    expect(entry.durationMs).toBeGreaterThanOrEqual(0);
    expect(entry.input).toEqual({ KeyId: key.KeyMetadata!.KeyId, KeySpec: 'AES_256', EncryptionContext: { TenantId: 'Acme' } });
    expect((entry.output as Record<string, unknown>).Plaintext).toBe('<masked: 32 bytes>');
    expect(entry.request?.method).toBe('POST');
    expect(entry.request?.url).toBe('https://kms.us-east-1.amazonaws.com/');
    expect(entry.request?.headers['x-amz-target']).toBe('TrentService.GenerateDataKey');
    expect(entry.request?.headers.authorization).toMatch(/Signature=<masked: 64 characters>$/);
    expect(entry.response?.status).toBe(200);
    expect(JSON.parse(entry.response!.body!).Plaintext).toBe('<masked: 32 bytes>');
    expect(JSON.parse(entry.response!.body!).CiphertextBlob).toBe(b64(dk.CiphertextBlob!));
    const everything = JSON.stringify(inspector.entries());
    expect(everything).not.toContain(b64(dk.Plaintext!));
  });

  it('masks the plaintext payload of Encrypt and Decrypt', async () => {
    const { inspector, kms } = await setup();
    const key = await kms.send(new CreateKeyCommand({}));
    const secret = new TextEncoder().encode('my database password');
    const enc = await kms.send(new EncryptCommand({ KeyId: key.KeyMetadata!.KeyId, Plaintext: secret }));
    await kms.send(new DecryptCommand({ CiphertextBlob: enc.CiphertextBlob }));
    const everything = JSON.stringify(inspector.entries());
    expect(everything).not.toContain(b64(secret));
    expect(everything).not.toContain('my database password');
    const encrypt = inspector.entries().find((e) => e.operation === 'Encrypt')!;
    expect((encrypt.input as Record<string, unknown>).Plaintext).toBe('<masked: 20 bytes>');
    expect(JSON.parse(encrypt.request!.body!).Plaintext).toBe('<masked: 20 bytes>');
  });

  it('records the error name, message and HTTP status, and the raw error response', async () => {
    const { inspector, kms } = await setup();
    const key = await kms.send(new CreateKeyCommand({}));
    await expect(kms.send(new EncryptCommand({ KeyId: key.KeyMetadata!.KeyId, Plaintext: new Uint8Array(4097) }))).rejects.toMatchObject({
      name: 'ValidationException',
    });
    const entry = inspector.entries().find((e) => e.operation === 'Encrypt')!;
    expect(entry.status).toBe('error');
    expect(entry.error).toMatchObject({ name: 'ValidationException', httpStatus: 400 });
    expect(entry.response?.status).toBe(400);
    expect(entry.response?.body).toContain('ValidationException');
    expect((entry.input as Record<string, unknown>).Plaintext).toBe('<masked: 4,097 bytes>');
  });
});

describe('equivalent commands', () => {
  const encrypt: InspectorEntry = {
    id: 1,
    backend: 'aws',
    service: 'KMS',
    operation: 'Encrypt',
    region: 'eu-west-1',
    startedAt: 0,
    status: 'ok',
    input: { KeyId: 'alias/app-secrets', Plaintext: '<masked: 11 bytes>', EncryptionContext: { TenantId: 'Acme', Service: "billing's api" } },
  };

  it('names operations and parameters the way botocore does', () => {
    expect(xformName('GenerateDataKeyWithoutPlaintext')).toBe('generate_data_key_without_plaintext');
    expect(xformName('GetOpenIdToken')).toBe('get_open_id_token');
    expect(xformName('SSEKMSKeyId')).toBe('ssekms_key_id');
    expect(xformName('ReEncrypt', '-')).toBe('re-encrypt');
    expect(xformName('RotationPeriodInDays', '-')).toBe('rotation-period-in-days');
  });

  it('renders the AWS CLI command with a file for the masked plaintext', () => {
    expect(renderCli(encrypt)).toBe(
      [
        '# plaintext.bin: the Plaintext (11 bytes), kept out of the inspector',
        'aws kms encrypt \\',
        '  --key-id alias/app-secrets \\',
        '  --plaintext fileb://plaintext.bin \\',
        `  --encryption-context '{"TenantId":"Acme","Service":"billing'\\''s api"}' \\`,
        '  --region eu-west-1',
      ].join('\n'),
    );
  });

  it('renders boto3 code', () => {
    expect(renderBoto3(encrypt)).toBe(
      [
        'import boto3',
        '',
        'plaintext = ...  # the Plaintext (11 bytes), kept out of the inspector',
        'client = boto3.client("kms", region_name="eu-west-1")',
        'response = client.encrypt(',
        '    KeyId="alias/app-secrets",',
        '    Plaintext=plaintext,',
        '    EncryptionContext={',
        '        "TenantId": "Acme",',
        '        "Service": "billing\'s api",',
        '    },',
        ')',
        'print(response)',
      ].join('\n'),
    );
  });

  it('renders JavaScript (SDK v3) code', () => {
    const js = renderJs(encrypt);
    expect(js).toContain('import { KMSClient, EncryptCommand } from "@aws-sdk/client-kms";');
    expect(js).toContain('const client = new KMSClient({ region: "eu-west-1" });');
    expect(js).toContain('const response = await client.send(new EncryptCommand({\n  KeyId: "alias/app-secrets",\n  Plaintext: plaintext,');
    expect(js).toContain('  EncryptionContext: {\n    TenantId: "Acme",');
    expect(js.endsWith('\nconsole.log(response);')).toBe(true);
  });

  it('points sandbox and endpoint calls at their URL, blobs as base64, unsigned Cognito calls unsigned', () => {
    const decrypt: InspectorEntry = { ...encrypt, backend: 'sandbox', operation: 'Decrypt', input: { CiphertextBlob: { $bytes: 'AQID', length: 3 } } };
    // Through a file the snippet writes: inline base64 means different things to CLI v1 and v2.
    expect(renderCli(decrypt)).toContain("printf '%s' AQID | base64 --decode > ciphertext-blob.bin");
    expect(renderCli(decrypt)).toContain('--ciphertext-blob fileb://ciphertext-blob.bin');
    expect(renderCli(decrypt)).toContain('--endpoint-url http://127.0.0.1:4599');
    expect(renderBoto3(decrypt)).toContain('CiphertextBlob=base64.b64decode("AQID")');
    expect(renderBoto3(decrypt)).toMatch(/^import base64\nimport boto3/);
    expect(renderJs(decrypt)).toContain('CiphertextBlob: Buffer.from("AQID", "base64")');
    const getId: InspectorEntry = { ...encrypt, backend: 'endpoint', endpoint: 'http://127.0.0.1:5000', service: 'CognitoIdentity', operation: 'GetId', input: { IdentityPoolId: 'us-east-1:abc' } };
    expect(renderCli(getId)).toBe('aws cognito-identity get-id \\\n  --identity-pool-id us-east-1:abc \\\n  --region eu-west-1 \\\n  --endpoint-url http://127.0.0.1:5000 \\\n  --no-sign-request');
    expect(renderBoto3(getId)).toContain('config=Config(signature_version=UNSIGNED)');
    expect(renderJs(getId)).toContain('new CognitoIdentityClient({ region: "eu-west-1", endpoint: "http://127.0.0.1:5000" })');
  });

  it('passes a masked token as a string (a shell variable), never as fileb://', () => {
    const assume: InspectorEntry = { ...encrypt, service: 'STS', operation: 'AssumeRoleWithWebIdentity', input: { RoleArn: 'arn:aws:iam::111122223333:role/R', WebIdentityToken: '<masked: 812 characters>' } };
    const cli = renderCli(assume);
    expect(cli).toContain('--web-identity-token "$WEB_IDENTITY_TOKEN"');
    expect(cli).not.toContain('fileb://');
  });

  it('renders booleans and numbers as the CLI expects', () => {
    const e: InspectorEntry = { ...encrypt, operation: 'ScheduleKeyDeletion', input: { KeyId: 'k', PendingWindowInDays: 7, BypassPolicyLockoutSafetyCheck: false } };
    const cli = renderCli(e);
    expect(cli).toContain('--pending-window-in-days 7');
    expect(cli).toContain('--no-bypass-policy-lockout-safety-check');
  });
});
