import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { initialState } from '../../index';
import { isServiceError } from '../../protocol/service-error';
import type { RequestContext } from '../../shared/context';
import { kmsService } from '../index';
import { runOperation } from '../../protocol/validate';

/**
 * Hostile inputs into the cryptographic operations, through the validation layer as the engine runs them (the AWS CLI, boto3 and hand-made HTTP
 * requests are not bound by the SDK's types): every failure must be a ServiceError with a 4xx
 * status, never a TypeError that the shell would turn into a 500. fast-check prints the seed.
 */
const replay = process.env.FC_SEED ? { seed: Number(process.env.FC_SEED) } : {};

function makeCtx(): RequestContext {
  const state = initialState();
  return {
    service: 'kms',
    operation: 'test',
    region: 'us-east-1',
    accountId: '111122223333',
    requestId: 'req',
    caller: { type: 'IAMUser', arn: 'arn:aws:iam::111122223333:user/lab-admin', accountId: '111122223333' } as unknown as RequestContext['caller'],
    now: () => 1_700_000_000_000,
    wallNow: () => 1_700_000_000_000,
    randomBytes: (n) => crypto.getRandomValues(new Uint8Array(n)),
    subtle: crypto.subtle,
    state,
    cache: new Map(),
    authorize: () => undefined,
    validateKeyPolicy: () => undefined,
    issueCredentials: () => {
      throw new Error('not in this test');
    },
    callService: () => Promise.reject(new Error('not in this test')),
    audit: {},
  };
}

let ctx: RequestContext;
const keyIds: string[] = [];
const bases: Record<string, Record<string, unknown>> = {};

beforeAll(async () => {
  ctx = makeCtx();
  const specs: [string, string | undefined][] = [
    ['SYMMETRIC_DEFAULT', undefined],
    ['RSA_2048', 'ENCRYPT_DECRYPT'],
    ['ECC_NIST_P256', 'SIGN_VERIFY'],
    ['ECC_NIST_P256', 'KEY_AGREEMENT'],
    ['HMAC_256', 'GENERATE_VERIFY_MAC'],
  ];
  for (const [KeySpec, KeyUsage] of specs) {
    const r = (await runOperation(kmsService, 'CreateKey', { KeySpec, ...(KeyUsage ? { KeyUsage } : {}) }, { ...ctx, audit: {} })) as {
      KeyMetadata: { KeyId: string };
    };
    keyIds.push(r.KeyMetadata.KeyId);
  }
  const [sym, rsa, sign, agree, hmac] = keyIds as [string, string, string, string, string];
  const call = async (op: string, input: Record<string, unknown>) =>
    (await runOperation(kmsService, op, input, { ...ctx, audit: {} })) as Record<string, Uint8Array>;
  const message = Uint8Array.of(1, 2, 3);
  const blob = (await call('Encrypt', { KeyId: sym, Plaintext: message, EncryptionContext: { a: 'b' } })).CiphertextBlob;
  const signature = (await call('Sign', { KeyId: sign, Message: message, SigningAlgorithm: 'ECDSA_SHA_256' })).Signature;
  const mac = (await call('GenerateMac', { KeyId: hmac, Message: message, MacAlgorithm: 'HMAC_SHA_256' })).Mac;
  const spki = (await call('GetPublicKey', { KeyId: agree })).PublicKey;
  // Valid requests, one per operation; the property breaks a few members of one of them.
  Object.assign(bases, {
    Encrypt: { KeyId: sym, Plaintext: message },
    Decrypt: { CiphertextBlob: blob, EncryptionContext: { a: 'b' } },
    ReEncrypt: { CiphertextBlob: blob, SourceEncryptionContext: { a: 'b' }, DestinationKeyId: rsa, DestinationEncryptionAlgorithm: 'RSAES_OAEP_SHA_1' },
    GenerateDataKey: { KeyId: sym, KeySpec: 'AES_256' },
    GenerateDataKeyWithoutPlaintext: { KeyId: sym, NumberOfBytes: 16 },
    GenerateRandom: { NumberOfBytes: 8 },
    Sign: { KeyId: sign, Message: message, SigningAlgorithm: 'ECDSA_SHA_256' },
    Verify: { KeyId: sign, Message: message, SigningAlgorithm: 'ECDSA_SHA_256', Signature: signature },
    GetPublicKey: { KeyId: rsa },
    DeriveSharedSecret: { KeyId: agree, KeyAgreementAlgorithm: 'ECDH', PublicKey: spki },
    GenerateMac: { KeyId: hmac, Message: message, MacAlgorithm: 'HMAC_SHA_256' },
    VerifyMac: { KeyId: hmac, Message: message, MacAlgorithm: 'HMAC_SHA_256', Mac: mac },
  });
});

