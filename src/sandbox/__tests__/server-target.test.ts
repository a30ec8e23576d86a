import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { queryRecord, requestTarget } from '../server';

/** What the server did before it split plain targets itself: the WHATWG URL parser, keys() and getAll(). */
function viaUrl(raw: string): { pathname: string; query: Record<string, string | string[]> } {
  const url = new URL(raw, 'http://localhost');
  const query: Record<string, string | string[]> = {};
  for (const k of new Set(url.searchParams.keys())) {
    if (k === '__proto__') continue;
    const all = url.searchParams.getAll(k);
    query[k] = all.length === 1 ? all[0]! : all;
  }
  return { pathname: url.pathname, query };
}

function viaServer(raw: string) {
  const t = requestTarget(raw);
  return { pathname: t.pathname, query: queryRecord(t.search) };
}

/** Both the same answer, or both refused (a target such as `//` is no URL at all). */
function same(raw: string): void {
  let want: ReturnType<typeof viaUrl> | 'invalid';
  try {
    want = viaUrl(raw);
  } catch {
    want = 'invalid';
  }
  if (want === 'invalid') expect(() => viaServer(raw)).toThrow();
  else expect(viaServer(raw)).toEqual(want);
}

describe('server request targets', () => {
  const cases = [
    '/',
    '/bench-bucket/o52?x-id=PutObject',
    '/bucket/key%20with%20spaces.txt?x-id=GetObject',
    '/bucket/a/b/c.txt?uploads=',
    '/bucket?list-type=2&prefix=a%2Fb&prefix=c&max-keys=5',
    '/bucket?delete',
    '/?Action=ListUsers&Version=2010-05-08',
    '/bucket/a+b?x=a+b&y=%2B',
    '/bucket/.hidden',
    '/bucket/a/../b',
    '/bucket/a/%2e%2E/b',
    '/bucket/./x',
    '/bucket/..',
    '//evil/path',
    '//',
    '/a\\b',
    '/a b?c d',
    '/a"b<c>`{}',
    '/a#frag?x=1',
    '/x?a=1#frag',
    '/caf\u00e9?k=\u00e9',
    '*',
    'http://other.example/path?q=1',
    '/bucket?',
    '/bucket?&&a=&=b&c',
    '/??',
    '/a??b=1',
    '/bucket?__proto__=x&__proto__=y&a=1',
    '/_sandbox/state',
    '/a%zz/%41?%zz=1',
  ];
  it.each(cases)('%s: the same path and query as the URL parser', (raw) => {
    same(raw);
  });

  it('any target made of URL-significant characters: the same path and query as the URL parser', () => {
    const alphabet = ['/', '/', 'a', 'b', '.', '..', '%2e', '%2E', '%20', '%', '?', '&', '=', '+', '#', '\\', ' ', '"', "'", '<', '>', '`', '{', '}', '^', '|', '[', ']', '~', '-', '_', ':', '@', ';', ',', '\u00e9', '\t', '__proto__'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...alphabet), { maxLength: 16 }), (parts) => {
        same(`/${parts.join('')}`);
      }),
      { numRuns: 2000 },
    );
  });

  it('a repeated name keeps its values in order, each name once in order first seen', () => {
    expect(queryRecord('?b=1&a=2&b=3&b=4')).toEqual({ b: ['1', '3', '4'], a: '2' });
    expect(Object.keys(queryRecord('?b=1&a=2&b=3'))).toEqual(['b', 'a']);
    expect(Object.getPrototypeOf(queryRecord('?__proto__=1&__proto__=2'))).toBe(Object.prototype);
  });
});
