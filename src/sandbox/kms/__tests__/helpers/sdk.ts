import { expect } from 'vitest';
import { sandboxClients } from '../../../__tests__/helpers/clients';

export const ACCOUNT = '111122223333';
export const REGION = 'us-east-1';
export const keyArnOf = (id: string, region = REGION) => `arn:aws:kms:${region}:${ACCOUNT}:key/${id}`;
export const aliasArnOf = (name: string, region = REGION) => `arn:aws:kms:${region}:${ACCOUNT}:${name}`;

/** A fresh sandbox and its real SDK clients (admin credentials). */
export async function kmsSandbox() {
  return sandboxClients();
}

/**
 * Asserts an AWS error as the SDK raises it: name (the AWS code), HTTP status and message.
 * `message: null` means AWS sends no message; the JS SDK then shows 'UnknownError'.
 */
export async function expectAwsError(
  p: Promise<unknown>,
  name: string,
  message?: string | RegExp | null,
  status = 400,
): Promise<any> {
  let err: any;
  try {
    await p;
  } catch (e) {
    err = e;
  }
  expect(err, `expected ${name}`).toBeDefined();
  expect(err.name).toBe(name);
  expect(err.$metadata?.httpStatusCode).toBe(status);
  if (message === null) expect(err.message).toBe('UnknownError');
  else if (typeof message === 'string') expect(err.message).toBe(message);
  else if (message instanceof RegExp) expect(err.message).toMatch(message);
  return err;
}