const anyValue = fc.oneof(
  fc.constant(undefined),
  fc.constant(null),
  fc.string({ maxLength: 12 }),
  fc.integer({ min: -5, max: 5000 }),
  fc.double(),
  fc.boolean(),
  fc.uint8Array({ maxLength: 300 }),
  fc.array(fc.string({ maxLength: 4 }), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 4 }), fc.oneof(fc.string({ maxLength: 4 }), fc.integer())),
);

const MEMBERS = [
  'KeyId', 'Plaintext', 'CiphertextBlob', 'EncryptionContext', 'EncryptionAlgorithm', 'GrantTokens', 'DryRun',
  'SourceKeyId', 'DestinationKeyId', 'SourceEncryptionContext', 'DestinationEncryptionContext',
  'SourceEncryptionAlgorithm', 'DestinationEncryptionAlgorithm', 'NumberOfBytes', 'KeySpec', 'KeyPairSpec',
  'Message', 'MessageType', 'Signature', 'SigningAlgorithm', 'MacAlgorithm', 'Mac', 'PublicKey',
  'KeyAgreementAlgorithm',
];

/** A member value: often a plausible one (a real key id, a known algorithm), otherwise anything. */
const memberValue = (name: string) =>
  fc.oneof(
    anyValue,
    name.endsWith('KeyId') ? fc.constantFrom(...keyIds, 'alias/none', 'arn:aws:kms:us-east-1:111122223333:key/x') : anyValue,
    name.endsWith('Algorithm')
      ? fc.constantFrom('SYMMETRIC_DEFAULT', 'RSAES_OAEP_SHA_256', 'ECDSA_SHA_256', 'RSASSA_PSS_SHA_256', 'HMAC_SHA_256', 'ECDH')
      : anyValue,
    name === 'MessageType' ? fc.constantFrom('RAW', 'DIGEST', 'EXTERNAL_MU') : anyValue,
    name === 'KeyPairSpec' ? fc.constantFrom('ECC_NIST_P256', 'SM2', 'RSA_1024') : anyValue,
  );

/** Changes 0-3 members of a valid request: a new value, a removed member, or one flipped bit in a blob. */
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.constantFrom(...MEMBERS).chain((n) => memberValue(n).map((v) => ({ kind: 'set' as const, name: n, value: v }))),
  fc.constantFrom(...MEMBERS).map((n) => ({ kind: 'drop' as const, name: n })),
  fc.record({ kind: fc.constant('flip' as const), bit: fc.nat({ max: 4000 }) }),
);

type Mutation = { kind: 'set'; name: string; value: unknown } | { kind: 'drop'; name: string } | { kind: 'flip'; bit: number };

function mutate(base: Record<string, unknown>, muts: Mutation[]): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const m of muts) {
    if (m.kind === 'set') out[m.name] = m.value;
    else if (m.kind === 'drop') delete out[m.name];
    else {
      const blobs = Object.keys(out).filter((k) => out[k] instanceof Uint8Array && (out[k] as Uint8Array).length > 0);
      const k = blobs[m.bit % Math.max(1, blobs.length)];
      if (k) {
        const b = (out[k] as Uint8Array).slice();
        b[(m.bit >> 3) % b.length]! ^= 1 << (m.bit & 7);
        out[k] = b;
      }
    }
  }
  return out;
}

describe('malformed inputs to the cryptographic operations', () => {
  it('only ever raise AWS-shaped 4xx ServiceErrors', async () => {
    const ops = Object.keys(bases);
    expect(ops.length).toBeGreaterThanOrEqual(12);
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...ops), fc.array(mutation, { maxLength: 3 }), async (op, muts) => {
        const input = mutate(bases[op]!, muts);
        try {
          await runOperation(kmsService, op, input, { ...ctx, audit: {} });
        } catch (e) {
          if (!isServiceError(e)) throw new Error(`${op} threw a non-AWS error: ${String(e)}`);
          expect(e.status).toBeGreaterThanOrEqual(400);
          expect(e.status).toBeLessThan(500);
        }
      }),
      { numRuns: Number(process.env.FC_RUNS ?? 400), ...replay },
    );
  });
});
