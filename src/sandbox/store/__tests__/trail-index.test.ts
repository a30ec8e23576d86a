import { describe, expect, it } from 'vitest';
import { TrailIndex } from '../trail-index';
import type { TrailEvent } from '../../shared/trail-types';

/** TrailIndex keeps each record as its JSON text: what comes back is the record appended, never the same object. */
function record(i: number, extra: Partial<TrailEvent> = {}): TrailEvent {
  return {
    eventVersion: '1.08',
    userIdentity: { type: 'IAMUser', arn: 'arn:aws:iam::111122223333:user/lab', accountId: '111122223333', nested: { list: [1, 'two', null, true] } },
    eventTime: new Date(Date.UTC(2026, 5, 1, 0, 0, i)).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    eventSource: i % 2 ? 's3.amazonaws.com' : 'kms.amazonaws.com',
    eventName: i % 2 ? 'PutObject' : 'GenerateDataKey',
    awsRegion: 'us-east-1',
    sourceIPAddress: '127.0.0.1',
    userAgent: 'aws-sdk-js/3 "quoted" \u00e9\u2028',
    requestParameters: { bucketName: 'b', key: `k${i}`, encryptionContext: { 'aws:s3:arn': `arn:aws:s3:::b/k${i}` } },
    responseElements: null,
    requestID: `req-${i}`,
    eventID: `evt-${i}`,
    readOnly: false,
    resources: [{ ARN: `arn:aws:s3:::b/k${i}`, accountId: '111122223333', type: 'AWS::S3::Object' }],
    eventType: 'AwsApiCall',
    managementEvent: i % 2 === 0,
    recipientAccountId: '111122223333',
    eventCategory: i % 2 ? 'Data' : 'Management',
    ...extra,
  };
}

describe('TrailIndex keeps records as JSON', () => {
  it('gives back records equal to those appended, as fresh copies', () => {
    const evs = Array.from({ length: 6 }, (_, i) => record(i));
    const t = new TrailIndex(evs);
    const back = t.events();
    expect(back).toEqual(evs);
    expect(back[0]).not.toBe(evs[0]);
    // Changing what was appended, or what a read gave, changes nothing kept.
    evs[0]!.eventName = 'Changed';
    back[1]!.eventName = 'Changed too';
    expect(t.events().map((e) => e.eventName)).toEqual(['GenerateDataKey', 'PutObject', 'GenerateDataKey', 'PutObject', 'GenerateDataKey', 'PutObject']);
  });

  it('eventsJson is the text JSON.stringify gives for the records', () => {
    const t = new TrailIndex(Array.from({ length: 5 }, (_, i) => record(i)));
    expect(t.eventsJson()).toBe(JSON.stringify(t.events()));
    expect(new TrailIndex().eventsJson()).toBe('[]');
  });

  it('lookups by attribute, skip and prune read the JSON back the same way', () => {
    const t = new TrailIndex(Array.from({ length: 8 }, (_, i) => record(i)));
    const byId = t.lookup({ limit: 10, attribute: { key: 'EventId', value: 'evt-3' } });
    expect(byId.events).toEqual([record(3)]);
    const mgmt = t.lookup({ limit: 10, skip: (e) => e.managementEvent === false });
    expect(mgmt.events.map((e) => e.eventID)).toEqual(['evt-6', 'evt-4', 'evt-2', 'evt-0']);
    expect(t.prune(0, 5)).toBe(3);
    expect(t.lookup({ limit: 10, attribute: { key: 'EventId', value: 'evt-1' } }).events).toEqual([]);
    expect(t.lookup({ limit: 10, attribute: { key: 'EventName', value: 'PutObject' } }).events.map((e) => e.eventID)).toEqual(['evt-7', 'evt-5', 'evt-3']);
  });
});
