import {
  CreateAliasCommand,
  CreateKeyCommand,
  DeleteAliasCommand,
  DescribeKeyCommand,
  ScheduleKeyDeletionCommand,
  type CreateKeyCommandInput,
  type KMSClient,
} from '@aws-sdk/client-kms';
import { LAB_ALIAS_PREFIX, LAB_OWNER_TAG } from '../api/lab-tags';
import type { ConnectionInfo } from '../connection/types';
import { outcomeFromError, SANDBOX_ONLY, type Outcome } from './outcome';
import type { Experiment } from './schema';

/**
 * Building blocks for predict-then-run experiments. An experiment creates nothing until the
 * learner presses Run, tags what it creates for the lab, and schedules its keys for deletion with
 * the shortest window AWS allows (7 days) when it ends, whatever happened.
 */

/** The tag the lab's guest policy keys on (reference: s3-cognito-behavior.md 5.6); one definition in src/api/lab-tags.ts. */
export { LAB_OWNER_TAG };
/** The guest policy allows aliases only under alias/lab-* (infra/policies/lab-guest-policy.json). */
export const EXPERIMENT_ALIAS_PREFIX = `${LAB_ALIAS_PREFIX}exp-`;
export const EXPERIMENT_DELETION_WINDOW_DAYS = 7;

export interface ScratchKms {
  kms: KMSClient;
  conn: ConnectionInfo;
  /** Creates a key for this experiment; it is scheduled for deletion when the experiment ends. Returns the key ID. */
  createKey(input?: Omit<CreateKeyCommandInput, 'Tags'>): Promise<string>;
  /** Creates a uniquely named alias for the key; it is deleted when the experiment ends. Returns the alias name. */
  createAlias(keyId: string): Promise<string>;
  /** Runs a preparation step; if it fails, the outcome is marked as a setup failure rather than graded. */
  setup<T>(step: () => Promise<T>): Promise<T>;
  /**
   * KMS as the sandbox's administrator, for a step the lab's guest may not take (PutKeyPolicy is
   * denied to guests by infra/policies/lab-guest-policy.json). On the aws and endpoint backends there
   * is no administrator to act as: the experiment ends, ungraded, with a SandboxOnly outcome that
   * names the reason. Call it before creating anything.
   */
  sandboxAdministrator(reason: string): Promise<KMSClient>;
}


export interface ExperimentOptions {
  /** Injected in tests. */
  sleep?: (ms: number) => Promise<void>;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Errors a brand-new key can give on real AWS for a short while (new keys and tags are eventually consistent). */
const NOT_YET = new Set(['AccessDeniedException', 'NotFoundException']);
const WAIT_STEPS_MS = [500, 1000, 2000, 4000, 8000, 15000, 15000, 15000];

/**
 * On real AWS a tag-gated permission (the guest policy's lab-owner tag) can take a while to apply
 * to a key created a moment ago. Poll DescribeKey before the step being predicted, so that a
 * propagation delay is not mistaken for the answer. The sandbox is consistent at once.
 */
async function waitUntilUsable(kms: KMSClient, keyId: string, sleep: (ms: number) => Promise<void>): Promise<void> {
  for (const delay of [...WAIT_STEPS_MS, undefined]) {
    try {
      await kms.send(new DescribeKeyCommand({ KeyId: keyId }));
      return;
    } catch (error) {
      const name = (error as { name?: string }).name ?? '';
      if (!NOT_YET.has(name) || delay === undefined) throw error;
      await sleep(delay);
    }
  }
}

class SetupFailure extends Error {
  constructor(readonly original: unknown) {
    super('experiment setup failed');
  }
}

export function success(value: string, detail?: string): Outcome {
  return detail === undefined ? { kind: 'success', value } : { kind: 'success', value, detail };
}

function randomSuffix(): string {
  const bytes = new Uint8Array(4);
  globalThis.crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Wraps an experiment body: what it returns is the outcome; what the step under test throws
 * becomes an error outcome named by the AWS error code; clean-up always runs.
 */
export function kmsExperiment(body: (lab: ScratchKms) => Promise<Outcome>, options: ExperimentOptions = {}): Experiment {
  return async (conn) => {
    const keys: string[] = [];
    const aliases: string[] = [];
    let kms: KMSClient;
    try {
      kms = await conn.clients.kms();
    } catch (error) {
      return outcomeFromError(error, true);
    }
    const setup = async <T>(step: () => Promise<T>): Promise<T> => {
      try {
        return await step();
      } catch (error) {
        throw new SetupFailure(error);
      }
    };
    const lab: ScratchKms = {
      kms,
      conn,
      setup,
      createKey: (input = {}) =>
        setup(async () => {
          const created = await kms.send(
            new CreateKeyCommand({
              Description: 'kms-study-lab experiment (scheduled for deletion when it ends)',
              ...input,
              Tags: [{ TagKey: LAB_OWNER_TAG, TagValue: conn.identityId ?? 'kms-study-lab' }],
            }),
          );
          const keyId = created.KeyMetadata?.KeyId;
          if (!keyId) throw new Error('CreateKey returned no KeyId');
          keys.push(keyId);
          if (conn.backend !== 'sandbox') await waitUntilUsable(kms, keyId, options.sleep ?? defaultSleep);
          return keyId;
        }),
      createAlias: (keyId) =>
        setup(async () => {
          const aliasName = `${EXPERIMENT_ALIAS_PREFIX}${randomSuffix()}`;
          await kms.send(new CreateAliasCommand({ AliasName: aliasName, TargetKeyId: keyId }));
          aliases.push(aliasName);
          return aliasName;
        }),
      sandboxAdministrator: (reason) =>
        setup(async () => {
          if (conn.backend !== 'sandbox' || !conn.clients.kmsAs) {
            throw Object.assign(new Error(`${reason} This experiment runs on the sandbox backend only.`), { name: SANDBOX_ONLY });
          }
          return conn.clients.kmsAs('lab-admin');
        }),
    };
    try {
      return await body(lab);
    } catch (error) {
      return error instanceof SetupFailure ? outcomeFromError(error.original, true) : outcomeFromError(error);
    } finally {
      await cleanUp(kms, keys, aliases);
    }
  };
}

async function cleanUp(kms: KMSClient, keys: readonly string[], aliases: readonly string[]): Promise<void> {
  for (const aliasName of aliases) {
    try {
      await kms.send(new DeleteAliasCommand({ AliasName: aliasName }));
    } catch {
      // Already gone; nothing to undo.
    }
  }
  for (const keyId of keys) {
    try {
      await kms.send(new ScheduleKeyDeletionCommand({ KeyId: keyId, PendingWindowInDays: EXPERIMENT_DELETION_WINDOW_DAYS }));
    } catch {
      // The experiment may already have scheduled it (KMSInvalidStateException): nothing to undo.
    }
  }
}

export const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
export const fromUtf8 = (b: Uint8Array | undefined): string => (b ? new TextDecoder().decode(b) : '');
