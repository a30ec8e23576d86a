import { useEffect, useRef, useState } from 'react';
import { Button, CodeBlock, ErrorExplainer, SandboxOnlyNotice } from '../../../components';
import { SANDBOX_GUEST_ROLE_ARN, useConnection, useConnectionControls } from '../../../connection';
import { useClassicFlow, useEnhancedFlow, type ClassicFlowResult } from '../api/identity-flow';
import { decodeJwt, formatRemaining } from '../lib/jwt';

/** Refresh this long before expiry, as the lab's own credential provider does (src/connection/credentials.ts). */
const REFRESH_BEFORE_MS = 5 * 60_000;

function useNow(active: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, [active]);
  return now;
}

function Step({ n, title, children }: { n: number; title: string; children: React.ReactNode }) {
  return (
    <li className="min-w-0 rounded-lg border border-line p-3">
      <h4 className="font-semibold">
        {n}. {title}
      </h4>
      <div className="mt-1 space-y-2 text-sm">{children}</div>
    </li>
  );
}

function Claims({ token }: { token: string }) {
  let text: string;
  try {
    const { header, claims } = decodeJwt(token);
    const when = (v: unknown) => (typeof v === 'number' ? ` (${new Date(v * 1000).toISOString()})` : '');
    text = `${JSON.stringify(header)}\n${JSON.stringify(claims, null, 2)}\n\niat${when(claims['iat'])}\nexp${when(claims['exp'])}`;
  } catch (e) {
    text = `Could not read the token: ${e instanceof Error ? e.message : String(e)}`;
  }
  return <CodeBlock code={text} language="json" label="OpenID token: header and claims (the signature is not shown)" />;
}

function Countdown({ flow, onRefresh }: { flow: ClassicFlowResult; onRefresh: () => void }) {
  const now = useNow(flow.expiration !== undefined);
  const left = flow.expiration ? flow.expiration.getTime() - now : undefined;
  const refreshing = useRef(false);
  useEffect(() => {
    // Renewed before expiry without the learner doing anything, as the lab's own credentials are.
    if (left !== undefined && left < REFRESH_BEFORE_MS && !refreshing.current) {
      refreshing.current = true;
      onRefresh();
    }
  }, [left, onRefresh]);
  if (!flow.expiration || left === undefined) return <p>The backend gave no expiry.</p>;
  return (
    <p>
      Expires at <time dateTime={flow.expiration.toISOString()}>{flow.expiration.toISOString().replace('T', ' ').slice(0, 19)} UTC</time> —{' '}
      <span className="font-mono tabular-nums" aria-label="Time left">
        {formatRemaining(left)}
      </span>{' '}
      left. The lab renews its credentials 5 minutes before they expire (the same three calls), so a learner never sees them lapse.
    </p>
  );
}

