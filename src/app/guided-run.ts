/**
 * The guided run of seed 000's lab ("AWS KMS hands-on", Parts I-IV and the clean-up protocol) in the
 * guide's order: each step names the guide's step and the lab panel and section that do it here.
 * Steps whose lab is not in this build (an S3 or clean-up panel still on its way) say so and point
 * to what stands in for them.
 */
export interface GuidedStep {
  /** The guide's words for where the class is. */
  guide: string;
  /** What to do on this screen. */
  doThis: string;
  lab: string;
  /** A section of the lab: its heading id without "-heading". */
  step: string;
  /** Used when `lab` is not registered in this build. */
  fallback?: { lab: string; step: string; note: string };
}

export const GUIDED_RUN: readonly GuidedStep[] = [
  {
    guide: 'Part I, steps 01–07: create a customer managed key',
    doThis: 'Pick the key type, name the alias (the guest may only use alias/lab-…), choose administrators and users, read the policy, create it.',
    lab: 'keys',
    step: 'create-key',
  },
  {
    guide: 'Part I, steps 08–10: enable automatic key rotation (365 days)',
    doThis: 'Encrypt a sample, enable automatic rotation, move the clock +365 days and decrypt every old ciphertext.',
    lab: 'rotation',
    step: 'rotation',
  },
  {
    guide: 'Part II: encrypt data (up to 4 KB)',
    doThis: 'Encrypt the sample text, then try 4,097 bytes and meet Trap 1.',
    lab: 'encrypt-decrypt',
    step: 'encrypt',
  },
  {
    guide: 'Part II: decrypt data',
    doThis: 'Decrypt with and without the KeyId, then with the wrong key.',
    lab: 'encrypt-decrypt',
    step: 'decrypt',
  },
  {
    guide: 'Part II: generate a data key for envelope encryption',
    doThis: 'GenerateDataKey, encrypt locally, discard the plaintext key, then open the envelope again.',
    lab: 'encrypt-decrypt',
    step: 'data-keys',
  },
  {
    guide: 'Part III: S3 encryption options (SSE-S3, SSE-KMS)',
    doThis: 'Upload with SSE-S3 and with SSE-KMS and compare what the audit trail records.',
    lab: 's3',
    step: 'sse',
    fallback: { lab: 'encryption-context', step: 'lambda', note: 'The S3 lab is not in this build; the audit trail page shows the KMS calls a service makes.' },
  },
  {
    guide: 'Part IV: encrypt Lambda environment variables with your key',
    doThis: 'Encrypt for function A, decrypt inside A and inside B: the encryption context Lambda adds decides.',
    lab: 'encryption-context',
    step: 'lambda',
  },
  {
    guide: 'Clean-up protocol: schedule key deletion (7-day minimum)',
    doThis: 'Schedule every key the class made for deletion with the 7-day window.',
    lab: 'cleanup',
    step: 'cleanup',
    fallback: { lab: 'keys', step: 'key-list', note: 'The clean-up panel is not in this build: schedule deletion from the key list.' },
  },
];

/** `#/labs/<lab>?step=<step>&guided=<n>` for step n (1-based) of the run. */
export function guidedHref(n: number, hasLab: (id: string) => boolean): string {
  const s = GUIDED_RUN[n - 1];
  if (!s) return '#/';
  const target = hasLab(s.lab) || !s.fallback ? s : s.fallback;
  return `#/labs/${target.lab}?step=${target.step}&guided=${n}`;
}
