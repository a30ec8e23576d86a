import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseLabConfig, parseSavedSettings, parseUrlSettings, resolveSettings } from '../config';
import { DEFAULT_SETTINGS } from '../settings';

const POOL = 'eu-west-1:0b0e3f6c-1111-2222-3333-444455556666';
const ROLE = 'arn:aws:iam::123456789012:role/KmsStudyLabGuestRole';

describe('lab-config.json', () => {
  it('the shipped public/lab-config.json is the sandbox on us-east-1', () => {
    const json = JSON.parse(readFileSync(new URL('../../../public/lab-config.json', import.meta.url), 'utf8'));
    expect(parseLabConfig(json)).toEqual({ settings: { backend: 'sandbox', region: 'us-east-1', identity: 'guest' }, problems: [] });
  });

  it('accepts a teacher’s aws config', () => {
    const r = parseLabConfig({ backend: 'aws', region: 'eu-west-1', identityPoolId: POOL, roleArn: ROLE, bucket: 'kms-lab-bucket' });
    expect(r.settings).toEqual({ backend: 'aws', region: 'eu-west-1', identityPoolId: POOL, roleArn: ROLE, bucket: 'kms-lab-bucket' });
  });

  it('refuses a config that carries credentials (unknown fields are never accepted)', () => {
    const r = parseLabConfig({ backend: 'endpoint', endpoint: 'http://127.0.0.1:4599', accessKeyId: 'AKIAX', secretAccessKey: 'abc' });
    expect(r.settings).toBeUndefined();
    expect(r.problems.join(' ')).toMatch(/accessKeyId|secretAccessKey|Unrecognized/);
  });

  it('refuses an aws config without a pool, a bad region or a role that is not an ARN', () => {
    expect(parseLabConfig({ backend: 'aws', region: 'us-east-1' }).settings).toBeUndefined();
    expect(parseLabConfig({ backend: 'aws', region: 'moon-1', identityPoolId: POOL, roleArn: ROLE }).settings).toBeUndefined();
    expect(parseLabConfig({ backend: 'aws', region: 'us-east-1', identityPoolId: POOL, roleArn: 'KmsStudyLabGuestRole' }).settings).toBeUndefined();
  });

  it('an endpoint without a pool uses static credentials; with pool and role, the pool', () => {
    expect(parseLabConfig({ backend: 'endpoint', endpoint: 'http://127.0.0.1:4599/' }).settings).toEqual({
      backend: 'endpoint',
      region: 'us-east-1',
      endpoint: 'http://127.0.0.1:4599',
      auth: 'static',
    });
    expect(parseLabConfig({ backend: 'endpoint', endpoint: 'https://kms.example.test', identityPoolId: POOL, roleArn: ROLE }).settings).toMatchObject({
      auth: 'pool',
      identityPoolId: POOL,
    });
  });

  it('refuses an endpoint URL with a user name or password in it', () => {
    expect(parseLabConfig({ backend: 'endpoint', endpoint: 'http://test:secret@127.0.0.1:4599' }).settings).toBeUndefined();
  });
});

