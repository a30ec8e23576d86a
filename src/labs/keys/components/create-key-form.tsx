import { useId, useMemo, useRef, useState } from 'react';
import { Button, CodeBlock, ErrorExplainer, SandboxOnlyNotice } from '../../../components';
import { useCreateAlias, useCreateKey, labTags } from '../../../api';
import { useConnection } from '../../../connection';
import { useScheduleKeyDeletion } from '../api/schedule-key-deletion';
import { isAccountId, isPrincipalArn, keyPolicyText } from '../lib/key-policy';
import { checkAlias, GUIDE_ALIAS } from '../lib/alias';
import { DEMO_ROLES, splitArns } from '../lib/demo-principals';
import { KEY_KINDS, kindInfo, USAGE_LABELS, type KeyKind, type LabKeyUsage } from '../lib/key-specs';

interface PrincipalPickerProps {
  legend: string;
  step: string;
  chosen: string[];
  onChosen: (arns: string[]) => void;
  typed: string;
  onTyped: (text: string) => void;
  /** The sandbox's demo roles as ticks: they exist only in the sandbox's account. */
  demoRoles: boolean;
  children?: React.ReactNode;
}

function PrincipalPicker({ legend, step, chosen, onChosen, typed, onTyped, demoRoles, children }: PrincipalPickerProps) {
  const typedId = useId();
  const bad = splitArns(typed).filter((a) => !isPrincipalArn(a));
  return (
    <fieldset className="rounded-md border border-line p-3">
      <legend className="px-1 font-medium">
        {legend} <span className="text-sm font-normal text-muted">({step})</span>
      </legend>
      {children}
      {demoRoles && (
        <div className="flex flex-wrap gap-x-4 gap-y-1">
          {DEMO_ROLES.map((role) => (
            <label key={role.arn} className="inline-flex items-center gap-2 text-sm">
              <input
                type="checkbox"
                className="size-4"
                checked={chosen.includes(role.arn)}
                onChange={(e) => onChosen(e.target.checked ? [...chosen, role.arn] : chosen.filter((a) => a !== role.arn))}
              />
              {role.name}
            </label>
          ))}
        </div>
      )}
      <label htmlFor={typedId} className="mt-2 block text-sm">
        Other principal ARNs for {legend.toLowerCase()} (one per line)
      </label>
      <textarea
        id={typedId}
        rows={2}
        value={typed}
        onChange={(e) => onTyped(e.target.value)}
        placeholder="arn:aws:iam::111122223333:user/alice"
        className="mt-1 w-full rounded-lg border border-line bg-surface p-2 font-mono text-xs"
        aria-invalid={bad.length > 0}
      />
      {bad.length > 0 && (
        <p className="text-sm text-danger">
          Not an IAM user, role or root ARN (so not in the policy, and Create key waits until it is fixed or removed): {bad.join(', ')}
        </p>
      )}
    </fieldset>
  );
}

interface Props {
  defaultAccountId: string;
}

interface Orphan {
  keyId: string;
  arn?: string;
  alias: string;
}

