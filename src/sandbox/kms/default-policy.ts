import { accountRootArn } from '../shared/arn';

/** JSON values as key policies hold them. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [k: string]: JsonValue };

/**
 * Serialises like Jackson's DefaultPrettyPrinter, which is what KMS uses for the policies it
 * writes itself (kms-behavior.md §5.1): two-space indent per object level, ` : ` between name and
 * value, arrays kept on the line of their parent (`[ {`, `[ "a", "b" ]`), empty ones as `{ }` / `[ ]`.
 * Arrays do not add an indentation level; objects do.
 */
export function jacksonStringify(value: JsonValue): string {
  return write(value, 0);
}

function write(value: JsonValue, level: number): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) {
    if (value.length === 0) return '[ ]';
    return `[ ${value.map((v) => write(v, level)).join(', ')} ]`;
  }
  const entries = Object.entries(value);
  if (entries.length === 0) return '{ }';
  const pad = '  '.repeat(level + 1);
  const body = entries.map(([k, v]) => `${pad}${JSON.stringify(k)} : ${write(v, level + 1)}`).join(',\n');
  return `{\n${body}\n${'  '.repeat(level)}}`;
}

/**
 * The key policy KMS attaches when CreateKey has no Policy: one statement that delegates the key
 * to the account's IAM policies. Byte for byte as GetKeyPolicy returns it on AWS.
 */
export function defaultKeyPolicy(accountId: string): string {
  return jacksonStringify({
    Version: '2012-10-17',
    Id: 'key-default-1',
    Statement: [
      {
        Sid: 'Enable IAM User Permissions',
        Effect: 'Allow',
        Principal: { AWS: accountRootArn(accountId) },
        Action: 'kms:*',
        Resource: '*',
      },
    ],
  });
}
