import type { LookupEventsCommandInput, LookupEventsCommandOutput } from '@aws-sdk/client-cloudtrail';
import type { Operation } from '../shared/context';
import type { TrailEvent } from '../shared/trail-types';
import { ServiceError } from '../protocol/service-error';
import { fromBase64, fromUtf8, toBase64, utf8 } from '../shared/bytes';
import { needs } from '../shared/needs';
import { TRAIL_ATTRIBUTES, usernameOf, type TrailAttribute, type TrailCursor, type TrailQuery } from '../shared/trail-query';
import { lookupInList } from '../store/trail-index';

/** CloudTrail LookupEvents over the sandbox's own trail (newest first), as the CloudTrail API answers. */

const invalidLookup = (m: string) => new ServiceError('InvalidLookupAttributesException', m);

export { usernameOf } from '../shared/trail-query';

/**
 * NextToken: where the next page starts (the last event's time and its sequence number in the trail
 * store), opaque to the caller as on AWS. A token that does not decode is InvalidNextTokenException.
 */
const TOKEN_PREFIX = 'lookup-events:';
const encodeToken = (c: TrailCursor): string => toBase64(utf8(`${TOKEN_PREFIX}${c.t}:${c.seq}`));
function decodeToken(token: unknown): TrailCursor | undefined {
  const raw = typeof token === 'string' ? fromBase64(token) : undefined;
  const m = raw ? /^lookup-events:(-?\d+):(\d+)$/.exec(fromUtf8(raw)) : null;
  return m ? { t: Number(m[1]), seq: Number(m[2]) } : undefined;
}

/** Data events (S3 object calls) are not returned by LookupEvents on AWS: it serves management events only. */
const isDataEvent = (ev: TrailEvent): boolean => ev.managementEvent === false;

export const lookupEvents: Operation<LookupEventsCommandInput, LookupEventsCommandOutput> = async (input, ctx) => {
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

  let cursor: TrailCursor | undefined;
  if (input.NextToken !== undefined) {
    cursor = decodeToken(input.NextToken);
    needs(cursor !== undefined, () => new ServiceError('InvalidNextTokenException', 'Invalid NextToken'));
  }
  const attr = attrs[0];
  // An attribute key the SDK knows and the trail store does not index matches nothing.
  if (attr && !(TRAIL_ATTRIBUTES as readonly string[]).includes(attr.AttributeKey ?? '')) return { Events: [] };
  const q: TrailQuery = {
    attribute: attr ? { key: attr.AttributeKey as TrailAttribute, value: attr.AttributeValue ?? '' } : undefined,
    start,
    end,
    limit: max,
    cursor,
    skip: isDataEvent,
  };
  // The trail store's indexes answer (store/lab.ts); a bare state (operation unit tests) holds the whole trail.
  const trail = ctx.state.trail;
  const page = trail.lookup ? await trail.lookup(q) : lookupInList(trail.events, q);
  const out = page.events;
  const next = page.next ? encodeToken(page.next) : undefined;
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
