import { useState } from 'react';
import { Button, CodeBlock, SandboxOnlyNotice } from '../../../components';
import { useConnection } from '../../../connection';
import { FUNCTION_ARN, FUNCTION_NAME, LAMBDA_ROLE, useRunSimStep, type SimResult, type SimState, type SimStep } from '../api/lambda-simulation';

const GUIDE_CODE = `# The guide's function (Part IV): decrypt at cold start, cache the result
ENCRYPTED = os.environ['DB_PASSWORD']
DECRYPTED = kms.decrypt(
    CiphertextBlob=base64.b64decode(ENCRYPTED)
)['Plaintext'].decode('utf-8')`;

const FIXED_CODE = `# What the console's encryption helper needs: the same context it encrypted with
DECRYPTED = kms.decrypt(
    CiphertextBlob=base64.b64decode(ENCRYPTED),
    EncryptionContext={'LambdaFunctionName': os.environ['AWS_LAMBDA_FUNCTION_NAME']},
)['Plaintext'].decode('utf-8')`;

/**
 * Lambda environment variables, simulated through the sandbox's KMS: the console helper's context,
 * the guide's two slips (a role with AWSKeyManagementServicePowerUser, a Decrypt without context),
 * and decrypting once at cold start with the KMS call count beside it.
 */
export function LambdaEnvPanel() {
  const conn = useConnection();
  const run = useRunSimStep();
  const [state, setState] = useState<SimState>({});
  const [log, setLog] = useState<SimResult[]>([]);
  const [calls, setCalls] = useState(0);

  if (conn.backend !== 'sandbox' || !conn.clients.kmsAs) {
    return (
      <SandboxOnlyNotice
        backend={conn.backend}
        step={`Running the function’s code as ${LAMBDA_ROLE}`}
        need="demo-roles"
        instead="The simulation also writes the key policy as the lab’s administrator. The questions below work on every backend."
      />
    );
  }

  async function go(step: SimStep) {
    const out = await run.mutateAsync({ step, state });
    setState(out.state);
    setCalls((c) => c + out.decryptCalls);
    setLog((l) => [out.result, ...l].slice(0, 30));
  }
  const deployed = state.envValue !== undefined && !run.isPending;

  return (
    <div className="space-y-8">
      <section aria-labelledby="le-deploy" className="space-y-3">
        <h2 id="le-deploy" className="text-lg font-semibold">
          Encrypt DB_PASSWORD with the console helper
        </h2>
        <p>
          The console&apos;s “Encrypt” button (encryption in transit helpers) calls KMS Encrypt with the context{' '}
          <code>{`{"LambdaFunctionName": "${FUNCTION_NAME}"}`}</code>. Separately, Lambda encrypts the whole environment at rest
          with the context <code>{`{"aws:lambda:FunctionArn": "${FUNCTION_ARN}"}`}</code>; that one Lambda decrypts for you before
          your code runs, so your code never passes it.
        </p>
        <Button variant="primary" size="sm" onClick={() => void go({ kind: 'deploy' })} busy={run.isPending && !state.envValue}>
          Deploy: create the key and encrypt the variable
        </Button>
      </section>

      <section aria-labelledby="le-cold" className="space-y-3">
        <h2 id="le-cold" className="text-lg font-semibold">
          Cold start as {LAMBDA_ROLE}
        </h2>
        <p>
          The guide attaches the AWS managed policy AWSKeyManagementServicePowerUser to this role (Part II, step 02). That policy
          has no kms:Decrypt, so the first cold start fails. Then the guide&apos;s code omits the encryption context, which fails
          next.
        </p>
        <CodeBlock code={GUIDE_CODE} language="python" label="The guide's code" />
        <div className="flex flex-wrap gap-2">
          <Button size="sm" disabled={!deployed} onClick={() => void go({ kind: 'cold-start', code: 'guide' })}>
            Cold start with the guide&apos;s code
          </Button>
          <Button size="sm" disabled={!deployed} onClick={() => void go({ kind: 'fix-permissions' })}>
            Let the role decrypt (key policy statement)
          </Button>
          <Button size="sm" disabled={!deployed} onClick={() => void go({ kind: 'cold-start', code: 'with-context' })}>
            Cold start with the context
          </Button>
        </div>
        <CodeBlock code={FIXED_CODE} language="python" label="Decrypt with the helper's context" />
      </section>

      <section aria-labelledby="le-cache" className="space-y-3">
        <h2 id="le-cache" className="text-lg font-semibold">
          Decrypt once, then cache
        </h2>
        <p>
          Decrypting at cold start and keeping the value in memory costs one KMS request per execution environment; decrypting in
          the handler costs one per invocation, adds latency and spends the account&apos;s shared KMS request quota.
        </p>
        <div className="flex flex-wrap gap-2">
          <Button size="sm" disabled={!deployed} onClick={() => void go({ kind: 'invoke', times: 10, cache: true })}>
            10 invocations using the cache
          </Button>
          <Button size="sm" disabled={!deployed} onClick={() => void go({ kind: 'invoke', times: 10, cache: false })}>
            10 invocations decrypting each time
          </Button>
        </div>
        <p role="status" aria-label="KMS Decrypt calls">
          KMS Decrypt calls so far: <strong>{calls}</strong>
        </p>
      </section>

      <section aria-labelledby="le-log" className="space-y-3">
        <h2 id="le-log" className="text-lg font-semibold">
          What happened
        </h2>
        <div role="log" aria-label="Simulation steps and their outcomes">
          <ol className="space-y-1 text-sm">
          {log.map((r) => (
            <li key={r.id} className={r.ok ? '' : 'text-danger'}>
              <span className="font-semibold">as {r.as}</span> · {r.what} → <span className="font-mono break-words">{r.summary}</span>
            </li>
          ))}
          </ol>
        </div>
      </section>
    </div>
  );
}
