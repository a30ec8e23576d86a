import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it, vi } from 'vitest';
import { SANDBOX_NEEDS } from '../../../components';
import type { ConnectionControls } from '../../../connection';
import type { BackendKind, ConnectionInfo } from '../../../connection/types';
import { IdentityPanel } from '../components/identity-panel';

// The panel reads the backend from the connection layer: here a plain ConnectionInfo and the
// settings of the chosen kind, as ConnectionProvider hands them out, with a Cognito guest identity.
let current: { info: ConnectionInfo; controls: ConnectionControls };
vi.mock('../../../connection', async (original) => ({
  ...(await original<typeof import('../../../connection')>()),
  useConnection: () => current.info,
  useConnectionControls: () => current.controls,
}));

const IDENTITY = 'eu-west-1:0f0e0d0c-0b0a-4909-8807-060504030201';

function render(backend: BackendKind, identityId = IDENTITY): string {
  const never = () => Promise.reject(new Error('no call while rendering'));
  const settings =
    backend === 'sandbox'
      ? { backend, region: 'eu-west-1', identity: 'guest' }
      : backend === 'aws'
        ? { backend, region: 'eu-west-1', identityPoolId: 'eu-west-1:abc', roleArn: 'arn:aws:iam::123456789012:role/Guest' }
        : { backend, region: 'eu-west-1', endpoint: 'http://127.0.0.1:5000', identityPoolId: 'eu-west-1:abc', roleArn: 'arn:aws:iam::123456789012:role/Guest', auth: 'pool' };
  current = {
    info: { backend, region: 'eu-west-1', keyPrefix: [backend, '123456789012', 'eu-west-1', identityId], identityId, clients: { kms: never, s3: never, cloudtrail: never } },
    controls: { settings, principalArn: `arn:aws:sts::123456789012:assumed-role/Guest/session` } as unknown as ConnectionControls,
  };
  const client = new QueryClient({ defaultOptions: { queries: { retry: false, enabled: false } } });
  return renderToStaticMarkup(
    <QueryClientProvider client={client}>
      <IdentityPanel />
    </QueryClientProvider>,
  );
}

const STEP = 'Trying CreateKey with enhanced-flow credentials';
const BUTTON = 'Get enhanced-flow credentials and try CreateKey';

describe('the Identity lab’s enhanced-flow section on each backend', () => {
  it.each(['sandbox', 'aws'] as const)('on %s a guest gets the section with its button, and no notice', (backend) => {
    const html = render(backend);
    expect(html).toContain('Beside it: the enhanced flow, and why the lab does not use it');
    expect(html).toContain(BUTTON);
    expect(html).not.toContain('Sandbox only:');
  });

  it('on an endpoint the section stays, with the shared notice in place of the button: why, what to do instead, and the way back', () => {
    const html = render('endpoint');
    expect(html).toContain('Beside it: the enhanced flow, and why the lab does not use it');
    expect(html).not.toContain(BUTTON);
    expect(html).toContain(`aria-label="Sandbox only: ${STEP}"`);
    expect(html).toContain('data-sandbox-only="enhanced-flow"');
    expect(html).toContain('On this endpoint this step does not run.');
    // One sentence of reason (HTML-escaped apostrophes aside, the shared text itself).
    expect(SANDBOX_NEEDS['enhanced-flow']).toMatch(/^[A-Z][^.]*\.$/);
    expect(html).toContain(SANDBOX_NEEDS['enhanced-flow']);
    expect(html).toContain('On the aws backend it runs against real Cognito and STS');
    expect(html).toContain('href="#/settings"');
  });

  it('with static keys (no Cognito guest) there is no flow to show on any backend, and the panel says why instead', () => {
    const html = render('endpoint', 'static keys');
    expect(html).not.toContain('Beside it: the enhanced flow');
    expect(html).not.toContain('Sandbox only:');
    expect(html).toContain('there is no Cognito flow to show');
  });
});
