import type { TrailEvent } from './trail-types';

/**
 * A read of the trail store, as CloudTrail's LookupEvents asks it: one attribute at most, a time
 * range, newest first, a page at a time with a cursor. Every store answers it from an index
 * (IndexedDB indexes, or store/trail-index.ts in memory), so its cost follows the page, not the trail.
 */
export interface TrailQuery {
  attribute?: { key: TrailAttribute; value: string };
  /** Epoch ms, inclusive. */
  start?: number;
  end?: number;
  limit: number;
  /** From a previous page's `next`. */
  cursor?: TrailCursor;
  /** Records to pass over while walking (LookupEvents passes over S3 data events). */
  skip?: (ev: TrailEvent) => boolean;
}
export type TrailAttribute =
  | 'EventId'
  | 'EventName'
  | 'ReadOnly'
  | 'Username'
  | 'ResourceType'
  | 'ResourceName'
  | 'EventSource'
  | 'AccessKeyId';
export const TRAIL_ATTRIBUTES: readonly TrailAttribute[] = [
  'EventId',
  'EventName',
  'ReadOnly',
  'Username',
  'ResourceType',
  'ResourceName',
  'EventSource',
  'AccessKeyId',
];
/** Where the next page starts: strictly older than this record (time, then sequence number). */
export interface TrailCursor {
  t: number;
  seq: number;
}
export interface TrailPage {
  events: TrailEvent[];
  next?: TrailCursor;
}
/** How many records the trail store holds and when its oldest happened (epoch ms): retention decides on these. */
export interface TrailStats {
  count: number;
  oldest?: number;
}

/** CloudTrail's Username: the IAM user name, the role session name, or the root. */
export function usernameOf(ev: TrailEvent): string | undefined {
  const u = ev.userIdentity;
  if (typeof u['userName'] === 'string') return u['userName'];
  if (u['type'] === 'AssumedRole' && typeof u['arn'] === 'string') return u['arn'].split('/').pop();
  if (u['type'] === 'Root') return 'root';
  return undefined;
}

/** The values a record has for one LookupEvents attribute (resources: one per resource). */
export function attributeValues(ev: TrailEvent, a: TrailAttribute): string[] {
  switch (a) {
    case 'EventId':
      return [ev.eventID];
    case 'EventName':
      return [ev.eventName];
    case 'ReadOnly':
      return [String(ev.readOnly)];
    case 'Username': {
      const u = usernameOf(ev);
      return u === undefined ? [] : [u];
    }
    case 'ResourceType':
      return [...new Set((ev.resources ?? []).flatMap((r) => (r.type ? [r.type] : [])))];
    case 'ResourceName':
      return [...new Set((ev.resources ?? []).map((r) => r.ARN))];
    case 'EventSource':
      return [ev.eventSource];
    case 'AccessKeyId':
      return typeof ev.userIdentity['accessKeyId'] === 'string' ? [ev.userIdentity['accessKeyId']] : [];
  }
}