describe('URL parameters never carry secrets', () => {
  it('reads the backend settings from the URL', () => {
    const r = parseUrlSettings(`?backend=aws&region=eu-west-1&identityPoolId=${encodeURIComponent(POOL)}&roleArn=${encodeURIComponent(ROLE)}`);
    expect(r.settings).toEqual({ backend: 'aws', region: 'eu-west-1', identityPoolId: POOL, roleArn: ROLE });
    expect(r.refused).toEqual([]);
  });

  it.each([
    'secretAccessKey',
    'SecretKey',
    'sessionToken',
    'aws_secret_access_key',
    'accessKeyId',
    'AWS_ACCESS_KEY_ID',
    'token',
    'password',
    'credentials',
  ])('refuses %s, reports it by name only, and never uses its value', (name) => {
    const secret = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
    const r = parseUrlSettings(`?backend=endpoint&endpoint=http://127.0.0.1:4599&${name}=${encodeURIComponent(secret)}`);
    expect(r.refused).toEqual([name]);
    expect(r.consumed).toContain(name);
    expect(JSON.stringify(r)).not.toContain(secret);
    expect(JSON.stringify(r)).not.toContain('EXAMPLEKEY');
    // The non-secret parameters still apply, with no credentials at all.
    expect(r.settings).toEqual({ backend: 'endpoint', region: 'us-east-1', endpoint: 'http://127.0.0.1:4599', auth: 'static' });
  });

  it('ignores parameters it does not know, and keeps the base when the URL says nothing', () => {
    const r = parseUrlSettings('?utm_source=mail&lang=en');
    expect(r.settings).toBeUndefined();
    expect(r.consumed).toEqual([]);
  });

  it('switching backend in the URL does not carry fields over from the base settings', () => {
    const base = { backend: 'aws' as const, region: 'eu-west-1', identityPoolId: POOL, roleArn: ROLE };
    expect(parseUrlSettings('?backend=sandbox', base).settings).toEqual({ backend: 'sandbox', region: 'us-east-1', identity: 'guest' });
    expect(parseUrlSettings('?region=eu-central-1', base).settings).toEqual({ ...base, region: 'eu-central-1' });
  });

  it('an invalid URL value is reported and not applied', () => {
    const r = parseUrlSettings('?region=not a region');
    expect(r.settings).toBeUndefined();
    expect(r.problems.join(' ')).toMatch(/region/);
  });
});

describe('resolveSettings', () => {
  const labConfig = { backend: 'aws', region: 'eu-west-1', identityPoolId: POOL, roleArn: ROLE };

  it('defaults < lab-config.json < saved settings < URL', async () => {
    expect((await resolveSettings({ fetchLabConfig: async () => undefined, saved: null, search: '' })).settings).toEqual(DEFAULT_SETTINGS);
    const fromConfig = await resolveSettings({ fetchLabConfig: async () => labConfig, saved: null, search: '' });
    expect(fromConfig).toMatchObject({ settings: labConfig, source: 'lab-config' });
    const saved = JSON.stringify({ backend: 'sandbox', region: 'us-west-2', identity: 'admin' });
    expect((await resolveSettings({ fetchLabConfig: async () => labConfig, saved, search: '' })).settings).toEqual({
      backend: 'sandbox',
      region: 'us-west-2',
      identity: 'admin',
    });
    const url = await resolveSettings({ fetchLabConfig: async () => labConfig, saved, search: '?identity=guest' });
    expect(url).toMatchObject({ settings: { backend: 'sandbox', region: 'us-west-2', identity: 'guest' }, source: 'url', consumedParams: ['identity'] });
  });

  it('a broken lab-config.json or saved settings fall back with a notice, never a crash', async () => {
    const r = await resolveSettings({ fetchLabConfig: async () => ({ backend: 'mainframe' }), saved: '{not json', search: '' });
    expect(r.settings).toEqual(DEFAULT_SETTINGS);
    expect(r.notices[0]).toMatch(/lab-config.json was ignored/);
    const failing = await resolveSettings({ fetchLabConfig: () => Promise.reject(new Error('offline')), saved: null, search: '' });
    expect(failing.notices).toEqual(['lab-config.json could not be read; using the sandbox.']);
    expect(parseSavedSettings('{"backend":"aws"}')).toBeUndefined();
  });

  it('a secret in the URL becomes a notice naming the parameter, not its value', async () => {
    const r = await resolveSettings({ fetchLabConfig: async () => undefined, saved: null, search: '?secretAccessKey=hunter2' });
    expect(r.notices).toEqual(['secretAccessKey: secrets are never read from the URL; enter credentials on the settings page']);
    expect(r.consumedParams).toEqual(['secretAccessKey']);
    expect(r.settings).toEqual(DEFAULT_SETTINGS);
  });
});
