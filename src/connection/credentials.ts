/**
 * Credentials for the learner, in memory only.
 *
 * The Cognito BASIC (classic) flow — GetId, GetOpenIdToken, STS AssumeRoleWithWebIdentity — because
 * the enhanced flow (GetCredentialsForIdentity) adds AWS's guest scope-down session policy, which
 * forbids kms:CreateKey and most key management (s3-cognito-behavior.md §5.4). The identity id is
 * not a secret and is kept in localStorage so a reload keeps the same guest; the credentials are not.
 */
import type { CognitoIdentityClient } from '@aws-sdk/client-cognito-identity';
import type { STSClient } from '@aws-sdk/client-sts';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';

export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export interface IdentityCredentials {
  provider: AwsCredentialIdentityProvider;
  /** The Cognito identity id once known (or a label for static credentials). */
  identityId(): string | undefined;
  /** The assumed-role session ARN, once credentials exist. */
  principalArn(): string | undefined;
  subscribe(listener: () => void): () => void;
}

export interface CognitoBasicOptions {
  identityPoolId: string;
  roleArn: string;
  cognito: () => Promise<CognitoIdentityClient>;
  sts: () => Promise<STSClient>;
  storage?: KeyValueStorage;
  /** Where the identity id is kept; one key per backend target and pool. */
  storageKey: string;
  now?: () => number;
  /** Refresh this long before expiry (default 5 minutes). */
  refreshBeforeMs?: number;
  durationSeconds?: number;
  roleSessionName?: string;
}

/** Errors that mean "this stored identity no longer exists here" (a reset sandbox, another pool). */
const STALE_IDENTITY = new Set(['ResourceNotFoundException', 'NotAuthorizedException', 'InvalidParameterException']);

export function memoryStorage(): KeyValueStorage {
  const m = new Map<string, string>();
  return {
    getItem: (k) => m.get(k) ?? null,
    setItem: (k, v) => void m.set(k, v),
    removeItem: (k) => void m.delete(k),
  };
}

/** localStorage when the page has one (and it works), else memory. */
export function browserStorage(): KeyValueStorage {
  try {
    const ls = globalThis.localStorage;
    if (ls) {
      const probe = 'kms-lab:probe';
      ls.setItem(probe, '1');
      ls.removeItem(probe);
      return ls;
    }
  } catch {
    /* private mode or no DOM */
  }
  return memoryStorage();
}

function listeners() {
  const set = new Set<() => void>();
  return {
    subscribe(l: () => void) {
      set.add(l);
      return () => void set.delete(l);
    },
    emit: () => set.forEach((l) => l()),
  };
}

export function cognitoBasicCredentials(opts: CognitoBasicOptions): IdentityCredentials {
  const storage = opts.storage ?? memoryStorage();
  const now = opts.now ?? Date.now;
  const refreshBefore = opts.refreshBeforeMs ?? 5 * 60_000;
  const events = listeners();
  let identityId: string | undefined = storage.getItem(opts.storageKey) ?? undefined;
  let principalArn: string | undefined;
  let current: AwsCredentialIdentity | undefined;
  let inflight: Promise<AwsCredentialIdentity> | undefined;

  async function fetchOnce(): Promise<AwsCredentialIdentity> {
    const [{ GetIdCommand, GetOpenIdTokenCommand }, { AssumeRoleWithWebIdentityCommand }] = await Promise.all([
      import('@aws-sdk/client-cognito-identity'),
      import('@aws-sdk/client-sts'),
    ]);
    const [cognito, sts] = await Promise.all([opts.cognito(), opts.sts()]);
    for (let attempt = 0; ; attempt++) {
      const usedStored = identityId !== undefined;
      try {
        if (!identityId) {
          const got = await cognito.send(new GetIdCommand({ IdentityPoolId: opts.identityPoolId }));
          if (!got.IdentityId) throw new Error('GetId returned no IdentityId');
          identityId = got.IdentityId;
          storage.setItem(opts.storageKey, identityId);
          events.emit();
        }
        const token = await cognito.send(new GetOpenIdTokenCommand({ IdentityId: identityId }));
        if (!token.Token) throw new Error('GetOpenIdToken returned no Token');
        const assumed = await sts.send(
          new AssumeRoleWithWebIdentityCommand({
            RoleArn: opts.roleArn,
            RoleSessionName: opts.roleSessionName ?? 'kms-study-lab',
            WebIdentityToken: token.Token,
            DurationSeconds: opts.durationSeconds ?? 3600,
          }),
        );
        const c = assumed.Credentials;
        if (!c?.AccessKeyId || !c.SecretAccessKey) throw new Error('AssumeRoleWithWebIdentity returned no credentials');
        principalArn = assumed.AssumedRoleUser?.Arn;
        events.emit();
        return { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken, expiration: c.Expiration };
      } catch (e) {
        const name = (e as { name?: string }).name ?? '';
        // A stored identity the pool no longer knows: forget it and start a new guest, once.
        if (attempt === 0 && usedStored && STALE_IDENTITY.has(name)) {
          storage.removeItem(opts.storageKey);
          identityId = undefined;
          events.emit();
          continue;
        }
        throw e;
      }
    }
  }

  const fresh = (c: AwsCredentialIdentity | undefined) =>
    c !== undefined && (c.expiration === undefined || c.expiration.getTime() - now() > refreshBefore);

  const provider: AwsCredentialIdentityProvider = async () => {
    if (fresh(current)) return current as AwsCredentialIdentity;
    inflight ??= fetchOnce()
      .then((c) => (current = c))
      .finally(() => (inflight = undefined));
    return inflight;
  };

  return {
    provider,
    identityId: () => identityId,
    principalArn: () => principalArn,
    subscribe: events.subscribe,
  };
}

/** Static keys (the sandbox's test/test administrator, or keys typed for an endpoint): memory only. */
export function staticCredentials(creds: AwsCredentialIdentity, label: string, principal?: string): IdentityCredentials {
  return {
    provider: async () => creds,
    identityId: () => label,
    principalArn: () => principal,
    subscribe: () => () => undefined,
  };
}
