import { useEffect, useId, useState, type FormEvent } from 'react';
import { useConnectionControls } from '../../connection/connection-provider';
import { backendSettingsSchema } from '../../connection/config';
import {
  SANDBOX_GUEST_ROLE_ARN,
  SANDBOX_IDENTITY_POOL_ID,
  type BackendSettings,
  type StaticCredentials,
} from '../../connection/settings';
import type { BackendKind } from '../../connection/types';
import { Button } from '../../components/button';
import { Field, SelectField } from '../../components/field';
import { downloadBlob } from '../../lib/download';

const REGIONS = ['us-east-1', 'us-east-2', 'us-west-2', 'eu-west-1', 'eu-central-1', 'ap-southeast-2', 'ap-northeast-1'];

interface Form {
  backend: BackendKind;
  region: string;
  identity: 'guest' | 'admin';
  identityPoolId: string;
  roleArn: string;
  bucket: string;
  endpoint: string;
  auth: 'pool' | 'static';
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
}

function formFrom(s: BackendSettings | undefined): Form {
  return {
    backend: s?.backend ?? 'sandbox',
    region: s?.region ?? 'us-east-1',
    identity: s?.backend === 'sandbox' ? s.identity : 'guest',
    identityPoolId: s && 'identityPoolId' in s ? (s.identityPoolId ?? '') : '',
    roleArn: s && 'roleArn' in s ? (s.roleArn ?? '') : '',
    bucket: s && 'bucket' in s ? (s.bucket ?? '') : '',
    endpoint: s?.backend === 'endpoint' ? s.endpoint : 'http://127.0.0.1:4599',
    auth: s?.backend === 'endpoint' ? s.auth : 'static',
    accessKeyId: '',
    secretAccessKey: '',
    sessionToken: '',
  };
}

function toSettings(f: Form): unknown {
  const opt = (v: string) => (v.trim() === '' ? undefined : v.trim());
  switch (f.backend) {
    case 'sandbox':
      return { backend: 'sandbox', region: f.region, identity: f.identity };
    case 'aws':
      return { backend: 'aws', region: f.region, identityPoolId: f.identityPoolId.trim(), roleArn: f.roleArn.trim(), bucket: opt(f.bucket) };
    case 'endpoint':
      return {
        backend: 'endpoint',
        region: f.region,
        endpoint: f.endpoint.trim(),
        auth: f.auth,
        ...(f.auth === 'pool' ? { identityPoolId: f.identityPoolId.trim(), roleArn: f.roleArn.trim() } : {}),
        bucket: opt(f.bucket),
      };
  }
}

/** A link a teacher can share: backend settings only, never a secret. */
function shareUrl(s: BackendSettings): string {
  const u = new URL(location.href);
  u.hash = '#/';
  u.search = '';
  for (const [k, v] of Object.entries(s)) if (typeof v === 'string' && v !== '') u.searchParams.set(k, v);
  return u.toString();
}

