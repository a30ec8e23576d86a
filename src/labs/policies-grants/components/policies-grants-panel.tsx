import { useState } from 'react';
import { Button, CodeBlock, SandboxOnlyNotice } from '../../../components';
import { useConnection, type DemoPrincipal } from '../../../connection';
import { OwnIdentityGrants } from './own-identity-grants';
import { actingAvailable, useGetKeyPolicy, useListGrants, useRunStep, type Step, type StepResult } from '../api/policy-steps';

const GRANT_CONTEXT = { tenant: 'blue' };
const OTHER_CONTEXT = { tenant: 'red' };

/**
 * Who may do what with a key: the key policy decides first (trap 3), the console's administrators
 * and users split management from use, the lock-out check guards PutKeyPolicy, and a grant gives
 * one principal narrow, revocable use (scenario 5). Every call runs as one of the sandbox's demo
 * principals; the log and the inspector say which.
 */
export function PoliciesGrantsPanel() {
  const conn = useConnection();
  const run = useRunStep();
  const [key, setKey] = useState<{ keyId: string; keyArn: string } | undefined>();
  const [grantId, setGrantId] = useState<string | undefined>();
  const [log, setLog] = useState<StepResult[]>([]);
  const policy = useGetKeyPolicy(key?.keyId);
  const grants = useListGrants(key?.keyId);

  if (!actingAvailable(conn)) {
    return (
      <div className="space-y-6">
        <div className="space-y-2">
          <SandboxOnlyNotice
            backend={conn.backend}
            step="Acting as KeyAdminRole, KeyUserRole and AppServerRole"
            need="demo-roles"
            instead="The questions below work on every backend; their PutKeyPolicy experiments run on the sandbox only."
          />
          {/* On aws the guest policy refuses these; an endpoint's own keys may make them (below). */}
          {conn.backend === 'aws' && (
            <>
              <SandboxOnlyNotice backend={conn.backend} step="Replacing a key policy (PutKeyPolicy)" need="key-policies" />
              <SandboxOnlyNotice backend={conn.backend} step="Creating, retiring and revoking grants" need="grants" />
            </>
          )}
        </div>
        {conn.backend === 'endpoint' && <OwnIdentityGrants />}
      </div>
    );
  }

  async function go(step: Step) {
    const out = await run.mutateAsync({ step, ctx: key ?? {} });
    if (out.keyId && out.keyArn) {
      setKey({ keyId: out.keyId, keyArn: out.keyArn });
      setGrantId(undefined);
    }
    if (out.grantId) setGrantId(out.grantId);
    setLog((l) => [out.result, ...l].slice(0, 30));
  }

  const needKey = key === undefined || run.isPending;
  const btn = (label: string, step: Step, disabled = needKey) => (
    <Button size="sm" onClick={() => void go(step)} disabled={disabled}>
      {label}
    </Button>
  );
  const encryptAs = (who: DemoPrincipal, context?: Record<string, string>) => ({ kind: 'encrypt', as: who, context }) as const;

  return (
    <div className="space-y-8">
      <section aria-labelledby="pg-key" className="space-y-3">
        <h2 id="pg-key" className="text-lg font-semibold">
          A key with the default key policy
        </h2>
        <p>
          The default policy has one statement, “Enable IAM User Permissions”: the account root may do <code>kms:*</code>.
          That does not open the key to everyone; it lets the account&apos;s IAM policies decide. KeyUserRole&apos;s IAM policy allows
          Encrypt and Decrypt, so with this statement in place it may use the key.
        </p>
        <div className="flex flex-wrap gap-2">
          <Button variant="primary" size="sm" onClick={() => void go({ kind: 'create-key' })} busy={run.isPending && key === undefined}>
            Create the lab key (as lab-admin)
          </Button>
          {btn('Encrypt as KeyUserRole', encryptAs('KeyUserRole'))}
        </div>
        {key && (
          <p className="text-sm text-muted">
            Key: <code>{key.keyArn}</code>
          </p>
        )}
      </section>

      <section aria-labelledby="pg-trap3" className="space-y-3">
        <h2 id="pg-trap3" className="text-lg font-semibold">
          Trap 3: remove “Enable IAM User Permissions”
        </h2>
        <p>
          Replace the policy with one that names only the lab administrator. KeyUserRole&apos;s IAM policy is unchanged, yet its
          Encrypt now fails: without the root statement, IAM policies give nothing on this key.
        </p>
        <div className="flex flex-wrap gap-2">
          {btn('Remove the IAM statement (as lab-admin)', { kind: 'put-policy', as: 'lab-admin', policy: 'without-iam' })}
          {btn('Encrypt as KeyUserRole again', encryptAs('KeyUserRole'))}
          {btn('Put back the default policy', { kind: 'put-policy', as: 'lab-admin', policy: 'default' })}
        </div>
        <p>
          The lock-out safety check: a policy under which the caller could no longer change the policy is refused with
          MalformedPolicyDocumentException, unless BypassPolicyLockoutSafetyCheck is set.
        </p>
        {btn('Try a policy that names only KeyUserRole', { kind: 'put-policy', as: 'lab-admin', policy: 'lockout' })}
      </section>

      <section aria-labelledby="pg-roles" className="space-y-3">
        <h2 id="pg-roles" className="text-lg font-semibold">
          Key administrators and key users
        </h2>
        <p>
          The console writes one statement for administrators (Create*, Put*, Revoke*, Disable*, ScheduleKeyDeletion…, no
          Encrypt) and one for users (Encrypt, Decrypt, ReEncrypt*, GenerateDataKey*, DescribeKey). Administrators cannot use the
          key, but <code>kms:Put*</code> lets them rewrite the policy, including a statement that lets themselves use it: treat
          key administrators as trusted.
        </p>
        <div className="flex flex-wrap gap-2">
          {btn('Apply the console policy (as lab-admin)', { kind: 'put-policy', as: 'lab-admin', policy: 'console' })}
          {btn('Encrypt as KeyAdminRole', encryptAs('KeyAdminRole'))}
          {btn('KeyUserRole rewrites the policy', { kind: 'put-policy', as: 'KeyUserRole', policy: 'self-grant' })}
          {btn('KeyAdminRole rewrites the policy for itself', { kind: 'put-policy', as: 'KeyAdminRole', policy: 'self-grant' })}
        </div>
      </section>

      <section aria-labelledby="pg-grants" className="space-y-3">
        <h2 id="pg-grants" className="text-lg font-semibold">
          A grant with an encryption context constraint
        </h2>
        <p>
          Start from a policy that names only the administrator, then grant AppServerRole Encrypt and Decrypt only when the
          encryption context is exactly <code>{'{"tenant":"blue"}'}</code>, with KeyAdminRole as the retiring principal. Grants
          need no policy edit, take effect at once here (on AWS within minutes; a grant token works at once), and never override
          an explicit Deny.
        </p>
        <div className="flex flex-wrap gap-2">
          {btn('Policy: administrator only', { kind: 'put-policy', as: 'lab-admin', policy: 'without-iam' })}
          {btn('Encrypt as AppServerRole (tenant=blue)', encryptAs('AppServerRole', GRANT_CONTEXT))}
          {btn('Create the grant (as lab-admin)', { kind: 'create-grant', context: GRANT_CONTEXT })}
          {btn('Encrypt as AppServerRole (tenant=red)', encryptAs('AppServerRole', OTHER_CONTEXT))}
          {btn('Retire the grant (as KeyAdminRole)', { kind: 'retire-grant', as: 'KeyAdminRole', grantId: grantId ?? '' }, needKey || !grantId)}
          {btn('Revoke the grant (as lab-admin)', { kind: 'revoke-grant', grantId: grantId ?? '' }, needKey || !grantId)}
        </div>
        {key && (
          <div>
            <h3 className="font-semibold">ListGrants</h3>
            {grants.data && grants.data.length === 0 && <p className="text-sm text-muted">No grants on this key.</p>}
            <ul aria-label="Grants on the lab key" className="text-sm">
              {grants.data?.map((g) => (
                <li key={g.GrantId}>
                  <code>{g.Name || g.GrantId?.slice(0, 12)}</code>: {g.GranteePrincipal} may {g.Operations?.join(', ')}
                  {g.Constraints?.EncryptionContextEquals ? ` when the context equals ${JSON.stringify(g.Constraints.EncryptionContextEquals)}` : ''}
                </li>
              ))}
            </ul>
          </div>
        )}
      </section>

      <section aria-labelledby="pg-cross" className="space-y-3">
        <h2 id="pg-cross" className="text-lg font-semibold">
          A cross-account use between the two accounts
        </h2>
        <p>
          The sandbox holds a second account, 444455556666. Using this key from there needs two halves: the key policy here must
          name that account (or one of its principals), and an IAM policy there must allow the action on this key. Either half
          alone gives nothing. The other account names the key by its ARN; a bare key id or alias name always means the
          caller&apos;s own account.
        </p>
        <ul className="ml-5 list-disc text-sm">
          <li>
            <strong>PartnerAppRole</strong> (444455556666): its IAM policy allows Encrypt and Decrypt on this account&apos;s keys.
          </li>
          <li>
            <strong>PartnerLocalRole</strong> (444455556666): its IAM policy names only its own account&apos;s keys.
          </li>
        </ul>
        <div className="flex flex-wrap gap-2">
          {btn('Put back the default policy', { kind: 'put-policy', as: 'lab-admin', policy: 'default' })}
          {btn('Encrypt as PartnerAppRole (no key policy statement)', { kind: 'cross-account-encrypt', as: 'PartnerAppRole', by: 'arn' })}
          {btn('Allow account 444455556666 in the key policy (as lab-admin)', { kind: 'put-policy', as: 'lab-admin', policy: 'cross-account' })}
          {btn('Encrypt as PartnerLocalRole (no IAM policy)', { kind: 'cross-account-encrypt', as: 'PartnerLocalRole', by: 'arn' })}
          {btn('Encrypt as PartnerAppRole (both halves)', { kind: 'cross-account-encrypt', as: 'PartnerAppRole', by: 'arn' })}
          {btn("Encrypt as the other account's administrator", { kind: 'cross-account-encrypt', as: 'partner-admin', by: 'arn' })}
          {btn("The administrator names the key by its bare id", { kind: 'cross-account-encrypt', as: 'partner-admin', by: 'key-id' })}
        </div>
      </section>

      <section aria-labelledby="pg-log" className="space-y-3">
        <h2 id="pg-log" className="text-lg font-semibold">
          What happened
        </h2>
        <div role="log" aria-label="Calls and their outcomes">
          <ol className="space-y-1 text-sm">
          {log.map((r) => (
            <li key={r.id} className={r.ok ? '' : 'text-danger'}>
              <span className="font-semibold">as {r.as}</span> · {r.operation} → <span className="font-mono break-words">{r.ok ? r.summary : r.summary}</span>
            </li>
          ))}
          </ol>
        </div>
        {policy.data && (
          <details>
            <summary>The key policy now</summary>
            <CodeBlock code={policy.data} language="json" />
          </details>
        )}
      </section>
    </div>
  );
}
