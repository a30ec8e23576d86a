import { DescribeKeyCommand } from '@aws-sdk/client-kms';
import { kmsExperiment, success } from '../../study/experiment-kit';

// Experiments for the quotas questions: they count requests, never provoke throttling, so they are
// safe on every backend (a burst against a real account would spend its quota). Each encrypts five
// small messages through the AWS Encryption SDK and reports how many GenerateDataKey calls it made.
// The key is scheduled for deletion (7 days) at the end.

export const calls = (n: number): string => `${n} GenerateDataKey call${n === 1 ? '' : 's'}`;

function fiveMessages(cached: boolean) {
  return kmsExperiment(async (lab) => {
    const keyId = await lab.createKey();
    const keyArn = await lab.setup(async () => (await lab.kms.send(new DescribeKeyCommand({ KeyId: keyId }))).KeyMetadata!.Arn!);
    // The browser Encryption SDK finds WebCrypto on `self`, which every browser has; the Node test
    // runner that replays the experiments has it on globalThis only.
    (globalThis as { self?: unknown }).self ??= globalThis;
    const { esdkSession } = await import('../envelope/lib/esdk-side');
    const session = esdkSession(lab.kms, keyArn, cached ? { maxAgeMs: 60_000, maxMessages: 10 } : undefined);
    for (let i = 0; i < 5; i++) await session.encrypt(new TextEncoder().encode(`message ${i}`), { purpose: 'quotas-question' });
    return success(calls(session.counter.GenerateDataKey));
  });
}

/** Five messages, the KMS keyring alone. */
export const fiveMessagesUncached = fiveMessages(false);
/** Five messages behind a caching materials manager (up to 10 messages per data key, one minute). */
export const fiveMessagesCached = fiveMessages(true);
