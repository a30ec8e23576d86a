import type { RequestContext } from '../shared/context';
import type { TrailEvent } from '../shared/trail-types';
import { ServiceError } from '../protocol/service-error';
import { fromBase64, fromUtf8, toBase64, utf8 } from '../shared/bytes';
import { needs } from '../shared/needs';

/** CloudTrail LookupEvents over the sandbox's own trail (newest first), as the CloudTrail API answers. */

const ATTRIBUTE_KEYS = [
  'EventId',
  'EventName',
  'ReadOnly',
  'Username',
  'ResourceType',
  'ResourceName',
  'EventSource',
  'AccessKeyId',
] as const;

interface LookupAttribute {
  AttributeKey: string;
  AttributeValue: string;
}

export interface LookupEventsInput {
  LookupAttributes?: LookupAttribute[];
  StartTime?: number;
  EndTime?: number;
  EventCategory?: string;
  MaxResults?: number;
  NextToken?: string;
}

const invalidLookup = (m: string) => new ServiceError('InvalidLookupAttributesException', m);

/** CloudTrail's Username: the IAM user name, the role session name, or the root. */
export function usernameOf(ev: TrailEvent): string | undefined {
  const u = ev.userIdentity;
  if (typeof u['userName'] === 'string') return u['userName'];
  if (u['type'] === 'AssumedRole' && typeof u['arn'] === 'string') return u['arn'].split('/').pop();
  if (u['type'] === 'Root') return 'root';
  return undefined;
}

function readEpoch(v: unknown, member: string): number | undefined {
  if (v === undefined || v === null) return undefined;
  // JSON 1.1 sends epoch seconds; the CLI may send an ISO string.
  if (typeof v === 'number' && Number.isFinite(v)) return v * 1000;
  if (typeof v === 'string' && !Number.isNaN(Date.parse(v))) return Date.parse(v);
  throw new ServiceError('SerializationException', `Member ${member} must be a timestamp.`);
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

export function lookupEvents(input: LookupEventsInput, ctx: RequestContext) {
  const attrs = input.LookupAttributes ?? [];
  needs(Array.isArray(attrs), () => new ServiceError('SerializationException', 'LookupAttributes must be a list.'));
  /* Precondition: CloudTrail accepts at most one lookup attribute. */
  needs(attrs.length <= 1, () => invalidLookup('You cannot specify more than one lookup attribute.'));
  for (const a of attrs) {
    needs(
      a !== null && typeof a === 'object' && typeof a.AttributeKey === 'string' && typeof a.AttributeValue === 'string',
      () => invalidLookup('Lookup attributes need an AttributeKey and an AttributeValue.'),
    );
    needs(
      (ATTRIBUTE_KEYS as readonly string[]).includes(a.AttributeKey),
      () =>
        new ServiceError(
          'ValidationException',
          `1 validation error detected: Value '${a.AttributeKey}' at 'lookupAttributes.1.member.attributeKey' failed to satisfy constraint: Member must satisfy enum value set: [${ATTRIBUTE_KEYS.join(', ')}]`,
        ),
    );
  }
  const max = input.MaxResults ?? 50;
  needs(
    Number.isInteger(max) && max >= 1 && max <= 50,
    () => new ServiceError('InvalidMaxResultsException', 'MaxResults must be between 1 and 50.'),
  );
  const start = readEpoch(input.StartTime, 'StartTime');
  const end = readEpoch(input.EndTime, 'EndTime');
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
