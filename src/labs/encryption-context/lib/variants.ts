/** The decrypt variants of the context table: what a learner changes, and what KMS's rule predicts. */
export type Context = Record<string, string>;

export interface Variant {
  id: string;
  name: string;
  /** Which ciphertext the row decrypts: the one-pair blob or the two-pair blob. */
  blob: 'single' | 'pair';
  context?: Context;
  rule: string;
}

export const SINGLE_CONTEXT: Context = { TenantId: 'Acme' };
export const PAIR_CONTEXT: Context = { TenantId: 'Acme', Region: 'EU' };

export const VARIANTS: Variant[] = [
  { id: 'identical', name: 'Identical', blob: 'single', context: { TenantId: 'Acme' }, rule: 'The same map: KMS rebuilds the same AAD.' },
  { id: 'key-case', name: "Key's case changed", blob: 'single', context: { tenantId: 'Acme' }, rule: 'Keys are case-sensitive.' },
  { id: 'value-case', name: "Value's case changed", blob: 'single', context: { TenantId: 'acme' }, rule: 'Values are case-sensitive.' },
  { id: 'missing', name: 'Missing', blob: 'single', context: undefined, rule: 'The context is not stored in the blob: it must be sent again.' },
  { id: 'extra', name: 'An extra pair', blob: 'single', context: { TenantId: 'Acme', Env: 'prod' }, rule: 'The whole map must match; no pairs added.' },
  {
    id: 'reordered',
    name: 'Pairs in another order',
    blob: 'pair',
    context: { Region: 'EU', TenantId: 'Acme' },
    rule: 'A map has no order: KMS sorts the pairs before using them.',
  },
];

export function contextJson(context: Context | undefined): string {
  return context ? JSON.stringify(context) : '(none)';
}
