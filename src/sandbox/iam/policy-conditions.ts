/**
 * IAM condition operators and policy variables, as the IAM User Guide's "Condition operators"
 * and "Policy variables" pages describe them. Pure functions: the evaluator builds the request
 * context (a map of condition keys to values) and asks whether a Condition block holds.
 */

/** Request context: condition key (lower case, as IAM compares keys case-insensitively) -> values. */
export type ContextKeys = Map<string, string[]>;

export type RawContextValue = string | string[] | boolean | number | undefined;

export function buildContextKeys(entries: Record<string, RawContextValue>): ContextKeys {
  const m: ContextKeys = new Map();
  for (const [k, v] of Object.entries(entries)) setContextKey(m, k, v);
  return m;
}

/**
 * A ContextKeys filled when it is first read: a request's context keys (a dozen entries, the key's
 * aliases and tags) are needed only by a statement with a Condition or a policy variable, and most
 * statements the sandbox evaluates on its hot paths (the lab administrator's `*`, a key policy's
 * account-root statement) have neither. Every read (get, has, size, iteration) fills it first, so what
 * a reader sees is exactly what the eager map held; `fill` runs at most once, within the same
 * synchronous evaluation that built the request.
 */
class LazyContextKeys extends Map<string, string[]> {
  private fill: ((m: Map<string, string[]>) => void) | undefined;

  constructor(fill: (m: Map<string, string[]>) => void) {
    super();
    this.fill = fill;
  }

  private ready(): void {
    const f = this.fill;
    if (f === undefined) return;
    this.fill = undefined;
    f(this);
  }

  override get(k: string): string[] | undefined {
    this.ready();
    return super.get(k);
  }
  override has(k: string): boolean {
    this.ready();
    return super.has(k);
  }
  override set(k: string, v: string[]): this {
    this.ready();
    return super.set(k, v);
  }
  override delete(k: string): boolean {
    this.ready();
    return super.delete(k);
  }
  override clear(): void {
    this.fill = undefined;
    super.clear();
  }
  override get size(): number {
    this.ready();
    return super.size;
  }
  override forEach(cb: (v: string[], k: string, m: Map<string, string[]>) => void, thisArg?: unknown): void {
    this.ready();
    super.forEach(cb, thisArg);
  }
  override entries(): MapIterator<[string, string[]]> {
    this.ready();
    return super.entries();
  }
  override keys(): MapIterator<string> {
    this.ready();
    return super.keys();
  }
  override values(): MapIterator<string[]> {
    this.ready();
    return super.values();
  }
  override [Symbol.iterator](): MapIterator<[string, string[]]> {
    this.ready();
    return super[Symbol.iterator]();
  }
}

/** Context keys computed by `fill` (with setContextKey) when first read; see LazyContextKeys. */
export function lazyContextKeys(fill: (m: ContextKeys) => void): ContextKeys {
  return new LazyContextKeys(fill);
}

export function setContextKey(m: ContextKeys, key: string, v: RawContextValue): void {
  if (v === undefined) return;
  m.set(key.toLowerCase(), Array.isArray(v) ? v.map(String) : [String(v)]);
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/**
 * Builds an anchored matcher for a policy string: `${key}` policy variables are replaced by the
 * context's (single) value, `${*}` `${?}` `${$}` stand for the literal characters, and with
 * `wildcards` a bare `*` matches any run of characters and `?` any one character.
 * Returns undefined when a variable has no value: AWS then treats the element as not matching.
 */
// Patterns without variables compile the same every time: the hot path (every KMS call) reuses them.
const compiled = new Map<string, RegExp>();
const COMPILED_MAX = 2000;

export function compilePattern(
  pattern: string,
  ctx: ContextKeys,
  opts: { wildcards: boolean; ignoreCase: boolean },
): RegExp | undefined {
  const cacheable = !pattern.includes('${');
  const cacheKey = `${opts.wildcards ? 'w' : '-'}${opts.ignoreCase ? 'i' : '-'}${pattern}`;
  if (cacheable) {
    const hit = compiled.get(cacheKey);
    if (hit) return hit;
  }
  const result = buildPattern(pattern, ctx, opts);
  if (cacheable && result) {
    if (compiled.size >= COMPILED_MAX) compiled.clear();
    compiled.set(cacheKey, result);
  }
  return result;
}

function buildPattern(
  pattern: string,
  ctx: ContextKeys,
  opts: { wildcards: boolean; ignoreCase: boolean },
): RegExp | undefined {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '$' && pattern[i + 1] === '{') {
      const end = pattern.indexOf('}', i + 2);
      if (end < 0) {
        re += escapeRe(pattern.slice(i));
        break;
      }
      const value = resolveVariable(pattern.slice(i + 2, end), ctx);
      if (value === undefined) return undefined;
      re += escapeRe(value);
      i = end;
    } else if (opts.wildcards && c === '*') re += '.*';
    else if (opts.wildcards && c === '?') re += '.';
    else re += escapeRe(c);
  }
  return new RegExp(`^${re}$`, opts.ignoreCase ? 'is' : 's');
}

