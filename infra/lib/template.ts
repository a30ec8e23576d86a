/**
 * The infrastructure template's build step (`npm run infra:build`): the source template
 * (infra/template.src.yaml) with the guest role's trust and permission documents brought in
 * verbatim from infra/policies/, the documents the sandbox enforces. Only two things change on
 * the way, because they name the sandbox's own resources: the trust policy's `aud` becomes the
 * stack's identity pool, and an S3 ARN's bucket becomes the stack's lab bucket.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse, stringify } from 'yaml';

const infraDir = fileURLToPath(new URL('..', import.meta.url));
export const SOURCE_TEMPLATE = `${infraDir}template.src.yaml`;
export const BUILT_TEMPLATE = `${infraDir}dist/kms-study-lab.yaml`;
export const GUEST_POLICY_FILE = `${infraDir}policies/lab-guest-policy.json`;
export const GUEST_TRUST_POLICY_FILE = `${infraDir}policies/lab-guest-trust-policy.json`;

export type Json = string | number | boolean | null | Json[] | { [k: string]: Json };
type JsonObject = { [k: string]: Json };

const AUD = 'cognito-identity.amazonaws.com:aud';
const PRINCIPAL_ACCOUNT = '${aws:PrincipalAccount}';
const S3_ARN = /^arn:aws:s3:::([^/]+)(\/.*)?$/;

export function readPolicies(): { guest: JsonObject; trust: JsonObject } {
  return {
    guest: JSON.parse(readFileSync(GUEST_POLICY_FILE, 'utf8')) as JsonObject,
    trust: JSON.parse(readFileSync(GUEST_TRUST_POLICY_FILE, 'utf8')) as JsonObject,
  };
}

/** Walks a JSON value, replacing what `swap` returns a value for. */
function mapJson(v: Json, swap: (v: Json, key: string | undefined) => Json | undefined, key?: string): Json {
  const s = swap(v, key);
  if (s !== undefined) return s;
  if (Array.isArray(v)) return v.map((x) => mapJson(x, swap));
  if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, mapJson(x, swap, k)]));
  return v;
}

/** The trust policy with the sandbox's pool id replaced by the stack's pool. */
export function templateTrustPolicy(trust: JsonObject): Json {
  return mapJson(trust, (v, key) => (key === AUD && typeof v === 'string' ? { Ref: 'IdentityPool' } : undefined));
}

/**
 * The guest policy for the template. IAM policy variables (`${cognito-identity...}`) stay literal:
 * outside Fn::Sub CloudFormation leaves them alone. Two kinds of string become Fn::Sub (where the
 * remaining policy variables are escaped as `${!...}`): an S3 ARN, which must name the stack's
 * bucket, and `${aws:PrincipalAccount}` in a resource ARN, which becomes `${AWS::AccountId}` — the
 * same account for this role (its principals are always the stack's account), and the form
 * cfn-lint's ARN check accepts.
 */
export function templateGuestPolicy(guest: JsonObject): Json {
  return mapJson(guest, (v) => {
    if (typeof v !== 'string') return undefined;
    const m = S3_ARN.exec(v);
    if (!m && !v.includes(PRINCIPAL_ACCOUNT)) return undefined;
    const rest = m ? `arn:aws:s3:::\${LabBucket}${m[2] ?? ''}` : v;
    const escaped = rest
      .split(PRINCIPAL_ACCOUNT)
      .map((part) => part.replace(/\$\{(?!LabBucket\})/g, '${!'))
      .join('${AWS::AccountId}');
    return { 'Fn::Sub': escaped };
  });
}

/** The inverse, for the agreement test: what IAM will see once CloudFormation resolved the template. */
export function resolveForComparison(v: Json, refs: Record<string, string>): Json {
  return mapJson(v, (x) => {
    if (x === null || typeof x !== 'object' || Array.isArray(x)) return undefined;
    const keys = Object.keys(x);
    if (keys.length !== 1) return undefined;
    if (keys[0] === 'Ref' && typeof x.Ref === 'string') return refs[x.Ref] ?? x;
    const sub = x['Fn::Sub'];
    if (keys[0] === 'Fn::Sub' && typeof sub === 'string') {
      return sub.replace(/\$\{(!?)([^}]+)\}/g, (all, bang: string, name: string) => (bang ? `\${${name}}` : (refs[name] ?? all)));
    }
    return undefined;
  });
}

export function buildTemplate(): string {
  const source = parse(readFileSync(SOURCE_TEMPLATE, 'utf8')) as JsonObject;
  const { guest, trust } = readPolicies();
  const resources = source.Resources as Record<string, JsonObject>;
  const role = resources.GuestRole!.Properties as JsonObject;
  if (role.AssumeRolePolicyDocument !== '__LAB_GUEST_TRUST_POLICY__') throw new Error('template.src.yaml: the GuestRole trust placeholder is missing');
  role.AssumeRolePolicyDocument = templateTrustPolicy(trust);
  const [inline] = role.Policies as JsonObject[];
  if (!inline || inline.PolicyDocument !== '__LAB_GUEST_POLICY__') throw new Error('template.src.yaml: the GuestRole policy placeholder is missing');
  inline.PolicyDocument = templateGuestPolicy(guest);
  const header = [
    '# KMS Study Lab - BUILT by `npm run infra:build` from infra/template.src.yaml and infra/policies/.',
    '# Edit those, not this file. Deploy with `npm run infra:deploy -- --stack-name NAME`.',
  ].join('\n');
  return `${header}\n${stringify(source, { lineWidth: 0, aliasDuplicateObjects: false, version: '1.1' })}`;
}

/** Parses a built template (long-form intrinsics only, so plain YAML). */
export function parseTemplate(text: string): JsonObject {
  return parse(text) as JsonObject;
}
