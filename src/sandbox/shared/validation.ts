import { ServiceError } from '../protocol/service-error';

/**
 * AWS's framework validation messages (kms-behavior.md §3). Member paths are lower camel case;
 * blob values are left out of the message.
 */
export function constraintMessage(value: string | undefined, memberPath: string, constraint: string): string {
  const shown = value === undefined ? 'Value' : `Value '${value}'`;
  return `1 validation error detected: ${shown} at '${memberPath}' failed to satisfy constraint: ${constraint}`;
}

export function constraintError(value: string | undefined, memberPath: string, constraint: string): ServiceError {
  return new ServiceError('ValidationException', constraintMessage(value, memberPath, constraint));
}

export const minValue = (n: number) => `Member must have value greater than or equal to ${n}`;
export const maxValue = (n: number) => `Member must have value less than or equal to ${n}`;
export const minLength = (n: number) => `Member must have length greater than or equal to ${n}`;
export const maxLength = (n: number) => `Member must have length less than or equal to ${n}`;
export const enumSet = (values: readonly string[]) => `Member must satisfy enum value set: [${values.join(', ')}]`;
export const pattern = (re: string) => `Member must satisfy regular expression pattern: ${re}`;

/** Checks an integer member's range; throws AWS's framework error naming the camelCase member. */
export function checkRange(value: number | undefined, memberPath: string, min: number, max: number): void {
  if (value === undefined) return;
  if (value < min) throw constraintError(String(value), memberPath, minValue(min));
  if (value > max) throw constraintError(String(value), memberPath, maxValue(max));
}

/** Checks an enum member (values are listed in AWS's recorded hash-set order, not model order). */
export function checkEnum(value: string | undefined, memberPath: string, values: readonly string[]): void {
  if (value === undefined) return;
  if (!values.includes(value)) throw constraintError(value, memberPath, enumSet(values));
}

/** Checks a string or blob length. Blobs (`isBlob`) are not echoed in the message, as AWS does. */
export function checkLength(
  value: string | Uint8Array | undefined,
  memberPath: string,
  min: number,
  max: number,
): void {
  if (value === undefined) return;
  const isBlob = value instanceof Uint8Array;
  const len = value.length;
  const shown = isBlob ? undefined : (value as string);
  if (len < min) throw constraintError(shown, memberPath, minLength(min));
  if (len > max) throw constraintError(shown, memberPath, maxLength(max));
}
