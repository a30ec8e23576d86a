import type { NormalizedSchema } from '@smithy/core/schema';
import type { RequestContext, ServiceModule, ServiceName } from '../shared/context';
import { constraintProblem, validationFailure } from '../shared/validation';
import { MODEL_CONSTRAINTS } from './model-constraints';
import { operationModel, sdkModuleOf } from './service-models';
import type { MemberConstraint } from './validate-types';
import { ENUM_LISTINGS, REQUIRED_OVERRIDES, SERVICE_CHECKED } from './validation-overrides';

/**
 * The one validation layer (docs/sandbox.md, "Validation"). AWS checks a request in two steps before
 * its service code runs, and so does the sandbox:
 * 1. the protocol's deserialiser reads the members into the types the SDK's schema gives them (JSON:
 *    shape-check.ts, SerializationException on a wrong type; Query: aws-query.ts's coercion);
 * 2. framework validation (this file) checks every member against AWS's model: required members,
 *    lengths, ranges, patterns and enums. Every failing constraint is collected, in the model's member
 *    order, and reported in one ValidationException as AWS words it:
 *    `2 validation errors detected: Value 'X' at 'keySpec' failed to satisfy constraint: ...; ...`.
 * What a schema cannot express (GenerateDataKey's "KeySpec or NumberOfBytes", PendingWindowInDays 7-30,
 * tag prefixes) stays in the operation, which builds its error with the same helpers
 * (shared/validation.ts).
 *
 * The structure walk, member types and required members come from the SDK's schemas (the same ones the
 * wire layer routes with); the SDK does not ship the model's value constraints, so those come from
 * model-constraints.ts, generated from the same AWS model (botocore's copy). Each operation's input is
 * compiled once into a plain tree, so a request costs one walk over the members it sent.
 */

type Kind = 'blob' | 'string' | 'boolean' | 'number' | 'integer' | 'timestamp' | 'list' | 'map' | 'struct' | 'other';

interface Checks {
  /** The value is never echoed in a message (a sensitive member). */
  secret?: boolean;
  int?: boolean;
  len?: readonly [number, number | null];
  range?: readonly [number | null, number | null];
  re?: RegExp;
  patternText?: string;
  accepted?: ReadonlySet<string>;
  listed?: readonly string[];
  item?: Checks;
  key?: Checks;
  value?: Checks;
}

interface Member {
  name: string;
  /** Lower camel case, as AWS names members in its messages. */
  path: string;
  required: boolean;
  node: Node;
  checks?: Checks;
}

interface Node {
  kind: Kind;
  item?: Node;
  value?: Node;
  members?: Member[];
}

const camel = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

/** A Java pattern as a whole-value JS RegExp; undefined when JS cannot express it (then not checked). */
function compilePattern(p: string): RegExp | undefined {
  // Java's \uXXXXX (supplementary code points written as 5-6 hex digits) -> \u{XXXXX}.
  const js = p.replace(/\\u([0-9A-Fa-f]{5,6})/g, '\\u{$1}');
  try {
    return new RegExp(`^(?:${js})$`, 'u');
  } catch {
    return undefined;
  }
}

function sdkEnumValues(service: ServiceName, name: string | undefined): string[] {
  if (!name) return [];
  const e = sdkModuleOf(service)?.[name];
  if (!e || typeof e !== 'object') return [];
  return Object.values(e as Record<string, unknown>).filter((v): v is string => typeof v === 'string');
}

function compileChecks(service: ServiceName, c: MemberConstraint | undefined, listingKey: string): Checks | undefined {
  if (!c) return undefined;
  const out: Checks = {};
  if (c.sensitive) out.secret = true;
  if (c.int) out.int = true;
  if (c.len) out.len = c.len;
  if (c.range) out.range = c.range;
  if (c.pattern) {
    const re = compilePattern(c.pattern);
    if (re) {
      out.re = re;
      out.patternText = c.pattern;
    }
  }
  if (c.enum) {
    // Accepted: the model's values and the SDK's (the SDK is often newer). Listed in the message:
    // AWS's recorded hash-set order where the reference has it, else the model's order.
    const modelValues = [...c.enum, ...sdkEnumValues(service, c.enumName).filter((v) => !c.enum!.includes(v))];
    const listed = ENUM_LISTINGS[service]?.[listingKey];
    out.accepted = new Set([...modelValues, ...(listed?.accepted ?? [])]);
    out.listed = listed?.listed ?? modelValues;
  }
  const item = compileChecks(service, c.item, `${listingKey}[]`);
  if (item) out.item = item;
  const key = compileChecks(service, c.key, `${listingKey}{key}`);
  if (key) out.key = key;
  const value = compileChecks(service, c.value, `${listingKey}{value}`);
  if (value) out.value = value;
  return Object.keys(out).length > 0 ? out : undefined;
}

