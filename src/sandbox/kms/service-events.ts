import type { RequestContext } from '../shared/context';
import { uuidV4 } from '../shared/ids';
import type { Principal } from '../shared/principal';
import { appendTrailEvent, buildTrailEvent } from '../shared/trail';
import type { KmsKey } from './kms-models';

type EventCtx = Pick<RequestContext, 'state' | 'randomBytes'>;

const AWS_INTERNAL = 'AWS Internal';

/**
 * What KMS does on its own (automatic and completed on-demand rotations, deleting a key when its
 * waiting period ends, deleting expired imported material) is recorded as an AwsServiceEvent, as
 * the KMS developer guide's ct-rotatekey / ct-deletekey examples show: userIdentity holds only the
 * account and `invokedBy: "AWS Internal"`, no request or response, the key in `resources`.
 */
export function recordKmsServiceEvent(
  ctx: EventCtx,
  key: KmsKey,
  eventName: 'RotateKey' | 'DeleteKey' | 'DeleteExpiredKeyMaterial' | 'SynchronizeMultiRegionKey',
  time: number,
  serviceEventDetails?: Record<string, unknown>,
): void {
  const principal: Principal = {
    type: 'AWSService',
    arn: AWS_INTERNAL,
    accountId: key.accountId,
    principalId: AWS_INTERNAL,
    identityPolicies: [],
  };
  const ev = buildTrailEvent({
    service: 'kms',
    operation: eventName,
    region: key.region,
    accountId: key.accountId,
    requestId: uuidV4(ctx.randomBytes),
    eventId: uuidV4(ctx.randomBytes),
    time,
    readOnly: false,
    principal,
    invokedBy: AWS_INTERNAL,
    sourceIp: AWS_INTERNAL,
    userAgent: AWS_INTERNAL,
    input: undefined,
    audit: {
      requestParameters: null,
      responseElements: null,
      resources: [{ ARN: key.arn, accountId: key.accountId, type: 'AWS::KMS::Key' }],
    },
  });
  ev.userIdentity = { accountId: key.accountId, invokedBy: AWS_INTERNAL };
  ev.eventType = 'AwsServiceEvent';
  if (serviceEventDetails) ev.serviceEventDetails = serviceEventDetails;
  appendTrailEvent(ctx.state, ev);
}

/** serviceEventDetails of a RotateKey event. */
export function rotationDetails(key: KmsKey, rotationType: 'AUTOMATIC' | 'ON_DEMAND', previous: string | undefined, current: string | undefined) {
  const d: Record<string, unknown> = { rotationType, keyOrigin: key.origin };
  if (previous) d['previousKeyMaterialId'] = previous;
  if (current) d['currentKeyMaterialId'] = current;
  d['keyId'] = key.keyId;
  return d;
}
