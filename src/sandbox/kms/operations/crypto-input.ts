import { ServiceError } from '../../protocol/service-error';
import { fromBase64 } from '../../shared/bytes';
import { checkGrantTokens } from '../grant-tokens';
import { checkEnum, checkLength, checkRange, constraintMessage } from '../../shared/validation';

/**
 * Readers for the members of the cryptographic operations' inputs. They apply AWS's framework
 * validation (kms-behavior.md §3) and return typed values. Blob members normally arrive as
 * Uint8Array from the protocol layer; a base64 string is accepted too.
 */
type Input = Record<string, unknown>;

/** AWS: `1 validation error detected: Value null at 'keyId' failed to satisfy constraint: Member must not be null`. */
export const notNull = (member: string) =>
  new ServiceError(
    'ValidationException',
    `1 validation error detected: Value null at '${member}' failed to satisfy constraint: Member must not be null`,
  );

const wrongType = (member: string, expected: string) =>
  new ServiceError('SerializationException', `Expected ${expected} for ${member}`);

export function asInput(input: unknown): Input {
  return input && typeof input === 'object' && !Array.isArray(input) ? (input as Input) : {};
}

export function optString(input: Input, name: string, member: string, min = 1, max = 2048): string | undefined {
  const v = input[name];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw wrongType(member, 'a string');
  checkLength(v, member, min, max);
  return v;
}

export function reqString(input: Input, name: string, member: string, min = 1, max = 2048): string {
  const v = optString(input, name, member, min, max);
  if (v === undefined) throw notNull(member);
  return v;
}

export function optEnum<T extends string>(input: Input, name: string, member: string, values: readonly T[]): T | undefined {
  const v = input[name];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw wrongType(member, 'a string');
  checkEnum(v, member, values);
  return v as T;
}

export function reqEnum<T extends string>(input: Input, name: string, member: string, values: readonly T[]): T {
  const v = optEnum(input, name, member, values);
  if (v === undefined) throw notNull(member);
  return v;
}

export function optBlob(input: Input, name: string, member: string, min: number, max: number): Uint8Array | undefined {
  let v = input[name];
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'string') {
    v = fromBase64(v);
    if (!v) throw new ServiceError('SerializationException', `Invalid base64 in ${member}`);
  }
  if (!(v instanceof Uint8Array)) throw wrongType(member, 'a blob');
  checkLength(v, member, min, max);
  return v;
}

export function reqBlob(input: Input, name: string, member: string, min: number, max: number): Uint8Array {
  const v = optBlob(input, name, member, min, max);
  if (v === undefined) throw notNull(member);
  return v;
}

export function optInt(input: Input, name: string, member: string, min: number, max: number): number | undefined {
  const v = input[name];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'number' || !Number.isInteger(v)) throw wrongType(member, 'an integer');
  checkRange(v, member, min, max);
  return v;
}

export function optBool(input: Input, name: string, member: string): boolean {
  const v = input[name];
  if (v === undefined || v === null) return false;
  if (typeof v !== 'boolean') throw wrongType(member, 'a boolean');
  return v;
}

/** GrantTokens: up to 10 tokens of 1..8192 characters, each one the sandbox issued (grants.ts). */
export function grantTokens(input: Input): void {
  const v = input.GrantTokens;
  if (v === undefined || v === null) return;
  if (!Array.isArray(v)) throw wrongType('grantTokens', 'a list');
  if (v.length > 10) {
    throw new ServiceError(
      'ValidationException',
      constraintMessage(undefined, 'grantTokens', 'Member must have length less than or equal to 10'),
    );
  }
  v.forEach((t, i) => {
    if (typeof t !== 'string') throw wrongType(`grantTokens.${i + 1}.member`, 'a string');
    checkLength(t, `grantTokens.${i + 1}.member`, 1, 8192);
  });
  checkGrantTokens(v);
}

/**
 * Sandbox differs: AWS accepts a Nitro Enclaves attestation document (Recipient) and answers with
 * CiphertextForRecipient instead of the plaintext. The sandbox has no enclaves and says so rather
 * than silently returning plaintext.
 */
export function noRecipient(input: Input): void {
  if (input.Recipient !== undefined && input.Recipient !== null) {
    throw new ServiceError(
      'UnsupportedOperationException',
      'Recipient (a Nitro Enclaves attestation document) is not available in the KMS Study Lab sandbox.',
    );
  }
}
