import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { labs, findLab } from '../labs';
import { isClientError } from '../query-client';
import { hrefFor, parseHash } from '../router';
import { EventCard } from '../routes/trail';

describe('hash router', () => {
  it.each([
    ['', { name: 'start' }],
    ['#/', { name: 'start' }],
    ['#/labs/keys', { name: 'lab', id: 'keys' }],
    ['#/labs/encryption-context/', { name: 'lab', id: 'encryption-context' }],
    ['#/trail', { name: 'trail' }],
    ['#/settings?x=1', { name: 'settings' }],
    ['#/nowhere', { name: 'not-found', path: '/nowhere' }],
  ])('%s -> %j', (hash, route) => {
    expect(parseHash(hash)).toEqual(route);
  });

  it('hrefFor is the inverse of parseHash', () => {
    for (const h of ['#/', '#/labs/rotation', '#/trail', '#/settings']) expect(hrefFor(parseHash(h))).toBe(h);
  });
});

describe('lab registry', () => {
  it('lists the labs in guide order, Clean-up last, each lazily loaded', () => {
    expect(labs.map((l) => l.id)).toEqual(['keys', 'encrypt-decrypt', 'envelope', 'sse', 'encryption-context', 'rotation', 'policies-grants', 'quotas', 'lambda-env', 'asymmetric-hmac', 'multi-region', 'identity', 'cleanup']);
    for (const l of labs) {
      expect(typeof l.load).toBe('function');
      expect(l.title.length).toBeGreaterThan(2);
      expect(l.guideSection.length).toBeGreaterThan(5);
    }
    expect(findLab('rotation')?.title).toBe('Rotation');
    expect(findLab('nope')).toBeUndefined();
  });

  it('every registered lab module default-exports a Panel', async () => {
    for (const l of labs) expect(typeof (await l.load()).default.Panel).toBe('function');
  });
});

describe('query client', () => {
  it('never retries 4xx AWS errors, may retry the rest', () => {
    expect(isClientError({ $fault: 'client', $metadata: { httpStatusCode: 400 } })).toBe(true);
    expect(isClientError({ $metadata: { httpStatusCode: 403 } })).toBe(true);
    expect(isClientError({ $fault: 'server', $metadata: { httpStatusCode: 500 } })).toBe(false);
    expect(isClientError(new TypeError('Failed to fetch'))).toBe(false);
  });
});

describe('audit trail record', () => {
  it('shows the event, its identity, key and encryption context, and the error code', () => {
    const record = {
      eventTime: '2026-11-27T10:00:00Z',
      eventName: 'Decrypt',
      eventSource: 'kms.amazonaws.com',
      errorCode: 'InvalidCiphertextException',
      userIdentity: {
        type: 'AssumedRole',
        arn: 'arn:aws:sts::111122223333:assumed-role/KmsStudyLabGuestRole/kms-study-lab',
        sessionContext: { webIdFederationData: { federatedProvider: 'cognito-identity.amazonaws.com' } },
      },
      requestParameters: { encryptionContext: { TenantId: 'Acme' }, encryptionAlgorithm: 'SYMMETRIC_DEFAULT' },
      resources: [{ ARN: 'arn:aws:kms:us-east-1:111122223333:key/1234abcd' }],
    };
    const html = renderToStaticMarkup(
      <EventCard
        event={{ EventId: '1', EventName: 'Decrypt', EventSource: 'kms.amazonaws.com', EventTime: new Date('2026-11-27T10:00:00Z'), CloudTrailEvent: JSON.stringify(record) }}
      />,
    );
    expect(html).toContain('Decrypt');
    expect(html).toContain('2026-11-27 10:00:00 UTC');
    expect(html).toContain('InvalidCiphertextException');
    expect(html).toContain('arn:aws:sts::111122223333:assumed-role/KmsStudyLabGuestRole/kms-study-lab');
    expect(html).toContain('via cognito-identity.amazonaws.com');
    expect(html).toContain('arn:aws:kms:us-east-1:111122223333:key/1234abcd');
    expect(html).toContain('TenantId = Acme');
  });
});
