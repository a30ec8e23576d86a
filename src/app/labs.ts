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
    id: 'identity',
    title: 'Identity',
    summary: 'Where the lab’s credentials come from: Cognito’s classic flow live, and the enhanced flow’s guest scope-down that refuses CreateKey.',
    guideSection: 'DESIGN: Cognito guest identities; DVA-C02 “Cognito identity pools and temporary credentials”',
    load: () => import('../labs/identity'),
  },
];

export function findLab(id: string): LabEntry | undefined {
  return labs.find((l) => l.id === id);
}
