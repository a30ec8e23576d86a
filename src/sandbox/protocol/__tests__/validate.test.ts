import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isServiceError } from '../service-error';
import { MODEL_CONSTRAINTS } from '../model-constraints';
import { operationModel, sdkModuleOf } from '../service-models';
import { validateInput, validationProblems } from '../validate';

/**
 * The validation layer against every framework ValidationException the reference's appendix records
 * (kms-behavior.md Appendix A, verbatim), the count and the order AWS joins several in, and hostile
 * inputs that must only ever produce AWS-shaped 4xx errors.
 */

const KEY_SPECS =
  '[RSA_2048, ECC_NIST_P384, ECC_NIST_P256, ECC_NIST_P521, HMAC_384, RSA_3072, ECC_SECG_P256K1, RSA_4096, SYMMETRIC_DEFAULT, HMAC_256, HMAC_224, HMAC_512]';
const KEY = '1234abcd-12ab-34cd-56ef-1234567890ab';
const one = (rest: string) => `1 validation error detected: ${rest}`;

const APPENDIX: [string, string, Record<string, unknown>, string][] = [
  ['GenerateRandom 0', 'GenerateRandom', { NumberOfBytes: 0 }, one("Value '0' at 'numberOfBytes' failed to satisfy constraint: Member must have value greater than or equal to 1")],
  ['GenerateRandom 1025', 'GenerateRandom', { NumberOfBytes: 1025 }, one("Value '1025' at 'numberOfBytes' failed to satisfy constraint: Member must have value less than or equal to 1024")],
  ['Encrypt 4097 bytes', 'Encrypt', { KeyId: KEY, Plaintext: new Uint8Array(4097) }, one("Value at 'plaintext' failed to satisfy constraint: Member must have length less than or equal to 4096")],
  ['CreateKey keySpec', 'CreateKey', { KeySpec: 'HMAC_random', KeyUsage: 'GENERATE_VERIFY_MAC' }, one(`Value 'HMAC_random' at 'keySpec' failed to satisfy constraint: Member must satisfy enum value set: ${KEY_SPECS}`)],
  ['CreateKey keyUsage', 'CreateKey', { KeySpec: 'HMAC_256', KeyUsage: 'RANDOM' }, one("Value 'RANDOM' at 'keyUsage' failed to satisfy constraint: Member must satisfy enum value set: [ENCRYPT_DECRYPT, SIGN_VERIFY, GENERATE_VERIFY_MAC]")],
  ['GenerateMac macAlgorithm', 'GenerateMac', { KeyId: KEY, Message: new Uint8Array(1), MacAlgorithm: 'INVALID' }, one("Value 'INVALID' at 'macAlgorithm' failed to satisfy constraint: Member must satisfy enum value set: [HMAC_SHA_384, HMAC_SHA_256, HMAC_SHA_224, HMAC_SHA_512]")],
  ['VerifyMac macAlgorithm', 'VerifyMac', { KeyId: KEY, Message: new Uint8Array(1), Mac: new Uint8Array(32), MacAlgorithm: 'INVALID' }, one("Value 'INVALID' at 'macAlgorithm' failed to satisfy constraint: Member must satisfy enum value set: [HMAC_SHA_384, HMAC_SHA_256, HMAC_SHA_224, HMAC_SHA_512]")],
  ['DeriveSharedSecret keyAgreementAlgorithm', 'DeriveSharedSecret', { KeyId: KEY, KeyAgreementAlgorithm: 'INVALID', PublicKey: new Uint8Array(91) }, one("Value 'INVALID' at 'keyAgreementAlgorithm' failed to satisfy constraint: Member must satisfy enum value set: [ECDH]")],
  ['CreateKey tag key 129', 'CreateKey', { Tags: [{ TagKey: 'a'.repeat(129), TagValue: 'v' }] }, one(`Value '${'a'.repeat(129)}' at 'tags.1.member.tagKey' failed to satisfy constraint: Member must have length less than or equal to 128`)],
  ['CreateKey tag value 257', 'CreateKey', { Tags: [{ TagKey: 'k', TagValue: 'v'.repeat(257) }] }, one(`Value '${'v'.repeat(257)}' at 'tags.1.member.tagValue' failed to satisfy constraint: Member must have length less than or equal to 256`)],
  ['ListKeyRotations includeKeyMaterial', 'ListKeyRotations', { KeyId: KEY, IncludeKeyMaterial: 'INVALID_VALUE' }, one("Value 'INVALID_VALUE' at 'includeKeyMaterial' failed to satisfy constraint: Member must satisfy enum value set: [ALL_KEY_MATERIAL, ROTATIONS_ONLY]")],
  // §5.8 (R, boto3#3428): a data-key KeySpec is reported with CreateKey's list.
  ['GenerateDataKey keySpec', 'GenerateDataKey', { KeyId: KEY, KeySpec: 'AES-256' }, one(`Value 'AES-256' at 'keySpec' failed to satisfy constraint: Member must satisfy enum value set: ${KEY_SPECS}`)],
];

