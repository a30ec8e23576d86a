import type { LabEntry } from '../labs/types';

/**
 * The lab registry, as data: the navigation, the start page and the routes are built from it.
 * A new part of the guide is a new folder under src/labs/ plus one entry here. Each lab loads
 * lazily, so adding one adds nothing to the entry chunk.
 */
export const labs: readonly LabEntry[] = [
  {
    id: 'keys',
    title: 'Keys',
    summary: 'AWS owned, AWS managed and customer managed keys; create, describe, disable and schedule deletion.',
    guideSection: 'Guide Part I (create a customer managed key); 002 “What is AWS KMS Encryption for Developers?”',
    load: () => import('../labs/keys'),
  },
  {
    id: 'encrypt-decrypt',
    title: 'Encrypt and decrypt',
    summary: 'Encrypt, Decrypt, data keys and the 4 KB limit that leads to envelope encryption.',
    guideSection: 'Guide Part II; 002 “The Core AWS KMS Encryption APIs” and “Envelope Encryption Pattern”',
    load: () => import('../labs/encrypt-decrypt'),
  },
  {
    id: 'envelope',
    title: 'Envelope encryption',
    summary: 'A real file, any size: data key, chunked AES-GCM in a worker, S3, the Encryption SDK beside it.',
    guideSection: '002 “Envelope Encryption Pattern” and “Client-Side Encryption”; exam trap 1',
    load: () => import('../labs/envelope'),
  },
  {
    id: 'sse',
    title: 'S3 server-side encryption',
    summary: 'One object under SSE-S3, SSE-KMS (with and without a bucket key), DSSE-KMS, SSE-C and client-side, compared live.',
    guideSection: 'Guide Part III; 002 traps 5 and 8, scenario 6, FAQ 4',
    load: () => import('../labs/sse'),
  },
  {
    id: 'encryption-context',
    title: 'Encryption context',
    summary: 'Context as authenticated data: what must match on Decrypt, and Lambda’s context.',
    guideSection: '002 “Encryption Context — Additional Authenticated Data (AAD) Bound to Ciphertext”; Guide Part IV',
    load: () => import('../labs/encryption-context'),
  },
  {
    id: 'rotation',
    title: 'Rotation',
    summary: 'Automatic and on-demand rotation, manual rotation with aliases and ReEncrypt.',
    guideSection: 'Guide Part I, steps 08–10; 002 “AWS KMS Key Rotation — Automatic, Manual, and ReEncrypt Patterns”',
    load: () => import('../labs/rotation'),
  },
  {
    id: 'policies-grants',
    title: 'Policies and grants',
    summary: 'Who may do what: the key policy first, administrators versus users, the lock-out check, grants with constraints.',
    guideSection: 'Guide Part I, steps 04–05; 002 trap 3 and scenario 5; Key takeaways (cross-account needs key policy and IAM)',
    load: () => import('../labs/policies-grants'),
  },
  {
    id: 'quotas',
    title: 'Quotas and throttling',
    summary: 'A burst against a teaching-scale quota, the SDK’s retries with backoff, and data key caching cutting the requests.',
    guideSection: '002 trap 5 and FAQ 5 (request quotas, ThrottlingException, data key caching)',
    load: () => import('../labs/quotas'),
  },
  {
    id: 'lambda-env',
    title: 'Lambda environment variables',
    summary: 'A simulation through KMS: the helper’s context, the guide’s two slips, decrypt once at cold start.',
    guideSection: 'Guide Part IV (and Part II step 02); 002 trap 6 and scenario 4',
    load: () => import('../labs/lambda-env'),
  },
  {
    id: 'asymmetric-hmac',
    title: 'Asymmetric and HMAC',
    summary: 'A JWT signed in KMS and verified offline, RSA-OAEP’s size limits, MACs, and a producer that can only encrypt.',
    guideSection: '002 “Asymmetric AWS KMS Keys — Sign, Verify, Encrypt, Decrypt”; scenarios 7 and 9',
    load: () => import('../labs/asymmetric-hmac'),
  },
  {
    id: 'multi-region',
    title: 'Multi-Region keys',
    summary: 'Beyond the guide: replicate a key, decrypt in another Region, and see a single-Region key fail there (trap 7).',
    guideSection: '002 “Multi-Region Keys — Same Key ID Across AWS Regions”; trap 7, scenario 8, FAQ 8',
    load: () => import('../labs/multi-region'),
  },
  {
    id: 'identity',
    title: 'Identity',
    summary: 'Where the lab’s credentials come from: Cognito’s classic flow live, and the enhanced flow’s guest scope-down that refuses CreateKey.',
    guideSection: 'DESIGN: Cognito guest identities; DVA-C02 “Cognito identity pools and temporary credentials”',
    load: () => import('../labs/identity'),
  },
  {
    id: 'cleanup',
    title: 'Clean-up',
    summary: 'Everything you created, what keeping it costs per month, and one action that removes it.',
    guideSection: 'Guide “Clean Up Protocol” (S3: empty the bucket; KMS: schedule key deletion, 7-day minimum)',
    load: () => import('../labs/cleanup'),
  },
];

export function findLab(id: string): LabEntry | undefined {
  return labs.find((l) => l.id === id);
}
