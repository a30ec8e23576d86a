import { useId, useMemo, useState } from 'react';
import { Button, CodeBlock, ErrorExplainer } from '../../../components';
import { useCreateAlias, useCreateKey, labTags } from '../../../api';
import { useConnection } from '../../../connection';
import { isAccountId, isPrincipalArn, keyPolicyText } from '../lib/key-policy';
import { aliasProblem } from '../lib/alias';
import { DEMO_ROLES, splitArns } from '../lib/demo-principals';

interface PrincipalPickerProps {
  legend: string;
  step: string;
  chosen: string[];
  onChosen: (arns: string[]) => void;
  typed: string;
  onTyped: (text: string) => void;
  children?: React.ReactNode;
}

function PrincipalPicker({ legend, step, chosen, onChosen, typed, onTyped, children }: PrincipalPickerProps) {
  const typedId = useId();
  const bad = splitArns(typed).filter((a) => !isPrincipalArn(a));
  return (
    <fieldset className="rounded-md border border-line p-3">
      <legend className="px-1 font-medium">
        {legend} <span className="text-sm font-normal text-muted">({step})</span>
      </legend>
      {children}
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
        <p className="text-sm text-danger">Not an IAM user, role or root ARN: {bad.join(', ')}</p>
      )}
    </fieldset>
  );
}

interface Props {
  defaultAccountId: string;
}

/** The guide's Part I, steps 01-07, with the key policy previewed before CreateKey runs. */
export function CreateKeyForm({ defaultAccountId }: Props) {
  const ids = { alias: useId(), description: useId(), account: useId(), policy: useId() };
  const conn = useConnection();
  const [alias, setAlias] = useState('lab-app-encryption-key');
  const [description, setDescription] = useState('Customer managed key for application data');
  const [accountOverride, setAccountId] = useState<string>();
  const accountId = accountOverride ?? defaultAccountId;
  const [admins, setAdmins] = useState<string[]>([DEMO_ROLES[0].arn]);
  const [adminText, setAdminText] = useState('');
  const [users, setUsers] = useState<string[]>([DEMO_ROLES[1].arn, DEMO_ROLES[2].arn]);
  const [userText, setUserText] = useState('');
  const createKey = useCreateKey();
  const createAlias = useCreateAlias();

  const administrators = [...admins, ...splitArns(adminText).filter(isPrincipalArn)];
  const keyUsers = [...users, ...splitArns(userText).filter(isPrincipalArn)];
  const policy = useMemo(
    () => keyPolicyText({ accountId, administrators, users: keyUsers }),
    // The arrays are rebuilt each render; their contents are what matters.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [accountId, administrators.join(), keyUsers.join()],
  );
  const problem = aliasProblem(alias) ?? (isAccountId(accountId) ? undefined : 'The account id is 12 digits.');
  const pending = createKey.isPending || createAlias.isPending;
  const created = createKey.data?.KeyMetadata;

  async function create() {
    createAlias.reset();
    const result = await createKey.mutateAsync({
      Description: description,
      Policy: policy,
      KeySpec: 'SYMMETRIC_DEFAULT',
      KeyUsage: 'ENCRYPT_DECRYPT',
      Tags: labTags(conn),
    });
    const keyId = result.KeyMetadata?.KeyId;
    if (keyId) await createAlias.mutateAsync({ AliasName: `alias/${alias}`, TargetKeyId: keyId });
  }

  return (
    <section aria-labelledby="create-key-heading" className="space-y-3">
      <h2 id="create-key-heading" className="text-lg font-semibold">
        Create a customer managed key (guide, Part I)
      </h2>
      <form
        className="grid gap-4 lg:grid-cols-2"
        onSubmit={(e) => {
          e.preventDefault();
          if (!problem) create().catch(() => undefined);
        }}
      >
        <div className="space-y-3">
          <dl className="grid grid-cols-[auto_1fr] gap-x-3 text-sm">
            <dt className="font-medium">Key type (step 02)</dt>
            <dd>Symmetric (SYMMETRIC_DEFAULT, AES-256-GCM)</dd>
            <dt className="font-medium">Key usage</dt>
            <dd>Encrypt and decrypt</dd>
          </dl>
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
                onChange={(e) => setAlias(e.target.value.trim())}
                aria-invalid={aliasProblem(alias) !== undefined}
                aria-describedby={`${ids.alias}-hint`}
                className="w-full bg-transparent p-2 font-mono text-sm outline-none"
              />
            </div>
            <p id={`${ids.alias}-hint`} className="mt-1 text-xs text-muted">
              {aliasProblem(alias) ??
                'The guide names it app-encryption-key; the lab’s guest role may only create aliases that start with lab-. Code refers to the alias, so the key behind it can change.'}
            </p>
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
          <PrincipalPicker legend="Key administrators" step="step 04" chosen={admins} onChosen={setAdmins} typed={adminText} onTyped={setAdminText}>
            <p className="mb-2 text-sm">They manage the key (policy, rotation, deletion) but cannot encrypt or decrypt with it.</p>
          </PrincipalPicker>
          <PrincipalPicker legend="Key users" step="step 05" chosen={users} onChosen={setUsers} typed={userText} onTyped={setUserText}>
            <p className="mb-2 text-sm">
              They use the key for cryptography and may let AWS services use it through grants. The guide's step 05 says “Key administrators” again:
              a slip — this step chooses the key <em>users</em>.
            </p>
          </PrincipalPicker>
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
        <div className="space-y-2">
          <h3 id={ids.policy} className="font-medium">
            Key policy these choices produce (step 06)
          </h3>
          <p className="text-sm">
            This exact document goes to CreateKey as <code>Policy</code>. The first statement lets IAM policies in the account grant access; without it
            only the principals named here could ever use or manage the key.
          </p>
          <CodeBlock code={policy} language="json" label="Key policy preview" />
          {labTags(conn) && (
            <p className="text-sm">
              Tag sent with CreateKey: <code>lab-owner = {conn.identityId}</code> — the lab's guest role may only create keys tagged with its own
              identity, and may manage only those.
            </p>
          )}
          <Button type="submit" variant="primary" busy={pending} disabled={problem !== undefined}>
            Create key
          </Button>
          {problem && <p className="text-sm text-danger">{problem}</p>}
          {createKey.error && <ErrorExplainer error={createKey.error} operation="CreateKey" />}
          {createAlias.error && <ErrorExplainer error={createAlias.error} operation="CreateAlias" />}
          {created && createAlias.isSuccess && (
            <div role="status" className="rounded-md border border-ok bg-ok-soft p-3 text-sm">
              <p className="font-medium">
                Your KMS key was created with alias alias/{(createAlias.variables?.AliasName ?? '').replace(/^alias\//, '')} and key ID {created.KeyId}.
              </p>
              <p className="mt-1 break-all font-mono text-xs">{created.Arn}</p>
            </div>
          )}
        </div>
      </form>
    </section>
  );
}
