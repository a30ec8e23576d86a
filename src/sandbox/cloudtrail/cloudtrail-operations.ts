import type { LookupAttribute, LookupEventsCommandInput, LookupEventsCommandOutput } from '@aws-sdk/client-cloudtrail';
import type { Operation } from '../shared/context';
import type { TrailEvent } from '../shared/trail-types';
import { ServiceError } from '../protocol/service-error';
import { fromBase64, fromUtf8, toBase64, utf8 } from '../shared/bytes';
import { needs } from '../shared/needs';

/** CloudTrail LookupEvents over the sandbox's own trail (newest first), as the CloudTrail API answers. */

const invalidLookup = (m: string) => new ServiceError('InvalidLookupAttributesException', m);

/** CloudTrail's Username: the IAM user name, the role session name, or the root. */
export function usernameOf(ev: TrailEvent): string | undefined {
  const u = ev.userIdentity;
  if (typeof u['userName'] === 'string') return u['userName'];
  if (u['type'] === 'AssumedRole' && typeof u['arn'] === 'string') return u['arn'].split('/').pop();
  if (u['type'] === 'Root') return 'root';
  return undefined;
}

function matches(ev: TrailEvent, a: LookupAttribute): boolean {
  const v = a.AttributeValue;
  switch (a.AttributeKey) {
    case 'EventId':
      return ev.eventID === v;
    case 'EventName':
      return ev.eventName === v;
    case 'ReadOnly':
      return String(ev.readOnly) === v;
    case 'Username':
      return usernameOf(ev) === v;
    case 'ResourceType':
      return (ev.resources ?? []).some((r) => r.type === v);
    case 'ResourceName':
      return (ev.resources ?? []).some((r) => r.ARN === v);
    case 'EventSource':
      return ev.eventSource === v;
    case 'AccessKeyId':
      return ev.userIdentity['accessKeyId'] === v;
    default:
      return false;
  }
}

export const lookupEvents: Operation<LookupEventsCommandInput, LookupEventsCommandOutput> = (input, ctx) => {
  const attrs = input.LookupAttributes ?? [];
  /* Precondition: CloudTrail accepts at most one lookup attribute. */
  needs(attrs.length <= 1, () => invalidLookup('You cannot specify more than one lookup attribute.'));
  // Each attribute's AttributeKey (required, an enum) and AttributeValue were checked by the validation layer.
  const max = input.MaxResults ?? 50;
  needs(
    Number.isInteger(max) && max >= 1 && max <= 50,
    () => new ServiceError('InvalidMaxResultsException', 'MaxResults must be between 1 and 50.'),
  );
  const start = input.StartTime?.getTime();
  const end = input.EndTime?.getTime();
  needs(
    start === undefined || end === undefined || start <= end,
    () => new ServiceError('InvalidTimeRangeException', 'Start time must be before the end time.'),
  );
  needs(
    input.EventCategory === undefined || input.EventCategory === 'insight',
    () => new ServiceError('InvalidEventCategoryException', 'The only supported event category is insight.'),
  );
  if (input.EventCategory === 'insight') return { Events: [] };

  const all = ctx.state.trail.events;
  let i = all.length - 1;
  if (input.NextToken !== undefined) {
    const raw = typeof input.NextToken === 'string' ? fromBase64(input.NextToken) : undefined;
    const eventId = raw ? fromUtf8(raw) : '';
    const at = all.findIndex((e) => e.eventID === eventId);
    needs(at >= 0, () => new ServiceError('InvalidNextTokenException', 'Invalid NextToken'));
    i = at - 1;
  }
  const out: TrailEvent[] = [];
  let next: string | undefined;
  for (; i >= 0; i--) {
    const ev = all[i]!;
    // Data events (S3 object calls) are not returned by LookupEvents on AWS: it serves management events only.
    if (ev.managementEvent === false) continue;
    const t = Date.parse(ev.eventTime);
    if (start !== undefined && t < start) continue;
    if (end !== undefined && t > end) continue;
    if (!attrs.every((a) => matches(ev, a))) continue;
    if (out.length === max) {
      next = toBase64(utf8(out[out.length - 1]!.eventID));
      break;
    }
    out.push(ev);
  }
  return {
    Events: out.map((ev) => ({
      EventId: ev.eventID,
      EventName: ev.eventName,
      ReadOnly: String(ev.readOnly),
      AccessKeyId: typeof ev.userIdentity['accessKeyId'] === 'string' ? ev.userIdentity['accessKeyId'] : undefined,
      EventTime: new Date(ev.eventTime),
      EventSource: ev.eventSource,
      Username: usernameOf(ev),
      Resources: (ev.resources ?? []).map((r) => ({ ResourceType: r.type, ResourceName: r.ARN })),
      CloudTrailEvent: JSON.stringify(ev),
    })),
    NextToken: next,
  };
}
