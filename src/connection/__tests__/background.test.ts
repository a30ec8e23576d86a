import { describe, expect, it } from 'vitest';
import { CreateKeyCommand, ListKeysCommand } from '@aws-sdk/client-kms';
import { LookupEventsCommand } from '@aws-sdk/client-cloudtrail';
import { sandboxClients } from '../../sandbox/__tests__/helpers/clients';
import { isLabBackground, LAB_BACKGROUND_MARKER, markBackground } from '../background';

const userAgentOf = (e: { CloudTrailEvent?: string }) => (JSON.parse(e.CloudTrailEvent ?? '{}') as { userAgent?: string }).userAgent;

describe("the lab's background reads carry one marker", () => {
  it('a marked ListKeys is recorded with the marker in userAgent; the learner’s CreateKey is not marked', async () => {
    const { kms, cloudtrail } = await sandboxClients();
    await kms.send(new CreateKeyCommand({}));
    await kms.send(markBackground(new ListKeysCommand({})));
    const { Events } = await cloudtrail.send(new LookupEventsCommand({}));
    const byName = (n: string) => Events!.find((e) => e.EventName === n)!;
    expect(userAgentOf(byName('ListKeys'))).toContain(LAB_BACKGROUND_MARKER);
    expect(isLabBackground(userAgentOf(byName('ListKeys')))).toBe(true);
    expect(isLabBackground(userAgentOf(byName('CreateKey')))).toBe(false);
  });

  it('LookupEvents calls are recorded as AWS records them (read-only management events of cloudtrail.amazonaws.com)', async () => {
    const { cloudtrail } = await sandboxClients();
    await cloudtrail.send(markBackground(new LookupEventsCommand({ MaxResults: 5 })));
    const { Events } = await cloudtrail.send(new LookupEventsCommand({ LookupAttributes: [{ AttributeKey: 'EventName', AttributeValue: 'LookupEvents' }] }));
    expect(Events!.length).toBeGreaterThanOrEqual(1);
    const first = Events![Events!.length - 1]!;
    expect(first).toMatchObject({ EventName: 'LookupEvents', EventSource: 'cloudtrail.amazonaws.com', ReadOnly: 'true' });
    expect(isLabBackground(userAgentOf(first))).toBe(true);
    expect(JSON.parse(first.CloudTrailEvent!)).toMatchObject({ requestParameters: { maxResults: 5 } });
  });
});
