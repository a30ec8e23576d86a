import type { RequestContext } from '../shared/context';
import type { KmsRegionState } from './kms-models';

/** The caller's region of KMS state, created empty on first use (any valid region name works). */
export function kmsRegion(ctx: Pick<RequestContext, 'state' | 'region'>, region = ctx.region): KmsRegionState {
  const regions = ctx.state.kms.regions;
  let r = regions[region];
  if (!r) {
    r = { keys: {}, aliases: {} };
    regions[region] = r;
  }
  return r;
}
