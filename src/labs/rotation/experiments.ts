import {
  DecryptCommand,
  DescribeKeyCommand,
  EnableKeyRotationCommand,
  EncryptCommand,
  GetKeyRotationStatusCommand,
  ListKeyRotationsCommand,
  ReEncryptCommand,
  RotateKeyOnDemandCommand,
  UpdateAliasCommand,
} from '@aws-sdk/client-kms';
import { fromUtf8, kmsExperiment, success, utf8, type ScratchKms } from '../../study/experiment-kit';

// Experiments for the Rotation questions. They never move the sandbox clock (that is the
// learner's); each creates its own keys when the learner presses Run and schedules them for
// deletion (7 days) when it ends.

export const ROTATION_ENABLED = 'rotation enabled';
export const ROTATED = 'rotation started';
export const OLD_DECRYPTS = 'old ciphertext decrypted';
export const SAME_ARN = 'same key ARN';
export const NEW_ARN = 'a new key ARN';
export const NEW_KEY = 'the new key';
export const OLD_KEY = 'the old key';

/** EnableKeyRotation on an RSA_2048 encryption key. */
export const enableRotationOnRsa = kmsExperiment(async (lab) => {
  const keyId = await lab.createKey({ KeySpec: 'RSA_2048', KeyUsage: 'ENCRYPT_DECRYPT' });
  await lab.kms.send(new EnableKeyRotationCommand({ KeyId: keyId }));
  return success(ROTATION_ENABLED);
});

/** RotateKeyOnDemand on an HMAC key. */
export const rotateHmacOnDemand = kmsExperiment(async (lab) => {
  const keyId = await lab.createKey({ KeySpec: 'HMAC_256', KeyUsage: 'GENERATE_VERIFY_MAC' });
  await lab.kms.send(new RotateKeyOnDemandCommand({ KeyId: keyId }));
  return success(ROTATED);
});

/** EnableKeyRotation with a 30-day period. */
export const thirtyDayPeriod = kmsExperiment(async (lab) => {
  const keyId = await lab.createKey();
  await lab.kms.send(new EnableKeyRotationCommand({ KeyId: keyId, RotationPeriodInDays: 30 }));
  return success(ROTATION_ENABLED);
});

/** EnableKeyRotation without a period, then GetKeyRotationStatus. */
export const defaultPeriod = kmsExperiment(async (lab) => {
  const keyId = await lab.createKey();
  await lab.kms.send(new EnableKeyRotationCommand({ KeyId: keyId }));
  const status = await lab.kms.send(new GetKeyRotationStatusCommand({ KeyId: keyId }));
  return success(status.RotationPeriodInDays === undefined ? 'no period reported' : `${status.RotationPeriodInDays} days`);
});

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * RotateKeyOnDemand only starts a rotation: on AWS it runs asynchronously and CurrentKeyMaterialId
 * changes (and ListKeyRotations lists it) some time later. Deciding before then would test the
 * pre-rotation key, so wait until the rotation shows — a preparation step, never graded.
 */
export async function rotateOnDemandAndWait(lab: ScratchKms, keyId: string, wait: (ms: number) => Promise<void> = sleep): Promise<void> {
  const before = (await lab.setup(() => lab.kms.send(new DescribeKeyCommand({ KeyId: keyId })))).KeyMetadata?.CurrentKeyMaterialId;
  await lab.setup(() => lab.kms.send(new RotateKeyOnDemandCommand({ KeyId: keyId })));
  await lab.setup(async () => {
    for (let attempt = 0; attempt < 24; attempt++) {
      const now = (await lab.kms.send(new DescribeKeyCommand({ KeyId: keyId }))).KeyMetadata?.CurrentKeyMaterialId;
      if (before !== undefined && now !== undefined && now !== before) return;
      const listed = await lab.kms.send(new ListKeyRotationsCommand({ KeyId: keyId }));
      if ((listed.Rotations ?? []).some((r) => r.RotationType === 'ON_DEMAND')) return;
      await wait(Math.min(500 * 2 ** attempt, 5000));
    }
    throw new Error('The on-demand rotation had not shown after about two minutes.');
  });
}

/** Encrypt, rotate on demand, then decrypt the ciphertext made before the rotation. */
export const oldCiphertextAfterRotation = kmsExperiment(async (lab) => {
  const keyId = await lab.createKey();
  const { CiphertextBlob } = await lab.setup(() => lab.kms.send(new EncryptCommand({ KeyId: keyId, Plaintext: utf8('before rotation') })));
  await rotateOnDemandAndWait(lab, keyId);
  const { Plaintext } = await lab.kms.send(new DecryptCommand({ CiphertextBlob, KeyId: keyId }));
  return success(fromUtf8(Plaintext) === 'before rotation' ? OLD_DECRYPTS : 'decrypted to different bytes');
});

/** The key ARN before and after an on-demand rotation. */
export const arnAfterRotation = kmsExperiment(async (lab) => {
  const keyId = await lab.createKey();
  const before = await lab.setup(() => lab.kms.send(new DescribeKeyCommand({ KeyId: keyId })));
  await rotateOnDemandAndWait(lab, keyId);
  const after = await lab.kms.send(new DescribeKeyCommand({ KeyId: keyId }));
  return success(before.KeyMetadata?.Arn === after.KeyMetadata?.Arn ? SAME_ARN : NEW_ARN);
});

/**
 * Manual rotation: an alias points at the old key, data is encrypted through it, the alias moves
 * to a new key, and the stored ciphertext is re-wrapped with ReEncrypt to the alias. Which key does
 * Decrypt then report?
 */
export const manualRotationReEncrypt = kmsExperiment(async (lab) => {
  const oldKey = await lab.createKey();
  const newKey = await lab.createKey();
  const alias = await lab.createAlias(oldKey);
  const { CiphertextBlob } = await lab.setup(() => lab.kms.send(new EncryptCommand({ KeyId: alias, Plaintext: utf8('record 1') })));
  await lab.setup(() => lab.kms.send(new UpdateAliasCommand({ AliasName: alias, TargetKeyId: newKey })));
  const re = await lab.kms.send(new ReEncryptCommand({ CiphertextBlob, DestinationKeyId: alias }));
  const decrypted = await lab.kms.send(new DecryptCommand({ CiphertextBlob: re.CiphertextBlob }));
  const [newArn, oldArn] = await lab.setup(() =>
    Promise.all([
      lab.kms.send(new DescribeKeyCommand({ KeyId: newKey })).then((d) => d.KeyMetadata?.Arn),
      lab.kms.send(new DescribeKeyCommand({ KeyId: oldKey })).then((d) => d.KeyMetadata?.Arn),
    ]),
  );
  if (decrypted.KeyId === newArn) return success(NEW_KEY);
  if (decrypted.KeyId === oldArn) return success(OLD_KEY);
  return success('another key');
});
