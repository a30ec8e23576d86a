import type { ReactNode } from 'react';
import type { BackendKind } from '../connection/types';

/**
 * Why a step can only run on the sandbox backend. One sentence each, the same wherever a panel
 * needs it, and the same list docs/teacher.md ("Panel steps that stay sandbox-only on aws") gives.
 */
export const SANDBOX_NEEDS = {
  clock: 'Only the sandbox has a clock the lab can move; on a real account time is real, so rotations and deletions arrive on their date.',
  storage: 'AWS never shows how it stores key material, ciphertexts or objects; only the sandbox can open its own storage.',
  'demo-roles':
    'The demo roles (KeyAdminRole, KeyUserRole, AppServerRole and the Lambda role) exist only in the sandbox’s account 111122223333; on a real account every learner is the lab’s guest.',
  administrator: 'On a real account every learner is the lab’s guest: only the sandbox has an administrator the lab may act as.',
  'key-policies': 'The lab’s guest policy denies PutKeyPolicy on a real account, so that a learner cannot open a key to another account.',
  grants: 'The lab’s guest policy denies CreateGrant on a real account: a grant could hand a learner’s key to any principal.',
  'bucket-settings': 'The lab bucket is shared by the whole class: a guest may only read and write objects under its own prefix, never change the bucket.',
  'multi-region': 'The lab’s guest policy denies multi-Region keys: each replica is billed, and the clean-up works in one Region.',
  reset: 'Only the sandbox in this browser can be emptied at once; on a real account the Clean-up lab removes what you created.',
  'enhanced-flow':
    'An endpoint’s Cognito need not add the guest scope-down that AWS adds to enhanced-flow sessions (moto’s adds none), so its answer to CreateKey would not show the lesson.',
} as const satisfies Record<string, string>;

export type SandboxNeed = keyof typeof SANDBOX_NEEDS;

const WHERE: Record<Exclude<BackendKind, 'sandbox'>, string> = { aws: 'On AWS', endpoint: 'On this endpoint' };

interface NoticeProps {
  /** The active backend; the notice renders nothing on the sandbox. */
  backend: BackendKind;
  /** The step, named as the panel names it ("Move the clock +365 days"). */
  step: string;
  /** What the step needs that only the sandbox has. */
  need: SandboxNeed;
  /** A line about what the learner can do instead on this backend. */
  instead?: ReactNode;
}

/**
 * Says plainly that a step is sandbox-only on the aws and endpoint backends, instead of letting it
 * fail there. Nothing on the sandbox. Every panel uses this one notice (docs/app-shell.md).
 */
export function SandboxOnlyNotice({ backend, step, need, instead }: NoticeProps) {
  if (backend === 'sandbox') return null;
  return (
    <div role="note" aria-label={`Sandbox only: ${step}`} data-sandbox-only={need} className="rounded-lg border border-warn bg-warn-soft p-3 text-sm text-fg">
      <p>
        <strong>Sandbox only: {step}.</strong> {WHERE[backend]} this step does not run. {SANDBOX_NEEDS[need]}
      </p>
      {instead && <p className="mt-1">{instead}</p>}
      <p className="mt-1">
        To try it, choose the sandbox backend in <a href="#/settings">Settings</a>.
      </p>
    </div>
  );
}

interface GateProps extends NoticeProps {
  /** The step's controls, shown on the sandbox only. */
  children: ReactNode;
}

/** The step's controls on the sandbox; the notice in their place on aws and endpoint. */
export function SandboxOnly({ children, ...notice }: GateProps) {
  return notice.backend === 'sandbox' ? <>{children}</> : <SandboxOnlyNotice {...notice} />;
}