export default function SettingsPage() {
  const c = useConnectionControls();
  const [form, setForm] = useState<Form>(() => formFrom(c.settings));
  const [errors, setErrors] = useState<string[]>([]);
  const [saved, setSaved] = useState(false);
  const [confirmReset, setConfirmReset] = useState(false);
  const [resetting, setResetting] = useState(false);
  const ids = useId();
  const set = <K extends keyof Form>(k: K, v: Form[K]) => {
    setSaved(false);
    setForm((f) => ({ ...f, [k]: v }));
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const r = backendSettingsSchema.safeParse(toSettings(form));
    const problems = r.success ? [] : r.error.issues.map((i) => `${i.path.join('.') || 'settings'}: ${i.message}`);
    let creds: StaticCredentials | undefined;
    if (form.backend === 'endpoint' && form.auth === 'static') {
      if (!form.accessKeyId.trim() || !form.secretAccessKey) problems.push('An access key id and a secret access key are needed.');
      else creds = { accessKeyId: form.accessKeyId.trim(), secretAccessKey: form.secretAccessKey, sessionToken: form.sessionToken || undefined };
    }
    setErrors(problems);
    if (!r.success || problems.length) return;
    c.apply(r.data as BackendSettings, creds);
    setSaved(true);
    // Secrets leave the form once handed over (they stay in memory in the connection layer only).
    setForm((f) => ({ ...f, secretAccessKey: '', sessionToken: '' }));
  };

  const fieldset = 'flex flex-col gap-4 rounded-xl border border-line bg-surface p-5';
  return (
    <div className="flex max-w-3xl flex-col gap-6">
      <header>
        <h1 className="text-3xl font-bold tracking-tight">Settings</h1>
        <p className="mt-1 text-lg text-muted">Where the lab’s AWS calls go. Panels and questions work the same on every backend.</p>
      </header>

      <form onSubmit={submit} aria-label="Backend" className="flex flex-col gap-5">
        <fieldset className={fieldset}>
          <legend className="px-1 text-lg font-semibold">Backend</legend>
          {(
            [
              ['sandbox', 'Sandbox', 'An embedded AWS in this page: KMS, Cognito, STS and CloudTrail. Nothing to set up, nothing to pay.'],
              ['aws', 'AWS', 'Your AWS account, through a Cognito identity pool deployed from infra/ (guest access, basic flow).'],
              ['endpoint', 'Endpoint', 'Any AWS-compatible server: npm run sandbox, moto, LocalStack.'],
            ] as const
          ).map(([value, label, text]) => (
            <label key={value} className="flex cursor-pointer items-start gap-3">
              <input
                type="radio"
                name="backend"
                value={value}
                checked={form.backend === value}
                onChange={() => set('backend', value)}
                className="mt-1.5 h-4 w-4 accent-[var(--lab-accent)]"
              />
              <span>
                <span className="font-semibold">{label}</span>
                <span className="block text-muted">{text}</span>
              </span>
            </label>
          ))}
        </fieldset>

        <fieldset className={fieldset}>
          <legend className="px-1 text-lg font-semibold">Connection</legend>
          <Field
            label="Region"
            list={`${ids}-regions`}
            value={form.region}
            onChange={(e) => set('region', e.target.value)}
            hint="KMS keys are regional: each region has its own keys."
          />
          <datalist id={`${ids}-regions`}>
            {REGIONS.map((r) => (
              <option key={r} value={r} />
            ))}
          </datalist>

          {form.backend === 'sandbox' && (
            <SelectField
              label="Identity"
              value={form.identity}
              onChange={(e) => set('identity', e.target.value as Form['identity'])}
              hint={`A guest gets credentials from the sandbox's identity pool (${SANDBOX_IDENTITY_POOL_ID}) through the basic flow and acts as ${SANDBOX_GUEST_ROLE_ARN.split('/')[1]}, as on AWS.`}
            >
              <option value="guest">Cognito guest (as on AWS)</option>
              <option value="admin">Administrator (test / test)</option>
            </SelectField>
          )}

          {form.backend === 'endpoint' && (
            <>
              <Field label="Endpoint URL" type="url" value={form.endpoint} onChange={(e) => set('endpoint', e.target.value)} hint="For example http://127.0.0.1:4599 (npm run sandbox) or moto's http://127.0.0.1:5000." />
              <SelectField label="Credentials" value={form.auth} onChange={(e) => set('auth', e.target.value as Form['auth'])}>
                <option value="static">Access key (kept in memory only)</option>
                <option value="pool">Cognito identity pool</option>
              </SelectField>
            </>
          )}

          {(form.backend === 'aws' || (form.backend === 'endpoint' && form.auth === 'pool')) && (
            <>
              <Field label="Identity pool id" value={form.identityPoolId} onChange={(e) => set('identityPoolId', e.target.value)} placeholder="us-east-1:00000000-0000-0000-0000-000000000000" autoComplete="off" />
              <Field label="Guest role ARN" value={form.roleArn} onChange={(e) => set('roleArn', e.target.value)} placeholder="arn:aws:iam::123456789012:role/KmsStudyLabGuestRole" autoComplete="off" hint="The basic flow assumes this role with the pool's OpenID token (the enhanced flow's scope-down would forbid CreateKey)." />
            </>
          )}

          {form.backend === 'endpoint' && form.auth === 'static' && (
            <>
              <Field label="Access key id" value={form.accessKeyId} onChange={(e) => set('accessKeyId', e.target.value)} autoComplete="off" placeholder={c.hasStaticCredentials ? 'set (in memory)' : 'test'} />
              <Field label="Secret access key" type="password" value={form.secretAccessKey} onChange={(e) => set('secretAccessKey', e.target.value)} autoComplete="off" />
              <Field label="Session token (optional)" type="password" value={form.sessionToken} onChange={(e) => set('sessionToken', e.target.value)} autoComplete="off" />
              <p className="text-sm text-muted">Keys stay in this tab’s memory: never saved, never put in the URL. Reloading the page forgets them.</p>
            </>
          )}

          {form.backend !== 'sandbox' && (
            <Field label="Lab bucket (optional)" value={form.bucket} onChange={(e) => set('bucket', e.target.value)} autoComplete="off" />
          )}
        </fieldset>

        {errors.length > 0 && (
          <ul role="alert" className="rounded-xl border border-danger bg-danger-soft p-4 text-danger">
            {errors.map((e) => (
              <li key={e}>{e}</li>
            ))}
          </ul>
        )}
        <div className="flex flex-wrap items-center gap-3">
          <Button type="submit" variant="primary">
            Connect
          </Button>
          {saved && (
            <span role="status" className="text-ok">
              Connected settings saved.
            </span>
          )}
        </div>
      </form>

      {c.settings && c.settings.backend !== 'sandbox' && (
        <section className={fieldset} aria-labelledby={`${ids}-share`}>
          <h2 id={`${ids}-share`} className="text-lg font-semibold">
            Share these settings
          </h2>
          <p className="text-muted">A link that opens the lab on this backend. It carries no secret.</p>
          <code className="rounded-lg bg-surface-2 p-3 font-mono text-sm break-all">{shareUrl(c.settings)}</code>
        </section>
      )}

      <section className={fieldset} aria-labelledby={`${ids}-identity`}>
        <h2 id={`${ids}-identity`} className="text-lg font-semibold">
          Identity in use
        </h2>
        <dl className="grid gap-x-4 gap-y-1 sm:grid-cols-[10rem_minmax(0,1fr)]">
          {/* Which account and Region the lab is talking to, read from the caller's own ARN (no extra call). */}
          <dt className="text-muted">Account</dt>
          <dd className="font-mono text-sm">{/^arn:aws[\w-]*:(?:sts|iam)::(\d{12}):/.exec(c.principalArn ?? '')?.[1] ?? '—'}</dd>
          <dt className="text-muted">Region</dt>
          <dd className="font-mono text-sm">{c.settings?.region ?? '—'}</dd>
          <dt className="text-muted">Identity</dt>
          <dd className="font-mono text-sm break-all">{c.identityId ?? '—'}</dd>
          <dt className="text-muted">Acting as</dt>
          <dd className="font-mono text-sm break-all">{c.principalArn ?? '—'}</dd>
        </dl>
      </section>

      {c.settings?.backend === 'sandbox' && <LabStorage className={fieldset} />}

      {c.settings?.backend === 'sandbox' && (
        <section className={fieldset} aria-labelledby={`${ids}-reset`}>
          <h2 id={`${ids}-reset`} className="text-lg font-semibold">
            Reset the sandbox
          </h2>
          <p className="text-muted">Deletes every key, alias and trail event in this browser’s sandbox and sets the simulated clock back to today. Study progress is kept.</p>
          {confirmReset ? (
            <div className="flex flex-wrap gap-2">
              <Button
                variant="danger"
                busy={resetting}
                onClick={() => {
                  setResetting(true);
                  void c.resetSandbox().finally(() => {
                    setResetting(false);
                    setConfirmReset(false);
                  });
                }}
              >
                Yes, reset the sandbox
              </Button>
              <Button onClick={() => setConfirmReset(false)}>Cancel</Button>
            </div>
          ) : (
            <div>
              <Button variant="danger" onClick={() => setConfirmReset(true)}>
                Reset the sandbox…
              </Button>
            </div>
          )}
        </section>
      )}
    </div>
  );
}

