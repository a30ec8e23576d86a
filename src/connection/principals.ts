/**
 * The principal switcher's choices (docs/accounts.md): on the sandbox the page can run its calls as
 * the learner's own identity or as one of the sandbox's demo principals, in either of its two
 * accounts. The sandbox is imported lazily, so its fixed names are repeated here (a test checks they
 * agree). On aws/endpoint only `self` exists: the demo principals are the sandbox's.
 */
import type { DemoPrincipal } from './types';

export const LAB_ACCOUNT = '111122223333';
export const PARTNER_ACCOUNT = '444455556666';
/** The partner administrator's static keys (beside test/test): the account id as access key id. */
export const PARTNER_ADMIN_KEYS = { accessKeyId: PARTNER_ACCOUNT, secretAccessKey: 'test' };
export const LAB_ADMIN_KEYS = { accessKeyId: 'test', secretAccessKey: 'test' };

/** Who the page's calls run as: the learner's identity, or one of the demo principals. */
export type PagePrincipal = 'self' | 'KeyAdminRole' | 'KeyUserRole' | 'AppServerRole' | 'partner-admin';

export interface PrincipalInfo {
  id: PagePrincipal;
  label: string;
  /** The account its calls run in ('' for self: the backend's own). */
  account: string;
  /** What it may do, in a few words. */
  summary: string;
}

export const PAGE_PRINCIPALS: readonly PrincipalInfo[] = [
  { id: 'self', label: 'Your identity', account: '', summary: 'the identity the settings chose' },
  { id: 'KeyAdminRole', label: 'Key administrator', account: LAB_ACCOUNT, summary: 'manages keys, cannot use them' },
  { id: 'KeyUserRole', label: 'Key user', account: LAB_ACCOUNT, summary: 'encrypts and decrypts, cannot manage keys' },
  { id: 'AppServerRole', label: 'Application server', account: LAB_ACCOUNT, summary: 'GenerateDataKey and Decrypt only' },
  { id: 'partner-admin', label: "Other account's administrator", account: PARTNER_ACCOUNT, summary: 'administrator of account 444455556666' },
];

export function principalInfo(id: PagePrincipal): PrincipalInfo {
  return PAGE_PRINCIPALS.find((p) => p.id === id) ?? PAGE_PRINCIPALS[0]!;
}

export const isPagePrincipal = (v: unknown): v is PagePrincipal => PAGE_PRINCIPALS.some((p) => p.id === v);

/** The session name the page's AssumeRole calls use (shown in the header's ARN). */
export const DEMO_SESSION_NAME = 'kms-study-lab';

/** Roles of the partner account (reached through the partner administrator's STS). */
const PARTNER_ROLE_NAMES = new Set<string>(['PartnerAppRole', 'PartnerLocalRole']);

/** The account a demo principal belongs to. */
export function demoAccount(who: DemoPrincipal): string {
  return who === 'partner-admin' || PARTNER_ROLE_NAMES.has(who) ? PARTNER_ACCOUNT : LAB_ACCOUNT;
}

/** The ARN the sandbox reports for a demo principal's calls (GetCallerIdentity's Arn). */
export function demoCallerArn(who: DemoPrincipal): string {
  if (who === 'lab-admin') return `arn:aws:iam::${LAB_ACCOUNT}:user/lab-admin`;
  if (who === 'partner-admin') return `arn:aws:iam::${PARTNER_ACCOUNT}:user/partner-admin`;
  return `arn:aws:sts::${demoAccount(who)}:assumed-role/${who}/${DEMO_SESSION_NAME}`;
}

/** The static keys a demo principal signs with, or the administrator whose keys assume its role. */
export function demoSigner(who: DemoPrincipal): { keys: typeof LAB_ADMIN_KEYS; roleArn?: string; signer: DemoPrincipal } {
  if (who === 'lab-admin') return { keys: LAB_ADMIN_KEYS, signer: 'lab-admin' };
  if (who === 'partner-admin') return { keys: PARTNER_ADMIN_KEYS, signer: 'partner-admin' };
  const account = demoAccount(who);
  const admin = account === PARTNER_ACCOUNT ? 'partner-admin' : 'lab-admin';
  return { keys: account === PARTNER_ACCOUNT ? PARTNER_ADMIN_KEYS : LAB_ADMIN_KEYS, roleArn: `arn:aws:iam::${account}:role/${who}`, signer: admin };
}
