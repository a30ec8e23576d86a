/**
 * Trail retention, as CloudTrail's LookupEvents has it: 90 days (of simulated time). The sandbox also
 * caps the record count (oldest dropped first): a lab makes hundreds of calls, not millions, and the
 * memory and --data stores keep their trail index in memory. Pruning happens in steps of TRAIL_PRUNE_SLACK, so the
 * count can exceed the cap by that much between two prunes. No imports: the trail page shows these.
 */
export const TRAIL_RETENTION_DAYS = 90;
export const TRAIL_MAX_EVENTS = 5000;
export const TRAIL_PRUNE_SLACK = 250;