/** `${aws:username}`, `${cognito-identity.amazonaws.com:sub}`, `${aws:username, 'default'}`, `${*}`. */
function resolveVariable(body: string, ctx: ContextKeys): string | undefined {
  const inner = body.trim();
  if (inner === '*' || inner === '?' || inner === '$') return inner;
  const m = /^([^,]+?)\s*(?:,\s*'([^']*)')?$/.exec(inner);
  if (!m) return undefined;
  const values = ctx.get(m[1]!.trim().toLowerCase());
  // Multi-valued keys cannot be used as variables (IAM User Guide, policy variables).
  if (values && values.length === 1) return values[0];
  return m[2];
}

/** Substitutes policy variables in a plain value (Numeric, Date, Bool...): undefined when unresolvable. */
export function substituteVariables(value: string, ctx: ContextKeys): string | undefined {
  let out = '';
  for (let i = 0; i < value.length; i++) {
    const c = value[i]!;
    if (c === '$' && value[i + 1] === '{') {
      const end = value.indexOf('}', i + 2);
      if (end < 0) return out + value.slice(i);
      const v = resolveVariable(value.slice(i + 2, end), ctx);
      if (v === undefined) return undefined;
      out += v;
      i = end;
    } else out += c;
  }
  return out;
}

type Matcher = (ctxValue: string, policyValue: string) => boolean;

interface OperatorSpec {
  match: Matcher;
  /** StringNotEquals & co: true when no policy value matches. */
  negated: boolean;
}

const stringMatcher =
  (wildcards: boolean, ignoreCase: boolean, ctx: ContextKeys): Matcher =>
  (v, p) => {
    const re = compilePattern(p, ctx, { wildcards, ignoreCase });
    return re !== undefined && re.test(v);
  };

const num = (s: string): number => (/^\s*-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/.test(s) ? Number(s) : NaN);

const numericMatcher =
  (cmp: (a: number, b: number) => boolean, ctx: ContextKeys): Matcher =>
  (v, p) => {
    const pv = substituteVariables(p, ctx);
    if (pv === undefined) return false;
    const a = num(v);
    const b = num(pv);
    return !Number.isNaN(a) && !Number.isNaN(b) && cmp(a, b);
  };

function toTime(s: string): number {
  if (/^\d+$/.test(s)) return Number(s) * 1000;
  const t = Date.parse(s);
  return Number.isNaN(t) ? NaN : t;
}

const dateMatcher =
  (cmp: (a: number, b: number) => boolean, ctx: ContextKeys): Matcher =>
  (v, p) => {
    const pv = substituteVariables(p, ctx);
    if (pv === undefined) return false;
    const a = toTime(v);
    const b = toTime(pv);
    return !Number.isNaN(a) && !Number.isNaN(b) && cmp(a, b);
  };

function operatorSpec(base: string, ctx: ContextKeys): OperatorSpec | undefined {
  switch (base.toLowerCase()) {
    case 'stringequals':
      return { match: stringMatcher(false, false, ctx), negated: false };
    case 'stringnotequals':
      return { match: stringMatcher(false, false, ctx), negated: true };
    case 'stringequalsignorecase':
      return { match: stringMatcher(false, true, ctx), negated: false };
    case 'stringnotequalsignorecase':
      return { match: stringMatcher(false, true, ctx), negated: true };
    case 'stringlike':
      return { match: stringMatcher(true, false, ctx), negated: false };
    case 'stringnotlike':
      return { match: stringMatcher(true, false, ctx), negated: true };
    // ArnEquals and ArnLike both accept wildcards (IAM User Guide, ARN condition operators).
    case 'arnequals':
    case 'arnlike':
      return { match: stringMatcher(true, false, ctx), negated: false };
    case 'arnnotequals':
    case 'arnnotlike':
      return { match: stringMatcher(true, false, ctx), negated: true };
    case 'numericequals':
      return { match: numericMatcher((a, b) => a === b, ctx), negated: false };
    case 'numericnotequals':
      return { match: numericMatcher((a, b) => a === b, ctx), negated: true };
    case 'numericlessthan':
      return { match: numericMatcher((a, b) => a < b, ctx), negated: false };
    case 'numericlessthanequals':
      return { match: numericMatcher((a, b) => a <= b, ctx), negated: false };
    case 'numericgreaterthan':
      return { match: numericMatcher((a, b) => a > b, ctx), negated: false };
    case 'numericgreaterthanequals':
      return { match: numericMatcher((a, b) => a >= b, ctx), negated: false };
    case 'dateequals':
      return { match: dateMatcher((a, b) => a === b, ctx), negated: false };
    case 'datenotequals':
      return { match: dateMatcher((a, b) => a === b, ctx), negated: true };
    case 'datelessthan':
      return { match: dateMatcher((a, b) => a < b, ctx), negated: false };
    case 'datelessthanequals':
      return { match: dateMatcher((a, b) => a <= b, ctx), negated: false };
    case 'dategreaterthan':
      return { match: dateMatcher((a, b) => a > b, ctx), negated: false };
    case 'dategreaterthanequals':
      return { match: dateMatcher((a, b) => a >= b, ctx), negated: false };
    case 'bool':
      return { match: (v, p) => v.toLowerCase() === String(p).toLowerCase(), negated: false };
    default:
      return undefined;
  }
}

