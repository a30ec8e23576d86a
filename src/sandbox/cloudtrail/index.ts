import type { ServiceModule } from '../shared/context';
import { lookupEvents } from './cloudtrail-operations';

/** CloudTrail: only LookupEvents, over the sandbox's own trail (the app reads the trail this way on every backend). */
export const cloudtrailService: ServiceModule = {
  name: 'cloudtrail',
  operations: { LookupEvents: lookupEvents },
  readOnly: new Set(['LookupEvents']),
};
