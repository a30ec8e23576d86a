import { useRef, useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { GrantListEntry } from '@aws-sdk/client-kms';
import { Button, CodeBlock } from '../../../components';
import { useConnection } from '../../../connection';
import { invalidateKeyReads, labTags } from '../../../api';
import { createOwnKey, describeGrant, grantToOwnAccount, listKeyGrants, readKeyPolicy, revokeOwnGrant, type OwnKey, type PolicyReading } from '../api/own-steps';

const CONTEXT = { tenant: 'blue' };

interface LogLine {
  id: number;
  operation: string;
  ok: boolean;
  text: string;
}

type OwnStep = 'create-key' | 'read-policy' | 'create-grant' | 'revoke-grant';

const OPERATION: Record<OwnStep, string> = {
  'create-key': 'CreateKey',
  'read-policy': 'GetKeyPolicy',
  'create-grant': 'CreateGrant',
  'revoke-grant': 'RevokeGrant',
};

/**
 * What the Policies and grants lab can show on an endpoint, as the learner's own identity: the
 * default key policy's one statement, and a grant's life (created with an encryption-context
 * constraint, listed, revoked). The demo roles that show a policy or a grant deciding a call exist
 * only in the sandbox, and an endpoint such as moto does not evaluate key policies or grants.
 */
export function OwnIdentityGrants() {
  const conn = useConnection();
  const queryClient = useQueryClient();
  const [key, setKey] = useState<OwnKey | undefined>();
  const [reading, setReading] = useState<PolicyReading | undefined>();
  const [grants, setGrants] = useState<GrantListEntry[] | undefined>();
  const [log, setLog] = useState<LogLine[]>([]);
  const nextId = useRef(1);
  const add = (line: Omit<LogLine, 'id'>) => setLog((l) => [{ id: nextId.current++, ...line }, ...l].slice(0, 20));

  const step = useMutation({
    mutationKey: [...conn.keyPrefix, 'kms', 'policies-grants', 'own-step'],
    mutationFn: async (which: OwnStep): Promise<{ operation: string; text: string }> => {
      const kms = await conn.clients.kms();
      switch (which) {
        case 'create-key': {
          const made = await createOwnKey(kms, labTags(conn));
          setKey(made);
          setReading(undefined);
          setGrants(undefined);
          return { operation: 'CreateKey', text: `created ${made.keyId} in account ${made.account}` };
        }
        case 'read-policy': {
          const r = await readKeyPolicy(kms, key!);
          setReading(r);
          return {
            operation: 'GetKeyPolicy',
            text: r.delegatesToIam ? 'the default policy: the account root may do kms:*, so IAM policies decide' : 'this policy does not delegate to IAM',
          };
        }
        case 'create-grant': {
          const g = await grantToOwnAccount(kms, key!, CONTEXT);
          setGrants(await listKeyGrants(kms, key!));
          return { operation: 'CreateGrant + ListGrants', text: `grant ${g.grantId.slice(0, 12)}… created, with a grant token of ${g.tokenLength} characters` };
        }
        case 'revoke-grant': {
          const current = await listKeyGrants(kms, key!);
          for (const g of current) if (g.GrantId) await revokeOwnGrant(kms, key!, g.GrantId);
          setGrants(await listKeyGrants(kms, key!));
          return { operation: 'RevokeGrant + ListGrants', text: `${current.length} grant${current.length === 1 ? '' : 's'} revoked` };
        }
      }
    },
    onSuccess: (r) => add({ operation: r.operation, ok: true, text: r.text }),
    onError: (e: unknown, which) => {
      const err = e as { name?: string; message?: string };
      add({ operation: OPERATION[which], ok: false, text: `${err.name ?? 'Error'}: ${err.message ?? ''}` });
    },
    onSettled: (_r, _e, which) => {
      if (which === 'create-key') void invalidateKeyReads(queryClient, conn);
    },
  });

  const run = (which: OwnStep) => () => step.mutate(which);
  const needKey = key === undefined || step.isPending;

  return (
    <section aria-labelledby="pg-own" className="space-y-3">
      <h2 id="pg-own" className="text-lg font-semibold">
        On this endpoint, as yourself: the default key policy and a grant&apos;s life
      </h2>
      <p>
        These calls run with your own credentials. A key made without a policy gets the default one, whose single statement lets the
        account&apos;s IAM policies decide. A grant gives use of a key without editing its policy; its constraint limits that use to one
        encryption context; revoking it removes it at once.
      </p>
      <p className="text-sm text-muted">
        An endpoint such as moto keeps key policies and grants but does not evaluate them: a call that AWS would refuse can succeed
        here. Watching a policy or a grant decide a call needs the sandbox and its demo roles.
      </p>
      <div className="flex flex-wrap gap-2">
        <Button variant="primary" size="sm" onClick={run('create-key')} busy={step.isPending && step.variables === 'create-key'}>
          Create a key as yourself
        </Button>
        <Button size="sm" onClick={run('read-policy')} disabled={needKey}>
          Read its key policy
        </Button>
        <Button size="sm" onClick={run('create-grant')} disabled={needKey}>
          Grant Encrypt and Decrypt for tenant=blue
        </Button>
        <Button size="sm" onClick={run('revoke-grant')} disabled={needKey || !grants?.length}>
          Revoke the grant
        </Button>
      </div>
      {key && (
        <p className="text-sm text-muted">
          Key: <code className="break-all">{key.keyArn}</code>
        </p>
      )}
      {grants && (
        <div>
          <h3 className="font-semibold">ListGrants</h3>
          {grants.length === 0 ? (
            <p className="text-sm text-muted">No grants on this key.</p>
          ) : (
            <ul aria-label="Grants on your key" className="text-sm break-words">
              {grants.map((g) => (
                <li key={g.GrantId}>{describeGrant(g)}</li>
              ))}
            </ul>
          )}
        </div>
      )}
      {reading && (
        <details open>
          <summary>The key policy</summary>
          <CodeBlock code={reading.policy} language="json" />
        </details>
      )}
      <div role="log" aria-label="Your calls and their outcomes">
        <ol className="space-y-1 text-sm">
          {log.map((l) => (
            <li key={l.id} className={l.ok ? '' : 'text-danger'}>
              {l.operation} → <span className="font-mono break-words">{l.text}</span>
            </li>
          ))}
        </ol>
      </div>
    </section>
  );
}
