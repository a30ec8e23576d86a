import { CreateKeyCommand, DecryptCommand, EncryptCommand, PutKeyPolicyCommand, type KMSClient } from '@aws-sdk/client-kms';
import { mutationOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { useConnection, type DemoPrincipal } from '../../../connection';
import type { ConnectionInfo } from '../../../connection/types';
import { invalidateKeyReads } from '../../../api';

/**
 * A faithful simulation of how Lambda's environment variables meet KMS, run through the sandbox's
 * real KMS (there is no Lambda service in the sandbox): the console's encryption helper encrypts a
 * value with the context {LambdaFunctionName: <name>}; the function's code decrypts it as the
 * function's execution role. Lambda's own at-rest encryption of the whole environment uses a
 * different context, {aws:lambda:FunctionArn: <arn>}, and is done by Lambda, not by your code.
 */

export const FUNCTION_NAME = 'KMSEncryptionDemo';
export const ACCOUNT = '111122223333';
export const FUNCTION_ARN = `arn:aws:lambda:us-east-1:${ACCOUNT}:function:${FUNCTION_NAME}`;
export const LAMBDA_ROLE: DemoPrincipal = 'KMSEncryptionDemoRole';
const ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/${LAMBDA_ROLE}`;

export interface SimResult {
  id: number;
  as: DemoPrincipal;
  what: string;
  ok: boolean;
  summary: string;
}

export type SimStep =
  | { kind: 'deploy' }
  | { kind: 'fix-permissions' }
  | { kind: 'cold-start'; code: 'guide' | 'with-context' }
  | { kind: 'invoke'; times: number; cache: boolean };

export interface SimState {
  keyId?: string;
  /** The console helper's ciphertext of DB_PASSWORD (base64 in the function's configuration). */
  envValue?: Uint8Array;
  /** The function's in-memory cache after a successful cold start. */
  cached?: boolean;
}

let nextId = 1;

async function as(conn: ConnectionInfo, who: DemoPrincipal): Promise<KMSClient> {
  if (!conn.clients.kmsAs) throw new Error('The simulation runs as sandbox demo roles; choose the sandbox backend.');
  return conn.clients.kmsAs(who);
}

const fail = (who: DemoPrincipal, what: string, e: unknown): SimResult => {
  const err = e as { name?: string; message?: string };
  const msg = err.message && err.message !== 'UnknownError' ? `: ${err.message}` : '';
  return { id: nextId++, as: who, what, ok: false, summary: `${err.name ?? 'Error'}${msg}` };
};

/** A key policy that keeps the default statement and lets the function's role decrypt directly. */
function policyWithLambdaRole(): string {
  return JSON.stringify(
    {
      Version: '2012-10-17',
      Statement: [
        { Sid: 'Enable IAM User Permissions', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'kms:*', Resource: '*' },
        { Sid: 'Function decrypts its own variables', Effect: 'Allow', Principal: { AWS: ROLE_ARN }, Action: 'kms:Decrypt', Resource: '*' },
      ],
    },
    null,
    2,
  );
}

/** Runs one step; returns the log line, the state changes and how many Decrypt calls KMS received. */
export async function runSimStep(
  conn: ConnectionInfo,
  step: SimStep,
  state: SimState,
): Promise<{ result: SimResult; state: SimState; decryptCalls: number }> {
  switch (step.kind) {
    case 'deploy': {
      try {
        const kms = await as(conn, 'lab-admin');
        const key = await kms.send(new CreateKeyCommand({ Description: 'app-encryption-key (Lambda environment lab)' }));
        const keyId = key.KeyMetadata!.KeyId!;
        // The console's "Encrypt" button: encryption helpers use the function name as context.
        const out = await kms.send(
          new EncryptCommand({
            KeyId: keyId,
            Plaintext: new TextEncoder().encode('super-secret-password'),
            EncryptionContext: { LambdaFunctionName: FUNCTION_NAME },
          }),
        );
        return {
          result: { id: nextId++, as: 'lab-admin', what: 'Encrypt (console helper)', ok: true, summary: `DB_PASSWORD encrypted with {LambdaFunctionName: ${FUNCTION_NAME}}` },
          state: { keyId, envValue: out.CiphertextBlob, cached: false },
          decryptCalls: 0,
        };
      } catch (e) {
        return { result: fail('lab-admin', 'Deploy', e), state, decryptCalls: 0 };
      }
    }
    case 'fix-permissions': {
      try {
        const kms = await as(conn, 'lab-admin');
        await kms.send(new PutKeyPolicyCommand({ KeyId: state.keyId, Policy: policyWithLambdaRole() }));
        return {
          result: { id: nextId++, as: 'lab-admin', what: 'PutKeyPolicy', ok: true, summary: `key policy now lets ${LAMBDA_ROLE} call kms:Decrypt` },
          state,
          decryptCalls: 0,
        };
      } catch (e) {
        return { result: fail('lab-admin', 'PutKeyPolicy', e), state, decryptCalls: 0 };
      }
    }
    case 'cold-start': {
      const kms = await as(conn, LAMBDA_ROLE);
      try {
        const out = await kms.send(
          new DecryptCommand({
            CiphertextBlob: state.envValue,
            ...(step.code === 'with-context' ? { EncryptionContext: { LambdaFunctionName: FUNCTION_NAME } } : {}),
          }),
        );
        const length = out.Plaintext?.length ?? 0;
        out.Plaintext?.fill(0);
        return {
          result: { id: nextId++, as: LAMBDA_ROLE, what: 'Cold start: Decrypt', ok: true, summary: `decrypted at cold start; password length ${length}, cached in memory` },
          state: { ...state, cached: true },
          decryptCalls: 1,
        };
      } catch (e) {
        return { result: fail(LAMBDA_ROLE, 'Cold start: Decrypt', e), state: { ...state, cached: false }, decryptCalls: 1 };
      }
    }
    case 'invoke': {
      // With the cache, invocations reuse the cold start's plaintext; without it, each one decrypts.
      if (step.cache) {
        return {
          result: { id: nextId++, as: LAMBDA_ROLE, what: `${step.times} invocations`, ok: state.cached === true, summary: state.cached ? `served from the cold-start cache: no KMS call` : 'no cached value: run a successful cold start first' },
          state,
          decryptCalls: 0,
        };
      }
      const kms = await as(conn, LAMBDA_ROLE);
      let calls = 0;
      try {
        for (let i = 0; i < step.times; i++) {
          calls++;
          const out = await kms.send(new DecryptCommand({ CiphertextBlob: state.envValue, EncryptionContext: { LambdaFunctionName: FUNCTION_NAME } }));
          out.Plaintext?.fill(0);
        }
        return { result: { id: nextId++, as: LAMBDA_ROLE, what: `${step.times} invocations`, ok: true, summary: `decrypted in every invocation: ${calls} Decrypt calls` }, state, decryptCalls: calls };
      } catch (e) {
        return { result: fail(LAMBDA_ROLE, `${step.times} invocations`, e), state, decryptCalls: calls };
      }
    }
  }
}

export function runSimStepMutationOptions(conn: ConnectionInfo) {
  return mutationOptions({
    mutationKey: [...conn.keyPrefix, 'kms', 'lambda-env', 'step'],
    mutationFn: ({ step, state }: { step: SimStep; state: SimState }) => runSimStep(conn, step, state),
  });
}

export function useRunSimStep() {
  const conn = useConnection();
  const queryClient = useQueryClient();
  return useMutation({ ...runSimStepMutationOptions(conn), onSettled: () => invalidateKeyReads(queryClient, conn) });
}