function compileNode(service: ServiceName, schema: NormalizedSchema, structs: Map<string, Node>): Node {
  if (schema.isBlobSchema()) return { kind: 'blob' };
  if (schema.isStringSchema()) return { kind: 'string' };
  if (schema.isBooleanSchema()) return { kind: 'boolean' };
  if (schema.isNumericSchema() || schema.isBigIntegerSchema() || schema.isBigDecimalSchema()) return { kind: 'number' };
  if (schema.isTimestampSchema()) return { kind: 'timestamp' };
  if (schema.isListSchema()) return { kind: 'list', item: compileNode(service, schema.getValueSchema(), structs) };
  if (schema.isMapSchema()) return { kind: 'map', value: compileNode(service, schema.getValueSchema(), structs) };
  if (schema.isStructSchema()) {
    const name = schema.getName() ?? '';
    const cached = structs.get(name);
    if (cached) return cached;
    const node: Node = { kind: 'struct', members: [] };
    structs.set(name, node); // before the members: a structure may contain itself
    const raw = schema.getSchema() as unknown[];
    // The SDK's structure schemas list required members first and end with how many there are.
    const requiredCount = typeof raw[6] === 'number' ? raw[6] : 0;
    const sdkMembers = [...schema.structIterator()];
    const table = MODEL_CONSTRAINTS[service]?.[name] ?? {};
    const order = [
      ...Object.keys(table).filter((m) => sdkMembers.some(([n]) => n === m)),
      ...sdkMembers.map(([n]) => n).filter((n) => !Object.hasOwn(table, n)),
    ];
    for (const m of order) {
      const i = sdkMembers.findIndex(([n]) => n === m);
      const key = `${name}.${m}`;
      const c = SERVICE_CHECKED[service]?.has(key) ? undefined : table[m];
      node.members!.push({
        name: m,
        path: camel(m),
        // Sandbox choice: a member either model requires is required (botocore's copy of the model still
        // requires CreateGrant's GranteePrincipal, which the SDK's newer one relaxed for service principals).
        required: i < requiredCount || table[m]?.required === true || (REQUIRED_OVERRIDES[service]?.has(key) ?? false),
        node: compileNode(service, sdkMembers[i]![1], structs),
        checks: compileChecks(service, c, key),
      });
    }
    return node;
  }
  return { kind: 'other' };
}

const compiled = new Map<string, Node | null>();

function inputNode(service: ServiceName, operation: string): Node | undefined {
  const k = `${service}.${operation}`;
  let n = compiled.get(k);
  if (n === undefined) {
    const schema = operationModel(service, operation)?.input;
    n = schema ? compileNode(service, schema, new Map()) : null;
    compiled.set(k, n);
  }
  return n ?? undefined;
}

const isScalar = (v: unknown) => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';
/** How AWS echoes a value: strings and numbers as text, lists of them as `[a, b]`; other values are not shown. */
function shown(v: unknown): string | undefined {
  if (isScalar(v)) return String(v);
  if (Array.isArray(v) && v.every(isScalar)) return `[${v.join(', ')}]`;
  return undefined;
}

function checkLen(n: number, v: unknown, echo: boolean, path: string, len: readonly [number, number | null], out: string[]): void {
  const value = echo ? shown(v) : undefined;
  if (n < len[0]) out.push(constraintProblem(value, path, `Member must have length greater than or equal to ${len[0]}`));
  else if (len[1] !== null && n > len[1]) out.push(constraintProblem(value, path, `Member must have length less than or equal to ${len[1]}`));
}

const enumText = (listed: readonly string[]) => `Member must satisfy enum value set: [${listed.join(', ')}]`;

