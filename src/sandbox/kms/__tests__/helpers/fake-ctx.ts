import type { AuthzRequest, RequestContext } from '../../../shared/context';
import type { SandboxState } from '../../../shared/state';
import { kmsService } from '../../index';
import { runOperation } from '../../../protocol/validate';

/**
 * A minimal RequestContext for unit tests of the key-management operations: authorisation allows
 * everything (and records what was asked), the clock is a number the test moves.
 */
export function fakeKms(region = 'us-east-1') {
  const clock = { t: Date.UTC(2026, 0, 1) };
  const state = {
    schemaVersion: 1,
    clock: { offsetMs: 0 },
    kms: { regions: {} },
    cognito: {},
    trail: { events: [], nextSeq: 0 },
  } as unknown as SandboxState;
  const authz: AuthzRequest[] = [];
  const policies: string[] = [];
  let last: RequestContext | undefined;
  const makeCtx = (operation: string): RequestContext =>
    ({
      service: 'kms',
      operation,
      region,
      accountId: '111122223333',
      requestId: 'r',
      caller: { type: 'IAMUser', arn: 'arn:aws:iam::111122223333:user/lab-admin', accountId: '111122223333', principalId: 'AIDA', identityPolicies: [] },
      now: () => clock.t,
      wallNow: () => clock.t,
      randomBytes: (n: number) => crypto.getRandomValues(new Uint8Array(n)),
      subtle: crypto.subtle,
      state,
      cache: new Map(),
      authorize: (r: AuthzRequest) => {
        authz.push(r);
      },
      validateKeyPolicy: (p: string) => {
        policies.push(p);
      },
      issueCredentials: () => {
        throw new Error('no');
      },
      callService: () => Promise.reject(new Error('no')),
      audit: {},
    }) as unknown as RequestContext;
  async function call<T = any>(op: string, input: unknown = {}): Promise<T> {
    if (!kmsService.operations[op]) throw new Error(`no op ${op}`);
    last = makeCtx(op);
    // As the engine runs it: the validation layer, then the operation.
    return (await runOperation(kmsService, op, (input ?? {}) as Record<string, unknown>, last)) as T;
  }
  return {
    call,
    clock,
    state,
    authz,
    policies,
    lastAudit: () => last?.audit,
    runDue: () =>
      kmsService.runDue!({
        now: () => clock.t,
        state,
        randomBytes: (n: number) => crypto.getRandomValues(new Uint8Array(n)),
        subtle: crypto.subtle,
        cache: new Map(),
      }),
  };
}