export interface ParsedOperator {
  set?: 'ForAllValues' | 'ForAnyValue';
  base: string;
  ifExists: boolean;
}

export function parseOperator(op: string): ParsedOperator {
  let rest = op;
  let set: ParsedOperator['set'];
  const m = /^(ForAllValues|ForAnyValue):(.+)$/i.exec(rest);
  if (m) {
    set = m[1]!.toLowerCase() === 'forallvalues' ? 'ForAllValues' : 'ForAnyValue';
    rest = m[2]!;
  }
  const ifExists = /IfExists$/i.test(rest) && rest.toLowerCase() !== 'null';
  if (ifExists) rest = rest.slice(0, -'IfExists'.length);
  return { set, base: rest, ifExists };
}

/** Whether an operator name is one the sandbox evaluates (used to reject unknown ones in key policies). */
export function isKnownOperator(op: string): boolean {
  const p = parseOperator(op);
  return p.base.toLowerCase() === 'null' || operatorSpec(p.base, new Map()) !== undefined;
}

const asList = (v: string | string[] | boolean | number): string[] => (Array.isArray(v) ? v.map(String) : [String(v)]);

/** One operator with one key: `"StringEquals": { "aws:RequestTag/lab-owner": "${...}" }`. */
export function evaluateConditionEntry(
  op: string,
  key: string,
  policyValue: string | string[] | boolean | number,
  ctx: ContextKeys,
): boolean {
  const parsed = parseOperator(op);
  const policyValues = asList(policyValue);
  const ctxValues = ctx.get(key.toLowerCase());

  if (parsed.base.toLowerCase() === 'null') {
    // "true": the key must be absent; "false": present (and not empty).
    const absent = ctxValues === undefined || ctxValues.length === 0;
    return policyValues.some((p) => (p.toLowerCase() === 'true' ? absent : !absent));
  }
  const spec = operatorSpec(parsed.base, ctx);
  if (!spec) return false; // an unknown operator never matches (statement does not apply)
  const anyPolicyMatches = (v: string) => policyValues.some((p) => spec.match(v, p));

  if (parsed.set === 'ForAllValues') {
    // Every value in the request must match; an absent or empty key makes it true.
    if (!ctxValues || ctxValues.length === 0) return true;
    return ctxValues.every((v) => (spec.negated ? !anyPolicyMatches(v) : anyPolicyMatches(v)));
  }
  if (parsed.set === 'ForAnyValue') {
    if (!ctxValues || ctxValues.length === 0) return parsed.ifExists;
    return ctxValues.some((v) => (spec.negated ? !anyPolicyMatches(v) : anyPolicyMatches(v)));
  }
  if (!ctxValues || ctxValues.length === 0) {
    // Absent key: IfExists -> true; negated operators -> true; others -> false.
    return parsed.ifExists || spec.negated;
  }
  const matched = ctxValues.some(anyPolicyMatches);
  return spec.negated ? !matched : matched;
}

/** A whole Condition block: every operator and every key must hold (logical AND). */
export function evaluateCondition(
  condition: Record<string, Record<string, string | string[] | boolean | number>> | undefined,
  ctx: ContextKeys,
): boolean {
  if (!condition) return true;
  for (const [op, entries] of Object.entries(condition)) {
    if (entries === null || typeof entries !== 'object') return false;
    for (const [key, value] of Object.entries(entries)) {
      if (!evaluateConditionEntry(op, key, value, ctx)) return false;
    }
  }
  return true;
}