/** The guide's Part I, steps 01-07, with the key policy previewed before CreateKey runs. */
export function CreateKeyForm({ defaultAccountId }: Props) {
  const ids = { alias: useId(), description: useId(), account: useId(), policy: useId(), spec: useId(), retry: useId() };
  const conn = useConnection();
  const guest = labTags(conn) !== undefined;
  // The guest policy denies PutKeyPolicy, so KMS's lock-out check refuses a guest's CreateKey that
  // carries a Policy (the guest could not change it afterwards) and bypassing the check is denied too.
  // On the sandbox the lab's administrator sends that CreateKey, tagged as the guest's; on AWS a
  // guest's key gets the default key policy (docs/teacher.md).
  const policyByAdmin = guest && conn.backend === 'sandbox' && conn.clients.kmsAs !== undefined;
  const ownPolicy = !guest || policyByAdmin;
  const [kind, setKind] = useState<KeyKind>('symmetric');
  const info = kindInfo(kind);
  const [specChoice, setSpec] = useState('SYMMETRIC_DEFAULT');
  const spec = info.specs.includes(specChoice) ? specChoice : (info.specs[0] as string);
  const usages = info.usages(spec);
  const [usageChoice, setUsage] = useState<LabKeyUsage>('ENCRYPT_DECRYPT');
  const usage = usages.includes(usageChoice) ? usageChoice : (usages[0] as LabKeyUsage);
  const [alias, setAlias] = useState(`lab-${GUIDE_ALIAS}`);
  const [description, setDescription] = useState('Customer managed key for application data');
  const [accountOverride, setAccountId] = useState<string>();
  const accountId = accountOverride ?? defaultAccountId;
  // The demo roles live in the sandbox's account only: on AWS a key policy naming them is refused (invalid principals).
  const demoRoles = conn.backend === 'sandbox';
  const [admins, setAdmins] = useState<string[]>(demoRoles ? [DEMO_ROLES[0].arn] : []);
  const [adminText, setAdminText] = useState('');
  const [users, setUsers] = useState<string[]>(demoRoles ? [DEMO_ROLES[1].arn, DEMO_ROLES[2].arn] : []);
  const [userText, setUserText] = useState('');
  const [orphan, setOrphan] = useState<Orphan>();
  const [retryAlias, setRetryAlias] = useState('');
  const [done, setDone] = useState<{ alias: string; keyId: string; arn?: string }>();
  const createKey = useCreateKey();
  const createAlias = useCreateAlias();
  const retry = useCreateAlias();
  const schedule = useScheduleKeyDeletion();
  const resultRef = useRef<HTMLDivElement>(null);

  const badPrincipals = [...splitArns(adminText), ...splitArns(userText)].filter((a) => !isPrincipalArn(a));
  const administrators = ownPolicy ? [...admins, ...splitArns(adminText).filter(isPrincipalArn)] : [];
  const keyUsers = ownPolicy ? [...users, ...splitArns(userText).filter(isPrincipalArn)] : [];
  const policy = useMemo(
    () => keyPolicyText({ accountId, administrators, users: keyUsers, keySpec: spec, keyUsage: usage }),
    // The arrays are rebuilt each render; their contents are what matters.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [accountId, administrators.join(), keyUsers.join(), spec, usage],
  );
  const aliasCheck = checkAlias(alias, guest);
  const problem =
    aliasCheck.problem ??
    (isAccountId(accountId) ? undefined : 'The account id is 12 digits.') ??
    (ownPolicy && badPrincipals.length > 0 ? 'A principal line is not an IAM user, role or root ARN: fix or remove it first.' : undefined);
  const pending = createKey.isPending || createAlias.isPending;
  const retryCheck = checkAlias(retryAlias, guest);

  function show() {
    // The result may sit below the fold on a phone or a projector: bring it into view.
    requestAnimationFrame(() => resultRef.current?.scrollIntoView({ block: 'nearest' }));
  }

  async function create() {
    createAlias.reset();
    retry.reset();
    schedule.reset();
    setOrphan(undefined);
    setDone(undefined);
    const name = aliasCheck.name;
    const result = await createKey.mutateAsync({
      Description: description,
      ...(ownPolicy ? { Policy: policy } : {}),
      KeySpec: spec as 'SYMMETRIC_DEFAULT',
      KeyUsage: usage,
      Tags: labTags(conn),
      ...(policyByAdmin ? { as: 'lab-admin' as const } : {}),
    });
    const meta = result.KeyMetadata;
    if (!meta?.KeyId) return;
    try {
      await createAlias.mutateAsync({ AliasName: name, TargetKeyId: meta.KeyId });
      setDone({ alias: name, keyId: meta.KeyId, arn: meta.Arn });
      // A second click must not make a second key under the same name: the form starts afresh.
      setAlias('');
    } catch {
      setOrphan({ keyId: meta.KeyId, arn: meta.Arn, alias: name });
      setRetryAlias(checkAlias(alias, guest).suggestion ?? '');
    } finally {
      show();
    }
  }

  async function addAlias() {
    if (!orphan || retryCheck.problem) return;
    await retry.mutateAsync({ AliasName: retryCheck.name, TargetKeyId: orphan.keyId }).catch(() => undefined);
  }

  return (
    <section aria-labelledby="create-key-heading" className="space-y-3">
      <h2 id="create-key-heading" className="text-lg font-semibold">
        Create a customer managed key (guide, Part I)
      </h2>
      <form
        className="grid gap-4 *:min-w-0 lg:grid-cols-2"
        onSubmit={(e) => {
          e.preventDefault();
          if (!problem) create().catch(() => show());
        }}
      >
        <div className="min-w-0 space-y-3">
          <fieldset className="rounded-md border border-line p-3">
            <legend className="px-1 font-medium">
              Key type <span className="text-sm font-normal text-muted">(step 02)</span>
            </legend>
            <div className="flex flex-wrap gap-x-4 gap-y-1">
              {KEY_KINDS.map((k) => (
                <label key={k.kind} className="inline-flex items-center gap-2 text-sm">
                  <input type="radio" name={`${ids.spec}-kind`} checked={kind === k.kind} onChange={() => setKind(k.kind)} />
                  {k.label}
                </label>
              ))}
            </div>
            <p className="mt-2 text-sm text-muted">{info.note}</p>
            {info.specs.length > 1 && (
              <div className="mt-2">
                <label htmlFor={ids.spec} className="block text-sm font-medium">
                  Key spec
                </label>
                <select
                  id={ids.spec}
                  value={spec}
                  onChange={(e) => setSpec(e.target.value)}
                  className="mt-1 rounded-lg border border-line bg-surface p-2 font-mono text-sm"
                >
                  {info.specs.map((s) => (
                    <option key={s}>{s}</option>
                  ))}
                </select>
              </div>
            )}
            <fieldset className="mt-2">
              <legend className="text-sm font-medium">Key usage</legend>
              <div className="flex flex-wrap gap-x-4 gap-y-1">
                {usages.map((u) => (
                  <label key={u} className="inline-flex items-center gap-2 text-sm">
                    <input type="radio" name={`${ids.spec}-usage`} checked={usage === u} onChange={() => setUsage(u)} />
                    {USAGE_LABELS[u]}
                  </label>
                ))}
              </div>
            </fieldset>
            {kind === 'symmetric' && <p className="mt-1 font-mono text-sm">SYMMETRIC_DEFAULT, AES-256-GCM</p>}
          </fieldset>
          <div>
            <label htmlFor={ids.alias} className="block text-sm font-medium">
              Alias (step 03)
            </label>
            <div className="mt-1 flex items-center rounded-lg border border-line bg-surface">
              <span className="pl-2 font-mono text-sm text-muted" aria-hidden="true">
                alias/
              </span>
              <input
                id={ids.alias}
                value={alias}
                onChange={(e) => setAlias(e.target.value.trim().replace(/^alias\//, ''))}
                aria-invalid={aliasCheck.problem !== undefined}
                aria-describedby={`${ids.alias}-hint`}
                className="w-full min-w-0 bg-transparent p-2 font-mono text-sm outline-none"
              />
            </div>
            <p id={`${ids.alias}-hint`} className={`mt-1 text-sm ${aliasCheck.problem ? 'text-danger' : 'text-muted'}`}>
              {aliasCheck.problem ??
                (guest
                  ? `The guide names it ${GUIDE_ALIAS}; the lab’s guest role may create aliases only under alias/lab-. Typing alias/ is optional. Code refers to the alias, so the key behind it can change.`
                  : `The guide names it ${GUIDE_ALIAS}. Typing alias/ is optional. Code refers to the alias, so the key behind it can change.`)}
            </p>
            {aliasCheck.suggestion && (
              <Button size="sm" className="mt-1" onClick={() => setAlias((aliasCheck.suggestion ?? '').replace(/^alias\//, ''))}>
                Use {aliasCheck.suggestion}
              </Button>
            )}
          </div>
          <div>
            <label htmlFor={ids.description} className="block text-sm font-medium">
              Description
            </label>
            <input
              id={ids.description}
              value={description}
              onChange={(e) => setDescription(e.target.value)}
              className="mt-1 w-full rounded-lg border border-line bg-surface p-2 text-sm"
            />
          </div>
          {ownPolicy ? (
            <>
              <SandboxOnlyNotice
                backend={conn.backend}
                step="Ticking the demo roles as key administrators and users"
                need="demo-roles"
                instead="Type principal ARNs of this account instead, one per line (a role or user that exists here), or leave both lists empty: the root statement alone is the default key policy."
              />
              <PrincipalPicker demoRoles={demoRoles} legend="Key administrators" step="step 04" chosen={admins} onChosen={setAdmins} typed={adminText} onTyped={setAdminText}>
                <p className="mb-2 text-sm">They manage the key (policy, rotation, deletion) but cannot encrypt or decrypt with it.</p>
              </PrincipalPicker>
              <PrincipalPicker demoRoles={demoRoles} legend="Key users" step="step 05" chosen={users} onChosen={setUsers} typed={userText} onTyped={setUserText}>
                <p className="mb-2 text-sm">
                  They use the key for cryptography and may let AWS services use it through grants. The guide's step 05 says “Key administrators” again:
                  a slip — this step chooses the key <em>users</em>.
                </p>
              </PrincipalPicker>
            </>
          ) : (
            <SandboxOnlyNotice
              backend={conn.backend}
              step="Writing the key policy yourself (key administrators and users, steps 04–05)"
              need="key-policies"
              instead="So KMS’s lock-out check would refuse a Policy from you: CreateKey goes without one, and KMS attaches the default key policy shown here. Its one statement lets this account’s IAM policies (your guest role’s) decide."
            />
          )}
          <div>
            <label htmlFor={ids.account} className="block text-sm font-medium">
              Account for the root statement
            </label>
            <input
              id={ids.account}
              value={accountId}
              inputMode="numeric"
              onChange={(e) => setAccountId(e.target.value.trim())}
              aria-invalid={!isAccountId(accountId)}
              className="mt-1 w-40 rounded-lg border border-line bg-surface p-2 font-mono text-sm"
            />
          </div>
        </div>
        <div className="min-w-0 space-y-2">
          <h3 id={ids.policy} className="font-medium">
            Key policy these choices produce (step 06)
          </h3>
          <p className="text-sm">
            {ownPolicy ? (
              <>
                This exact document goes to CreateKey as <code>Policy</code>. The first statement lets IAM policies in the account grant access; without it
                only the principals named here could ever use or manage the key. The key users' actions follow the key type and usage.
              </>
            ) : (
              <>
                CreateKey goes without <code>Policy</code>, so KMS attaches this default key policy. Its one statement lets IAM policies in the account grant
                access, which is how your guest role uses and manages the key.
              </>
            )}
          </p>
          {policyByAdmin && (
            <p className="text-sm">
              On the sandbox this CreateKey is sent by the lab&apos;s administrator (lab-admin), tagged as yours. The lab&apos;s guest role may not call
              PutKeyPolicy, and KMS&apos;s lock-out check refuses a <code>Policy</code> from a caller who could not change it afterwards. Watch it in the
              inspector.
            </p>
          )}
          <CodeBlock code={policy} language="json" label="Key policy preview" />
          {labTags(conn) && (
            <p className="text-sm">
              Tag sent with CreateKey: <code className="break-all">lab-owner = {conn.identityId}</code> — the lab's guest role may only create keys
              tagged with its own identity, and may manage only those.
            </p>
          )}
          <Button type="submit" variant="primary" busy={pending} disabled={problem !== undefined}>
            Create key
          </Button>
          {problem && <p className="text-sm text-danger">{problem}</p>}
          <div ref={resultRef} aria-live="polite" className="space-y-2">
            {createKey.error && <ErrorExplainer error={createKey.error} operation="CreateKey" />}
            {orphan && (
              <div role="alert" className="space-y-2 rounded-md border border-danger bg-danger-soft p-3 text-sm">
                <p className="font-semibold">The key was created, but its alias was refused.</p>
                <p>
                  Key <span className="break-all font-mono">{orphan.keyId}</span> exists now with no alias ({orphan.alias} failed:{' '}
                  {createAlias.error?.name ?? 'error'}). On a real account it costs $1 a month until it is deleted. Give it another alias, or schedule
                  its deletion.
                </p>
                {createAlias.error && <ErrorExplainer error={createAlias.error} operation="CreateAlias" />}
                <div className="flex flex-wrap items-end gap-2">
                  <div>
                    <label htmlFor={ids.retry} className="block text-sm font-medium">
                      Another alias for this key
                    </label>
                    <input
                      id={ids.retry}
                      value={retryAlias}
                      onChange={(e) => setRetryAlias(e.target.value.trim())}
                      aria-invalid={retryCheck.problem !== undefined}
                      className="mt-1 rounded-lg border border-line bg-surface p-2 font-mono text-sm"
                    />
                  </div>
                  <Button busy={retry.isPending} disabled={retryCheck.problem !== undefined || retry.isSuccess} onClick={() => void addAlias()}>
                    Add this alias
                  </Button>
                  <Button
                    variant="danger"
                    busy={schedule.isPending}
                    disabled={schedule.isSuccess}
                    onClick={() => schedule.mutate({ KeyId: orphan.keyId, PendingWindowInDays: 7 })}
                  >
                    Schedule its deletion (7 days)
                  </Button>
                </div>
                {retryAlias && retryCheck.problem && <p className="text-danger">{retryCheck.problem}</p>}
                {retry.error && <ErrorExplainer error={retry.error} operation="CreateAlias" />}
                {retry.isSuccess && (
                  <p role="status" className="font-medium">
                    Key {orphan.keyId} now has alias {retry.variables?.AliasName}.
                  </p>
                )}
                {schedule.error && <ErrorExplainer error={schedule.error} operation="ScheduleKeyDeletion" />}
                {schedule.isSuccess && (
                  <p role="status" className="font-medium">
                    Key {orphan.keyId} is pending deletion (7 days); cancel it from the key list if you change your mind.
                  </p>
                )}
              </div>
            )}
            {done && (
              <div role="status" className="rounded-md border border-ok bg-ok-soft p-3 text-sm">
                <p className="font-medium">
                  Your KMS key was created with alias {done.alias} and key ID {done.keyId}.
                </p>
                <p className="mt-1 break-all font-mono text-sm">{done.arn}</p>
                <p className="mt-1">The alias field is empty again: a second key needs a new name.</p>
              </div>
            )}
          </div>
        </div>
      </form>
    </section>
  );
}
