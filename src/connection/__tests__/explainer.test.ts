import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXAM_TRAPS, EXPLANATIONS, explainError } from '../explainer';

/** Every error code the sandbox can answer with, read from its source (ServiceError('<Code>'...) and named codes). */
function sandboxCodes(): string[] {
  const root = new URL('../../sandbox', import.meta.url).pathname;
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) {
        if (name !== '__tests__') walk(p);
      } else if (p.endsWith('.ts')) files.push(p);
    }
  };
  walk(root);
  const codes = new Set<string>();
  for (const f of files) {
    const text = readFileSync(f, 'utf8');
    for (const m of text.matchAll(/ServiceError\(\s*'([A-Za-z]+)'/g)) codes.add(m[1]!);
    for (const m of text.matchAll(/'([A-Z][A-Za-z]+Exception)'/g)) codes.add(m[1]!);
  }
  return [...codes].sort();
}

describe('explainer', () => {
  const codes = sandboxCodes();

  it('finds the sandbox’s error codes (the scan itself works)', () => {
    expect(codes).toEqual(expect.arrayContaining(['ValidationException', 'InvalidCiphertextException', 'NotFoundException', 'AccessDeniedException']));
  });

  it.each(codes)('%s has its own explanation', (code) => {
    const x = explainError({ name: code, message: 'm' });
    expect(x.generic, `${code} falls back to the generic explanation`).toBeUndefined();
    expect(x.title.length).toBeGreaterThan(5);
    expect(x.explanation.length).toBeGreaterThan(20);
  });

  it.each([
    'AccessDeniedException',
    'DisabledException',
    'KMSInvalidStateException',
    'IncorrectKeyException',
    'NotFoundException',
    'ThrottlingException',
    'ExpiredTokenException',
    'UnrecognizedClientException',
    'InvalidSignatureException',
    'NotAuthorizedException',
    'ResourceNotFoundException',
    'InvalidIdentityPoolConfigurationException',
    'InvalidIdentityToken',
    'ExpiredToken',
    'InvalidClientTokenId',
    'SignatureDoesNotMatch',
    'AlreadyExistsException',
    'LimitExceededException',
  ])('%s (KMS, Cognito, STS, auth) maps', (code) => {
    expect(explainError({ name: code }).generic).toBeUndefined();
  });

  it('ValidationException on Encrypt is exam trap 1: envelope encryption', () => {
    const x = explainError({ name: 'ValidationException', message: "1 validation error detected: Value at 'plaintext' failed to satisfy constraint" }, { operation: 'Encrypt' });
    expect(x.trap).toEqual(EXAM_TRAPS[1]);
    expect(x.explanation).toMatch(/4,096 bytes/);
    expect(x.fix).toMatch(/GenerateDataKey/);
    // On another operation it stays the general rule-breaking explanation.
    expect(explainError({ name: 'ValidationException', message: 'bad window' }, { operation: 'ScheduleKeyDeletion' }).trap).toBeUndefined();
  });

  it('InvalidCiphertextException is exam trap 2: the encryption context', () => {
    const x = explainError({ name: 'InvalidCiphertextException' });
    expect(x.trap).toEqual(EXAM_TRAPS[2]);
    expect(x.explanation).toMatch(/case included/);
  });

  it('UnsupportedOperationException on rotation is exam trap 4', () => {
    expect(explainError({ name: 'UnsupportedOperationException' }, { operation: 'EnableKeyRotation' }).trap).toEqual(EXAM_TRAPS[4]);
    expect(explainError({ name: 'UnsupportedOperationException' }, { operation: 'Sign' }).trap).toBeUndefined();
  });

  it('AccessDeniedException is trap 3, unless a session policy (the enhanced flow) is the cause', () => {
    expect(explainError({ name: 'AccessDeniedException', message: 'because no resource-based policy allows the kms:Decrypt action' }).trap).toEqual(EXAM_TRAPS[3]);
    const scoped = explainError({ name: 'AccessDeniedException', message: 'because no session policy allows the kms:CreateKey action' });
    expect(scoped.title).toBe('A session policy forbids this');
    expect(scoped.explanation).toMatch(/basic flow/);
  });

  it('ThrottlingException is trap 5; KMSInvalidStateException for a key pending deletion says how to rescue it', () => {
    expect(explainError({ name: 'ThrottlingException' }).trap).toEqual(EXAM_TRAPS[5]);
    expect(explainError({ name: 'KMSInvalidStateException', message: 'arn:... is pending deletion.' }).explanation).toMatch(/CancelKeyDeletion/);
  });

  it('unknown codes get a generic explanation naming the code, never nothing', () => {
    const x = explainError({ name: 'BrandNewException', message: 'x', $metadata: { httpStatusCode: 400 } });
    expect(x).toMatchObject({ code: 'BrandNewException', generic: true, title: 'The call failed' });
    expect(x.explanation).toContain('BrandNewException');
    const server = explainError({ name: 'InternalFailure', $metadata: { httpStatusCode: 500 } });
    expect(server.title).toBe('The service failed');
    expect(explainError(undefined).code).toBe('Error');
    expect(explainError('NotFoundException').code).toBe('NotFoundException');
  });

  it('browser failures get their own explanation', () => {
    expect(explainError(new TypeError('Failed to fetch')).code).toBe('NetworkError');
    expect(explainError(new Error('Credential is missing')).code).toBe('CredentialsProviderError');
  });

  it('every trap an explanation cites is one of the eight', () => {
    for (const code of Object.keys(EXPLANATIONS)) {
      const x = explainError({ name: code });
      if (x.trap) expect(Object.values(EXAM_TRAPS)).toContainEqual(x.trap);
    }
  });
});
