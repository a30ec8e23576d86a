/**
 * Validation at the edges (STYLE.md): lab-config.json, saved settings and URL parameters.
 * Loaded lazily (import('./config')) so zod stays out of the entry chunk.
 */
import { z } from 'zod';
import { DEFAULT_SETTINGS, type BackendSettings } from './settings';

const region = z.string().regex(/^[a-z]{2}(-gov|-iso[a-z]*)?-[a-z]+-\d{1,2}$/, 'not an AWS region name (like us-east-1)');
const identityPoolId = z.string().max(55).regex(/^[\w-]+:[0-9a-f-]+$/, 'not an identity pool id (like us-east-1:1ab0…)');
const roleArn = z.string().regex(/^arn:aws[\w-]*:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/, 'not an IAM role ARN');
const bucket = z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'not an S3 bucket name');
const endpoint = z
  .string()
  .url()
  .refine((u) => /^https?:$/.test(new URL(u).protocol), 'the endpoint must be an http or https URL')
  // user:password@host would carry a secret in the URL.
  .refine((u) => new URL(u).username === '' && new URL(u).password === '', 'the endpoint URL must not contain a user name or password')
  .transform((u) => u.replace(/\/+$/, ''));

const sandboxSchema = z.strictObject({
  backend: z.literal('sandbox'),
  region: region.default('us-east-1'),
  identity: z.enum(['guest', 'admin']).default('guest'),
});
const awsSchema = z.strictObject({
  backend: z.literal('aws'),
  region,
  identityPoolId,
  roleArn,
  bucket: bucket.optional(),
});
const endpointSchema = z
  .strictObject({
    backend: z.literal('endpoint'),
    region: region.default('us-east-1'),
    endpoint,
    auth: z.enum(['pool', 'static']).optional(),
    identityPoolId: identityPoolId.optional(),
    roleArn: roleArn.optional(),
    bucket: bucket.optional(),
  })
  .transform((s) => ({ ...s, auth: s.auth ?? (s.identityPoolId && s.roleArn ? 'pool' : 'static') }) as const)
  .refine((s) => s.auth === 'static' || (s.identityPoolId !== undefined && s.roleArn !== undefined), {
    message: 'an endpoint with a Cognito pool needs both identityPoolId and roleArn',
  });

export const backendSettingsSchema = z.union([sandboxSchema, awsSchema, endpointSchema]);

/** lab-config.json: the settings plus an optional `$comment`. Unknown fields (a secret, say) make it invalid. */
export const labConfigSchema = z.preprocess((v) => {
  if (v && typeof v === 'object' && !Array.isArray(v)) {
    const { $comment: _c, ...rest } = v as Record<string, unknown>;
    return rest;
  }
  return v;
}, backendSettingsSchema);

export interface ParseResult {
  settings?: BackendSettings;
  problems: string[];
}

function describe(error: z.ZodError): string[] {
  return error.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message));
}

export function parseLabConfig(json: unknown): ParseResult {
  const r = labConfigSchema.safeParse(json);
  return r.success ? { settings: r.data as BackendSettings, problems: [] } : { problems: describe(r.error) };
}

export function parseSavedSettings(text: string | null): BackendSettings | undefined {
  if (!text) return undefined;
  try {
    const r = backendSettingsSchema.safeParse(JSON.parse(text));
    return r.success ? (r.data as BackendSettings) : undefined;
  } catch {
    return undefined;
  }
}

/** The only URL parameters the app reads. None of them is a secret. */
export const URL_PARAMS = ['backend', 'region', 'identity', 'identityPoolId', 'roleArn', 'bucket', 'endpoint'] as const;

/** Parameter names that would carry a secret. They are refused and removed from the address bar. */
const SECRET_PARAM = /(secret|password|passwd|token|session|credential|private|access[-_]?key|^akid$|^sk$|signature|authorization)/i;

export interface UrlParseResult extends ParseResult {
  /** Parameters refused because they would carry a secret (names only; values are never kept). */
  refused: string[];
  /** Which parameters the app consumed or refused, so the caller can remove them from the address bar. */
  consumed: string[];
}

/**
 * Reads backend settings from a query string. Only URL_PARAMS are read; anything that looks like a
 * secret is refused (and reported by name, never by value), whatever else the URL says.
 */
export function parseUrlSettings(search: string, base: BackendSettings = DEFAULT_SETTINGS): UrlParseResult {
  const params = new URLSearchParams(search);
  const refused: string[] = [];
  const consumed: string[] = [];
  const picked: Record<string, string> = {};
  for (const [name, value] of params) {
    if (SECRET_PARAM.test(name)) {
      refused.push(name);
      consumed.push(name);
      continue;
    }
    if ((URL_PARAMS as readonly string[]).includes(name)) {
      picked[name] = value;
      consumed.push(name);
    }
  }
  const problems = refused.map((n) => `${n}: secrets are never read from the URL; enter credentials on the settings page`);
  if (Object.keys(picked).length === 0) return { problems, refused, consumed };

  const backend = picked.backend ?? base.backend;
  // Start from the base only when the backend stays the same, so fields never leak across backends.
  const merged: Record<string, unknown> = backend === base.backend ? { ...base, ...picked } : { ...picked, backend };
  const r = backendSettingsSchema.safeParse(merged);
  if (!r.success) return { problems: [...problems, ...describe(r.error).map((p) => `URL ${p}`)], refused, consumed };
  return { settings: r.data as BackendSettings, problems, refused, consumed };
}

export interface ResolveInput {
  fetchLabConfig: () => Promise<unknown>;
  saved: string | null;
  search: string;
}

export interface ResolvedSettings {
  settings: BackendSettings;
  /** Plain-language notices for the learner (shown in the UI, never logged to the console). */
  notices: string[];
  /** URL parameters to remove from the address bar. */
  consumedParams: string[];
  /** Where the settings came from. */
  source: 'default' | 'lab-config' | 'saved' | 'url';
}

/** Defaults < lab-config.json < the learner's saved settings < URL parameters. */
export async function resolveSettings(input: ResolveInput): Promise<ResolvedSettings> {
  const notices: string[] = [];
  let settings: BackendSettings = DEFAULT_SETTINGS;
  let source: ResolvedSettings['source'] = 'default';
  try {
    const json = await input.fetchLabConfig();
    if (json !== undefined) {
      const r = parseLabConfig(json);
      if (r.settings) {
        settings = r.settings;
        source = 'lab-config';
      } else notices.push(`lab-config.json was ignored: ${r.problems.join('; ')}`);
    }
  } catch {
    notices.push('lab-config.json could not be read; using the sandbox.');
  }
  const saved = parseSavedSettings(input.saved);
  if (saved) {
    settings = saved;
    source = 'saved';
  }
  const url = parseUrlSettings(input.search, settings);
  notices.push(...url.problems);
  if (url.settings) {
    settings = url.settings;
    source = 'url';
  }
  return { settings, notices, consumedParams: url.consumed, source };
}
