import type { ServiceModule } from '../../shared/context';
import { ServiceError } from '../../protocol/service-error';

/** Every Plaintext buffer the stand-in Decrypt handed to the shell (to check the shell zeroes them). */
export const issuedPlaintexts: Uint8Array[] = [];

/**
 * A tiny stand-in KMS for the protocol shell's own tests: the shell is tested without depending on the
 * real KMS operations (which have their own tests). Blobs in, blobs out, Dates out, errors with and
 * without messages, and a JS bug that must become a 500.
 */
export const fakeKmsService: ServiceModule = {
  name: 'kms',
  // The shell is under test here, not KMS's input contract.
  skipModelValidation: true,
  readOnly: new Set(['Encrypt', 'Decrypt', 'DescribeKey']),
  operations: {
    Encrypt: (input: { KeyId?: unknown; Plaintext?: Uint8Array; EncryptionContext?: Record<string, string> }, ctx) => {
      if (typeof input.KeyId !== 'string') throw new ServiceError('ValidationException', 'KeyId is required');
      ctx.audit.resources = [{ ARN: `arn:aws:kms:${ctx.region}:${ctx.accountId}:key/${input.KeyId}`, accountId: ctx.accountId, type: 'AWS::KMS::Key' }];
      const p = input.Plaintext ?? new Uint8Array();
      return { CiphertextBlob: Uint8Array.from(p, (b) => b ^ 0xff), KeyId: input.KeyId, EncryptionAlgorithm: 'SYMMETRIC_DEFAULT' };
    },
    Decrypt: (input: { CiphertextBlob?: Uint8Array }) => {
      if (!input.CiphertextBlob || input.CiphertextBlob.length === 0) throw new ServiceError('InvalidCiphertextException');
      const Plaintext = Uint8Array.from(input.CiphertextBlob, (b) => b ^ 0xff);
      issuedPlaintexts.push(Plaintext);
      return { Plaintext, KeyId: 'arn:aws:kms:us-east-1:111122223333:key/fake' };
    },
    DescribeKey: (input: { KeyId?: string }, ctx) => ({
      KeyMetadata: { KeyId: input.KeyId, CreationDate: new Date(ctx.now()), Enabled: true, AWSAccountId: ctx.accountId },
    }),
    EnableKey: () => undefined,
    StashBody: async (input: { Key: string; Text: string }, ctx) => {
      await ctx.blobs!.put(input.Key, new TextEncoder().encode(input.Text));
      ctx.audit.requestParameters = { key: input.Key }; // as S3 would: never the body

      return undefined;
    },
    Boom: () => {
      throw new TypeError('a bug');
    },
  },
};

/** A stand-in Cognito: one unsigned operation that reports who the shell said the caller is, one that calls KMS. */
export const fakeCognitoService: ServiceModule = {
  name: 'cognito-identity',
  skipModelValidation: true,
  readOnly: new Set(['GetId']),
  operations: {
    GetId: (_input: unknown, ctx) => ({ IdentityId: `${ctx.region}:${ctx.caller.type}` }),
    DescribeIdentityPool: async (input: { IdentityPoolId: string }, ctx) => {
      const out = await ctx.callService<{ CiphertextBlob: Uint8Array }>('kms', 'Encrypt', {
        KeyId: 'k-nested',
        Plaintext: new Uint8Array([1, 2, 3]),
        EncryptionContext: { 'aws:pool': input.IdentityPoolId },
      });
      return { IdentityPoolId: input.IdentityPoolId, IdentityPoolName: `nested-${out.CiphertextBlob.length}` };
    },
  },
};

export const fakeInitialCognitoState = () => ({ regions: {} });
