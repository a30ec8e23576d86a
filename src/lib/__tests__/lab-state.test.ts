import { describe, expect, it } from 'vitest';
import { contextProblems, isUtf8, utf8Length } from '../bytes';
import { labStateKey } from '../lab-state';

describe('bad input answered before any call', () => {
  it('names an empty context key and a key given twice', () => {
    expect(contextProblems([{ key: 'a', value: '1' }])).toEqual([]);
    expect(contextProblems([{ key: '', value: '1' }])[0]).toMatch(/^Pair 1 has no key/);
    expect(contextProblems([{ key: 'a', value: '1' }, { key: 'a', value: '2' }])[0]).toMatch(/“a” is in pairs 1 and 2/);
  });

  it('counts UTF-8 bytes without encoding, surrogate pairs included', () => {
    for (const s of ['', 'abc', 'é', '€', '😀', 'a😀é€']) expect(utf8Length(s)).toBe(new TextEncoder().encode(s).length);
  });

  it('tells text from bytes that are not UTF-8', () => {
    expect(isUtf8(new TextEncoder().encode('héllo'))).toBe(true);
    expect(isUtf8(new Uint8Array([0xff, 0xfe, 0x00]))).toBe(false);
  });
});

describe('lab state keys', () => {
  it('are scoped by backend, region and target, so a reset of one backend clears only its own', () => {
    expect(labStateKey(['sandbox', 'us-east-1', 'x'], 'rotation:ledger')).toBe('kms-lab:lab-state:sandbox|us-east-1|x:rotation:ledger');
  });
});
