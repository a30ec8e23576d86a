import { DecryptCommand, DescribeKeyCommand, EncryptCommand } from '@aws-sdk/client-kms';
import { kmsExperiment, success, utf8 } from '../../study/experiment-kit';

// Experiments for the Multi-Region questions. A learner's own single-Region key is enough to show
// trap 7 (the guest may not create multi-Region keys), and the other Region's client comes from
// the connection layer. Keys are scheduled for deletion (7 days) at the end.

export const DECRYPTED = 'decrypted';
export const DESCRIBED = 'described';

/** Another Region than the connection's, for the "other side" of trap 7. */
export const otherRegion = (home: string) => (home === 'us-west-2' ? 'us-east-1' : 'us-west-2');

/** Encrypt with a single-Region key in the home Region, then Decrypt with a client of another Region. */
export const decryptSingleRegionElsewhere = kmsExperiment(async (lab) => {
  const keyId = await lab.createKey();
  const { CiphertextBlob } = await lab.setup(() => lab.kms.send(new EncryptCommand({ KeyId: keyId, Plaintext: utf8('invoice 77') })));
  const away = await lab.setup(() => lab.conn.clients.kms({ region: otherRegion(lab.conn.region) }));
  await away.send(new DecryptCommand({ CiphertextBlob }));
  return success(DECRYPTED);
});

/** DescribeKey with the key's full ARN, sent to another Region's endpoint. */
export const describeByArnElsewhere = kmsExperiment(async (lab) => {
  const keyId = await lab.createKey();
  const { KeyMetadata } = await lab.setup(() => lab.kms.send(new DescribeKeyCommand({ KeyId: keyId })));
  const away = await lab.setup(() => lab.conn.clients.kms({ region: otherRegion(lab.conn.region) }));
  await away.send(new DescribeKeyCommand({ KeyId: KeyMetadata!.Arn }));
  return success(DESCRIBED);
});