function messageOf(op: string, input: Record<string, unknown>): string | undefined {
  try {
    validateInput('kms', op, input);
    return undefined;
  } catch (e) {
    if (!isServiceError(e)) throw e;
    expect(e.code).toBe('ValidationException');
    expect(e.status).toBe(400);
    return e.awsMessage;
  }
}

describe('the validation layer', () => {
  it.each(APPENDIX)('reports the recorded message: %s', (_name, op, input, message) => {
    expect(messageOf(op, input)).toBe(message);
  });

  it('passes valid inputs untouched (no problems)', () => {
    expect(validationProblems('kms', 'Encrypt', { KeyId: KEY, Plaintext: new Uint8Array(4096) })).toEqual([]);
    expect(validationProblems('kms', 'CreateKey', { KeySpec: 'ML_DSA_44', KeyUsage: 'SIGN_VERIFY' })).toEqual([]);
    expect(validationProblems('kms', 'GenerateDataKey', { KeyId: KEY, KeySpec: 'AES_128' })).toEqual([]);
  });

  it('collects every failure, counts them and joins them in the model member order', () => {
    expect(messageOf('CreateKey', { KeySpec: 'X', KeyUsage: 'Y', Description: 'd'.repeat(8193) })).toBe(
      `3 validation errors detected: Value '${'d'.repeat(8193)}' at 'description' failed to satisfy constraint: Member must have length less than or equal to 8192; ` +
        "Value 'Y' at 'keyUsage' failed to satisfy constraint: Member must satisfy enum value set: [ENCRYPT_DECRYPT, SIGN_VERIFY, GENERATE_VERIFY_MAC]; " +
        `Value 'X' at 'keySpec' failed to satisfy constraint: Member must satisfy enum value set: ${KEY_SPECS}`,
    );
    expect(messageOf('CreateGrant', { KeyId: KEY })).toBe(
      "2 validation errors detected: Value null at 'granteePrincipal' failed to satisfy constraint: Member must not be null; Value null at 'operations' failed to satisfy constraint: Member must not be null",
    );
  });

  it('names a map entry by its key under the map (Sandbox differs: AWS\'s path for a map entry is unrecorded)', () => {
    const pool = 'us-east-1:11111111-2222-3333-4444-555555555555';
    expect(validationProblems('cognito-identity', 'GetId', { IdentityPoolId: pool, Logins: { 'accounts.google.com': '' } })).toEqual([
      // A Logins value is an identity provider's token (sensitive in the model): never echoed. This line
      // echoed it (`Value ''`) until sensitive members were honoured; AWS leaves such values out.
      "Value at 'logins.accounts.google.com' failed to satisfy constraint: Member must have length greater than or equal to 1",
    ]);
    expect(validationProblems('cognito-identity', 'GetId', { IdentityPoolId: pool, Logins: { 'accounts.google.com': 'token' } })).toEqual([]);
  });

  it('reports required members as `Value null`, blobs without their value, lists echoed whole', () => {
    expect(messageOf('Decrypt', {})).toBe(one("Value null at 'ciphertextBlob' failed to satisfy constraint: Member must not be null"));
    expect(messageOf('Decrypt', { CiphertextBlob: new Uint8Array(0) })).toBe(
      one("Value at 'ciphertextBlob' failed to satisfy constraint: Member must have length greater than or equal to 1"),
    );
    const tokens = Array.from({ length: 11 }, (_, i) => `t${i}`);
    expect(messageOf('DescribeKey', { KeyId: KEY, GrantTokens: tokens })).toBe(
      one(`Value '[${tokens.join(', ')}]' at 'grantTokens' failed to satisfy constraint: Member must have length less than or equal to 10`),
    );
  });

  it('checks patterns against the whole value, with the model pattern in the message', () => {
    expect(messageOf('CreateAlias', { AliasName: 'alias/has space', TargetKeyId: KEY })).toBe(
      one("Value 'alias/has space' at 'aliasName' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[a-zA-Z0-9:/_-]+$"),
    );
  });

  it('never echoes a sensitive member (tokens, passwords), in any constraint, and refuses fractions in whole-number members', () => {
    const role = 'arn:aws:iam::111122223333:role/R';
    // STS's WebIdentityToken (clientTokenType, sensitive): too short, and never shown.
    expect(validationProblems('sts', 'AssumeRoleWithWebIdentity', { RoleArn: role, RoleSessionName: 'ses', WebIdentityToken: 'abc' })).toEqual([
      "Value at 'webIdentityToken' failed to satisfy constraint: Member must have length greater than or equal to 4",
    ]);
    // A Cognito login token under its provider's name: the key is shown (it is the path), the token is not.
    const token = 'x'.repeat(50_001);
    const problems = validationProblems('cognito-identity', 'GetId', { IdentityPoolId: 'us-east-1:1ab0a7e5-5a4d-4b0c-9d1e-111122223333', Logins: { 'accounts.google.com': token } });
    expect(problems).toEqual(["Value at 'logins.accounts.google.com' failed to satisfy constraint: Member must have length less than or equal to 50000"]);
    // KMS's custom key store password (sensitive) breaks its length: named, not shown.
    expect(validationProblems('kms', 'CreateCustomKeyStore', { CustomKeyStoreName: 'n', KeyStorePassword: 'short' })).toEqual([
      "Value at 'keyStorePassword' failed to satisfy constraint: Member must have length greater than or equal to 7",
    ]);
    // Non-sensitive values are still echoed.
    expect(validationProblems('sts', 'AssumeRoleWithWebIdentity', { RoleArn: role, RoleSessionName: 's', WebIdentityToken: 'abcd' })).toEqual([
      "Value 's' at 'roleSessionName' failed to satisfy constraint: Member must have length greater than or equal to 2",
    ]);
    // Sandbox differs (unrecorded): a fraction in a whole-number member is refused as not an integer.
    expect(validationProblems('sts', 'AssumeRoleWithWebIdentity', { RoleArn: role, RoleSessionName: 'ses', WebIdentityToken: 'abcd', DurationSeconds: 900.5 })).toEqual([
      "Value '900.5' at 'durationSeconds' failed to satisfy constraint: Member must be an integer",
    ]);
    expect(messageOf('GenerateRandom', { NumberOfBytes: 32.5 })).toBe(one("Value '32.5' at 'numberOfBytes' failed to satisfy constraint: Member must be an integer"));
  });

  it('answers STS in its own code, ValidationError', () => {
    try {
      validateInput('sts', 'AssumeRoleWithWebIdentity', { RoleArn: 'arn:aws:iam::111122223333:role/R', RoleSessionName: 's', WebIdentityToken: 'x'.repeat(5) });
      expect.unreachable();
    } catch (e) {
      expect(isServiceError(e) && e.code).toBe('ValidationError');
      expect(isServiceError(e) && e.awsMessage).toBe(
        one("Value 's' at 'roleSessionName' failed to satisfy constraint: Member must have length greater than or equal to 2"),
      );
    }
  });

  it('has constraints only for members the SDK schema knows, and enum names the SDK exports', () => {
    for (const [service, structs] of Object.entries(MODEL_CONSTRAINTS)) {
      const sdk = sdkModuleOf(service as 'kms')!;
      for (const members of Object.values(structs)) {
        for (const c of Object.values(members)) {
          const e = c.enum ? c : c.item?.enum ? c.item : undefined;
          if (e?.enumName) expect(sdk[e.enumName], `${service} ${e.enumName}`).toBeTypeOf('object');
        }
      }
      expect(Object.keys(structs).length).toBeGreaterThan(0);
    }
    expect(operationModel('kms', 'Encrypt')).toBeDefined();
  });

  it('never throws anything but an AWS-shaped 4xx error, whatever the member values (fast-check)', () => {
    const value = fc.oneof(
      fc.string({ maxLength: 12 }),
      fc.integer({ min: -5, max: 5000 }),
      fc.boolean(),
      fc.constant(null),
      fc.uint8Array({ maxLength: 8 }),
      fc.array(fc.oneof(fc.string({ maxLength: 4 }), fc.integer(), fc.constant(null)), { maxLength: 12 }),
      fc.dictionary(fc.string({ maxLength: 4 }), fc.oneof(fc.string({ maxLength: 4 }), fc.integer())),
      fc.constant([{ TagKey: 1, TagValue: null }]),
    );
    const ops = ['Encrypt', 'Decrypt', 'CreateKey', 'CreateGrant', 'GenerateDataKey', 'Sign', 'ListAliases', 'TagResource', 'ImportKeyMaterial'];
    const members = ['KeyId', 'Plaintext', 'CiphertextBlob', 'KeySpec', 'KeyUsage', 'Tags', 'GrantTokens', 'Operations', 'Limit', 'EncryptionContext', 'Constraints', 'ValidTo', 'Message', '__proto__'];
    fc.assert(
      fc.property(fc.constantFrom(...ops), fc.dictionary(fc.constantFrom(...members), value), (op, input) => {
        try {
          validateInput('kms', op, input);
        } catch (e) {
          if (!isServiceError(e)) throw e;
          expect(e.status).toBe(400);
          expect(e.awsMessage).toMatch(/^\d+ validation errors? detected: /);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('a JSON null member', () => {
  it('is read as absent when optional (the operation never sees null), and refused when required', async () => {
    const { validateInput } = await import('../validate');
    const input: Record<string, unknown> = { CiphertextBlob: new Uint8Array([1]), KeyId: null, EncryptionContext: { a: 'b' } };
    validateInput('kms', 'Decrypt', input);
    expect('KeyId' in input).toBe(false);
    expect(() => validateInput('kms', 'Encrypt', { KeyId: null, Plaintext: new Uint8Array([1]) })).toThrow(/keyId.*Member must not be null/);
  });
});