/** Cognito guest credentials, the heart of the lab: the classic flow live, the enhanced flow beside it. */
export function IdentityPanel() {
  const conn = useConnection();
  const c = useConnectionControls();
  const s = c.settings;
  const classic = useClassicFlow();
  const enhanced = useEnhancedFlow();
  const guest = conn.identityId !== undefined && /^[a-z]{2}(-[a-z]+)+-\d+:[0-9a-f-]{36}$/.test(conn.identityId);
  const roleArn = s?.backend === 'sandbox' ? SANDBOX_GUEST_ROLE_ARN : s && 'roleArn' in s ? (s.roleArn ?? '') : '';
  const poolId = s && 'identityPoolId' in s && s.identityPoolId ? s.identityPoolId : s?.backend === 'sandbox' ? 'the sandbox’s lab pool' : '';
  const flow = classic.data;
  const run = () => conn.identityId && classic.mutate({ identityId: conn.identityId, roleArn });

  return (
    <div className="space-y-8">
      <section aria-labelledby="identity-now" className="space-y-2">
        <h2 id="identity-now" className="text-lg font-semibold">
          Who the lab is right now
        </h2>
        <dl className="grid grid-cols-[auto_minmax(0,1fr)] gap-x-3 gap-y-1 rounded-lg border border-line bg-surface p-3 text-sm">
          <dt className="font-medium">Backend</dt>
          <dd>{s?.backend ?? '…'}</dd>
          <dt className="font-medium">Identity</dt>
          <dd className="break-all font-mono">{conn.identityId ?? 'connecting…'}</dd>
          <dt className="font-medium">Acting as</dt>
          <dd className="break-all font-mono">{c.principalArn ?? '…'}</dd>
        </dl>
        {!guest && (
          <p className="text-sm">
            {s?.backend === 'endpoint'
              ? 'This endpoint is used with static access keys, so there is no Cognito flow to show: every call is signed with those keys. Point the endpoint backend at an identity pool (settings) to see the flow.'
              : 'These are static administrator keys (test / test), not a Cognito guest: there is no flow to show. Choose the guest identity in the settings to see it.'}
          </p>
        )}
        {s?.backend === 'aws' && (
          <p className="text-sm">
            On real AWS the same three calls go to Cognito and STS in {s.region}; the role is {roleArn || 'the one in the settings'}. Nothing here is
            simulated.
          </p>
        )}
      </section>

      {guest && (
        <section aria-labelledby="classic-heading" className="space-y-3">
          <h2 id="classic-heading" className="text-lg font-semibold">
            The classic (basic) flow the lab uses
          </h2>
          <p className="text-sm">
            Three calls, none of them signed: the identity pool hands out an identity and a token, and STS swaps the token for temporary credentials of
            the guest role. Running them again here uses the same clients the lab does; watch them in the inspector.
          </p>
          <Button variant="primary" busy={classic.isPending} onClick={run}>
            Run the classic flow now
          </Button>
          {classic.error && <ErrorExplainer error={classic.error} operation="AssumeRoleWithWebIdentity" />}
          <ol className="grid gap-3 *:min-w-0 lg:grid-cols-3" aria-live="polite">
            <Step n={1} title="GetId">
              <p>
                Once per browser: the pool ({poolId}) creates a guest identity. The lab keeps its id (not a secret) so a reload stays the same guest.
              </p>
              <p className="break-all font-mono">{conn.identityId}</p>
            </Step>
            <Step n={2} title="GetOpenIdToken">
              {flow ? (
                <>
                  <p>An OpenID Connect token for that identity, signed by Cognito, valid for 10 minutes.</p>
                  <Claims token={flow.token} />
                </>
              ) : (
                <p>Run the flow to see the token's claims: issuer, subject (the identity id), audience (the pool) and amr “unauthenticated”.</p>
              )}
            </Step>
            <Step n={3} title="AssumeRoleWithWebIdentity">
              {flow ? (
                <>
                  <p>
                    STS checks the token against the role's trust policy and returns credentials for a role session:
                  </p>
                  <p className="break-all font-mono" aria-label="Role session">
                    {flow.sessionArn}
                  </p>
                  <p>
                    Access key id <span className="font-mono">{flow.accessKeyId}</span> (the secret key and session token stay in memory only).
                  </p>
                  <Countdown flow={flow} onRefresh={run} />
                </>
              ) : (
                <p>Run the flow to see the role session and when its credentials expire.</p>
              )}
            </Step>
          </ol>
        </section>
      )}

      {guest && (
        <section aria-labelledby="enhanced-heading" className="space-y-3">
          <h2 id="enhanced-heading" className="text-lg font-semibold">
            Beside it: the enhanced flow, and why the lab does not use it
          </h2>
          <p className="text-sm">
            The enhanced flow is one call, GetCredentialsForIdentity, and Cognito calls STS for you. For guests it adds a scope-down session policy:
            whatever the role allows, a guest session may only use KMS for Encrypt, Decrypt, ReEncrypt and the GenerateDataKey family. CreateKey,
            CreateAlias, DescribeKey and ScheduleKeyDeletion are all refused, so a lab that makes its own keys needs the classic flow.
          </p>
          {/* Runs on the sandbox and on aws (real Cognito refuses the guest's CreateKey, as the lesson says); an endpoint's answer
              depends on that server, so there the shared notice says why in its place. */}
          {conn.backend === 'endpoint' ? (
            <SandboxOnlyNotice
              backend="endpoint"
              step="Trying CreateKey with enhanced-flow credentials"
              need="enhanced-flow"
              instead="On the aws backend it runs against real Cognito and STS, which refuse the guest’s CreateKey."
            />
          ) : (
            <>
              <Button
                busy={enhanced.isPending}
                onClick={() => {
                  if (conn.identityId) enhanced.mutate({ identityId: conn.identityId });
                }}
              >
                Get enhanced-flow credentials and try CreateKey
              </Button>
              <div aria-live="polite" className="space-y-2">
                {enhanced.error && <ErrorExplainer error={enhanced.error} operation="GetCredentialsForIdentity" />}
                {enhanced.data && (
                  <>
                    <p className="text-sm">
                      GetCredentialsForIdentity returned access key <span className="font-mono">{enhanced.data.accessKeyId}</span> for the role session{' '}
                      <span className="font-mono">CognitoIdentityCredentials</span>. Then CreateKey, signed with them:
                    </p>
                    {enhanced.data.createKeyError ? (
                      <>
                        <ErrorExplainer error={enhanced.data.createKeyError} operation="CreateKey" expected />
                        <p role="status" className="rounded-md bg-surface-2 p-2 text-sm">
                          Refused by the guest scope-down: the session policy Cognito attached does not list kms:CreateKey, and a session can never do
                          more than its session policy allows — even though the same role creates keys through the classic flow.
                        </p>
                      </>
                    ) : (
                      <p role="status" className="text-sm">
                        This backend let CreateKey through (key {enhanced.data.createdKeyId}). Real AWS refuses it: the guest scope-down allows no kms:CreateKey.
                        Schedule that key's deletion in the Keys lab.
                      </p>
                    )}
                  </>
                )}
              </div>
            </>
          )}
        </section>
      )}
    </div>
  );
}
