import { describe, expect, it } from 'vitest';
import { PAIR_CONTEXT, SINGLE_CONTEXT, VARIANTS, contextJson } from '../lib/variants';

/** What KMS's rule predicts: the decrypt context must equal the encrypt context as a map. */
function sameMap(a: Record<string, string> | undefined, b: Record<string, string>): boolean {
  const ak = Object.keys(a ?? {});
  return ak.length === Object.keys(b).length && ak.every((k) => a?.[k] === b[k]);
}

describe('context table variants', () => {
  it('has the six rows of the lab, in order', () => {
    expect(VARIANTS.map((v) => v.id)).toEqual(['identical', 'key-case', 'value-case', 'missing', 'extra', 'reordered']);
  });

  it('predicts success exactly for the identical and the reordered rows', () => {
    const succeed = VARIANTS.filter((v) => sameMap(v.context, v.blob === 'single' ? SINGLE_CONTEXT : PAIR_CONTEXT)).map((v) => v.id);
    expect(succeed).toEqual(['identical', 'reordered']);
  });

  it('sends the reordered pairs in another order on the wire', () => {
    const reordered = VARIANTS.find((v) => v.id === 'reordered');
    expect(contextJson(reordered?.context)).not.toBe(contextJson(PAIR_CONTEXT));
    expect(Object.keys(reordered?.context ?? {}).sort()).toEqual(Object.keys(PAIR_CONTEXT).sort());
  });

  it('shows a missing context as (none)', () => {
    expect(contextJson(undefined)).toBe('(none)');
  });
});
