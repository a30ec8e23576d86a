import { DecryptCommand, EncryptCommand } from '@aws-sdk/client-kms';
import { kmsExperiment, success, utf8, type ScratchKms } from '../../study/experiment-kit';

// Experiments for the Lambda environment variable questions: the console helper's ciphertext
// (context {LambdaFunctionName: <name>}) decrypted the way the guide's code and a confused
// reader would. Keys are scheduled for deletion (7 days) at the end.

export const DECRYPTED = 'decrypted';

const FUNCTION_NAME = 'KMSEncryptionDemo';

async function helperCiphertext(lab: ScratchKms) {
  const keyId = await lab.createKey();
  const out = await lab.setup(() =>
    lab.kms.send(new EncryptCommand({ KeyId: keyId, Plaintext: utf8('super-secret-password'), EncryptionContext: { LambdaFunctionName: FUNCTION_NAME } })),
  );
  return out.CiphertextBlob!;
}

/** The guide's cold-start code: Decrypt with no encryption context. */
export const decryptWithoutContext = kmsExperiment(async (lab) => {
  const blob = await helperCiphertext(lab);
  await lab.kms.send(new DecryptCommand({ CiphertextBlob: blob }));
  return success(DECRYPTED);
});

/** Decrypt with Lambda's at-rest context instead of the helper's. */
export const decryptWithFunctionArnContext = kmsExperiment(async (lab) => {
  const blob = await helperCiphertext(lab);
  await lab.kms.send(
    new DecryptCommand({ CiphertextBlob: blob, EncryptionContext: { 'aws:lambda:FunctionArn': `arn:aws:lambda:us-east-1:111122223333:function:${FUNCTION_NAME}` } }),
  );
  return success(DECRYPTED);
});