const MIB = 1024 * 1024;
/** The file "Continue on the command line" downloads; the inspector's snippets name it (src/connection/renderers.ts). */
const CLI_EXPORT_NAME = 'kms-study-lab.ndjson';
const formatBytes = (n: number) => (n >= 1024 * MIB ? `${(n / (1024 * MIB)).toFixed(1)} GiB` : `${(n / MIB).toFixed(1)} MiB`);

/** Space used and left for this site, whether the browser keeps it, and the lab's export and import. */
function LabStorage({ className }: { className: string }) {
  const c = useConnectionControls();
  const ids = useId();
  const [space, setSpace] = useState<{ usage?: number; quota?: number; persisted?: boolean } | undefined>();
  const [message, setMessage] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const [cliReady, setCliReady] = useState(false);

  useEffect(() => {
    let cancelled = false;
    const s = globalThis.navigator?.storage;
    void Promise.all([s?.estimate?.().catch(() => undefined), s?.persisted?.().catch(() => undefined)]).then(([e, persisted]) => {
      if (!cancelled) setSpace({ usage: e?.usage, quota: e?.quota, persisted });
    });
    return () => {
      cancelled = true;
    };
  }, [message]);

  const exportLab = async () => {
    setBusy(true);
    try {
      downloadBlob(`kms-study-lab-${new Date().toISOString().slice(0, 10)}.ndjson`, await c.exportLab());
      setMessage('Lab exported. Start the command-line sandbox from it with: npm run sandbox -- --import FILE');
    } catch (e) {
      setMessage(`The lab could not be exported: ${(e as Error).message}`);
    } finally {
      setBusy(false);
    }
  };
  // The name every snippet in the inspector prints after --import, so they run as printed.
  const continueOnCli = async () => {
    setBusy(true);
    try {
      downloadBlob(CLI_EXPORT_NAME, await c.exportLab());
      setCliReady(true);
      setMessage(undefined);
    } catch (e) {
      setMessage(`The lab could not be exported: ${(e as Error).message}`);
    } finally {
      setBusy(false);
    }
  };
  const importLab = async (file: File | undefined) => {
    if (!file) return;
    setBusy(true);
    try {
      // The File itself goes to the sandbox's worker, which reads it line by line.
      await c.importLab(file);
      setMessage(`Lab imported from ${file.name}. It replaced the lab that was here.`);
    } catch (e) {
      setMessage(`${file.name} was not imported (${(e as Error).message}). The lab is as it was.`);
    } finally {
      setBusy(false);
    }
  };

  const left = space?.quota !== undefined && space.usage !== undefined ? space.quota - space.usage : undefined;
  return (
    <section className={className} aria-labelledby={`${ids}-storage`}>
      <h2 id={`${ids}-storage`} className="text-lg font-semibold">
        Your lab’s storage
      </h2>
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1">
        <dt className="text-muted">Space used</dt>
        <dd>{space?.usage !== undefined ? formatBytes(space.usage) : 'not reported by this browser'}</dd>
        <dt className="text-muted">Space left</dt>
        <dd>{left !== undefined ? formatBytes(left) : 'not reported by this browser'}</dd>
        <dt className="text-muted">Kept by the browser</dt>
        <dd>
          {space?.persisted === undefined
            ? 'unknown'
            : space.persisted
              ? 'yes (persistent storage granted)'
              : 'until the browser needs the space (persistent storage not granted)'}
        </dd>
      </dl>
      <p className="text-muted">
        An export holds the whole lab (keys with their key material, aliases, policies, the trail) in one file. Import it here or start the command-line sandbox from it.
        Keep it private: it contains key material.
      </p>
      <div className="flex flex-wrap items-center gap-2">
        <Button busy={busy} onClick={() => void exportLab()}>
          Export the lab
        </Button>
        <Button busy={busy} onClick={() => void continueOnCli()}>
          Continue on the command line
        </Button>
        <label className="cursor-pointer rounded-lg border border-line px-3 py-1.5 font-medium hover:bg-surface-2">
          Import a lab…
          <input
            type="file"
            accept=".ndjson,application/x-ndjson,.json,application/json"
            className="sr-only"
            onChange={(e) => {
              void importLab(e.target.files?.[0]);
              e.target.value = '';
            }}
          />
        </label>
      </div>
      {cliReady && (
        <div role="status" className="space-y-2">
          <p>
            Downloaded {CLI_EXPORT_NAME}. From the project folder, start the command-line sandbox from it; the inspector's AWS CLI, boto3 and JavaScript
            snippets then run against the same keys:
          </p>
          <pre className="overflow-x-auto rounded-lg bg-surface-2 p-3 font-mono text-sm">
            <code>{`npm run sandbox -- --import ${CLI_EXPORT_NAME}\nexport AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_DEFAULT_REGION=${c.settings?.region ?? 'us-east-1'}\naws --endpoint-url http://127.0.0.1:4599 kms list-aliases`}</code>
          </pre>
        </div>
      )}
      {message && <p role="status">{message}</p>}
    </section>
  );
}
