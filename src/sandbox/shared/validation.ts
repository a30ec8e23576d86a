import { ServiceError } from '../protocol/service-error';

/**
 * AWS's framework validation messages (kms-behavior.md §3), built here for the validation layer
 * (protocol/validate.ts) and for the checks operations make themselves. Member paths are lower camel
 * case; blob values are left out of the message (`Value at 'plaintext' ...`), a missing required
 * member is `Value null at ...`.
 */
export function constraintProblem(value: string | null | undefined, memberPath: string, constraint: string): string {
  const shown = value === undefined ? 'Value' : value === null ? 'Value null' : `Value '${value}'`;
  return `${shown} at '${memberPath}' failed to satisfy constraint: ${constraint}`;
}

/** `1 validation error detected: ...`, `3 validation errors detected: ...; ...; ...`, as AWS joins them. */
export function validationMessage(problems: readonly string[]): string {
  const n = problems.length;
  return `${n} validation error${n === 1 ? '' : 's'} detected: ${problems.join('; ')}`;
}

/** The one error builder: ValidationException (JSON services) or STS's ValidationError, HTTP 400. */
export function validationFailure(problems: readonly string[], code: 'ValidationException' | 'ValidationError' = 'ValidationException'): ServiceError {
  return new ServiceError(code, validationMessage(problems), 400);
}

export function constraintMessage(value: string | null | undefined, memberPath: string, constraint: string): string {
  return validationMessage([constraintProblem(value, memberPath, constraint)]);
}

export function constraintError(value: string | null | undefined, memberPath: string, constraint: string): ServiceError {
  return validationFailure([constraintProblem(value, memberPath, constraint)]);
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
