import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it, vi } from 'vitest';
import type { BackendKind, ConnectionInfo } from '../../connection/types';
import { BlobView } from '../../labs/encrypt-decrypt/components/blob-view';
import { CreateKeyForm } from '../../labs/keys/components/create-key-form';
import { LambdaEnvPanel } from '../../labs/lambda-env/components/lambda-env-panel';
import { PoliciesGrantsPanel } from '../../labs/policies-grants/components/policies-grants-panel';
import { ClockControl } from '../../labs/rotation/components/clock-control';

// The panels read the active backend from the connection layer. Here it is a plain ConnectionInfo
// of the chosen kind (what ConnectionProvider hands out), so each panel can be rendered on each backend.
let current: ConnectionInfo;
vi.mock('../../connection', async (original) => ({ ...(await original<typeof import('../../connection')>()), useConnection: () => current }));

function connection(backend: BackendKind): ConnectionInfo {
  const never = () => Promise.reject(new Error('no call while rendering'));
  return {
    backend,
    region: 'eu-west-1',
    keyPrefix: [backend, '123456789012', 'eu-west-1', 'eu-west-1:0f0e0d0c-0b0a-4909-8807-060504030201'],
    identityId: 'eu-west-1:0f0e0d0c-0b0a-4909-8807-060504030201',
    clients: { kms: never, s3: never, cloudtrail: never, ...(backend === 'sandbox' ? { kmsAs: never } : {}) },
    ...(backend === 'sandbox' ? { sandbox: { now: () => Date.UTC(2027, 0, 1), advanceDays: () => Promise.resolve(0) } } : {}),
  };
}

function render(backend: BackendKind, node: ReactNode, identityId?: string): string {
  current = { ...connection(backend), ...(identityId ? { identityId } : {}) };
  const client = new QueryClient({ defaultOptions: { queries: { retry: false, enabled: false } } });
  return renderToStaticMarkup(<QueryClientProvider client={client}>{node}</QueryClientProvider>);
}

// A sandbox-style symmetric ciphertext header (01 02 03 00 78) and enough bytes for the identifier fields.
const blob = Uint8Array.from({ length: 80 }, (_, i) => [1, 2, 3, 0, 0x78][i] ?? i);

/** `endpointSteps`: where an endpoint's own keys can run more of the panel than the aws guest may. */
const panels: { name: string; node: () => ReactNode; steps: string[]; endpointSteps?: string[]; sandboxText: string }[] = [
  { name: 'Rotation clock', node: () => <ClockControl onAdvanced={() => undefined} />, steps: ['Move the clock +365 days'], sandboxText: 'Simulated date' },
  {
    name: 'Policies and grants',
    node: () => <PoliciesGrantsPanel />,
    steps: ['Acting as KeyAdminRole, KeyUserRole and AppServerRole', 'Replacing a key policy (PutKeyPolicy)', 'Creating, retiring and revoking grants'],
    endpointSteps: ['Acting as KeyAdminRole, KeyUserRole and AppServerRole'],
    sandboxText: 'Create the lab key (as lab-admin)',
  },
  { name: 'Lambda environment', node: () => <LambdaEnvPanel />, steps: ['Running the function’s code as'], sandboxText: 'Deploy: create the key and encrypt the variable' },
  {
    name: 'Keys: create a key (a Cognito guest)',
    node: () => <CreateKeyForm defaultAccountId="123456789012" />,
    steps: ['Writing the key policy yourself (key administrators and users, steps 04–05)'],
    sandboxText: 'KeyAdminRole</label>',
  },
  { name: 'Encrypt and decrypt: blob view', node: () => <BlobView blob={blob} title="Ciphertext" />, steps: ['Naming the key material and key'], sandboxText: 'key material id (32 bytes)' },
];

describe('panels with sandbox-only steps, rendered on each backend', () => {
  it.each(panels)('$name: on the sandbox the step is there and no notice is', ({ node, sandboxText }) => {
    const html = render('sandbox', node());
    expect(html).toContain(sandboxText);
    expect(html).not.toContain('Sandbox only:');
  });

  it.each(panels.flatMap((p) => (['aws', 'endpoint'] as const).map((backend) => ({ ...p, backend }))))(
    '$name on $backend: the shared notice names each sandbox-only step, and the step’s controls are gone',
    ({ node, steps, endpointSteps, sandboxText, backend }) => {
      const html = render(backend, node());
      for (const step of backend === 'endpoint' ? (endpointSteps ?? steps) : steps) expect(html).toContain(`aria-label="Sandbox only: ${step}`);
      expect(html).toContain(backend === 'aws' ? 'On AWS this step does not run.' : 'On this endpoint this step does not run.');
      expect(html).not.toContain(sandboxText);
    },
  );
});

describe('the Keys lab with static keys on an endpoint (no guest policy)', () => {
  it('keeps the key-policy pickers, leaves the sandbox’s demo roles out and says why', () => {
    const html = render('endpoint', <CreateKeyForm defaultAccountId="123456789012" />, 'static key test…');
    expect(html).toContain('aria-label="Sandbox only: Ticking the demo roles as key administrators and users"');
    expect(html).toContain('Other principal ARNs for key administrators');
    expect(html).not.toContain('KeyAdminRole</label>');
    expect(html).not.toContain('Writing the key policy yourself');
  });

  it('on the sandbox a guest’s key policy is sent by lab-admin, and the form says so', () => {
    const html = render('sandbox', <CreateKeyForm defaultAccountId="111122223333" />);
    expect(html).toContain('sent by the lab&#x27;s administrator (lab-admin), tagged as yours');
  });
});

describe('the Policies and grants lab off the sandbox', () => {
  it('on an endpoint, runs the default policy and a grant as the learner, and says the endpoint does not evaluate them', () => {
    const html = render('endpoint', <PoliciesGrantsPanel />);
    expect(html).toContain('Create a key as yourself');
    expect(html).toContain('Grant Encrypt and Decrypt for tenant=blue');
    expect(html).toContain('does not evaluate them');
    expect(html).not.toContain('Sandbox only: Creating, retiring and revoking grants');
  });

  it('on aws, where the guest policy refuses grants and PutKeyPolicy, offers none of it', () => {
    const html = render('aws', <PoliciesGrantsPanel />);
    expect(html).not.toContain('Create a key as yourself');
    expect(html).toContain('aria-label="Sandbox only: Creating, retiring and revoking grants"');
  });
});
