import type { BackendKind } from './types';

/**
 * Backend settings without secrets: safe to keep in localStorage, in lab-config.json and (for the
 * fields URL_PARAMS lists) in the URL. Static credentials for the endpoint backend live apart, in
 * memory only (StaticCredentials).
 */
export type BackendSettings = SandboxSettings | AwsSettings | EndpointSettings;

export interface SandboxSettings {
  backend: 'sandbox';
  region: string;
  /** 'guest': a Cognito guest identity through the basic flow, as on AWS (default). 'admin': the sandbox's test/test user. */
  identity: 'guest' | 'admin';
}

export interface AwsSettings {
  backend: 'aws';
  region: string;
  identityPoolId: string;
  roleArn: string;
  bucket?: string;
}

export interface EndpointSettings {
  backend: 'endpoint';
  region: string;
  endpoint: string;
  /** 'pool': identityPoolId + roleArn through the basic flow; 'static': keys typed into the settings page (memory only). */
  auth: 'pool' | 'static';
  identityPoolId?: string;
  roleArn?: string;
  bucket?: string;
}

/** Typed into the settings page; never persisted, never in the URL. */
export interface StaticCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

/** The sandbox's fixed lab identity pool and guest role (HELPERS.md, fixed names). */
export const SANDBOX_IDENTITY_POOL_ID = 'us-east-1:1ab0a7e5-5a4d-4b0c-9d1e-111122223333';
export const SANDBOX_GUEST_ROLE_ARN = 'arn:aws:iam::111122223333:role/KmsStudyLabGuestRole';
export const SANDBOX_ACCOUNT_ID = '111122223333';
/** The sandbox's lab bucket (it exists from the start, as the template's bucket does on AWS). */
export const SANDBOX_LAB_BUCKET = 'kms-lab-bucket';

/** The identity pool and guest role a backend's basic flow uses; undefined for static keys. */
export function guestPoolOf(settings: BackendSettings): { identityPoolId: string; roleArn: string } | undefined {
  if (settings.backend === 'sandbox') return { identityPoolId: SANDBOX_IDENTITY_POOL_ID, roleArn: SANDBOX_GUEST_ROLE_ARN };
  if (settings.backend === 'endpoint' && settings.auth !== 'pool') return undefined;
  return settings.identityPoolId && settings.roleArn ? { identityPoolId: settings.identityPoolId, roleArn: settings.roleArn } : undefined;
}

/** The lab bucket of a backend: the sandbox's own, or the one lab-config.json / the settings name. */
export function labBucketOf(settings: BackendSettings): string | undefined {
  return settings.backend === 'sandbox' ? SANDBOX_LAB_BUCKET : settings.bucket;
}

export const DEFAULT_SETTINGS: SandboxSettings = { backend: 'sandbox', region: 'us-east-1', identity: 'guest' };

export const SETTINGS_STORAGE_KEY = 'kms-lab:connection';

/** The third element of every query key: what, beyond backend and region, names the data's origin. */
export function settingsScope(s: BackendSettings): string {
  switch (s.backend) {
    case 'sandbox':
      return `sandbox:${s.identity}`;
    case 'aws':
      return `aws:${s.identityPoolId}`;
    case 'endpoint':
      return `endpoint:${s.endpoint}:${s.auth === 'pool' ? (s.identityPoolId ?? '') : 'static'}`;
  }
}

/** The prefix of every query key for these settings (ConnectionInfo.keyPrefix). */
/** The sandbox's account (docs/sandbox.md); the sandbox is imported lazily, so the constant is repeated here. */
const SANDBOX_ACCOUNT = '111122223333';

/**
 * The account a backend's reads belong to: the sandbox's, or the one in the guest role ARN; '-' when
 * static keys name no account up front.
 */
export function accountFor(s: BackendSettings): string {
  if (s.backend === 'sandbox') return SANDBOX_ACCOUNT;
  const arn = s.roleArn;
  const account = arn ? /^arn:aws[a-z-]*:iam::(\d{12}):/.exec(arn)?.[1] : undefined;
  return account ?? '-';
}

/** Every query key starts with backend, account and region (then the target), so no two backends or accounts share data. */
export function keyPrefixFor(s: BackendSettings): readonly [BackendKind, string, string, string] {
  return [s.backend, accountFor(s), s.region, settingsScope(s)] as const;
}

/** A stable string for caching client sets: one set per backend + region + target. */
export function settingsKey(s: BackendSettings): string {
  return `${s.backend}|${s.region}|${settingsScope(s)}`;
}

export function backendLabel(kind: BackendKind): string {
  return kind === 'sandbox' ? 'Sandbox' : kind === 'aws' ? 'AWS' : 'Endpoint';
}

/** The region an identity pool lives in is the prefix of its id (`us-east-1:…`). */
export function poolRegion(identityPoolId: string): string {
  return identityPoolId.split(':')[0] ?? 'us-east-1';
}

const REGION = /^[a-z]{2}(-gov|-iso[a-z]*)?-[a-z]+-\d{1,2}$/;
const SANDBOX_KEYS = new Set(['$comment', 'backend', 'region', 'identity']);

/**
 * The common case without zod (which loads lazily): a plain sandbox config — only backend, region
 * and identity, all valid. Anything else returns undefined and goes through the full schema.
 */
export function quickSandboxSettings(v: unknown): SandboxSettings | undefined {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return undefined;
  const o = v as Record<string, unknown>;
  if (o.backend !== 'sandbox' || !Object.keys(o).every((k) => SANDBOX_KEYS.has(k))) return undefined;
  const region = o.region ?? 'us-east-1';
  const identity = o.identity ?? 'guest';
  if (typeof region !== 'string' || !REGION.test(region) || (identity !== 'guest' && identity !== 'admin')) return undefined;
  return { backend: 'sandbox', region, identity };
}
