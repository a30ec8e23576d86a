import { describe, expect, it } from 'vitest';
import { toHex } from '../../shared/bytes';
import { canonicalContext, contextConditions, readEncryptionContext } from '../encryption-context';

const hex = (c: Record<string, string>) => toHex(canonicalContext(c));

describe('encryption context canonical form (AAD)', () => {
  it.each([
    [{}, '00000000'],
    [{ a: 'b' }, '00000001' + '00000001' + '61' + '00000001' + '62'],
    [{ k: '' }, '00000001' + '00000001' + '6b' + '00000000'],
    [{ b: '2', a: '1' }, '00000002' + '00000001' + '61' + '00000001' + '31' + '00000001' + '62' + '00000001' + '32'],
    [{ 'é': 'x' }, '00000001' + '00000002' + 'c3a9' + '00000001' + '78'],
  ])('encodes %j as %s', (ctx, expected) => {
    expect(hex(ctx)).toBe(expected);
  });

  it('is order-insensitive', () => {
    expect(hex({ purpose: 'test', dept: 'eng', z: '1' })).toBe(hex({ z: '1', dept: 'eng', purpose: 'test' }));
  });

  it('is case-sensitive in keys and values', () => {
    expect(hex({ Dept: 'eng' })).not.toBe(hex({ dept: 'eng' }));
    expect(hex({ dept: 'Eng' })).not.toBe(hex({ dept: 'eng' }));
  });

  it('is unambiguous where plain concatenation is not', () => {
    expect(hex({ ab: 'c' })).not.toBe(hex({ a: 'bc' }));
    expect(hex({ a: 'b', c: 'd' })).not.toBe(hex({ a: 'bcd' }));
  });

  it('sorts by UTF-8 bytes of the keys', () => {
    // 'Z' (5a) < 'a' (61) < 'é' (c3 a9); UTF-16 order would agree here but the rule is bytes.
    const h = hex({ 'é': '3', a: '2', Z: '1' });
    expect(h.indexOf('5a')).toBeLessThan(h.indexOf('61'));
    expect(h.indexOf('61')).toBeLessThan(h.indexOf('c3a9'));
  });

  it('treats no context and {} alike', () => {
    expect(toHex(canonicalContext(readEncryptionContext(undefined, 'encryptionContext')))).toBe(hex({}));
  });

  it('keeps a "__proto__" key (own property, not the prototype setter)', () => {
    const parsed = JSON.parse('{"__proto__":"x"}') as unknown;
    const ctx = readEncryptionContext(parsed, 'encryptionContext');
    expect(Object.keys(ctx)).toEqual(['__proto__']);
    expect(hex(ctx)).not.toBe(hex({}));
  });

  it('refuses non-string values', () => {
    expect(() => readEncryptionContext({ a: 1 }, 'encryptionContext')).toThrow();
    expect(() => readEncryptionContext(['a'], 'encryptionContext')).toThrow();
  });

  it('exposes kms:EncryptionContext:<key> condition keys', () => {
    expect(contextConditions({ dept: 'eng', app: 'x' })).toEqual({
      'kms:EncryptionContext:dept': 'eng',
      'kms:EncryptionContext:app': 'x',
      'kms:EncryptionContextKeys': ['dept', 'app'],
    });
    expect(contextConditions({})).toEqual({});
  });
});
