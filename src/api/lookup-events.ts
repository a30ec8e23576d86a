import { LookupEventsCommand, type Event, type LookupAttribute } from '@aws-sdk/client-cloudtrail';
import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import { markBackground, useConnection } from '../connection';
import type { ConnectionInfo } from '../connection/types';

export interface TrailFilter {
  /** CloudTrail's EventName lookup attribute (Encrypt, Decrypt, CreateKey...). */
  eventName?: string;
  /** CloudTrail's ResourceName lookup attribute: a key ARN or id. */
  resourceName?: string;
}

export interface TrailPage {
  events: Event[];
  nextToken?: string;
}

/**
 * LookupEvents takes ONE lookup attribute per call (AWS rule), so the event name goes to the
 * service and the key is matched here when both are set.
 */
export function lookupAttributes(filter: TrailFilter): LookupAttribute[] | undefined {
  if (filter.eventName) return [{ AttributeKey: 'EventName', AttributeValue: filter.eventName }];
  if (filter.resourceName) return [{ AttributeKey: 'ResourceName', AttributeValue: filter.resourceName }];
  return undefined;
}

export function eventMatchesKey(event: Event, key: string): boolean {
  if (!key) return true;
  const names = (event.Resources ?? []).map((r) => r.ResourceName ?? '');
  return names.some((n) => n === key || n.endsWith(`/${key}`) || n.includes(key)) || (event.CloudTrailEvent ?? '').includes(key);
}

/** cloudtrail:LookupEvents, one page. https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_LookupEvents.html */
export async function lookupEvents(conn: ConnectionInfo, filter: TrailFilter, nextToken?: string): Promise<TrailPage> {
  const ct = await conn.clients.cloudtrail();
  const out = await ct.send(
    markBackground(new LookupEventsCommand({ LookupAttributes: lookupAttributes(filter), MaxResults: 50, NextToken: nextToken })),
  );
  let events = out.Events ?? [];
  if (filter.eventName && filter.resourceName) events = events.filter((e) => eventMatchesKey(e, filter.resourceName ?? ''));
  return { events, nextToken: out.NextToken };
}

export function lookupEventsQueryOptions(conn: ConnectionInfo, filter: TrailFilter) {
  return infiniteQueryOptions({
    queryKey: [...conn.keyPrefix, 'cloudtrail', 'LookupEvents', filter.eventName ?? null, filter.resourceName ?? null] as const,
    queryFn: ({ pageParam }) => lookupEvents(conn, filter, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last: TrailPage) => last.nextToken,
    staleTime: 0,
  });
}

export function useLookupEvents(filter: TrailFilter) {
  return useInfiniteQuery(lookupEventsQueryOptions(useConnection(), filter));
}