function checkValue(node: Node, checks: Checks | undefined, v: unknown, path: string, out: string[]): void {
  switch (node.kind) {
    case 'string': {
      if (typeof v !== 'string') return void out.push(constraintProblem(checks?.secret ? undefined : shown(v), path, 'Member must be a string'));
      if (!checks) return;
      // A sensitive value (a web identity token, a login token, a password) is never echoed: AWS writes
      // `Value at 'username' failed to satisfy constraint: ...` (a Cognito username, massif-press/compcon#1951),
      // and the message goes to the trail, which must never hold a secret.
      const echoed = checks.secret ? undefined : v;
      if (checks.len) checkLen(v.length, v, !checks.secret, path, checks.len, out);
      if (checks.re && v.length > 0 && !checks.re.test(v)) {
        out.push(constraintProblem(echoed, path, `Member must satisfy regular expression pattern: ${checks.patternText}`));
      }
      if (checks.accepted && !checks.accepted.has(v)) out.push(constraintProblem(echoed, path, enumText(checks.listed!)));
      return;
    }
    case 'blob': {
      // Blobs are never echoed (AWS: `Value at 'plaintext' failed to satisfy constraint: ...`).
      if (!(v instanceof Uint8Array)) return void out.push(constraintProblem(undefined, path, 'Member must be a blob'));
      if (checks?.len) checkLen(v.length, v, false, path, checks.len, out);
      return;
    }
    case 'number': {
      if (typeof v !== 'number' || !Number.isFinite(v)) return void out.push(constraintProblem(shown(v), path, 'Member must be an integer'));
      // Sandbox differs: what AWS does with a fraction in a whole-number member is unrecorded (JSON
      // readers may truncate it); the sandbox refuses it, so an operation never sees 7.5 days or 32.5 bytes.
      if (checks?.int && !Number.isInteger(v)) return void out.push(constraintProblem(String(v), path, 'Member must be an integer'));
      const r = checks?.range;
      if (!r) return;
      if (r[0] !== null && v < r[0]) out.push(constraintProblem(String(v), path, `Member must have value greater than or equal to ${r[0]}`));
      else if (r[1] !== null && v > r[1]) out.push(constraintProblem(String(v), path, `Member must have value less than or equal to ${r[1]}`));
      return;
    }
    case 'boolean':
      if (typeof v !== 'boolean') out.push(constraintProblem(shown(v), path, 'Member must be a boolean'));
      return;
    case 'list': {
      if (!Array.isArray(v)) return void out.push(constraintProblem(shown(v), path, 'Member must be a list'));
      if (checks?.len) checkLen(v.length, v, true, path, checks.len, out);
      const ic = checks?.item;
      // An enum list is reported whole: `Value '[Explode]' at 'operations' failed to satisfy constraint:
      // Member must satisfy constraint: [Member must satisfy enum value set: [...]]`.
      if (ic?.accepted && v.some((x) => typeof x === 'string' && !ic.accepted!.has(x))) {
        out.push(constraintProblem(shown(v), path, `Member must satisfy constraint: [${enumText(ic.listed!)}]`));
      }
      const itemChecks = ic && (ic.len || ic.re || ic.range) ? { ...ic, accepted: undefined } : undefined;
      if (!itemChecks && node.item!.kind !== 'struct') return;
      for (let i = 0; i < v.length; i++) {
        const x: unknown = v[i];
        if (x === undefined || x === null) continue;
        checkValue(node.item!, itemChecks, x, `${path}.${i + 1}.member`, out);
      }
      return;
    }
    case 'map': {
      if (v === null || typeof v !== 'object' || Array.isArray(v)) return void out.push(constraintProblem(undefined, path, 'Member must be a map'));
      const entries = Object.entries(v as Record<string, unknown>);
      if (checks?.len) checkLen(entries.length, undefined, false, path, checks.len, out);
      if (!checks?.key && !checks?.value && node.value!.kind !== 'struct') return;
      // Sandbox differs: AWS's member path for a map entry is unrecorded; the sandbox writes `<map>.<key>`.
      for (const [k, x] of entries) {
        if (checks?.key) checkValue({ kind: 'string' }, checks.key, k, `${path}.${k}`, out);
        if (x !== undefined && x !== null) checkValue(node.value!, checks?.value, x, `${path}.${k}`, out);
      }
      return;
    }
    case 'struct': {
      if (v === null || typeof v !== 'object' || Array.isArray(v)) return void out.push(constraintProblem(undefined, path, 'Member must be a structure'));
      checkStruct(node, v as Record<string, unknown>, path, out);
      return;
    }
    default:
      return;
  }
}

function checkStruct(node: Node, input: Record<string, unknown>, prefix: string, out: string[]): void {
  for (const m of node.members!) {
    const v = input[m.name];
    const path = prefix ? `${prefix}.${m.path}` : m.path;
    if (v === undefined || v === null) {
      if (m.required) out.push(constraintProblem(null, path, 'Member must not be null'));
      // A JSON null is an absent member (as AWS's JSON protocols read it): the operation, typed by the
      // SDK (`string | undefined`), never sees null (`"KeyId": null` on Decrypt was a 500).
      else if (v === null) delete input[m.name];
      continue;
    }
    checkValue(m.node, m.checks, v, path, out);
  }
}

/** The failures framework validation finds in an operation's input, in AWS's order (empty: valid). */
export function validationProblems(service: ServiceName, operation: string, input: Record<string, unknown>): string[] {
  // S3 (REST-XML) validates in its own words (s3/); only the Coral-framework services are checked here.
  if (!MODEL_CONSTRAINTS[service]) return [];
  const node = inputNode(service, operation);
  if (!node || node.kind !== 'struct') return [];
  const out: string[] = [];
  checkStruct(node, input, '', out);
  return out;
}

/**
 * Runs framework validation on an operation's input (after deserialisation, before the operation):
 * throws AWS's ValidationException (STS: ValidationError) listing every failure.
 */
export function validateInput(service: ServiceName, operation: string, input: Record<string, unknown>): void {
  const problems = validationProblems(service, operation, input);
  if (problems.length > 0) throw validationFailure(problems, service === 'sts' ? 'ValidationError' : 'ValidationException');
}

/** What the engine does with a routed call: validate, then run the operation (also used by unit tests). */
export async function runOperation(module: ServiceModule, operation: string, input: Record<string, unknown>, ctx: RequestContext): Promise<unknown> {
  if (!module.skipModelValidation) validateInput(module.name, operation, input);
  return module.operations[operation]!(input as never, ctx);
}
