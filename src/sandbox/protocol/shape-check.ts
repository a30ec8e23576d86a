import type { NormalizedSchema } from '@smithy/core/schema';
import type { ServiceName } from '../shared/context';
import { fromBase64 } from '../shared/bytes';
import { ServiceError } from './service-error';
import { operationModel } from './service-models';

/**
 * Member types checked against AWS's own API model (the schemas the SDK clients ship), before any
 * operation runs: a string where a number belongs, an object where a list belongs and so on answer
 * SerializationException, as AWS's JSON services do; blob members are base64-decoded to Uint8Array
 * on the way, timestamps become Dates. This is the JSON protocol's deserialiser; the values themselves
 * (lengths, ranges, enums, required members) are checked next by the validation layer (validate.ts).
 */

/** The operation's input schema, or undefined when AWS's model does not have the operation. */
export function inputSchemaOf(service: ServiceName, operation: string): NormalizedSchema | undefined {
  return operationModel(service, operation)?.input;
}

const jsonKind = (v: unknown): string =>
  v === null
    ? 'NULL_VALUE'
    : Array.isArray(v)
      ? 'START_ARRAY'
      : typeof v === 'object'
        ? 'START_OBJECT'
        : typeof v === 'string'
          ? 'STRING_VALUE'
          : typeof v === 'number'
            ? 'NUMBER_VALUE'
            : typeof v === 'boolean'
              ? 'BOOLEAN_VALUE'
              : 'VALUE';

// Sandbox differs: AWS's messages for type mismatches vary by Java type; the sandbox names the member.
const mismatch = (v: unknown, expected: string, path: string) =>
  new ServiceError('SerializationException', `${jsonKind(v)} can not be converted to ${expected} (member ${path})`);

const MAX_DEPTH = 20;

/** Checks `value` against `schema` and returns it with blobs decoded. */
function check(value: unknown, schema: NormalizedSchema, path: string, depth: number): unknown {
  if (value === null) return undefined; // JSON null is an absent member, as AWS reads it
  if (depth > MAX_DEPTH) throw new ServiceError('SerializationException', `The request nests deeper than ${MAX_DEPTH} levels.`);
  if (schema.isBlobSchema()) {
    if (typeof value !== 'string') throw mismatch(value, 'a Blob', path);
    const b = fromBase64(value);
    if (!b) throw new ServiceError('SerializationException', `Member ${path} is not valid base64.`);
    return b;
  }
  if (schema.isStringSchema()) {
    if (typeof value !== 'string') throw mismatch(value, 'a String', path);
    return value;
  }
  if (schema.isBooleanSchema()) {
    if (typeof value !== 'boolean') throw mismatch(value, 'a Boolean', path);
    return value;
  }
  if (schema.isNumericSchema() || schema.isBigIntegerSchema() || schema.isBigDecimalSchema()) {
    if (typeof value !== 'number' || !Number.isFinite(value)) throw mismatch(value, 'a Number', path);
    return value;
  }
  if (schema.isTimestampSchema()) {
    // Operations receive the SDK's type, a Date: JSON sends epoch seconds (the CLI may send ISO-8601 text).
    const ms = typeof value === 'number' ? value * 1000 : typeof value === 'string' ? Date.parse(value) : Number.NaN;
    if (!Number.isFinite(ms)) throw mismatch(value, 'a Date', path);
    return new Date(ms);
  }
  if (schema.isDocumentSchema()) return value;
  if (schema.isListSchema()) {
    if (!Array.isArray(value)) throw mismatch(value, 'a List', path);
    const member = schema.getValueSchema();
    return value.map((x, i) => check(x, member, `${path}[${i}]`, depth + 1));
  }
  if (schema.isMapSchema()) {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) throw mismatch(value, 'a Map', path);
    const vs = schema.getValueSchema();
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(value as Record<string, unknown>)) {
      const c = check(x, vs, `${path}.${k}`, depth + 1);
      // defineProperty keeps a map key named "__proto__" (plain assignment would hit the prototype
      // setter and drop it, making an encryption context {"__proto__": "x"} equal to {}).
      if (c !== undefined) Object.defineProperty(out, k, { value: c, enumerable: true, writable: true, configurable: true });
    }
    return out;
  }
  if (schema.isStructSchema() || schema.isUnionSchema()) {
    if (typeof value !== 'object' || Array.isArray(value)) throw mismatch(value, 'a Structure', path);
    const input = value as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const [name, member] of schema.structIterator()) {
      if (!Object.hasOwn(input, name)) continue;
      const c = check(input[name], member, path ? `${path}.${name}` : name, depth + 1);
      if (c !== undefined) out[name] = c;
    }
    // Unknown members are ignored, as AWS ignores them.
    return out;
  }
  return value;
}

/**
 * Type-checks a JSON input against the model and decodes its blobs. Returns undefined when the model
 * does not know the operation (the caller then falls back to its own table).
 */
export function checkJsonInput(service: ServiceName, operation: string, input: Record<string, unknown>): Record<string, unknown> | undefined {
  const schema = inputSchemaOf(service, operation);
  if (!schema) return undefined;
  return check(input, schema, '', 0) as Record<string, unknown>;
}
